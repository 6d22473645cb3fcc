// The recognition decision (Engine::recognition_decision): its danh sách holds the rows
// the certificates are made from, one for one, in the batch's order.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/file_io.h"
#include "cli_harness.h"
#include "engine_fixture.h"
#include "model/recipient_list.h"
#include "vanban/engine.h"

namespace {

using namespace vanban;

const std::string kSource = VANBAN_SOURCE_DIR;
const std::string kListPath = kSource + "/samples/danh-sach-khen-thuong.csv";

const auto& engine = test::source_tree_engine;

model::Document frame() {
  model::Document d;
  d.issuing_agency = {"SỞ GIÁO DỤC VÀ ĐÀO TẠO"};
  d.number.symbol = "QĐ-SGDĐT";
  d.place = "Hòa Bình";
  d.date.year = 2022;
  d.subject = "Về việc tặng Giấy khen";
  model::Block article;
  article.kind = model::BlockKind::Article;
  article.text = {model::Span{"Tặng Giấy khen cho {so_luong} cá nhân (có danh sách kèm theo).", false, false}};
  d.body.push_back(article);
  return d;
}

std::string text_of(const model::TableCell& c) {
  std::string s;
  for (const auto& span : c.text) s += span.text;
  return s;
}

// The certificates' names in the order the batch makes them (pdf pages = sink calls).
std::vector<std::string> certificate_names(const style::Template& tpl, const std::string& list, const BatchOptions& o) {
  std::vector<std::string> names;
  engine().certificates(tpl, list, kListPath, o, [&](size_t, const model::ListRow& row, layout::Page&) {
    names.push_back(row.fields.at("ho_ten"));
  });
  return names;
}

const model::Table& danh_sach(const model::Document& d) {
  return d.appendices.back().body.back().table;
}

TEST(Decision, ListsTheCertificatesRowsInTheBatchOrderWithTheirGoldenBookNumbers) {
  const style::Template tpl = engine().load_template("giay-khen");
  const std::string list = file_io::read_file(kListPath);
  for (bool sort : {false, true}) {
    for (bool group : {false, true}) {
      BatchOptions o;
      o.sort_by_given_name = sort;
      o.group_by_unit = group;
      Decision made = engine().recognition_decision(tpl, list, kListPath, frame(), o);
      const std::vector<std::string> certificates = certificate_names(tpl, list, o);
      const model::Table& t = danh_sach(made.document);
      // Column 1 is the name; golden-book numbers are the last column.
      std::vector<std::string> listed;
      std::vector<std::string> golden;
      for (const auto& row : t.rows) {
        if (row.size() == 1) continue;  // a unit's heading row
        listed.push_back(text_of(row[1]));
        golden.push_back(text_of(row.back()));
      }
      EXPECT_EQ(listed, certificates) << "sort " << sort << " group " << group;
      EXPECT_EQ(made.rows.produced, certificates.size());
      // The rows of the file that failed as certificates (no name; 31/2/2022) are left out
      // and reported with their row.
      ASSERT_EQ(made.rows.errors.size(), 2u);
      EXPECT_EQ(made.rows.errors[0].field.substr(0, 5), "row 8");
      EXPECT_EQ(made.rows.errors[0].stt, "7");
      // STT runs 1..n over the people, whatever the grouping.
      int stt = 0;
      for (const auto& row : t.rows)
        if (row.size() > 1) EXPECT_EQ(text_of(row[0]), std::to_string(++stt));
      // Golden-book numbers as the certificates print them ("Số sổ vàng: 123/SV").
      model::ListOptions lo;
      auto rows = model::read_recipient_list(list, kListPath, lo).rows;
      for (const auto& g : golden) {
        bool found = false;
        for (const auto& r : rows) found |= r.fields.count("so_so_vang") && r.fields.at("so_so_vang") == g;
        EXPECT_TRUE(found) << g;
      }
      if (group) {
        // One heading row per unit, spanning every column, before its people.
        size_t headings = 0;
        for (const auto& row : t.rows)
          if (row.size() == 1) {
            ++headings;
            EXPECT_EQ(row[0].colspan, static_cast<int>(t.columns.size()));
          }
        EXPECT_GT(headings, 1u);
      }
    }
  }
}

TEST(Decision, TakesItsNumberAndDateFromTheListAndCountsThePeople) {
  const style::Template tpl = engine().load_template("giay-khen");
  Decision made = engine().recognition_decision(tpl, file_io::read_file(kListPath), kListPath, frame(), {});
  EXPECT_EQ(made.document.number.number, "125");
  EXPECT_EQ(made.document.number.symbol, "QĐ-SGDĐT");
  EXPECT_EQ(made.document.date.day, 15);
  EXPECT_EQ(made.document.date.month, 5);
  EXPECT_EQ(made.document.date.year, 2022);
  std::string article;
  for (const auto& s : made.document.body[0].text) article += s.text;
  EXPECT_NE(article.find("cho " + std::to_string(made.rows.produced) + " cá nhân"), std::string::npos) << article;
  EXPECT_EQ(made.document.appendices.back().title, "DANH SÁCH ĐƯỢC TẶNG GIẤY KHEN");
  // Columns the list has: STT, name, position, unit, achievement, golden book.
  EXPECT_EQ(danh_sach(made.document).columns.size(), 6u);
  EXPECT_EQ(danh_sach(made.document).header.at(0).size(), 6u);
}

TEST(Decision, ARowNamingAnotherDecisionIsAnErrorNamingTheRow) {
  const style::Template tpl = engine().load_template("giay-khen");
  model::Document d = frame();
  d.number.number = "126";
  try {
    engine().recognition_decision(tpl, file_io::read_file(kListPath), kListPath, d, {});
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_EQ(e.line(), 2);
    EXPECT_EQ(e.field_path(), "row 2 (STT 1), so_quyet_dinh");
    EXPECT_NE(e.message().find("\"125/QĐ-SGDĐT\", but the decision is \"126/QĐ-SGDĐT\""), std::string::npos) << e.message();
  }
  d = frame();
  d.date = model::Date{16, 5, 2022};
  EXPECT_THROW(engine().recognition_decision(tpl, file_io::read_file(kListPath), kListPath, d, {}), Error);
}

}  // namespace

namespace {

using vanban::test::Dir;
using vanban::test::q;
using vanban::test::run;

const std::string kCli = VANBAN_CLI;

// The names on the certificates, page by page, as pdftotext reads them: each page's
// line after "TẶNG" starts with "Ông"/"Bà".
std::vector<std::string> certificate_pages_names(const std::string& pdf) {
  std::vector<std::string> names;
  for (int page = 1; page <= vanban::test::pdf_page_count(pdf); ++page) {
    std::string text = run("pdftotext -raw -enc UTF-8 -f " + std::to_string(page) + " -l " + std::to_string(page) + " " +
                           q(pdf) + " -").output;
    for (const std::string salutation : {"Ông ", "Bà "}) {
      size_t at = text.find("\n" + salutation);
      if (at == std::string::npos) continue;
      size_t end = text.find('\n', at + 1);
      names.push_back(text.substr(at + 1 + salutation.size(), end - at - 1 - salutation.size()));
    }
  }
  return names;
}

// The danh sách's name column as python-docx reads the DOCX's last table.
std::vector<std::string> docx_list_names(const std::string& docx) {
  auto r = run("/usr/bin/python3 -c \"import docx,sys; t=docx.Document(sys.argv[1]).tables[-1]; "
               "[print(row.cells[1].text.replace(chr(10),' ')) for row in t.rows[1:] if row.cells[0].text.strip().isdigit()]\" " +
               q(docx));
  std::vector<std::string> names;
  size_t start = 0;
  while (start < r.output.size()) {
    size_t end = r.output.find('\n', start);
    if (end == std::string::npos) end = r.output.size();
    if (end > start) names.push_back(r.output.substr(start, end - start));
    start = end + 1;
  }
  return names;
}

TEST(Decision, TheCommandsDanhSachMatchesTheBatchsCertificatesInPdfAndDocx) {
  Dir dir("vanban-decision");
  const std::string list = kSource + "/samples/danh-sach-khen-thuong.csv";
  const std::string frame = kSource + "/samples/khen-thuong-quyet-dinh.json";
  for (const std::string options : {"", " --sort ten --group-by-unit"}) {
    const std::string certs = dir.file("gk.pdf"), qd = dir.file("qd.pdf"), qd_docx = dir.file("qd.docx");
    auto b = run(kCli + " batch giay-khen " + q(list) + " -o " + q(certs) + " --date 2022-05-15" + options);
    ASSERT_EQ(b.status, 3) << b.output;
    auto d = run(kCli + " decision giay-khen " + q(list) + " --decision " + q(frame) + " -o " + q(qd) +
                 " --date 2022-05-15" + options);
    ASSERT_EQ(d.status, 3) << d.output;  // the two rows the batch leaves out, reported the same way
    EXPECT_NE(d.output.find("danh-sach-khen-thuong.csv:8:2: row 8 (STT 7), ho_ten: the name is missing"), std::string::npos);
    ASSERT_EQ(run(kCli + " decision giay-khen " + q(list) + " --decision " + q(frame) + " -o " + q(qd_docx) +
                  " --date 2022-05-15" + options).status, 3);
    const std::vector<std::string> names = certificate_pages_names(certs);
    ASSERT_EQ(names.size(), 7u) << b.output;
    // The PDF's danh sách: each certificate's name, in order, after its STT.
    std::string text = vanban::test::collapse_spaces(run("pdftotext -raw -enc UTF-8 " + q(qd) + " -").output);
    size_t at = text.find("DANH SÁCH ĐƯỢC TẶNG GIẤY KHEN");
    ASSERT_NE(at, std::string::npos) << text;
    EXPECT_NE(text.find("Số: 125/QĐ-SGDĐT"), std::string::npos);
    EXPECT_NE(text.find("cho 7 cá nhân"), std::string::npos);
    for (size_t i = 0; i < names.size(); ++i) {
      // A long name wraps in its cell: its first word is enough to place it.
      std::string first_word = names[i].substr(0, names[i].find(' '));
      size_t next = text.find(std::to_string(i + 1) + " " + first_word, at);
      ASSERT_NE(next, std::string::npos) << options << " row " << i + 1 << " " << names[i] << "\n" << text.substr(at);
      at = next;
    }
    // The DOCX's danh sách: the same names in the same order.
    EXPECT_EQ(docx_list_names(qd_docx), names) << options;
  }
}

}  // namespace
