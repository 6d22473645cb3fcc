// Centred lines in the layout (issue #11 item 4): a header line or title that wraps is
// broken at the most even point between words, never inside a word of a name, without
// a lone last word; justified and left-aligned paragraphs keep greedy filling.
#include <gtest/gtest.h>

#include "layout/paragraph.h"
#include "style/profile.h"
#include "test_fonts.h"
#include "text/font.h"

namespace {

using namespace vanban;

const text::FontFamily& fonts() { return test::liberation_fonts(); }

const style::Template& tpl() {
  static const style::Template t = style::load_template("ke-hoach", {VANBAN_SOURCE_DIR "/templates"});
  return t;
}

std::vector<std::string> texts(const std::vector<layout::Line>& lines) {
  std::vector<std::string> out;
  for (const auto& l : lines) {
    std::string s;
    for (const auto& r : l.runs)
      for (const auto& g : r.glyphs) s += g.text;
    out.push_back(s);
  }
  return out;
}

std::vector<std::string> set(const std::string& text, const style::ParagraphStyle& st, double width) {
  return texts(layout::set_paragraph({model::Span{text, false, false}}, st, width, fonts()));
}

const double kHeaderColumn = 184.25;  // 65 mm, the left column of the header (ND30-LAYOUT)

TEST(CentredLines, IssuingAgencyNeverBreaksTheSchoolsName) {
  const auto& st = tpl().style("issuing-agency");
  EXPECT_EQ(set("Trường Tiểu học Quang Châu", st, kHeaderColumn),
            (std::vector<std::string>{"TRƯỜNG TIỂU HỌC", "QUANG CHÂU"}));
  // Greedy filling of the same line (a left-aligned copy of the style) breaks elsewhere.
  style::ParagraphStyle left = st;
  left.align = style::Align::Left;
  EXPECT_NE(set("Trường Tiểu học Quang Châu", left, kHeaderColumn), set("Trường Tiểu học Quang Châu", st, kHeaderColumn));
}

TEST(CentredLines, ATitleWithALoneLastWordIsRebalanced) {
  const auto& st = tpl().style("subject");
  style::ParagraphStyle left = st;
  left.align = style::Align::Left;
  const std::string title = "Kế hoạch tổ chức ngày hội đọc sách cho học sinh toàn trường năm 2021";
  // The widths where greedy filling leaves "2021" alone on the last line.
  int found = 0;
  for (double width = 150; width < 460; width += 2) {
    auto greedy = set(title, left, width);
    if (greedy.size() < 2 || greedy.back() != "2021") continue;
    ++found;
    auto centred = set(title, st, width);
    EXPECT_EQ(centred.size(), greedy.size()) << width;
    EXPECT_NE(centred.back().find(' '), std::string::npos) << width << ": " << centred.back();
  }
  EXPECT_GT(found, 0);
}

TEST(CentredLines, JustifiedParagraphsKeepGreedyFilling) {
  style::ParagraphStyle justified = tpl().style("body");
  style::ParagraphStyle left = justified;
  left.align = style::Align::Left;
  const std::string text = "Trường Tiểu học Quang Châu tổ chức ngày hội đọc sách cho học sinh năm 2021";
  for (double width = 120; width < 400; width += 7) EXPECT_EQ(set(text, justified, width), set(text, left, width)) << width;
}

}  // namespace
