// Tables written out: our PDF read back with pdfminer (tests/e2e/pdf_probe.py), the DOCX
// through LibreOffice, compared column edge by column edge; a body table in the plan and a
// form table with a wide fitted column.
#include "tables_test_support.h"

namespace {

using namespace vanban;
using namespace vanban::tables_test;

// --- PDF and DOCX -----------------------------------------------------------------------

TEST(TablesOutput, PdfAndLibreOfficeDrawTheSameColumnsAndRepeatTheHeader) {
  Dir dir("vanban-tables");
  realize::Table t = realized(staff_table(60, 20));
  layout::DocumentInfo info;
  info.creation_date = "D:20210305000000+07'00'";
  std::string pdf = dir.file("table.pdf");
  std::ofstream(pdf, std::ios::binary) << pdf::write_pdf(pages_of(t), info);
  docx::DocxOptions options;
  options.creation_date = "2021-03-05T08:00:00+07:00";
  docx::Writer writer(tpl(), fonts(), options);
  writer.body_table(t);
  std::string docx_file = dir.file("table.docx");
  std::ofstream(docx_file, std::ios::binary) << writer.finish("Bảng", "");
  std::string lo = libreoffice(dir, docx_file, true);
  ASSERT_FALSE(lo.empty());
  keep(pdf, "body-table.pdf");
  keep(lo, "body-table-lo.pdf");
  // The table's XML: two header rows repeated, no row splitting, "Cán bộ" over two grid
  // columns, the merged cell restarted then continued, its first row kept with the next.
  Result xml = run("/usr/bin/python3 -c \"import sys, zipfile, xml.etree.ElementTree as E\n"
                   "W='{http://schemas.openxmlformats.org/wordprocessingml/2006/main}'\n"
                   "rows=E.fromstring(zipfile.ZipFile(sys.argv[1]).read('word/document.xml')).iter(W+'tr')\n"
                   "for tr in rows:\n"
                   " pr=tr.find(W+'trPr'); tc=tr.findall(W+'tc')\n"
                   " print(int(pr.find(W+'tblHeader') is not None), int(pr.find(W+'cantSplit') is not None),"
                   " ','.join((c.find(W+'tcPr/'+W+'gridSpan').get(W+'val') if c.find(W+'tcPr/'+W+'gridSpan') is not None else '1')"
                   " + (c.find(W+'tcPr/'+W+'vMerge').get(W+'val','continue') if c.find(W+'tcPr/'+W+'vMerge') is not None else '') for c in tc),"
                   " int(all(p.find(W+'pPr/'+W+'keepNext') is not None for p in tr.iter(W+'p'))))\n\" " + q(docx_file));
  ASSERT_EQ(xml.status, 0) << xml.output;
  std::istringstream lines(xml.output);
  std::vector<std::string> tr;
  for (std::string line; std::getline(lines, line);) tr.push_back(line);
  ASSERT_EQ(tr.size(), 62u);
  EXPECT_EQ(tr[0], "1 1 1restart,2 1");
  EXPECT_EQ(tr[1], "1 1 1continue,1,1 0");
  EXPECT_EQ(tr[2], "0 1 1,1,1 0");
  EXPECT_EQ(tr[22], "0 1 1,1,1restart 1");  // body row 20 holds the merged cell
  EXPECT_EQ(tr[23], "0 1 1,1,1continue 0");
  // The fitted column holds its codes on one line in LibreOffice too.
  EXPECT_NE(page_text(lo, 1).find("MS-100"), std::string::npos) << page_text(lo, 1).substr(0, 300);
  json ours = probe(pdf), theirs = probe(lo);
  ASSERT_GE(ours["pages"].size(), 2u);
  ASSERT_GE(theirs["pages"].size(), 2u);
  for (int p = 0; p < 2; ++p) {
    std::vector<double> a = column_edges(ours["pages"][p]), b = column_edges(theirs["pages"][p]);
    EXPECT_EQ(a.size(), 4u);
    expect_same_edges(a, b, "page " + std::to_string(p + 1));
    for (const std::string& file : {pdf, lo}) {
      std::string text = page_text(file, p + 1);
      for (const char* h : {"STT", "Cán bộ", "Mã số", "Họ và tên, đơn vị công tác"})
        EXPECT_NE(text.find(h), std::string::npos) << h << " not on page " << p + 1 << " of " << file;
    }
  }
}

TEST(TablesOutput, FormTableWidthsAgreeInPdfAndDocxWithAWideFittedColumn) {
  Dir dir("vanban-tables");
  // Two fitted columns as wide as a line: they shrink in both (the DOCX writer used to
  // scale every column instead).
  std::string data = dir.write("wide.json", R"({"thong_ke": [
    ["1", "Số học sinh", "Số liệu tổng hợp của toàn bộ các trường trung học phổ thông", "", "Số liệu tổng hợp sau một năm học", "", ""],
    ["2", "Số lớp", "32", "10", "40", "12", "Tăng"]]})");
  std::string pdf = render_cli(dir, "phu-luc-3 " + q(data), "form.pdf");
  std::string lo = libreoffice(dir, render_cli(dir, "phu-luc-3 " + q(data), "form.docx"));
  ASSERT_FALSE(lo.empty());
  keep(pdf, "form-table.pdf");
  keep(lo, "form-table-lo.pdf");
  json ours = probe(pdf), theirs = probe(lo);
  std::vector<double> a = column_edges(ours["pages"][0]), b = column_edges(theirs["pages"][0]);
  EXPECT_EQ(a.size(), 8u);
  expect_same_edges(a, b, "phu-luc-3");
  // The table stays inside the margins.
  ASSERT_FALSE(a.empty());
  EXPECT_NEAR(a.front(), tpl().page.margin_left, 0.5);
  EXPECT_NEAR(a.back(), tpl().page.width - tpl().page.margin_right, 0.5);
}

// --- in a document ----------------------------------------------------------------------

std::string sample_plan() {
  std::ifstream in(kSource + "/samples/ke-hoach-hoa-binh-2021.json", std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// The plan with the 60-row table after its body: realized, laid out, the header on every
// page the table runs onto, no row split.
TEST(TablesDocument, ATableInThePlanRunsOnWithItsHeaderAndWholeRows) {
  model::Document d = model::load_document(sample_plan(), "ke-hoach-hoa-binh-2021.json");
  model::Block table = staff_table(60, 30);
  table.field_path = "body[" + std::to_string(d.body.size()) + "]";
  d.body.push_back(table);
  auto out = layout::layout_document(realize::realize_document(d, tpl(), fonts()), fonts());
  int first = page_with(out.pages, "MS-100"), last = page_with(out.pages, "MS-159");
  ASSERT_GE(first, 0);
  ASSERT_GT(last, first);
  for (int p = first; p <= last; ++p) {
    auto texts = run_texts(out.pages[p]);
    for (const char* h : {"STT", "Cán bộ", "Mã số"})
      EXPECT_NE(std::find(texts.begin(), texts.end(), h), texts.end()) << h << " missing on page " << p + 1;
  }
  for (int r = 0; r < 60; ++r) {
    if (r == 31) continue;  // under the merged cell
    EXPECT_EQ(page_with(out.pages, "MS-" + std::to_string(100 + r)), page_with(out.pages, "Z" + std::to_string(r))) << r;
  }
  EXPECT_EQ(page_with(out.pages, "MS-131"), page_with(out.pages, "Z30"));  // the merged rows together
  // The plan's closing still follows the table.
  EXPECT_GE(page_with(out.pages, "Bùi Thị Kim Tuyến"), last);
  if (std::getenv("VANBAN_KEEP"))
    std::ofstream(fs::path(std::getenv("VANBAN_KEEP")) / "plan-table-inprocess.pdf", std::ios::binary)
        << pdf::write_pdf(out.pages, out.info, out.graphics);
}

// The plan with the table written to DOCX from the same realized document: LibreOffice
// repeats the header on each page and draws the columns where the PDF does.
TEST(TablesDocument, ThePlansTableInDocxHasThePdfsColumns) {
  Dir dir("vanban-tables");
  model::Document d = model::load_document(sample_plan(), "ke-hoach-hoa-binh-2021.json");
  model::Block table = staff_table(60, 30);
  table.field_path = "body[" + std::to_string(d.body.size()) + "]";
  d.body.push_back(table);
  realize::Document realized_doc = realize::realize_document(d, tpl(), fonts());
  auto out = layout::layout_document(realized_doc, fonts());
  out.info.creation_date = "D:20210305000000+07'00'";
  std::string pdf = dir.write("plan.pdf", pdf::write_pdf(out.pages, out.info, out.graphics));
  docx::DocxOptions options;
  options.creation_date = "2021-03-05T08:00:00+07:00";
  std::string docx_file = dir.write("plan.docx", docx::write_document(realized_doc, fonts(), options));
  std::string lo = libreoffice(dir, docx_file, true);
  ASSERT_FALSE(lo.empty());
  keep(pdf, "plan-table.pdf");
  keep(lo, "plan-table-lo.pdf");
  expect_table_pages_alike(pdf, lo);
}

// The same from JSON through the command (needs the model reader of body tables: helper
// B's branch): PDF and DOCX, LibreOffice's columns where the PDF's are.
TEST(TablesDocument, AJsonTableRendersToPdfAndDocxWithTheSameColumns) {
  Dir dir("vanban-tables");
  json doc = json::parse(sample_plan());
  json rows = json::array();
  for (int r = 0; r < 60; ++r) {
    json row = {std::to_string(r + 1), "MS-" + std::to_string(100 + r)};
    if (r == 30) row.push_back({{"text", "Tổ công tác liên trường gộp hai hàng Z30"}, {"rowspan", 2}});
    else if (r != 31) row.push_back("Nguyễn Văn Hàng, giáo viên Trường Trung học phổ thông chuyên Hoàng Văn Thụ Z" + std::to_string(r));
    rows.push_back(row);
  }
  doc["body"].push_back({{"type", "table"},
                         {"columns", {{{"width", "20mm"}, {"align", "center"}}, {{"width", "fit"}}, {{"width", "3*"}}}},
                         {"header", {{{{"text", "STT"}, {"rowspan", 2}}, {{"text", "Cán bộ"}, {"colspan", 2}}},
                                     {"Mã số", "Họ và tên, đơn vị công tác"}}},
                         {"rows", rows},
                         {"repeat_header", true}});
  std::string data = dir.write("plan-table.json", doc.dump());
  std::string pdf = render_cli(dir, "ke-hoach " + q(data), "plan.pdf");
  std::string lo = libreoffice(dir, render_cli(dir, "ke-hoach " + q(data), "plan.docx"));
  ASSERT_FALSE(lo.empty());
  expect_table_pages_alike(pdf, lo);
}

}  // namespace
