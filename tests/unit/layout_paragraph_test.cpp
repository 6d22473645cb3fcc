#include <gtest/gtest.h>

#include <cmath>

#include "layout/layout.h"
#include "layout/paragraph.h"
#include "style/profile.h"
#include "test_fonts.h"
#include "text/font.h"
#include "wording/wording.h"

namespace {

using namespace vanban;

const text::FontFamily& fonts() { return test::liberation_fonts(); }

const style::Template& tpl() {
  static const style::Template t = style::load_template("ke-hoach", {VANBAN_SOURCE_DIR "/templates"});
  return t;
}

model::RichText plain(const std::string& s) { return {model::Span{s, false, false}}; }

double line_end(const layout::Line& line) {
  const auto& g = line.runs.back().glyphs.back();
  return g.x + g.advance;
}

std::string line_text(const layout::Line& line) {
  std::string s;
  for (const auto& r : line.runs)
    for (const auto& g : r.glyphs) s += g.text;
  return s;
}

const std::string kLong =
    "Căn cứ Kế hoạch số 1374/ BGDĐT ngày 02/1/2020 của Bộ Giáo dục và Đào tạo về thực hiện phong trào thi "
    "đua “Đổi mới, sáng tạo trong quản lý, giảng dạy và học tập” ngành Giáo dục giai đoạn 2020 - 2025; "
    "Thực hiện Công văn số 621/BGDĐT-TĐKT ngày 22/02/2021 của Bộ Giáo dục và Đào tạo về việc phát hiện.";

TEST(Paragraph, JustifiedLinesEndExactlyAtTheRightEdgeButTheLast) {
  const auto& body = tpl().style("body");
  double width = 300;
  auto lines = layout::set_paragraph(plain(kLong), body, width, fonts());
  ASSERT_GE(lines.size(), 4u);
  for (size_t i = 0; i + 1 < lines.size(); ++i) EXPECT_NEAR(line_end(lines[i]), width, 1e-6) << i;
  EXPECT_LT(line_end(lines.back()), width - 1);
  EXPECT_NEAR(lines[0].runs[0].glyphs[0].x, body.first_indent, 1e-9);
  EXPECT_NEAR(lines[1].runs[0].glyphs[0].x, 0, 1e-9);
}

TEST(Paragraph, TextOfAllLinesGivesBackTheParagraph) {
  auto lines = layout::set_paragraph(plain(kLong), tpl().style("body"), 250, fonts());
  std::string joined;
  for (const auto& l : lines) joined += (joined.empty() ? "" : " ") + line_text(l);
  EXPECT_EQ(joined, kLong);
}

TEST(Paragraph, DocumentNumbersAndDatesNeverSplitAcrossLines) {
  auto ends_with = [](const std::string& s, const std::string& t) {
    return s.size() >= t.size() && s.compare(s.size() - t.size(), t.size(), t) == 0;
  };
  int checked = 0;
  // Narrow columns force breaks everywhere a break is allowed.
  for (double width = 120; width < 320; width += 3) {
    auto lines = layout::set_paragraph(plain(kLong), tpl().style("body"), width, fonts());
    for (size_t i = 0; i + 1 < lines.size(); ++i) {
      std::string a = line_text(lines[i]), b = line_text(lines[i + 1]);
      for (std::string tok : {"621/BGDĐT-TĐKT", "02/1/2020", "22/02/2021", "2020 - 2025"}) {
        for (size_t cut = 1; cut < tok.size(); ++cut) {
          if ((tok[cut] & 0xC0) == 0x80 || tok[cut] == ' ' || tok[cut - 1] == ' ') continue;
          ++checked;
          EXPECT_FALSE(ends_with(a, tok.substr(0, cut)) && b.rfind(tok.substr(cut), 0) == 0)
              << "width " << width << " splits " << tok << ": [" << a << "] / [" << b << "]";
        }
      }
    }
  }
  EXPECT_GT(checked, 100);
}

TEST(Paragraph, CentredLineIsCentred) {
  auto lines = layout::set_paragraph(plain("KẾ HOẠCH"), tpl().style("document-type"), 400, fonts());
  ASSERT_EQ(lines.size(), 1u);
  double left = lines[0].runs[0].glyphs[0].x;
  EXPECT_NEAR(left + lines[0].natural_width / 2, 200, 1e-6);
}

TEST(Paragraph, UppercaseStyleUsesVietnameseCaseMapping) {
  auto lines = layout::set_paragraph(plain("sở giáo dục và đào tạo"), tpl().style("issuing-agency"), 400, fonts());
  EXPECT_EQ(line_text(lines[0]), "SỞ GIÁO DỤC VÀ ĐÀO TẠO");
}

TEST(Paragraph, LeaderLineRunsExactlyToTheRightEdge) {
  auto line = layout::set_leader_line("…", tpl().style("fill-line"), 467.7, fonts());
  ASSERT_FALSE(line.runs.empty());
  EXPECT_NEAR(line.runs[0].glyphs[0].x, 0, 1e-9);
  EXPECT_NEAR(line_end(line), 467.7, 1e-6);
  EXPECT_GT(line.runs[0].glyphs.size(), 20u);
}

model::Document small_document(int sections, int paragraphs_per_section) {
  model::Document d;
  d.parent_agency = {"UBND TỈNH HÒA BÌNH"};
  d.issuing_agency = {"SỞ GIÁO DỤC VÀ ĐÀO TẠO"};
  d.number = {"05", "KH-SGDĐT"};
  d.place = "Hòa Bình";
  d.date = {5, 3, 2021};
  d.subject = "Thử nghiệm phân trang";
  for (int s = 0; s < sections; ++s) {
    model::Block section;
    section.kind = model::BlockKind::Section;
    section.title = plain("MỤC " + std::to_string(s + 1));
    for (int p = 0; p < paragraphs_per_section; ++p) {
      model::Block dash;
      dash.kind = model::BlockKind::Dash;
      size_t cut = 80 + 37 * ((s * 7 + p * 3) % 9);
      while ((kLong[cut] & 0xC0) == 0x80) --cut;  // not inside a letter
      dash.text = plain(kLong.substr(0, cut));
      section.children.push_back(dash);
    }
    d.body.push_back(section);
  }
  d.recipients = {"Như trên;", "Lưu: VT."};
  d.signatures = {{{"KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"}, "Nguyễn Văn A", "signature"}};
  return d;
}

std::string run_text(const layout::TextRun& r) {
  std::string s;
  for (const auto& g : r.glyphs) s += g.text;
  return s;
}

TEST(Pages, HeadingsAreNeverTheLastLineOfAPage) {
  // Many sizes of section, so that headings fall at every place on the page.
  for (int per = 1; per <= 4; ++per) {
    auto doc = layout::layout_document(small_document(40, per), tpl(), fonts());
    ASSERT_GE(doc.pages.size(), 3u);
    for (size_t p = 0; p + 1 < doc.pages.size(); ++p) {
      const auto& runs = doc.pages[p].runs;
      double last = 0;
      for (const auto& r : runs) last = std::max(last, r.glyphs[0].y);
      for (const auto& r : runs) {
        if (run_text(r).rfind("MỤC", 0) == 0 || run_text(r).find(". MỤC") != std::string::npos) {
          EXPECT_LT(r.glyphs[0].y, last - 1) << "heading stranded at the bottom of page " << p + 1;
        }
      }
    }
  }
}

TEST(Pages, NoPageNumberOnPageOneThenTwoThreeInTheTopMargin) {
  auto doc = layout::layout_document(small_document(30, 3), tpl(), fonts());
  ASSERT_GE(doc.pages.size(), 3u);
  for (size_t p = 0; p < doc.pages.size(); ++p) {
    std::string number;
    for (const auto& r : doc.pages[p].runs)
      if (r.glyphs[0].y < tpl().page.margin_top) number += run_text(r);
    EXPECT_EQ(number, p == 0 ? "" : std::to_string(p + 1));
  }
}

TEST(Pages, ClosingBlockIsNeverSplitAndKeepsBodyLinesWithIt) {
  for (int sections = 1; sections < 14; ++sections) {
    auto doc = layout::layout_document(small_document(sections, 3), tpl(), fonts());
    size_t label_page = 99, signer_page = 98;
    for (size_t p = 0; p < doc.pages.size(); ++p) {
      bool body = false;
      for (const auto& r : doc.pages[p].runs) {
        std::string t = run_text(r);
        if (t == "Nơi nhận:") label_page = p;
        if (t == "Nguyễn Văn A") signer_page = p;
        if (t.rfind("- Căn cứ", 0) == 0) body = true;
      }
      if (p == label_page) EXPECT_TRUE(body) << "the closing is alone on page " << p + 1;
    }
    EXPECT_EQ(label_page, signer_page) << sections;
  }
}

}  // namespace

namespace {

TEST(AppendixNumbering, RomanForTwoOrMoreNoneForOneUnlessTheModelAsks) {
  model::Document d;
  d.appendices.resize(2);
  EXPECT_EQ(wording::appendix_label(d, tpl(), 0), "Phụ lục I");
  EXPECT_EQ(wording::appendix_label(d, tpl(), 1), "Phụ lục II");
  d.appendix_numbering = model::AppendixNumbering::Arabic;
  EXPECT_EQ(wording::appendix_label(d, tpl(), 1), "Phụ lục 2");
  d.appendices[1].label = "B";
  EXPECT_EQ(wording::appendix_label(d, tpl(), 1), "Phụ lục B");
  model::Document one;
  one.appendices.resize(1);
  EXPECT_EQ(wording::appendix_label(one, tpl(), 0), "Phụ lục");
}

TEST(Tables, RowsStayWholeAndATallRowBreaksOnlyWhenTallerThanAPage) {
  auto form = style::load_template("phu-luc-3", {VANBAN_SOURCE_DIR "/templates"});
  model::FormRecord record;
  auto& rows = record.tables["thong_ke"];
  for (int i = 0; i < 40; ++i) {
    std::string long_text;
    for (int k = 0; k <= i % 5; ++k) long_text += "tiêu chí so sánh dài ";
    long_text += "Z" + std::to_string(i) + "z";  // marks the row's last line
    rows.push_back({{"stt", std::to_string(i + 1)}, {"tieu_chi", long_text}});
  }
  auto doc = layout::layout_forms(form, {record}, false, fonts());
  ASSERT_GE(doc.pages.size(), 3u);
  // Every row's cells (STT and its text) lie on one page: the STT of a row and the
  // last line of its text share a page.
  for (int i = 0; i < 40; ++i) {
    std::string stt = std::to_string(i + 1), tag = "Z" + std::to_string(i) + "z";
    int stt_page = -1, text_page = -1;
    for (size_t p = 0; p < doc.pages.size(); ++p) {
      for (const auto& r : doc.pages[p].runs) {
        std::string t;
        for (const auto& g : r.glyphs) t += g.text;
        if (t == stt && r.glyphs[0].x < 130) stt_page = static_cast<int>(p);
        if (t.find(tag) != std::string::npos) text_page = static_cast<int>(p);
      }
    }
    EXPECT_EQ(stt_page, text_page) << "row " << i + 1 << " split";
  }
  // A row taller than a page still breaks (inside it) rather than overflow the page.
  model::FormRecord tall;
  std::string huge;
  for (int k = 0; k < 500; ++k) huge += "dòng rất dài " + std::to_string(k) + " ";
  tall.tables["thong_ke"].push_back({{"stt", "1"}, {"tieu_chi", huge}});
  auto tall_doc = layout::layout_forms(form, {tall}, false, fonts());
  for (const auto& page : tall_doc.pages)
    for (const auto& r : page.runs)
      for (const auto& g : r.glyphs) EXPECT_LE(g.y, page.height - form.page.margin_bottom + 0.01);
}

}  // namespace
