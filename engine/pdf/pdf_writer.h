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

// What the file must conform to beyond PDF 1.7.
enum class PdfA { None, A2u, A2a };   // ISO 19005-2 (TCVN 14159-2:2024); A2a needs tagged

class FontPrograms;  // pdf/font_programs.h

struct WriteOptions {
  bool tagged = true;       // a structure tree from the pages' tags (tagged PDF, MarkInfo)
  PdfA pdfa = PdfA::None;   // XMP pdfaid, sRGB OutputIntent and the clauses of ISO 19005-2
  // Font programs made once for many files (an engine's); null: each file gets subsets
  // of exactly the glyphs it uses. Not owned; must outlive the writing.
  const FontPrograms* font_programs = nullptr;
  // The graphics' content streams already compressed (deflate_graphics of the same
  // graphics, index for index), for files written many times with the same drawings (a
  // certificate per file); null: compressed for this file. Not owned.
  const std::vector<std::string>* deflated_graphics = nullptr;
  // Threads compressing the pages' content streams of write_pdf (the bytes do not depend
  // on it).
  int threads = 1;
};

// The content streams of `graphics` compressed as the writer compresses them, for
// WriteOptions::deflated_graphics.
std::vector<std::string> deflate_graphics(const std::vector<layout::Graphic>& graphics);

// Thread-safe: each call owns its PoDoFo document. Deterministic: the same pages and
// info with a fixed creation_date give byte-identical output.
// Throws vanban::Error(Output) on failure.
std::string write_pdf(const std::vector<layout::Page>& pages, const layout::DocumentInfo& info,
                      const std::vector<layout::Graphic>& graphics = {}, const WriteOptions& options = {});

// The same, page by page: a page is written out (to `out`) once added, so batches keep
// memory flat.
class PdfBuilder {
 public:
  // With `out`, the PDF is written there as pages come (memory does not grow with the
  // page count) and finish() returns nothing; without, finish() returns the bytes.
  PdfBuilder(const layout::DocumentInfo& info, const std::vector<layout::Graphic>& graphics = {},
             std::ostream* out = nullptr, const WriteOptions& options = {});
  ~PdfBuilder();
  PdfBuilder(const PdfBuilder&) = delete;
  PdfBuilder& operator=(const PdfBuilder&) = delete;
  void add_page(const layout::Page& page);
  // Pages in order; their content streams are compressed on `threads` threads. The
  // bytes do not depend on the thread count. `last`: no page follows (the fonts are then
  // embedded while the pages compress; adding a page after it is a logic error).
  void add_pages(const std::vector<const layout::Page*>& pages, int threads, bool last = false);
  std::string finish();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace vanban::pdf
