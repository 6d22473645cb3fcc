// Table column widths, decided once for every writer (body tables and form tables).
#include <algorithm>

#include "core/unicode.h"
#include "realize/realized.h"
#include "text/shaper.h"

namespace vanban::realize {
namespace {

// The widest line of `text` ("\n" separates lines) set in `style` (upper-cased when the
// style says so, as the paragraph is set); with `words`, the widest word instead (what
// the column needs not to break a word).
double widest(const std::string& raw, const style::ParagraphStyle& style, const text::FontFamily& fonts, bool words) {
  const std::string text = style.uppercase ? unicode::to_upper_vi(raw) : raw;
  const text::Font& face = fonts.face(style.bold, style.italic);
  double most = 0;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = words ? text.find_first_of(" \n", start) : text.find('\n', start);
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
  // Each column's content on one line (`most`) and its widest word (`least`), with the
  // padding; never narrower than one letter, so an empty column has room to write in.
  const double letter = 2 * padding + cell_style.size;
  std::vector<double> most(n, letter), least(n, letter);
  for (size_t c = 0; c < n && c < content.size(); ++c) {
    for (bool words : {false, true}) {
      double x = 0;
      for (const auto& t : content[c].header) x = std::max(x, widest(t, header_style, fonts, words));
      for (const auto& t : content[c].cells) x = std::max(x, widest(t, cell_style, fonts, words));
      (words ? least : most)[c] = std::max(x + 2 * padding, letter);
    }
  }
  // Fixed columns as given, fitted ones to their content, proportional ones (at least
  // their widest word) sharing the rest by weight.
  std::vector<double> w(n, 0);
  double fixed = 0, fit_most = 0, fit_least = 0, reserve = 0, weights = 0;
  for (size_t c = 0; c < n; ++c) {
    switch (columns[c].kind) {
      case Kind::Fixed: w[c] = columns[c].value; fixed += w[c]; break;
      case Kind::Fit: w[c] = most[c]; fit_most += most[c]; fit_least += least[c]; break;
      case Kind::Proportional: reserve += least[c]; weights += columns[c].value; break;
    }
  }
  // Fitted columns too wide for what the fixed ones and the proportional ones' words
  // leave shrink first, toward their own widest word (their text then wraps).
  const double fit_room = width - fixed - reserve;
  if (fit_most > fit_room && fit_most > fit_least) {
    const double s = std::clamp((fit_room - fit_least) / (fit_most - fit_least), 0.0, 1.0);
    fit_most = 0;
    for (size_t c = 0; c < n; ++c)
      if (columns[c].kind == Kind::Fit) fit_most += (w[c] = least[c] + (most[c] - least[c]) * s);
  }
  // The proportional columns share the rest by weight, none under its widest word while
  // the rest allows: those that would be get it and the others share what remains.
  const double rest = std::max(0.0, width - fixed - fit_most);
  std::vector<bool> pinned(n, false);
  for (bool again = true; again;) {
    again = false;
    double free_rest = rest, free_weights = 0;
    for (size_t c = 0; c < n; ++c) {
      if (columns[c].kind != Kind::Proportional) continue;
      if (pinned[c]) free_rest -= w[c];
      else free_weights += columns[c].value;
    }
    for (size_t c = 0; c < n; ++c) {
      if (columns[c].kind != Kind::Proportional || pinned[c]) continue;
      w[c] = free_weights > 0 ? std::max(0.0, free_rest) * columns[c].value / free_weights : 0;
      if (w[c] < least[c] - 1e-9 && rest >= reserve) {
        w[c] = least[c];
        pinned[c] = again = true;
      }
    }
  }
  double total = 0;
  for (double x : w) total += x;
  // No proportional column, or fixed ones still too wide: every column scales to the width.
  if (total > 0 && (weights == 0 || total > width)) {
    for (double& x : w) x *= width / total;
  }
  return w;
}

}  // namespace vanban::realize
