#include "core/unicode.h"

#include <unicode/locid.h>
#include <unicode/bytestream.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <new>

#include "core/error.h"
#include "core/i18n.h"

namespace vanban::unicode {

std::optional<size_t> find_invalid_utf8(std::string_view s) {
  const auto* p = reinterpret_cast<const uint8_t*>(s.data());
  int32_t length = static_cast<int32_t>(s.size());
  int32_t i = 0;
  while (i < length) {
    if (p[i] < 0x80) {  // fast path for ASCII
      ++i;
      continue;
    }
    int32_t start = i;
    UChar32 c;
    U8_NEXT(p, i, length, c);
    if (c < 0) return static_cast<size_t>(start);
  }
  return std::nullopt;
}

namespace {

const icu::Normalizer2& nfc_instance() {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
  if (U_FAILURE(status)) throw Error(ErrorKind::Syntax, trf("ICU NFC unavailable: {0}", u_errorName(status)));
  return *nfc;
}

// Whether `s` is NFC already: ASCII is, the rest ICU checks on the UTF-8 itself (no
// UTF-16 copy, twice the size, of a text that is NFC already, as nearly all are).
bool is_nfc(std::string_view s) {
  bool ascii = true;
  for (char c : s) {
    if (static_cast<unsigned char>(c) >= 0x80) {
      ascii = false;
      break;
    }
  }
  if (ascii) return true;
  if (s.size() > INT32_MAX) throw Error(ErrorKind::Syntax, tr("a text of more than 2 GB"));
  UErrorCode status = U_ZERO_ERROR;
  return nfc_instance().isNormalizedUTF8(icu::StringPiece(s.data(), static_cast<int32_t>(s.size())), status) &&
         U_SUCCESS(status);
}

}  // namespace

std::string to_nfc(std::string_view s) {
  if (is_nfc(s)) return std::string(s);
  UErrorCode status = U_ZERO_ERROR;
  std::string out;
  out.reserve(s.size());
  icu::StringByteSink<std::string> sink(&out);
  nfc_instance().normalizeUTF8(0, icu::StringPiece(s.data(), static_cast<int32_t>(s.size())), sink, nullptr, status);
  if (status == U_MEMORY_ALLOCATION_ERROR) throw std::bad_alloc();  // ICU could not allocate: not the text's fault
  if (U_FAILURE(status)) throw Error(ErrorKind::Syntax, trf("NFC normalisation failed: {0}", u_errorName(status)));
  return out;
}

std::string to_nfc(std::string&& s) {
  if (is_nfc(s)) return std::move(s);
  return to_nfc(std::string_view(s));
}

std::string to_upper_vi(std::string_view s) {
  icu::UnicodeString text = icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), static_cast<int32_t>(s.size())));
  text.toUpper(icu::Locale("vi"));
  std::string out;
  text.toUTF8String(out);
  return out;
}

size_t count_code_points(std::string_view s, size_t byte_offset) {
  size_t count = 0;
  for (size_t i = 0; i < byte_offset && i < s.size(); ++i) {
    if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) ++count;
  }
  return count;
}

std::string excerpt(std::string_view s, size_t max_chars) {
  const auto* p = reinterpret_cast<const uint8_t*>(s.data());
  const int32_t length = static_cast<int32_t>(std::min<size_t>(s.size(), INT32_MAX));
  std::string out;
  size_t count = 0;
  size_t cluster_start = 0;  // size of `out` before the current base character
  int32_t i = 0;
  while (i < length) {
    UChar32 c;
    U8_NEXT(p, i, length, c);
    const bool mark = c >= 0 && (u_getCombiningClass(c) != 0 || u_charType(c) == U_NON_SPACING_MARK ||
                                 u_charType(c) == U_ENCLOSING_MARK || u_charType(c) == U_COMBINING_SPACING_MARK);
    if (count == max_chars) {
      // Full: a mark would join the last base, which would then be cut: drop that base too.
      if (mark) out.resize(cluster_start);
      out += "…";
      return out;
    }
    if (!mark) cluster_start = out.size();
    if (c < 0) {
      out += "\xEF\xBF\xBD";
    } else if (c < 0x20 || c == 0x7F || (c >= 0x80 && c < 0xA0) || c == 0x2028 || c == 0x2029) {
      out += ' ';
    } else {
      char buf[4];
      int32_t n = 0;
      U8_APPEND_UNSAFE(reinterpret_cast<uint8_t*>(buf), n, c);
      out.append(buf, static_cast<size_t>(n));
    }
    ++count;
  }
  return out;
}

std::string describe_code_point(std::string_view s, size_t byte_offset) {
  const auto* p = reinterpret_cast<const uint8_t*>(s.data());
  int32_t i = static_cast<int32_t>(byte_offset);
  int32_t length = static_cast<int32_t>(s.size());
  UChar32 c;
  U8_NEXT(p, i, length, c);
  if (c < 0) return "an invalid UTF-8 byte";
  char hex[16];
  std::snprintf(hex, sizeof hex, "U+%04X", static_cast<unsigned>(c));
  std::string out = hex;
  if (c >= 0x20 && c != 0x7F) out += " '" + std::string(s.substr(byte_offset, i - byte_offset)) + "'";
  return out;
}

}  // namespace vanban::unicode

namespace vanban::unicode {

std::string fold_case(std::string_view s) {
  icu::UnicodeString text = icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), static_cast<int32_t>(s.size())));
  text.foldCase(U_FOLD_CASE_DEFAULT);
  std::string out;
  text.toUTF8String(out);
  return to_nfc(out);
}

}  // namespace vanban::unicode

namespace vanban::unicode {

std::u32string folded_letters(std::string_view text) {
  UErrorCode status = U_ZERO_ERROR;
  icu::UnicodeString s = icu::UnicodeString::fromUTF8(icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
  s.toLower(icu::Locale("vi"));
  const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(status);
  icu::UnicodeString d = U_SUCCESS(status) ? nfd->normalize(s, status) : s;
  std::u32string out;
  for (int32_t i = 0; i < d.length(); i = d.moveIndex32(i, 1)) {
    UChar32 c = d.char32At(i);
    if (u_getCombiningClass(c) != 0 || u_charType(c) == U_NON_SPACING_MARK) continue;
    if (c == 0x0111) c = 'd';
    out += static_cast<char32_t>(c);
  }
  return out;
}

}  // namespace vanban::unicode
