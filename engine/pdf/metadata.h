// The document's metadata as XMP (ISO 16684-1): Dublin Core title, creator, language;
// the PDF/A identification when asked; and the document's identity and signature slots
// in vanban's own namespace (described by a PDF/A extension schema), so that a records
// system can index the file and `vanban sign` finds where the decree puts each signature.
#pragma once
#include <optional>
#include <string>
#include <string_view>

#include "layout/frame.h"
#include "pdf/pdf_writer.h"

namespace vanban::pdf {

// The XMP packet of a file written with `info` and `options` (UTF-8, with its xpacket
// wrapper). Deterministic: the creation date comes from info.creation_date.
std::string xmp_packet(const layout::DocumentInfo& info, const WriteOptions& options);

// The identity and signature slots recorded in an XMP packet (as xmp_packet writes them);
// nothing when the packet has none of vanban's namespace.
std::optional<layout::DocumentInfo> read_xmp(std::string_view xmp);

// The same from a PDF's catalog /Metadata (its last revision); nothing when the file has no
// metadata stream of vanban's. Error(Input) when `pdf` cannot be read as a PDF.
std::optional<layout::DocumentInfo> read_document_info(std::string_view pdf);

}  // namespace vanban::pdf
