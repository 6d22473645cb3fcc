#include "core/syllable.h"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <array>
#include <string>

namespace vanban::syllable {
namespace {

// A syllable is spelled here with one character a letter: a-z as they are, and the
// letters with a modifier as capitals: ă A, â B, ê E, ô O, ơ P, ư U, đ D.
constexpr std::array<std::string_view, 27> kInitials = {
    "ngh", "ng", "nh", "ch", "gh", "gi", "kh", "ph", "qu", "th", "tr", "b", "c", "d",
    "D",   "g",  "h",  "k",  "l",  "m",  "n",  "p",  "r",  "s",  "t",  "v", "x"};

// Vowel nuclei with their glides, as Vietnamese spells them.
constexpr std::array<std::string_view, 53> kNuclei = {
    "a",   "A",   "B",   "e",   "E",   "i",   "o",   "O",   "P",   "u",   "U",   "y",   "ai",  "ao",
    "au",  "ay",  "Bu",  "By",  "eo",  "Eu",  "ia",  "iE",  "iu",  "oa",  "oA",  "oe",  "oi",  "oo",
    "Oi",  "Pi",  "ua",  "uB",  "uE",  "ui",  "uO",  "uP",  "uy",  "Ua",  "Ui",  "UP",  "Uu",  "yE",
    "iEu", "yEu", "oai", "oay", "oao", "oeo", "uBy", "uOi", "UPi", "UPu", "uyE"};
constexpr std::array<std::string_view, 2> kMoreNuclei = {"uya", "uyu"};

constexpr std::array<std::string_view, 9> kFinals = {"", "c", "ch", "m", "n", "ng", "nh", "p", "t"};

bool is_nucleus(std::string_view v) {
  for (auto n : kNuclei)
    if (n == v) return true;
  for (auto n : kMoreNuclei)
    if (n == v) return true;
  return false;
}

bool is_final(std::string_view f) {
  for (auto x : kFinals)
    if (x == f) return true;
  return false;
}

bool is_vowel(char c) { return std::string_view("aAeEBioOPuUy").find(c) != std::string_view::npos; }

// A nucleus and a final.
bool rest_is_valid(std::string_view s) {
  size_t v = 0;
  while (v < s.size() && is_vowel(s[v])) ++v;
  if (v == 0 || !is_nucleus(s.substr(0, v)) || !is_final(s.substr(v))) return false;
  // A nucleus ending in a glide (ai, ao, êu …) takes no final, but for uy (huỳnh) and oo (xoong).
  std::string_view nucleus = s.substr(0, v);
  char last = nucleus.back();
  if (v < s.size() && nucleus.size() >= 2 && (last == 'i' || last == 'y' || last == 'o' || last == 'u') &&
      nucleus != "uy" && nucleus != "oo")
    return false;
  return true;
}

bool spelled_is_valid(std::string_view s) {
  if (rest_is_valid(s)) return true;  // no initial
  for (auto initial : kInitials) {
    if (s.substr(0, initial.size()) != initial) continue;
    std::string_view rest = s.substr(initial.size());
    // "gi" before no other vowel is g + i (gì, gìn: tried with "g" too); q only as "qu".
    if (rest_is_valid(rest)) return true;
  }
  return false;
}

}  // namespace

bool is_vietnamese(std::string_view word) {
  if (word.empty() || word.size() > 64) return false;
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(status);
  if (U_FAILURE(status)) return false;
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(icu::StringPiece(word.data(), static_cast<int32_t>(word.size())));
  u = nfd->normalize(u, status);
  if (U_FAILURE(status)) return false;
  std::string spelled;
  int tones = 0;
  for (int32_t i = 0; i < u.length(); ++i) {
    UChar32 c = u.char32At(i);
    if (c > 0xFFFF) return false;
    c = u_tolower(c);
    switch (c) {
      case 0x0300: case 0x0301: case 0x0303: case 0x0309: case 0x0323:
        if (++tones > 1 || spelled.empty()) return false;
        continue;
      case 0x0302:  // circumflex: â ê ô
        if (spelled.empty()) return false;
        if (spelled.back() == 'a') spelled.back() = 'B';
        else if (spelled.back() == 'e') spelled.back() = 'E';
        else if (spelled.back() == 'o') spelled.back() = 'O';
        else return false;
        continue;
      case 0x0306:  // breve: ă
        if (spelled.empty() || spelled.back() != 'a') return false;
        spelled.back() = 'A';
        continue;
      case 0x031B:  // horn: ơ ư
        if (spelled.empty()) return false;
        if (spelled.back() == 'o') spelled.back() = 'P';
        else if (spelled.back() == 'u') spelled.back() = 'U';
        else return false;
        continue;
      case 0x0111:
        spelled += 'D';
        continue;
      default: break;
    }
    if (c < 'a' || c > 'z' || c == 'f' || c == 'j' || c == 'w' || c == 'z') return false;
    spelled += static_cast<char>(c);
  }
  return spelled_is_valid(spelled);
}

Count count_words(std::string_view text) {
  Count count;
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
  std::string word;
  bool touched = false;
  auto end_word = [&] {
    if (!word.empty() && touched) {
      if (is_vietnamese(word)) ++count.valid;
      else ++count.invalid;
    }
    word.clear();
    touched = false;
  };
  for (int32_t i = 0; i < u.length();) {
    UChar32 c = u.char32At(i);
    i += U16_LENGTH(c);
    if (u_isalpha(c) || u_getCombiningClass(c) != 0 || u_charType(c) == U_NON_SPACING_MARK) {
      icu::UnicodeString one(c);
      one.toUTF8String(word);
      touched = touched || c >= 0x80;
    } else if (c >= 0x80 && !u_isspace(c) && c != 0x2013 && c != 0x2014 && c != 0x201C && c != 0x201D &&
               c != 0x2018 && c != 0x2019 && c != 0x2026 && c != 0xA0) {
      // A symbol inside a word ("Th¸ng") makes the word, the part before it and the part
      // after it, count as one broken word.
      word += '?';
      touched = true;
    } else {
      end_word();
    }
  }
  end_word();
  return count;
}

}  // namespace vanban::syllable
