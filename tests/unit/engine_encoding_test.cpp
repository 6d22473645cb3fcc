// Office files through the engine: a list in Windows-1258 or typed with TCVN3/VNI fonts
// makes the same certificates as its UTF-8 original, and its warnings reach
// BatchResult::warnings (batch, decision) and RenderOptions::warnings (forms); row errors
// name the STT. PDFs are read back with pdftotext.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "cli_harness.h"
#include "core/encoding.h"
#include "core/file_io.h"
#include "engine_fixture.h"
#include "glibc_iconv.h"
#include "vanban/engine.h"
#include "xlsx_fixture.h"

namespace {

using namespace vanban;
using test::Dir;
using test::q;
using test::run;


const auto& engine = test::source_tree_engine;

std::string to_cp1258(const std::string& in) {
  auto out = test::glibc_iconv(in, "UTF-8", "CP1258");
  EXPECT_TRUE(out);
  return out.value_or("");
}

std::string pdf_text(const Dir& dir, const std::string& pdf) {
  std::string path = dir.write("out.pdf", pdf);
  return test::collapse_spaces(run("pdftotext -raw -enc UTF-8 " + q(path) + " -").output);
}

const std::string kHeader = "STT,Họ và tên,Giới tính,Chức vụ,Đơn vị,Thành tích,Số quyết định,Ngày quyết định\n";

TEST(OfficeLists, AWindows1258ListMakesTheCertificatesOfItsUtf8Original) {
  const std::string utf8 = kHeader +
                           "1,Nguyễn Văn Thắng,Nam,Giáo viên,Trường Tiểu học Hữu Nghị,Đã có thành tích xuất sắc,"
                           "125/QĐ-SGDĐT,15/5/2022\n"
                           "7,,Nữ,Giáo viên,Trường A,Đã có thành tích,125/QĐ-SGDĐT,15/5/2022\n";
  const auto tpl = engine().load_template("giay-khen");
  BatchOptions options;
  RenderOptions render;
  render.creation_date = "2022-05-15";
  std::string a, b;
  BatchResult ra = engine().certificates_file(tpl, utf8, "l.csv", options, render, OutputFormat::Pdf, a);
  BatchResult rb = engine().certificates_file(tpl, to_cp1258(utf8), "l.csv", options, render, OutputFormat::Pdf, b);
  EXPECT_EQ(a, b) << "the same certificates, byte for byte";
  EXPECT_TRUE(ra.warnings.empty());
  ASSERT_EQ(rb.warnings.size(), 1u);
  EXPECT_NE(rb.warnings[0].message.find("Windows-1258"), std::string::npos);
  Dir dir("vanban-enc");
  EXPECT_NE(pdf_text(dir, b).find("Ông Nguyễn Văn Thắng"), std::string::npos);
  // The row without a name: its spreadsheet row and its STT.
  ASSERT_EQ(rb.errors.size(), 1u);
  EXPECT_EQ(rb.errors[0].row, 3);
  EXPECT_EQ(rb.errors[0].stt, "7");
  EXPECT_EQ(rb.errors[0].field, "row 3 (STT 7), ho_ten");
  EXPECT_EQ(batch_report_csv(rb), "row,stt,column,field,message\n3,\"7\",2,\"row 3 (STT 7), ho_ten\",\"the name is missing\"\n");
}

TEST(OfficeLists, ALegacyFontColumnIsConvertedAndItsWarningReachesTheBatchAndTheDecision) {
  // The name column typed with .VnTime (TCVN3), the unit with VNI-Times, in a UTF-8 file.
  const std::string list = kHeader +
                           "1,NguyÔn V¨n Th¾ng,Nam,Giáo viên,Tröôøng Tieåu hoïc Höõu Nghò,Đã có thành tích xuất sắc,"
                           "125/QĐ-SGDĐT,15/5/2022\n";
  const auto tpl = engine().load_template("giay-khen");
  std::vector<std::string> names, units;
  BatchResult r = engine().certificates(tpl, list, "l.csv", {}, [&](size_t, const model::ListRow& row, layout::Page&) {
    names.push_back(row.field("ho_ten"));
    units.push_back(row.field("don_vi"));
  });
  ASSERT_EQ(names, std::vector<std::string>{"Nguyễn Văn Thắng"});
  EXPECT_EQ(units, std::vector<std::string>{"Trường Tiểu học Hữu Nghị"});
  ASSERT_EQ(r.warnings.size(), 2u);
  EXPECT_EQ(r.warnings[0].severity, Severity::Warning);
  EXPECT_EQ(r.warnings[0].message, "column \"Họ và tên\" was typed in TCVN3 (ABC) and has been converted");
  EXPECT_EQ(r.warnings[1].message, "column \"Đơn vị\" was typed in VNI Windows and has been converted");
  // The DOCX path and the decision carry them too.
  std::string docx;
  BatchResult d = engine().certificates_file(tpl, list, "l.csv", {}, {}, OutputFormat::Docx, docx);
  EXPECT_EQ(d.warnings.size(), 2u);
  model::Document decision;
  decision.issuing_agency = {"SỞ GIÁO DỤC VÀ ĐÀO TẠO"};
  decision.number.symbol = "QĐ-SGDĐT";
  decision.place = "Hòa Bình";
  decision.subject = "Về việc tặng Giấy khen";
  Decision made = engine().recognition_decision(tpl, list, "l.csv", decision, {});
  EXPECT_EQ(made.rows.warnings.size(), 2u);
}

TEST(OfficeForms, FormDataFromXlsxWithItsWarningsInRenderOptions) {
  const std::string sheet = "<row r=\"1\">" + test::inline_cell("A1", "Họ và tên") + test::inline_cell("B1", "email") +
                            "</row><row r=\"2\">" + test::inline_cell("A2", "NguyÔn V¨n Th¾ng") +
                            test::inline_cell("B2", "thang@hoabinh.edu.vn") + "</row>";
  const std::string xlsx = test::xlsx_of(sheet);
  std::vector<Diagnostic> warnings;
  RenderOptions render;
  render.creation_date = "2021-03-05";
  render.warnings = &warnings;
  std::string pdf = engine().render_pdf("phu-luc-2", xlsx, "gioi-thieu.xlsx", render);
  Dir dir("vanban-enc");
  std::string text = pdf_text(dir, pdf);
  EXPECT_NE(text.find("1. Họ và tên: Nguyễn Văn Thắng"), std::string::npos) << text;
  EXPECT_NE(text.find("Email: thang@hoabinh.edu.vn"), std::string::npos) << text;
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_EQ(warnings[0].file, "gioi-thieu.xlsx");
  EXPECT_NE(warnings[0].message.find("\"Họ và tên\""), std::string::npos);
  // DOCX as well.
  std::vector<Diagnostic> docx_warnings;
  render.warnings = &docx_warnings;
  engine().render_docx(engine().load_template("phu-luc-2"), xlsx, "gioi-thieu.xlsx", render);
  EXPECT_EQ(docx_warnings.size(), 1u);
  // Every problem of the records at once.
  try {
    engine().render_pdf("phu-luc-2", "ho_tn,emai\nA,b\n", "f.csv", render);
    ADD_FAILURE() << "no error";
  } catch (const Error& e) {
    auto all = diagnostics_of(e);
    ASSERT_EQ(all.size(), 2u);
    EXPECT_EQ(all[0].hint, "did you mean \"ho_ten\"?");
    EXPECT_EQ(all[1].hint, "did you mean \"email\"?");
  }
}

}  // namespace
