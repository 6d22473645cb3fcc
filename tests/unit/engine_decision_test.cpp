// The recognition decision (Engine::recognition_decision): its danh sách holds the rows
// the certificates are made from, one for one, in the batch's order.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/file_io.h"
#include "model/recipient_list.h"
#include "vanban/engine.h"

namespace {

using namespace vanban;

const std::string kSource = VANBAN_SOURCE_DIR;
const std::string kListPath = kSource + "/samples/danh-sach-khen-thuong.csv";

const Engine& engine() {
  static const Engine e([] {
    EngineOptions o;
    o.template_dirs = {kSource + "/templates"};
    o.font_manifest = kSource + "/fonts/fonts.xml";
    return o;
  }());
  return e;
}

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
    EXPECT_EQ(e.field_path(), "row 2, so_quyet_dinh");
    EXPECT_NE(e.message().find("\"125/QĐ-SGDĐT\", but the decision is \"126/QĐ-SGDĐT\""), std::string::npos) << e.message();
  }
  d = frame();
  d.date = model::Date{16, 5, 2022};
  EXPECT_THROW(engine().recognition_decision(tpl, file_io::read_file(kListPath), kListPath, d, {}), Error);
}

}  // namespace
