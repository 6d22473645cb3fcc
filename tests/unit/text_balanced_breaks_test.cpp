// Balanced breaks of centred lines (text::balanced_line_breaks, issue #11 item 4): the
// number of lines greedy filling gives, the most even lines, never a break inside a
// common word or name ("TIỂU | HỌC"), no lone last word when a better break exists.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/unicode.h"
#include "text/line_breaker.h"

namespace {

using namespace vanban;

// Every code point 1 pt wide: a line's width is its length in characters, trailing
// spaces left out.
double chars(std::string_view text, size_t b, size_t e) {
  std::string_view s = text.substr(b, e - b);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\n')) s.remove_suffix(1);
  return static_cast<double>(unicode::count_code_points(s, s.size()));
}

std::vector<std::string> lines(const std::string& text, double width) {
  auto starts = text::balanced_line_breaks(
      text, text::line_break_opportunities(text), [&](size_t b, size_t e) { return chars(text, b, e); }, width, width);
  std::vector<std::string> out;
  size_t begin = 0;
  starts.push_back(text.size());
  for (size_t s : starts) {
    std::string line = text.substr(begin, s - begin);
    while (!line.empty() && (line.back() == ' ' || line.back() == '\n')) line.pop_back();
    out.push_back(line);
    begin = s;
  }
  return out;
}

TEST(BalancedBreaks, NeverInsideAWordOfTheName) {
  // 26 characters; greedy in 22 gives "TRƯỜNG TIỂU HỌC QUANG" / "CHÂU"; the most even
  // split by length would be "TRƯỜNG TIỂU" (11) / "HỌC QUANG CHÂU" (14) or "TRƯỜNG TIỂU
  // HỌC" (15) / "QUANG CHÂU" (10): the first breaks "TIỂU HỌC".
  EXPECT_EQ(lines("TRƯỜNG TIỂU HỌC QUANG CHÂU", 22), (std::vector<std::string>{"TRƯỜNG TIỂU HỌC", "QUANG CHÂU"}));
  // Written in lower case, and in the old placement of the tone mark, the same.
  EXPECT_EQ(lines("Trường Tiểu học Quang Châu", 22), (std::vector<std::string>{"Trường Tiểu học", "Quang Châu"}));
  EXPECT_EQ(lines("ỦY BAN NHÂN DÂN TỈNH HOÀ BÌNH", 25),
            (std::vector<std::string>{"ỦY BAN NHÂN DÂN", "TỈNH HOÀ BÌNH"}));
}

TEST(BalancedBreaks, NoLoneLastWordWhenABetterBreakExists) {
  // Greedy: "KẾ HOẠCH TỔ CHỨC NGÀY HỘI ĐỌC SÁCH NĂM" / "2021".
  auto l = lines("KẾ HOẠCH TỔ CHỨC NGÀY HỘI ĐỌC SÁCH NĂM 2021", 40);
  ASSERT_EQ(l.size(), 2u);
  EXPECT_NE(l[1], "2021");
  EXPECT_NE(l[1].find(' '), std::string::npos) << l[1];
  // Where evenness alone would leave the number alone ("AB CCCCCCCCCCCCCCC" / "2021":
  // slack 2 and 16 of 20, against 18 and 0), the break before the long word wins.
  EXPECT_EQ(lines("AB CCCCCCCCCCCCCCC 2021", 20), (std::vector<std::string>{"AB", "CCCCCCCCCCCCCCC 2021"}));
}

TEST(BalancedBreaks, EvenLinesAndTheGreedyNumberOfLines) {
  const std::string t = "aaaa bbbb cccc dddd eeee ffff gggg hhhh iiii";  // 44 characters, 9 words
  auto l = lines(t, 30);  // greedy: 30 + 14 characters
  ASSERT_EQ(l.size(), 2u);
  EXPECT_EQ(l[0], "aaaa bbbb cccc dddd");
  EXPECT_EQ(l[1], "eeee ffff gggg hhhh iiii");
  EXPECT_EQ(lines(t, 15).size(), 3u);  // greedy: 3 lines of 14
}

TEST(BalancedBreaks, ForcedBreaksStayAndNothingWhenOneLineFits) {
  auto l = lines("SỞ GIÁO DỤC\nVÀ ĐÀO TẠO TỈNH HÒA BÌNH", 40);
  EXPECT_EQ(l, (std::vector<std::string>{"SỞ GIÁO DỤC", "VÀ ĐÀO TẠO TỈNH HÒA BÌNH"}));
  const std::string one = "TRƯỜNG TIỂU HỌC QUANG CHÂU";
  EXPECT_TRUE(text::balanced_line_breaks(one, text::line_break_opportunities(one),
                                         [&](size_t b, size_t e) { return chars(one, b, e); }, 40, 40)
                  .empty());
  // A word wider than the line: left to greedy filling, which cuts it.
  const std::string wide = "A BCDEFGHIJKLMNOP";
  EXPECT_TRUE(text::balanced_line_breaks(wide, text::line_break_opportunities(wide),
                                         [&](size_t b, size_t e) { return chars(wide, b, e); }, 8, 8)
                  .empty());
}

TEST(BalancedBreaks, FromShapedGlyphsLikeTheLayout) {
  // The glyph form: one glyph per byte, 1 pt each, spaces marked.
  const std::string t = "TRUONG TIEU HOC QUANG CHAU";  // no compound known: the most even split
  std::vector<text::MeasuredGlyph> glyphs;
  for (size_t i = 0; i < t.size(); ++i) glyphs.push_back({i, 1.0, t[i] == ' '});
  auto starts = text::balanced_line_breaks(t, glyphs, 22, 22);
  ASSERT_EQ(starts.size(), 1u);
  EXPECT_EQ(t.substr(starts[0]), "HOC QUANG CHAU");  // 11 / 14 beats 15 / 10
  // A line's trailing space is not counted: "AAAAAAA BBBBBBB" fills 15 pt exactly, so
  // the paragraph takes two lines, not three.
  const std::string u = "AAAAAAA BBBBBBB CCCCCCC DD";
  glyphs.clear();
  for (size_t i = 0; i < u.size(); ++i) glyphs.push_back({i, 1.0, u[i] == ' '});
  starts = text::balanced_line_breaks(u, glyphs, 15, 15);
  ASSERT_EQ(starts.size(), 1u);
  EXPECT_EQ(u.substr(starts[0]), "CCCCCCC DD");
}

}  // namespace

namespace {

TEST(BalancedBreaks, PunctuationAfterAWordDoesNotHideIt) {
  // "kiểm tra," is the word "KIỂM TRA" followed by a comma: never "… kiểm / tra, …".
  for (const auto& line : lines("V/v hướng dẫn tổ chức kiểm tra, đánh giá cuối học kỳ I năm học 2024 - 2025", 28)) {
    EXPECT_NE(line.substr(line.size() >= 5 ? line.size() - 5 : 0), "kiểm") << line;
    EXPECT_NE(line.rfind("tra,", 0), 0u) << line;
  }
}

}  // namespace
