// Value tree -> the blocks of a body: headings and list items (ND30-NUM-1..4), free
// paragraphs, fill lines and tables (ND30-PAGE-2), with field paths in every error.
#include <algorithm>
#include <cmath>
#include <cstdlib>

#include "core/error.h"
#include "core/unicode.h"
#include "model/builder.h"

namespace vanban::model {

std::vector<Block> Builder::blocks(const Value& v, const std::string& path, size_t depth) const {
  expect(v, Type::Array, path);
  if (depth >= limits_.max_nesting) {
    fail(v, path, "blocks nested more than " + std::to_string(limits_.max_nesting) + " deep (limit max_nesting)");
  }
  std::vector<Block> out;
  for (size_t i = 0; i < v.items.size(); ++i) out.push_back(block(v.items[i], index(path, i), depth));
  return out;
}

Block Builder::block(const Value& v, const std::string& path, size_t depth) const {
  expect(v, Type::Object, path);
  std::string type = string(require(v, "type", path), join(path, "type"));
  Block b;
  b.field_path = path;
  auto text_required = [&] {
    b.text = rich(require(v, "text", path), join(path, "text"));
    if (b.text.empty()) fail(*v.find("text"), join(path, "text"), "must not be empty");
  };
  auto title_required = [&] {
    b.title = rich(require(v, "title", path), join(path, "title"));
    if (b.title.empty()) fail(*v.find("title"), join(path, "title"), "a " + type + " needs a title");
  };
  auto children = [&] {
    if (auto c = v.find("content")) b.children = blocks(*c, join(path, "content"), depth + 1);
  };
  // "label": the bare number or letter, numbered by the template's scheme; "marker": a
  // literal label printed exactly as written ("1.2.3.", "Điều 5a."), a source's own marker.
  auto label = [&] {
    const Value* l = v.find("label");
    const Value* m = v.find("marker");
    if (l && m) fail(*m, join(path, "marker"), "give \"label\" or \"marker\", not both");
    if (l) {
      b.label = string(*l, join(path, "label"));
      if (b.label.empty() || b.label.find_first_of(".) \n\t") != std::string::npos) {
        fail(*l, join(path, "label"), "a label is the bare number or letter, like \"V\", \"3\" or \"đ\"");
      }
    } else if (m) {
      b.label = string(*m, join(path, "marker"));
      if (b.label.find_first_not_of(" \t") == std::string::npos || b.label.find('\n') != std::string::npos) {
        fail(*m, join(path, "marker"), "a marker is the label printed as written, like \"1.2.3.\" or \"*\"");
      }
      b.literal_label = true;
    }
  };
  if (type == "section" || type == "clause" || type == "point") {
    allow(v, path, {"type", "label", "marker", "title", "text", "content"});
    b.kind = type == "section" ? BlockKind::Section : type == "clause" ? BlockKind::Clause : BlockKind::Point;
    label();
    if (auto t = v.find("title")) b.title = rich(*t, join(path, "title"));
    if (auto t = v.find("text")) b.text = rich(*t, join(path, "text"));
    if (b.kind == BlockKind::Section && b.title.empty()) fail(v, join(path, "title"), "a section needs a title");
    if (b.title.empty() && b.text.empty()) fail(v, join(path, "title"), "a " + type + " needs a title or a text");
    children();
  } else if (type == "part" || type == "chapter") {
    // ND30-NUM-1/2: "Phần I" / "Chương I" on its own line, then the title in capitals.
    allow(v, path, {"type", "label", "marker", "title", "content"});
    b.kind = type == "part" ? BlockKind::Part : BlockKind::Chapter;
    label();
    title_required();
    children();
  } else if (type == "article") {
    // ND30-NUM-4: "Điều 1." and its title in bold, then its text and clauses. A
    // Quyết định cá biệt's articles often have no title: "Điều 1. Tặng Giấy khen …".
    allow(v, path, {"type", "label", "marker", "title", "text", "content"});
    b.kind = BlockKind::Article;
    label();
    if (auto t = v.find("title")) b.title = rich(*t, join(path, "title"));
    if (auto t = v.find("text")) b.text = rich(*t, join(path, "text"));
    if (b.title.empty() && b.text.empty()) fail(v, join(path, "title"), "an article needs a title or a text");
    children();
  } else if (type == "dash" || type == "plus" || type == "star" || type == "contact") {
    allow(v, path, {"type", "marker", "text", "content"});
    b.kind = type == "dash" ? BlockKind::Dash : type == "plus" ? BlockKind::Plus
             : type == "star" ? BlockKind::Star : BlockKind::Contact;
    label();
    text_required();
    children();
  } else if (type == "paragraph") {
    allow(v, path, {"type", "marker", "text", "style"});
    b.kind = BlockKind::Paragraph;
    label();
    text_required();
    if (auto s = v.find("style")) b.style = string(*s, join(path, "style"));
  } else if (type == "fill_lines") {
    allow(v, path, {"type", "lines"});
    b.kind = BlockKind::FillLines;
    b.line_count = integer_or_blank(&require(v, "lines", path), join(path, "lines"), 1, 50);
    if (b.line_count == 0) fail(*v.find("lines"), join(path, "lines"), "expected an integer from 1 to 50");
  } else if (type == "table") {
    allow(v, path, {"type", "columns", "header", "rows", "repeat_header"});
    b.kind = BlockKind::Table;
    b.table = table(v, path);
  } else {
    fail(*v.find("type"), join(path, "type"),
         "unknown block type \"" + unicode::excerpt(type) +
             "\" (part, chapter, section, article, clause, point, dash, plus, star, paragraph, contact, fill_lines, table)");
  }
  return b;
}

// A table in the body (ND30-PAGE-2): columns, header rows repeated on every page, rows.
Table Builder::table(const Value& v, const std::string& path) const {
  Table t;
  const Value& columns = require(v, "columns", path);
  expect(columns, Type::Array, join(path, "columns"));
  if (columns.items.empty()) fail(columns, join(path, "columns"), "a table needs at least one column");
  if (columns.items.size() > limits_.max_columns) {
    fail(columns, join(path, "columns"),
         "more than " + std::to_string(limits_.max_columns) + " columns (limit max_columns)");
  }
  for (size_t i = 0; i < columns.items.size(); ++i) t.columns.push_back(column(columns.items[i], index(join(path, "columns"), i)));
  size_t cells = 0;
  if (auto h = v.find("header")) t.header = table_rows(*h, join(path, "header"), t.columns.size(), cells);
  t.rows = table_rows(require(v, "rows", path), join(path, "rows"), t.columns.size(), cells);
  if (t.header.size() + t.rows.size() > limits_.max_rows) {
    fail(v, join(path, "rows"), "more than " + std::to_string(limits_.max_rows) + " rows (limit max_rows)");
  }
  if (auto r = v.find("repeat_header")) t.repeat_header = boolean(*r, join(path, "repeat_header"));
  return t;
}

TableColumn Builder::column(const Value& v, const std::string& path) const {
  if (v.type == Type::String && v.from_text && v.string.empty()) return {};  // XML <item/>: a default column
  expect(v, Type::Object, path);
  allow(v, path, {"width", "align"});
  TableColumn c;
  if (auto a = v.find("align")) c.align = one_of(*a, join(path, "align"), {"left", "center", "right", "justify"});
  if (auto w = v.find("width")) {
    std::string p = join(path, "width");
    std::string s = string(*w, p);
    auto bad = [&] {
      fail(*w, p, "expected a width: a length (\"12mm\", \"1.5cm\", \"36pt\"), a share (\"3*\", \"*\") or \"fit\", got " +
                      describe(*w));
    };
    // The number before a unit: digits with at most one decimal point.
    auto amount = [&](const std::string& digits) {
      if (digits.empty() || digits.find_first_not_of("0123456789.") != std::string::npos ||
          digits.find('.') != digits.rfind('.') || digits == ".") {
        bad();
      }
      double x = std::strtod(digits.c_str(), nullptr);
      if (!(x > 0) || x > 10000) bad();
      return x;
    };
    auto ends = [&](const char* unit) {
      size_t n = std::char_traits<char>::length(unit);
      return s.size() > n - (unit[0] == '*') && s.compare(s.size() - n, n, unit) == 0;
    };
    if (s == "fit") {
      c.width = {ColumnWidth::Kind::Fit, 0};
    } else if (s == "*") {
      c.width = {ColumnWidth::Kind::Proportional, 1};
    } else if (ends("*")) {
      c.width = {ColumnWidth::Kind::Proportional, amount(s.substr(0, s.size() - 1))};
    } else if (ends("mm")) {
      c.width = {ColumnWidth::Kind::Fixed, amount(s.substr(0, s.size() - 2)) * 72 / 25.4};
    } else if (ends("cm")) {
      c.width = {ColumnWidth::Kind::Fixed, amount(s.substr(0, s.size() - 2)) * 720 / 25.4};
    } else if (ends("pt")) {
      c.width = {ColumnWidth::Kind::Fixed, amount(s.substr(0, s.size() - 2))};
    } else {
      bad();
    }
  }
  return c;
}

TableCell Builder::cell(const Value& v, const std::string& path, size_t columns) const {
  TableCell c;
  c.field_path = path;
  if (v.type != Type::Object) {
    c.text = rich(v, path);
    return c;
  }
  allow(v, path, {"text", "colspan", "rowspan", "align"});
  if (auto t = v.find("text")) c.text = rich(*t, join(path, "text"));
  if (auto s = v.find("colspan")) c.colspan = integer_or_blank(s, join(path, "colspan"), 1, static_cast<int>(columns));
  if (auto s = v.find("rowspan")) c.rowspan = integer_or_blank(s, join(path, "rowspan"), 1, static_cast<int>(limits_.max_rows));
  if (c.colspan == 0) c.colspan = 1;
  if (c.rowspan == 0) c.rowspan = 1;
  if (auto a = v.find("align")) c.align = one_of(*a, join(path, "align"), {"left", "center", "right", "justify"});
  return c;
}

// Rows of cells. Every row covers each column exactly once: its own cells with their
// colspans, plus the cells of rows above whose rowspan reaches down into it (a row
// omits the cells such a rowspan covers). A rowspan may not run past the last row.
std::vector<std::vector<TableCell>> Builder::table_rows(const Value& v, const std::string& path, size_t columns,
                                                        size_t& cells) const {
  expect(v, Type::Array, path);
  if (v.items.size() > limits_.max_rows) {
    fail(v, path, "more than " + std::to_string(limits_.max_rows) + " rows (limit max_rows)");
  }
  std::vector<std::vector<TableCell>> rows;
  std::vector<int> pending(columns, 0);               // rows still covered by a rowspan from above
  std::vector<const Value*> pending_from(columns, nullptr);
  std::vector<std::string> pending_path(columns);
  for (size_t r = 0; r < v.items.size(); ++r) {
    const Value& row = v.items[r];
    std::string rp = index(path, r);
    expect(row, Type::Array, rp);
    cells += row.items.size();
    if (cells > limits_.max_cells) {
      fail(row, rp, "more than " + std::to_string(limits_.max_cells) + " cells (limit max_cells)");
    }
    std::vector<TableCell> out;
    std::vector<bool> covered(columns, false);
    for (size_t c = 0; c < columns; ++c) covered[c] = pending[c] > 0;
    size_t col = 0;
    for (size_t i = 0; i < row.items.size(); ++i) {
      const Value& item = row.items[i];
      std::string cp = index(rp, i);
      TableCell cell_value = cell(item, cp, columns);
      while (col < columns && covered[col]) ++col;
      const Value* span = item.type == Type::Object ? item.find("colspan") : nullptr;
      if (col + cell_value.colspan > columns) {
        fail(span ? *span : item, span ? join(cp, "colspan") : cp,
             "the row has " + std::to_string(columns) + " columns; this cell" +
                 (cell_value.colspan > 1 ? " and its colspan " + std::to_string(cell_value.colspan) : std::string()) +
                 " would reach past the last" + (col < columns ? " (column " + std::to_string(col + 1) + " is where it starts)" : ""));
      }
      for (int k = 0; k < cell_value.colspan; ++k) {
        if (covered[col + k]) {
          fail(span ? *span : item, span ? join(cp, "colspan") : cp,
               "the cell overlaps column " + std::to_string(col + k + 1) + ", covered by the rowspan of " +
                   pending_path[col + k]);
        }
        covered[col + k] = true;
        if (cell_value.rowspan > 1) {
          pending[col + k] = cell_value.rowspan;  // decremented below, this row included
          pending_from[col + k] = item.find("rowspan");
          pending_path[col + k] = cp;
        }
      }
      col += cell_value.colspan;
      out.push_back(std::move(cell_value));
    }
    for (size_t c = 0; c < columns; ++c) {
      if (!covered[c]) {
        fail(row, rp,
             "the row covers " + std::to_string(std::count(covered.begin(), covered.end(), true)) + " of the " +
                 std::to_string(columns) + " columns (counting colspans and rowspans from the rows above)");
      }
    }
    for (size_t c = 0; c < columns; ++c)
      if (pending[c] > 0) --pending[c];
    rows.push_back(std::move(out));
  }
  for (size_t c = 0; c < columns; ++c) {
    if (pending[c] > 0) {
      fail(*pending_from[c], join(pending_path[c], "rowspan"),
           "the rowspan reaches " + std::to_string(pending[c]) + " row(s) past the last row of " + path);
    }
  }
  return rows;
}

}  // namespace vanban::model
