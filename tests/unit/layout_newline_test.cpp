// A line break in a list cell or form value (Excel's Alt+Enter, "\n" in JSON) prints as a
// new line on certificates and forms, instead of failing with "no glyph for U+000A".
#include <gtest/gtest.h>

#include <cmath>
#include <map>

#include "core/error.h"
#include "layout/certificate_layout.h"
#include "layout/layout.h"
#include "layout/paragraph.h"
#include "model/form_data.h"
#include "model/recipient_list.h"
#include "style/profile.h"
#include "test_fonts.h"
#include "text/font.h"

namespace {

using namespace vanban;

const text::FontFamily& fonts() { return test::liberation_fonts(); }

const style::Template& load(const std::string& name) {
  static std::map<std::string, style::Template> cache;
  auto it = cache.find(name);
  if (it == cache.end()) it = cache.emplace(name, style::load_template(name, {VANBAN_SOURCE_DIR "/templates"})).first;
  return it->second;
}

std::string line_text(const layout::Line& line) {
  std::string s;
  for (const auto& r : line.runs)
    for (const auto& g : r.glyphs) s += g.text;
  return s;
}

// The text of a page, line by line (glyphs grouped by baseline).
std::map<double, std::string> page_lines(const layout::Page& page) {
  std::map<double, std::string> lines;
  for (const auto& run : page.runs)
    for (const auto& g : run.glyphs) lines[std::round(g.y * 100) / 100] += g.text;
  return lines;
}

// The baseline of the line holding exactly `text`, or -1.
double baseline_of(const std::map<double, std::string>& lines, const std::string& text) {
  for (const auto& [y, s] : lines)
    if (s == text) return y;
  return -1;
}

TEST(LineBreaks, AForcedBreakStartsANewLine) {
  const auto& st = load("ke-hoach").style("body");
  auto lines = layout::set_paragraph({model::Span{"Bùi Thị\nLan", false, false}}, st, 1e6, fonts());
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(line_text(lines[0]), "Bùi Thị");
  EXPECT_EQ(line_text(lines[1]), "Lan");
  // An empty line between two breaks is kept.
  auto three = layout::set_paragraph({model::Span{"a\n\nb", false, false}}, st, 1e6, fonts());
  ASSERT_EQ(three.size(), 3u);
  EXPECT_EQ(line_text(three[1]), "");
  EXPECT_EQ(line_text(three[2]), "b");
}

TEST(LineBreaks, CertificateNameAndAchievementKeepTheirBreaks) {
  model::ListRow row;
  row.row = 2;
  row.fields = {{"ho_ten", "Bùi Thị\nLan"}, {"thanh_tich", "Dòng thứ nhất\nDòng thứ hai"}};
  layout::Page page = layout::certificate_page(load("giay-khen"), row, {}, fonts());
  auto lines = page_lines(page);
  double first = baseline_of(lines, "Bùi Thị"), second = baseline_of(lines, "Lan");
  ASSERT_GT(first, 0);
  ASSERT_GT(second, first);
  EXPECT_GT(baseline_of(lines, "Dòng thứ hai"), baseline_of(lines, "Dòng thứ nhất"));
}

TEST(LineBreaks, FormFieldKeepsItsBreaks) {
  const auto& tpl = load("phu-luc-1");
  model::FormRecord record;
  record.origin = "record 1";
  record.values = {{"ten_dang_ky", "Trường Tiểu học Hữu Nghị\nxã Hữu Nghị"}};
  auto doc = layout::layout_forms(tpl, {record}, false, fonts());
  ASSERT_FALSE(doc.pages.empty());
  bool found = false;
  std::string all;
  for (const auto& page : doc.pages) {
    auto lines = page_lines(page);
    double a = -1, b = -1;
    for (const auto& [y, s] : lines) {
      all += s + "|";
      if (s.find("Trường Tiểu học Hữu Nghị") != std::string::npos && a < 0) a = y;
      if (s.find("xã Hữu Nghị") != std::string::npos && s.find("Trường") == std::string::npos) b = y;
    }
    found = found || (a > 0 && b > a);
  }
  EXPECT_TRUE(found) << all;
}

}  // namespace

namespace {

TEST(RowErrors, ControlCharacterNamesItsRowAndColumn) {
  auto list = model::read_recipient_list(std::string("STT,Họ và tên,Đơn vị\n1,Lan,A\n2,B\x01" "n,A\n"), "l.csv", {});
  ASSERT_EQ(list.rows.size(), 2u);
  EXPECT_NO_THROW(layout::certificate_page(load("giay-khen"), list.rows[0], {}, fonts()));
  try {
    layout::certificate_page(load("giay-khen"), list.rows[1], {}, fonts());
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.line(), 3);
    EXPECT_EQ(e.column(), 2);
    EXPECT_NE(e.message().find("U+0001"), std::string::npos) << e.message();
  }
}

TEST(RowErrors, ACharacterTheFontLacksNamesItsRowAndColumn) {
  model::ListRow row;
  row.row = 7;
  row.columns = std::make_shared<std::map<std::string, int>>(std::map<std::string, int>{{"ho_ten", 2}, {"don_vi", 4}});
  row.fields = {{"ho_ten", "Lan"}, {"don_vi", "Trường \xF0\x9F\x98\x80"}};  // an emoji
  try {
    layout::certificate_page(load("giay-khen"), row, {}, fonts());
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::Font);
    EXPECT_EQ(e.line(), 7);
    EXPECT_EQ(e.column(), 4);
    EXPECT_EQ(e.field_path(), "row 7, don_vi");
  }
}

}  // namespace
