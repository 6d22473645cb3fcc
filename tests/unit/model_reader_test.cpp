#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "core/error.h"
#include "model/reader.h"
#include "model_test_helpers.h"

namespace {

using namespace vanban;
using model::load_document;

std::string read(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

const std::string kSample = VANBAN_SOURCE_DIR "/samples/ke-hoach-hoa-binh-2021.json";
const std::string kSampleXml = VANBAN_SOURCE_DIR "/samples/ke-hoach-hoa-binh-2021.xml";

// A minimal valid document with `extra` members spliced in.
std::string minimal(const std::string& extra = "", const std::string& date = R"({"day": 5, "month": 3, "year": 2021})") {
  return "{\n"
         "  \"issuing_agency\": \"SỞ GIÁO DỤC VÀ ĐÀO TẠO\",\n"
         "  \"place\": \"Hòa Bình\",\n"
         "  \"date\": " + date + ",\n"
         "  \"subject\": \"Thử\",\n" + extra +
         "  \"body\": [{\"type\": \"paragraph\", \"text\": \"Nội dung.\"}],\n"
         "  \"signature\": {\"authority\": \"GIÁM ĐỐC\", \"signer_name\": \"Nguyễn Văn A\"}\n"
         "}\n";
}

Error error_of(const std::string& text, const std::string& name = "x.json") { return test::model_error(text, name); }

void expect_equal(const std::vector<model::Block>& a, const std::vector<model::Block>& b) {
  ASSERT_EQ(a.size(), b.size());
  for (size_t i = 0; i < a.size(); ++i) {
    EXPECT_EQ(a[i].kind, b[i].kind) << a[i].field_path;
    EXPECT_EQ(a[i].label, b[i].label) << a[i].field_path;
    EXPECT_EQ(a[i].title, b[i].title) << a[i].field_path;
    EXPECT_EQ(a[i].text, b[i].text) << a[i].field_path;
    EXPECT_EQ(a[i].style, b[i].style) << a[i].field_path;
    EXPECT_EQ(a[i].line_count, b[i].line_count) << a[i].field_path;
    EXPECT_EQ(a[i].field_path, b[i].field_path);
    expect_equal(a[i].children, b[i].children);
  }
}

void expect_equal(const model::Document& a, const model::Document& b) {
  EXPECT_EQ(a.parent_agency, b.parent_agency);
  EXPECT_EQ(a.issuing_agency, b.issuing_agency);
  EXPECT_EQ(a.national_title, b.national_title);
  EXPECT_EQ(a.motto, b.motto);
  EXPECT_EQ(a.number.number, b.number.number);
  EXPECT_EQ(a.number.symbol, b.number.symbol);
  EXPECT_EQ(a.place, b.place);
  EXPECT_EQ(a.date.day, b.date.day);
  EXPECT_EQ(a.date.month, b.date.month);
  EXPECT_EQ(a.date.year, b.date.year);
  EXPECT_EQ(a.subject, b.subject);
  EXPECT_EQ(a.recipients, b.recipients);
  EXPECT_EQ(a.signatures.at(0).authority_lines, b.signatures.at(0).authority_lines);
  EXPECT_EQ(a.signatures.at(0).signer_name, b.signatures.at(0).signer_name);
  EXPECT_EQ(a.issuer_name, b.issuer_name);
  EXPECT_EQ(a.appendix_numbering, b.appendix_numbering);
  expect_equal(a.body, b.body);
  ASSERT_EQ(a.appendices.size(), b.appendices.size());
  for (size_t i = 0; i < a.appendices.size(); ++i) {
    EXPECT_EQ(a.appendices[i].title, b.appendices[i].title);
    EXPECT_EQ(a.appendices[i].reference, b.appendices[i].reference);
    expect_equal(a.appendices[i].body, b.appendices[i].body);
  }
}

TEST(Model, SampleLoadsWithItsStructure) {
  auto d = load_document(read(kSample), kSample);
  EXPECT_EQ(d.parent_agency, std::vector<std::string>{"UBND TỈNH HOÀ BÌNH"});
  EXPECT_EQ(d.number.number, "");
  EXPECT_EQ(d.number.symbol, "KH-SGD&ĐT");
  EXPECT_EQ(d.date.day, 0);
  EXPECT_EQ(d.date.month, 3);
  EXPECT_EQ(d.date.year, 2021);
  int sections = 0;
  for (const auto& b : d.body) sections += b.kind == model::BlockKind::Section;
  EXPECT_EQ(sections, 4);
  EXPECT_EQ(d.body.back().kind, model::BlockKind::Paragraph);
  EXPECT_EQ(d.recipients.size(), 7u);
  EXPECT_EQ(d.signatures.at(0).signer_name, "Bùi Thị Kim Tuyến");
  ASSERT_EQ(d.appendices.size(), 3u);
  EXPECT_EQ(d.appendix_numbering, model::AppendixNumbering::Arabic);
}

TEST(Model, XmlFormLoadsToTheSameDocumentAsJson) {
  auto j = load_document(read(kSample), "sample");
  auto x = load_document(read(kSampleXml), "sample");
  expect_equal(j, x);
}

TEST(Model, DecomposedTextLoadsEqualToPrecomposed) {
  // "Hòa Bình" with o + U+0300 and i + U+0300; "Nguyễn" with e + U+0302 + U+0303.
  std::string nfd = minimal();
  auto replace = [&](const std::string& from, const std::string& to) { nfd.replace(nfd.find(from), from.size(), to); };
  replace("Hòa Bình", "Ho\xCC\x80" "a Bi\xCC\x80" "nh");
  replace("Nguyễn", "Nguye\xCC\x82\xCC\x83n");
  ASSERT_NE(nfd, minimal());
  auto a = load_document(minimal(), "nfc.json");
  auto b = load_document(nfd, "nfd.json");
  EXPECT_EQ(a.place, b.place);
  EXPECT_EQ(b.place, "Hòa Bình");
  EXPECT_EQ(a.signatures.at(0).signer_name, b.signatures.at(0).signer_name);
}

TEST(Model, JsonSyntaxErrorHasLineAndColumn) {
  std::string text = "{\n  \"place\": \"Hòa Bình\",\n  \"subject\" \"x\"\n}";
  Error e = error_of(text);
  EXPECT_EQ(e.kind(), ErrorKind::Syntax);
  EXPECT_EQ(e.file(), "x.json");
  EXPECT_EQ(e.line(), 3);
  EXPECT_EQ(e.column(), 13);  // the string where ':' was expected
}

TEST(Model, XmlSyntaxErrorHasLineAndColumn) {
  std::string text = "<document>\n  <place>Hòa Bình</place>\n  <subject>x</subjet>\n</document>";
  Error e = error_of(text, "x.xml");
  EXPECT_EQ(e.kind(), ErrorKind::Syntax);
  EXPECT_EQ(e.line(), 3);
  EXPECT_GT(e.column(), 10);
}

TEST(Model, InvalidUtf8HasLineAndColumn) {
  std::string text = minimal();
  size_t at = text.find("Thử");
  text.replace(at, std::string("Thử").size(), "Th\xE1\xBB");  // "ử" cut short
  Error e = error_of(text);
  EXPECT_EQ(e.kind(), ErrorKind::Syntax);
  EXPECT_EQ(e.line(), 5);
  EXPECT_EQ(e.column(), 17);
  EXPECT_NE(e.message().find("UTF-8"), std::string::npos);
}

TEST(Model, WrongTypeNamesFieldPathAndPosition) {
  Error e = error_of(minimal("", R"({"day": 5, "month": "ba", "year": 2021})"));
  EXPECT_EQ(e.kind(), ErrorKind::Model);
  EXPECT_EQ(e.field_path(), "date.month");
  EXPECT_EQ(e.line(), 4);
  EXPECT_EQ(e.column(), 31);
}

TEST(Model, MonthOutOfRangeAndImpossibleDateAreErrors) {
  EXPECT_EQ(error_of(minimal("", R"({"month": 13, "year": 2021})")).field_path(), "date.month");
  EXPECT_EQ(error_of(minimal("", R"({"day": 30, "month": 2, "year": 2021})")).field_path(), "date.day");
  EXPECT_NO_THROW(load_document(minimal("", R"({"day": 29, "month": 2, "year": 2024})"), "x"));
}

TEST(Model, MissingFieldIsNamed) {
  std::string text = minimal();
  text.replace(text.find("\"signer_name\""), 13, "\"signer\"");
  Error e = error_of(text);
  EXPECT_EQ(e.field_path(), "signature.signer");  // the unknown one is found first
  text = minimal();
  const std::string place_line = "  \"place\": \"Hòa Bình\",\n";
  text.replace(text.find(place_line), place_line.size(), "");
  EXPECT_EQ(error_of(text).field_path(), "place");
}

TEST(Model, UnknownFieldInABlockIsNamedWithItsPath) {
  std::string text = minimal(R"(  "appendices": [{"title": "A", "body": [{"type": "section", "title": "X", "content": [{"type": "dash", "titel": "y"}]}]}],
)");
  Error e = error_of(text);
  EXPECT_EQ(e.field_path(), "appendices[0].body[0].content[0].titel");
  EXPECT_EQ(e.line(), 6);
}

TEST(Model, RichTextSpansAndNumberPadding) {
  auto d = load_document(minimal(R"(  "number": {"number": 5, "symbol": "KH-SGDĐT"},
  "recipients": ["Như trên;"],
)"), "x");
  EXPECT_EQ(d.number.number, "05");
  auto rich = load_document(R"({"issuing_agency": "A", "place": "B", "date": {"year": 2021}, "subject": "S",
    "body": [{"type": "paragraph", "text": ["Căn cứ ", {"i": "Luật"}, " và ", {"b": "Kế hoạch"}, {"bi": "!"}]}],
    "signature": {"authority": ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"], "signer_name": "C"}})", "x");
  const auto& t = rich.body[0].text;
  ASSERT_EQ(t.size(), 5u);
  EXPECT_FALSE(t[0].bold || t[0].italic);
  EXPECT_TRUE(t[1].italic && !t[1].bold);
  EXPECT_TRUE(t[3].bold && !t[3].italic);
  EXPECT_TRUE(t[4].bold && t[4].italic);
  EXPECT_EQ(rich.signatures.at(0).authority_lines.size(), 2u);
  EXPECT_EQ(rich.date.day, 0);
  EXPECT_EQ(rich.date.month, 0);
}

TEST(Model, XmlRichTextAndBlocks) {
  auto d = load_document(R"(<?xml version="1.0" encoding="UTF-8"?>
<document>
  <issuing_agency>A</issuing_agency><place>B</place><date month="3" year="2021"/><subject>S</subject>
  <body>
    <paragraph>Căn cứ <i>Luật</i> <b>số 1</b></paragraph>
    <section title="MỤC">
      <clause><text>Văn bản</text>
        <fill_lines lines="3"/>
      </clause>
    </section>
  </body>
  <signature><authority>GIÁM ĐỐC</authority><signer_name>C</signer_name></signature>
</document>)", "x.xml");
  const auto& t = d.body[0].text;
  ASSERT_EQ(t.size(), 4u);
  EXPECT_EQ(t[2].text, " ");  // the space between two inline elements is text
  EXPECT_TRUE(t[3].bold);
  const auto& clause = d.body[1].children[0];
  EXPECT_EQ(model::plain_text(clause.text), "Văn bản");
  ASSERT_EQ(clause.children.size(), 1u);
  EXPECT_EQ(clause.children[0].line_count, 3);
  EXPECT_EQ(d.date.month, 3);
}

TEST(Model, FillLinesBoundsAndUnknownBlockType) {
  auto with_block = [](const std::string& block) {
    return R"({"issuing_agency": "A", "place": "B", "date": {"year": 2021}, "subject": "S", "body": [)" + block +
           R"(], "signature": {"authority": "G", "signer_name": "C"}})";
  };
  EXPECT_EQ(error_of(with_block(R"({"type": "fill_lines", "lines": 0})")).field_path(), "body[0].lines");
  EXPECT_EQ(error_of(with_block(R"({"type": "fill_lines", "lines": 51})")).field_path(), "body[0].lines");
  EXPECT_EQ(error_of(with_block(R"({"type": "chart"})")).field_path(), "body[0].type");
  EXPECT_EQ(error_of(with_block(R"({"type": "table"})")).field_path(), "body[0].columns");
  EXPECT_EQ(error_of(with_block(R"({"type": "section", "label": "V.", "title": "X"})")).field_path(), "body[0].label");
}

TEST(Model, DuplicateKeyIsAnError) {
  Error e = error_of(R"({"place": "A", "place": "B"})");
  EXPECT_EQ(e.kind(), ErrorKind::Syntax);
  EXPECT_EQ(e.line(), 1);
  EXPECT_EQ(e.column(), 16);
}

}  // namespace
