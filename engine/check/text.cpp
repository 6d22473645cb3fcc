#include "check/text.h"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

namespace vanban::check::detail {

std::u32string u32(std::string_view s) {
  std::u32string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    auto c = static_cast<unsigned char>(s[i]);
    int n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 1;
    char32_t cp = n == 1 ? c : n == 2 ? (c & 0x1F) : n == 3 ? (c & 0x0F) : (c & 0x07);
    if (i + n > s.size()) n = 1;
    for (int k = 1; k < n; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    out.push_back(cp);
    i += n;
  }
  return out;
}

std::string utf8(std::u32string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char32_t c : s) {
    if (c < 0x80) {
      out += static_cast<char>(c);
    } else if (c < 0x800) {
      out += static_cast<char>(0xC0 | (c >> 6));
      out += static_cast<char>(0x80 | (c & 0x3F));
    } else if (c < 0x10000) {
      out += static_cast<char>(0xE0 | (c >> 12));
      out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (c & 0x3F));
    } else {
      out += static_cast<char>(0xF0 | (c >> 18));
      out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
      out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (c & 0x3F));
    }
  }
  return out;
}

bool is_upper(char32_t c) { return u_isupper(static_cast<UChar32>(c)); }
bool is_lower(char32_t c) { return u_islower(static_cast<UChar32>(c)); }
bool is_letter(char32_t c) { return u_isalpha(static_cast<UChar32>(c)); }
bool is_digit(char32_t c) { return c >= U'0' && c <= U'9'; }
char32_t to_lower(char32_t c) { return static_cast<char32_t>(u_tolower(static_cast<UChar32>(c))); }
char32_t to_upper(char32_t c) { return static_cast<char32_t>(u_toupper(static_cast<UChar32>(c))); }

std::u32string lower(std::u32string_view s) {
  std::u32string out(s);
  for (auto& c : out) c = to_lower(c);
  return out;
}

std::u32string upper(std::u32string_view s) {
  std::u32string out(s);
  for (auto& c : out) c = to_upper(c);
  return out;
}

std::u32string bare(std::u32string_view s) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(status);
  std::u32string out;
  out.reserve(s.size());
  for (char32_t c : s) {
    char32_t base = to_lower(c);
    icu::UnicodeString d;
    if (U_SUCCESS(status) && nfd->getDecomposition(static_cast<UChar32>(base), d) && d.length() > 0) {
      base = static_cast<char32_t>(d.char32At(0));
    }
    if (base == U'đ') base = U'd';
    out.push_back(base);
  }
  return out;
}

std::u32string trim(std::u32string_view s) {
  size_t a = 0, b = s.size();
  while (a < b && (s[a] == U' ' || s[a] == U'\t' || s[a] == U'\n' || s[a] == U'\u00A0')) ++a;
  while (b > a && (s[b - 1] == U' ' || s[b - 1] == U'\t' || s[b - 1] == U'\n' || s[b - 1] == U'\u00A0')) --b;
  return std::u32string(s.substr(a, b - a));
}

bool starts_with(std::u32string_view s, std::u32string_view prefix) { return s.substr(0, prefix.size()) == prefix; }
bool ends_with(std::u32string_view s, std::u32string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

bool all_upper(std::u32string_view s) {
  bool any = false;
  for (char32_t c : s) {
    if (is_lower(c)) return false;
    any = any || is_upper(c);
  }
  return any;
}

std::vector<size_t> find_words(std::u32string_view hay, std::u32string_view needle) {
  std::vector<size_t> out;
  if (needle.empty()) return out;
  auto word_char = [](char32_t c) { return is_letter(c) || is_digit(c); };
  for (size_t at = hay.find(needle); at != std::u32string_view::npos; at = hay.find(needle, at + 1)) {
    bool before = at > 0 && word_char(hay[at - 1]);
    size_t end = at + needle.size();
    bool after = end < hay.size() && word_char(hay[end]);
    if (!before && !after) out.push_back(at);
  }
  return out;
}

int roman_value(std::u32string_view s) {
  if (s.empty() || s.size() > 12) return 0;
  auto v = [](char32_t c) {
    switch (c) {
      case U'I': return 1;
      case U'V': return 5;
      case U'X': return 10;
      case U'L': return 50;
      case U'C': return 100;
      case U'D': return 500;
      case U'M': return 1000;
      default: return 0;
    }
  };
  int total = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    int a = v(s[i]);
    if (a == 0) return 0;
    int b = i + 1 < s.size() ? v(s[i + 1]) : 0;
    total += a < b ? -a : a;
  }
  return total > 0 ? total : 0;
}

long digits_value(std::u32string_view s) {
  if (s.empty() || s.size() > 9) return -1;
  long n = 0;
  for (char32_t c : s) {
    if (!is_digit(c)) return -1;
    n = n * 10 + static_cast<long>(c - U'0');
  }
  return n;
}

std::vector<Word> words(std::u32string_view s) {
  std::vector<Word> out;
  size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && (s[i] == U' ' || s[i] == U'\n' || s[i] == U'\t')) ++i;
    size_t start = i;
    while (i < s.size() && !(s[i] == U' ' || s[i] == U'\n' || s[i] == U'\t')) ++i;
    if (i > start) out.push_back({start, std::u32string(s.substr(start, i - start))});
  }
  return out;
}

}  // namespace vanban::check::detail
