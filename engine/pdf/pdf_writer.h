// Pages of positioned glyphs -> PDF bytes, through PoDoFo's object model.
// Fonts are embedded as subset TrueType (hb-subset) in Type0/CIDFontType2 fonts with
// Identity-H encoding, a CIDToGIDMap and an exact ToUnicode map (one CID per distinct
// (glyph, text) pair, so copy-paste returns exactly the laid-out text).
#pragma once
#include <memory>
#include <ostream>
#include <string>
#include <vector>
#include "layout/frame.h"

namespace vanban::pdf {

// Thread-safe: each call owns its PoDoFo document. Deterministic: the same pages and
// info with a fixed creation_date give byte-identical output.
// Throws vanban::Error(Output) on failure.
std::string write_pdf(const std::vector<layout::Page>& pages, const layout::DocumentInfo& info,
                      const std::vector<layout::Graphic>& graphics = {});

// The same, page by page: a page can be dropped once added (batches keep memory flat:
// only the compressed content streams stay until finish()).
class PdfBuilder {
 public:
  PdfBuilder(const layout::DocumentInfo& info, const std::vector<layout::Graphic>& graphics = {});
  ~PdfBuilder();
  PdfBuilder(const PdfBuilder&) = delete;
  PdfBuilder& operator=(const PdfBuilder&) = delete;
  void add_page(const layout::Page& page);
  // Pages in order; their content streams are compressed on `threads` threads. The
  // bytes do not depend on the thread count.
  void add_pages(const std::vector<const layout::Page*>& pages, int threads);
  std::string finish();
  // Writes the PDF to `out` (a file: no second copy in memory).
  void finish(std::ostream& out);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace vanban::pdf
