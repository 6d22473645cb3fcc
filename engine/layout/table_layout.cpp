// Tables on pages (ND30-PAGE-2: a table kept in the body runs on over pages): one box for
// the header rows, repeated on each page; one box per row, or per band of rows a rowspan
// holds together; the grid's rules merged into long strokes.
#include "layout/table_layout.h"

#include <algorithm>
#include <cmath>
#include <tuple>
#include <utility>

namespace vanban::layout {
namespace {

constexpr double kEps = 1e-6;

double baseline_in(const Line& l) { return (l.height - l.ascent - l.descent) / 2 + l.ascent; }

// Joins strokes that continue one another (the right edges of the cells of a column, the
// bottom edges of a row's cells) into one, so the grid is drawn with long rules.
void merge_rules(std::vector<Rule>& rules) {
  std::vector<Rule> across, down, out;
  for (const Rule& r : rules) (r.y0 == r.y1 ? across : down).push_back(r);
  std::sort(across.begin(), across.end(),
            [](const Rule& a, const Rule& b) { return std::tie(a.y0, a.x0) < std::tie(b.y0, b.x0); });
  std::sort(down.begin(), down.end(),
            [](const Rule& a, const Rule& b) { return std::tie(a.x0, a.y0) < std::tie(b.x0, b.y0); });
  for (const Rule& r : across) {
    if (!out.empty() && out.back().y0 == out.back().y1 && std::abs(out.back().y0 - r.y0) < kEps &&
        r.x0 <= out.back().x1 + kEps) {
      out.back().x1 = std::max(out.back().x1, r.x1);
    } else {
      out.push_back(r);
    }
  }
  size_t first_down = out.size();
  for (const Rule& r : down) {
    if (out.size() > first_down && std::abs(out.back().x0 - r.x0) < kEps && r.y0 <= out.back().y1 + kEps) {
      out.back().y1 = std::max(out.back().y1, r.y1);
    } else {
      out.push_back(r);
    }
  }
  rules = std::move(out);
}

// A line of a cell at its place in a band of rows (y from the band's top).
struct PlacedLine {
  Line* line;  // its runs move into the slice's box (the bands cover each row once)
  double x, top;
  int tag;  // its cell's TH or TD
};

class TableBoxes {
 public:
  TableBoxes(const realize::Table& t, double left, int index, const style::Template& tpl, const text::FontFamily& fonts,
             Structure& structure, int parent)
      : t_(t), index_(index), tpl_(tpl), fonts_(fonts), structure_(structure) {
    table_ = structure.add("Table", parent);
    xs_.push_back(left);
    for (double w : t.widths) xs_.push_back(xs_.back() + w);
    rows_ = static_cast<int>(t.rows.size());
    header_ = std::clamp(t.header_rows, 0, rows_);
  }

  std::vector<Box> boxes() {
    if (rows_ == 0 || t_.widths.empty()) return {};
    set_cells();
    row_heights();
    const bool repeated = t_.repeat_header && header_ > 0;
    const auto& pg = tpl_.page;
    double page = pg.height - pg.margin_top - pg.margin_bottom;
    // Without a repeated header, a zero-height box holding the table's top rule repeats
    // instead, so the grid is closed at the top of every page.
    if (!repeated) {
      Box top;
      top.table = index_;
      top.table_header = true;
      top.keep_with_next = true;
      top.rules.push_back(Rule{xs_.front(), 0, xs_.back(), 0, t_.border, {}});
      out_.push_back(std::move(top));
    }
    if (header_ > 0) {
      band(0, header_, true, repeated, page);
      out_.back().keep_with_next = rows_ > header_;
      if (repeated) page -= top_[header_];
    }
    for (int a = header_; a < rows_;) {
      int b = a + 1;
      for (int r = a; r < b; ++r)
        for (size_t i : starting_[r]) b = std::max(b, end_[i]);
      band(a, b, false, false, page);
      a = b;
    }
    out_.back().keep_with_next = false;
    out_.back().space_after = t_.space_after;
    return std::move(out_);
  }

 private:
  const realize::Table& t_;
  int index_;
  const style::Template& tpl_;
  const text::FontFamily& fonts_;
  std::vector<double> xs_;
  int rows_ = 0, header_ = 0;
  // Per cell (in row order): its lines, their height, its rows [row_, end_).
  std::vector<const realize::Table::Cell*> cells_;
  std::vector<std::vector<Line>> lines_;
  std::vector<double> content_;
  std::vector<int> row_, end_;
  std::vector<std::vector<size_t>> starting_;  // the cells starting in each row
  std::vector<double> top_;                    // each row's top from the table's top; top_[rows_] = the bottom
  std::vector<Box> out_;
  Structure& structure_;
  int table_;                 // the Table element; TR per row, TH (header rows) or TD per cell
  std::vector<int> cell_tag_;

  void set_cells() {
    starting_.resize(rows_);
    const double pad = t_.padding;
    for (int r = 0; r < rows_; ++r) {
      const int section_end = r < header_ ? header_ : rows_;
      const int row = structure_.add("TR", table_);
      for (const auto& cell : t_.rows[r]) {
        const int last = std::clamp(cell.column + std::max(cell.colspan, 1), cell.column + 1,
                                    static_cast<int>(t_.widths.size()));
        if (cell.column < 0 || cell.column >= static_cast<int>(t_.widths.size())) continue;
        style::ParagraphStyle st = tpl_.style(cell.style);
        st.align = cell.align;
        std::vector<Line> lines = set_paragraph(cell.text, st, xs_[last] - xs_[cell.column] - 2 * pad, fonts_);
        double h = 0;
        for (const Line& l : lines) h += l.height;
        starting_[r].push_back(cells_.size());
        cell_tag_.push_back(structure_.add(r < header_ ? "TH" : "TD", row));
        cells_.push_back(&cell);
        lines_.push_back(std::move(lines));
        content_.push_back(h);
        row_.push_back(r);
        end_.push_back(std::min(section_end, r + std::max(cell.rowspan, 1)));
      }
    }
  }

  // Each row as tall as its tallest cell with its padding and the rule (half above, half
  // below: the text never touches it, and Word and LibreOffice count it in the row); a
  // merged cell taller than its rows adds the difference to its last row (the shorter
  // spans first).
  void row_heights() {
    const double pad = t_.padding + t_.border / 2;
    std::vector<double> h(rows_, 0);
    std::vector<size_t> spanning;
    for (size_t i = 0; i < cells_.size(); ++i) {
      if (end_[i] - row_[i] == 1) h[row_[i]] = std::max(h[row_[i]], content_[i] + 2 * pad);
      else spanning.push_back(i);
    }
    std::stable_sort(spanning.begin(), spanning.end(),
                     [&](size_t a, size_t b) { return end_[a] - row_[a] < end_[b] - row_[b]; });
    for (size_t i : spanning) {
      double have = 0;
      for (int r = row_[i]; r < end_[i]; ++r) have += h[r];
      double need = content_[i] + 2 * pad;
      if (need > have) h[end_[i] - 1] += need - have;
    }
    top_.assign(rows_ + 1, 0);
    for (int r = 0; r < rows_; ++r) top_[r + 1] = top_[r] + h[r];
  }

  // Rows [a, b): one box, or, taller than `page`, boxes cut between lines of text and
  // glued together (the flow breaks inside them only where it must).
  void band(int a, int b, bool header, bool repeated, double page) {
    const double y0 = top_[a], height = top_[b] - y0;
    const double pad = t_.padding, rule = t_.border;
    std::vector<PlacedLine> placed;
    std::vector<Rule> rules;
    if (header && repeated) rules.push_back(Rule{xs_.front(), 0, xs_.back(), 0, rule, {}});
    for (int r = a; r < b; ++r) {
      for (size_t i : starting_[r]) {
        const auto& cell = *cells_[i];
        const int last = std::min(cell.column + std::max(cell.colspan, 1), static_cast<int>(t_.widths.size()));
        const double x0 = xs_[cell.column], x1 = xs_[last];
        const double top = top_[r] - y0, bottom = top_[end_[i]] - y0;
        // A header cell's text centred in it, a body cell's at its top.
        double y = header ? top + (bottom - top - content_[i]) / 2 : top + pad + rule / 2;
        for (Line& l : lines_[i]) {
          placed.push_back(PlacedLine{&l, x0 + pad, y, cell_tag_[i]});
          y += l.height;
        }
        rules.push_back(Rule{x1, top, x1, bottom, rule, {}});
        if (cell.column == 0) rules.push_back(Rule{x0, top, x0, bottom, rule, {}});
        rules.push_back(Rule{x0, bottom, x1, bottom, rule, {}});
      }
    }
    std::vector<double> cuts{0};
    if (height > page + kEps) {
      // Between two lines of text no line crosses, and at the rows' own edges.
      std::vector<double> candidates;
      for (const PlacedLine& p : placed) candidates.push_back(p.top + p.line->height);
      for (int r = a + 1; r < b; ++r) candidates.push_back(top_[r] - y0);
      std::sort(candidates.begin(), candidates.end());
      // Swept in order: a cut is clear when every line starting above it ends above it.
      std::vector<std::pair<double, double>> spans;  // (top, bottom) of each line, by top
      for (const PlacedLine& p : placed) spans.emplace_back(p.top, p.top + p.line->height);
      std::sort(spans.begin(), spans.end());
      size_t next = 0;
      double lowest = 0;  // the lowest bottom of the lines starting above the cut
      for (double c : candidates) {
        for (; next < spans.size() && spans[next].first < c - kEps; ++next) lowest = std::max(lowest, spans[next].second);
        if (c <= cuts.back() + kEps || c >= height - pad - kEps || lowest > c + kEps) continue;
        cuts.push_back(c);
      }
    }
    cuts.push_back(height);
    for (size_t s = 0; s + 1 < cuts.size(); ++s) {
      const double s0 = cuts[s], s1 = cuts[s + 1];
      Box box;
      box.table = index_;
      box.table_header = header && repeated;
      box.height = s1 - s0;
      box.keep_with_next = s + 2 < cuts.size();
      for (const PlacedLine& p : placed)
        if (p.top >= s0 - kEps && p.top < s1 - kEps) {
          const size_t from = box.runs.size();
          place_line(std::move(*p.line), p.x, p.top - s0 + baseline_in(*p.line), box.runs);
          tag_runs(box.runs, from, p.tag);
        }
      for (Rule r : rules) {
        if (r.y0 == r.y1) {  // across: in the slice it closes (the table's top edge in the first)
          if (!((r.y0 > s0 + kEps || (s == 0 && r.y0 <= s0 + kEps)) && r.y0 <= s1 + kEps)) continue;
        } else {             // down: the part inside the slice
          r.y0 = std::max(r.y0, s0);
          r.y1 = std::min(r.y1, s1);
          if (r.y1 - r.y0 <= kEps) continue;
        }
        r.y0 -= s0;
        r.y1 -= s0;
        box.rules.push_back(r);
      }
      merge_rules(box.rules);
      out_.push_back(std::move(box));
    }
  }
};

}  // namespace

std::vector<Box> table_boxes(const realize::Table& table, double left, int index, const style::Template& tpl,
                             const text::FontFamily& fonts, Structure& structure, int parent) {
  return TableBoxes(table, left, index, tpl, fonts, structure, parent).boxes();
}

std::vector<Box> table_boxes(const realize::Table& table, double left, int index, const style::Template& tpl,
                             const text::FontFamily& fonts) {
  Structure none;
  return table_boxes(table, left, index, tpl, fonts, none, -1);
}

void FlowBuilder::table(const realize::Table& table) {
  std::vector<Box> boxes = table_boxes(table, left_, tables_++, tpl_, fonts_, structure_, parent_);
  boxes_.insert(boxes_.end(), std::make_move_iterator(boxes.begin()), std::make_move_iterator(boxes.end()));
}

}  // namespace vanban::layout
