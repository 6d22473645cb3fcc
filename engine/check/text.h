// Internal to the check stage: code-point text helpers (ICU character properties). Texts
// are scanned as UTF-32 so that offsets are code points, the unit of a column.
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace vanban::check::detail {

std::u32string u32(std::string_view s);
std::string utf8(std::u32string_view s);

bool is_upper(char32_t c);
bool is_lower(char32_t c);
bool is_letter(char32_t c);
bool is_digit(char32_t c);
char32_t to_lower(char32_t c);
char32_t to_upper(char32_t c);
std::u32string lower(std::u32string_view s);   // code point by code point: offsets are kept
std::u32string upper(std::u32string_view s);
// Letters without diacritics, đ -> d, lower case (same length: one code point each).
std::u32string bare(std::u32string_view s);

std::u32string trim(std::u32string_view s);
bool starts_with(std::u32string_view s, std::u32string_view prefix);
bool ends_with(std::u32string_view s, std::u32string_view suffix);
// Every letter upper case and at least one letter.
bool all_upper(std::u32string_view s);

// Offsets of `needle` in `hay` (both already lower-cased by the caller when wanted) where
// it stands as whole words: no letter or digit just before or after.
std::vector<size_t> find_words(std::u32string_view hay, std::u32string_view needle);

// "IV" -> 4; 0 when not a Roman numeral (upper case, I V X L C D M, canonical or not).
int roman_value(std::u32string_view s);
// "12" -> 12; -1 when not all digits (or empty, or too long).
long digits_value(std::u32string_view s);

// Words separated by spaces: offset and text of each.
struct Word {
  size_t offset;
  std::u32string text;
};
std::vector<Word> words(std::u32string_view s);

}  // namespace vanban::check::detail
