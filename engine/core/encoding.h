// Text as Vietnamese offices have it (../shared/notes/legacy-encodings.md): UTF-8 with or
// without a BOM, UTF-16 (Excel's "Unicode text"), Windows-1258 (Excel's "CSV" on a
// Vietnamese Windows: tones as combining bytes, decoded by ICU and normalised to NFC),
// and the legacy font encodings TCVN3 (ABC: .VnTime, .VnTimeH) and VNI Windows
// (VNI-Times), decoded by our own tables. A file that is not UTF-8 is decoded every way
// and the decoding whose words are Vietnamese syllables (core/syllable.h) wins. Text
// typed with a TCVN3 or VNI font inside a Unicode file (mojibake: "NguyÔn V¨n Th¾ng",
// "Nguyeãn Vaên") is recognised cell by cell (repair_cell). Every function is thread-safe
// and keeps no state.
#pragma once
#include <optional>
#include <string>
#include <string_view>

namespace vanban::encoding {

enum class Encoding { Utf8, Utf16LE, Utf16BE, Windows1258, Tcvn3, Vni };

// "UTF-8", "UTF-16LE", "UTF-16BE", "Windows-1258", "TCVN3 (ABC)", "VNI Windows".
const char* name(Encoding e);

struct Decoded {
  std::string text;       // UTF-8 (NFC when converted; UTF-8 input is returned as it is)
  Encoding encoding = Encoding::Utf8;
  size_t bom = 0;         // bytes of the BOM skipped (UTF-8 input: `text` keeps them out too)
  bool guessed = false;   // an 8-bit encoding chosen by its syllables (worth a warning)
};

// The text of a file: UTF-8 (a BOM skipped), UTF-16 with a BOM (or without one when
// every other byte is NUL), else the best of Windows-1258, TCVN3 and VNI by their share of
// Vietnamese syllables. Throws Error(Syntax) naming `source` and the line:column of the
// first byte that is not UTF-8 when none of them reads as Vietnamese (or UTF-16 holds an
// unpaired surrogate), saying which encodings were tried, with a hint.
Decoded decode(std::string_view bytes, const std::string& source);

// One encoding, every byte: nullopt when a byte has no meaning in it (Windows-1258's
// unassigned bytes, a byte VNI and Windows-1252 leave undefined). Results are NFC.
std::optional<std::string> decode_windows_1258(std::string_view bytes);
std::string decode_tcvn3(std::string_view bytes);  // TCVN 5712:1993 VN1 (VN3 + capitals), as glibc's TCVN5712-1
std::optional<std::string> decode_vni(std::string_view bytes);

// The other way, for tests and tools: nullopt when a character has no code.
std::optional<std::string> encode_tcvn3(std::string_view utf8);
std::optional<std::string> encode_vni(std::string_view utf8);

// A cell of a Unicode file typed with a legacy font, converted.
struct Repair {
  Encoding encoding = Encoding::Tcvn3;  // Tcvn3 or Vni
  std::string text;                     // NFC
  // TCVN3 only: the cell's ASCII letters are all capitals (it was typed with a .VnTimeH
  // font: `text` has been upper-cased), or it has no ASCII letter to tell by.
  bool capitals = false;
  bool case_unknown = false;
};

// What the cell's font says (XLSX styles): nothing, a TCVN3 font (.VnTime), a TCVN3
// capitals font (.VnTimeH), a VNI font (VNI-Times).
enum class FontHint { None, Tcvn3, Tcvn3Capitals, Vni };
FontHint font_hint(std::string_view font_name);

// Whether `cell` (UTF-8) could be text typed with a legacy font: it has a character
// beyond ASCII and all of them are Latin-1 or Windows-1252 (a byte such a font typed).
// A fast test on the bytes, before repair_cell.
bool may_be_legacy(std::string_view cell);

// `cell` (UTF-8) read back as the bytes a legacy font typed (its characters as
// Windows-1252/Latin-1 bytes) and decoded as TCVN3 or VNI, when that makes more of its
// words Vietnamese syllables than it has now (or the font says so); nullopt when the cell
// is fine as it is (ASCII, real Vietnamese Unicode, another language).
std::optional<Repair> repair_cell(std::string_view cell, FontHint hint = FontHint::None);

}  // namespace vanban::encoding
