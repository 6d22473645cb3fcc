// Font programs made once and shared by many files (pdf/font_programs.h, issue #14): what
// the repertoire holds, that a file carries the shared program and reads exactly as with
// a subset of its own, and that a glyph outside the repertoire gives its face a subset of
// its own again.
#include <gtest/gtest.h>
#include <hb.h>

#include <string>
#include <vector>

#include "core/file_io.h"
#include "pdf/font_programs.h"
#include "pdf/pdf_writer.h"
#include "pdf_test_support.h"

namespace {

using namespace vanban;
using namespace vanban::test;

bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

TEST(FontPrograms, TheRepertoireProgramHasEveryGlyphOfItsCodePoints) {
  pdf::FontPrograms programs;
  for (bool bold : {false, true}) {
    for (bool italic : {false, true}) {
      const text::Font& face = fonts().face(bold, italic);
      const pdf::FontProgram& program = programs.of(face);
      EXPECT_EQ(&programs.of(face), &program) << "made once";
      EXPECT_GT(program.length, program.deflated.size());
      EXPECT_EQ(program.tag.size(), 6u);
      int missing = 0;
      for (uint32_t cp : pdf::font_repertoire()) {
        hb_codepoint_t glyph = 0;
        if (!hb_font_get_nominal_glyph(face.hb_font(), cp, &glyph)) {
          ++missing;
          continue;
        }
        EXPECT_TRUE(program.has(glyph)) << face.postscript_name() << " U+" << std::hex << cp;
      }
      EXPECT_EQ(missing, 0) << face.postscript_name();
      // And no more than the repertoire's glyphs: "Ω" and "中" are not in it.
      for (uint32_t cp : {0x3A9u, 0x4E2Du}) {
        hb_codepoint_t glyph = 0;
        if (hb_font_get_nominal_glyph(face.hb_font(), cp, &glyph)) EXPECT_FALSE(program.has(glyph)) << cp;
      }
    }
  }
  // The four faces' programs are told apart by their tags.
  EXPECT_NE(programs.of(fonts().face(false, false)).tag, programs.of(fonts().face(true, false)).tag);
}

TEST(FontPrograms, FilesCarryTheSharedProgramAndReadAsWithTheirOwnSubsets) {
  pdf::FontPrograms programs;
  pdf::WriteOptions shared;
  shared.font_programs = &programs;
  const std::string own = pdf::write_pdf(sample_pages(), info());
  const std::string with = pdf::write_pdf(sample_pages(), info(), {}, shared);
  for (bool bold : {false, true}) {
    for (bool italic : {false, true}) {
      const pdf::FontProgram& program = programs.of(fonts().face(bold, italic));
      EXPECT_TRUE(contains(with, program.deflated)) << "the shared program's bytes, as made once";
      EXPECT_FALSE(contains(own, program.deflated));
      EXPECT_TRUE(contains(with, "/" + program.tag + "+" + fonts().face(bold, italic).postscript_name()));
    }
  }
  // Another document carries the same bytes.
  std::vector<layout::Page> other(1);
  other[0].runs.push_back(make_run(fonts().face(false, false), 14, "Nơi nhận: Như trên; Lưu: VT.", 85, 400));
  EXPECT_TRUE(contains(pdf::write_pdf(other, info(), {}, shared), programs.of(fonts().face(false, false)).deflated));

  TempDir dir;
  const std::string a = dir.write("own.pdf", own), b = dir.write("shared.pdf", with);
  EXPECT_EQ(output_of("pdftotext -layout -enc UTF-8 " + b + " -"), output_of("pdftotext -layout -enc UTF-8 " + a + " -"));
  EXPECT_EQ(output_of("pdftotext -bbox " + b + " -"), output_of("pdftotext -bbox " + a + " -"));
  int status = 1;
  std::string check = output_of("qpdf --check " + b, &status);
  EXPECT_EQ(status, 0) << check;
  // The same pixels: each glyph's outline is found through the shared program's ids.
  output_of("pdftoppm -r 40 -png " + a + " " + (dir.path / "own").string());
  output_of("pdftoppm -r 40 -png " + b + " " + (dir.path / "shared").string());
  for (const char* page : {"-1.png", "-2.png"}) {
    const std::string x = file_io::read_file((dir.path / (std::string("own") + page)).string());
    const std::string y = file_io::read_file((dir.path / (std::string("shared") + page)).string());
    EXPECT_FALSE(x.empty());
    EXPECT_EQ(x, y) << page;
  }
}

TEST(FontPrograms, AGlyphOutsideTheRepertoireGivesItsFaceASubsetOfItsOwn) {
  pdf::FontPrograms programs;
  pdf::WriteOptions shared;
  shared.font_programs = &programs;
  std::vector<layout::Page> pages(1);
  pages[0].runs.push_back(make_run(fonts().face(false, false), 14, "Ωmega Ngô", 85, 100));
  pages[0].runs.push_back(make_run(fonts().face(true, false), 14, "Độc lập", 85, 130));
  const std::string pdf = pdf::write_pdf(pages, info(), {}, shared);
  EXPECT_FALSE(contains(pdf, programs.of(fonts().face(false, false)).deflated)) << "the regular face: its own subset";
  EXPECT_TRUE(contains(pdf, programs.of(fonts().face(true, false)).deflated)) << "the bold face: the shared program";
  TempDir dir;
  const std::string path = dir.write("a.pdf", pdf);
  const std::string text = output_of("pdftotext -raw -enc UTF-8 " + path + " -");
  EXPECT_TRUE(contains(text, "Ωmega Ngô")) << text;
  EXPECT_TRUE(contains(text, "Độc lập")) << text;
  int status = 1;
  std::string fonts_out = output_of("pdffonts " + path, &status);
  EXPECT_EQ(status, 0) << fonts_out;
  EXPECT_EQ(output_of("pdffonts " + path + " | grep -c 'CID TrueType *Identity-H *yes *yes *yes'"), "2\n") << fonts_out;
}

TEST(FontPrograms, DrawingsCompressedOnceAndThreadsGiveTheSameBytes) {
  layout::Graphic border;
  border.width = 841.89;
  border.height = 595.28;
  for (int i = 0; i < 40; ++i) {
    border.rules.push_back(layout::Rule{20.0 + i, 20.0, 820.0 - i, 20.0 + i * 0.5, 0.75, {0.8, 0.1, 0.1}});
    border.rects.push_back(layout::FilledRect{30.0 + 3 * i, 40.0, 2.0, 2.0, {0.6, 0.5, 0.1}});
  }
  std::vector<layout::Page> pages = sample_pages();
  for (auto& page : pages) page.graphics.push_back(0);
  const std::vector<layout::Graphic> graphics{border};
  const std::string plain = pdf::write_pdf(pages, info(), graphics);
  const std::vector<std::string> deflated = pdf::deflate_graphics(graphics);
  ASSERT_EQ(deflated.size(), 1u);
  EXPECT_TRUE(contains(plain, deflated[0]));
  pdf::WriteOptions given;
  given.deflated_graphics = &deflated;
  given.threads = 2;
  EXPECT_EQ(pdf::write_pdf(pages, info(), graphics, given), plain);
  // The streams given are the ones written (not made again from the drawing).
  layout::Graphic other = border;
  other.rules.resize(3);
  const std::vector<std::string> others = pdf::deflate_graphics({other});
  given.deflated_graphics = &others;
  EXPECT_TRUE(contains(pdf::write_pdf(pages, info(), graphics, given), others[0]));
}

}  // namespace
