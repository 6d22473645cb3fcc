// Flate (zlib) compression of a stream's bytes, for streams vanban compresses itself
// (page contents, shared drawings, font programs and maps, images) and hands to PoDoFo
// as raw, already filtered data (/Filter /FlateDecode).
#pragma once
#include <podofo/podofo.h>
#include <zlib.h>

#include <string>
#include <string_view>

namespace vanban::pdf {

// Compresses stream after stream with one zlib state, reset between them: zlib's state
// is sized by its window and memory level (256 KB with the defaults), and allocating and
// clearing it cost more than compressing a page of a certificate or a font's ToUnicode
// map (80-90 µs against 5-10). The window is fitted to the data — a window as large as
// the data finds the same matches — and the state is kept while streams need the same
// window and level.
// The bytes of a stream depend only on the stream and the level (a reset state is a new
// one), so output does not depend on which Deflater, or thread, compressed it. Large
// data gets zlib's defaults: its bytes are compress2's. Not thread-safe: one per thread.
class Deflater {
 public:
  Deflater() = default;
  ~Deflater();
  Deflater(const Deflater&) = delete;
  Deflater& operator=(const Deflater&) = delete;

  // `data` compressed at zlib `level` into `out` (replaced). False when zlib fails for
  // another reason than memory (std::bad_alloc is thrown for that): the caller says what
  // could not be compressed.
  bool deflate(std::string& out, std::string_view data, int level);

 private:
  z_stream z_{};
  bool open_ = false;
  int window_ = 0, level_ = 0;
};

// The same with a state of its own (one stream).
bool deflate_into(std::string& out, std::string_view data, int level);

// `deflated` (compressed by a Deflater) as the stream of `object`, /Filter /FlateDecode.
void set_deflated_stream(PoDoFo::PdfObject& object, std::string_view deflated);

}  // namespace vanban::pdf
