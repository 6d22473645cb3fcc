// Tables in the body and in forms, realized and laid out in-process: cells on the column
// grid, widths from realize::column_widths, errors naming the field, the header on every
// page, rows kept whole, merged rows together (PDF and DOCX: engine_tables_output_test.cpp).
#include "tables_test_support.h"

namespace {

using namespace vanban;
using namespace vanban::tables_test;

// --- realize ----------------------------------------------------------------------------

TEST(TablesRealize, CellsTakeTheirGridColumnsStylesAndAlignment) {
  realize::Table t = realized(staff_table(6, 2));
  EXPECT_EQ(t.header_rows, 2);
  EXPECT_TRUE(t.repeat_header);
  ASSERT_EQ(t.rows.size(), 8u);
  // Header: STT spans both rows; the second row's cells start under "Cán bộ".
  ASSERT_EQ(t.rows[0].size(), 2u);
  EXPECT_EQ(t.rows[0][0].rowspan, 2);
  EXPECT_EQ(t.rows[0][1].column, 1);
  EXPECT_EQ(t.rows[0][1].colspan, 2);
  ASSERT_EQ(t.rows[1].size(), 2u);
  EXPECT_EQ(t.rows[1][0].column, 1);
  EXPECT_EQ(t.rows[1][1].column, 2);
  for (int r = 0; r < 2; ++r)
    for (const auto& c : t.rows[r]) {
      EXPECT_EQ(c.style, "table-header");
      EXPECT_EQ(c.align, style::Align::Center);  // the header style's
    }
  // Body: the column's alignment (STT centred), the merged cell absent from the row under it.
  EXPECT_EQ(t.rows[2][0].style, "table-cell");
  EXPECT_EQ(t.rows[2][0].align, style::Align::Center);
  EXPECT_EQ(t.rows[2][1].align, style::Align::Left);
  EXPECT_EQ(t.rows[4][2].rowspan, 2);
  ASSERT_EQ(t.rows[5].size(), 2u);
  EXPECT_EQ(t.rows[5][1].column, 1);
  EXPECT_EQ(t.rows[4][2].source, "body[2].rows[2][2]");
  // A cell's own alignment wins; a short row is completed with an empty cell.
  model::Block b = staff_table(2);
  b.table.rows[0][1].align = "right";
  b.table.rows[1].pop_back();
  t = realized(b);
  EXPECT_EQ(t.rows[2][1].align, style::Align::Right);
  ASSERT_EQ(t.rows[3].size(), 3u);
  EXPECT_EQ(t.rows[3][2].column, 2);
  EXPECT_TRUE(model::plain_text(t.rows[3][2].text).empty());
}

TEST(TablesRealize, WidthsAreFixedFittedAndProportional) {
  realize::Table t = realized(staff_table(6));
  ASSERT_EQ(t.widths.size(), 3u);
  EXPECT_NEAR(t.widths[0], 20 * kMm, 1e-9);
  // Fitted: the widest of its own cells ("Mã số" in bold 13 pt against "MS-105") plus the padding.
  const auto& hs = tpl().style("table-header");
  const auto& cs = tpl().style("table-cell");
  double widest = std::max(text::measure(fonts().face(true, false), hs.size, "Mã số"),
                           text::measure(fonts().face(cs.bold, cs.italic), cs.size, "MS-105"));
  EXPECT_NEAR(t.widths[1], widest + 2 * t.padding + t.border, 1e-6);  // half the rule each side
  EXPECT_NEAR(t.widths[0] + t.widths[1] + t.widths[2], text_width(), 1e-6);
  EXPECT_DOUBLE_EQ(t.padding, tpl().table.cell_padding);
  EXPECT_DOUBLE_EQ(t.border, tpl().table.border);
}

TEST(TablesRealize, AWideFittedColumnShrinksAndLeavesRoomToTheProportionalOnes) {
  using Kind = model::ColumnWidth::Kind;
  const auto& hs = tpl().style("table-header");
  const auto& cs = tpl().style("table-cell");
  const std::vector<model::ColumnWidth> kinds{width_of(Kind::Fixed, 30), width_of(Kind::Fit, 0),
                                              width_of(Kind::Proportional, 1)};
  std::string wide;
  for (int i = 0; i < 60; ++i) wide += "xxxxx ";
  std::vector<realize::ColumnContent> content(3);
  content[1].cells = {wide};
  auto w = realize::column_widths(kinds, content, hs, cs, 400, 3, fonts());
  ASSERT_EQ(w.size(), 3u);
  EXPECT_NEAR(w[0], 30, 1e-9);
  EXPECT_NEAR(w[2], 2 * 3 + cs.size, 1e-6);  // an empty proportional column: its padding and one letter
  EXPECT_NEAR(w[0] + w[1] + w[2], 400, 1e-6);
  // A proportional column keeps its widest word.
  content[2].cells = {"ngắn Nhânrộngđiểnhình"};
  w = realize::column_widths(kinds, content, hs, cs, 400, 3, fonts());
  EXPECT_NEAR(w[2], text::measure(fonts().face(false, false), cs.size, "Nhânrộngđiểnhình") + 6, 1e-6);
  EXPECT_NEAR(w[0] + w[1] + w[2], 400, 1e-6);
  // An empty fitted column still has room for a letter.
  w = realize::column_widths({width_of(Kind::Fit, 0), width_of(Kind::Proportional, 1)}, {{}, {}}, hs, cs, 400, 3,
                             fonts());
  EXPECT_NEAR(w[0], cs.size + 6, 1e-6);
}

TEST(TablesRealize, MistakesAreErrorsNamingTheField) {
  auto error_of = [](const model::Block& b) -> Error {
    try {
      realized(b);
    } catch (const Error& e) {
      return e;
    }
    ADD_FAILURE() << "no error";
    return Error(ErrorKind::Model, "");
  };
  model::Block b = staff_table(3);
  b.table.rows[1][1].colspan = 3;
  Error e = error_of(b);
  EXPECT_EQ(e.field_path(), "body[2].rows[1][1]");
  EXPECT_NE(e.message().find("more cells than the table's 3 columns"), std::string::npos) << e.message();

  b = staff_table(3);
  b.table.rows[2][2].rowspan = 2;
  e = error_of(b);
  EXPECT_EQ(e.field_path(), "body[2].rows[2][2]");
  EXPECT_NE(e.message().find("rowspan 2 runs past the last row of the table"), std::string::npos) << e.message();

  // A cell reaching into a column a rowspan from above holds.
  b = staff_table(3, 0);
  b.table.rows[1][1].colspan = 2;
  e = error_of(b);
  EXPECT_EQ(e.field_path(), "body[2].rows[1][1]");
  EXPECT_NE(e.message().find("overlaps a cell merged into its place"), std::string::npos) << e.message();

  b = staff_table(3);
  b.table.rows[0][2].align = "middle";
  e = error_of(b);
  EXPECT_EQ(e.field_path(), "body[2].rows[0][2]");

  // Sixty proportional columns: none has room for its padding and a letter.
  b = staff_table(0);
  b.table.header.clear();
  b.table.columns.assign(60, {width_of(model::ColumnWidth::Kind::Proportional, 1), ""});
  e = error_of(b);
  EXPECT_EQ(e.kind(), ErrorKind::Layout);
  EXPECT_EQ(e.field_path(), "body[2]");
  EXPECT_NE(e.message().find("has 60 columns: too wide for the page"), std::string::npos) << e.message();
}

// --- layout -----------------------------------------------------------------------------

TEST(TablesLayout, HeaderOnEveryPageRowsWholeAndMergedRowsTogether) {
  // Where the page breaks without merged cells: row `k` starts page 2.
  auto plain_pages = pages_of(realized(staff_table(60)));
  ASSERT_GE(plain_pages.size(), 2u);
  int k = -1;
  for (int r = 0; r < 60 && k < 0; ++r)
    if (page_with(plain_pages, "MS-" + std::to_string(100 + r)) == 1) k = r;
  ASSERT_GT(k, 1);
  // The same table with rows k-1 and k merged in the third column: they move together.
  realize::Table t = realized(staff_table(60, k - 1));
  auto pages = pages_of(t);
  ASSERT_GE(pages.size(), 2u);
  EXPECT_EQ(page_with(pages, "MS-" + std::to_string(100 + k - 1)), 1);
  EXPECT_EQ(page_with(pages, "MS-" + std::to_string(100 + k)), 1);
  EXPECT_EQ(page_with(pages, "Z" + std::to_string(k - 1)), 1);
  const auto& pg = tpl().page;
  for (size_t p = 0; p < pages.size(); ++p) {
    // The header's three rows of text on every page, above the first row.
    auto texts = run_texts(pages[p]);
    for (const char* h : {"STT", "Cán bộ", "Mã số"})
      EXPECT_NE(std::find(texts.begin(), texts.end(), h), texts.end()) << h << " missing on page " << p + 1;
    for (const auto& run : pages[p].runs)
      for (const auto& g : run.glyphs) EXPECT_LE(g.y, pg.height - pg.margin_bottom + 0.01);
  }
  // No row split: a row's code and the last line of its name on one page.
  for (int r = 0; r < 60; ++r) {
    if (r == k) continue;  // its name is the merged cell
    EXPECT_EQ(page_with(pages, "MS-" + std::to_string(100 + r)), page_with(pages, "Z" + std::to_string(r))) << r;
  }
  // The grid: vertical rules at the realized column edges, a rule under the header.
  std::set<long> edges;
  for (const auto& r : pages[1].rules)
    if (r.x0 == r.x1) edges.insert(std::lround(r.x0 * 100));
  double x = pg.margin_left;
  std::set<long> expected{std::lround(x * 100)};
  for (double w : t.widths) expected.insert(std::lround((x += w) * 100));
  EXPECT_EQ(edges, expected);
}

// Rows a merged cell holds together, taller than a page: cut between lines of text, the
// header again on each page, nothing below the bottom margin.
TEST(TablesLayout, MergedRowsTallerThanAPageBreakBetweenLines) {
  model::Block b = staff_table(300);
  b.table.rows[0][2].rowspan = 300;
  for (int r = 1; r < 300; ++r) b.table.rows[r].pop_back();
  for (int r = 0; r < 300; ++r) b.table.rows[r][1].text = {model::Span{"MS-" + std::to_string(1000 + r), false, false}};
  auto pages = pages_of(realized(b));
  ASSERT_GE(pages.size(), 10u);
  const auto& pg = tpl().page;
  for (size_t p = 0; p < pages.size(); ++p) {
    auto texts = run_texts(pages[p]);
    EXPECT_NE(std::find(texts.begin(), texts.end(), "Mã số"), texts.end()) << "page " << p + 1;
    for (const auto& run : pages[p].runs)
      for (const auto& g : run.glyphs) EXPECT_LE(g.y, pg.height - pg.margin_bottom + 0.01);
    for (const auto& r : pages[p].rules) EXPECT_LE(std::max(r.y0, r.y1), pg.height - pg.margin_bottom + 0.01);
  }
  for (int r = 0; r < 300; ++r) EXPECT_GE(page_with(pages, "MS-" + std::to_string(1000 + r)), 0) << r;
}

TEST(TablesLayout, AHeaderCellIsCentredAndABodyCellAtTheTop) {
  realize::Table t = realized(staff_table(1));
  auto boxes = layout::table_boxes(t, tpl().page.margin_left, 0, tpl(), fonts());
  ASSERT_EQ(boxes.size(), 2u);  // the header, the row
  EXPECT_TRUE(boxes[0].table_header);
  EXPECT_TRUE(boxes[0].keep_with_next);
  EXPECT_FALSE(boxes[1].keep_with_next);
  EXPECT_DOUBLE_EQ(boxes[1].space_after, t.space_after);
  // "STT" spans both header rows: centred between "Cán bộ" and "Mã số" vertically.
  auto baseline = [](const layout::Box& b, const std::string& text) {
    for (const auto& r : b.runs) {
      std::string s;
      for (const auto& g : r.glyphs) s += g.text;
      if (s == text) return r.glyphs[0].y;
    }
    return -1.0;
  };
  double stt = baseline(boxes[0], "STT"), top = baseline(boxes[0], "Cán bộ"), under = baseline(boxes[0], "Mã số");
  EXPECT_NEAR(stt, (top + under) / 2, 0.5);
  // In the row, "1" and "MS-100" stand on the first line although the name wraps.
  EXPECT_NEAR(baseline(boxes[1], "1"), baseline(boxes[1], "MS-100"), 1e-9);
  EXPECT_GT(boxes[1].height, 2 * 13);
}

TEST(TablesLayout, WithoutARepeatedHeaderTheTopRuleStillClosesEachPage) {
  model::Block b = staff_table(60);
  b.table.repeat_header = false;
  auto pages = pages_of(realized(b));
  ASSERT_GE(pages.size(), 2u);
  EXPECT_EQ(page_with(pages, "Cán bộ"), 0);
  auto texts = run_texts(pages[1]);
  EXPECT_EQ(std::find(texts.begin(), texts.end(), "Cán bộ"), texts.end());
  // Page 2 starts with a rule across the table at the top margin.
  bool top_rule = false;
  for (const auto& r : pages[1].rules)
    top_rule |= r.y0 == r.y1 && std::abs(r.y0 - tpl().page.margin_top) < 1e-6 && r.x1 - r.x0 > text_width() - 1;
  EXPECT_TRUE(top_rule);
}

}  // namespace
