// Tables in the body and in forms: realized once (cells on the column grid, widths from
// realize::column_widths), laid out with the header on every page and rows kept whole,
// written to DOCX with the same grid. The PDF is read back with pdfminer
// (tests/e2e/pdf_probe.py), the DOCX through LibreOffice.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <set>

#include "cli_harness.h"
#include "core/error.h"
#include "docx/docx_writer.h"
#include "docx/writer.h"
#include "layout/flow.h"
#include "layout/layout.h"
#include "model/reader.h"
#include "layout/table_layout.h"
#include "pdf/pdf_writer.h"
#include "realize/realized.h"
#include "style/profile.h"
#include "test_fonts.h"
#include "text/shaper.h"

namespace {

namespace fs = std::filesystem;
using json = nlohmann::json;
using namespace vanban;
using test::Dir;
using test::q;
using test::Result;
using test::run;

constexpr double kMm = 72.0 / 25.4;
const std::string kSource = VANBAN_SOURCE_DIR;
const std::string kCli = VANBAN_CLI;

const text::FontFamily& fonts() { return test::liberation_fonts(); }

const style::Template& tpl() {
  static const style::Template t = style::load_template("ke-hoach", {kSource + "/templates"});
  return t;
}
double text_width() { return tpl().page.width - tpl().page.margin_left - tpl().page.margin_right; }

model::TableCell cell(const std::string& text, int colspan = 1, int rowspan = 1, const std::string& align = "") {
  model::TableCell c;
  c.text = {model::Span{text, false, false}};
  c.colspan = colspan;
  c.rowspan = rowspan;
  c.align = align;
  return c;
}

model::ColumnWidth width_of(model::ColumnWidth::Kind kind, double value) {
  model::ColumnWidth w;
  w.kind = kind;
  w.value = value;
  return w;
}

// Three columns (20 mm, fit, 3*): STT over both header rows, "Cán bộ" over the other
// two; `rows` rows, each a code and a name that wraps on two lines ("…Zn" ends it); a
// cell of the third column spanning rows `span_at`..`span_at + 1` when span_at ≥ 0 (taller
// than the two rows would be without it).
model::Block staff_table(int rows, int span_at = -1) {
  using Kind = model::ColumnWidth::Kind;
  model::Block b;
  b.kind = model::BlockKind::Table;
  b.field_path = "body[2]";
  auto& t = b.table;
  t.columns = {{width_of(Kind::Fixed, 20 * kMm), "center"}, {width_of(Kind::Fit, 0), ""}, {width_of(Kind::Proportional, 3), ""}};
  t.header = {{cell("STT", 1, 2), cell("Cán bộ", 2)}, {cell("Mã số"), cell("Họ và tên, đơn vị công tác")}};
  for (int r = 0; r < rows; ++r) {
    std::vector<model::TableCell> row{cell(std::to_string(r + 1)), cell("MS-" + std::to_string(100 + r))};
    if (r == span_at) {  // taller than two plain rows: six lines or so
      std::string merged;
      for (int i = 0; i < 10; ++i) merged += "Tổ công tác liên trường gộp hai hàng ";
      row.push_back(cell(merged + "Z" + std::to_string(r), 1, 2));
    }
    else if (r != span_at + 1 || span_at < 0)
      row.push_back(cell("Nguyễn Văn Hàng, giáo viên Trường Trung học phổ thông chuyên Hoàng Văn Thụ Z" + std::to_string(r)));
    t.rows.push_back(row);
  }
  for (size_t r = 0; r < t.rows.size(); ++r)
    for (size_t c = 0; c < t.rows[r].size(); ++c)
      t.rows[r][c].field_path = "body[2].rows[" + std::to_string(r) + "][" + std::to_string(c) + "]";
  return b;
}

realize::Table realized(const model::Block& b) { return realize::realize_table(b, tpl(), fonts(), text_width(), "body.2"); }

// The laid-out pages of a table alone (the flow the document layout uses).
struct Flow : layout::FlowBuilder {
  using FlowBuilder::FlowBuilder;
  void add(const realize::Table& t) { table(t); }
};
std::vector<layout::Page> pages_of(const realize::Table& t) {
  Flow flow(tpl(), fonts());
  flow.add(t);
  return flow.paginate();
}

// The text of each run of a page.
std::vector<std::string> run_texts(const layout::Page& page) {
  std::vector<std::string> out;
  for (const auto& r : page.runs) {
    std::string s;
    for (const auto& g : r.glyphs) s += g.text;
    out.push_back(s);
  }
  return out;
}
int page_with(const std::vector<layout::Page>& pages, const std::string& text) {
  for (size_t p = 0; p < pages.size(); ++p)
    for (const auto& s : run_texts(pages[p]))
      if (s.find(text) != std::string::npos) return static_cast<int>(p);
  return -1;
}

json probe(const std::string& pdf) {
  Result r = run("/usr/bin/python3 " + q(kSource + "/tests/e2e/pdf_probe.py") + " " + q(pdf));
  EXPECT_EQ(r.status, 0) << r.output;
  return json::parse(r.output);
}

// The x of the grid's vertical rules on a page (rules at least 5 pt long), 0.1 pt apart at least.
std::vector<double> column_edges(const json& page) {
  std::vector<double> xs;
  for (const auto& r : page["rules"]) {
    double x0 = r["x0"], x1 = r["x1"], y0 = r["y0"], y1 = r["y1"];
    if (std::abs(x0 - x1) < 0.5 && std::abs(y1 - y0) > 5) xs.push_back((x0 + x1) / 2);
  }
  std::sort(xs.begin(), xs.end());
  std::vector<double> out;
  for (double x : xs)
    if (out.empty() || x - out.back() > 0.6) out.push_back(x);
  return out;
}

std::string page_text(const std::string& pdf, int page) {
  Result r = run("pdftotext -f " + std::to_string(page) + " -l " + std::to_string(page) + " -raw -enc UTF-8 " + q(pdf) + " -");
  return r.output;
}

// With VANBAN_KEEP=<dir>, a copy of `file` is left there to look at.
void keep(const std::string& file, const std::string& name) {
  if (const char* dir = std::getenv("VANBAN_KEEP"))
    fs::copy_file(file, fs::path(dir) / name, fs::copy_options::overwrite_existing);
}

void expect_same_edges(const std::vector<double>& a, const std::vector<double>& b, const std::string& what) {
  ASSERT_EQ(a.size(), b.size()) << what << ": " << json(a) << " vs " << json(b);
  for (size_t i = 0; i < a.size(); ++i) EXPECT_NEAR(a[i], b[i], 1.0) << what << " edge " << i;
}

// `vanban render <args> -o <dir>/<out>` with a fixed date; the output's path.
std::string render_cli(const Dir& dir, const std::string& args, const std::string& out) {
  Result r = run(kCli + " render " + args + " -o " + q(dir.file(out)) + " --date 2021-03-05");
  EXPECT_EQ(r.status, 0) << r.output;
  return dir.file(out);
}

// LibreOffice's PDF of `docx` (empty when it made none: the test then fails); `check`:
// the package first passes tests/e2e/docx_check.py (schema order, parts).
std::string libreoffice(const Dir& dir, const std::string& docx_file, bool check = false) {
  if (check) {
    Result r = run("/usr/bin/python3 " + q(kSource + "/tests/e2e/docx_check.py") + " " + q(docx_file));
    EXPECT_EQ(r.status, 0) << r.output.substr(0, 2000);
  }
  std::string log, lo = test::libreoffice_pdf(docx_file, dir.path / "lo", &log);
  EXPECT_FALSE(lo.empty()) << log;
  return lo;
}

// The pages of our PDF and of LibreOffice's that hold the staff table's rows ("MS-1…"):
// two or more in each, each with the header, the same four column edges on all of them.
void expect_table_pages_alike(const std::string& pdf, const std::string& lo) {
  std::vector<double> edges;
  for (const std::string& file : {pdf, lo}) {
    json probed = probe(file);
    int with_rows = 0;
    for (size_t p = 0; p < probed["pages"].size(); ++p) {
      std::string text = page_text(file, static_cast<int>(p) + 1);
      if (text.find("MS-1") == std::string::npos) continue;
      ++with_rows;
      for (const char* h : {"STT", "Cán bộ", "Mã số"})
        EXPECT_NE(text.find(h), std::string::npos) << h << " not on page " << p + 1 << " of " << file;
      std::vector<double> e = column_edges(probed["pages"][p]);  // the plan's header block has no vertical rules
      if (edges.empty()) edges = e;
      expect_same_edges(edges, e, file + " page " + std::to_string(p + 1));
    }
    EXPECT_GE(with_rows, 2) << file;
  }
  EXPECT_EQ(edges.size(), 4u);
}

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
