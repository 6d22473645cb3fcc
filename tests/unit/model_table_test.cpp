// Body tables in the model: column widths, merged cells, and the check that every row
// covers each column exactly once (colspans, and rowspans reaching down from above).
#include <gtest/gtest.h>

#include <string>

#include "core/error.h"
#include "model/reader.h"
#include "model_test_helpers.h"

namespace {

using namespace vanban;
using model::load_document;

// A document whose body is one table (line 2 holds the table, line 3 the rows).
std::string with_table(const std::string& columns, const std::string& rows, const std::string& header = "[]") {
  return "{\"issuing_agency\": \"A\", \"place\": \"B\", \"date\": {\"year\": 2021}, \"subject\": \"S\", \"body\": [\n"
         "  {\"type\": \"paragraph\", \"text\": \"x\"}, {\"type\": \"table\", \"columns\": " + columns + ", \"header\": " + header +
         ",\n   \"rows\": " + rows + "}],\n"
         "  \"signature\": {\"authority\": \"G\", \"signer_name\": \"C\"}}\n";
}

const std::string kThree = R"([{"width": "1.5cm"}, {"width": "*"}, {"width": "36pt"}])";

Error error_of(const std::string& text, const Limits& limits = {}) { return test::model_error(text, "t.json", limits); }

TEST(ModelTable, WidthsInEveryUnit) {
  auto d = load_document(with_table(kThree, R"([["a", "b", "c"]])"), "t.json");
  const auto& cols = d.body.at(1).table.columns;
  EXPECT_NEAR(cols[0].width.value, 15 * 72 / 25.4, 1e-9);
  EXPECT_EQ(cols[0].width.kind, model::ColumnWidth::Kind::Fixed);
  EXPECT_EQ(cols[1].width.kind, model::ColumnWidth::Kind::Proportional);
  EXPECT_EQ(cols[1].width.value, 1);
  EXPECT_EQ(cols[2].width.value, 36);
  EXPECT_TRUE(d.body.at(1).table.repeat_header);
}

TEST(ModelTable, RowspansAndColspansThatTileTheGrid) {
  // | a (2 rows) | b c (2 cols) |
  // |            | d  | e (2 rows)
  // | f g (2 cols)    |
  auto d = load_document(
      with_table(kThree, R"([[{"text": "a", "rowspan": 2}, {"text": "bc", "colspan": 2}], ["d", {"text": "e", "rowspan": 2}], [{"text": "fg", "colspan": 2}]])"),
      "t.json");
  const auto& rows = d.body.at(1).table.rows;
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[1].size(), 2u);
  EXPECT_EQ(rows[2][0].colspan, 2);
}

TEST(ModelTable, ErrorsNameTheRowOrCell) {
  struct Case {
    std::string columns, rows, header, path, message;
    int line, column;
  };
  const Case cases[] = {
      {"[]", R"([])", "[]", "body[1].columns", "a table needs at least one column", 2, 68},
      {R"([{"width": "12"}])", R"([["a"]])", "[]", "body[1].columns[0].width",
       "expected a width: a length (\"12mm\", \"1.5cm\", \"36pt\"), a share (\"3*\", \"*\") or \"fit\", got \"12\"", 2, 79},
      {R"([{"width": "fit", "align": "middle"}])", R"([["a"]])", "[]", "body[1].columns[0].align",
       "expected \"left\", \"center\", \"right\" or \"justify\", got \"middle\"", 2, 95},
      {kThree, R"([["a", "b"], ["c", "d", "e"]])", "[]", "body[1].rows[0]",
       "the row covers 2 of the 3 columns (counting colspans and rowspans from the rows above)", 3, 13},
      {kThree, R"([["a", "b", "c"], ["a", {"text": "b", "colspan": 3}]])", "[]", "body[1].rows[1][1].colspan",
       "the row has 3 columns; this cell and its colspan 3 would reach past the last (column 2 is where it starts)", 3, 61},
      {kThree, R"([["a", "b", "c", "d"]])", "[]", "body[1].rows[0][3]",
       "the row has 3 columns; this cell would reach past the last", 3, 29},
      {kThree, R"([[{"text": "a", "rowspan": 3}, "b", "c"], ["d", "e"]])", "[]", "body[1].rows[0][0].rowspan",
       "the rowspan reaches 1 row(s) past the last row of body[1].rows", 3, 39},
      {kThree, R"([[{"text": "a", "rowspan": 2}, "b", "c"], ["d", "e", "f"]])", "[]", "body[1].rows[1][2]",
       "the row has 3 columns; this cell would reach past the last", 3, 65},
      {kThree, R"([["a", "b", "c"]])", R"([["x", {"text": "y", "rowspan": 2}, "z"]])", "body[1].header[0][1].rowspan",
       "the rowspan reaches 1 row(s) past the last row of body[1].header", 2, 167},
      {kThree, R"([["a", {"text": "b", "colspan": 0}, "c"]])", "[]", "body[1].rows[0][1].colspan",
       "expected an integer from 1 to 3, got 0", 3, 44},
      {kThree, R"([["a", {"txt": "b"}, "c"]])", "[]", "body[1].rows[0][1].txt", "unknown field \"txt\" (did you mean \"text\"?)", 3, 20},
  };
  for (const auto& c : cases) {
    Error e = error_of(with_table(c.columns, c.rows, c.header));
    EXPECT_EQ(e.field_path(), c.path) << c.rows;
    EXPECT_EQ(e.message(), c.message) << c.rows;
    EXPECT_EQ(e.line(), c.line) << c.rows;
    EXPECT_EQ(e.column(), c.column) << c.rows;
  }
}

TEST(ModelTable, LimitsOnRowsAndCells) {
  Limits few;
  few.max_rows = 2;
  Error e = error_of(with_table(kThree, R"([["a", "b", "c"], ["a", "b", "c"], ["a", "b", "c"]])"), few);
  EXPECT_EQ(e.field_path(), "body[1].rows");
  EXPECT_NE(e.message().find("max_rows"), std::string::npos);
  Limits cells;
  cells.max_cells = 5;
  e = error_of(with_table(kThree, R"([["a", "b", "c"], ["a", "b", "c"]])"), cells);
  EXPECT_EQ(e.field_path(), "body[1].rows[1]");
  EXPECT_NE(e.message().find("max_cells"), std::string::npos);
}

TEST(ModelTable, XmlTableReadsLikeJson) {
  auto x = load_document(R"(<document><issuing_agency>A</issuing_agency><place>B</place><date year="2021"/><subject>S</subject>
<body><table><columns><item width="1.5cm"/><item width="*"/><item width="36pt"/></columns>
<rows><row><cell rowspan="2">a</cell><cell colspan="2">b<b>c</b></cell></row><row><cell>d</cell><cell>e
f</cell></row></rows></table></body>
<signature><authority>G</authority><signer_name>C</signer_name></signature></document>)", "t.xml");
  const auto& t = x.body.at(0).table;
  ASSERT_EQ(t.rows.size(), 2u);
  EXPECT_EQ(t.rows[0][0].rowspan, 2);
  EXPECT_EQ(t.rows[0][1].colspan, 2);
  ASSERT_EQ(t.rows[0][1].text.size(), 2u);
  EXPECT_TRUE(t.rows[0][1].text[1].bold);
  EXPECT_EQ(model::plain_text(t.rows[1][1].text), "e\nf");
  EXPECT_EQ(t.columns[2].width.value, 36);
  // A row that leaves a column uncovered, in XML: the path is the same as in JSON.
  try {
    load_document(R"(<document><issuing_agency>A</issuing_agency><place>B</place><date year="2021"/><subject>S</subject>
<body><table><columns><item/><item/></columns><rows><row><cell>a</cell></row></rows></table></body>
<signature><authority>G</authority><signer_name>C</signer_name></signature></document>)", "t.xml");
    ADD_FAILURE() << "no error";
  } catch (const Error& e) {
    EXPECT_EQ(e.field_path(), "body[0].rows[0]");  // <item/> is a column of the default width
    EXPECT_EQ(e.line(), 2);
    EXPECT_NE(e.message().find("covers 1 of the 2 columns"), std::string::npos) << e.message();
  }
}

}  // namespace
