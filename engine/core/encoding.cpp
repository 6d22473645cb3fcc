#include "core/encoding.h"

#include <unicode/normalizer2.h>
#include <unicode/ucnv.h>
#include <unicode/unistr.h>
#include <unicode/utf16.h>

#include <algorithm>
#include <memory>
#include <vector>

#include "core/diagnostic.h"
#include "core/error.h"
#include "core/i18n.h"
#include "core/syllable.h"
#include "core/unicode.h"

namespace vanban::encoding {
namespace {

// TCVN 5712:1993 VN1, bytes 0x80-0xFF: VN3 (the ABC fonts' set: lower-case toned vowels,
// ă â ê ô ơ ư đ and their capitals at 0xA1-0xAE, the five tones as combining marks at
// 0xB0-0xB4) and the toned capitals VN1 adds in the gaps. Typed from the standard's chart.
constexpr char16_t kTcvnHigh[129] =
    u"ÀẢÃÁẠẶẬÈẺẼÉẸỆÌỈĨ"                          // 0x80
    u"ÍỊÒỎÕÓỌỘỜỞỠỚỢÙỦŨ"                          // 0x90
    u"\u00A0ĂÂÊÔƠƯĐăâêôơưđẰ"                      // 0xA0
    u"\u0300\u0309\u0303\u0301\u0323àảãáạẲằẳẵắẴ"  // 0xB0
    u"ẮẦẨẪẤỀặầẩẫấậèỂẻẽ"                          // 0xC0
    u"éẹềểễếệìỉỄẾỒĩíịò"                          // 0xD0
    u"ỔỏõóọồổỗốộờởỡớợùỖ"                         // 0xE0 (ends with 0xF0)
    u"ủũúụừửữứựỳỷỹýỵỐ";                          // 0xF1
// VN1 puts twelve more capitals among the C0 controls (never tab, line feed or return).
constexpr char16_t kTcvnLow[32] = {0,      u'Ú',   u'Ụ', 0x03,   u'Ừ',   u'Ử',   u'Ữ',   0x07,
                                   0x08,   0x09,   0x0A, 0x0B,   0x0C,   0x0D,   0x0E,   0x0F,
                                   0x10,   u'Ứ',   u'Ự', u'Ỳ',   u'Ỷ',   u'Ỹ',   u'Ý',   u'Ỵ',
                                   0x18,   0x19,   0x1A, 0x1B,   0x1C,   0x1D,   0x1E,   0x1F};

// Windows-1252 at 0x80-0x9F (0 = unassigned): what a VNI font draws at the bytes it does
// not use for Vietnamese, and how a legacy-font cell's characters map back to bytes.
constexpr char16_t kCp1252[32] = {0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
                                  0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0,      0x017D, 0,
                                  0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
                                  0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178};

// VNI Windows: a base letter followed by a mark byte. Tones in the order
// none, acute, grave, hook, tilde, dot below; lower-case marks (capitals: 0x20 less).
enum Tone { kNone, kAcute, kGrave, kHook, kTilde, kDot };
constexpr char16_t kToneMark[6] = {0, 0x0301, 0x0300, 0x0309, 0x0303, 0x0323};
constexpr unsigned char kVniTone[6] = {0, 0xF9, 0xF8, 0xFB, 0xF5, 0xEF};
constexpr unsigned char kVniCircumflex[6] = {0xE2, 0xE1, 0xE0, 0xE5, 0xE3, 0xE4};
constexpr unsigned char kVniBreve[6] = {0xEA, 0xE9, 0xE8, 0xFA, 0xFC, 0xEB};
constexpr unsigned char kVniI[6] = {'i', 0xED, 0xEC, 0xE6, 0xF3, 0xF2};  // í ì ỉ ĩ ị: one byte each
constexpr unsigned char kVniYDot = 0xEE;                                 // ỵ: one byte
constexpr unsigned char kVniD = 0xF1, kVniOHorn = 0xF4, kVniUHorn = 0xF6; // đ ơ ư

std::string nfc_of(const icu::UnicodeString& u) {
  std::string out;
  u.toUTF8String(out);
  return unicode::to_nfc(out);
}

int find_mark(const unsigned char* marks, unsigned char b, bool from_one) {
  for (int t = from_one ? 1 : 0; t < 6; ++t) {
    if (marks[t] == b || marks[t] - 0x20 == b) return t;
  }
  return -1;
}

bool is_ascii_letter(unsigned char b) { return (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z'); }

// The byte a legacy font typed for `c` (its Latin-1 or Windows-1252 character), or -1.
int byte_of(UChar32 c) {
  if (c < 0x80 || (c >= 0xA0 && c <= 0xFF)) return static_cast<int>(c);
  if (c >= 0x80 && c <= 0x9F) return static_cast<int>(c);  // a C1 control kept as the byte
  for (int i = 0; i < 32; ++i)
    if (kCp1252[i] && kCp1252[i] == c) return 0x80 + i;
  return -1;
}

}  // namespace

const char* name(Encoding e) {
  switch (e) {
    case Encoding::Utf8: return "UTF-8";
    case Encoding::Utf16LE: return "UTF-16LE";
    case Encoding::Utf16BE: return "UTF-16BE";
    case Encoding::Windows1258: return "Windows-1258";
    case Encoding::Tcvn3: return "TCVN3 (ABC)";
    case Encoding::Vni: return "VNI Windows";
  }
  return "?";
}

std::string decode_tcvn3(std::string_view bytes) {
  icu::UnicodeString u;
  for (unsigned char b : bytes) {
    if (b < 0x20) u.append(kTcvnLow[b]);
    else if (b < 0x80) u.append(static_cast<char16_t>(b));
    else u.append(kTcvnHigh[b - 0x80]);
  }
  return nfc_of(u);
}

std::optional<std::string> encode_tcvn3(std::string_view utf8) {
  std::string out;
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
  for (int32_t i = 0; i < u.length(); ++i) {
    char16_t c = u.charAt(i);
    if (c >= 0x20 && c < 0x80) {
      out += static_cast<char>(c);
      continue;
    }
    int byte = -1;
    for (int b = 0; b < 128 && byte < 0; ++b)
      if (kTcvnHigh[b] == c) byte = 0x80 + b;
    for (int b = 0; b < 32 && byte < 0; ++b)
      if (kTcvnLow[b] == c) byte = b;
    if (byte < 0) return std::nullopt;
    out += static_cast<char>(byte);
  }
  return out;
}

std::optional<std::string> decode_vni(std::string_view bytes) {
  icu::UnicodeString u;
  for (size_t i = 0; i < bytes.size(); ++i) {
    const auto b = static_cast<unsigned char>(bytes[i]);
    const int next = i + 1 < bytes.size() ? static_cast<unsigned char>(bytes[i + 1]) : -1;
    const char lower = static_cast<char>(b | 0x20);
    const bool vowel = is_ascii_letter(b) && std::string_view("aeouy").find(lower) != std::string_view::npos;
    const bool horn = b == kVniOHorn || b == kVniOHorn - 0x20 || b == kVniUHorn || b == kVniUHorn - 0x20;
    if ((vowel || horn) && next >= 0x80) {
      const auto m = static_cast<unsigned char>(next);
      int tone = find_mark(kVniTone, m, true);
      int circumflex = vowel && std::string_view("aeo").find(lower) != std::string_view::npos
                           ? find_mark(kVniCircumflex, m, false) : -1;
      int breve = vowel && lower == 'a' ? find_mark(kVniBreve, m, false) : -1;
      if (tone >= 0 || circumflex >= 0 || breve >= 0) {
        if (horn) {
          bool upper = b < 0xE0;
          u.append(static_cast<char16_t>((b | 0x20) == kVniOHorn ? (upper ? u'O' : u'o') : (upper ? u'U' : u'u')));
          u.append(char16_t{0x031B});
        } else {
          u.append(static_cast<char16_t>(b));
        }
        if (circumflex >= 0) u.append(char16_t{0x0302});
        if (breve >= 0) u.append(char16_t{0x0306});
        int t = tone >= 0 ? tone : circumflex >= 0 ? circumflex : breve;
        if (t > 0) u.append(kToneMark[t]);
        ++i;
        continue;
      }
    }
    if (b < 0x80) {
      u.append(static_cast<char16_t>(b));
    } else if (int t = find_mark(kVniI, b, true); t > 0) {
      u.append(b >= 0xE0 ? u'i' : u'I').append(kToneMark[t]);
    } else if (b == kVniYDot || b == kVniYDot - 0x20) {
      u.append(b >= 0xE0 ? u'y' : u'Y').append(kToneMark[kDot]);
    } else if (b == kVniD || b == kVniD - 0x20) {
      u.append(b >= 0xE0 ? char16_t{0x0111} : char16_t{0x0110});
    } else if (horn) {
      u.append(static_cast<char16_t>((b | 0x20) == kVniOHorn ? (b >= 0xE0 ? u'o' : u'O') : (b >= 0xE0 ? u'u' : u'U')));
      u.append(char16_t{0x031B});
    } else if (b < 0xA0) {
      if (!kCp1252[b - 0x80]) return std::nullopt;
      u.append(kCp1252[b - 0x80]);
    } else {
      u.append(static_cast<char16_t>(b));  // Windows-1252 = Latin-1 from 0xA0
    }
  }
  return nfc_of(u);
}

std::optional<std::string> encode_vni(std::string_view utf8) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(status);
  icu::UnicodeString u = nfd->normalize(
      icu::UnicodeString::fromUTF8(icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size()))), status);
  if (U_FAILURE(status)) return std::nullopt;
  std::string out;
  for (int32_t i = 0; i < u.length();) {
    char16_t base = u.charAt(i++);
    int tone = kNone;
    char16_t modifier = 0;
    while (i < u.length()) {
      char16_t m = u.charAt(i);
      int t = 0;
      for (int k = 1; k < 6; ++k)
        if (kToneMark[k] == m) t = k;
      if (t && tone == kNone) tone = t;
      else if ((m == 0x0302 || m == 0x0306 || m == 0x031B) && !modifier) modifier = m;
      else break;
      ++i;
    }
    const bool upper = base >= u'A' && base <= u'Z';
    const int shift = upper ? 0x20 : 0;
    const char lower = static_cast<char>(base | 0x20);
    if (base == 0x0111 || base == 0x0110) {
      if (tone || modifier) return std::nullopt;
      out += static_cast<char>(kVniD - (base == 0x0110 ? 0x20 : 0));
      continue;
    }
    if (base >= 0x80) return std::nullopt;
    if (!tone && !modifier) {
      out += static_cast<char>(base);
      continue;
    }
    if (modifier == 0x031B && (lower == 'o' || lower == 'u')) {
      out += static_cast<char>((lower == 'o' ? kVniOHorn : kVniUHorn) - shift);
      if (tone) out += static_cast<char>(kVniTone[tone] - shift);
    } else if (modifier == 0x0302 && (lower == 'a' || lower == 'e' || lower == 'o')) {
      out += static_cast<char>(base);
      out += static_cast<char>(kVniCircumflex[tone] - shift);
    } else if (modifier == 0x0306 && lower == 'a') {
      out += static_cast<char>(base);
      out += static_cast<char>(kVniBreve[tone] - shift);
    } else if (modifier) {
      return std::nullopt;
    } else if (lower == 'i') {
      out += static_cast<char>(kVniI[tone] - shift);
    } else if (lower == 'y' && tone == kDot) {
      out += static_cast<char>(kVniYDot - shift);
    } else if (std::string_view("aeouy").find(lower) != std::string_view::npos) {
      out += static_cast<char>(base);
      out += static_cast<char>(kVniTone[tone] - shift);
    } else {
      return std::nullopt;
    }
  }
  return out;
}

std::optional<std::string> decode_windows_1258(std::string_view bytes) {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<UConverter, void (*)(UConverter*)> conv(ucnv_open("windows-1258", &status), ucnv_close);
  if (U_FAILURE(status)) throw Error(ErrorKind::Input, trf("ICU has no {0} converter", "windows-1258"));
  icu::UnicodeString u(bytes.data(), static_cast<int32_t>(bytes.size()), conv.get(), status);
  if (U_FAILURE(status)) return std::nullopt;
  for (int32_t i = 0; i < u.length(); ++i) {
    char16_t c = u.charAt(i);
    if ((c >= 0x80 && c <= 0x9F) || c == 0xFFFD || c == 0x1A) return std::nullopt;  // an unassigned byte
  }
  return nfc_of(u);
}

namespace {

struct Place {
  int line, column;
};

// The line:column of `offset` (the bytes before it are valid UTF-8).
Place line_column(std::string_view bytes, size_t offset) {
  size_t start = offset;
  while (start > 0 && bytes[start - 1] != '\n') --start;
  int line = 1 + static_cast<int>(std::count(bytes.begin(), bytes.begin() + static_cast<long>(offset), '\n'));
  int column = 1 + static_cast<int>(unicode::count_code_points(bytes.substr(start), offset - start));
  return {line, column};
}

[[noreturn]] void undecodable(const std::string& source, std::string_view bytes, size_t offset, const std::string& message,
                              const std::string& hint) {
  Place at = line_column(bytes, offset);
  Diagnostics d;
  d.error(ErrorKind::Syntax, message, source, at.line, at.column, {}, hint);
  d.throw_if_errors();
  throw Error(ErrorKind::Syntax, message, source, at.line, at.column);  // not reached
}

std::string from_utf16(std::string_view bytes, bool little_endian, size_t bom, const std::string& source) {
  icu::UnicodeString u;
  auto unit = [&](size_t i) -> char16_t {
    auto a = static_cast<unsigned char>(bytes[i]), b = static_cast<unsigned char>(bytes[i + 1]);
    return static_cast<char16_t>(little_endian ? (b << 8 | a) : (a << 8 | b));
  };
  for (size_t i = bom; i + 1 < bytes.size(); i += 2) {
    char16_t c = unit(i);
    bool paired = U16_IS_LEAD(c) && i + 3 < bytes.size() && U16_IS_TRAIL(unit(i + 2));
    if (U16_IS_SURROGATE(c) && !paired) {
      std::string before;
      u.toUTF8String(before);
      Place at = line_column(before, before.size());
      Diagnostics d;
      d.error(ErrorKind::Syntax, tr("an unpaired UTF-16 surrogate: the file is not valid UTF-16"), source, at.line,
              at.column, {}, tr("save the list again from Excel as \"Unicode text\" or as an .xlsx workbook"));
      d.throw_if_errors();
    }
    u.append(c);
    if (paired) {
      u.append(unit(i + 2));
      i += 2;
    }
  }
  return nfc_of(u);
}

}  // namespace

Decoded decode(std::string_view bytes, const std::string& source) {
  Decoded out;
  if (bytes.substr(0, 2) == "\xFF\xFE" || bytes.substr(0, 2) == "\xFE\xFF") {
    out.encoding = bytes[0] == '\xFF' ? Encoding::Utf16LE : Encoding::Utf16BE;
    out.bom = 2;
    out.text = from_utf16(bytes, out.encoding == Encoding::Utf16LE, 2, source);
    return out;
  }
  if (bytes.substr(0, 3) == "\xEF\xBB\xBF") out.bom = 3;
  const std::string_view body = bytes.substr(out.bom);
  auto bad = unicode::find_invalid_utf8(body);
  if (!bad) {
    out.text = std::string(body);
    return out;
  }
  const std::string tried = "UTF-8, UTF-16, Windows-1258, TCVN3 (ABC), VNI Windows";
  const std::string hint = tr("save the list from Excel as \"CSV UTF-8 (Comma delimited)\" or as an .xlsx workbook");
  if (out.bom) {
    undecodable(source, bytes, out.bom + *bad,
                tr("invalid UTF-8 byte sequence in a file that starts with a UTF-8 byte order mark"), hint);
  }
  // UTF-16 without a byte order mark: NUL in every other byte.
  if (bytes.size() >= 4 && bytes.size() % 2 == 0) {
    size_t even = 0, odd = 0;
    for (size_t i = 0; i < bytes.size(); i += 2) {
      even += bytes[i] == 0;
      odd += bytes[i + 1] == 0;
    }
    const size_t pairs = bytes.size() / 2;
    if (odd * 10 >= pairs * 4 && even * 20 < pairs) {
      out.encoding = Encoding::Utf16LE;
      out.text = from_utf16(bytes, true, 0, source);
      return out;
    }
    if (even * 10 >= pairs * 4 && odd * 20 < pairs) {
      out.encoding = Encoding::Utf16BE;
      out.text = from_utf16(bytes, false, 0, source);
      return out;
    }
  }
  // An 8-bit encoding: the one that makes the most words Vietnamese (Windows-1258 first
  // on a tie: it is what Excel writes), judged on the first MiB (cut at a line end) so a
  // big file is decoded in full once, by the encoding chosen.
  std::string_view sample = bytes;
  if (sample.size() > (1u << 20)) {
    size_t cut = sample.rfind('\n', 1u << 20);
    sample = sample.substr(0, cut == std::string_view::npos ? (1u << 20) : cut + 1);
  }
  auto decode_as = [](Encoding e, std::string_view b) -> std::optional<std::string> {
    std::optional<std::string> text = e == Encoding::Windows1258 ? decode_windows_1258(b)
                                      : e == Encoding::Tcvn3     ? std::optional<std::string>(decode_tcvn3(b))
                                                                 : decode_vni(b);
    if (text && text->find('\0') != std::string::npos) return std::nullopt;  // binary, not text
    return text;
  };
  struct Candidate {
    Encoding encoding;
    syllable::Count count;
  };
  std::vector<Candidate> readable;
  for (Encoding e : {Encoding::Windows1258, Encoding::Tcvn3, Encoding::Vni}) {
    auto text = decode_as(e, sample);
    if (!text) continue;
    syllable::Count count = syllable::count_words(*text);
    if (count.valid > 0 && count.valid >= count.invalid) readable.push_back({e, count});
  }
  std::stable_sort(readable.begin(), readable.end(),
                   [](const Candidate& a, const Candidate& b) { return a.count.score() > b.count.score(); });
  for (const auto& c : readable) {
    auto text = sample.size() == bytes.size() ? decode_as(c.encoding, sample) : decode_as(c.encoding, bytes);
    if (!text) continue;  // a byte past the sample it has no meaning for
    out.encoding = c.encoding;
    out.text = std::move(*text);
    out.guessed = true;
    return out;
  }
  undecodable(source, bytes, *bad,
              trf("invalid UTF-8 byte sequence, and the file does not read as Vietnamese in any encoding tried ({0})",
                  tried),
              hint);
}

FontHint font_hint(std::string_view font) {
  auto starts = [&](std::string_view prefix) {
    if (font.size() < prefix.size()) return false;
    for (size_t i = 0; i < prefix.size(); ++i)
      if (std::tolower(static_cast<unsigned char>(font[i])) != prefix[i]) return false;
    return true;
  };
  if (starts(".vn")) return (font.back() == 'H' || font.back() == 'h') ? FontHint::Tcvn3Capitals : FontHint::Tcvn3;
  if (starts("vni-") || starts("vni ")) return FontHint::Vni;
  return FontHint::None;
}

bool may_be_legacy(std::string_view cell) {
  bool high = false;
  for (size_t i = 0; i < cell.size(); ++i) {
    const auto b = static_cast<unsigned char>(cell[i]);
    if (b < 0x80) continue;
    high = true;
    if (b == 0xC2 || b == 0xC3) {  // U+0080-U+00FF
      ++i;
      continue;
    }
    // Windows-1252's letters and signs beyond Latin-1 (U+0152 … U+2122).
    if ((b == 0xC5 || b == 0xC6 || b == 0xCB || b == 0xE2) && i + 1 < cell.size()) {
      size_t len = b >= 0xE0 ? 3 : 2;
      if (i + len > cell.size()) return false;
      UChar32 c = b >= 0xE0 ? ((b & 0x0F) << 12) | ((cell[i + 1] & 0x3F) << 6) | (cell[i + 2] & 0x3F)
                            : ((b & 0x1F) << 6) | (cell[i + 1] & 0x3F);
      if (byte_of(c) < 0) return false;
      i += len - 1;
      continue;
    }
    return false;
  }
  return high;
}

std::optional<Repair> repair_cell(std::string_view cell, FontHint hint) {
  std::string bytes;
  bool ascii = true;
  size_t upper = 0, lower = 0;
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(icu::StringPiece(cell.data(), static_cast<int32_t>(cell.size())));
  for (int32_t i = 0; i < u.length();) {
    UChar32 c = u.char32At(i);
    i += U16_LENGTH(c);
    int b = byte_of(c);
    if (b < 0) return std::nullopt;  // a character no legacy font typed: real Unicode
    ascii = ascii && b < 0x80;
    upper += b >= 'A' && b <= 'Z';
    lower += b >= 'a' && b <= 'z';
    bytes += static_cast<char>(b);
  }
  Repair r;
  if (hint == FontHint::Tcvn3 || hint == FontHint::Tcvn3Capitals) {
    r.encoding = Encoding::Tcvn3;
    r.text = decode_tcvn3(bytes);
  } else if (hint == FontHint::Vni) {
    auto v = decode_vni(bytes);
    if (!v) return std::nullopt;
    r.encoding = Encoding::Vni;
    r.text = *v;
  } else {
    if (ascii) return std::nullopt;
    // Text whose words are all Vietnamese already ("Lê Thu Hà", "Giáo viên") stays.
    syllable::Count now = syllable::count_words(cell);
    if (now.invalid == 0) return std::nullopt;
    std::string tcvn = decode_tcvn3(bytes);
    auto vni = decode_vni(bytes);
    syllable::Count t = syllable::count_words(tcvn);
    syllable::Count v = vni ? syllable::count_words(*vni) : syllable::Count{};
    if (t.valid > 0 && t.score() > now.score() && (!vni || t.score() >= v.score())) {
      r.encoding = Encoding::Tcvn3;
      r.text = std::move(tcvn);
    } else if (vni && v.valid > 0 && v.score() > now.score()) {
      r.encoding = Encoding::Vni;
      r.text = std::move(*vni);
    } else {
      return std::nullopt;
    }
  }
  if (r.encoding == Encoding::Tcvn3) {
    // Capitals were typed with the .VnTimeH font at the lower-case codes: a cell whose
    // ASCII letters are all capitals was typed so; with fewer than two letters to tell
    // by, the column decides (model/csv.h).
    r.capitals = hint == FontHint::Tcvn3Capitals || (lower == 0 && upper >= 2);
    r.case_unknown = !r.capitals && lower == 0;
    if (r.capitals) r.text = unicode::to_upper_vi(r.text);
  }
  if (r.text == cell) return std::nullopt;
  return r;
}

}  // namespace vanban::encoding
