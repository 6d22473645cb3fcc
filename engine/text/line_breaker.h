// Line-break opportunities: ICU's UAX #14 line breaking (locale "vi"), tailored so that
// document numbers, symbols and dates ("621/BGDĐT-TĐKT", "02/1/2020", "34-CT/TW",
// "2021-2025") never split: no break after "/" or "-" between two letters or digits.
#pragma once
#include <cstddef>
#include <string_view>
#include <vector>

namespace vanban::text {

struct BreakOpportunity {
  size_t offset;     // byte offset where a new line may start
  bool mandatory;    // hard break (e.g. after U+2028 or "\n")
};

// Opportunities in increasing order, excluding offset 0 and including text.size().
std::vector<BreakOpportunity> line_break_opportunities(std::string_view utf8);

}  // namespace vanban::text
