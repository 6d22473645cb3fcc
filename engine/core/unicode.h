// Unicode services built on ICU. Every function is thread-safe and keeps no state.
#pragma once
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace vanban::unicode {

// Byte offset of the first invalid UTF-8 sequence, or nullopt if `s` is valid UTF-8
// (overlong forms, surrogates and code points above U+10FFFF are invalid).
std::optional<size_t> find_invalid_utf8(std::string_view s);

// NFC normalisation. Precondition: valid UTF-8.
std::string to_nfc(std::string_view s);
// The same, taking `s` over when it is NFC already (nearly always): no copy.
std::string to_nfc(std::string&& s);
inline std::string to_nfc(const char* s) { return to_nfc(std::string_view(s)); }

// Upper-casing with the Vietnamese ("vi") locale rules of ICU.
std::string to_upper_vi(std::string_view s);

// Number of Unicode code points in the first `byte_offset` bytes (for column numbers).
size_t count_code_points(std::string_view s, size_t byte_offset);

// At most `max_chars` code points of `s` for quoting in a message, cut before a combining
// mark's base so a Vietnamese letter is never split from its diacritics, with "…" appended
// when something was cut. Always valid UTF-8: invalid bytes become U+FFFD and control
// characters a space, so a message stays on one line whatever the input holds.
std::string excerpt(std::string_view s, size_t max_chars = 60);

// "U+1EC7 'ệ'" style description of the code point starting at `byte_offset`.
std::string describe_code_point(std::string_view s, size_t byte_offset);

}  // namespace vanban::unicode

namespace vanban::unicode {

// Full case folding (ICU, default rules) then NFC: two names equal under it are the same
// name on a case-insensitive file system (NTFS, APFS, FAT). Precondition: valid UTF-8.
std::string fold_case(std::string_view s);

// Lower case (Vietnamese rules), diacritics dropped (NFD, combining marks removed), đ -> d:
// "Người ký" -> U"nguoi ky". For comparing names loosely (core/suggest.h).
// Precondition: valid UTF-8.
std::u32string folded_letters(std::string_view s);

}  // namespace vanban::unicode
