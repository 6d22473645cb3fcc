// The structure tree of a tagged PDF (pdf/structure.h) from pages tagged by hand, read
// back with tests/tools/structure_check.py (pikepdf + pdfminer), qpdf and pdftotext.
#include <gtest/gtest.h>

#include <filesystem>
#include <sstream>

#include "cli_harness.h"
#include "core/error.h"
#include "core/file_io.h"
#include "pdf/pdf_writer.h"
#include "test_fonts.h"
#include "text/shaper.h"

namespace {

using namespace vanban;
namespace fs = std::filesystem;

// Its output (stdout and stderr); its exit status into `status`.
std::string run(const std::string& command, int* status = nullptr) {
  test::Result r = test::run(command);
  if (status) *status = r.status;
  return r.output;
}

// `utf8` shaped in the regular face at (x, y), tagged `tag` (one cluster's text on its
// first glyph).
layout::TextRun text_run(const std::string& utf8, double x, double y, int tag, double size = 14) {
  const text::Font& font = test::liberation_fonts().face(false, false);
  layout::TextRun run;
  run.font = &font;
  run.size = size;
  run.tag = tag;
  auto glyphs = text::shape(font, size, utf8);
  for (size_t i = 0; i < glyphs.size(); ++i) {
    size_t end = i + 1 < glyphs.size() ? glyphs[i + 1].cluster : utf8.size();
    std::string text = i > 0 && glyphs[i].cluster == glyphs[i - 1].cluster ? "" : utf8.substr(glyphs[i].cluster, end - glyphs[i].cluster);
    run.glyphs.push_back({glyphs[i].glyph_id, x, y, glyphs[i].x_advance, text});
    x += glyphs[i].x_advance;
  }
  return run;
}

struct File {
  fs::path path = fs::temp_directory_path() / ("vanban-structure-" + std::to_string(getpid()) + "-" +
                                               std::to_string(reinterpret_cast<uintptr_t>(this)) + ".pdf");
  explicit File(const std::string& bytes) { file_io::write_file_atomically(path.string(), bytes); }
  ~File() { fs::remove(path); }
  std::string check(const std::string& args = "") const {
    return run("/usr/bin/python3 " VANBAN_SOURCE_DIR "/tests/tools/structure_check.py " + path.string() + " " + args);
  }
};

layout::DocumentInfo info() {
  layout::DocumentInfo i;
  i.title = "Cấu trúc";
  i.creation_date = "D:20210305083000+07'00'";
  return i;
}

// Two pages: a heading, a paragraph broken by the page break (it continues on page 2),
// a list of one item, a rule and a page number as artifacts.
std::vector<layout::Page> two_pages() {
  layout::Page one;
  one.structure = {{"H1", -1, -1, {}}, {"P", -1, -1, {}}};
  one.runs.push_back(text_run("KẾ HOẠCH", 250, 80, 0));
  one.runs.push_back(text_run("Đoạn văn bắt đầu ở trang một", 85, 750, 1));
  one.rules.push_back(layout::Rule{250, 85, 330, 85, 0.5, {}, layout::kArtifact});
  layout::Page two;
  two.structure = {{"P", -1, 1, {}}, {"L", -1, -1, {}}, {"LI", 1, -1, {}}, {"LBody", 2, -1, {}}};
  two.runs.push_back(text_run("2", 295, 40, layout::kPagination));
  two.runs.push_back(text_run("và kết thúc ở trang hai.", 85, 80, 0));
  two.runs.push_back(text_run("- một mục", 85, 110, 3));
  return {one, two};
}

TEST(PdfStructure, TheTreeReachesEveryMarkedContentAndAParagraphContinuesOverThePageBreak) {
  File pdf(pdf::write_pdf(two_pages(), info()));
  int status = 0;
  std::string out = run("/usr/bin/python3 " VANBAN_SOURCE_DIR "/tests/tools/structure_check.py " + pdf.path.string() +
                            " --outline --expect H1 --expect P:1 --expect LBody",
                        &status);
  EXPECT_EQ(status, 0) << out;
  // One P, its text from both pages (an MCR names page 2), in reading order.
  EXPECT_NE(out.find("Document\n  H1: KẾ HOẠCH\n  P: Đoạn văn bắt đầu ở trang một và kết thúc ở trang hai.\n  L\n"
                     "    LI\n      LBody: - một mục\n"),
            std::string::npos)
      << out;
  EXPECT_NE(out.find("H1 1, L 1, LBody 1, LI 1, P 1"), std::string::npos) << out;
}

TEST(PdfStructure, ArtifactsAreMarkedAndPageNumbersArePagination) {
  File pdf(pdf::write_pdf(two_pages(), info()));
  std::string qdf = run("qpdf --qdf --object-streams=disable " + pdf.path.string() + " -");
  EXPECT_NE(qdf.find("/Artifact BMC"), std::string::npos);          // the rule
  EXPECT_NE(qdf.find("/Artifact <</Type /Pagination>> BDC"), std::string::npos);  // the "2"
  EXPECT_NE(qdf.find("/MarkInfo"), std::string::npos);
  EXPECT_NE(qdf.find("/RoleMap"), std::string::npos);
  EXPECT_NE(qdf.find("/HeaderBlock /Div"), std::string::npos);
}

TEST(PdfStructure, UntaggedHasNoTreeAndNoMarkedContent) {
  pdf::WriteOptions options;
  options.tagged = false;
  File pdf(pdf::write_pdf(two_pages(), info(), {}, options));
  std::string qdf = run("qpdf --qdf --object-streams=disable " + pdf.path.string() + " -");
  EXPECT_EQ(qdf.find("/StructTreeRoot"), std::string::npos);
  EXPECT_EQ(qdf.find("/MarkInfo"), std::string::npos);
  EXPECT_EQ(qdf.find("BDC"), std::string::npos);
  EXPECT_EQ(qdf.find("BMC"), std::string::npos);
  EXPECT_EQ(qdf.find("/StructParents"), std::string::npos);
}

TEST(PdfStructure, ATagOutOfPlaceIsAnOutputError) {
  auto pages = two_pages();
  pages[0].runs[0].tag = 7;  // no element 7
  try {
    pdf::write_pdf(pages, info());
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::Output);
  }
  pages = two_pages();
  pages[1].structure[0].continues = 5;  // page 1 has two elements
  EXPECT_THROW(pdf::write_pdf(pages, info()), Error);
  pages = two_pages();
  pages[1].structure[2].parent = 3;  // a parent after its child
  EXPECT_THROW(pdf::write_pdf(pages, info()), Error);
}

// Streamed (a batch): a page's elements are written once the next page does not continue
// them, before finish(): the writer keeps no tree of the whole file.
TEST(PdfStructure, ElementsAreWrittenAsPagesCome) {
  std::ostringstream out;
  pdf::PdfBuilder builder(info(), {}, &out);
  for (int i = 0; i < 3; ++i) {
    layout::Page page;
    page.structure = {{"Sect", -1, -1, {}}, {"H1", 0, -1, {}}};
    page.runs.push_back(text_run("GIẤY KHEN " + std::to_string(i + 1), 250, 80, 1));
    builder.add_page(page);
    const std::string so_far = out.str();
    size_t elements = 0;
    for (size_t at = 0; (at = so_far.find("/S /", at)) != std::string::npos; ++at) ++elements;
    EXPECT_EQ(elements, 2u * i) << "after page " << i + 1 << "\n" << so_far.substr(so_far.size() > 3000 ? so_far.size() - 3000 : 0);  // the previous pages' Sect and H1
  }
  builder.finish();
  File pdf(out.str());
  std::string check = pdf.check("--expect Sect:3 --expect H1:3");
  EXPECT_NE(check.find("ok "), std::string::npos) << check;
}

// A blank for handwriting wider than the font size ("Số:      /KH-SGD&ĐT") would make
// poppler read the line as two blocks: /ActualText gives it whole.
TEST(PdfStructure, ARunWithAWideBlankIsReadWhole) {
  layout::Page page;
  page.structure = {{"P", -1, -1, {}}, {"P", -1, -1, {}}};
  page.runs.push_back(text_run("Số:      /KH-SGD&ĐT", 100, 110, 0, 13));
  page.runs.push_back(text_run("Hòa Bình, ngày      tháng 3 năm 2021", 320, 200, 1));
  for (bool tagged : {true, false}) {
    pdf::WriteOptions options;
    options.tagged = tagged;
    File pdf(pdf::write_pdf({page}, info(), {}, options));
    std::string text = run("pdftotext -enc UTF-8 " + pdf.path.string() + " -");
    EXPECT_NE(text.find("Số:      /KH-SGD&ĐT\n"), std::string::npos) << text;
    EXPECT_NE(text.find("Hòa Bình, ngày      tháng 3 năm 2021\n"), std::string::npos) << text;
  }
  // A line without such a blank is left as it is.
  layout::Page plain;
  plain.runs.push_back(text_run("Số: 05/KH-SGD&ĐT", 100, 110, layout::kArtifact, 13));
  File pdf(pdf::write_pdf({plain}, info()));
  EXPECT_EQ(run("qpdf --qdf --object-streams=disable " + pdf.path.string() + " -").find("/ActualText"), std::string::npos);
}

}  // namespace
