// Flate (zlib) compression of a stream's bytes, for streams vanban compresses itself
// (page contents, shared drawings, font programs, images) and hands to PoDoFo as raw,
// already filtered data (/Filter /FlateDecode).
#pragma once
#include <podofo/podofo.h>

#include <string>
#include <string_view>

namespace vanban::pdf {

// `data` compressed at zlib `level` into `out` (replaced). False when zlib fails for
// another reason than memory (std::bad_alloc is thrown for that): the caller says what
// could not be compressed.
bool deflate_into(std::string& out, std::string_view data, int level);

// `deflated` (compressed by deflate_into) as the stream of `object`, /Filter /FlateDecode.
void set_deflated_stream(PoDoFo::PdfObject& object, std::string_view deflated);

}  // namespace vanban::pdf
