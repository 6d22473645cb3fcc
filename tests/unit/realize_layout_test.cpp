// The realized document laid out: positions measured on the pages (signatures side by
// side with their first lines level, Kính gửi's dashes under its colon, V/v centred under
// Số, a line break in the trích yếu), and the plan's runs against a reference so that
// any drift in the layout is caught.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "model/reader.h"
#include "realize_test_support.h"

namespace {

using namespace vanban;

layout::LaidOutDocument lay_out(const model::Document& d, const style::Template& tpl) {
  return layout::layout_document(realize::realize_document(d, tpl, test::liberation_fonts()), test::liberation_fonts());
}

TEST(RealizeLayout, TwoSignaturesSideBySideWithTheirFirstLinesLevel) {
  style::Template tpl = test::template_with(
      R"(<document-type name="BIÊN BẢN" sentence-name="Biên bản" abbreviation="BB"/>
         <regions><header number="optional"/><title/><body/><closing signatures="side-by-side"/></regions>)");
  model::Document d = test::small_document();
  d.signatures = {{{"THƯ KÝ"}, "Nguyễn Văn An", "signatures[0]"}, {{"CHỦ TỌA", "PHÓ GIÁM ĐỐC"}, "Lê Thị Bình", "signatures[1]"}};
  auto out = lay_out(d, tpl);
  ASSERT_EQ(out.pages.size(), 1u);
  auto lines = test::text_lines(out.pages[0]);
  const auto* secretary = test::line_starting(lines, "THƯ KÝ");
  const auto* chair = test::line_starting(lines, "CHỦ TỌA");
  const auto* name0 = test::line_starting(lines, "Nguyễn Văn An");
  const auto* name1 = test::line_starting(lines, "Lê Thị Bình");
  ASSERT_TRUE(secretary && chair && name0 && name1);
  EXPECT_NEAR(secretary->y, chair->y, 0.01);           // level
  EXPECT_LT(secretary->x1 + 20, chair->x0);            // side by side, apart
  EXPECT_NEAR(name0->centre(), secretary->centre(), 0.5);  // each name under its own authority
  EXPECT_NEAR(name1->centre(), chair->centre(), 0.5);
  EXPECT_NEAR(name1->y, name0->y, 0.01);               // the names level too, under the longest authority
  EXPECT_GT(name0->y - secretary->y, 2 * 14 + 28 * 72 / 25.4 - 1);
  EXPECT_EQ(test::line_starting(lines, "Nơi nhận"), nullptr);  // no list, no label

  // Stacked: one under the other, in the same column.
  d.signature_arrangement = model::SignatureArrangement::Stacked;
  lines = test::text_lines(lay_out(d, tpl).pages[0]);
  secretary = test::line_starting(lines, "THƯ KÝ");
  chair = test::line_starting(lines, "CHỦ TỌA");
  name0 = test::line_starting(lines, "Nguyễn Văn An");
  ASSERT_TRUE(secretary && chair && name0);
  EXPECT_NEAR(secretary->centre(), chair->centre(), 0.5);
  EXPECT_GT(chair->y, name0->y);
}

TEST(RealizeLayout, KinhGuiDashesUnderTheColonAndVvCentredUnderSo) {
  style::Template tpl = test::template_with(
      R"(<document-type name="" sentence-name="Công văn" abbreviation=""/>
         <regions><header subject-under-number="true"/><kinh-gui label="Kính gửi:"/><body/><closing/></regions>)");
  model::Document d = test::small_document();
  d.kinh_gui = {"Sở Tài chính", "Sở Nội vụ"};
  auto lines = test::text_lines(lay_out(d, tpl).pages[0]);
  const auto* label = test::line_starting(lines, "Kính gửi:");
  const auto* first = test::line_starting(lines, "- Sở Tài chính;");
  const auto* second = test::line_starting(lines, "- Sở Nội vụ.");
  ASSERT_TRUE(label && first && second);
  const double colon_x = label->glyphs.back().x;
  EXPECT_EQ(label->glyphs.back().text, ":");
  EXPECT_NEAR(first->x0, colon_x, 0.01);
  EXPECT_NEAR(second->x0, colon_x, 0.01);
  EXPECT_GT(first->y, label->y);
  EXPECT_GT(second->y, first->y);

  const auto* so = test::line_starting(lines, "Số: 05/SGDĐT-VP");
  const auto* vv = test::line_starting(lines, "V/v Về việc tổ chức hội nghị");
  ASSERT_TRUE(so && vv);
  EXPECT_NEAR(vv->centre(), so->centre(), 0.5);  // ND30-TL-4: centred under Số
  EXPECT_GT(vv->y - so->y, 13 + 6 - 1);          // a 13 pt line and 6 pt below it
  EXPECT_LT(vv->y - so->y, 13 * 1.3 + 6 + 1);
  // The trích yếu is not printed again as a title.
  int subjects = 0;
  for (const auto& l : lines) subjects += l.text.find("Về việc tổ chức hội nghị") != std::string::npos;
  EXPECT_EQ(subjects, 1);

  // No paragraph spacing inside the list: one line pitch from the label to each item.
  EXPECT_NEAR(second->y - first->y, first->y - label->y, 0.01);

  // A recipient too long for its line continues under its text, not under its "- ".
  d.kinh_gui = {"Ủy ban nhân dân các huyện, thành phố và các sở, ban, ngành thuộc Ủy ban nhân dân tỉnh Hòa Bình",
                "Sở Nội vụ"};
  lines = test::text_lines(lay_out(d, tpl).pages[0]);
  const auto* long_item = test::line_starting(lines, "- Ủy ban nhân dân");
  ASSERT_NE(long_item, nullptr);
  const test::TextLine* rest = nullptr;
  for (size_t i = 0; i + 1 < lines.size(); ++i)
    if (&lines[i] == long_item) rest = &lines[i + 1];
  ASSERT_TRUE(rest && rest->text.rfind("- ", 0) != 0) << (rest ? rest->text : "");
  EXPECT_NEAR(rest->x0, long_item->glyphs[2].x, 0.01);  // under the text after "- "

  // One recipient: on the label's line, a wrapped line under the text after "Kính gửi: ".
  d.kinh_gui = {"Sở Tài chính"};
  lines = test::text_lines(lay_out(d, tpl).pages[0]);
  EXPECT_NE(test::line_starting(lines, "Kính gửi: Sở Tài chính"), nullptr);
  d.kinh_gui = {"Ủy ban nhân dân các huyện, thành phố và các sở, ban, ngành thuộc Ủy ban nhân dân tỉnh Hòa Bình"};
  lines = test::text_lines(lay_out(d, tpl).pages[0]);
  const auto* one = test::line_starting(lines, "Kính gửi: Ủy ban");
  ASSERT_NE(one, nullptr);
  for (size_t i = 0; i + 1 < lines.size(); ++i) {
    if (&lines[i] == one) EXPECT_NEAR(lines[i + 1].x0, one->glyphs[10].x, 0.01) << lines[i + 1].text;
  }
}

TEST(RealizeLayout, ALineBreakInTheSubjectGivesTwoCentredLines) {
  model::Document d = test::small_document();
  d.subject = "Về việc tổ chức hội nghị\ntổng kết năm học";
  auto lines = test::text_lines(lay_out(d, test::named_template("ke-hoach")).pages[0]);
  const auto* a = test::line_starting(lines, "Về việc tổ chức hội nghị");
  const auto* b = test::line_starting(lines, "tổng kết năm học");
  ASSERT_TRUE(a && b);
  EXPECT_EQ(a->text, "Về việc tổ chức hội nghị");
  EXPECT_GT(b->y, a->y);
  EXPECT_NEAR(a->centre(), b->centre(), 0.5);
}

// One line per run: page, x, y, size, text (0.1 pt).
std::string dump_runs(const layout::LaidOutDocument& out) {
  std::string s;
  char buf[64];
  for (size_t p = 0; p < out.pages.size(); ++p) {
    for (const auto& run : out.pages[p].runs) {
      if (run.glyphs.empty()) continue;
      std::string text;
      for (const auto& g : run.glyphs) text += g.text;
      std::snprintf(buf, sizeof buf, "%zu %.1f %.1f %.1f ", p + 1, run.glyphs.front().x, run.glyphs.front().y, run.size);
      s += buf + text + "\n";
    }
  }
  return s;
}

// The plan's laid-out runs against tests/reference/ke-hoach.runs (regenerate with
// VANBAN_UPDATE_REFERENCE=1 after a change that is meant to move text).
TEST(RealizeLayout, ThePlansRunsMatchTheReference) {
  std::ifstream in(VANBAN_SOURCE_DIR "/samples/ke-hoach-hoa-binh-2021.json", std::ios::binary);
  std::stringstream data;
  data << in.rdbuf();
  model::Document d = model::load_document(data.str(), "ke-hoach-hoa-binh-2021.json");
  std::string got = dump_runs(lay_out(d, test::named_template("ke-hoach")));
  const std::string path = VANBAN_SOURCE_DIR "/tests/reference/ke-hoach.runs";
  if (std::getenv("VANBAN_UPDATE_REFERENCE")) std::ofstream(path, std::ios::binary) << got;
  std::ifstream ref(path, std::ios::binary);
  ASSERT_TRUE(ref) << path;
  std::stringstream want;
  want << ref.rdbuf();
  if (got == want.str()) return;
  // The first line that differs.
  std::istringstream g(got), w(want.str());
  std::string gl, wl;
  for (int n = 1;; ++n) {
    bool more_g = static_cast<bool>(std::getline(g, gl)), more_w = static_cast<bool>(std::getline(w, wl));
    if (!more_g && !more_w) break;
    if (gl != wl || more_g != more_w) {
      FAIL() << "run " << n << " differs:\n  want: " << wl << "\n  got:  " << gl;
    }
  }
}

}  // namespace

namespace {

using namespace vanban;

// Mẫu 1.3 (ND30-PL-12): a Quy chế issued with a Quyết định is an attached document — a
// new page with its own numbering, the agency and Quốc hiệu header without Số or date,
// its tên loại, its trích yếu, "(Ban hành kèm theo …)" and a short rule, then its body.
TEST(RealizeLayout, AnAttachedDocumentHasItsOwnHeaderWithoutSo) {
  style::Template tpl = test::template_with(
      R"(<document-type name="QUYẾT ĐỊNH" sentence-name="Quyết định" abbreviation="QĐ"/>)");
  model::Document d = test::small_document();
  d.number = {"33", "2021", "QĐ-SGDĐT"};
  d.issuer_name = "Giám đốc Sở Giáo dục và Đào tạo";
  model::Appendix a;
  a.type_name = "QUY CHẾ";
  a.title = "Thi đua, khen thưởng ngành Giáo dục";
  a.field_path = "appendices[0]";
  a.body = {test::block(model::BlockKind::Chapter, "Quy định chung", "",
                        {test::block(model::BlockKind::Article, "Phạm vi điều chỉnh", "Quy chế này quy định …")})};
  test::number_paths(a.body, "appendices[0].body");
  d.appendices = {a};
  realize::Document doc = realize::realize_document(d, tpl, test::liberation_fonts());
  ASSERT_EQ(doc.regions.size(), 4u + 3);
  EXPECT_TRUE(std::holds_alternative<realize::PageBreak>(doc.regions[4]));
  const auto& header = std::get<realize::Header>(doc.regions[5]);
  EXPECT_FALSE(header.number.has_value());
  EXPECT_FALSE(header.date.has_value());
  const auto& flow = std::get<realize::Flow>(doc.regions[6]);
  const auto& reference = std::get<realize::Paragraph>(flow.items[2]);
  EXPECT_EQ(model::plain_text(reference.text),
            "(Ban hành kèm theo Quyết định số 33/2021/QĐ-SGDĐT ngày 05 tháng 3 năm 2021 của Giám đốc Sở Giáo dục và "
            "Đào tạo)");
  EXPECT_TRUE(reference.rule_under.has_value());

  auto out = layout::layout_document(doc, test::liberation_fonts());
  ASSERT_EQ(out.pages.size(), 2u);
  auto lines = test::text_lines(out.pages[1]);
  EXPECT_NE(test::line_starting(lines, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"), nullptr);
  EXPECT_NE(test::line_starting(lines, "SỞ GIÁO DỤC VÀ ĐÀO TẠO"), nullptr);
  EXPECT_EQ(test::line_starting(lines, "Số:"), nullptr);
  EXPECT_EQ(test::line_starting(lines, "Hòa Bình, ngày"), nullptr);
  const auto* type = test::line_starting(lines, "QUY CHẾ");
  const auto* chapter = test::line_starting(lines, "Chương I");
  const auto* article = test::line_starting(lines, "Điều 1. Phạm vi điều chỉnh");
  ASSERT_TRUE(type && chapter && article);
  EXPECT_LT(type->y, chapter->y);
  EXPECT_LT(chapter->y, article->y);
  EXPECT_EQ(out.pages[1].runs.front().glyphs.front().text, "U");  // no page number on its first page
}

}  // namespace
