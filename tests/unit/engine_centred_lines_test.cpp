// Centred lines end to end (issue #11 item 4): the lines read back from the PDF, the
// <w:br/> the DOCX carries at the same place, and LibreOffice's layout of the DOCX
// showing the same lines.
#include <gtest/gtest.h>

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
  expect_lines(page_lines(libreoffice_pdf(dir, docx)), "TRƯỜNG TIỂU HỌC", "QUANG CHÂU", "LibreOffice");
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
