// Tables, decided once for every writer: body tables (a model's "table" block) and the
// tables of forms become one realize::Table each — cells placed on the column grid
// (colspan, rowspan), styled ("table-header" / "table-cell", ND30-BODY-7), aligned, and
// the columns' widths from column_widths(), so the PDF and the DOCX draw the same grid.
#include <algorithm>
#include <cstdio>

#include "core/error.h"
#include "core/i18n.h"
#include "realize/realized.h"

namespace vanban::realize {
namespace {

style::Align parse_align(const std::string& name, style::Align fallback, const std::string& field_path) {
  if (name.empty()) return fallback;
  if (name == "left") return style::Align::Left;
  if (name == "center" || name == "centre") return style::Align::Center;
  if (name == "right") return style::Align::Right;
  if (name == "justify") return style::Align::Justify;
  throw Error(ErrorKind::Model, trf("align \"{0}\": expected left, center, right or justify", name), {}, 0, 0,
              field_path);
}

// Places the cells of `rows` (one section: the header or the body) on a grid of `columns`
// columns: each cell takes the first column not covered by a cell to its left or by a
// rowspan from above. Short rows are completed with empty cells, so the grid is whole.
// Throws naming the cell when it runs past the last column or its rowspan past the last
// row of its section.
struct Placed {
  const model::TableCell* cell = nullptr;   // null: an empty cell completing a row
  int column = 0;
};
std::vector<std::vector<Placed>> place_cells(const std::vector<std::vector<model::TableCell>>& rows, int columns,
                                             const std::string& section_path) {
  const int n = static_cast<int>(rows.size());
  std::vector<int> below(columns, 0);  // rows a rowspan from above still covers, this one included
  std::vector<std::vector<Placed>> out(n);
  for (int r = 0; r < n; ++r) {
    std::vector<bool> taken(columns);
    for (int c = 0; c < columns; ++c) taken[c] = below[c] > 0;
    int c = 0;
    for (size_t i = 0; i < rows[r].size(); ++i) {
      const model::TableCell& cell = rows[r][i];
      const std::string path =
          cell.field_path.empty() ? section_path + "[" + std::to_string(r) + "][" + std::to_string(i) + "]" : cell.field_path;
      if (cell.colspan < 1 || cell.rowspan < 1)
        throw Error(ErrorKind::Model, tr("colspan and rowspan must be at least 1"), {}, 0, 0, path);
      while (c < columns && taken[c]) ++c;
      if (cell.colspan > columns - c) {  // (not c + colspan: a huge span must not overflow)
        throw Error(ErrorKind::Model,
                    trf("the row has more cells than the table's {0} columns (with the cells merged into it from above)",
                        columns),
                    {}, 0, 0, path);
      }
      if (cell.rowspan > n - r) {
        throw Error(ErrorKind::Model,
                    section_path.ends_with("header") ? trf("rowspan {0} runs past the last row of the header", cell.rowspan)
                                                     : trf("rowspan {0} runs past the last row of the table", cell.rowspan),
                    {}, 0, 0, path);
      }
      for (int dc = 0; dc < cell.colspan; ++dc) {
        if (taken[c + dc]) throw Error(ErrorKind::Model, tr("the cell overlaps a cell merged into its place"), {}, 0, 0, path);
        taken[c + dc] = true;
        below[c + dc] = cell.rowspan;
      }
      out[r].push_back(Placed{&cell, c});
      c += cell.colspan;
    }
    for (c = 0; c < columns; ++c) {
      if (!taken[c]) out[r].push_back(Placed{nullptr, c});
      if (below[c] > 0) --below[c];
    }
    std::sort(out[r].begin(), out[r].end(), [](const Placed& a, const Placed& b) { return a.column < b.column; });
  }
  return out;
}

// Every column needs room for its padding and one letter: a table too wide for the page
// is an error, never columns squeezed into a solid block of rules. "" = it fits.
// Why columns of widths `w` do not fit `width` (empty when they do): "has 9 columns: too
// wide for the page (…)"; `table` names the table ("the table", "the table "x" of template
// "y"") in the sentence.
std::string too_wide(const std::vector<double>& w, double width, double padding, double letter,
                     const std::string& table = {}, const std::string& form = {}) {
  const double least = 2 * padding + letter;
  double total = 0;
  for (double x : w) total += x;
  const bool narrow = std::any_of(w.begin(), w.end(), [&](double x) { return !(x >= least - 1e-6); });
  if (w.empty() || (!narrow && total <= width + 0.5)) return {};
  const double mm = 25.4 / 72;
  char between[32], each[32];
  std::snprintf(between, sizeof between, "%.0f", width * mm);
  std::snprintf(each, sizeof each, "%.1f", least * mm);
  if (table.empty()) {
    return trf("the table has {0} columns: too wide for the page ({1} mm between the margins; each column needs at "
               "least {2} mm)",
               w.size(), between, each);
  }
  return trf("the table \"{0}\" of template \"{1}\" has {2} columns: too wide for the page ({3} mm between the "
             "margins; each column needs at least {4} mm)",
             table, form, w.size(), between, each);
}

// The room a cell's text leaves on each side: its padding and half the rule (Word and
// LibreOffice set a cell's text inside its borders; a fitted column sized to the padding
// alone wraps its text there).
double room(const Table& t) { return t.padding + t.border / 2; }

model::ColumnWidth column_width(const style::TableColumn& col) {
  model::ColumnWidth w;
  switch (col.kind) {
    case style::ColumnWidth::Fixed: w.kind = model::ColumnWidth::Kind::Fixed; break;
    case style::ColumnWidth::Fit: w.kind = model::ColumnWidth::Kind::Fit; break;
    case style::ColumnWidth::Proportional: w.kind = model::ColumnWidth::Kind::Proportional; break;
  }
  w.value = col.width;
  return w;
}

Table::Cell text_cell(std::string id, const std::string& text, const std::string& style, style::Align align,
                      int column, int colspan = 1, int rowspan = 1) {
  Table::Cell cell;
  cell.id = std::move(id);
  cell.style = style;
  cell.text = model::RichText{model::Span{text, false, false}};
  cell.align = align;
  cell.column = column;
  cell.colspan = colspan;
  cell.rowspan = rowspan;
  return cell;
}

}  // namespace

Table realize_table(const model::Block& block, const style::Template& tpl, const text::FontFamily& fonts, double width,
                    const std::string& id) {
  const model::Table& m = block.table;
  const std::string& path = block.field_path;
  const int columns = static_cast<int>(m.columns.size());
  if (columns == 0) throw Error(ErrorKind::Model, tr("a table needs columns"), {}, 0, 0, path);
  const auto& header_style = tpl.style("table-header");
  const auto& cell_style = tpl.style("table-cell");

  Table t;
  t.id = id;
  t.source = path;
  t.repeat_header = m.repeat_header;
  t.padding = tpl.table.cell_padding;
  t.border = tpl.table.border;
  t.space_after = tpl.table.space_after;
  t.header_rows = static_cast<int>(m.header.size());

  std::vector<style::Align> column_align;
  std::vector<model::ColumnWidth> kinds;
  for (int c = 0; c < columns; ++c) {
    const std::string col_path = path + ".columns[" + std::to_string(c) + "]";
    column_align.push_back(parse_align(m.columns[c].align, cell_style.align, col_path));
    kinds.push_back(m.columns[c].width);
  }

  // More columns than the width holds even evenly shared: an error before any cell is placed.
  std::string problem = too_wide(std::vector<double>(columns, width / columns), width, t.padding, cell_style.size);
  if (!problem.empty()) throw Error(ErrorKind::Layout, problem, {}, 0, 0, path);

  // Cells on the grid; a fitted column is as wide as its own (unmerged) cells.
  std::vector<ColumnContent> content(columns);
  auto section = [&](const std::vector<std::vector<model::TableCell>>& rows, bool header, const std::string& name) {
    const auto placed = place_cells(rows, columns, path + "." + name);
    for (size_t r = 0; r < placed.size(); ++r) {
      std::vector<Table::Cell> row;
      for (const Placed& p : placed[r]) {
        Table::Cell cell;
        cell.id = id + "." + name + "." + std::to_string(r) + "." + std::to_string(p.column);
        cell.style = header ? "table-header" : "table-cell";
        cell.column = p.column;
        // A header cell is aligned as its style says (centred), a body cell as its column.
        style::Align fallback = header ? header_style.align : column_align[p.column];
        cell.align = fallback;
        if (p.cell) {
          cell.source = p.cell->field_path;
          cell.text = p.cell->text;
          cell.colspan = p.cell->colspan;
          cell.rowspan = p.cell->rowspan;
          cell.align = parse_align(p.cell->align, fallback, p.cell->field_path.empty() ? path : p.cell->field_path);
          if (cell.colspan == 1) {
            auto& texts = header ? content[p.column].header : content[p.column].cells;
            texts.push_back(model::plain_text(cell.text));
          }
        }
        row.push_back(std::move(cell));
      }
      t.rows.push_back(std::move(row));
    }
  };
  section(m.header, true, "header");
  section(m.rows, false, "rows");

  t.widths = column_widths(kinds, content, header_style, cell_style, width, room(t), fonts);
  problem = too_wide(t.widths, width, t.padding, cell_style.size);
  if (!problem.empty()) throw Error(ErrorKind::Layout, problem, {}, 0, 0, path);
  return t;
}

Table realize_form_table(const style::FormItem& item, const model::FormRecord* record, const style::Template& form,
                         const text::FontFamily& fonts, double width) {
  static const std::vector<model::TableRow> none;
  const std::vector<model::TableRow>* data = &none;
  if (record) {
    auto it = record->tables.find(item.name);
    if (it != record->tables.end()) data = &it->second;
  }
  const std::vector<model::TableRow> blank(data->empty() ? item.blank_rows : 0);
  const std::vector<model::TableRow>& rows = data->empty() ? blank : *data;
  const std::string id = "form." + item.name;
  const auto& header_style = form.style("table-header");
  const auto& cell_style = form.style("table-cell");
  const int n = static_cast<int>(item.columns.size());
  Table t;
  t.id = id;
  t.source = item.name;
  t.padding = form.form.cell_padding;
  t.border = form.form.border;

  // Header: a group's merged cell above its columns' titles; an ungrouped title spans both rows.
  const bool grouped = std::any_of(item.columns.begin(), item.columns.end(), [](const auto& c) { return !c.group.empty(); });
  t.header_rows = grouped ? 2 : 1;
  std::vector<Table::Cell> top, under;
  for (int c = 0; c < n;) {
    const auto& col = item.columns[c];
    const std::string cid = id + ".header.0." + std::to_string(c);
    if (col.group.empty()) {
      top.push_back(text_cell(cid, col.title, "table-header", header_style.align, c, 1, t.header_rows));
      ++c;
      continue;
    }
    int e = c;
    while (e < n && item.columns[e].group == col.group) {
      under.push_back(text_cell(id + ".header.1." + std::to_string(e), item.columns[e].title, "table-header",
                                header_style.align, e));
      ++e;
    }
    top.push_back(text_cell(cid, col.group, "table-header", header_style.align, c, e - c));
    c = e;
  }
  t.rows.push_back(std::move(top));
  if (grouped) t.rows.push_back(std::move(under));

  std::vector<ColumnContent> content(n);
  std::vector<model::ColumnWidth> kinds;
  for (int c = 0; c < n; ++c) {
    content[c].header.push_back(item.columns[c].title);
    kinds.push_back(column_width(item.columns[c]));
  }
  for (size_t r = 0; r < rows.size(); ++r) {
    std::vector<Table::Cell> row;
    for (int c = 0; c < n; ++c) {
      auto it = rows[r].find(item.columns[c].name);
      const std::string& text = it == rows[r].end() ? std::string() : it->second;
      if (!text.empty()) content[c].cells.push_back(text);
      row.push_back(text_cell(id + ".rows." + std::to_string(r) + "." + std::to_string(c), text, "table-cell",
                              item.columns[c].align, c));
    }
    t.rows.push_back(std::move(row));
  }

  t.widths = column_widths(kinds, content, header_style, cell_style, width, room(t), fonts);
  std::string problem = too_wide(t.widths, width, t.padding, cell_style.size, item.name, form.name);
  if (!problem.empty()) throw Error(ErrorKind::Template, problem, form.source_path, item.source_line, 0);
  return t;
}

}  // namespace vanban::realize
