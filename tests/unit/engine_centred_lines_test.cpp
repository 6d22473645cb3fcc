// Centred lines end to end (issue #11 item 4): the lines read back from the PDF, the
// <w:br/> the DOCX carries at the same place, and LibreOffice's layout of the DOCX
// showing the same lines.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <cmath>
#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

#include "cli_harness.h"

namespace {

namespace fs = std::filesystem;
using vanban::test::Dir;
using vanban::test::q;
using vanban::test::Result;
using vanban::test::run;

const std::string kCli = VANBAN_CLI;
const std::string kSource = VANBAN_SOURCE_DIR;

// The length of the first rule on page 1 below the line `text` (within 15 pt), or -1:
// the rule under the issuing agency is 0.4 of its widest line (ND30-CQ).
double rule_under(const std::string& pdf, const std::string& text) {
  Result r = run("/usr/bin/python3 " + q(kSource + "/tests/e2e/pdf_probe.py") + " " + q(pdf));
  auto page = nlohmann::json::parse(r.output)["pages"][0];
  for (const auto& s : page["spans"]) {
    if (s["text"] != text) continue;
    double baseline = s["baseline"];
    for (const auto& rule : page["rules"]) {
      double y = rule["y0"];
      if (y > baseline && y < baseline + 15) return std::abs(rule["x1"].get<double>() - rule["x0"].get<double>());
    }
  }
  return -1;
}

std::string render(const Dir& dir, const std::string& args, const std::string& out) {
  Result r = run(kCli + " render " + args + " -o " + q(dir.file(out)) + " --date 2021-03-05");
  EXPECT_EQ(r.status, 0) << r.output;
  return dir.file(out);
}

// The lines of page 1 as pdftotext lays them out, trimmed.
std::vector<std::string> page_lines(const std::string& pdf) {
  Result r = run("pdftotext -layout -enc UTF-8 -f 1 -l 1 " + q(pdf) + " -");
  std::vector<std::string> out;
  std::istringstream in(r.output);
  for (std::string line; std::getline(in, line);) {
    size_t b = line.find_first_not_of(' '), e = line.find_last_not_of(' ');
    out.push_back(b == std::string::npos ? "" : line.substr(b, e - b + 1));
  }
  return out;
}

// `first` is a line of its own and `second` the next line with text.
void expect_lines(const std::vector<std::string>& lines, const std::string& first, const std::string& second,
                  const std::string& what) {
  for (size_t i = 0; i < lines.size(); ++i) {
    if (lines[i] != first) continue;
    size_t j = i + 1;
    while (j < lines.size() && lines[j].empty()) ++j;
    ASSERT_LT(j, lines.size()) << what;
    EXPECT_EQ(lines[j], second) << what;
    return;
  }
  std::string all;
  for (const auto& l : lines) all += l + "\n";
  ADD_FAILURE() << what << ": no line \"" << first << "\" in\n" << all;
}

std::string document_xml(const std::string& docx) { return run("unzip -p " + q(docx) + " word/document.xml").output; }

std::string libreoffice_pdf(const Dir& dir, const std::string& docx) {
  std::string log, pdf = vanban::test::libreoffice_pdf(docx, dir.path / "lo", &log);
  EXPECT_FALSE(pdf.empty()) << log;
  return pdf;
}

TEST(CentredLines, SchoolNameInTheHeaderBreaksBetweenItsWordsInPdfAndDocx) {
  Dir dir("vanban-centred");
  std::string data = dir.write("truong.json", R"({
  "parent_agency": "PHÒNG GD&ĐT HUYỆN VIỆT YÊN", "issuing_agency": "TRƯỜNG TIỂU HỌC QUANG CHÂU",
  "number": {"symbol": "KH-THQC"}, "place": "Quang Châu", "date": {"day": 5, "month": 3, "year": 2021},
  "subject": "Tổ chức ngày hội đọc sách", "body": [{"type": "paragraph", "text": "Nội dung."}],
  "signature": {"authority": "HIỆU TRƯỞNG", "signer_name": "Nguyễn Văn A"}})");
  std::string pdf = render(dir, "ke-hoach " + q(data), "t.pdf");
  expect_lines(page_lines(pdf), "TRƯỜNG TIỂU HỌC", "QUANG CHÂU", "PDF");
  std::string docx = render(dir, "ke-hoach " + q(data), "t.docx");
  EXPECT_NE(document_xml(docx).find("TRƯỜNG TIỂU HỌC</w:t><w:br/><w:t xml:space=\"preserve\">QUANG CHÂU"), std::string::npos);
  std::string lo = libreoffice_pdf(dir, docx);
  expect_lines(page_lines(lo), "TRƯỜNG TIỂU HỌC", "QUANG CHÂU", "LibreOffice");
  // The rule under the agency is measured on the same (balanced) lines in both.
  double rule = rule_under(pdf, "QUANG CHÂU");
  EXPECT_GT(rule, 0);
  EXPECT_NEAR(rule_under(lo, "QUANG CHÂU"), rule, 0.5);
}

TEST(CentredLines, BlankPhuLuc1TitleKeepsDienHinhTogether) {
  Dir dir("vanban-centred");
  std::string pdf = render(dir, "phu-luc-1 --blank", "p.pdf");
  expect_lines(page_lines(pdf), "ĐĂNG KÝ XÂY DỰNG MÔ HÌNH,", "ĐIỂN HÌNH TIÊN TIẾN GIAI ĐOẠN 2021-2025", "PDF");
  std::string docx = render(dir, "phu-luc-1 --blank", "p.docx");
  EXPECT_NE(document_xml(docx).find("MÔ HÌNH,</w:t><w:br/>"), std::string::npos);
  expect_lines(page_lines(libreoffice_pdf(dir, docx)), "ĐĂNG KÝ XÂY DỰNG MÔ HÌNH,",
               "ĐIỂN HÌNH TIÊN TIẾN GIAI ĐOẠN 2021-2025", "LibreOffice");
}

}  // namespace
