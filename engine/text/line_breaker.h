// Line-break opportunities: ICU's UAX #14 line breaking (locale "vi"), tailored so that
// document numbers, symbols and dates ("621/BGDĐT-TĐKT", "02/1/2020", "34-CT/TW",
// "2021-2025") never split: no break after "/" or "-" between two letters or digits.
#pragma once
#include <cstddef>
#include <functional>
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

namespace vanban::text {

// Where the lines of a centred paragraph (a header line, a title) end, chosen among
// `opportunities` (line_break_opportunities(text)) so that the paragraph keeps the number
// of lines greedy filling gives but its lines are as even as they can be (the least sum
// of squared slack), a break inside a common multi-syllable word or place name ("TIỂU |
// HỌC", "HÒA | BÌNH") is avoided, and a last line of a single word or number is avoided
// when a better break exists (issue #11 item 4). `width(begin, end)` is the natural width
// of the text [begin, end) (byte offsets; trailing spaces not counted); a line may be
// `first_width` wide (the first) or `width_rest` (the others). Returns the byte offsets
// where the lines after the first start (mandatory breaks included), or nothing when
// the paragraph fits on one line or a piece of it is wider than a line (then greedy
// filling, which cuts such a piece, applies). The layout and the DOCX writer call it
// with the same measures, so Word shows the lines the PDF shows.
std::vector<size_t> balanced_line_breaks(std::string_view text, const std::vector<BreakOpportunity>& opportunities,
                                         const std::function<double(size_t, size_t)>& width, double first_width,
                                         double width_rest);

// A glyph of a shaped paragraph, in text order: where its cluster starts in the text,
// its advance (pt) and whether it is a space (" ", U+00A0, or a "\n" shaped as one).
struct MeasuredGlyph {
  size_t cluster;
  double advance;
  bool space;
};

// The same from a paragraph's shaped glyphs: opportunities are taken where a glyph
// starts (as the layout fills lines), widths summed glyph by glyph in order with the
// trailing spaces of a line left out. What the layout and the DOCX writer both call.
std::vector<size_t> balanced_line_breaks(std::string_view text, const std::vector<MeasuredGlyph>& glyphs,
                                         double first_width, double width_rest);

}  // namespace vanban::text
