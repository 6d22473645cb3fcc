// The PDF writer alone: pages built by hand, read back with poppler and qpdf.
#include <gtest/gtest.h>

#include <hb.h>

#include <array>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

#include "core/file_io.h"
#include "pdf/pdf_writer.h"
#include "cli_harness.h"
#include "test_fonts.h"
#include "text/font.h"

namespace {

using namespace vanban;
namespace fs = std::filesystem;

const text::FontFamily& fonts() { return test::liberation_fonts(); }

std::string run(const std::string& command, int* status = nullptr) {
  test::Result r = test::run(command);
  if (status) *status = r.status;
  return r.output;
}

// A run of `utf8` in `font` at (x, y), one glyph per code point, natural advances.
// `texts` may override the text each glyph stands for.
layout::TextRun make_run(const text::Font& font, double size, const std::string& utf8, double x, double y,
                         std::vector<std::string> texts = {}) {
  layout::TextRun run;
  run.font = &font;
  run.size = size;
  size_t i = 0, k = 0;
  while (i < utf8.size()) {
    size_t n = 1;
    while (i + n < utf8.size() && (static_cast<unsigned char>(utf8[i + n]) & 0xC0) == 0x80) ++n;
    std::string ch = utf8.substr(i, n);
    hb_buffer_t* b = hb_buffer_create();
    hb_buffer_add_utf8(b, ch.data(), static_cast<int>(ch.size()), 0, -1);
    hb_buffer_guess_segment_properties(b);
    hb_shape(font.hb_font(), b, nullptr, 0);
    unsigned count;
    hb_glyph_info_t* info = hb_buffer_get_glyph_infos(b, &count);
    uint32_t gid = info[0].codepoint;
    hb_buffer_destroy(b);
    double advance = font.glyph_advance(gid) * size / font.units_per_em();
    run.glyphs.push_back({gid, x, y, advance, k < texts.size() ? texts[k] : ch});
    x += advance;
    i += n;
    ++k;
  }
  return run;
}

struct TempDir {
  fs::path path = fs::temp_directory_path() / ("vanban-pdf-" + std::to_string(getpid()) + "-" +
                                               std::to_string(reinterpret_cast<uintptr_t>(this)));
  TempDir() { fs::create_directories(path); }
  ~TempDir() { fs::remove_all(path); }
  std::string write(const std::string& name, const std::string& bytes) const {
    file_io::write_file_atomically((path / name).string(), bytes);
    return (path / name).string();
  }
};

std::vector<layout::Page> sample_pages() {
  layout::Page page;
  page.runs.push_back(make_run(fonts().face(true, false), 13, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 300, 70));
  page.runs.push_back(make_run(fonts().face(true, false), 14, "Độc lập - Tự do - Hạnh phúc", 330, 86));
  page.runs.push_back(make_run(fonts().face(false, true), 14, "Hòa Bình, ngày 05 tháng 3 năm 2021", 310, 110));
  page.runs.push_back(make_run(fonts().face(true, true), 12, "Nơi nhận:", 85, 400));
  page.runs.push_back(make_run(fonts().face(false, false), 14, "Số: 05/KH-UBND", 100, 110));
  // The glyph "o" standing once for "o" and once for "ò" (a base letter that carried a
  // combining mark): each must copy back as its own text.
  page.runs.push_back(make_run(fonts().face(false, false), 14, "oo", 100, 200, {"o", "ò"}));
  page.rules.push_back(layout::Rule{330, 90, 500, 90, 0.6, {}});
  layout::Page second;
  second.runs.push_back(make_run(fonts().face(false, false), 14, "2", 290, 40));
  return {page, second};
}

layout::DocumentInfo info(const std::string& date = "D:20210305083000+07'00'") {
  layout::DocumentInfo i;
  i.title = "Kế hoạch xây dựng, nhân rộng";
  i.author = "SỞ GIÁO DỤC VÀ ĐÀO TẠO";
  i.creation_date = date;
  return i;
}

TEST(PdfWriter, TextCopiesBackExactly) {
  TempDir dir;
  std::string pdf = dir.write("a.pdf", pdf::write_pdf(sample_pages(), info()));
  std::string text = run("pdftotext -raw -enc UTF-8 " + pdf + " -");
  for (const char* s : {"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
                        "Hòa Bình, ngày 05 tháng 3 năm 2021", "Nơi nhận:", "Số: 05/KH-UBND", "oò"}) {
    EXPECT_NE(text.find(s), std::string::npos) << s << "\n---\n" << text;
  }
}

TEST(PdfWriter, FontsAreEmbeddedSubsetCidFontsWithUnicodeMaps) {
  TempDir dir;
  std::string pdf = dir.write("a.pdf", pdf::write_pdf(sample_pages(), info()));
  std::string out = run("pdffonts " + pdf);
  std::istringstream in(out);
  std::string line;
  int fonts_seen = 0;
  while (std::getline(in, line)) {
    if (line.find("LiberationSerif") == std::string::npos) continue;
    ++fonts_seen;
    EXPECT_TRUE(std::regex_search(line, std::regex(R"(^[A-Z]{6}\+LiberationSerif\S*\s+CID TrueType\s+Identity-H\s+yes\s+yes\s+yes)")))
        << line;
  }
  EXPECT_EQ(fonts_seen, 4) << out;
}

TEST(PdfWriter, QpdfCheckIsClean) {
  TempDir dir;
  std::string pdf = dir.write("a.pdf", pdf::write_pdf(sample_pages(), info()));
  int status = 0;
  std::string out = run("qpdf --check " + pdf, &status);
  EXPECT_EQ(status, 0) << out;
  EXPECT_NE(out.find("No syntax or stream encoding errors"), std::string::npos) << out;
}

TEST(PdfWriter, FixedDateGivesIdenticalBytesAndTitleIsUnicode) {
  std::string a = pdf::write_pdf(sample_pages(), info());
  std::string b = pdf::write_pdf(sample_pages(), info());
  std::string c = pdf::write_pdf(sample_pages(), info("D:20210306083000+07'00'"));
  EXPECT_EQ(a, b);
  EXPECT_NE(a, c);
  TempDir dir;
  std::string out = run("pdfinfo " + dir.write("a.pdf", a));
  EXPECT_NE(out.find("Title:           Kế hoạch xây dựng, nhân rộng"), std::string::npos) << out;
  EXPECT_NE(out.find("Pages:           2"), std::string::npos) << out;
}

TEST(PdfWriter, GlyphsLandWhereTheLayoutPutThem) {
  auto pages = sample_pages();
  // Spread the motto's glyphs like a justified line: every glyph 1.5 pt further on.
  auto& motto = pages[0].runs[1];
  for (size_t i = 0; i < motto.glyphs.size(); ++i) motto.glyphs[i].x += 1.5 * i;
  TempDir dir;
  std::string pdf = dir.write("a.pdf", pdf::write_pdf(pages, info()));
  std::string html = run("pdftotext -bbox -f 1 -l 1 " + pdf + " -");
  // <word xMin="330.000000" yMin=... >Độc</word>
  std::smatch m;
  std::string::const_iterator from = html.begin();
  std::regex word(R"re(<word xMin="([0-9.]+)" yMin="([0-9.]+)" xMax="([0-9.]+)" yMax="([0-9.]+)">([^<]*)</word>)re");
  std::map<std::string, double> x_of;
  while (std::regex_search(from, html.cend(), m, word)) {
    x_of.emplace(m[5].str(), std::stod(m[1].str()));
    from = m.suffix().first;
  }
  ASSERT_TRUE(x_of.count("Độc")) << html;
  EXPECT_NEAR(x_of["Độc"], motto.glyphs[0].x, 0.05);
  // "Tự" is the 9th glyph of "Độc lập - Tự do - Hạnh phúc".
  ASSERT_TRUE(x_of.count("Tự")) << html;
  EXPECT_NEAR(x_of["Tự"], motto.glyphs[10].x, 0.05);
  EXPECT_NEAR(x_of["phúc"], motto.glyphs[23].x, 0.05);
}

TEST(PdfWriter, RulesAreStrokedAtTheirPlace) {
  TempDir dir;
  std::string pdf = dir.write("a.pdf", pdf::write_pdf(sample_pages(), info()));
  std::string qdf = (dir.path / "q.pdf").string();
  run("qpdf --qdf --object-streams=disable " + pdf + " " + qdf);
  std::string content;
  {
    std::ifstream in(qdf, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    content = ss.str();
  }
  // y is flipped: 841.89 - 90 = 751.89
  EXPECT_NE(content.find("0.6 w 0 0 0 RG 330 751.89 m 500 751.89 l S"), std::string::npos);
}

}  // namespace
