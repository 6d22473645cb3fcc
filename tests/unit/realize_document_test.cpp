// The realize stage: what is printed, decided once — regions in the template's order,
// labels and numbering schemes (ND30-NUM-1..8), the Số line, Nơi nhận, Kính gửi, the
// preamble — with stable ids and the model's field paths.
#include <gtest/gtest.h>

#include <fstream>
#include <set>
#include <sstream>

#include "core/error.h"
#include "model/reader.h"
#include "wording/wording.h"
#include "realize_test_support.h"

namespace {

using namespace vanban;
using model::BlockKind;
using test::block;

std::string read(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

realize::Document realize_plan() {
  static const model::Document doc = model::load_document(
      read(VANBAN_SOURCE_DIR "/samples/ke-hoach-hoa-binh-2021.json"), "ke-hoach-hoa-binh-2021.json");
  return realize::realize_document(doc, test::named_template("ke-hoach"), test::liberation_fonts());
}

std::string text_of(const realize::Paragraph& p) { return model::plain_text(p.text); }

// The error realizing `d` in `tpl` throws (a failure of the test when there is none).
Error realize_error(const model::Document& d, const style::Template& tpl, const realize::FormTemplates& forms = {}) {
  try {
    realize::realize_document(d, tpl, test::liberation_fonts(), forms);
  } catch (const Error& e) {
    return e;
  }
  ADD_FAILURE() << "no error";
  return Error(ErrorKind::Model, "(none)");
}

TEST(Realize, ThePlanHasMau14sRegionsInOrder) {
  realize::Document doc = realize_plan();
  // header, title, body, closing, then a page break and a flow per appendix (3).
  ASSERT_EQ(doc.regions.size(), 4u + 2 * 3);
  EXPECT_TRUE(std::holds_alternative<realize::Header>(doc.regions[0]));
  EXPECT_EQ(std::get<realize::Flow>(doc.regions[1]).id, "title");
  EXPECT_EQ(std::get<realize::Flow>(doc.regions[2]).id, "body");
  EXPECT_TRUE(std::holds_alternative<realize::Closing>(doc.regions[3]));
  for (int i = 0; i < 3; ++i) {
    EXPECT_TRUE(std::holds_alternative<realize::PageBreak>(doc.regions[4 + 2 * i]));
    EXPECT_EQ(std::get<realize::Flow>(doc.regions[5 + 2 * i]).id, "appendix." + std::to_string(i));
  }
  EXPECT_EQ(doc.title, "Xây dựng, nhân rộng các mô hình, điển hình tiên tiến ngành Giáo dục giai đoạn 2021 - 2025");
  EXPECT_EQ(doc.subject, "KẾ HOẠCH");
}

TEST(Realize, ThePlansParagraphsHaveUniqueIdsStylesAndSources) {
  realize::Document doc = realize_plan();
  std::set<std::string> ids;
  for (const auto* p : test::paragraphs(doc)) {
    EXPECT_TRUE(ids.insert(p->id).second) << "duplicate id " << p->id;
    EXPECT_FALSE(p->style.empty()) << p->id;
    if (p->id.rfind("body.", 0) == 0) EXPECT_EQ(p->source.rfind("body[", 0), 0u) << p->id << " " << p->source;
  }
  EXPECT_GT(ids.size(), 80u);
}

TEST(Realize, ThePlansLabelsAndStyles) {
  realize::Document doc = realize_plan();
  struct Want { const char* id; const char* label; const char* style; const char* start; };
  for (const Want& w : {Want{"body.3", "I.", "section", "I. MỤC ĐÍCH, YÊU CẦU"},
                        Want{"body.3.0", "1.", "clause-title", "1. Mục đích"},
                        Want{"body.3.0.0", "-", "body", "- Tuyên truyền"},
                        Want{"body.5.0.0", "a)", "point-title", "a) Công tác bồi dưỡng"},
                        Want{"body.5.0.0.3.0", "+", "body", "+ Xây dựng kế hoạch"},
                        Want{"body.6", "V.", "section", "V. TỔ CHỨC THỰC HIỆN"},  // explicit label "V"
                        Want{"body.6.0", "1.", "body", "1. Phòng GD&ĐT"},           // a clause without title
                        Want{"body.7", "*", "body", "* Liên hệ"},
                        Want{"body.0", "", "body", "Căn cứ Kế hoạch"}}) {
    const realize::Paragraph* p = test::paragraph_with_id(doc, w.id);
    ASSERT_NE(p, nullptr) << w.id;
    EXPECT_EQ(p->label, w.label) << w.id;
    EXPECT_EQ(p->style, w.style) << w.id;
    EXPECT_EQ(text_of(*p).rfind(w.start, 0), 0u) << w.id << ": " << text_of(*p);
  }
  EXPECT_EQ(test::paragraph_with_id(doc, "body.3.0")->source, "body[3].content[0].title");
  // The header and the closing, composed from the model and the template.
  EXPECT_EQ(text_of(*test::paragraph_with_id(doc, "header.number")), "Số:      /KH-SGD&ĐT");
  EXPECT_EQ(text_of(*test::paragraph_with_id(doc, "header.date")), "Hòa Bình, ngày      tháng 3 năm 2021");
  EXPECT_TRUE(test::paragraph_with_id(doc, "header.issuing-agency")->rule_under.has_value());
  EXPECT_EQ(text_of(*test::paragraph_with_id(doc, "closing.recipients-label")), "Nơi nhận:");
  EXPECT_EQ(text_of(*test::paragraph_with_id(doc, "closing.recipients.0")), "- Bộ GD&ĐT;");
  EXPECT_EQ(text_of(*test::paragraph_with_id(doc, "closing.signature.0.name")), "Bùi Thị Kim Tuyến");
  EXPECT_EQ(text_of(*test::paragraph_with_id(doc, "appendix.0.label")), "Phụ lục 1");
}

// A Quy chế's structure: parts in words, chapters and articles numbered through the
// document, "Mục 1" sections, outline clauses, a literal marker.
TEST(Realize, NumberingSchemes) {
  model::Document d = test::small_document();
  model::Block art1 = block(BlockKind::Article, "Phạm vi điều chỉnh", "");
  model::Block art2 = block(BlockKind::Article, "Đối tượng áp dụng", "");
  model::Block art3 = block(BlockKind::Article, "", "Quyết định này có hiệu lực.");
  model::Block inner = block(BlockKind::Clause, "", "Khoản con", {block(BlockKind::Clause, "", "Khoản cháu")});
  model::Block clause = block(BlockKind::Clause, "", "Khoản", {block(BlockKind::Clause, "", "Một"), inner});
  model::Block literal = block(BlockKind::Clause, "", "Giữ nguyên");
  literal.label = "1.2.3.";
  literal.literal_label = true;
  d.body = {
      block(BlockKind::Part, "Quy định chung", "",
            {block(BlockKind::Chapter, "Những quy định chung", "", {art1, art2})}),
      block(BlockKind::Part, "Tổ chức thực hiện", "",
            {block(BlockKind::Chapter, "Điều khoản thi hành", "",
                   {block(BlockKind::Section, "Trách nhiệm", "", {art3, clause, literal})})}),
      block(BlockKind::Part, "Phụ lục thi hành", ""),
  };
  d.body[2].label = "Phần 5a";
  d.body[2].literal_label = true;
  test::number_paths(d.body, "body");
  d.numbering = {{"part", "ordinal"}, {"section", "muc"}, {"clause", "outline"}};
  realize::Document doc = realize::realize_document(d, test::named_template("ke-hoach"), test::liberation_fonts());

  auto label = [&](const std::string& id) {
    const realize::Paragraph* p = test::paragraph_with_id(doc, id);
    return p ? p->label + " | " + p->style + " | " + text_of(*p) : "(none: " + id + ")";
  };
  EXPECT_EQ(label("body.0.label"), "Phần thứ nhất | part-label | Phần thứ nhất");
  EXPECT_EQ(label("body.0"), " | part-title | Quy định chung");
  EXPECT_EQ(label("body.1.label"), "Phần thứ hai | part-label | Phần thứ hai");
  EXPECT_EQ(label("body.0.0.label"), "Chương I | chapter-label | Chương I");
  EXPECT_EQ(label("body.1.0.label"), "Chương II | chapter-label | Chương II");  // on through the parts
  EXPECT_EQ(label("body.1.0.0.label"), "Mục 1 | section-label | Mục 1");
  EXPECT_EQ(label("body.0.0.0"), "Điều 1. | article | Điều 1. Phạm vi điều chỉnh");
  EXPECT_EQ(label("body.0.0.1"), "Điều 2. | article | Điều 2. Đối tượng áp dụng");
  EXPECT_EQ(label("body.1.0.0.0"), "Điều 3. | body | Điều 3. Quyết định này có hiệu lực.");
  EXPECT_EQ(label("body.1.0.0.1"), "1. | body | 1. Khoản");
  EXPECT_EQ(label("body.1.0.0.1.0"), "1.1. | body | 1.1. Một");
  EXPECT_EQ(label("body.1.0.0.1.1.0"), "1.2.1. | body | 1.2.1. Khoản cháu");
  EXPECT_EQ(label("body.1.0.0.2"), "1.2.3. | body | 1.2.3. Giữ nguyên");
  EXPECT_EQ(label("body.2.label"), "Phần 5a | part-label | Phần 5a");  // a literal label on its own line too
  EXPECT_EQ(label("body.2"), " | part-title | Phụ lục thi hành");
  // "Điều 3." is bold even with its text on the line (ND30-NUM-4); a khoản's "1." is not.
  EXPECT_TRUE(test::paragraph_with_id(doc, "body.1.0.0.0")->text.front().bold);
  EXPECT_FALSE(test::paragraph_with_id(doc, "body.1.0.0.1")->text.front().bold);
  // The default schemes: "Phần I", "I." sections.
  d.numbering.clear();
  realize::Document plain = realize::realize_document(d, test::named_template("ke-hoach"), test::liberation_fonts());
  EXPECT_EQ(test::paragraph_with_id(plain, "body.1.label")->label, "Phần II");
  EXPECT_EQ(test::paragraph_with_id(plain, "body.1.0.0")->label, "I.");
  EXPECT_EQ(test::paragraph_with_id(plain, "body.1.0.0.1.1.0")->label, "1.");
}

TEST(Realize, AnUnknownNumberingSchemeNamesTheField) {
  model::Document d = test::small_document();
  d.numbering = {{"part", "words"}};
  const Error e = realize_error(d, test::named_template("ke-hoach"));
  EXPECT_EQ(e.field_path(), "numbering.part");
  EXPECT_NE(e.message().find("\"words\""), std::string::npos) << e.message();
  EXPECT_NE(e.message().find("ordinal"), std::string::npos) << e.message();
}

TEST(Realize, NoNoiNhanLabelWithoutRecipients) {
  model::Document d = test::small_document();
  realize::Document doc = realize::realize_document(d, test::named_template("ke-hoach"), test::liberation_fonts());
  const auto& closing = std::get<realize::Closing>(doc.regions[3]);
  EXPECT_FALSE(closing.recipients_label.has_value());
  EXPECT_TRUE(closing.recipients.empty());
  ASSERT_EQ(closing.signatures.size(), 1u);
  d.recipients = {"Như trên;"};
  doc = realize::realize_document(d, test::named_template("ke-hoach"), test::liberation_fonts());
  EXPECT_TRUE(std::get<realize::Closing>(doc.regions[3]).recipients_label.has_value());
}

TEST(Realize, TheNumberLineWithAYearOrOptionalOrNone) {
  model::Document d = test::small_document();
  d.number = {"33", "2009", "QĐ-UBND"};
  realize::Document doc = realize::realize_document(d, test::named_template("ke-hoach"), test::liberation_fonts());
  EXPECT_EQ(text_of(*std::get<realize::Header>(doc.regions[0]).number), "Số: 33/2009/QĐ-UBND");

  style::Template optional = test::template_with(
      R"(<document-type name="BIÊN BẢN" sentence-name="Biên bản" abbreviation="BB"/>
         <regions><header number="optional"/><title/><body/><closing signatures="side-by-side"/></regions>)");
  d.omit_number = true;
  doc = realize::realize_document(d, optional, test::liberation_fonts());
  EXPECT_FALSE(std::get<realize::Header>(doc.regions[0]).number.has_value());
  EXPECT_TRUE(std::get<realize::Header>(doc.regions[0]).date.has_value());
  // A kind whose Số is required refuses "number": null, naming the field.
  const Error e = realize_error(d, test::named_template("ke-hoach"));
  EXPECT_EQ(e.field_path(), "number");
}

TEST(Realize, RegionsInTheTemplatesOrderKinhGuiAndPreamble) {
  style::Template tpl = test::template_with(
      R"(<document-type name="QUYẾT ĐỊNH" sentence-name="Quyết định" abbreviation="QĐ"/>
         <regions><header/><title/><preamble decision-word="QUYẾT ĐỊNH:"/><body/><closing/></regions>)");
  model::Document d = test::small_document();
  d.authority = "GIÁM ĐỐC SỞ GIÁO DỤC VÀ ĐÀO TẠO";
  d.preamble = {test::rich("Căn cứ Luật Tổ chức chính quyền địa phương;"), test::rich("Theo đề nghị của Chánh Văn phòng.")};
  d.body = {block(BlockKind::Article, "", "Tặng Giấy khen.")};
  test::number_paths(d.body, "body");
  realize::Document doc = realize::realize_document(d, tpl, test::liberation_fonts());
  ASSERT_EQ(doc.regions.size(), 5u);
  const auto& pre = std::get<realize::Flow>(doc.regions[2]);
  EXPECT_EQ(pre.id, "preamble");
  ASSERT_EQ(pre.items.size(), 4u);
  EXPECT_EQ(std::get<realize::Paragraph>(pre.items[0]).style, "authority-line");
  EXPECT_EQ(std::get<realize::Paragraph>(pre.items[1]).style, "preamble");
  EXPECT_EQ(std::get<realize::Paragraph>(pre.items[1]).source, "preamble[0]");
  EXPECT_EQ(text_of(std::get<realize::Paragraph>(pre.items[3])), "QUYẾT ĐỊNH:");
  EXPECT_EQ(std::get<realize::Flow>(doc.regions[3]).id, "body");

  // Kính gửi in a template without that region is an error, not left out.
  d.kinh_gui = {"Sở Tài chính"};
  const Error e = realize_error(d, tpl);
  EXPECT_EQ(e.field_path(), "kinh_gui");
}

TEST(Realize, KinhGuiOneOnTheLineSeveralWithDashesAndPunctuation) {
  style::Template tpl = test::template_with(
      R"(<document-type name="" sentence-name="Công văn" abbreviation=""/>
         <regions><header subject-under-number="true"/><kinh-gui label="Kính gửi:"/><body/><closing/></regions>)");
  model::Document d = test::small_document();
  d.kinh_gui = {"Sở Tài chính"};
  realize::Document doc = realize::realize_document(d, tpl, test::liberation_fonts());
  const auto& one = std::get<realize::LabelledList>(std::get<realize::Flow>(doc.regions[1]).items[0]);
  EXPECT_TRUE(one.same_line);
  EXPECT_EQ(text_of(one.items[0]), "Sở Tài chính");
  d.kinh_gui = {"Sở Tài chính", "Sở Nội vụ", "Kho bạc Nhà nước tỉnh"};
  doc = realize::realize_document(d, tpl, test::liberation_fonts());
  const auto& many = std::get<realize::LabelledList>(std::get<realize::Flow>(doc.regions[1]).items[0]);
  EXPECT_FALSE(many.same_line);
  ASSERT_EQ(many.items.size(), 3u);
  EXPECT_EQ(text_of(many.items[0]), "- Sở Tài chính;");
  EXPECT_EQ(text_of(many.items[2]), "- Kho bạc Nhà nước tỉnh.");
  EXPECT_GT(many.item_indent, many.indent + 40);  // the width of "Kính gửi" at 14 pt
  // The trích yếu under Số as "V/v …", and not again under the title.
  const auto& header = std::get<realize::Header>(doc.regions[0]);
  ASSERT_EQ(header.under_number.size(), 1u);
  EXPECT_EQ(text_of(header.under_number[0]), "V/v Về việc tổ chức hội nghị");
  EXPECT_EQ(header.under_number[0].style, "subject-under-number");
}

// Mẫu 1.6 (templates/cong-dien.xml): the sender line is the model's authority and
// " điện:", centred bold in the case written; the receivers one per line as body
// paragraphs; no authority line in a preamble; without an authority, an error naming it.
TEST(Realize, CongDienSenderLineAndReceivers) {
  model::Document d = test::small_document();
  d.authority = "CHỦ TỊCH ỦY BAN NHÂN DÂN HUYỆN LẠC SƠN";
  d.kinh_gui = {"Trưởng phòng Giáo dục và Đào tạo", "Hiệu trưởng các trường"};
  d.body = {block(BlockKind::Paragraph, "", "Cho học sinh nghỉ học.")};
  test::number_paths(d.body, "body");
  const auto& tpl = test::named_template("cong-dien");
  realize::Document doc = realize::realize_document(d, tpl, test::liberation_fonts());
  const realize::LabelledList* list = nullptr;
  for (const auto& r : doc.regions)
    if (const auto* f = std::get_if<realize::Flow>(&r); f && f->id == "kinh-gui")
      list = &std::get<realize::LabelledList>(f->items.at(0));
  ASSERT_TRUE(list);
  EXPECT_EQ(text_of(list->label), "CHỦ TỊCH ỦY BAN NHÂN DÂN HUYỆN LẠC SƠN điện:");
  EXPECT_EQ(list->label.source, "authority");
  EXPECT_EQ(list->label.style, "sender-line");
  EXPECT_FALSE(tpl.style("sender-line").uppercase);
  EXPECT_EQ(tpl.style("sender-line").align, style::Align::Center);
  EXPECT_TRUE(tpl.style("sender-line").bold);
  EXPECT_FALSE(list->hanging);
  EXPECT_FALSE(list->same_line);
  ASSERT_EQ(list->items.size(), 2u);
  EXPECT_EQ(text_of(list->items[0]), "- Trưởng phòng Giáo dục và Đào tạo;");
  EXPECT_EQ(text_of(list->items[1]), "- Hiệu trưởng các trường.");
  EXPECT_EQ(list->items[1].style, "body");
  for (const auto* p : test::paragraphs(doc)) EXPECT_NE(p->style, "authority-line") << p->id;
  // One receiver: on a line of its own too (same-line="false").
  d.kinh_gui = {"Trưởng phòng Giáo dục và Đào tạo"};
  doc = realize::realize_document(d, tpl, test::liberation_fonts());
  const auto* one = test::paragraph_with_id(doc, "kinh-gui.0");
  ASSERT_TRUE(one);
  EXPECT_EQ(text_of(*one), "- Trưởng phòng Giáo dục và Đào tạo.");
  d.authority.clear();
  EXPECT_EQ(realize_error(d, tpl).field_path(), "authority");
}

// Mẫu 1.9: two signatures side by side with recipients share the whole text width and
// the list goes under the first, in its column; Mẫu 1.10: the second signature of a Giấy
// nghỉ phép is a confirmation block at the lower left, in its own style.
TEST(Realize, BienBanRecipientsUnderTheFirstSignatureAndAConfirmationBlock) {
  const auto& tpl = test::named_template("bien-ban");
  const double width = tpl.page.width - tpl.page.margin_left - tpl.page.margin_right;
  model::Document d = test::small_document();
  d.body = {block(BlockKind::Paragraph, "", "Cuộc họp kết thúc lúc 11 giờ.")};
  test::number_paths(d.body, "body");
  d.signatures = {{{"THƯ KÝ"}, "Bùi Thị Mai", "signatures[0]"}, {{"CHỦ TỌA"}, "Phạm Thị Thu Hà", "signatures[1]"}};
  d.recipients = {"Phòng Giáo dục và Đào tạo;", "Lưu: VT."};
  auto closing = [](const realize::Document& doc) {
    for (const auto& r : doc.regions)
      if (const auto* c = std::get_if<realize::Closing>(&r)) return *c;
    ADD_FAILURE() << "no closing";
    return realize::Closing{};
  };
  realize::Closing c = closing(realize::realize_document(d, tpl, test::liberation_fonts()));
  EXPECT_TRUE(c.recipients_below);
  ASSERT_EQ(c.signatures.size(), 2u);
  EXPECT_NEAR(c.signatures[0].x, 0, 1e-9);
  EXPECT_NEAR(c.signatures[1].x, width / 2, 1e-9);
  EXPECT_NEAR(c.signatures[1].width, width / 2, 1e-9);
  EXPECT_NEAR(c.recipients_width, width / 2, 1e-9);
  // Stacked, or one signature: Nơi nhận in its own column, level with the signature.
  d.signature_arrangement = model::SignatureArrangement::Stacked;
  c = closing(realize::realize_document(d, tpl, test::liberation_fonts()));
  EXPECT_FALSE(c.recipients_below);
  EXPECT_NEAR(c.recipients_width, tpl.closing.recipients_width, 1e-9);

  const auto& leave = test::named_template("giay-nghi-phep");
  d.signature_arrangement = model::SignatureArrangement::Default;
  d.signatures = {{{"HIỆU TRƯỞNG"}, "Phạm Thị Thu Hà", "signatures[0]"},
                  {{"Xác nhận của cơ quan, tổ chức hoặc chính quyền địa phương nơi nghỉ phép"}, "", "signatures[1]"}};
  c = closing(realize::realize_document(d, leave, test::liberation_fonts()));
  EXPECT_FALSE(c.recipients_below);
  ASSERT_EQ(c.signatures.size(), 2u);
  EXPECT_FALSE(c.signatures[0].below);
  EXPECT_NEAR(c.signatures[0].x, leave.closing.recipients_width, 1e-9);
  EXPECT_TRUE(c.signatures[1].below);
  EXPECT_NEAR(c.signatures[1].x, 0, 1e-9);
  EXPECT_NEAR(c.signatures[1].width, leave.closing.recipients_width, 1e-9);
  EXPECT_EQ(c.signatures[1].authority.at(0).style, "confirmation");
  EXPECT_FALSE(c.signatures[1].name);
}

TEST(Realize, AControlCharacterIsAnErrorNamingTheField) {
  model::Document d = test::small_document();
  d.body = {block(BlockKind::Paragraph, "", "chuông\a")};
  test::number_paths(d.body, "body");
  const Error e = realize_error(d, test::named_template("ke-hoach"));
  EXPECT_EQ(e.field_path(), "body[0]");
  EXPECT_NE(e.message().find("U+0007"), std::string::npos) << e.message();
}

TEST(Realize, BodyTablesAreRefusedNamingTheField) {
  model::Document d = test::small_document();
  d.body = {block(BlockKind::Table, "", "")};
  test::number_paths(d.body, "body");
  const Error e = realize_error(d, test::named_template("ke-hoach"));
  EXPECT_EQ(e.field_path(), "body[0]");
}

TEST(Realize, VietnameseOrdinalWords) {
  const style::Template& tpl = test::named_template("ke-hoach");
  style::NumberingStyle ns;
  ns.format = style::NumberFormat::Ordinal;
  std::vector<std::string> got;
  for (int n : {1, 2, 3, 4, 5, 10, 11, 14, 15, 21, 24, 25}) got.push_back(wording::number_text(tpl, ns, n));
  EXPECT_EQ(got, (std::vector<std::string>{"thứ nhất", "thứ hai", "thứ ba", "thứ tư", "thứ năm", "thứ mười",
                                           "thứ mười một", "thứ mười bốn", "thứ mười lăm", "thứ hai mươi mốt",
                                           "thứ hai mươi tư", "thứ hai mươi lăm"}));
}

}  // namespace

namespace {

using namespace vanban;

// Forms attached as appendices become FormContent items with their heading decided here;
// a value for a field the form lacks is an error naming where it was given.
TEST(Realize, FormAppendicesBecomeFormContent) {
  std::ifstream in(VANBAN_SOURCE_DIR "/samples/ke-hoach-hoa-binh-2021-bieu-mau.json", std::ios::binary);
  std::stringstream data;
  data << in.rdbuf();
  model::Document d = model::load_document(data.str(), "bieu-mau.json");
  realize::FormTemplates forms;
  for (const char* name : {"phu-luc-1", "phu-luc-2", "phu-luc-3"}) forms[name] = &test::named_template(name);
  realize::Document doc = realize::realize_document(d, test::named_template("ke-hoach"), test::liberation_fonts(), forms);
  ASSERT_EQ(doc.regions.size(), 4u + 2 * 3);
  const auto& flow = std::get<realize::Flow>(doc.regions[5 + 2 * 1]);
  ASSERT_EQ(flow.items.size(), 1u);
  const auto& form = std::get<realize::FormContent>(flow.items[0]);
  EXPECT_EQ(form.form, forms["phu-luc-2"]);
  EXPECT_EQ(form.label, "Phụ lục 2");
  EXPECT_EQ(form.title, forms["phu-luc-2"]->form.title);
  EXPECT_EQ(form.reference.rfind("(Kèm theo Kế hoạch số", 0), 0u) << form.reference;
  EXPECT_EQ(form.record, nullptr);  // no values: printed blank

  d.appendices[0].form_values = {{"no_such_field", "x", "appendices[0].values.no_such_field", 3, 7}};
  try {
    realize::realize_document(d, test::named_template("ke-hoach"), test::liberation_fonts(), forms);
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_EQ(e.field_path(), "appendices[0].values.no_such_field");
    EXPECT_EQ(e.line(), 3);
  }
  // A form that is not there (or not a form template) names the appendix's "form".
  d.appendices[0].form_values.clear();
  forms["phu-luc-3"] = &test::named_template("ke-hoach");
  EXPECT_EQ(realize_error(d, test::named_template("ke-hoach"), forms).field_path(), "appendices[2].form");
}

}  // namespace
