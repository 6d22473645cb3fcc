// Forms end to end: blank and filled Phụ lục 1–3, batches, tables across pages, bad
// data. PDFs come from the `vanban` command and are read back with pdftotext and
// pdfminer (tests/e2e/pdf_probe.py).
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <array>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

#include "cli_harness.h"
#include "core/file_io.h"
#include "style/profile.h"

namespace {

namespace fs = std::filesystem;
using json = nlohmann::json;
using vanban::test::Dir;
using vanban::test::q;
using vanban::test::Result;
using vanban::test::run;

constexpr double kMm = 72.0 / 25.4;
const std::string kSource = VANBAN_SOURCE_DIR;
const std::string kCli = VANBAN_CLI;
const double kRight = (210 - 15) * kMm;

std::string render(const Dir& dir, const std::string& args, const std::string& name = "out.pdf") {
  Result r = run(kCli + " render " + args + " -o " + q(dir.file(name)) + " --date 2021-03-05");
  EXPECT_EQ(r.status, 0) << r.output;
  return dir.file(name);
}

const auto& collapse = vanban::test::collapse_spaces;

std::string text_of(const std::string& pdf) {
  Result r = run("pdftotext -raw -enc UTF-8 " + q(pdf) + " -");
  EXPECT_EQ(r.status, 0);
  return collapse(r.output);
}

json probe(const std::string& pdf) {
  Result r = run("/usr/bin/python3 " + q(kSource + "/tests/e2e/pdf_probe.py") + " " + q(pdf));
  EXPECT_EQ(r.status, 0) << r.output;
  return json::parse(r.output);
}

std::string page_count(const std::string& pdf) {
  Result r = run("pdfinfo " + q(pdf));
  std::smatch m;
  std::regex_search(r.output, m, std::regex(R"(Pages:\s+(\d+))"));
  return m[1];
}

const vanban::style::Template& form(const std::string& name) {
  static std::map<std::string, vanban::style::Template> cache;
  auto it = cache.find(name);
  if (it == cache.end()) it = cache.emplace(name, vanban::style::load_template(name, {kSource + "/templates"})).first;
  return it->second;
}

// Every label and hint of every form comes back as text, and each dotted line
// (a span of "…") ends within 1 pt of the right margin.
TEST(BlankForms, LabelsHintsAndDottedLinesToTheMargin) {
  Dir dir("vanban-forms");
  for (const std::string name : {"phu-luc-1", "phu-luc-2", "phu-luc-3"}) {
    std::string pdf = render(dir, name + " --blank", name + ".pdf");
    std::string text = text_of(pdf);
    const auto& f = form(name).form;
    EXPECT_NE(text.find(collapse(f.title)), std::string::npos) << name;
    int labels = 0;
    for (const auto& item : f.items) {
      std::vector<vanban::style::FormItem> fields = item.children.empty() ? std::vector{item} : item.children;
      for (const auto& field : fields) {
        if (!field.label.empty()) {
          ++labels;
          std::string label = field.number.empty() ? field.label : field.number + ". " + field.label;
          EXPECT_NE(text.find(collapse(label)), std::string::npos) << name << ": " << label;
        }
        if (!field.hint.empty()) EXPECT_NE(text.find(collapse(field.hint)), std::string::npos) << field.hint;
        if (!field.text.empty()) EXPECT_NE(text.find(collapse(field.text)), std::string::npos) << field.text;
      }
    }
    EXPECT_GE(labels, 3);
    int leaders = 0;
    const json doc = probe(pdf);
    for (const auto& s : doc["pages"][0]["spans"]) {
      std::string t = s["text"];
      if (t.rfind("……", 0) != 0 || t.find("ngày") != std::string::npos) continue;
      ++leaders;
      EXPECT_NEAR(s["x1"].get<double>(), kRight, 1.0) << name << " leader ends at " << s["x1"];
    }
    EXPECT_GE(leaders, 5) << name;
  }
}

TEST(BlankForms, PhuLuc2PutsPhoneAndEmailSideBySide) {
  Dir dir("vanban-forms");
  json doc = probe(render(dir, "phu-luc-2 --blank"));
  double phone = -1, email = -2;
  for (const auto& s : doc["pages"][0]["spans"]) {
    std::string t = s["text"];
    if (t.find("Số điện thoại:") != std::string::npos) phone = s["baseline"];
    if (t.find("Email:") != std::string::npos) email = s["baseline"];
  }
  EXPECT_NEAR(phone, email, 0.01);
}

TEST(FilledForms, ValuesComeBackAndPlaceholdersAreGone) {
  Dir dir("vanban-forms");
  std::string sample = kSource + "/samples/phu-luc-1-dang-ky.json";
  std::string pdf = render(dir, "phu-luc-1 " + q(sample));
  std::string text = text_of(pdf);
  json data = json::parse(vanban::file_io::read_file(sample));
  for (auto& [key, value] : data.items()) {
    EXPECT_NE(text.find(collapse(value.get<std::string>())), std::string::npos) << key;
  }
  // The place-and-date line of the blank form is replaced by the value.
  EXPECT_EQ(text.find("………..,ngày"), std::string::npos);
  // Labels stay.
  EXPECT_NE(text.find("1. Tên tập thể hoặc cá nhân đăng ký"), std::string::npos);
}

TEST(FilledForms, UnusedDottedLinesStayAndLongValuesGrowTheForm) {
  Dir dir("vanban-forms");
  // Field 6 has 2 lines; a one-line value leaves one dotted line, as on paper.
  std::string one = dir.write("one.json", R"({"thoi_gian": "Năm học 2021 - 2022."})");
  json doc = probe(render(dir, "phu-luc-1 " + q(one), "one.pdf"));
  int leaders = 0;
  for (const auto& s : doc["pages"][0]["spans"]) {
    std::string t = s["text"];
    if (t.rfind("……", 0) == 0 && t.find("ngày") == std::string::npos) ++leaders;
  }
  EXPECT_EQ(leaders, 11);  // 6 fields × 2 lines, one used
  // A very long value takes as many pages as it needs, numbered from 2.
  std::string words;
  for (int i = 0; i < 400; ++i) words += "nội dung đăng ký thực hiện " + std::to_string(i) + "; ";
  std::string long_json = dir.write("long.json", R"({"noi_dung": ")" + words + R"("})");
  std::string pdf = render(dir, "phu-luc-1 " + q(long_json), "long.pdf");
  int pages = std::stoi(page_count(pdf));
  EXPECT_GE(pages, 3);
  json longdoc = probe(pdf);
  for (int p = 1; p < pages; ++p) {
    bool numbered = false;
    for (const auto& s : longdoc["pages"][p]["spans"])
      if (s["baseline"].get<double>() < 20 * kMm && s["text"] == std::to_string(p + 1)) numbered = true;
    EXPECT_TRUE(numbered) << "page " << p + 1;
  }
  EXPECT_NE(text_of(pdf).find("399;"), std::string::npos);
}

TEST(FilledForms, TableRepeatsItsHeaderAfterAPageBreak) {
  Dir dir("vanban-forms");
  std::string pdf = render(dir, "phu-luc-3 " + q(kSource + "/samples/phu-luc-3-ho-so.json"));
  json doc = probe(pdf);
  ASSERT_GE(doc["pages"].size(), 2u);
  int pages_with_header = 0;
  for (const auto& page : doc["pages"]) {
    bool title = false, group = false, row = false;
    for (const auto& s : page["spans"]) {
      std::string t = s["text"];
      title |= t.find("Nội dung, tiêu chí so sánh") != std::string::npos;
      group |= t.find("Trước khi") != std::string::npos;
      row |= t.find("Số lượt mượn") != std::string::npos || t.find("Lượt truy cập") != std::string::npos;
    }
    if (row) EXPECT_TRUE(title && group) << "a page with table rows lacks the header";
    pages_with_header += title;
  }
  EXPECT_EQ(pages_with_header, 2);
  std::string text = text_of(pdf);
  // Cells wrap inside their columns: look for pieces that stay on one line.
  for (const char* cell : {"Số lượt mượn sách bình", "9.850", "Phụ", "Lượt truy cập danh mục sách"})
    EXPECT_NE(text.find(cell), std::string::npos) << cell;
}

TEST(Batches, A200RowCsvGives200FormsEachOnItsOwnPages) {
  Dir dir("vanban-forms");
  std::string pdf = render(dir, "phu-luc-1 " + q(kSource + "/samples/phu-luc-1-200-truong.csv"));
  EXPECT_EQ(page_count(pdf), "200");
  std::string text = text_of(pdf);
  size_t forms = 0;
  for (size_t at = text.find("Phụ lục 1 ĐĂNG KÝ"); at != std::string::npos; at = text.find("Phụ lục 1 ĐĂNG KÝ", at + 1))
    ++forms;
  EXPECT_EQ(forms, 200u);
  // One-page forms: numbering restarts, so no page shows a number.
  json doc = probe(pdf);
  for (size_t p = 0; p < doc["pages"].size(); p += 37)
    for (const auto& s : doc["pages"][p]["spans"]) EXPECT_GT(s["baseline"].get<double>(), 20 * kMm) << "page " << p + 1;
}

TEST(Batches, JsonArrayRestartsPageNumbersForEachForm) {
  Dir dir("vanban-forms");
  std::string words;
  for (int i = 0; i < 250; ++i) words += "thực trạng " + std::to_string(i) + "; ";
  std::string list = dir.write("list.json", R"([{"thuc_trang": ")" + words + R"("}, {"thuc_trang": ")" + words + R"("}])");
  json doc = probe(render(dir, "phu-luc-1 " + q(list)));
  std::vector<std::string> numbers;
  for (const auto& page : doc["pages"]) {
    std::string n = "-";
    for (const auto& s : page["spans"])
      if (s["baseline"].get<double>() < 20 * kMm) n = s["text"];
    numbers.push_back(n);
  }
  ASSERT_EQ(numbers.size() % 2, 0u);
  size_t half = numbers.size() / 2;
  EXPECT_EQ(numbers[0], "-");
  EXPECT_EQ(numbers[1], "2");
  EXPECT_EQ(numbers[half], "-") << "the second form starts its own numbering";
  EXPECT_EQ(numbers[half + 1], "2");
}

struct Failure {
  int status;
  std::string message;
  bool written;
};

Failure fail(const std::string& name, const std::string& content, const std::string& form_name = "phu-luc-1") {
  Dir dir("vanban-forms");
  std::string data = dir.write(name, content);
  Result r = run(kCli + " render " + form_name + " " + q(data) + " -o " + q(dir.file("out.pdf")));
  return {r.status, r.output, fs::exists(dir.file("out.pdf"))};
}

TEST(BadFormData, UnknownFieldInJsonIsNamedWithRecordAndPosition) {
  Failure f = fail("d.json", "[\n  {\"ten_dang_ky\": \"A\"},\n  {\"ten_dang_ki\": \"B\"}\n]");
  EXPECT_EQ(f.status, 1);
  EXPECT_NE(f.message.find("d.json:3:4: [1].ten_dang_ki: unknown field"), std::string::npos) << f.message;
  EXPECT_FALSE(f.written);
}

TEST(BadFormData, WrongTypeIsNamed) {
  Failure f = fail("d.json", R"({"ho_ten": {"ten": "A"}})", "phu-luc-2");
  EXPECT_EQ(f.status, 1);
  EXPECT_NE(f.message.find("ho_ten: expected text"), std::string::npos) << f.message;
  Failure table = fail("t.json", R"({"thong_ke": [["1", "a", "b", "c", "d", "e", "f", "g"]]})", "phu-luc-3");
  EXPECT_EQ(table.status, 1);
  EXPECT_NE(table.message.find("thong_ke[0]: a row of 8 cells; the table has 7 columns"), std::string::npos)
      << table.message;
  EXPECT_FALSE(table.written);
}

TEST(BadFormData, MalformedCsvRowsAreReportedWithRowAndColumn) {
  Failure cells = fail("l.csv", "ho_ten,don_vi\nA,B\nC\n", "phu-luc-2");
  EXPECT_EQ(cells.status, 1);
  EXPECT_NE(cells.message.find("l.csv:3:1: row 3: 1 cells, but the header has 2"), std::string::npos) << cells.message;
  EXPECT_FALSE(cells.written);
  Failure quote = fail("l.csv", "ho_ten;don_vi\n\"A;B\n", "phu-luc-2");
  EXPECT_EQ(quote.status, 1);
  EXPECT_NE(quote.message.find("l.csv:2:1: row 2: a quoted cell is never closed"), std::string::npos) << quote.message;
  Failure header = fail("l.csv", "\xEF\xBB\xBFho_ten,dia_chi,emai\nA,B,C\n", "phu-luc-2");
  EXPECT_EQ(header.status, 1);
  EXPECT_NE(header.message.find("row 1, column 3: unknown field \"emai\""), std::string::npos) << header.message;
}

TEST(FilledForms, CsvWithSemicolonsAndQuotesFills) {
  Dir dir("vanban-forms");
  std::string csv = dir.write("l.csv", "ho_ten;don_vi;email\n\"Bùi Thị \"\"Lan\"\"\";\"Trường A; cơ sở 2\";lan@hoabinh.edu.vn\n");
  std::string text = text_of(render(dir, "phu-luc-2 " + q(csv)));
  EXPECT_NE(text.find("1. Họ và tên: Bùi Thị \"Lan\""), std::string::npos) << text;
  EXPECT_NE(text.find("Trường A; cơ sở 2"), std::string::npos);
  EXPECT_NE(text.find("Email: lan@hoabinh.edu.vn"), std::string::npos);
}

}  // namespace

namespace {

TEST(AttachedForms, ThePlanCarriesTheThreeFormsAsAppendices) {
  Dir dir("vanban-forms");
  std::string pdf = render(dir, "ke-hoach " + q(kSource + "/samples/ke-hoach-hoa-binh-2021-bieu-mau.json"));
  std::string text = text_of(pdf);
  for (const char* s : {"Phụ lục 1 ĐĂNG KÝ XÂY DỰNG MÔ HÌNH", "1. Tên tập thể hoặc cá nhân đăng ký", "Phụ lục 2 GIỚI THIỆU",
                        "4. Số điện thoại:", "Phụ lục 3 HỒ SƠ ĐỀ NGHỊ", "Nội dung, tiêu chí so sánh",
                        "(Kèm theo Kế hoạch số /KH-SGD&ĐT ngày tháng 3 năm 2021 của Sở Giáo dục và Đào tạo tỉnh Hòa Bình)"})
    EXPECT_NE(text.find(s), std::string::npos) << s;
}

TEST(AttachedForms, ValuesFillTheAttachedFormAndUnknownOnesAreNamed) {
  Dir dir("vanban-forms");
  std::string plan = vanban::file_io::read_file(kSource + "/samples/ke-hoach-hoa-binh-2021-bieu-mau.json");
  std::string filled = plan;
  filled.replace(filled.find("{\n      \"form\": \"phu-luc-2\"\n    }"), std::string("{\n      \"form\": \"phu-luc-2\"\n    }").size(),
                 R"({"form": "phu-luc-2", "values": {"ho_ten": "Bùi Thị Lan", "email": "lan@hoabinh.edu.vn"}})");
  std::string text = text_of(render(dir, "ke-hoach " + q(dir.write("filled.json", filled))));
  EXPECT_NE(text.find("1. Họ và tên: Bùi Thị Lan"), std::string::npos);
  EXPECT_NE(text.find("Email: lan@hoabinh.edu.vn"), std::string::npos);
  std::string bad = plan;
  bad.replace(bad.find("{\n      \"form\": \"phu-luc-2\"\n    }"), std::string("{\n      \"form\": \"phu-luc-2\"\n    }").size(),
              R"({"form": "phu-luc-2", "values": {"ho_tn": "Bùi Thị Lan"}})");
  Failure f = fail("bad.json", bad, "ke-hoach");
  EXPECT_EQ(f.status, 1);
  EXPECT_TRUE(std::regex_search(f.message, std::regex(R"(bad\.json:\d+:\d+: appendices\[1\]\.values\.ho_tn: unknown field)")))
      << f.message;
  EXPECT_FALSE(f.written);
}

TEST(FormOptions, DroppingUnusedLinesLeavesOnlyTheValue) {
  Dir dir("vanban-forms");
  // A form template of one's own: Phụ lục 1 without the unused dotted lines.
  std::string tpl = vanban::file_io::read_file(kSource + "/templates/phu-luc-1.xml");
  tpl.replace(tpl.find("<form "), 6, "<form keep-unused-lines=\"false\" ");
  std::string path = dir.write("phu-luc-1-gon.xml", tpl);
  std::string data = dir.write("d.json", R"({"thoi_gian": "Năm học 2021 - 2022."})");
  Result r = run(kCli + " render " + q(path) + " " + q(data) + " -o " + q(dir.file("o.pdf")) + " --template-dir " +
                 q(kSource + "/templates"));
  ASSERT_EQ(r.status, 0) << r.output;
  json doc = probe(dir.file("o.pdf"));
  int leaders = 0;
  for (const auto& s : doc["pages"][0]["spans"]) {
    std::string t = s["text"];
    if (t.rfind("……", 0) == 0 && t.find("ngày") == std::string::npos) ++leaders;
  }
  EXPECT_EQ(leaders, 10);  // the five empty fields keep theirs; field 6 has its value only
}

}  // namespace
