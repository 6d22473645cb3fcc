// Lists and form data as offices have them: every encoding of core/encoding.h, columns
// typed with TCVN3/VNI fonts in Unicode files (converted with a warning naming the
// column), Excel's 1904 date system and 1900 leap-year bug, Alt+Enter line breaks, forms
// from XLSX with every problem in one error. Legacy bytes are made by glibc's iconv or
// typed from the charts; workbooks are written in the test (xlsx_fixture.h).
#include <gtest/gtest.h>

#include <string>

#include "core/diagnostic.h"
#include "core/encoding.h"
#include "core/error.h"
#include "model/form_data.h"
#include "model/recipient_list.h"
#include "glibc_iconv.h"
#include "xlsx_fixture.h"

namespace {

using namespace vanban;
using model::read_recipient_list;
using test::inline_cell;
using test::xlsx_of;

std::string iconv_to(const std::string& in, const char* to) {
  auto out = test::glibc_iconv(in, "UTF-8", to);
  EXPECT_TRUE(out) << to;
  return out.value_or("");
}

const std::string kList =
    "STT,Họ và tên,Chức vụ,Đơn vị\n"
    "1,Bùi Thị Lan,Giáo viên,Trường Tiểu học Hữu Nghị\n"
    "2,Nguyễn Văn Thắng,Hiệu trưởng,Trường THCS Lê Quý Đôn\n"
    "3,Đinh Công Thành,Tổ trưởng chuyên môn,Trường THPT Lạc Thủy A\n";

void expect_the_list(const model::RecipientList& list, const std::string& what) {
  ASSERT_EQ(list.rows.size(), 3u) << what;
  EXPECT_EQ(list.rows[1].field("ho_ten"), "Nguyễn Văn Thắng") << what;
  EXPECT_EQ(list.rows[2].field("chuc_vu"), "Tổ trưởng chuyên môn") << what;
  EXPECT_EQ(list.rows[0].field("don_vi"), "Trường Tiểu học Hữu Nghị") << what;
}

TEST(ListEncodings, EveryEncodingReadsTheSameList) {
  expect_the_list(read_recipient_list(kList, "l.csv", {}), "UTF-8");
  auto cp1258 = read_recipient_list(iconv_to(kList, "CP1258"), "l.csv", {});
  expect_the_list(cp1258, "Windows-1258");
  ASSERT_EQ(cp1258.warnings.size(), 1u);
  EXPECT_EQ(cp1258.warnings[0].severity, Severity::Warning);
  EXPECT_NE(cp1258.warnings[0].message.find("Windows-1258"), std::string::npos) << cp1258.warnings[0].message;
  expect_the_list(read_recipient_list(iconv_to(kList, "TCVN5712-1"), "l.csv", {}), "TCVN3");
  expect_the_list(read_recipient_list(*encoding::encode_vni(kList), "l.csv", {}), "VNI");
  std::string tab = kList;
  for (char& c : tab) c = c == ',' ? '\t' : c;
  expect_the_list(read_recipient_list("\xFF\xFE" + iconv_to(tab, "UTF-16LE"), "l.txt", {}), "UTF-16LE");
  expect_the_list(read_recipient_list("\xFE\xFF" + iconv_to(tab, "UTF-16BE"), "l.txt", {}), "UTF-16BE");
  EXPECT_TRUE(read_recipient_list(kList, "l.csv", {}).warnings.empty());
}

TEST(ListEncodings, UndecodableBytesAreAnErrorWithFileLineColumnAndHint) {
  try {
    read_recipient_list("STT,Họ và tên\n1,Lan\n2,ab\x81\x8D\x90\n", "list.csv", {});
    ADD_FAILURE() << "no error";
  } catch (const Error& e) {
    // Not valid UTF-8 (the "ọ" is: the place is the first byte that is not), and no
    // 8-bit encoding reads it as Vietnamese.
    EXPECT_EQ(e.file(), "list.csv");
    EXPECT_EQ(e.line(), 3);
    EXPECT_EQ(e.column(), 5);
    EXPECT_NE(e.message().find("Windows-1258, TCVN3 (ABC), VNI Windows"), std::string::npos) << e.message();
    EXPECT_NE(diagnostics_of(e).at(0).hint.find("CSV UTF-8"), std::string::npos);
  }
}

TEST(LegacyColumns, Tcvn3AndVniColumnsInAUnicodeFileAreConvertedWithAWarning) {
  // A Unicode CSV whose name column was typed with .VnTime (TCVN3) and unit column with
  // VNI-Times; the position column is real Unicode.
  auto list = read_recipient_list(
      "STT,Họ và tên,Chức vụ,Đơn vị\n"
      "1,Bïi ThÞ Lan,Giáo viên,Tröôøng Tieåu hoïc Höõu Nghò\n"
      "2,NguyÔn V¨n Th¾ng,Hiệu trưởng,Tröôøng THCS Leâ Quyù Ñoân\n"
      "3,§inh C«ng Thµnh,Tổ trưởng chuyên môn,Tröôøng THPT Laïc Thuûy A\n",
      "l.csv", {});
  expect_the_list(list, "mojibake");
  ASSERT_EQ(list.warnings.size(), 2u);
  EXPECT_EQ(list.warnings[0].message, "column \"Họ và tên\" was typed in TCVN3 (ABC) and has been converted");
  EXPECT_EQ(list.warnings[0].line, 2);
  EXPECT_EQ(list.warnings[0].column, 2);
  EXPECT_EQ(list.warnings[0].file, "l.csv");
  EXPECT_EQ(list.warnings[1].message, "column \"Đơn vị\" was typed in VNI Windows and has been converted");
}

TEST(LegacyColumns, VnTimeHCapitalsByTheColumnAndByTheCellFont) {
  // A column in capitals typed with .VnTimeH: "®µ" (no ASCII letter) is upper-cased too.
  auto list = read_recipient_list("Họ và tên,Đơn vị\nNGUYÔN V¡N AN,®µ\nL£ THÞ HOA,B¾C\n", "l.csv", {});
  ASSERT_EQ(list.rows.size(), 2u);
  EXPECT_EQ(list.rows[0].field("ho_ten"), "NGUYỄN VĂN AN");
  EXPECT_EQ(list.rows[1].field("ho_ten"), "LÊ THỊ HOA");
  EXPECT_EQ(list.rows[0].field("don_vi"), "ĐÀ");
  // In a column in lower case it stays as it is.
  auto lower = read_recipient_list("Họ và tên,Đơn vị\nNguyÔn V¨n An,®µ\nLª ThÞ Hoa,B¾c\n", "l.csv", {});
  EXPECT_EQ(lower.rows[0].field("don_vi"), "đà");
  // An XLSX cell whose style's font is .VnTimeH, typed in lower case: capitals.
  std::string styles =
      "<fonts><font><name val=\"Calibri\"/></font><font><name val=\".VnTimeH\"/></font></fonts>"
      "<cellXfs><xf numFmtId=\"0\" fontId=\"0\"/><xf numFmtId=\"0\" fontId=\"1\"/></cellXfs>";
  std::string sheet = "<row r=\"1\">" + inline_cell("A1", "Họ và tên") + "</row><row r=\"2\">" +
                      inline_cell("A2", "nguyÔn v¨n an", 1) + "</row>";
  auto x = read_recipient_list(xlsx_of(sheet, styles), "l.xlsx", {});
  ASSERT_EQ(x.rows.size(), 1u);
  EXPECT_EQ(x.rows[0].field("ho_ten"), "NGUYỄN VĂN AN");
  ASSERT_EQ(x.warnings.size(), 1u);
  EXPECT_NE(x.warnings[0].message.find("\"Họ và tên\""), std::string::npos);
}

std::string date_sheet(const std::string& serial) {
  return "<row r=\"1\">" + inline_cell("A1", "Họ và tên") + inline_cell("B1", "Ngày quyết định") + "</row><row r=\"2\">" +
         inline_cell("A2", "Lan") + "<c r=\"B2\" s=\"1\"><v>" + serial + "</v></c></row>";
}
const std::string kDateStyles = "<cellXfs><xf numFmtId=\"0\"/><xf numFmtId=\"14\"/></cellXfs>";

TEST(XlsxDates, The1904DateSystemAndThe1900LeapYearBug) {
  // 15/05/2022 is 44696 in the 1900 system, 43234 in the 1904 one; read with the wrong
  // base 43234 would print 14/05/2018.
  auto mac = read_recipient_list(xlsx_of(date_sheet("43234"), kDateStyles, "date1904=\"1\""), "l.xlsx", {});
  EXPECT_EQ(mac.rows.at(0).field("ngay_quyet_dinh"), "15/05/2022");
  auto mac_true = read_recipient_list(xlsx_of(date_sheet("43234"), kDateStyles, "date1904=\"true\""), "l.xlsx", {});
  EXPECT_EQ(mac_true.rows.at(0).field("ngay_quyet_dinh"), "15/05/2022");
  auto pc = read_recipient_list(xlsx_of(date_sheet("44696"), kDateStyles, "date1904=\"0\""), "l.xlsx", {});
  EXPECT_EQ(pc.rows.at(0).field("ngay_quyet_dinh"), "15/05/2022");
  EXPECT_EQ(read_recipient_list(xlsx_of(date_sheet("0"), kDateStyles, "date1904=\"1\""), "l.xlsx", {})
                .rows.at(0).field("ngay_quyet_dinh"),
            "01/01/1904");
  // Excel's 1900 system: 1 is 01/01/1900, 59 28/02/1900, 60 the 29/02/1900 that never was,
  // 61 01/03/1900.
  for (auto [serial, shown] : {std::pair{"1", "01/01/1900"}, std::pair{"59", "28/02/1900"},
                               std::pair{"60", "29/02/1900"}, std::pair{"61", "01/03/1900"},
                               std::pair{"25569", "01/01/1970"}}) {
    EXPECT_EQ(read_recipient_list(xlsx_of(date_sheet(serial), kDateStyles), "l.xlsx", {}).rows.at(0).field("ngay_quyet_dinh"),
              shown)
        << serial;
  }
}

TEST(XlsxText, AltEnterLineBreaksAreKept) {
  std::string sheet = "<row r=\"1\">" + inline_cell("A1", "Họ và tên") + inline_cell("B1", "Đơn vị") +
                      "</row><row r=\"2\">" + inline_cell("A2", "Lan") + "<c r=\"B2\" t=\"s\"><v>0</v></c></row>" +
                      "<row r=\"3\">" + inline_cell("A3", "An") + inline_cell("B3", "Tổ 1_x000D_\nTrường A") + "</row>";
  auto list = read_recipient_list(xlsx_of(sheet, {}, {}, "<si><t xml:space=\"preserve\">Trường A\nTổ 2</t></si>"),
                                  "l.xlsx", {});
  ASSERT_EQ(list.rows.size(), 2u);
  EXPECT_EQ(list.rows[0].field("don_vi"), "Trường A\nTổ 2");
  EXPECT_EQ(list.rows[1].field("don_vi"), "Tổ 1\nTrường A");  // _x000D_ (CR) + LF: one line break
}

TEST(RowLabels, RowAndStt) {
  auto list = read_recipient_list("STT,Họ và tên\n7,Lan\n,An\n", "l.csv", {});
  EXPECT_EQ(model::row_label(list.rows[0]), "row 2 (STT 7)");
  EXPECT_EQ(model::row_label(list.rows[1]), "row 3");
}

model::FormSchema schema() {
  model::FormSchema s;
  s.fields = {"ho_ten", "don_vi", "email", "so_dien_thoai"};
  return s;
}

TEST(FormData, RecordsFromXlsxAndEveryEncoding) {
  std::string sheet = "<row r=\"1\">" + inline_cell("A1", "Họ và tên") + inline_cell("B1", "don_vi") +
                      "</row><row r=\"2\">" + inline_cell("A2", "Bùi Thị Lan") + inline_cell("B2", "Trường A") +
                      "</row><row r=\"3\">" + inline_cell("A3", "NguyÔn V¨n Th¾ng") + "</row>";
  std::vector<Diagnostic> warnings;
  auto records = model::load_form_records(xlsx_of(sheet), "f.xlsx", schema(), {}, &warnings);
  ASSERT_EQ(records.size(), 2u);
  EXPECT_EQ(records[0].values.at("ho_ten"), "Bùi Thị Lan");
  EXPECT_EQ(records[0].values.at("don_vi"), "Trường A");
  EXPECT_EQ(records[1].values.at("ho_ten"), "Nguyễn Văn Thắng");
  EXPECT_EQ(records[1].origin, "row 3");
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_EQ(warnings[0].message, "column \"Họ và tên\" was typed in TCVN3 (ABC) and has been converted");
  const std::string csv = "ho_ten,don_vi\nNguyễn Văn Thắng,Sở Giáo dục và Đào tạo\n";
  for (const char* enc : {"CP1258", "TCVN5712-1", "UTF-16LE"}) {
    std::string bytes = iconv_to(csv, enc);
    if (std::string(enc) == "UTF-16LE") bytes = "\xFF\xFE" + bytes;
    auto r = model::load_form_records(bytes, "f.csv", schema());
    ASSERT_EQ(r.size(), 1u) << enc;
    EXPECT_EQ(r[0].values.at("ho_ten"), "Nguyễn Văn Thắng") << enc;
    EXPECT_EQ(r[0].values.at("don_vi"), "Sở Giáo dục và Đào tạo") << enc;
  }
  auto vni = model::load_form_records(*encoding::encode_vni(csv), "f.csv", schema());
  EXPECT_EQ(vni.at(0).values.at("don_vi"), "Sở Giáo dục và Đào tạo");
}

TEST(FormData, EveryProblemOfTheRecordsInOneErrorWithDidYouMean) {
  try {
    model::load_form_records("ho_ten,emial,don_vj,xyz\nA,b,c,d\nB,c,d,e,f\n", "f.csv", schema());
    ADD_FAILURE() << "no error";
  } catch (const Error& e) {
    auto all = diagnostics_of(e);
    ASSERT_EQ(all.size(), 4u) << e.what();
    EXPECT_EQ(all[0].message, "unknown field \"emial\"");
    EXPECT_EQ(all[0].hint, "did you mean \"email\"?");
    EXPECT_EQ(all[0].field, "row 1, column 2");
    EXPECT_EQ(all[1].hint, "did you mean \"don_vi\"?");
    EXPECT_NE(all[2].hint.find("fields of this form: don_vi, email, ho_ten, so_dien_thoai"), std::string::npos)
        << all[2].hint;
    EXPECT_EQ(all[3].field, "row 3");
    EXPECT_EQ(all[3].line, 3);
  }
  try {
    model::load_form_records(R"([{"ho_tn": "A", "email": 1}, {"don_vi": ["x"], "emai": "b"}])", "f.json", schema());
    ADD_FAILURE() << "no error";
  } catch (const Error& e) {
    auto all = diagnostics_of(e);
    ASSERT_EQ(all.size(), 3u) << e.what();
    EXPECT_EQ(all[0].field, "[0].ho_tn");
    EXPECT_EQ(all[0].hint, "did you mean \"ho_ten\"?");
    EXPECT_EQ(all[1].field, "[1].don_vi");
    EXPECT_EQ(all[2].hint, "did you mean \"email\"?");
  }
}

}  // namespace
