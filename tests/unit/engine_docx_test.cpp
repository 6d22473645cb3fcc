// DOCX end to end: the package as Word needs it (tests/e2e/docx_check.py), python-docx
// reading styles and sections back, LibreOffice (fresh profile per call) laying each
// document out to the same page count and text as vanban's own PDF.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

#include "cli_harness.h"
#include "core/file_io.h"

namespace {

namespace fs = std::filesystem;
using json = nlohmann::json;
using vanban::test::Dir;
using vanban::test::q;
using vanban::test::Result;
using vanban::test::run;

const std::string kSource = VANBAN_SOURCE_DIR;
const std::string kCli = VANBAN_CLI;

std::string render(const Dir& dir, const std::string& args, const std::string& out, const std::string& date = "2021-03-05") {
  Result r = run(kCli + " render " + args + " -o " + q(dir.file(out)) + " --date " + date);
  EXPECT_EQ(r.status, 0) << r.output;
  return dir.file(out);
}

// LibreOffice headless, a fresh profile directory per call.
std::string libreoffice_pdf(const Dir& dir, const std::string& docx) {
  static int calls = 0;
  fs::path out = dir.path / ("lo-" + std::to_string(calls++));
  std::string log, pdf = vanban::test::libreoffice_pdf(docx, out, &log);
  EXPECT_FALSE(pdf.empty()) << log;
  return pdf;
}

int pages(const std::string& pdf) { return vanban::test::pdf_page_count(pdf); }

std::string words(const std::string& pdf) {
  // Text of the text area (below the top margin with its page numbers), dotted leaders
  // of either kind dropped, white space folded.
  Result r = run("pdftotext -raw -enc UTF-8 -x 0 -y 57 -W 596 -H 785 " + q(pdf) + " -");
  return vanban::test::collapse_spaces(std::regex_replace(r.output, std::regex("(…){2,}|\\.{4,}"), " "));
}

json check(const std::string& docx) {
  Result r = run("/usr/bin/python3 " + q(kSource + "/tests/e2e/docx_check.py") + " " + q(docx));
  EXPECT_EQ(r.status, 0) << r.output;
  return json::parse(r.output.substr(r.output.find('{')));
}

TEST(Docx, PlanPackageStylesAndSections) {
  Dir dir("vanban-docx");
  json report = check(render(dir, "ke-hoach " + q(kSource + "/samples/ke-hoach-hoa-binh-2021.json"), "plan.docx"));
  EXPECT_TRUE(report["problems"].empty()) << report["problems"];
  EXPECT_EQ(report["compatibility_mode"], "15");
  EXPECT_EQ(report["default_font"], "Times New Roman");
  EXPECT_EQ(report["default_lang"], "vi-VN");
  EXPECT_TRUE(report["page_field"].get<bool>());
  std::set<std::string> styles(report["styles"].begin(), report["styles"].end());
  for (const char* name : {"Quốc hiệu", "Tiêu ngữ", "Cơ quan ban hành", "Số, ký hiệu", "Địa danh, ngày tháng",
                           "Tên loại văn bản", "Trích yếu", "Nội dung", "Nơi nhận", "Danh sách nơi nhận",
                           "Quyền hạn, chức vụ người ký", "Họ tên người ký", "Phụ lục", "Số trang"})
    EXPECT_TRUE(styles.count(name)) << name;
  // The plan and one section per appendix, each A4 with the decree's margins and no
  // number on its first page.
  ASSERT_EQ(report["sections"].size(), 4u);
  for (const auto& s : report["sections"]) {
    EXPECT_EQ(s["width_mm"], 210.0);
    EXPECT_EQ(s["height_mm"], 297.0);
    EXPECT_EQ(s["left_mm"], 30.0);
    EXPECT_EQ(s["right_mm"], 15.0);
    EXPECT_EQ(s["top_mm"], 20.0);
    EXPECT_TRUE(s["different_first_page"].get<bool>());
  }
  EXPECT_EQ(report["tables"], 2);  // the header block and the signature block
}

TEST(Docx, TheCheckerCatchesChildrenOutOfSchemaOrder) {
  Dir dir("vanban-docx");
  std::string docx = render(dir, "ke-hoach " + q(kSource + "/samples/ke-hoach-hoa-binh-2021.json"), "plan.docx");
  std::string broken = dir.file("broken.docx");
  Result r = run("/usr/bin/python3 -c \"import sys,zipfile; s=zipfile.ZipFile(sys.argv[1]); d=zipfile.ZipFile(sys.argv[2],'w');"
                 "[d.writestr(i, s.read(i).replace(b'<w:pPr><w:pStyle w:val=\\\"VBBody\\\"/>', b'<w:pPr><w:jc w:val=\\\"both\\\"/><w:pStyle w:val=\\\"VBBody\\\"/>') if i.filename=='word/document.xml' else s.read(i)) for i in s.infolist()]; d.close()\" " +
                 q(docx) + " " + q(broken));
  ASSERT_EQ(r.status, 0) << r.output;
  Result c = run("/usr/bin/python3 " + q(kSource + "/tests/e2e/docx_check.py") + " " + q(broken));
  EXPECT_EQ(c.status, 1);
  EXPECT_NE(c.output.find("<pStyle> comes after <jc>"), std::string::npos) << c.output.substr(0, 500);
}

TEST(Docx, FixedDateGivesIdenticalBytes) {
  Dir dir("vanban-docx");
  std::string sample = q(kSource + "/samples/ke-hoach-hoa-binh-2021.json");
  std::string a = vanban::file_io::read_file(render(dir, "ke-hoach " + sample, "a.docx"));
  std::string b = vanban::file_io::read_file(render(dir, "ke-hoach " + sample, "b.docx"));
  std::string c = vanban::file_io::read_file(render(dir, "ke-hoach " + sample, "c.docx", "2021-03-06"));
  EXPECT_TRUE(a == b);
  EXPECT_FALSE(a == c);
}

// LibreOffice lays each DOCX out to as many pages as vanban's PDF, with the same text.
TEST(Docx, LibreOfficeGivesThePdfsPageCountAndText) {
  Dir dir("vanban-docx");
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"ke-hoach", kSource + "/samples/ke-hoach-hoa-binh-2021.json"},
      {"ke-hoach", kSource + "/samples/ke-hoach-hoa-binh-2021-bieu-mau.json"},
      {"phu-luc-1", "--blank"},
      {"phu-luc-2", "--blank"},
      {"phu-luc-3", "--blank"},
      {"phu-luc-1", kSource + "/samples/phu-luc-1-dang-ky.json"},
      {"phu-luc-2", kSource + "/samples/phu-luc-2-gioi-thieu.json"},
      {"phu-luc-3", kSource + "/samples/phu-luc-3-ho-so.json"},
  };
  int i = 0;
  for (const auto& [tpl, data] : cases) {
    std::string arg = data == "--blank" ? "--blank" : q(data);
    std::string pdf = render(dir, tpl + " " + arg, "v" + std::to_string(i) + ".pdf");
    std::string docx = render(dir, tpl + " " + arg, "v" + std::to_string(i) + ".docx");
    ++i;
    json report = check(docx);
    EXPECT_TRUE(report["problems"].empty()) << tpl << " " << data << ": " << report["problems"];
    std::string lo = libreoffice_pdf(dir, docx);
    EXPECT_EQ(pages(lo), pages(pdf)) << tpl << " " << data;
    if (tpl != "ke-hoach" && tpl != "phu-luc-3") {
      // One-column forms read in the same order (tables and the plan's two-column
      // header are read row by row by pdftotext, so only their words are compared).
      EXPECT_EQ(words(lo), words(pdf)) << tpl << " " << data;
    } else {
      std::string a = words(lo), b = words(pdf);
      std::istringstream in(b);
      for (std::string w; in >> w;) EXPECT_NE(a.find(w), std::string::npos) << tpl << ": " << w;
    }
  }
}

TEST(Docx, BatchOfFormsIsOneSectionPerForm) {
  Dir dir("vanban-docx");
  json report = check(render(dir, "phu-luc-1 " + q(kSource + "/samples/phu-luc-1-200-truong.csv"), "all.docx"));
  EXPECT_EQ(report["sections"].size(), 200u);
}

}  // namespace

namespace {

TEST(Docx, InlineEmphasisUsesNamedCharacterStyles) {
  Dir dir("vanban-docx");
  std::string data = dir.file("rich.json");
  std::ofstream(data) << R"({"issuing_agency": "SỞ GIÁO DỤC VÀ ĐÀO TẠO", "place": "Hòa Bình", "date": {"year": 2021},
    "subject": "Thử", "body": [{"type": "paragraph", "text": ["Căn cứ ", {"i": "Luật Thi đua"}, " và ", {"b": "Kế hoạch"}, {"bi": " số 1"}]}],
    "signature": {"authority": "GIÁM ĐỐC", "signer_name": "Nguyễn Văn A"}})";
  std::string docx = render(dir, "ke-hoach " + q(data), "rich.docx");
  Result r = run("/usr/bin/python3 -c \"import sys,docx; d=docx.Document(sys.argv[1]); "
                 "print('|'.join(r.text+'='+r.style.name for p in d.paragraphs for r in p.runs if r.style is not None))\" " +
                 q(docx));
  ASSERT_EQ(r.status, 0) << r.output;
  EXPECT_NE(r.output.find("Luật Thi đua=Chữ nghiêng|Kế hoạch=Chữ đậm| số 1=Chữ đậm nghiêng"), std::string::npos) << r.output;
}

}  // namespace
