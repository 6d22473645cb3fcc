#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/error.h"
#include "model/recipient_list.h"

namespace {

using namespace vanban;
using model::canonical_key;
using model::read_recipient_list;

TEST(Headers, VietnameseNamesWithOrWithoutDiacriticsAndSnakeCase) {
  EXPECT_EQ(canonical_key("Họ và tên"), "ho_ten");
  EXPECT_EQ(canonical_key("HỌ VÀ TÊN"), "ho_ten");
  EXPECT_EQ(canonical_key("ho va ten"), "ho_ten");
  EXPECT_EQ(canonical_key("ho_ten"), "ho_ten");
  EXPECT_EQ(canonical_key("Họ tên"), "ho_ten");
  EXPECT_EQ(canonical_key("Chức vụ"), "chuc_vu");
  EXPECT_EQ(canonical_key("ĐƠN VỊ"), "don_vi");
  EXPECT_EQ(canonical_key("Thành tích"), "thanh_tich");
  EXPECT_EQ(canonical_key("Số quyết định"), "so_quyet_dinh");
  EXPECT_EQ(canonical_key("Ngày quyết định"), "ngay_quyet_dinh");
  EXPECT_EQ(canonical_key("Số sổ vàng"), "so_so_vang");
  EXPECT_EQ(canonical_key("so so vang"), "so_so_vang");
  EXPECT_EQ(canonical_key("Giới tính"), "gioi_tinh");
  EXPECT_EQ(canonical_key("  Ghi chú (nếu có) "), "ghi_chu_neu_co");
}

TEST(Lists, CsvWithBomAndSemicolonsKeepsGoldenBookNumbersAsText) {
  std::string csv = "\xEF\xBB\xBFSTT;Họ và tên;Số sổ vàng\n1;Bùi Thị Lan;00123\n2;\"Nguyễn Văn; An\";123/SV\n";
  auto list = read_recipient_list(csv, "l.csv", {});
  ASSERT_EQ(list.rows.size(), 2u);
  EXPECT_EQ(list.rows[0].fields.at("so_so_vang"), "00123");
  EXPECT_EQ(list.rows[1].fields.at("ho_ten"), "Nguyễn Văn; An");
  EXPECT_EQ(list.rows[1].row, 3);
}

TEST(Lists, Utf16TabSeparatedAsExcelSavesUnicodeText) {
  std::u16string text = u"Họ và tên\tĐơn vị\r\nBùi Thị Lan\tTrường A\r\n";
  std::string bytes = "\xFF\xFE";
  for (char16_t c : text) {
    bytes += static_cast<char>(c & 0xFF);
    bytes += static_cast<char>(c >> 8);
  }
  auto list = read_recipient_list(bytes, "l.txt", {});
  ASSERT_EQ(list.rows.size(), 1u);
  EXPECT_EQ(list.rows[0].fields.at("ho_ten"), "Bùi Thị Lan");
  EXPECT_EQ(list.rows[0].fields.at("don_vi"), "Trường A");
}

TEST(Lists, JsonArrayAndNfc) {
  auto list = read_recipient_list(R"([{"ho_ten": "Ho\u0300a", "stt": 1}, {"ho_ten": "Lan", "stt": 2}])", "l.json", {});
  ASSERT_EQ(list.rows.size(), 2u);
  EXPECT_EQ(list.rows[0].fields.at("ho_ten"), "Hòa");
  EXPECT_EQ(list.rows[1].fields.at("stt"), "2");
}

TEST(Lists, ColumnMapRenames) {
  model::ListOptions options;
  options.column_map["Người được khen"] = "ho_ten";
  auto list = read_recipient_list("Người được khen,Đơn vị\nLan,A\n", "l.csv", options);
  EXPECT_EQ(list.rows[0].fields.at("ho_ten"), "Lan");
}

// A minimal XLSX written with Python's zipfile: shared strings, a number, a date stored
// as a serial number with a date format, an inline string, a named second sheet.
std::string make_xlsx(const std::string& dir) {
  std::string path = dir + "/list.xlsx";
  std::string script = dir + "/make.py";
  std::ofstream(script) << R"PY(
import sys, zipfile
z = zipfile.ZipFile(sys.argv[1], 'w')
z.writestr('[Content_Types].xml', '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>')
z.writestr('xl/workbook.xml', '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Ghi chu" sheetId="1" r:id="rId1"/><sheet name="Danh sach" sheetId="2" r:id="rId2"/></sheets></workbook>')
z.writestr('xl/_rels/workbook.xml.rels', '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="x" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="x" Target="worksheets/sheet2.xml"/></Relationships>')
z.writestr('xl/sharedStrings.xml', '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>Họ và tên</t></si><si><t>Số sổ vàng</t></si><si><t>Ngày quyết định</t></si><si><r><t>Bùi Thị </t></r><r><t>Lan</t></r></si><si><t>123/SV</t></si><si><t>STT</t></si></sst>')
z.writestr('xl/styles.xml', '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14"/></cellXfs></styleSheet>')
z.writestr('xl/worksheets/sheet1.xml', '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>ghi chú</t></is></c></row></sheetData></worksheet>')
z.writestr('xl/worksheets/sheet2.xml', '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
  '<row r="1"><c r="A1" t="s"><v>5</v></c><c r="B1" t="s"><v>0</v></c><c r="C1" t="s"><v>1</v></c><c r="D1" t="s"><v>2</v></c></row>'
  '<row r="2"><c r="A2"><v>1</v></c><c r="B2" t="s"><v>3</v></c><c r="C2" t="s"><v>4</v></c><c r="D2" s="1"><v>44696</v></c></row>'
  '<row r="3"><c r="A3"><v>2</v></c><c r="B3" t="inlineStr"><is><t>Nguyễn Văn An</t></is></c><c r="C3"><v>124</v></c><c r="D3" s="1"><v>44697</v></c></row>'
  '</sheetData></worksheet>')
z.close()
)PY";
  int status = std::system(("/usr/bin/python3 " + script + " " + path).c_str());
  EXPECT_EQ(status, 0);
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

TEST(Lists, XlsxNamedSheetSharedStringsNumbersAndDates) {
  std::string dir = std::filesystem::temp_directory_path() / ("vanban-xlsx-" + std::to_string(getpid()));
  std::filesystem::create_directories(dir);
  std::string xlsx = make_xlsx(dir);
  model::ListOptions options;
  options.sheet = "Danh sach";
  auto list = read_recipient_list(xlsx, "list.xlsx", options);
  ASSERT_EQ(list.rows.size(), 2u);
  EXPECT_EQ(list.rows[0].fields.at("ho_ten"), "Bùi Thị Lan");
  EXPECT_EQ(list.rows[0].fields.at("so_so_vang"), "123/SV");
  EXPECT_EQ(list.rows[0].fields.at("ngay_quyet_dinh"), "15/05/2022");  // serial 44696
  EXPECT_EQ(list.rows[1].fields.at("ho_ten"), "Nguyễn Văn An");
  EXPECT_EQ(list.rows[1].fields.at("so_so_vang"), "124");
  EXPECT_EQ(list.rows[1].row, 3);
  // The first sheet has no name column.
  EXPECT_THROW(read_recipient_list(xlsx, "list.xlsx", {}), Error);
  options.sheet = "Khong co";
  try {
    read_recipient_list(xlsx, "list.xlsx", options);
    FAIL();
  } catch (const Error& e) {
    EXPECT_NE(e.message().find("Danh sach"), std::string::npos) << e.what();
  }
  std::filesystem::remove_all(dir);
}

TEST(Lists, MalformedFilesAreErrors) {
  EXPECT_THROW(read_recipient_list(std::string("PK\x03\x04garbage", 11), "bad.xlsx", {}), Error);
  try {
    read_recipient_list("Họ và tên,Đơn vị\n\"Lan,A\n", "l.csv", {});
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.line(), 2);
    EXPECT_NE(e.message().find("never closed"), std::string::npos);
  }
  try {
    read_recipient_list("Tên,Đơn vị\nLan,A\n", "l.csv", {});
    FAIL();
  } catch (const Error& e) {
    EXPECT_NE(e.message().find("no name column"), std::string::npos);
  }
  EXPECT_THROW(read_recipient_list("[{\"ho_ten\": {\"x\": 1}}]", "l.json", {}), Error);
  EXPECT_THROW(read_recipient_list("Họ và tên,Họ tên\nA,B\n", "l.csv", {}), Error);  // two name columns
}

}  // namespace
