// Value tree -> the blocks of a body: headings and list items (ND30-NUM-1..4), free
// paragraphs, fill lines and tables (ND30-PAGE-2), with field paths in every error.
#include <algorithm>
#include <cmath>
#include <cstdlib>

#include "core/error.h"
#include "core/i18n.h"
#include "core/suggest.h"
#include "core/unicode.h"
#include "model/builder.h"

namespace vanban::model {

std::vector<Block> Builder::blocks(const Value& v, const std::string& path, size_t depth) const {
  expect(v, Type::Array, path);
  if (depth >= limits_.max_nesting) {
    stop(v, path, trf("blocks nested more than {0} deep (limit max_nesting)", limits_.max_nesting));
  }
  std::vector<Block> out;
  for (size_t i = 0; i < v.items.size(); ++i) attempt([&] { out.push_back(block(v.items[i], index(path, i), depth)); });
  return out;
}

// Each part of a block is read on its own (a bad label leaves its title and its children
// read); a check that needs a part is made only when that part was read.
Block Builder::block(const Value& v, const std::string& path, size_t depth) const {
  expect(v, Type::Object, path);
  std::string type = string(require(v, "type", path), join(path, "type"));
  Block b;
  b.field_path = path;
  auto text_required = [&] {
    attempt([&] {
      b.text = rich(require(v, "text", path), join(path, "text"));
      if (b.text.empty()) fail(*v.find("text"), join(path, "text"), tr("must not be empty"));
    });
  };
  auto children = [&] {
    if (auto c = v.find("content")) attempt([&] { b.children = blocks(*c, join(path, "content"), depth + 1); });
  };
  // "label": the bare number or letter, numbered by the template's scheme; "marker": a
  // literal label printed exactly as written ("1.2.3.", "Điều 5a."), a source's own marker.
  auto label = [&] {
    attempt([&] {
      const Value* l = v.find("label");
      const Value* m = v.find("marker");
      if (l && m) fail(*m, join(path, "marker"), tr("give \"label\" or \"marker\", not both"));
      if (l) {
        b.label = string(*l, join(path, "label"));
        if (b.label.empty() || b.label.find_first_of(".) \n\t") != std::string::npos) {
          fail(*l, join(path, "label"), tr("a label is the bare number or letter, like \"V\", \"3\" or \"đ\""));
        }
      } else if (m) {
        b.label = string(*m, join(path, "marker"));
        if (b.label.find_first_not_of(" \t") == std::string::npos || b.label.find('\n') != std::string::npos) {
          fail(*m, join(path, "marker"), tr("a marker is the label printed as written, like \"1.2.3.\" or \"*\""));
        }
        b.literal_label = true;
      }
    });
  };
  // The optional title and text; true when both were read (or absent).
  auto title_and_text = [&] {
    bool title = attempt([&] { if (auto t = v.find("title")) b.title = rich(*t, join(path, "title")); });
    bool text = attempt([&] { if (auto t = v.find("text")) b.text = rich(*t, join(path, "text")); });
    return title && text;
  };
  if (type == "section" || type == "clause" || type == "point") {
    allow(v, path, {"type", "label", "marker", "title", "text", "content"});
    b.kind = type == "section" ? BlockKind::Section : type == "clause" ? BlockKind::Clause : BlockKind::Point;
    label();
    if (title_and_text()) {
      if (b.kind == BlockKind::Section && b.title.empty()) report(v, join(path, "title"), tr("a section needs a title"));
      else if (b.title.empty() && b.text.empty()) report(v, join(path, "title"), trf("a {0} needs a title or a text", type));
    }
    children();
  } else if (type == "part" || type == "chapter") {
    // ND30-NUM-1/2: "Phần I" / "Chương I" on its own line, then the title in capitals.
    allow(v, path, {"type", "label", "marker", "title", "content"});
    b.kind = type == "part" ? BlockKind::Part : BlockKind::Chapter;
    label();
    attempt([&] {
      b.title = rich(require(v, "title", path), join(path, "title"));
      if (b.title.empty()) fail(*v.find("title"), join(path, "title"), trf("a {0} needs a title", type));
    });
    children();
  } else if (type == "article") {
    // ND30-NUM-4: "Điều 1." and its title in bold, then its text and clauses. A
    // Quyết định cá biệt's articles often have no title: "Điều 1. Tặng Giấy khen …".
    allow(v, path, {"type", "label", "marker", "title", "text", "content"});
    b.kind = BlockKind::Article;
    label();
    if (title_and_text() && b.title.empty() && b.text.empty()) {
      report(v, join(path, "title"), tr("an article needs a title or a text"));
    }
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
    attempt([&] { if (auto s = v.find("style")) b.style = string(*s, join(path, "style")); });
  } else if (type == "fill_lines") {
    allow(v, path, {"type", "lines"});
    b.kind = BlockKind::FillLines;
    b.line_count = integer_or_blank(&require(v, "lines", path), join(path, "lines"), 1, 50);
    if (b.line_count == 0) fail(*v.find("lines"), join(path, "lines"), trf("expected an integer from {0} to {1}", 1, 50));
  } else if (type == "table") {
    allow(v, path, {"type", "columns", "header", "rows", "repeat_header"});
    b.kind = BlockKind::Table;
    b.table = table(v, path);
  } else {
    static const std::vector<std::string> kTypes = {"part",  "chapter", "section",   "article",    "clause",
                                                    "point", "dash",    "plus",      "star",       "paragraph",
                                                    "contact", "fill_lines", "table"};
    fail(*v.find("type"), join(path, "type"),
         trf("unknown block type \"{0}\" (part, chapter, section, article, clause, point, dash, plus, star, "
             "paragraph, contact, fill_lines, table)",
             unicode::excerpt(type)),
         did_you_mean(type, kTypes));
  }
  return b;
}

// A table in the body (ND30-PAGE-2): columns, header rows repeated on every page, rows.
Table Builder::table(const Value& v, const std::string& path) const {
  Table t;
  const Value& columns = require(v, "columns", path);
  expect(columns, Type::Array, join(path, "columns"));
  if (columns.items.empty()) fail(columns, join(path, "columns"), tr("a table needs at least one column"));
  if (columns.items.size() > limits_.max_columns) {
    stop(columns, join(path, "columns"), trf("more than {0} columns (limit max_columns)", limits_.max_columns));
  }
  // A bad column is reported; the rows are read against the number of columns given.
  for (size_t i = 0; i < columns.items.size(); ++i)
    attempt([&] { t.columns.push_back(column(columns.items[i], index(join(path, "columns"), i))); });
  const size_t count = columns.items.size();
  size_t cells = 0;
  attempt([&] { if (auto h = v.find("header")) t.header = table_rows(*h, join(path, "header"), count, cells); });
  attempt([&] { t.rows = table_rows(require(v, "rows", path), join(path, "rows"), count, cells); });
  if (t.header.size() + t.rows.size() > limits_.max_rows) {
    stop(v, join(path, "rows"), trf("more than {0} rows (limit max_rows)", limits_.max_rows));
  }
  attempt([&] { if (auto r = v.find("repeat_header")) t.repeat_header = boolean(*r, join(path, "repeat_header")); });
  return t;
}

TableColumn Builder::column(const Value& v, const std::string& path) const {
  if (v.type == Type::String && v.from_text && v.string.empty()) return {};  // XML <item/>: a default column
  expect(v, Type::Object, path);
  allow(v, path, {"width", "align"});
  TableColumn c;
  attempt([&] { if (auto a = v.find("align")) c.align = one_of(*a, join(path, "align"), {"left", "center", "right", "justify"}); });
  if (auto w = v.find("width")) attempt([&] {
    std::string p = join(path, "width");
    std::string s = string(*w, p);
    auto bad = [&] {
      fail(*w, p,
           trf("expected a width: a length (\"12mm\", \"1.5cm\", \"36pt\"), a share (\"3*\", \"*\") or \"fit\", got {0}",
               describe(*w)));
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
  });
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
  const size_t errors = diagnostics_.error_count();
  attempt([&] { if (auto t = v.find("text")) c.text = rich(*t, join(path, "text")); });
  attempt([&] {
    if (auto s = v.find("colspan")) c.colspan = integer_or_blank(s, join(path, "colspan"), 1, static_cast<int>(columns));
  });
  attempt([&] {
    if (auto s = v.find("rowspan")) c.rowspan = integer_or_blank(s, join(path, "rowspan"), 1, static_cast<int>(limits_.max_rows));
  });
  if (c.colspan == 0) c.colspan = 1;
  if (c.rowspan == 0) c.rowspan = 1;
  attempt([&] { if (auto a = v.find("align")) c.align = one_of(*a, join(path, "align"), {"left", "center", "right", "justify"}); });
  skip_if_failed(errors);
  return c;
}

// Rows of cells. Every row covers each column exactly once: its own cells with their
// colspans, plus the cells of rows above whose rowspan reaches down into it (a row
// omits the cells such a rowspan covers). A rowspan may not run past the last row.
std::vector<std::vector<TableCell>> Builder::table_rows(const Value& v, const std::string& path, size_t columns,
                                                        size_t& cells) const {
  expect(v, Type::Array, path);
  if (v.items.size() > limits_.max_rows) stop(v, path, trf("more than {0} rows (limit max_rows)", limits_.max_rows));
  std::vector<std::vector<TableCell>> rows;
  std::vector<int> pending(columns, 0);               // rows still covered by a rowspan from above
  std::vector<const Value*> pending_from(columns, nullptr);
  std::vector<std::string> pending_path(columns);
  // After a bad row or cell the grid below is not known: the cells are still read (their
  // own mistakes reported) but the rows' coverage is no longer checked.
  bool grid_known = true;
  for (size_t r = 0; r < v.items.size(); ++r) {
    const Value& row = v.items[r];
    std::string rp = index(path, r);
    if (!attempt([&] { expect(row, Type::Array, rp); })) {
      grid_known = false;
      continue;
    }
    cells += row.items.size();
    if (cells > limits_.max_cells) stop(row, rp, trf("more than {0} cells (limit max_cells)", limits_.max_cells));
    std::vector<TableCell> out;
    std::vector<bool> covered(columns, false);
    for (size_t c = 0; c < columns; ++c) covered[c] = pending[c] > 0;
    size_t col = 0;
    for (size_t i = 0; i < row.items.size(); ++i) {
      const Value& item = row.items[i];
      std::string cp = index(rp, i);
      TableCell cell_value;
      if (!attempt([&] { cell_value = cell(item, cp, columns); })) grid_known = false;
      if (!grid_known) continue;
      while (col < columns && covered[col]) ++col;
      const Value* span = item.type == Type::Object ? item.find("colspan") : nullptr;
      const Value& at = span ? *span : item;
      const std::string at_path = span ? join(cp, "colspan") : cp;
      if (col + cell_value.colspan > columns) {
        if (cell_value.colspan == 1) {
          report(at, at_path, trf("the row has {0} columns; this cell would reach past the last", columns));
        } else if (col >= columns) {
          report(at, at_path, trf("the row has {0} columns; this cell and its colspan {1} would reach past the last",
                                  columns, cell_value.colspan));
        } else {
          report(at, at_path,
                 trf("the row has {0} columns; this cell and its colspan {1} would reach past the last "
                     "(column {2} is where it starts)",
                     columns, cell_value.colspan, col + 1));
        }
        grid_known = false;
        continue;
      }
      for (int k = 0; k < cell_value.colspan && grid_known; ++k) {
        if (covered[col + k]) {
          report(at, at_path, trf("the cell overlaps column {0}, covered by the rowspan of {1}", col + k + 1,
                                  pending_path[col + k]));
          grid_known = false;
          break;
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
    if (grid_known && std::find(covered.begin(), covered.end(), false) != covered.end()) {
      report(row, rp,
             trf("the row covers {0} of the {1} columns (counting colspans and rowspans from the rows above)",
                 std::count(covered.begin(), covered.end(), true), columns));
      grid_known = false;
    }
    for (size_t c = 0; c < columns; ++c)
      if (pending[c] > 0) --pending[c];
    rows.push_back(std::move(out));
  }
  for (size_t c = 0; c < columns && grid_known; ++c) {
    if (pending[c] > 0 && (c == 0 || pending_from[c] != pending_from[c - 1])) {  // once per cell
      report(*pending_from[c], join(pending_path[c], "rowspan"),
             trf("the rowspan reaches {0} row(s) past the last row of {1}", pending[c], path));
    }
  }
  return rows;
}

}  // namespace vanban::model
