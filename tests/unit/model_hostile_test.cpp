// Hostile and huge inputs for the readers (issue #10): linear time on minified JSON and
// wide CSV, nesting limits, declared sizes never trusted, short valid UTF-8 excerpts in
// messages, XML entities, control characters in list cells. Big inputs are made here,
// in memory.
#include <gtest/gtest.h>
#include <zip.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <unistd.h>

#include "core/error.h"
#include "core/limits.h"
#include "core/unicode.h"
#include "model/reader.h"
#include "model/recipient_list.h"
#include "model/value.h"
#include "model/xlsx_reader.h"

namespace {

using namespace vanban;
using model::read_recipient_list;

bool valid_utf8(const std::string& s) { return !unicode::find_invalid_utf8(s).has_value(); }

// Runs `f`, which must throw vanban::Error, and returns the error.
template <typename F>
Error error_of(F f) {
  try {
    f();
  } catch (const Error& e) {
    return e;
  }
  ADD_FAILURE() << "no error";
  return Error(ErrorKind::Model, "none");
}

std::string person_json(int i) {
  return "{\"stt\":" + std::to_string(i) + ",\"ho_ten\":\"Nguyễn Thị Hồng Nhung " + std::to_string(i) +
         "\",\"don_vi\":\"Trường Tiểu học Hữu Nghị\",\"thanh_tich\":\"Đã có thành tích xuất sắc\"}";
}

std::string minified_list(int rows) {
  std::string s = "[";
  for (int i = 1; i <= rows; ++i) s += (i > 1 ? "," : "") + person_json(i);
  return s + "]";
}

// --- excerpts ---------------------------------------------------------------------------

TEST(Excerpt, ShortTextIsKeptWhole) {
  EXPECT_EQ(unicode::excerpt("Họ và tên"), "Họ và tên");
}

TEST(Excerpt, LongVietnameseTextIsCutOnACodePointWithAnEllipsis) {
  std::string text;
  for (int i = 0; i < 100; ++i) text += "ệ";  // 3 bytes each: a byte cut would split one
  for (size_t max : {1u, 7u, 60u}) {
    std::string e = unicode::excerpt(text, max);
    EXPECT_TRUE(valid_utf8(e)) << max;
    std::string expected;
    for (size_t i = 0; i < max; ++i) expected += "ệ";
    EXPECT_EQ(e, expected + "…");
  }
}

TEST(Excerpt, NeverSeparatesALetterFromItsCombiningMarks) {
  // 59 letters, then e + U+0302 + U+0323 (ệ decomposed): the 60th code point is the e,
  // whose marks would be cut off, so the e goes too.
  std::string text(59, 'a');
  text += "e\xCC\x82\xCC\xA3 và tên";
  EXPECT_EQ(unicode::excerpt(text, 60), std::string(59, 'a') + "…");
  EXPECT_EQ(unicode::excerpt(text, 61), std::string(59, 'a') + "…");
  EXPECT_EQ(unicode::excerpt(text, 62), std::string(59, 'a') + "e\xCC\x82\xCC\xA3…");
}

TEST(Excerpt, InvalidBytesAndControlCharactersAreReplaced) {
  std::string e = unicode::excerpt(std::string("a\xE1\xBB\nb\0c", 7));
  EXPECT_TRUE(valid_utf8(e));
  EXPECT_EQ(e, "a\xEF\xBF\xBD b c");
}

// --- positions --------------------------------------------------------------------------

TEST(SourceMap, ColumnsOnALongLineCountCodePointsAcrossBlocks) {
  std::string text = "x\n";
  for (int i = 0; i < 2000; ++i) text += (i % 3 == 0) ? "ệ" : (i % 3 == 1 ? "a" : "đ");
  text += "\nlast";
  model::SourceMap map(text);
  for (size_t offset = 0; offset < text.size(); offset += 7) {
    if ((static_cast<unsigned char>(text[offset]) & 0xC0) == 0x80) continue;
    size_t line_start = text.rfind('\n', offset == 0 ? 0 : offset - 1);
    line_start = (line_start == std::string::npos || offset == 0) ? 0 : line_start + 1;
    if (offset > 0 && text[offset - 1] == '\n') line_start = offset;
    int column = static_cast<int>(unicode::count_code_points(std::string_view(text).substr(line_start), offset - line_start)) + 1;
    int line = 1 + static_cast<int>(std::count(text.begin(), text.begin() + static_cast<long>(offset), '\n'));
    model::Location at = map.at(offset);
    ASSERT_EQ(at.line, line) << offset;
    ASSERT_EQ(at.column, column) << offset;
  }
}

// The readers' cursor gives SourceMap's answer forwards (counting on), backwards (a
// map built then) and again forwards after going back.
TEST(SourceCursor, SameAsSourceMapForwardsAndBackwards) {
  std::string text = "{\n  \"tên\": \"Nguyễn Văn Đức\",\n\n";
  for (int i = 0; i < 700; ++i) text += (i % 5 == 0) ? "\n" : (i % 2 ? "ệ" : "a");
  text += "\n}";
  model::SourceMap map(text);
  model::SourceCursor cursor(text);
  std::vector<size_t> offsets;
  for (size_t offset = 0; offset <= text.size() + 3; offset += 3) offsets.push_back(offset);
  offsets.push_back(40);   // back
  offsets.push_back(41);   // forwards again, before the furthest
  offsets.push_back(text.size());
  offsets.push_back(0);
  for (size_t offset : offsets) {
    model::Location want = map.at(offset), got = cursor.at(offset);
    ASSERT_EQ(got.line, want.line) << offset;
    ASSERT_EQ(got.column, want.column) << offset;
  }
}

// --- JSON -------------------------------------------------------------------------------

// A quadratic reader takes minutes here (11.7 s for 2,000 rows, over 300 s for 20,000):
// the test has a 60 s timeout (tests/CMakeLists.txt).
TEST(HostileJson, MinifiedListOf20000RowsIsRead) {
  std::string json = minified_list(20000);
  ASSERT_EQ(std::count(json.begin(), json.end(), '\n'), 0);
  auto list = read_recipient_list(json, "list.json", {});
  ASSERT_EQ(list.rows.size(), 20000u);
  EXPECT_EQ(list.rows.back().fields.at("ho_ten"), "Nguyễn Thị Hồng Nhung 20000");
  EXPECT_EQ(list.rows.back().row, 20001);
}

TEST(HostileJson, PositionsOnAMinifiedLineAreExact) {
  std::string json = minified_list(3000);
  // A wrong type far along the line: its column counts code points from the line start.
  json.insert(json.size() - 1, ",{\"ho_ten\":true}");
  size_t at = json.rfind("true");
  auto e = error_of([&] { read_recipient_list(json, "list.json", {}); });
  EXPECT_EQ(e.line(), 1);
  EXPECT_EQ(e.column(), static_cast<int>(unicode::count_code_points(json, at)) + 1);
}

TEST(HostileJson, FlatArrayOf2MbIsRead) {
  std::string json = "[";
  for (int i = 0; i < 1'000'000; ++i) json += (i ? ",7" : "7");
  json += "]";
  model::Value v = model::read_json(json, "flat.json");
  EXPECT_EQ(v.items.size(), 1'000'000u);
  EXPECT_EQ(v.items.back().where.column, 2'000'000);  // "[7" then 999,999 ",7"
}

TEST(HostileJson, NestingPastTheLimitIsAnErrorAtItsPosition) {
  std::string objects;
  for (int i = 0; i < 100'000; ++i) objects += "{\"a\":";
  objects += "1" + std::string(100'000, '}');
  auto e = error_of([&] { model::read_json(objects, "deep.json"); });
  EXPECT_EQ(e.kind(), ErrorKind::Syntax);
  EXPECT_EQ(e.line(), 1);
  EXPECT_EQ(e.column(), 200 * 5 + 1);  // the 201st "{"
  EXPECT_NE(e.message().find("limit max_nesting"), std::string::npos) << e.message();

  std::string arrays = std::string(100'000, '[') + std::string(100'000, ']');
  EXPECT_EQ(error_of([&] { model::load_document(arrays, "deep.json"); }).column(), 201);
  // At the limit it is read; a lower limit is obeyed.
  std::string ok = std::string(200, '[') + std::string(200, ']');
  EXPECT_NO_THROW(model::read_json(ok, "ok.json"));
  Limits low;
  low.max_nesting = 10;
  EXPECT_EQ(error_of([&] { model::read_json(ok, "ok.json", low); }).column(), 11);
}

TEST(HostileJson, DuplicateKeysInAWideObjectAreFound) {
  std::string json = "{";
  for (int i = 0; i < 100'000; ++i) json += "\"k" + std::to_string(i) + "\":1,";
  json += "\"k5\":2}";
  auto e = error_of([&] { model::read_json(json, "wide.json"); });
  EXPECT_NE(e.message().find("duplicate key \"k5\""), std::string::npos);
  EXPECT_EQ(e.column(), static_cast<int>(json.rfind("\"k5\"")) + 1);
}

TEST(HostileJson, AHugeBadTokenIsNotEchoed) {
  std::string json = "[\"" + std::string(1'000'000, 'a') + "\x01\"]";
  auto e = error_of([&] { model::read_json(json, "bad.json"); });
  EXPECT_LT(e.message().size(), 400u) << e.message().substr(0, 400);
  EXPECT_TRUE(valid_utf8(e.message()));
}

// --- model documents --------------------------------------------------------------------

std::string document_json(const std::string& body) {
  return R"({"issuing_agency":"SỞ GD","place":"Hòa Bình","date":{"year":2021},"subject":"Kế hoạch","body":[)" + body +
         R"(],"signature":{"authority":"GIÁM ĐỐC","signer_name":"A"}})";
}

TEST(HostileDocument, TenThousandNestedDashBlocksAreAnError) {
  std::string inner = R"({"type":"dash","text":"x"})";
  for (int i = 0; i < 10'000; ++i) inner = R"({"type":"dash","text":"x","content":[)" + inner + "]}";
  auto e = error_of([&] { model::load_document(document_json(inner), "deep.json"); });
  EXPECT_EQ(e.line(), 1);
  EXPECT_GT(e.column(), 1);
  EXPECT_NE(e.message().find("max_nesting"), std::string::npos);

  std::string xml = "<document><issuing_agency>SỞ</issuing_agency><body>";
  for (int i = 0; i < 10'000; ++i) xml += "<dash>x";
  for (int i = 0; i < 10'000; ++i) xml += "</dash>";
  xml += "</body></document>";
  auto x = error_of([&] { model::load_document(xml, "deep.xml"); });
  EXPECT_EQ(x.line(), 1);
  // <document> and <body> are two levels: the 199th <dash> is the 201st.
  EXPECT_EQ(x.column(), static_cast<int>(unicode::count_code_points(xml, xml.find("<dash>") + 198 * 7)) + 1);
  EXPECT_NE(x.message().find("limit max_nesting"), std::string::npos);
}

TEST(HostileDocument, ModestNestingIsStillRead) {
  std::string inner = R"({"type":"dash","text":"x"})";
  for (int i = 0; i < 40; ++i) inner = R"({"type":"dash","text":"x","content":[)" + inner + "]}";
  model::Document d = model::load_document(document_json(inner), "ok.json");
  int depth = 0;
  for (const model::Block* b = &d.body[0]; !b->children.empty(); b = &b->children[0]) ++depth;
  EXPECT_EQ(depth, 40);
}

TEST(HostileDocument, LongValuesAreQuotedShortAndValid) {
  std::string name(5000, 'x');
  name = "ệ" + name;
  auto e = error_of([&] { model::load_document(document_json(R"({"type":")" + name + R"(","text":"a"})"), "t.json"); });
  EXPECT_LT(e.message().size(), 300u);
  EXPECT_TRUE(valid_utf8(e.message()));
  EXPECT_NE(e.message().find("…"), std::string::npos);
}

// --- XML entities -----------------------------------------------------------------------

TEST(XmlEntities, OnlyTheFiveAndNumericReferences) {
  std::string ok = "<document><subject>a &amp; b &lt; &gt; &quot; &apos; &#8211; &#x2013;</subject></document>";
  model::Value v = model::read_xml(ok, "ok.xml");
  EXPECT_EQ(v.find("subject")->string, "a & b < > \" ' – –");

  std::string bad = "<document>\n<subject>a &ndash; b</subject></document>";
  auto e = error_of([&] { model::read_xml(bad, "bad.xml"); });
  EXPECT_EQ(e.line(), 2);
  EXPECT_EQ(e.column(), 12);
  EXPECT_NE(e.message().find("&ndash;"), std::string::npos);
  // In an attribute, and a bare '&'.
  EXPECT_EQ(error_of([&] { model::read_xml("<document a=\"&nbsp;\"/>", "a.xml"); }).column(), 14);
  EXPECT_EQ(error_of([&] { model::read_xml("<document>a & b</document>", "a.xml"); }).column(), 13);
  // In a comment or CDATA, '&' is text.
  EXPECT_NO_THROW(model::read_xml("<document><!-- &x; --><subject><![CDATA[&y;]]></subject></document>", "c.xml"));
}

TEST(XmlEntities, DeclaredEntitiesAreNeverExpanded) {
  std::string lol = "<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY a \"aaaaaaaaaa\">";
  std::string prev = "a";
  for (int i = 1; i < 10; ++i) {
    std::string name = "a" + std::to_string(i);
    lol += "<!ENTITY " + name + " \"" + [&] {
      std::string s;
      for (int k = 0; k < 10; ++k) s += "&" + prev + ";";
      return s;
    }() + "\">";
    prev = name;
  }
  lol += "]>\n<document><subject>&a9;</subject></document>";
  auto e = error_of([&] { model::read_xml(lol, "lol.xml"); });
  EXPECT_EQ(e.line(), 2);
  EXPECT_NE(e.message().find("unknown entity &a9;"), std::string::npos) << e.message();
}

// --- CSV --------------------------------------------------------------------------------

TEST(HostileCsv, AHeaderOf200000ColumnsIsRefusedByMaxColumns) {
  std::string header;
  for (int i = 0; i < 200'000; ++i) header += (i ? ",Cột " : "Cột ") + std::to_string(i);
  auto e = error_of([&] { read_recipient_list(header + "\nx\n", "wide.csv", {}); });
  EXPECT_NE(e.message().find("more than 16384 columns (limit max_columns)"), std::string::npos) << e.message();
  EXPECT_EQ(e.line(), 1);
  model::ListOptions narrow;
  narrow.limits.max_columns = 3;
  EXPECT_NE(error_of([&] { read_recipient_list("Họ và tên,a,b,c\nx\n", "l.csv", narrow); }).message().find("limit max_columns"),
            std::string::npos);
}

TEST(HostileCsv, AHugeHeaderIsNotEchoed) {
  std::string header = "Tên,";
  while (header.size() < 20'000'000) header += "Nguyễn Thị Hồng Nhung ";
  auto e = error_of([&] { read_recipient_list(header + "\nx,y\n", "huge.csv", {}); });
  EXPECT_NE(e.message().find("limit max_text_bytes"), std::string::npos) << e.message();
  EXPECT_LT(e.message().size(), 500u);
  // With the text limit raised, the header is read and its error quotes it short.
  model::ListOptions options;
  options.limits.max_text_bytes = 30'000'000;
  e = error_of([&] { read_recipient_list(header + "\nx,y\n", "huge.csv", options); });
  EXPECT_NE(e.message().find("no name column"), std::string::npos) << e.message();
  EXPECT_LT(e.message().size(), 500u);
  EXPECT_TRUE(valid_utf8(e.message()));
}

TEST(HostileCsv, RowsAndCellsPastTheirLimits) {
  model::ListOptions options;
  options.limits.max_rows = 3;
  std::string csv = "Họ và tên\nA\nB\nC\n";
  EXPECT_EQ(read_recipient_list(csv, "l.csv", options).rows.size(), 3u);
  auto e = error_of([&] { read_recipient_list(csv + "D\n", "l.csv", options); });
  EXPECT_NE(e.message().find("more than 3 rows (limit max_rows)"), std::string::npos) << e.message();
  EXPECT_EQ(e.line(), 5);
  options.limits.max_rows = 1000;
  options.limits.max_cells = 4;
  EXPECT_NE(error_of([&] { read_recipient_list(csv + "D\n", "l.csv", options); }).message().find("limit max_cells"),
            std::string::npos);
  // JSON lists too.
  options.limits = {};
  options.limits.max_rows = 2;
  EXPECT_NE(error_of([&] { read_recipient_list(minified_list(3), "l.json", options); }).message().find("limit max_rows"),
            std::string::npos);
}

TEST(ListCells, LineBreaksAndTabsAreKeptControlCharactersFailTheirRowOnly) {
  using namespace std::string_literals;
  std::string csv = "STT,Họ và tên,Thành tích\n"
                    "1,\"Bùi Thị\r\nLan\",a\tb\n"      // row 2: Alt+Enter in Excel, a TAB
                    "2,Nguyễn\x01" "An,x\n"             // row 3: U+0001 in the name
                    "3,\"Trần Bình\",\"y\x00z\"\n"      // row 4: NUL in column 3
                    "4,Lê Chi,\"dòng 1\ndòng 2\"\n"s;  // row 5
  ASSERT_NE(csv.find('\0'), std::string::npos);
  auto list = read_recipient_list(csv, "l.csv", {});
  ASSERT_EQ(list.rows.size(), 4u);
  EXPECT_EQ(list.rows[0].row, 2);
  EXPECT_EQ(list.rows[0].fields.at("ho_ten"), "Bùi Thị\nLan");
  EXPECT_EQ(list.rows[0].fields.at("thanh_tich"), "a b");
  EXPECT_TRUE(list.rows[0].problem.empty());
  EXPECT_EQ(list.rows[1].row, 3);
  EXPECT_EQ(list.rows[1].problem_key, "ho_ten");
  EXPECT_EQ(list.rows[1].column_of(list.rows[1].problem_key), 2);
  EXPECT_NE(list.rows[1].problem.find("U+0001"), std::string::npos);
  EXPECT_EQ(list.rows[2].row, 4);
  EXPECT_EQ(list.rows[2].problem_key, "thanh_tich");
  EXPECT_NE(list.rows[2].problem.find("U+0000"), std::string::npos);
  EXPECT_EQ(list.rows[3].row, 5);  // the spreadsheet row, though the file line is 6
  EXPECT_EQ(list.rows[3].fields.at("thanh_tich"), "dòng 1\ndòng 2");
  EXPECT_TRUE(list.rows[3].problem.empty());
  // JSON strings: the same rules.
  auto json = read_recipient_list(R"([{"ho_ten":"A\r\nB"},{"ho_ten":"C\u0000"}])", "l.json", {});
  ASSERT_EQ(json.rows.size(), 2u);
  EXPECT_EQ(json.rows[0].fields.at("ho_ten"), "A\nB");
  EXPECT_EQ(json.rows[1].row, 3);
  EXPECT_NE(json.rows[1].problem.find("U+0000"), std::string::npos);
}

TEST(HostileText, ACellOrStringPastMaxTextBytesIsRefusedWhereItIs) {
  // A 14 MB cell took 80 s and 4.4 GB before layout found it did not fit.
  const std::string big(70'000, 'x');
  model::ListOptions options;
  auto e = error_of([&] { read_recipient_list("Họ và tên,Thành tích\nAn,ok\nBình," + big + "\n", "l.csv", options); });
  EXPECT_NE(e.message().find("a cell has more than 65536 bytes of text (limit max_text_bytes)"), std::string::npos)
      << e.message();
  EXPECT_EQ(e.line(), 3);
  EXPECT_EQ(e.column(), 6);
  e = error_of([&] { read_recipient_list("[{\"ho_ten\":\"An\",\n \"thanh_tich\":\"" + big + "\"}]", "l.json", options); });
  EXPECT_NE(e.message().find("limit max_text_bytes"), std::string::npos) << e.message();
  EXPECT_EQ(e.line(), 2);
  e = error_of([&] { model::read_xml("<document><subject>" + big + "</subject></document>", "d.xml"); });
  EXPECT_NE(e.message().find("limit max_text_bytes"), std::string::npos) << e.message();
  // Within a raised limit the same texts are read.
  options.limits.max_text_bytes = 100'000;
  EXPECT_EQ(read_recipient_list("Họ và tên,Thành tích\nBình," + big + "\n", "l.csv", options).rows.size(), 1u);
  Limits raised;
  raised.max_text_bytes = 100'000;
  EXPECT_EQ(model::read_json("[\"" + big + "\"]", "d.json", raised).items.at(0).string.size(), big.size());
}


// --- XLSX -------------------------------------------------------------------------------

class Xlsx : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/vanban-hostile-XXXXXX";
    ASSERT_NE(mkdtemp(tmpl), nullptr);
    dir_ = tmpl;
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  // An XLSX of the given parts (workbook and relationships added) written with libzip.
  std::string make(std::vector<std::pair<std::string, std::string>> parts) {
    parts.emplace_back("xl/workbook.xml",
                       "<workbook xmlns:r=\"r\"><sheets><sheet name=\"S\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>");
    parts.emplace_back("xl/_rels/workbook.xml.rels",
                       "<Relationships><Relationship Id=\"rId1\" Target=\"worksheets/sheet1.xml\"/></Relationships>");
    std::string path = dir_ + "/l" + std::to_string(count_++) + ".xlsx";
    int err = 0;
    zip_t* z = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &err);
    EXPECT_NE(z, nullptr);
    for (auto& [name, data] : parts) {
      zip_source_t* s = zip_source_buffer(z, data.data(), data.size(), 0);
      EXPECT_GE(zip_file_add(z, name.c_str(), s, ZIP_FL_OVERWRITE), 0);
    }
    EXPECT_EQ(zip_close(z), 0);
    std::ifstream in(path, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
  }
  static std::string sheet(const std::string& rows) {
    return "<worksheet><sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>Họ và tên</t></is></c></row>" + rows +
           "</sheetData></worksheet>";
  }
  static std::string cell(const std::string& ref, const std::string& text) {
    return "<c r=\"" + ref + "\" t=\"inlineStr\"><is><t>" + text + "</t></is></c>";
  }

  std::string dir_;
  int count_ = 0;
};

TEST_F(Xlsx, ColumnLettersNeverOverflow) {
  EXPECT_EQ(model::column_of_reference("A1", 16384), 1u);
  EXPECT_EQ(model::column_of_reference("XFD7", 16384), 16384u);
  EXPECT_EQ(model::column_of_reference("XFE7", 16384), 16385u);
  EXPECT_EQ(model::column_of_reference("AAAAAAAAAAAAAAAAAAAAAAAAA2", 16384), 16385u);
  EXPECT_EQ(model::column_of_reference("12", 16384), 0u);
  auto e = error_of([&] {
    read_recipient_list(make({{"xl/worksheets/sheet1.xml", sheet("<row r=\"2\">" + cell("AAAAAAA2", "An") + "</row>")}}),
                        "l.xlsx", {});
  });
  EXPECT_NE(e.message().find("AAAAAAA2"), std::string::npos);
  EXPECT_NE(e.message().find("limit max_columns"), std::string::npos);
  EXPECT_EQ(e.line(), 2);
}

TEST_F(Xlsx, SparseRowsKeepTheirNumbersWithoutPadding) {
  // A cell far to the right in a row and rows far apart: nothing is padded.
  auto list = read_recipient_list(
      make({{"xl/worksheets/sheet1.xml",
             sheet("<row r=\"5\">" + cell("A5", "An") + cell("XFD5", "z") + "</row><row r=\"1048576\">" +
                   cell("A1048576", "Bình") + "</row>")}}),
      "l.xlsx", {});
  ASSERT_EQ(list.rows.size(), 2u);
  EXPECT_EQ(list.rows[0].row, 5);
  EXPECT_EQ(list.rows[1].row, 1048576);
  EXPECT_EQ(list.rows[1].fields.at("ho_ten"), "Bình");
  auto e = error_of([&] {
    read_recipient_list(
        make({{"xl/worksheets/sheet1.xml", sheet("<row r=\"2000000000\">" + cell("A2000000000", "An") + "</row>")}}),
        "l.xlsx", {});
  });
  EXPECT_NE(e.message().find("2000000000"), std::string::npos);
}

TEST_F(Xlsx, SharedStringsPastTheLimitAreRefusedBeforeParsing) {
  std::string sst = "<sst>";
  for (int i = 0; i < 3000; ++i) sst += "<si><t>x</t></si>";
  sst += "</sst>";
  model::ListOptions options;
  options.limits.max_shared_strings = 2999;
  auto e = error_of([&] {
    read_recipient_list(make({{"xl/sharedStrings.xml", sst}, {"xl/worksheets/sheet1.xml", sheet("")}}), "l.xlsx",
                        options);
  });
  EXPECT_NE(e.message().find("more than 2999 shared strings (limit max_shared_strings)"), std::string::npos)
      << e.message();
}

TEST_F(Xlsx, EntriesAreInflatedNoFurtherThanTheLimit) {
  // 4 MB of spaces inflating past a 1 MB limit (compressed they are a few kilobytes).
  std::string big = sheet("") + std::string(4 << 20, ' ');
  model::ListOptions options;
  options.limits.max_zip_entry_bytes = 1 << 20;
  std::string xlsx = make({{"xl/worksheets/sheet1.xml", big}});
  EXPECT_LT(xlsx.size(), 100'000u);
  auto e = error_of([&] { read_recipient_list(xlsx, "l.xlsx", options); });
  EXPECT_NE(e.message().find("limit max_zip_entry_bytes"), std::string::npos) << e.message();

  // The entry lies: its headers say 100 bytes. Reading still stops at the limit.
  auto patch = [&](std::string data, uint32_t size) {
    const std::string name = "xl/worksheets/sheet1.xml";
    for (size_t at = data.find("PK\x03\x04"); at != std::string::npos; at = data.find("PK\x03\x04", at + 4)) {
      uint16_t n = static_cast<uint8_t>(data[at + 26]) | static_cast<uint8_t>(data[at + 27]) << 8;
      if (data.compare(at + 30, n, name) == 0) std::memcpy(&data[at + 22], &size, 4);
    }
    for (size_t at = data.find("PK\x01\x02"); at != std::string::npos; at = data.find("PK\x01\x02", at + 4)) {
      uint16_t n = static_cast<uint8_t>(data[at + 28]) | static_cast<uint8_t>(data[at + 29]) << 8;
      if (data.compare(at + 46, n, name) == 0) std::memcpy(&data[at + 24], &size, 4);
    }
    return data;
  };
  EXPECT_THROW(read_recipient_list(patch(xlsx, 100), "l.xlsx", options), Error);
  // Or it says 4 GB: refused before anything is allocated.
  auto lie = error_of([&] { read_recipient_list(patch(make({{"xl/worksheets/sheet1.xml", sheet("")}}), 0xFFFFFFF0u), "l.xlsx", {}); });
  EXPECT_NE(lie.message().find("limit max_zip_entry_bytes"), std::string::npos) << lie.message();
}

TEST_F(Xlsx, ACellPastMaxTextBytesIsRefused) {
  std::string xlsx = make({{"xl/worksheets/sheet1.xml", sheet("<row r=\"2\">" + cell("A2", std::string(70'000, 'x')) + "</row>")}});
  auto e = error_of([&] { read_recipient_list(xlsx, "l.xlsx", {}); });
  EXPECT_NE(e.message().find("limit max_text_bytes"), std::string::npos) << e.message();
  EXPECT_EQ(e.line(), 2);
  EXPECT_EQ(e.column(), 1);
}

TEST_F(Xlsx, UnknownEntitiesInAPartAreErrors) {
  auto e = error_of([&] {
    read_recipient_list(make({{"xl/worksheets/sheet1.xml", sheet("<row r=\"2\">" + cell("A2", "An &ndash; Bình") + "</row>")}}),
                        "l.xlsx", {});
  });
  EXPECT_NE(e.message().find("&ndash;"), std::string::npos);
  EXPECT_NE(e.message().find("sheet1.xml line 1"), std::string::npos) << e.message();
}

TEST_F(Xlsx, LineBreaksInCellsAreKeptAndControlCharactersNamed) {
  auto list = read_recipient_list(
      make({{"xl/worksheets/sheet1.xml",
             sheet("<row r=\"2\">" + cell("A2", "Bùi Thị&#10;Lan") + "</row><row r=\"3\">" + cell("A3", "A&#x9;B") +
                   "</row>")}}),
      "l.xlsx", {});
  ASSERT_EQ(list.rows.size(), 2u);
  EXPECT_EQ(list.rows[0].fields.at("ho_ten"), "Bùi Thị\nLan");
  EXPECT_EQ(list.rows[1].fields.at("ho_ten"), "A B");
}

}  // namespace

// --- images and form data ---------------------------------------------------------------

#include "core/raster_image.h"
#include "model/form_data.h"

namespace {

std::string png_chunk(const std::string& kind, const std::string& data) {
  auto be32 = [](uint32_t v) {
    return std::string{static_cast<char>(v >> 24), static_cast<char>(v >> 16), static_cast<char>(v >> 8), static_cast<char>(v)};
  };
  return be32(static_cast<uint32_t>(data.size())) + kind + data + be32(0);  // the CRC is not checked first
}

// A PNG of a few bytes declaring `w` × `h` pixels.
std::string png_declaring(uint32_t w, uint32_t h) {
  auto be32 = [](uint32_t v) {
    return std::string{static_cast<char>(v >> 24), static_cast<char>(v >> 16), static_cast<char>(v >> 8), static_cast<char>(v)};
  };
  std::string ihdr = be32(w) + be32(h) + std::string("\x08\x06\x00\x00\x00", 5);
  return std::string("\x89PNG\r\n\x1a\n", 8) + png_chunk("IHDR", ihdr) + png_chunk("IDAT", std::string("x\x9c\x03\x00\x00\x00\x00\x01", 8)) +
         png_chunk("IEND", "");
}

TEST(HostileImages, DeclaredSizeIsCheckedBeforeAnythingIsAllocated) {
  std::string png = png_declaring(20000, 20000);
  EXPECT_LT(png.size(), 80u);
  auto e = error_of([&] { decode_png(png, "big.png"); });
  EXPECT_NE(e.message().find("20000×20000"), std::string::npos) << e.message();
  EXPECT_NE(e.message().find("limit max_image_side"), std::string::npos) << e.message();
  Limits small;
  small.max_image_side = 100;
  EXPECT_NE(error_of([&] { decode_png(png_declaring(101, 1), "p.png", small); }).message().find("limit max_image_side"),
            std::string::npos);
  // 2^32-1 a side: no overflow on the way to the error.
  EXPECT_NE(error_of([&] { decode_png(png_declaring(0xFFFFFFFFu, 0xFFFFFFFFu), "p.png"); }).message().find("max_image_side"),
            std::string::npos);
}

TEST(HostileFormData, ControlCharactersAreErrorsNamingRowAndColumn) {
  model::FormSchema schema;
  schema.fields = {"ten", "dia_chi"};
  using namespace std::string_literals;
  auto records = model::load_form_records("ten,dia_chi\nA,\"số 1\r\nphố Huế\"\n", "f.csv", schema);
  ASSERT_EQ(records.size(), 1u);
  EXPECT_EQ(records[0].values.at("dia_chi"), "số 1\nphố Huế");
  auto e = error_of([&] { model::load_form_records("ten,dia_chi\nA,b\nC,d\x00\n"s, "f.csv", schema); });
  EXPECT_EQ(e.line(), 3);
  EXPECT_EQ(e.field_path(), "row 3, column 2");
  EXPECT_NE(e.message().find("U+0000"), std::string::npos);
  auto j = error_of([&] { model::load_form_records(R"({"ten":"a\u0002b"})", "f.json", schema); });
  EXPECT_EQ(j.field_path(), "ten");
  EXPECT_EQ(j.column(), 8);
  // Nesting and record counts are limited too.
  Limits few;
  few.max_rows = 1;
  EXPECT_NE(error_of([&] { model::load_form_records(R"([{"ten":"a"},{"ten":"b"}])", "f.json", schema, few); })
                .message()
                .find("limit max_rows"),
            std::string::npos);
  EXPECT_NE(error_of([&] { model::load_form_records(std::string(1000, '[') + std::string(1000, ']'), "f.json", schema); })
                .message()
                .find("limit max_nesting"),
            std::string::npos);
}

}  // namespace
