// Vietnamese syllables, for telling encodings apart (core/encoding.h): the right decoding
// of a Vietnamese text makes nearly all its words valid syllables, a wrong one gives
// "Th¸ng", "NguyÔn", "Vaên".
#pragma once
#include <cstddef>
#include <string_view>

namespace vanban::syllable {

// Whether `word` (UTF-8, one word: letters and combining marks only) is a Vietnamese
// syllable: an initial consonant (b c ch d đ g gh gi h k kh l m n ng ngh nh p ph qu r s t
// th tr v x, or none), a vowel nucleus with its glides (a, oa, uyê, ươu …: the
// combinations Vietnamese spells), a final (c ch m n ng nh p t, or none) and at most one
// tone mark (grave, acute, hook, tilde, dot below) on letters of the Vietnamese alphabet.
// Case is ignored; NFC or NFD alike.
bool is_vietnamese(std::string_view word);

struct Count {
  size_t valid = 0;    // words that are Vietnamese syllables
  size_t invalid = 0;  // words that are not
  long score() const { return static_cast<long>(valid) - static_cast<long>(invalid); }
};

// Counts the words of `text` (UTF-8; a word is a run of letters and combining marks)
// that hold a character outside ASCII: those are the ones a wrong decoding changes.
Count count_words(std::string_view text);

}  // namespace vanban::syllable
