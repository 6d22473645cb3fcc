// The PDF writer alone: pages built by hand, read back with poppler and qpdf.
#include <gtest/gtest.h>

#include <hb.h>

#include <array>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <cstdlib>
#include <thread>
#include <mutex>
#include <condition_variable>
#include <regex>
#include <sstream>

#include "core/file_io.h"
#include "pdf/pdf_writer.h"
#include "cli_harness.h"
#include "pdf_test_support.h"
#include "test_fonts.h"
#include "text/font.h"

namespace {

using namespace vanban;
using namespace vanban::test;
namespace fs = std::filesystem;

TEST(PdfWriter, TextCopiesBackExactly) {
  TempDir dir;
  std::string pdf = dir.write("a.pdf", pdf::write_pdf(sample_pages(), info()));
  std::string text = output_of("pdftotext -raw -enc UTF-8 " + pdf + " -");
  for (const char* s : {"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
                        "Hòa Bình, ngày 05 tháng 3 năm 2021", "Nơi nhận:", "Số: 05/KH-UBND", "oò"}) {
    EXPECT_NE(text.find(s), std::string::npos) << s << "\n---\n" << text;
  }
}

TEST(PdfWriter, FontsAreEmbeddedSubsetCidFontsWithUnicodeMaps) {
  TempDir dir;
  std::string pdf = dir.write("a.pdf", pdf::write_pdf(sample_pages(), info()));
  std::string out = output_of("pdffonts " + pdf);
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
  std::string out = output_of("qpdf --check " + pdf, &status);
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
  std::string out = output_of("pdfinfo " + dir.write("a.pdf", a));
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
  std::string html = output_of("pdftotext -bbox -f 1 -l 1 " + pdf + " -");
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
  output_of("qpdf --qdf --object-streams=disable " + pdf + " " + qdf);
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

// Pages compressed by many threads while they are written (each thread waits for a
// different page): the bytes of one thread, every time, and the writing ends. (A page's
// notice once woke only one of the waiting threads: a 64-thread batch short of memory
// hung; this test did not catch that — the waits are woken in order nearly always — but
// it would catch a writer that hangs often.)
TEST(PdfWriter, ManyThreadsCompressingPagesGiveTheSameBytesAndEnd) {
  std::vector<layout::Page> pages;
  for (int i = 0; i < 30; ++i) {
    for (auto& page : sample_pages()) pages.push_back(std::move(page));
  }
  const std::string one = pdf::write_pdf(pages, info());
  struct Shared {
    std::mutex mutex;
    std::condition_variable done;
    int finished = 0;
    std::vector<std::string> differing;
  };
  auto shared = std::make_shared<Shared>();
  const int kRuns = 40;
  std::thread([shared, pages, one] {
    for (int run = 0; run < kRuns; ++run) {
      pdf::WriteOptions options;
      options.threads = std::vector<int>{2, 3, 5, 8, 64}[run % 5];
      const bool same = pdf::write_pdf(pages, info(), {}, options) == one;
      std::lock_guard<std::mutex> lock(shared->mutex);
      if (!same) shared->differing.push_back("threads " + std::to_string(options.threads));
      ++shared->finished;
      shared->done.notify_all();
    }
  }).detach();
  std::unique_lock<std::mutex> lock(shared->mutex);
  if (!shared->done.wait_for(lock, std::chrono::seconds(60), [&] { return shared->finished == kRuns; })) {
    ADD_FAILURE() << "the writing did not end: " << shared->finished << " of " << kRuns << " files written";
    std::fflush(nullptr);
    std::_Exit(1);  // threads stuck for ever: the test program cannot end otherwise
  }
  EXPECT_TRUE(shared->differing.empty()) << shared->differing.front();
}

}  // namespace
