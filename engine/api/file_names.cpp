// File names for the certificates of a batch written one file per row.
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <string>
#include <string_view>

#include "core/unicode.h"
#include "vanban/engine.h"
#include "wording/wording.h"

namespace vanban {
namespace {

// The pattern with {key} replaced by the row's field ({stt} falls back to `position`).
std::string substitute(const std::string& pattern, const model::ListRow& row, size_t position) {
  return wording::fill_pattern(pattern, [&](const std::string& key) {
    const std::string& value = row.field(key);
    if (!value.empty()) return value;
    return key == "stt" ? std::to_string(position) : std::string();
  });
}

// Every letter kept; controls and what Windows forbids replaced, invisible format
// characters (bidi embeddings, overrides and isolates, zero-width marks, U+061C, soft
// hyphen, BOM: Unicode category Cf) dropped, so that a name shows what it is.
std::string clean_characters(std::string_view in) {
  std::string out;
  const auto* p = reinterpret_cast<const uint8_t*>(in.data());
  const int32_t length = static_cast<int32_t>(in.size());
  for (int32_t i = 0; i < length;) {
    int32_t start = i;
    UChar32 c;
    U8_NEXT(p, i, length, c);
    if (c < 0) {
      out += '_';  // not UTF-8
    } else if (c == '\t' || c == '\n' || c == '\r' || c == 0x85 || c == 0x2028 || c == 0x2029) {
      out += ' ';  // a line break in a cell: a space in a name
    } else if (c < 0x20 || (c >= 0x7F && c <= 0x9F)) {
      out += '_';
    } else if (c < 0x80 && std::string_view("/\\:*?\"<>|").find(static_cast<char>(c)) != std::string_view::npos) {
      out += '_';
    } else if (u_charType(c) == U_FORMAT_CHAR) {
      continue;
    } else {
      out.append(in.substr(static_cast<size_t>(start), static_cast<size_t>(i - start)));
    }
  }
  return out;
}

void trim_dots_and_spaces(std::string& s) {
  while (!s.empty() && (s.back() == '.' || s.back() == ' ')) s.pop_back();
  size_t lead = 0;
  while (lead < s.size() && (s[lead] == '.' || s[lead] == ' ')) ++lead;
  s.erase(0, lead);
}

// CON, PRN, AUX, NUL, COM0-9, LPT0-9 (superscript ¹²³ too), CONIN$, CONOUT$: devices on
// Windows whatever the case and the extension ("nul.pdf", "Com1 .x").
bool reserved_on_windows(const std::string& name) {
  std::string stem = name.substr(0, name.find('.'));
  while (!stem.empty() && stem.back() == ' ') stem.pop_back();
  std::string upper;
  for (char c : stem) upper += static_cast<char>(c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c);
  for (const char* device : {"CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$"})
    if (upper == device) return true;
  if (upper.size() >= 4 && (upper.compare(0, 3, "COM") == 0 || upper.compare(0, 3, "LPT") == 0)) {
    std::string digit = upper.substr(3);
    if (digit.size() == 1 && digit[0] >= '0' && digit[0] <= '9') return true;
    if (digit == "\xC2\xB9" || digit == "\xC2\xB2" || digit == "\xC2\xB3") return true;  // ¹ ² ³
  }
  return false;
}

}  // namespace

std::string certificate_file_name(const std::string& pattern, const model::ListRow& row, size_t position) {
  std::string out = clean_characters(substitute(pattern, row, position));
  if (!unicode::find_invalid_utf8(out)) out = unicode::to_nfc(out);
  trim_dots_and_spaces(out);
  if (out.size() > 150) {
    size_t cut = 150;
    while (cut > 0 && (static_cast<unsigned char>(out[cut]) & 0xC0) == 0x80) --cut;
    out.resize(cut);
    trim_dots_and_spaces(out);
  }
  if (out.empty()) out = "row-" + std::to_string(row.row);
  if (reserved_on_windows(out)) out = "_" + out;
  return out;
}

std::string file_name_key(const std::string& name) {
  if (unicode::find_invalid_utf8(name)) return name;
  return unicode::fold_case(name);
}

// The failed rows of a batch, for <out>.errors.csv.
std::string batch_report_csv(const BatchResult& result) {
  auto csv = [](const std::string& v) {
    std::string out = "\"";
    for (char c : v) out += c == '"' ? std::string("\"\"") : std::string(1, c);
    return out + "\"";
  };
  std::string report = "row,stt,column,field,message\n";
  for (const auto& e : result.errors) {
    report += std::to_string(e.row) + "," + csv(e.stt) + "," + std::to_string(e.column) + "," + csv(e.field) + "," +
              csv(e.message) + "\n";
  }
  return report;
}

}  // namespace vanban
