// Fonts in a PDF: the glyphs a document uses, numbered as CIDs in order of first use, and
// their embedding as a subset TrueType program (hb-subset) in a Type0/CIDFontType2 font with
// Identity-H encoding, a CIDToGIDMap and an exact ToUnicode map (one CID per distinct
// (glyph, text) pair, so copy-paste returns exactly the laid-out text).
#pragma once
#include <podofo/podofo.h>

#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "core/error.h"
#include "core/i18n.h"
#include "text/font.h"

namespace vanban::pdf {

// One embedded font: CIDs allocated per distinct (glyph, text) in order of first use.
struct EmbeddedFont {
  const text::Font* font = nullptr;
  std::string resource_name;  // "F1"
  PoDoFo::PdfObject* type0 = nullptr;
  std::map<std::pair<uint32_t, std::string>, uint16_t> cid_of;
  std::vector<std::pair<uint32_t, std::string>> by_cid{{0, ""}};  // CID 0 = .notdef

  uint16_t cid(uint32_t glyph, const std::string& text) {
    auto key = std::make_pair(glyph, text);
    auto it = cid_of.find(key);
    if (it != cid_of.end()) return it->second;
    if (by_cid.size() >= 0xFFFF) throw Error(ErrorKind::Output, tr("more than 65535 distinct glyphs in one font"));
    uint16_t c = static_cast<uint16_t>(by_cid.size());
    by_cid.push_back(key);
    cid_of.emplace(std::move(key), c);
    return c;
  }
};

// "ABCD": four upper-case hex digits of `v` appended to `out`.
void put_hex4(std::string& out, unsigned v);

// Writes the font program, descriptor, CIDFont, widths, CIDToGIDMap and ToUnicode of `f`
// into `objects`, and completes its Type0 dictionary (f.type0). Deterministic: the same
// glyphs give the same bytes and the same subset tag.
void embed_font(PoDoFo::PdfVecObjects& objects, EmbeddedFont& f);

// UTF-8 -> UTF-16BE in hex digits (ToUnicode maps, text strings).
std::string utf16_hex(const std::string& utf8);

}  // namespace vanban::pdf
