// Where a long string may be shaped in pieces (issue #14). text::shape remembers the
// glyphs of strings up to ShapeMemo::kMaxTextBytes; a body paragraph is longer, so it was
// shaped whole by HarfBuzz on every render. Shaping it word by word (each piece ending
// with its space) and putting the pieces' glyphs together gives exactly the glyphs and
// advances of shaping it whole only where no lookup of the face reaches across the cut:
//   - the face (face_allows_space_cuts): no GSUB or GPOS lookup other than pair
//     positioning names the space glyph, no pair or contextual lookup skips base glyphs
//     (it could reach over a space), the space is not a mark, and there are no AAT tables
//     (HarfBuzz would shape with those instead);
//   - the cut: after a U+0020 whose next character is not a mark and pairs with no space
//     (Liberation Serif kerns "space A", "space T", "space Y"…: never cut before those).
//     That is decided by HarfBuzz itself, per character and face: " c" shaped together
//     must give what " " and "c" give shaped apart (ShapeMemo::after_space).
// tests/unit/text_piece_shaping_test.cpp checks the result against shaping whole for the
// plan, the certificates and strings full of kerning pairs.
#pragma once
#include <cstddef>
#include <string_view>
#include <vector>

#include "text/font.h"

namespace vanban::text {

// True when `font`'s tables let a string be cut after a space at all (see above).
bool face_allows_space_cuts(const Font& font);

// The byte offsets where `utf8` is cut into pieces: each offset follows a space whose next
// character is `neutral` (the predicate is asked for the code point after the space).
// Always starts with 0; the last piece ends at utf8.size().
template <typename Neutral>
std::vector<size_t> space_cuts(std::string_view utf8, Neutral&& neutral) {
  std::vector<size_t> cuts{0};
  for (size_t i = 0; i + 1 < utf8.size(); ++i) {
    if (utf8[i] != ' ') continue;
    const auto* s = reinterpret_cast<const unsigned char*>(utf8.data());
    size_t at = i + 1;
    char32_t c = s[at];
    size_t len = c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 0;
    if (len == 0 || at + len > utf8.size()) continue;
    bool valid = true;
    if (len > 1) {
      c &= 0x7F >> len;
      for (size_t k = 1; k < len; ++k) {
        valid &= (s[at + k] & 0xC0) == 0x80;
        c = (c << 6) | (s[at + k] & 0x3F);
      }
      valid &= c >= (len == 2 ? 0x80u : len == 3 ? 0x800u : 0x10000u);  // no overlong forms
    }
    if (valid && neutral(c)) cuts.push_back(at);  // never before bytes that are not UTF-8
  }
  return cuts;
}

}  // namespace vanban::text
