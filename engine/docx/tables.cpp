// Tables: a realized table (body tables, the tables of forms) as a w:tbl whose grid has
// the realized widths, so Word and LibreOffice draw the columns where the PDF does; the
// header rows repeat on every page (w:tblHeader), no row splits (w:cantSplit), merged
// cells as w:gridSpan and w:vMerge.
#include "docx/writer.h"

#include <algorithm>

namespace vanban::docx {

xml_node Writer::table(const std::vector<double>& widths, double border, double padding) {
  xml_node tbl = body_.append_child("w:tbl");
  xml_node pr = tbl.append_child("w:tblPr");
  double total = 0;
  for (double w : widths) total += w;
  xml_node w = pr.append_child("w:tblW");
  w.append_attribute("w:w") = str(twips(total)).c_str();
  w.append_attribute("w:type") = "dxa";
  xml_node b = pr.append_child("w:tblBorders");
  for (const char* side : {"w:top", "w:left", "w:bottom", "w:right", "w:insideH", "w:insideV"}) {
    xml_node e = b.append_child(side);
    e.append_attribute("w:val") = border > 0 ? "single" : "nil";
    if (border > 0) {
      e.append_attribute("w:sz") = str(std::max(2L, std::lround(border * 8))).c_str();  // eighths of a point
      e.append_attribute("w:space") = "0";
      e.append_attribute("w:color") = "000000";
    }
  }
  pr.append_child("w:tblLayout").append_attribute("w:type") = "fixed";
  // Padding on all four sides as in the PDF (top and bottom only when there is some, so
  // the borderless layout tables stay as they were).
  xml_node mar = pr.append_child("w:tblCellMar");
  for (const char* side : {"w:top", "w:left", "w:bottom", "w:right"}) {
    if (padding <= 0 && (side[2] == 't' || side[2] == 'b')) continue;
    xml_node e = mar.append_child(side);
    e.append_attribute("w:w") = str(twips(padding)).c_str();
    e.append_attribute("w:type") = "dxa";
  }
  xml_node look = pr.append_child("w:tblLook");
  look.append_attribute("w:val") = "0000";
  xml_node grid = tbl.append_child("w:tblGrid");
  for (double x : widths) grid.append_child("w:gridCol").append_attribute("w:w") = str(twips(x)).c_str();
  return tbl;
}

void Writer::body_table(const realize::Table& t) {
  const int columns = static_cast<int>(t.widths.size());
  const int rows = static_cast<int>(t.rows.size());
  if (columns == 0 || rows == 0) return;
  xml_node tbl = table(t.widths, t.border, t.padding);
  auto span_width = [&](int column, int span) {
    double w = 0;
    for (int c = column; c < std::min(columns, column + span); ++c) w += t.widths[c];
    return w;
  };
  // The cell each grid position belongs to in the current row: one starting there, or one
  // from above whose rowspan reaches it (rows [row, end)); kept for one row at a time.
  struct Owner {
    const realize::Table::Cell* cell = nullptr;
    int row = 0, end = 0;
  };
  std::vector<Owner> grid(columns);
  int band_end = 0;  // rows a rowspan holds together keep with the next (as in the PDF)
  for (int r = 0; r < rows; ++r) {
    const bool header = r < t.header_rows;
    const int section_end = header ? std::min(t.header_rows, rows) : rows;
    if (r == t.header_rows) {  // the header's spans end with it
      band_end = 0;
      grid.assign(columns, Owner{});
    }
    for (const auto& cell : t.rows[r]) {
      if (cell.column < 0 || cell.column >= columns) continue;
      const int end = r + std::clamp(cell.rowspan, 1, section_end - r);
      band_end = std::max(band_end, end);
      for (int dc = 0; dc < std::max(cell.colspan, 1) && cell.column + dc < columns; ++dc)
        grid[cell.column + dc] = Owner{&cell, r, end};
    }
    const bool keep = r + 1 < band_end;
    xml_node tr = row(tbl, true, header && t.repeat_header);
    for (int c = 0; c < columns;) {
      const Owner& o = grid[c];
      if (!o.cell || o.end <= r) {  // a hole in the grid (not made by realize): an empty cell keeps it whole
        cell(tr, t.widths[c]).append_child("w:p");
        ++c;
        continue;
      }
      const int span = std::clamp(o.cell->colspan, 1, columns - c);
      const bool merged_down = o.cell->rowspan > 1;
      if (o.row != r) {  // under a rowspan: the merge continues
        xml_node p = cell(tr, span_width(c, span), span, "", header).append_child("w:p");
        if (keep) keep_next(p);
      } else {
        xml_node tc = cell(tr, span_width(c, span), span, merged_down ? "restart" : nullptr, header);
        xml_node p = paragraph(o.cell->text, o.cell->style, tc);
        if (keep) keep_next(p);
        ppr_child(p, "w:jc", {"w:pStyle", "w:keepNext", "w:spacing", "w:ind"}).append_attribute("w:val") =
            jc(o.cell->align);
      }
      c += span;
    }
  }
  // Word wants a paragraph between a table and what follows: one as high as the space
  // the PDF leaves under the table.
  xml_node after = body_.append_child("w:p");
  if (t.space_after > 0) exact_line(after, t.space_after);
}

}  // namespace vanban::docx
