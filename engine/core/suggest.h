// "Did you mean …": the nearest of some known names to a name that is not one of them.
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace vanban {

// The candidate nearest to `word` (Damerau-Levenshtein distance on code points, case and
// diacritics ignored), when it is near enough to be a typo (distance at most 1 for words
// of up to 4 letters, 2 up to 8, 3 beyond); empty when none is.
std::string closest_name(std::string_view word, const std::vector<std::string>& candidates);

// trf("did you mean \"{0}\"?", closest) or empty.
std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates);

}  // namespace vanban
