// Header marks, the address footer and the copy block (realize/marks.cpp,
// layout/marks_layout.cpp): ND30-MAT-1, ND30-KHAN-1/2, ND30-LH-1, ND30-DC-1, ND30-COPY-1.
#include <gtest/gtest.h>

#include <algorithm>
#include <limits>

#include "core/error.h"
#include "layout/flow.h"
#include "layout/layout.h"
#include "layout/marks_layout.h"
#include "realize/marks.h"
#include "style/profile.h"
#include "marks_samples.h"
#include "test_fonts.h"

namespace {

using namespace vanban;

constexpr double kMm = 72.0 / 25.4;

const text::FontFamily& fonts() { return test::liberation_fonts(); }

const style::Template& tpl() {
  static const style::Template t = style::load_template("ke-hoach", {VANBAN_SOURCE_DIR "/templates"});
  return t;
}

model::Marks all_marks() {
  model::Marks m;
  m.secrecy = "MẬT";
  m.urgency = "HỎA TỐC";
  m.circulation = "XEM XONG TRẢ LẠI";
  m.draft = true;
  return m;
}

// The extent of what is drawn: rules' outer edges (thickness included), glyphs' pens.
struct Extent {
  double x0 = std::numeric_limits<double>::max(), y0 = x0, x1 = -x0, y1 = -x0;
};
Extent rules_extent(const std::vector<layout::Rule>& rules) {
  Extent e;
  for (const auto& r : rules) {
    double h = r.thickness / 2;
    bool horizontal = r.y0 == r.y1;
    e.x0 = std::min(e.x0, std::min(r.x0, r.x1) - (horizontal ? 0 : h));
    e.x1 = std::max(e.x1, std::max(r.x0, r.x1) + (horizontal ? 0 : h));
    e.y0 = std::min(e.y0, std::min(r.y0, r.y1) - (horizontal ? h : 0));
    e.y1 = std::max(e.y1, std::max(r.y0, r.y1) + (horizontal ? h : 0));
  }
  return e;
}
Extent glyphs_extent(const std::vector<layout::TextRun>& runs) {
  Extent e;
  for (const auto& run : runs) {
    for (const auto& g : run.glyphs) {
      e.x0 = std::min(e.x0, g.x);
      e.x1 = std::max(e.x1, g.x + g.advance);
      e.y0 = std::min(e.y0, g.y);
      e.y1 = std::max(e.y1, g.y);
    }
  }
  return e;
}
std::string text_of(const std::vector<layout::TextRun>& runs) {
  std::string s;
  for (const auto& run : runs)
    for (const auto& g : run.glyphs) s += g.text;
  return s;
}

TEST(Marks, TemplateDeclaresTheUrgencyStampsOfTheDecree) {
  // ND30-KHAN-1: 30 × 8 (HỎA TỐC), 40 × 8 (THƯỢNG KHẨN), 20 × 8 (KHẨN), bright red.
  for (auto [text, width] : {std::pair{"HỎA TỐC", 30.0}, std::pair{"THƯỢNG KHẨN", 40.0}, std::pair{"KHẨN", 20.0}}) {
    realize::Stamp s = realize::realize_stamp("urgency", text, "x", tpl(), fonts());
    EXPECT_NEAR(s.width / kMm, width, 0.01) << text;
    EXPECT_NEAR(s.height / kMm, 8, 0.01) << text;
    EXPECT_GT(s.border, 0) << text;
    EXPECT_EQ(s.color.r, 1.0);
    EXPECT_EQ(s.color.g, 0.0);
    EXPECT_EQ(s.color.b, 0.0);
  }
  // Case does not matter: "Khẩn" is the KHẨN stamp.
  EXPECT_NEAR(realize::realize_stamp("urgency", "Khẩn", "x", tpl(), fonts()).width / kMm, 20, 0.01);
}

TEST(Marks, RealizedIntoTheHeader) {
  realize::Header h;
  realize::realize_marks(all_marks(), tpl(), fonts(), true, h);
  ASSERT_EQ(h.marks.size(), 2u);
  EXPECT_EQ(h.marks[0].text, "MẬT");
  EXPECT_EQ(h.marks[0].border, 0);  // ND30-MAT-1: a plain bold mark
  EXPECT_EQ(h.marks[1].text, "HỎA TỐC");
  ASSERT_TRUE(h.top_mark);
  EXPECT_EQ(h.top_mark->text, "XEM XONG TRẢ LẠI");
  EXPECT_GT(h.top_mark->border, 0);
  // No decree size: the box fits the text.
  EXPECT_GT(h.top_mark->width, 100);
  ASSERT_TRUE(h.draft);
  EXPECT_EQ(h.draft->text, "DỰ THẢO");
  EXPECT_FALSE(h.draft_in_margin);
  realize::Header no_type;
  realize::realize_marks(all_marks(), tpl(), fonts(), false, no_type);
  EXPECT_TRUE(no_type.draft_in_margin);
  realize::Header none;
  realize::realize_marks({}, tpl(), fonts(), true, none);
  EXPECT_TRUE(none.marks.empty());
  EXPECT_FALSE(none.top_mark || none.draft);
}

TEST(Marks, StampBoxesHaveTheDecreeSizeInRedWithTheTextCentred) {
  for (const char* text : {"HỎA TỐC", "THƯỢNG KHẨN", "KHẨN"}) {
    realize::Stamp s = realize::realize_stamp("urgency", text, "x", tpl(), fonts());
    std::vector<layout::TextRun> runs;
    std::vector<layout::Rule> rules;
    double h = layout::place_stamp(s, 100, 200, tpl(), fonts(), runs, rules);
    EXPECT_NEAR(h, s.height, 1e-9);
    ASSERT_EQ(rules.size(), 4u);
    Extent box = rules_extent(rules);
    EXPECT_NEAR(box.x0, 100, 1e-9);
    EXPECT_NEAR(box.y0, 200, 1e-9);
    EXPECT_NEAR((box.x1 - box.x0) / kMm, s.width / kMm, 0.3) << text;
    EXPECT_NEAR((box.y1 - box.y0) / kMm, 8, 0.3) << text;
    for (const auto& r : rules) EXPECT_EQ(r.color, (layout::Color{1, 0, 0})) << text;
    for (const auto& run : runs) {
      EXPECT_EQ(run.color, (layout::Color{1, 0, 0})) << text;
      EXPECT_TRUE(run.font->is_bold()) << text;
      EXPECT_NEAR(run.size, 13, 1e-9);
    }
    EXPECT_EQ(text_of(runs), text);
    // Centred: as much room left and right of the text, the caps' middle on the box's.
    Extent ink = glyphs_extent(runs);
    EXPECT_NEAR(ink.x0 - box.x0, box.x1 - ink.x1, 0.5) << text;
    const text::Font& bold = fonts().face(true, false);
    double cap = bold.cap_height() * 13.0 / bold.units_per_em();
    EXPECT_NEAR(ink.y1 - cap / 2, (box.y0 + box.y1) / 2, 0.3) << text;
  }
}

TEST(Marks, ALongCirculationMarkWrapsInsideABoxNoWiderThanTheText) {
  realize::Stamp s = realize::realize_stamp(
      "circulation", "TÀI LIỆU CHỈ LƯU HÀNH NỘI BỘ TRONG CƠ QUAN, XEM XONG XIN TRẢ LẠI VĂN THƯ SỞ NGAY TRONG NGÀY",
      "x", tpl(), fonts());
  const auto& pg = tpl().page;
  EXPECT_NEAR(s.width, pg.width - pg.margin_left - pg.margin_right, 1e-9);
  std::vector<layout::TextRun> runs;
  std::vector<layout::Rule> rules;
  double h = layout::place_stamp(s, pg.margin_left, 0, tpl(), fonts(), runs, rules);
  Extent ink = glyphs_extent(runs);
  Extent box = rules_extent(rules);
  EXPECT_GT(h, s.height);                // two lines
  EXPECT_NEAR(box.y1 - box.y0, h, 1e-9);
  EXPECT_GT(ink.x0, box.x0);
  EXPECT_LT(ink.x1, box.x1);
  EXPECT_GT(ink.y0, box.y0);
  EXPECT_LT(ink.y1, box.y1);
}

TEST(Marks, SecrecyThenUrgencyUnderEachOtherFromTheLeftEdge) {
  realize::Header h;
  h.number_gap = 7;
  realize::realize_marks(all_marks(), tpl(), fonts(), true, h);
  std::vector<layout::TextRun> runs;
  std::vector<layout::Rule> rules;
  double bottom = layout::place_header_marks(h, 85, 100, tpl(), fonts(), runs, rules);
  ASSERT_EQ(runs.size(), 2u);
  EXPECT_EQ(text_of({runs[0]}), "MẬT");
  EXPECT_EQ(text_of({runs[1]}), "HỎA TỐC");
  Extent secrecy = glyphs_extent({runs[0]});
  Extent box = rules_extent(rules);
  EXPECT_NEAR(secrecy.x0, 85, 1.5);  // ND30-LAYOUT-2: ô 10a at the left (0-18 %)
  EXPECT_GT(secrecy.y0, 100);
  EXPECT_GT(box.y0, secrecy.y1);     // ô 10b under 10a
  EXPECT_NEAR(box.x0, 85, 1e-9);
  EXPECT_NEAR(bottom, box.y1, 1e-9);
  EXPECT_EQ(runs[0].color, (layout::Color{0, 0, 0}));
}

TEST(Marks, CirculationMarkInTheTopMarginRightOfCentre) {
  realize::Header h;
  realize::realize_marks(all_marks(), tpl(), fonts(), false, h);
  std::vector<layout::TextRun> runs;
  std::vector<layout::Rule> rules;
  layout::place_margin_marks(h, 0, tpl(), fonts(), runs, rules);
  ASSERT_EQ(rules.size(), 8u);  // two boxes
  const auto& pg = tpl().page;
  double width = pg.width - pg.margin_left - pg.margin_right;
  Extent circulation = rules_extent({rules.begin(), rules.begin() + 4});
  EXPECT_NEAR((circulation.x0 + circulation.x1) / 2, pg.margin_left + width * 0.715, 1e-6);
  EXPECT_GT(circulation.y0, 0);
  EXPECT_LT(circulation.y1, pg.margin_top);
  Extent draft = rules_extent({rules.begin() + 4, rules.end()});
  EXPECT_LT(draft.x1, circulation.x0);
  EXPECT_NE(text_of(runs).find("DỰ THẢO"), std::string::npos);
}

// A flow of many body lines with an address footer on page 1.
class FooterFlow : public layout::FlowBuilder {
 public:
  FooterFlow() : FlowBuilder(tpl(), fonts()) {}
  std::vector<layout::Page> run(int paragraphs, bool footer) {
    for (int i = 0; i < paragraphs; ++i) {
      paragraph(layout::plain("Đoạn " + std::to_string(i) +
                              ": nội dung văn bản được viết ra đủ dài để chiếm hai dòng trên trang giấy khổ A4 "
                              "theo đúng thể thức của Nghị định số 30/2020/NĐ-CP."),
                tpl_.style("body"));
    }
    if (footer) {
      model::Document d;
      d.address = {"Số 1 đường Trần Hưng Đạo, phường Phương Lâm, thành phố Hòa Bình",
                   "ĐT: 0218.3852.123, E-mail: sgddt@hoabinh.edu.vn"};
      first_page_footer(layout::footer_box(*realize::realize_footer(d, tpl_), tpl_, fonts_));
    }
    return paginate();
  }
};

TEST(Marks, AddressFooterAtTheFootOfPageOneOnlyAndTheBodyAboveIt) {
  auto plain_pages = FooterFlow().run(40, false);
  auto pages = FooterFlow().run(40, true);
  ASSERT_GE(pages.size(), 2u);
  const auto& pg = tpl().page;
  ASSERT_EQ(pages[0].rules.size(), 1u);
  const auto& rule = pages[0].rules[0];
  // ND30-DC-1: a solid rule spanning the whole text width.
  EXPECT_NEAR(rule.x0, pg.margin_left, 1e-9);
  EXPECT_NEAR(rule.x1, pg.width - pg.margin_right, 1e-9);
  // The address lines end at the foot of the text area.
  double last_baseline = 0;
  double body_bottom = 0;
  for (const auto& run : pages[0].runs) {
    for (const auto& g : run.glyphs) {
      if (g.y > rule.y0) last_baseline = std::max(last_baseline, g.y);
      else body_bottom = std::max(body_bottom, g.y);
    }
  }
  EXPECT_GT(last_baseline, pg.height - pg.margin_bottom - 12);
  EXPECT_LE(last_baseline, pg.height - pg.margin_bottom);
  EXPECT_LT(body_bottom + 4, rule.y0);  // the body's last descenders clear the rule
  std::string page1 = text_of(pages[0].runs);
  EXPECT_NE(page1.find("ĐT: 0218.3852.123"), std::string::npos);
  for (size_t p = 1; p < pages.size(); ++p) {
    EXPECT_TRUE(pages[p].rules.empty()) << p;
    EXPECT_EQ(text_of(pages[p].runs).find("ĐT:"), std::string::npos) << p;
  }
  // Page 1 holds less of the body than without a footer.
  auto count = [](const layout::Page& p) {
    std::string t = text_of(p.runs);
    size_t n = 0;
    for (size_t at = t.find("Đoạn"); at != std::string::npos; at = t.find("Đoạn", at + 1)) ++n;
    return n;
  };
  EXPECT_LT(count(pages[0]), count(plain_pages[0]));
  EXPECT_LT(body_bottom, glyphs_extent(plain_pages[0].runs).y1 - 20);
}

TEST(Marks, NoAddressNoFooter) {
  model::Document d;
  EXPECT_FALSE(realize::realize_footer(d, tpl()));
}

model::Document copy_document() {
  model::Document d;
  d.copy = test::sample_copy();
  return d;
}

TEST(Marks, CopyBlockRegions) {
  auto regions = realize::realize_copy(copy_document(), tpl(), fonts());
  ASSERT_EQ(regions.size(), 3u);
  const auto& flow = std::get<realize::Flow>(regions[0]);
  ASSERT_EQ(flow.items.size(), 1u);
  const auto& rule = std::get<realize::FullRule>(flow.items[0]);
  EXPECT_NEAR(rule.space_before, 12, 1e-9);
  EXPECT_NEAR(rule.rule.thickness, 0.6, 1e-9);
  const auto& h = std::get<realize::Header>(regions[1]);
  ASSERT_EQ(h.right.size(), 1u);
  EXPECT_EQ(model::plain_text(h.right[0].text), "SAO Y");
  EXPECT_EQ(h.right[0].style, "copy-form");
  EXPECT_TRUE(tpl().style("copy-form").bold);
  ASSERT_TRUE(h.number && h.date);
  EXPECT_EQ(model::plain_text(h.number->text), "Số: 05/SY-SGDĐT");
  EXPECT_EQ(model::plain_text(h.date->text), "Hòa Bình, ngày 08 tháng 3 năm 2021");
  ASSERT_EQ(h.left.size(), 2u);
  EXPECT_EQ(model::plain_text(h.left[1].text), "SỞ GIÁO DỤC\nVÀ ĐÀO TẠO");
  EXPECT_TRUE(h.left[1].rule_under);
  EXPECT_FALSE(h.left[0].rule_under);
  const auto& c = std::get<realize::Closing>(regions[2]);
  ASSERT_TRUE(c.recipients_label);
  ASSERT_EQ(c.recipients.size(), 2u);
  EXPECT_EQ(model::plain_text(c.recipients[1].text), "- Lưu: VT.");
  ASSERT_EQ(c.signatures.size(), 1u);
  EXPECT_EQ(c.signatures[0].authority.size(), 2u);
  EXPECT_EQ(model::plain_text(c.signatures[0].name->text), "Nguyễn Văn An");
}

TEST(Marks, CopyNumberTakesTheFormsAbbreviationOnce) {
  model::Document d = copy_document();
  d.copy.form = "TRÍCH SAO";
  d.copy.number.symbol = "TrS-UBND";  // already written with it
  auto regions = realize::realize_copy(d, tpl(), fonts());
  EXPECT_EQ(model::plain_text(std::get<realize::Header>(regions[1]).number->text), "Số: 05/TrS-UBND");
  d.copy.form = "Sao lục";
  d.copy.number = {"", "", ""};
  regions = realize::realize_copy(d, tpl(), fonts());
  EXPECT_EQ(model::plain_text(std::get<realize::Header>(regions[1]).number->text), "Số:" + tpl().header.blank + "/SL");
}

TEST(Marks, UnknownCopyFormNamesTheField) {
  model::Document d = copy_document();
  d.copy.form = "SAO CHÉP";
  try {
    realize::realize_copy(d, tpl(), fonts());
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_EQ(e.field_path(), "copy.form");
    EXPECT_NE(e.message().find("SAO CHÉP"), std::string::npos);
    EXPECT_NE(e.message().find("SAO LỤC"), std::string::npos);
  }
  EXPECT_TRUE(realize::realize_copy(model::Document{}, tpl(), fonts()).empty());
}

TEST(Marks, TemplateRejectsAnUnknownStampKindWithItsPosition) {
  const std::string xml = "<template name=\"x\" extends=\"nd30\">\n  <stamp kind=\"khan\" text=\"KHẨN\"/>\n</template>";
  try {
    style::parse_template(xml, "x.xml", {VANBAN_SOURCE_DIR "/templates"});
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_EQ(e.line(), 2);
    EXPECT_EQ(e.column(), 3);
    EXPECT_NE(e.message().find("kind must be"), std::string::npos);
  }
  // A kind's template replaces an inherited stamp of the same kind and text.
  const std::string wider =
      "<template name=\"x\" extends=\"nd30\"><stamp kind=\"urgency\" text=\"KHẨN\" width=\"25mm\" height=\"8mm\" "
      "border=\"1pt\" color=\"#ff0000\"/></template>";
  style::Template t = style::parse_template(wider, "x.xml", {VANBAN_SOURCE_DIR "/templates"});
  EXPECT_EQ(std::count_if(t.stamps.begin(), t.stamps.end(), [](const auto& s) { return s.text == "KHẨN"; }), 1);
  EXPECT_NEAR(realize::realize_stamp("urgency", "KHẨN", "x", t, fonts()).width / kMm, 25, 0.01);
}

// A kind with no tên loại (a Công văn's regions): the draft mark goes to the top margin
// over the left column; an address with no <footer/> region is an error naming it.
TEST(Marks, DraftMarkInTheTopMarginWithoutATypeNameAndAddressNeedsItsRegion) {
  const std::string xml =
      "<template name=\"cv\" extends=\"nd30\"><document-type name=\"CÔNG VĂN\" abbreviation=\"\"/>"
      "<regions><header subject-under-number=\"true\"/><body/><closing/></regions></template>";
  style::Template t = style::parse_template(xml, "cv.xml", {VANBAN_SOURCE_DIR "/templates"});
  model::Document d;
  d.issuing_agency = {"SỞ GIÁO DỤC VÀ ĐÀO TẠO"};
  d.number = {"12", "", "SGDĐT-VP"};
  d.place = "Hòa Bình";
  d.date = {5, 3, 2021};
  d.subject = "Báo cáo kết quả thi đua";
  d.marks.draft = true;
  model::Block b;
  b.text = layout::plain("Sở Giáo dục và Đào tạo đề nghị các đơn vị gửi báo cáo.");
  d.body.push_back(b);
  const realize::Document r = realize::realize_document(d, t, fonts());
  const auto& h = std::get<realize::Header>(r.regions.front());
  ASSERT_TRUE(h.draft);
  EXPECT_TRUE(h.draft_in_margin);
  auto pages = layout::layout_document(r, fonts()).pages;
  ASSERT_FALSE(pages.empty());
  bool found = false;
  for (const auto& run : pages[0].runs) {
    if (text_of({run}) != "DỰ THẢO") continue;
    found = true;
    Extent ink = glyphs_extent({run});
    EXPECT_LT(ink.y1, t.page.margin_top);
    EXPECT_NEAR((ink.x0 + ink.x1) / 2, t.page.margin_left + t.header.left_width / 2, 0.5);
  }
  EXPECT_TRUE(found);
  d.address = {"Số 1 đường Trần Hưng Đạo"};
  try {
    realize::realize_document(d, t, fonts());
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_EQ(e.field_path(), "address");
    EXPECT_NE(e.message().find("footer"), std::string::npos);
  }
}

}  // namespace
