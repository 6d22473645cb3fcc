// Shared by the tables tests (engine_tables_test.cpp, engine_tables_output_test.cpp): the
// template and fonts, a staff table built in C++ (model::Block), its pages, what pdfminer
// and pdftotext read back, the command and LibreOffice.
#pragma once
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
#include "layout/table_layout.h"
#include "model/reader.h"
#include "pdf/pdf_writer.h"
#include "realize/realized.h"
#include "style/profile.h"
#include "test_fonts.h"
#include "text/shaper.h"

namespace vanban::tables_test {

namespace fs = std::filesystem;
using json = nlohmann::json;
using test::Dir;
using test::q;
using test::Result;
using test::run;

inline constexpr double kMm = 72.0 / 25.4;
inline const std::string kSource = VANBAN_SOURCE_DIR;
inline const std::string kCli = VANBAN_CLI;

inline const text::FontFamily& fonts() { return test::liberation_fonts(); }

inline const style::Template& tpl() {
  static const style::Template t = style::load_template("ke-hoach", {kSource + "/templates"});
  return t;
}
inline double text_width() { return tpl().page.width - tpl().page.margin_left - tpl().page.margin_right; }

inline model::TableCell cell(const std::string& text, int colspan = 1, int rowspan = 1, const std::string& align = "") {
  model::TableCell c;
  c.text = {model::Span{text, false, false}};
  c.colspan = colspan;
  c.rowspan = rowspan;
  c.align = align;
  return c;
}

inline model::ColumnWidth width_of(model::ColumnWidth::Kind kind, double value) {
  model::ColumnWidth w;
  w.kind = kind;
  w.value = value;
  return w;
}

// Three columns (20 mm, fit, 3*): STT over both header rows, "Cán bộ" over the other
// two; `rows` rows, each a code and a name that wraps on two lines ("…Zn" ends it); a
// cell of the third column spanning rows `span_at`..`span_at + 1` when span_at ≥ 0 (taller
// than the two rows would be without it).
inline model::Block staff_table(int rows, int span_at = -1) {
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

inline realize::Table realized(const model::Block& b) { return realize::realize_table(b, tpl(), fonts(), text_width(), "body.2"); }

// The laid-out pages of a table alone (the flow the document layout uses).
struct Flow : layout::FlowBuilder {
  using FlowBuilder::FlowBuilder;
  void add(const realize::Table& t) { table(t); }
};
inline std::vector<layout::Page> pages_of(const realize::Table& t) {
  Flow flow(tpl(), fonts());
  flow.add(t);
  return flow.paginate();
}

// The text of each run of a page.
inline std::vector<std::string> run_texts(const layout::Page& page) {
  std::vector<std::string> out;
  for (const auto& r : page.runs) {
    std::string s;
    for (const auto& g : r.glyphs) s += g.text;
    out.push_back(s);
  }
  return out;
}
inline int page_with(const std::vector<layout::Page>& pages, const std::string& text) {
  for (size_t p = 0; p < pages.size(); ++p)
    for (const auto& s : run_texts(pages[p]))
      if (s.find(text) != std::string::npos) return static_cast<int>(p);
  return -1;
}

inline json probe(const std::string& pdf) {
  Result r = run("/usr/bin/python3 " + q(kSource + "/tests/e2e/pdf_probe.py") + " " + q(pdf));
  EXPECT_EQ(r.status, 0) << r.output;
  return json::parse(r.output);
}

// The x of the grid's vertical rules on a page (rules at least 5 pt long), 0.1 pt apart at least.
inline std::vector<double> column_edges(const json& page) {
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

inline std::string page_text(const std::string& pdf, int page) {
  Result r = run("pdftotext -f " + std::to_string(page) + " -l " + std::to_string(page) + " -raw -enc UTF-8 " + q(pdf) + " -");
  return r.output;
}

// With VANBAN_KEEP=<dir>, a copy of `file` is left there to look at.
inline void keep(const std::string& file, const std::string& name) {
  if (const char* dir = std::getenv("VANBAN_KEEP"))
    fs::copy_file(file, fs::path(dir) / name, fs::copy_options::overwrite_existing);
}

inline void expect_same_edges(const std::vector<double>& a, const std::vector<double>& b, const std::string& what) {
  ASSERT_EQ(a.size(), b.size()) << what << ": " << json(a) << " vs " << json(b);
  for (size_t i = 0; i < a.size(); ++i) EXPECT_NEAR(a[i], b[i], 1.0) << what << " edge " << i;
}

// `vanban render <args> -o <dir>/<out>` with a fixed date; the output's path.
inline std::string render_cli(const Dir& dir, const std::string& args, const std::string& out) {
  Result r = run(kCli + " render " + args + " -o " + q(dir.file(out)) + " --date 2021-03-05");
  EXPECT_EQ(r.status, 0) << r.output;
  return dir.file(out);
}

// LibreOffice's PDF of `docx` (empty when it made none: the test then fails); `check`:
// the package first passes tests/e2e/docx_check.py (schema order, parts).
inline std::string libreoffice(const Dir& dir, const std::string& docx_file, bool check = false) {
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
inline void expect_table_pages_alike(const std::string& pdf, const std::string& lo) {
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


}  // namespace vanban::tables_test
