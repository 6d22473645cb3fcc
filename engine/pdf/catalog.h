// What the catalog and the Info dictionary say about the whole file, written when a PDF
// is completed: the XMP metadata stream and /Lang (every file), the sRGB output intent
// (PDF/A), and Info dates the same as the XMP's.
#pragma once
#include <podofo/podofo.h>

#include "layout/frame.h"
#include "pdf/pdf_writer.h"

namespace vanban::pdf {

// `info` as the file was written (its creation_date may be empty: then the Info
// dictionary's, which PoDoFo set, is used for both so that the two agree). Call it after
// the structure tree is in the catalog: PDF/A-2a is claimed only with one (else 2u).
void complete_catalog(PoDoFo::PdfMemDocument& doc, const layout::DocumentInfo& info, const WriteOptions& options);

}  // namespace vanban::pdf
