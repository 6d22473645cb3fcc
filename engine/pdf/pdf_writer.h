// Pages of positioned glyphs -> PDF bytes, through PoDoFo's object model.
// Fonts are embedded as subset TrueType (hb-subset) in Type0/CIDFontType2 fonts with
// Identity-H encoding, a CIDToGIDMap and an exact ToUnicode map (one CID per distinct
// (glyph, text) pair, so copy-paste returns exactly the laid-out text).
#pragma once
#include <memory>
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
  std::string finish();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace vanban::pdf
