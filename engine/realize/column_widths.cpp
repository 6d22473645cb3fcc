// Table column widths, decided once for every writer (body tables and form tables).
#include <algorithm>

#include "realize/realized.h"
#include "text/shaper.h"

namespace vanban::realize {
namespace {

// The widest line of `text` ("\n" separates lines) set in `style`.
double widest_line(const std::string& text, const style::ParagraphStyle& style, const text::FontFamily& fonts) {
  const text::Font& face = fonts.face(style.bold, style.italic);
  double most = 0;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    most = std::max(most, text::measure(face, style.size, text.substr(start, end - start)));
    start = end + 1;
  }
  return most;
}

}  // namespace

std::vector<double> column_widths(const std::vector<model::ColumnWidth>& columns,
                                  const std::vector<ColumnContent>& content, const style::ParagraphStyle& header_style,
                                  const style::ParagraphStyle& cell_style, double width, double padding,
                                  const text::FontFamily& fonts) {
  using Kind = model::ColumnWidth::Kind;
  const size_t n = columns.size();
  std::vector<double> w(n, 0);
  double fixed = 0, weights = 0;
  for (size_t c = 0; c < n; ++c) {
    const auto& col = columns[c];
    if (col.kind == Kind::Fixed) {
      w[c] = col.value;
    } else if (col.kind == Kind::Fit) {
      double widest = 0;
      if (c < content.size()) {
        for (const auto& t : content[c].header) widest = std::max(widest, widest_line(t, header_style, fonts));
        for (const auto& t : content[c].cells) widest = std::max(widest, widest_line(t, cell_style, fonts));
      }
      w[c] = widest + 2 * padding;
    } else {
      weights += col.value;
      continue;
    }
    fixed += w[c];
  }
  double rest = width - fixed;
  if (rest < 0) {  // fitted columns shrink first to keep the table inside the margins
    double fit_total = 0;
    for (size_t c = 0; c < n; ++c)
      if (columns[c].kind == Kind::Fit) fit_total += w[c];
    double scale = fit_total > 0 ? std::max(0.2, (fit_total + rest) / fit_total) : 1;
    for (size_t c = 0; c < n; ++c)
      if (columns[c].kind == Kind::Fit) w[c] *= scale;
    rest = 0;
  }
  for (size_t c = 0; c < n; ++c)
    if (columns[c].kind == Kind::Proportional) w[c] = weights > 0 ? rest * columns[c].value / weights : 0;
  double total = 0;
  for (double x : w) total += x;
  // No proportional column, or fixed ones still too wide: every column scales to the width.
  if (total > 0 && (weights == 0 || total > width)) {
    for (double& x : w) x *= width / total;
  }
  return w;
}

}  // namespace vanban::realize
