#include "core/suggest.h"

#include <algorithm>

#include "core/i18n.h"
#include "core/unicode.h"

namespace vanban {
namespace {

// Optimal string alignment distance (Damerau-Levenshtein with adjacent transpositions).
size_t distance(const std::u32string& a, const std::u32string& b) {
  std::vector<std::vector<size_t>> d(a.size() + 1, std::vector<size_t>(b.size() + 1));
  for (size_t i = 0; i <= a.size(); ++i) d[i][0] = i;
  for (size_t j = 0; j <= b.size(); ++j) d[0][j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    for (size_t j = 1; j <= b.size(); ++j) {
      size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.size()][b.size()];
}

}  // namespace

std::string closest_name(std::string_view word, const std::vector<std::string>& candidates) {
  if (word.empty() || word.size() > 200) return {};
  std::u32string w = unicode::folded_letters(word);
  std::string best;
  size_t best_distance = SIZE_MAX;
  for (auto& c : candidates) {
    if (c.size() > 200) continue;
    size_t d = distance(w, unicode::folded_letters(c));
    if (d < best_distance) {
      best_distance = d;
      best = c;
    }
  }
  size_t len = w.size();
  size_t allowed = len <= 4 ? 1 : len <= 8 ? 2 : 3;
  return best_distance <= allowed ? best : std::string();
}

std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates) {
  std::string near = closest_name(word, candidates);
  return near.empty() ? std::string() : trf("did you mean \"{0}\"?", near);
}

}  // namespace vanban
