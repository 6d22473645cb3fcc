// The fields of issue #11 in the model: number with year, optional Số, marks, Kính gửi,
// authority, preamble, several signatures, address, numbering schemes, copy block,
// attached documents, parts/chapters/articles/stars, literal markers; read from JSON and
// from XML to the same tree, and every error naming its field path and line:column.
#include <gtest/gtest.h>

#include <string>

#include "core/error.h"
#include "model/reader.h"
#include "model_test_helpers.h"

namespace {

using namespace vanban;
using model::load_document;

Error error_of(const std::string& text, const std::string& name = "plan.json") { return test::model_error(text, name); }

std::string formatted(const Error& e) { return Error::format(e.file(), e.line(), e.column(), e.field_path(), e.message()); }

// A Quyết định with everything new (JSON).
const char* kDecisionJson = R"({
  "parent_agency": "UBND TỈNH HÒA BÌNH",
  "issuing_agency": ["SỞ GIÁO DỤC", "VÀ ĐÀO TẠO"],
  "number": {"number": 5, "year": 2009, "symbol": "QĐ-SGDĐT"},
  "place": "Hòa Bình",
  "date": {"day": 5, "month": 3, "year": 2021},
  "subject": "Ban hành Quy chế\nthi đua",
  "marks": {"secrecy": "TỐI MẬT", "urgency": "HOẢ TỐC", "circulation": "XEM XONG TRẢ LẠI", "draft": true},
  "kinh_gui": ["Các phòng", "Các trường"],
  "authority": "GIÁM ĐỐC SỞ GIÁO DỤC VÀ ĐÀO TẠO",
  "preamble": [["Căn cứ ", {"i": "Luật Thi đua"}, ";"], "Theo đề nghị của Trưởng phòng."],
  "body": [
    {"type": "part", "title": "QUY ĐỊNH CHUNG", "content": [
      {"type": "chapter", "label": "II", "title": "PHẠM VI", "content": [
        {"type": "article", "title": "Phạm vi", "text": "Quy chế này…", "content": [
          {"type": "clause", "marker": "1.2.3.", "text": "Khoản."},
          {"type": "star", "text": "Sao", "content": [{"type": "dash", "text": "Gạch"}]}
        ]}
      ]}
    ]},
    {"type": "table", "columns": [{"width": "12mm", "align": "center"}, {"width": "3*"}, {"width": "fit", "align": "right"}],
     "header": [[{"text": "TT", "rowspan": 2}, {"text": "Nội dung", "colspan": 2}], ["Việc", "Số"]],
     "rows": [["1", ["Một ", {"b": "việc"}], {"text": "2", "align": "center"}]],
     "repeat_header": false}
  ],
  "recipients": ["Như Điều 3;", "Lưu: VT."],
  "signatures": [{"authority": "THƯ KÝ", "signer_name": "Nguyễn Văn A"},
                 {"authority": ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"], "signer_name": "Trần Thị B"}],
  "signature_arrangement": "side-by-side",
  "address": ["Số 1, đường A", "ĐT: 0218"],
  "numbering": {"part": "ordinal", "clause": "outline"},
  "copy": {"form": "SAO Y", "parent_agency": "UBND TỈNH", "issuing_agency": "VĂN PHÒNG",
           "number": {"number": "12", "symbol": "SY-VP"}, "place": "Hòa Bình", "date": {"day": 6, "month": 3, "year": 2021},
           "signature": {"authority": "CHÁNH VĂN PHÒNG", "signer_name": "Lê C"}, "recipients": ["Như trên;"]},
  "appendices": [{"type_name": "QUY CHẾ", "title": "Thi đua, khen thưởng",
                  "body": [{"type": "article", "label": "5a", "title": "Đối tượng"}]}]
}
)";

// The same Quyết định in XML (docs/model.md's mapping).
const char* kDecisionXml = R"(<?xml version="1.0" encoding="UTF-8"?>
<document>
  <parent_agency>UBND TỈNH HÒA BÌNH</parent_agency>
  <issuing_agency><item>SỞ GIÁO DỤC</item><item>VÀ ĐÀO TẠO</item></issuing_agency>
  <number number="05" year="2009" symbol="QĐ-SGDĐT"/>
  <place>Hòa Bình</place>
  <date day="5" month="3" year="2021"/>
  <subject>Ban hành Quy chế
thi đua</subject>
  <marks secrecy="TỐI MẬT" urgency="HOẢ TỐC" circulation="XEM XONG TRẢ LẠI" draft="true"/>
  <kinh_gui><item>Các phòng</item><item>Các trường</item></kinh_gui>
  <authority>GIÁM ĐỐC SỞ GIÁO DỤC VÀ ĐÀO TẠO</authority>
  <preamble><item>Căn cứ <i>Luật Thi đua</i>;</item><item>Theo đề nghị của Trưởng phòng.</item></preamble>
  <body>
    <part title="QUY ĐỊNH CHUNG">
      <chapter label="II" title="PHẠM VI">
        <article title="Phạm vi"><text>Quy chế này…</text>
          <clause marker="1.2.3.">Khoản.</clause>
          <star><text>Sao</text><dash>Gạch</dash></star>
        </article>
      </chapter>
    </part>
    <table repeat_header="false">
      <columns><item width="12mm" align="center"/><item width="3*"/><item width="fit" align="right"/></columns>
      <header>
        <row><cell rowspan="2">TT</cell><cell colspan="2">Nội dung</cell></row>
        <row><cell>Việc</cell><cell>Số</cell></row>
      </header>
      <rows><row><cell>1</cell><cell>Một <b>việc</b></cell><cell align="center">2</cell></row></rows>
    </table>
  </body>
  <recipients><item>Như Điều 3;</item><item>Lưu: VT.</item></recipients>
  <signatures>
    <item><authority>THƯ KÝ</authority><signer_name>Nguyễn Văn A</signer_name></item>
    <item><authority><item>KT. GIÁM ĐỐC</item><item>PHÓ GIÁM ĐỐC</item></authority><signer_name>Trần Thị B</signer_name></item>
  </signatures>
  <signature_arrangement>side-by-side</signature_arrangement>
  <address><item>Số 1, đường A</item><item>ĐT: 0218</item></address>
  <numbering part="ordinal" clause="outline"/>
  <copy form="SAO Y" place="Hòa Bình">
    <parent_agency>UBND TỈNH</parent_agency><issuing_agency>VĂN PHÒNG</issuing_agency>
    <number number="12" symbol="SY-VP"/><date day="6" month="3" year="2021"/>
    <signature><authority>CHÁNH VĂN PHÒNG</authority><signer_name>Lê C</signer_name></signature>
    <recipients><item>Như trên;</item></recipients>
  </copy>
  <appendices>
    <item type_name="QUY CHẾ" title="Thi đua, khen thưởng"><body><article label="5a" title="Đối tượng"/></body></item>
  </appendices>
</document>
)";

void expect_same_blocks(const std::vector<model::Block>& a, const std::vector<model::Block>& b) {
  ASSERT_EQ(a.size(), b.size());
  for (size_t i = 0; i < a.size(); ++i) {
    const auto &x = a[i], &y = b[i];
    EXPECT_EQ(x.kind, y.kind) << x.field_path;
    EXPECT_EQ(x.label, y.label) << x.field_path;
    EXPECT_EQ(x.literal_label, y.literal_label) << x.field_path;
    EXPECT_EQ(x.title, y.title) << x.field_path;
    EXPECT_EQ(x.text, y.text) << x.field_path;
    EXPECT_EQ(x.field_path, y.field_path);
    ASSERT_EQ(x.table.columns.size(), y.table.columns.size()) << x.field_path;
    for (size_t c = 0; c < x.table.columns.size(); ++c) {
      EXPECT_EQ(x.table.columns[c].width.kind, y.table.columns[c].width.kind);
      EXPECT_DOUBLE_EQ(x.table.columns[c].width.value, y.table.columns[c].width.value);
      EXPECT_EQ(x.table.columns[c].align, y.table.columns[c].align);
    }
    EXPECT_EQ(x.table.repeat_header, y.table.repeat_header);
    for (auto part : {&model::Table::header, &model::Table::rows}) {
      const auto &rx = x.table.*part, &ry = y.table.*part;
      ASSERT_EQ(rx.size(), ry.size());
      for (size_t r = 0; r < rx.size(); ++r) {
        ASSERT_EQ(rx[r].size(), ry[r].size());
        for (size_t c = 0; c < rx[r].size(); ++c) {
          EXPECT_EQ(rx[r][c].text, ry[r][c].text) << rx[r][c].field_path;
          EXPECT_EQ(rx[r][c].colspan, ry[r][c].colspan) << rx[r][c].field_path;
          EXPECT_EQ(rx[r][c].rowspan, ry[r][c].rowspan) << rx[r][c].field_path;
          EXPECT_EQ(rx[r][c].align, ry[r][c].align) << rx[r][c].field_path;
          EXPECT_EQ(rx[r][c].field_path, ry[r][c].field_path);
        }
      }
    }
    expect_same_blocks(x.children, y.children);
  }
}

void expect_same_signature(const model::Signature& a, const model::Signature& b) {
  EXPECT_EQ(a.authority_lines, b.authority_lines);
  EXPECT_EQ(a.signer_name, b.signer_name);
  EXPECT_EQ(a.field_path, b.field_path);
}

TEST(ModelDocument, QuyetDinhReadsEveryNewField) {
  auto d = load_document(kDecisionJson, "qd.json");
  EXPECT_EQ(d.number.number, "05");
  EXPECT_EQ(d.number.year, "2009");
  EXPECT_EQ(d.number.symbol, "QĐ-SGDĐT");
  EXPECT_FALSE(d.omit_number);
  EXPECT_EQ(d.subject, "Ban hành Quy chế\nthi đua");
  EXPECT_EQ(d.marks.secrecy, "TỐI MẬT");
  EXPECT_EQ(d.marks.urgency, "HỎA TỐC");  // "HOẢ TỐC" is stored as the decree writes it
  EXPECT_EQ(d.marks.circulation, "XEM XONG TRẢ LẠI");
  EXPECT_TRUE(d.marks.draft);
  EXPECT_EQ(d.kinh_gui, (std::vector<std::string>{"Các phòng", "Các trường"}));
  EXPECT_EQ(d.authority, "GIÁM ĐỐC SỞ GIÁO DỤC VÀ ĐÀO TẠO");
  ASSERT_EQ(d.preamble.size(), 2u);
  ASSERT_EQ(d.preamble[0].size(), 3u);
  EXPECT_TRUE(d.preamble[0][1].italic);
  ASSERT_EQ(d.signatures.size(), 2u);
  EXPECT_EQ(d.signatures[1].authority_lines, (std::vector<std::string>{"KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"}));
  EXPECT_EQ(d.signatures[1].field_path, "signatures[1]");
  EXPECT_EQ(d.signature_arrangement, model::SignatureArrangement::SideBySide);
  EXPECT_EQ(d.address.size(), 2u);
  ASSERT_EQ(d.numbering.size(), 2u);
  EXPECT_EQ(d.numbering[0], (std::pair<std::string, std::string>{"part", "ordinal"}));
  EXPECT_EQ(d.numbering[1], (std::pair<std::string, std::string>{"clause", "outline"}));
  EXPECT_EQ(d.copy.form, "SAO Y");
  EXPECT_EQ(d.copy.number.number, "12");
  EXPECT_EQ(d.copy.date.day, 6);
  EXPECT_EQ(d.copy.signature.signer_name, "Lê C");
  EXPECT_EQ(d.copy.signature.field_path, "copy.signature");
  EXPECT_EQ(d.copy.recipients.size(), 1u);
  ASSERT_EQ(d.appendices.size(), 1u);
  EXPECT_EQ(d.appendices[0].type_name, "QUY CHẾ");
  EXPECT_EQ(d.appendices[0].body.at(0).kind, model::BlockKind::Article);
  EXPECT_EQ(d.appendices[0].body.at(0).label, "5a");

  const auto& part = d.body.at(0);
  EXPECT_EQ(part.kind, model::BlockKind::Part);
  const auto& chapter = part.children.at(0);
  EXPECT_EQ(chapter.kind, model::BlockKind::Chapter);
  EXPECT_EQ(chapter.label, "II");
  const auto& article = chapter.children.at(0);
  EXPECT_EQ(article.kind, model::BlockKind::Article);
  EXPECT_EQ(model::plain_text(article.title), "Phạm vi");
  EXPECT_EQ(article.children.at(0).label, "1.2.3.");
  EXPECT_TRUE(article.children.at(0).literal_label);
  EXPECT_EQ(article.children.at(1).kind, model::BlockKind::Star);
  EXPECT_EQ(article.children.at(1).children.at(0).kind, model::BlockKind::Dash);

  const auto& table = d.body.at(1).table;
  EXPECT_EQ(d.body.at(1).kind, model::BlockKind::Table);
  ASSERT_EQ(table.columns.size(), 3u);
  EXPECT_EQ(table.columns[0].width.kind, model::ColumnWidth::Kind::Fixed);
  EXPECT_NEAR(table.columns[0].width.value, 12 * 72 / 25.4, 1e-9);
  EXPECT_EQ(table.columns[0].align, "center");
  EXPECT_EQ(table.columns[1].width.kind, model::ColumnWidth::Kind::Proportional);
  EXPECT_EQ(table.columns[1].width.value, 3);
  EXPECT_EQ(table.columns[2].width.kind, model::ColumnWidth::Kind::Fit);
  ASSERT_EQ(table.header.size(), 2u);
  EXPECT_EQ(table.header[0][0].rowspan, 2);
  EXPECT_EQ(table.header[0][1].colspan, 2);
  EXPECT_EQ(table.header[1].size(), 2u);  // the TT cell's rowspan covers column 1
  EXPECT_EQ(table.rows[0][1].text.size(), 2u);
  EXPECT_TRUE(table.rows[0][1].text[1].bold);
  EXPECT_EQ(table.rows[0][2].align, "center");
  EXPECT_EQ(table.rows[0][2].field_path, "body[1].rows[0][2]");
  EXPECT_FALSE(table.repeat_header);
}

TEST(ModelDocument, XmlGivesTheSameTreeAsJson) {
  auto j = load_document(kDecisionJson, "qd.json");
  auto x = load_document(kDecisionXml, "qd.xml");
  EXPECT_EQ(j.number.number, x.number.number);
  EXPECT_EQ(j.number.year, x.number.year);
  EXPECT_EQ(j.number.symbol, x.number.symbol);
  EXPECT_EQ(j.subject, x.subject);
  EXPECT_EQ(j.marks.secrecy, x.marks.secrecy);
  EXPECT_EQ(j.marks.urgency, x.marks.urgency);
  EXPECT_EQ(j.marks.circulation, x.marks.circulation);
  EXPECT_EQ(j.marks.draft, x.marks.draft);
  EXPECT_EQ(j.kinh_gui, x.kinh_gui);
  EXPECT_EQ(j.authority, x.authority);
  EXPECT_EQ(j.preamble, x.preamble);
  ASSERT_EQ(j.signatures.size(), x.signatures.size());
  for (size_t i = 0; i < j.signatures.size(); ++i) expect_same_signature(j.signatures[i], x.signatures[i]);
  EXPECT_EQ(j.signature_arrangement, x.signature_arrangement);
  EXPECT_EQ(j.address, x.address);
  EXPECT_EQ(j.numbering, x.numbering);
  EXPECT_EQ(j.copy.form, x.copy.form);
  EXPECT_EQ(j.copy.parent_agency, x.copy.parent_agency);
  EXPECT_EQ(j.copy.issuing_agency, x.copy.issuing_agency);
  EXPECT_EQ(j.copy.number.number, x.copy.number.number);
  EXPECT_EQ(j.copy.number.symbol, x.copy.number.symbol);
  EXPECT_EQ(j.copy.place, x.copy.place);
  EXPECT_EQ(j.copy.date.day, x.copy.date.day);
  expect_same_signature(j.copy.signature, x.copy.signature);
  EXPECT_EQ(j.copy.recipients, x.copy.recipients);
  ASSERT_EQ(j.appendices.size(), x.appendices.size());
  EXPECT_EQ(j.appendices[0].type_name, x.appendices[0].type_name);
  EXPECT_EQ(j.appendices[0].title, x.appendices[0].title);
  expect_same_blocks(j.appendices[0].body, x.appendices[0].body);
  expect_same_blocks(j.body, x.body);
}

TEST(ModelDocument, NullNumberOmitsTheSoLineInBothForms) {
  auto base = std::string(kDecisionJson);
  std::string from = R"("number": {"number": 5, "year": 2009, "symbol": "QĐ-SGDĐT"},)";
  base.replace(base.find(from), from.size(), R"("number": null,)");
  EXPECT_TRUE(load_document(base, "x.json").omit_number);
  auto xml = std::string(kDecisionXml);
  std::string xfrom = R"(<number number="05" year="2009" symbol="QĐ-SGDĐT"/>)";
  xml.replace(xml.find(xfrom), xfrom.size(), "<number/>");
  EXPECT_TRUE(load_document(xml, "x.xml").omit_number);
  EXPECT_FALSE(load_document(kDecisionJson, "x.json").omit_number);
}

TEST(ModelDocument, YearAsFourDigitString) {
  auto d = load_document(R"({"issuing_agency": "A", "place": "B", "date": {"year": 2021}, "subject": "S",
    "number": {"year": "2009", "symbol": "QĐ"}, "body": [], "signature": {"authority": "G", "signer_name": "C"}})", "x");
  EXPECT_EQ(d.number.year, "2009");
  EXPECT_EQ(d.number.number, "");
}

// A signature signed by hand, its name unknown when the document is issued (Mẫu 1.10's
// confirmation block): no signer_name, in JSON and XML; an empty one is still an error.
TEST(ModelDocument, ASignatureWithoutSignerName) {
  auto d = load_document(R"({"issuing_agency": "A", "place": "B", "date": {"year": 2021}, "subject": "S", "body": [],
    "signatures": [{"authority": "HIỆU TRƯỞNG", "signer_name": "C"}, {"authority": "Xác nhận của cơ quan"}]})", "x.json");
  ASSERT_EQ(d.signatures.size(), 2u);
  EXPECT_EQ(d.signatures[1].authority_lines, std::vector<std::string>{"Xác nhận của cơ quan"});
  EXPECT_EQ(d.signatures[1].signer_name, "");
  auto x = load_document(R"(<document><issuing_agency>A</issuing_agency><place>B</place><date year="2021"/>
    <subject>S</subject><body/><signature><authority>Xác nhận</authority></signature></document>)", "x.xml");
  ASSERT_EQ(x.signatures.size(), 1u);
  EXPECT_EQ(x.signatures[0].signer_name, "");
  Error e = error_of(R"({"issuing_agency": "A", "place": "B", "date": {"year": 2021}, "subject": "S", "body": [],
    "signature": {"authority": "G", "signer_name": ""}})");
  EXPECT_EQ(e.field_path(), "signature.signer_name");
}

// The errors: each names its field path and the line:column of the value.
struct Case {
  const char* replace;  // text in kDecisionJson
  const char* with;
  const char* expected;  // the whole formatted message
};

std::string decision_with(const Case& c) {
  std::string text = kDecisionJson;
  size_t at = text.find(c.replace);
  EXPECT_NE(at, std::string::npos) << c.replace;
  if (at != std::string::npos) text.replace(at, std::string(c.replace).size(), c.with);
  return text;
}

TEST(ModelDocument, ErrorsNameFieldAndPosition) {
  const Case cases[] = {
      {R"("year": 2009)", R"("year": 1800)", "plan.json:4:35: number.year: expected an integer from 1900 to 2200, got 1800"},
      {R"("year": 2009)", R"("year": "09")",
       "plan.json:4:35: number.year: expected a year: an integer from 1900 to 2200 or 4 digits, got \"09\""},
      {R"("secrecy": "TỐI MẬT")", R"("secrecy": "MẬT LẮM")",
       "plan.json:8:24: marks.secrecy: expected \"MẬT\", \"TỐI MẬT\" or \"TUYỆT MẬT\", got \"MẬT LẮM\""},
      {R"("urgency": "HOẢ TỐC")", R"("urgency": "GẤP")",
       "plan.json:8:46: marks.urgency: expected \"KHẨN\", \"THƯỢNG KHẨN\" or \"HỎA TỐC\", got \"GẤP\""},
      {R"("draft": true)", R"("draft": "có")", "plan.json:8:101: marks.draft: expected true or false, got \"có\""},
      {R"("signature_arrangement": "side-by-side")", R"("signature_arrangement": "diagonal")",
       "plan.json:29:28: signature_arrangement: expected \"side-by-side\" or \"stacked\", got \"diagonal\""},
      {R"("signatures": [)", R"("signature": {"authority": "X", "signer_name": "Y"}, "signatures": [)",
       "plan.json:27:70: signatures: give \"signature\" (one) or \"signatures\" (several), not both"},
      {R"("part": "ordinal")", R"("phan": "ordinal")", "plan.json:31:17: numbering.phan: unknown field \"phan\" (the fields here are part, chapter, section, article, "
       "clause, point, dash, plus, star, contact)"},
      {R"("form": "SAO Y")", R"("form": "SAO CHÉP")",
       "plan.json:32:20: copy.form: expected \"SAO Y\", \"SAO LỤC\" or \"TRÍCH SAO\", got \"SAO CHÉP\""},
      {R"({"type": "part", "title": "QUY ĐỊNH CHUNG", )", R"({"type": "part", )",
       "plan.json:13:5: body[0].title: missing (required)"},
      {R"("title": "Phạm vi", "text": "Quy chế này…", )", "", "plan.json:15:9: body[0].content[0].content[0].title: an article needs a title or a text"},
      {R"("marker": "1.2.3.")", R"("marker": "1.2.3.", "label": "4")",
       "plan.json:16:40: body[0].content[0].content[0].content[0].marker: give \"label\" or \"marker\", not both"},
      {R"("subject": "Ban hành Quy chế\nthi đua")", R"("subject": "Ban hành\u0007")",
       "plan.json:7:14: subject: control character U+0007 is not allowed"},
      {R"("Các trường")", R"("Các\u009Ftrường")", "plan.json:9:29: kinh_gui[1]: control character U+009F is not allowed"},
      {R"("Theo đề nghị của Trưởng phòng.")", R"("Theo\u007F")",
       "plan.json:11:57: preamble[1]: control character U+007F is not allowed"},
      {R"({"i": "Luật Thi đua"})", R"({"i": "Luật\u0000"})",
       "plan.json:11:34: preamble[0][1].i: control character U+0000 is not allowed"},
  };
  for (const auto& c : cases) {
    Error e = error_of(decision_with(c));
    EXPECT_EQ(e.kind(), ErrorKind::Model) << c.with;
    EXPECT_EQ(formatted(e), c.expected);
  }
}

TEST(ModelDocument, LineBreaksKeptCarriageReturnsNormalisedTabsAllowed) {
  Case crlf{R"("subject": "Ban hành Quy chế\nthi đua")", R"("subject": "Ban hành\r\nQuy chế\tthi đua")", ""};
  auto d = load_document(decision_with(crlf), "x.json");
  EXPECT_EQ(d.subject, "Ban hành\nQuy chế\tthi đua");
  Case lone_cr{R"("subject": "Ban hành Quy chế\nthi đua")", R"("subject": "Ban hành\rQuy chế")", ""};
  EXPECT_EQ(formatted(error_of(decision_with(lone_cr))), "plan.json:7:14: subject: control character U+000D is not allowed");
  // In XML a character reference is the only way to write a control character.
  std::string xml = kDecisionXml;
  xml.replace(xml.find("<authority>GIÁM ĐỐC SỞ"), 11, "<authority>&#27;");
  Error e = error_of(xml, "qd.xml");
  EXPECT_EQ(e.field_path(), "authority");
  EXPECT_NE(e.message().find("U+001B"), std::string::npos) << e.message();
}

TEST(ModelDocument, XmlErrorsNameTheirLine) {
  std::string xml = kDecisionXml;
  const std::string from = R"(urgency="HOẢ TỐC")";
  xml.replace(xml.find(from), from.size(), R"(urgency="GẤP")");
  Error e = error_of(xml, "qd.xml");
  EXPECT_EQ(e.field_path(), "marks.urgency");
  EXPECT_EQ(e.line(), 10);
}

}  // namespace
