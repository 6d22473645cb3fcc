// Forms: numbered fields with labels, hints and dotted lines (blank), or values flowing
// after their labels with the unused dotted lines kept (filled); rows of inline fields;
// tables with proportional, fixed or fitted columns, grouped header cells and a header
// repeated on every page; the place-and-date line and the signing caption.
#include <algorithm>
#include <cmath>
#include <cstdio>

#include "core/error.h"
#include "layout/flow.h"
#include "layout/layout.h"

namespace vanban::layout {
namespace {

using style::FormItem;

const std::string kLeader = "…";
const std::string kEmpty;

class FormLayout : public FlowBuilder {
 public:
  FormLayout(const style::Template& tpl, const text::FontFamily& fonts) : FlowBuilder(tpl, fonts) {}

  void form(const model::FormRecord* record) { form(record, tpl_.form.label, tpl_.form.title, tpl_.form.reference); }

  void form(const model::FormRecord* record, const std::string& label, const std::string& title,
            const std::string& reference) {
    record_ = record;
    const auto& f = tpl_.form;
    appendix_heading(label, title, reference);
    for (const FormItem& item : f.items) {
      switch (item.kind) {
        case FormItem::Kind::Field: item.lines > 0 ? block_field(item) : inline_fields({item}); break;
        case FormItem::Kind::Row: inline_fields(item.children); break;
        case FormItem::Kind::Table: table(item); break;
        case FormItem::Kind::PlaceDate: {
          const std::string& v = value(item.name);
          auto st = tpl_.style("form-place-date");
          st.keep_with_next = true;  // with the signing caption under it
          paragraph(plain(v.empty() ? item.text : v), st);
          break;
        }
        case FormItem::Kind::Signing: signing(item); break;
        case FormItem::Kind::Text: paragraph(plain(item.text), tpl_.style("body")); break;
      }
    }
  }

  std::vector<Box> take_boxes() { return std::move(boxes_); }

 private:
  const model::FormRecord* record_ = nullptr;
  int tables_ = 0;

  const std::string& value(const std::string& name) const {
    if (!record_) return kEmpty;
    auto it = record_->values.find(name);
    return it == record_->values.end() ? kEmpty : it->second;
  }

  static std::string numbered(const FormItem& item) {
    return item.number.empty() ? item.label : item.number + ". " + item.label;
  }

  void dotted_lines(int count) {
    const auto& st = tpl_.style("fill-line");
    for (int i = 0; i < count; ++i) {
      Line line = set_leader_line(kLeader, st, width_, fonts_);
      Box box;
      place_line(line, left_, baseline_offset(line), box.runs);
      box.height = line.height;
      box.keep_with_next = i + 1 < count;
      if (i + 1 == count) box.space_after = st.space_after;
      boxes_.push_back(std::move(box));
    }
  }

  // "1. Label", its hint, then the value or the dotted lines (the unused ones stay).
  void block_field(const FormItem& item) {
    paragraph(plain(numbered(item)), tpl_.style("form-label"));
    if (!item.hint.empty()) {
      auto hint = tpl_.style("form-hint");
      hint.keep_with_next = true;
      paragraph(plain(item.hint), hint);
    }
    const std::string& v = value(item.name);
    int used = 0;
    if (!v.empty()) {
      auto st = tpl_.style("form-value");
      auto lines = set_paragraph(plain(v), st, width_, fonts_);
      used = static_cast<int>(lines.size());
      if (tpl_.form.keep_unused_lines && used < item.lines) st.keep_with_next = true;
      push_lines(lines, st);
    }
    if (v.empty() || tpl_.form.keep_unused_lines) dotted_lines(std::max(0, item.lines - used));
  }

  // Label and value on one line (or wrapping), dotted to the end of the column; several
  // fields share the line in equal columns ("Số điện thoại: … Email: …").
  void inline_fields(const std::vector<FormItem>& fields) {
    Box box;
    const auto& first_style = tpl_.style("form-inline");
    double column_width = width_ / fields.size();
    double bottom = 0;
    for (size_t c = 0; c < fields.size(); ++c) {
      auto st = first_style;
      if (c > 0) st.first_indent = 0;
      const std::string& v = value(fields[c].name);
      std::string text = numbered(fields[c]) + (v.empty() ? "" : " " + v);
      auto lines = set_paragraph(plain(text), st, column_width, fonts_);
      Line& last = lines.back();
      if (v.empty() || tpl_.form.keep_unused_lines) {
        double gap = st.size * 0.25;
        append_leaders(last, kLeader, tpl_.style("fill-line"), last.x_start + last.natural_width + gap,
                       column_width - (c + 1 < fields.size() ? st.size * 0.5 : 0), fonts_);
      }
      double y = 0;
      for (const Line& line : lines) {
        place_line(line, left_ + c * column_width, y + baseline_offset(line), box.runs);
        y += line.height;
      }
      bottom = std::max(bottom, y);
    }
    box.height = bottom;
    box.space_before = first_style.space_before;
    box.space_after = first_style.space_after;
    boxes_.push_back(std::move(box));
  }

  void signing(const FormItem& item) {
    auto caption = tpl_.style("form-signing-caption");
    caption.keep_with_next = true;
    paragraph(plain(item.text), caption);
    Box room;
    room.height = item.space;
    const std::string& name = value(item.name);
    room.keep_with_next = !name.empty();
    boxes_.push_back(std::move(room));
    if (!name.empty()) paragraph(plain(name), tpl_.style("form-signer"));
  }

  // --- tables ---------------------------------------------------------------------------

  void cell_borders(Box& box, const std::vector<double>& xs, double top, double bottom, bool top_edge,
                    bool bottom_edge) {
    const double t = tpl_.form.border;
    for (double x : xs) box.rules.push_back(Rule{x, top, x, bottom, t, {}});
    if (top_edge) box.rules.push_back(Rule{xs.front(), top, xs.back(), top, t, {}});
    if (bottom_edge) box.rules.push_back(Rule{xs.front(), bottom, xs.back(), bottom, t, {}});
  }

  std::vector<double> column_widths(const FormItem& item, const std::vector<model::TableRow>& rows) {
    const double pad = tpl_.form.cell_padding;
    const auto& hs = tpl_.style("table-header");
    const auto& cs = tpl_.style("table-cell");
    size_t n = item.columns.size();
    std::vector<double> w(n, 0);
    double fixed = 0, weights = 0;
    for (size_t c = 0; c < n; ++c) {
      const auto& col = item.columns[c];
      if (col.kind == style::ColumnWidth::Fixed) {
        w[c] = col.width;
      } else if (col.kind == style::ColumnWidth::Fit) {
        // The title on one line, or the widest cell, plus padding.
        // (A cell with line breaks is as wide as its widest line.)
        auto natural = [&](const std::string& text, const style::ParagraphStyle& st) {
          double most = 0;
          for (const Line& l : set_paragraph(plain(text), st, 1e6, fonts_)) most = std::max(most, l.natural_width);
          return most;
        };
        double widest = natural(col.title, hs);
        for (const auto& row : rows) {
          auto it = row.find(col.name);
          if (it != row.end() && !it->second.empty()) widest = std::max(widest, natural(it->second, cs));
        }
        w[c] = widest + 2 * pad;
      } else {
        weights += col.width;
        continue;
      }
      fixed += w[c];
    }
    double rest = width_ - fixed;
    if (rest < 0) {  // fitted columns shrink to leave the table inside the margins
      double fit_total = 0;
      for (size_t c = 0; c < n; ++c)
        if (item.columns[c].kind == style::ColumnWidth::Fit) fit_total += w[c];
      double scale = fit_total > 0 ? std::max(0.2, (fit_total + rest) / fit_total) : 1;
      for (size_t c = 0; c < n; ++c)
        if (item.columns[c].kind == style::ColumnWidth::Fit) w[c] *= scale;
      rest = 0;
    }
    for (size_t c = 0; c < n; ++c) {
      if (item.columns[c].kind == style::ColumnWidth::Proportional) w[c] = weights > 0 ? rest * item.columns[c].width / weights : 0;
    }
    if (weights == 0) {  // no proportional column: spread what is left over all of them
      double total = 0;
      for (double x : w) total += x;
      if (total > 0) for (double& x : w) x *= width_ / total;
    }
    // Every column keeps room for its padding and a letter: a table too wide for the page
    // is an error, never columns squeezed into a solid block of rules.
    const double least = 2 * pad + cs.size;
    double total = 0;
    for (double x : w) total += x;
    const bool too_narrow = std::any_of(w.begin(), w.end(), [&](double x) { return !(x >= least - 1e-6); });
    if (n > 0 && (too_narrow || total > width_ + 0.5)) {
      const double mm = 25.4 / 72;
      char buf[160];
      std::snprintf(buf, sizeof buf,
                    "has %zu columns: too wide for the page (%.0f mm between the margins; each column needs at least %.1f mm)",
                    n, width_ * mm, least * mm);
      throw Error(ErrorKind::Template, "the table \"" + item.name + "\" of template \"" + tpl_.name + "\" " + buf,
                  tpl_.source_path, item.source_line, 0);
    }
    return w;
  }

  // A header cell: its lines centred in [x0, x1] and vertically in [top, bottom].
  void header_cell(Box& box, const std::string& text, double x0, double x1, double top, double bottom) {
    const double pad = tpl_.form.cell_padding;
    auto lines = set_paragraph(plain(text), tpl_.style("table-header"), x1 - x0 - 2 * pad, fonts_);
    double h = 0;
    for (const Line& l : lines) h += l.height;
    double y = top + (bottom - top - h) / 2;
    for (const Line& l : lines) {
      place_line(l, x0 + pad, y + baseline_offset(l), box.runs);
      y += l.height;
    }
  }

  double header_height(const std::string& text, double width) {
    double h = 0;
    for (const Line& l : set_paragraph(plain(text), tpl_.style("table-header"), width - 2 * tpl_.form.cell_padding, fonts_))
      h += l.height;
    return h + 2 * tpl_.form.cell_padding;
  }

  void table(const FormItem& item) {
    static const std::vector<model::TableRow> none;
    const std::vector<model::TableRow>* data = &none;
    if (record_) {
      auto it = record_->tables.find(item.name);
      if (it != record_->tables.end()) data = &it->second;
    }
    std::vector<model::TableRow> blank_rows(data->empty() ? item.blank_rows : 0);
    const auto& rows = data->empty() ? blank_rows : *data;
    const int id = tables_++;

    if (!item.label.empty()) {
      auto st = tpl_.style("table-label");
      paragraph(plain(item.number.empty() ? item.label : item.number + ". " + item.label), st);
    }
    std::vector<double> w = column_widths(item, rows);
    std::vector<double> xs{left_};
    for (double x : w) xs.push_back(xs.back() + x);
    const size_t n = w.size();

    // Header: grouped columns get a merged cell above their own titles.
    bool grouped = std::any_of(item.columns.begin(), item.columns.end(), [](const auto& c) { return !c.group.empty(); });
    double top_row = 0, bottom_row = 0, single = 0;
    for (size_t c = 0; c < n; ++c) {
      const auto& col = item.columns[c];
      if (col.group.empty()) {
        single = std::max(single, header_height(col.title, w[c]));
      } else {
        bottom_row = std::max(bottom_row, header_height(col.title, w[c]));
        size_t e = c;
        while (e + 1 < n && item.columns[e + 1].group == col.group) ++e;
        if (c == 0 || item.columns[c - 1].group != col.group)
          top_row = std::max(top_row, header_height(col.group, xs[e + 1] - xs[c]));
      }
    }
    double height = grouped ? std::max(single, top_row + bottom_row) : single;
    if (grouped) bottom_row = height - top_row;
    Box header;
    header.table = id;
    header.table_header = true;
    header.keep_with_next = true;
    const double t = tpl_.form.border;
    header.rules.push_back(Rule{xs.front(), 0, xs.back(), 0, t, {}});
    header.rules.push_back(Rule{xs.front(), height, xs.back(), height, t, {}});
    for (size_t c = 0; c <= n; ++c) {
      bool inside_group = c > 0 && c < n && !item.columns[c].group.empty() && item.columns[c].group == item.columns[c - 1].group;
      header.rules.push_back(Rule{xs[c], inside_group ? top_row : 0, xs[c], height, t, {}});
    }
    for (size_t c = 0; c < n; ++c) {
      const auto& col = item.columns[c];
      if (col.group.empty()) {
        header_cell(header, col.title, xs[c], xs[c + 1], 0, height);
        continue;
      }
      if (c == 0 || item.columns[c - 1].group != col.group) {
        size_t e = c;
        while (e + 1 < n && item.columns[e + 1].group == col.group) ++e;
        header_cell(header, col.group, xs[c], xs[e + 1], 0, top_row);
        header.rules.push_back(Rule{xs[c], top_row, xs[e + 1], top_row, t, {}});
      }
      header_cell(header, col.title, xs[c], xs[c + 1], top_row, height);
    }
    header.height = height;
    boxes_.push_back(std::move(header));

    // Rows: one box per line band, glued, so a row moves whole to the next page unless
    // it is taller than a page.
    const double pad = tpl_.form.cell_padding;
    for (const auto& row : rows) {
      std::vector<std::vector<Line>> cells(n);
      size_t bands = 1;
      double band_height = 0;
      for (size_t c = 0; c < n; ++c) {
        auto st = tpl_.style("table-cell");
        st.align = item.columns[c].align;
        auto it = row.find(item.columns[c].name);
        cells[c] = set_paragraph(plain(it == row.end() ? "" : it->second), st, w[c] - 2 * pad, fonts_);
        bands = std::max(bands, cells[c].size());
        band_height = std::max(band_height, cells[c][0].height);
      }
      for (size_t b = 0; b < bands; ++b) {
        Box box;
        box.table = id;
        double top = b == 0 ? pad : 0;
        box.height = top + band_height + (b + 1 == bands ? pad : 0);
        for (size_t c = 0; c < n; ++c) {
          if (b < cells[c].size()) place_line(cells[c][b], xs[c] + pad, top + baseline_offset(cells[c][b]), box.runs);
        }
        cell_borders(box, xs, 0, box.height, false, b + 1 == bands);
        box.keep_with_next = b + 1 < bands;
        boxes_.push_back(std::move(box));
      }
    }
    if (!boxes_.empty()) boxes_.back().space_after = 6;
  }
};

}  // namespace

std::vector<Box> form_boxes(const style::Template& form_tpl, const model::FormRecord* record, const std::string& label,
                            const std::string& title, const std::string& reference, const text::FontFamily& fonts) {
  FormLayout layout(form_tpl, fonts);
  layout.form(record, label, title, reference);
  return layout.take_boxes();
}

LaidOutDocument layout_forms(const style::Template& tpl, const std::vector<model::FormRecord>& records, bool blank,
                             const text::FontFamily& fonts) {
  FormLayout layout(tpl, fonts);
  if (blank || records.empty()) {
    layout.form(nullptr);
  } else {
    for (const auto& record : records) layout.form(&record);
  }
  LaidOutDocument out;
  out.pages = layout.paginate();
  out.info.title = tpl.form.title;
  out.info.subject = tpl.form.label;
  return out;
}

}  // namespace vanban::layout
