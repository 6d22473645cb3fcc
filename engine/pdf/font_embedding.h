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
  std::vector<std::pair<uint32_t, std::string>> by_cid{{0, ""}};  // CID 0 = .notdef

  // Called for every glyph of every page: a glyph's first (glyph, text) is found in a flat
  // table by glyph id; the same glyph standing for another text (rare) in a map.
  uint16_t cid(uint32_t glyph, const std::string& text) {
    if (first_.empty() && font) first_.resize(font->glyph_count(), 0);
    if (glyph < first_.size()) {
      const uint16_t c = first_[glyph];
      if (c == 0) return first_[glyph] = allocate(glyph, text);
      if (by_cid[c].second == text) return c;
    }
    auto key = std::make_pair(glyph, text);
    auto it = others_.find(key);
    if (it != others_.end()) return it->second;
    const uint16_t c = allocate(glyph, text);
    others_.emplace(std::move(key), c);
    return c;
  }

  // The glyph's advance in font units (text::Font::glyph_advance), asked of the face
  // once per glyph: every glyph of every run needs it.
  int advance(uint32_t glyph) {
    if (advances_.empty() && font) advances_.resize(font->glyph_count(), kUnknown);
    if (glyph >= advances_.size()) return font->glyph_advance(glyph);
    int& a = advances_[glyph];
    if (a == kUnknown) a = font->glyph_advance(glyph);
    return a;
  }

 private:
  std::vector<uint16_t> first_;  // glyph id -> the CID of its first (glyph, text); 0: none yet
  std::map<std::pair<uint32_t, std::string>, uint16_t> others_;
  static constexpr int kUnknown = INT32_MIN;
  std::vector<int> advances_;    // glyph id -> advance; kUnknown: not asked yet

  uint16_t allocate(uint32_t glyph, const std::string& text) {
    if (by_cid.size() >= 0xFFFF) throw Error(ErrorKind::Output, tr("more than 65535 distinct glyphs in one font"));
    by_cid.emplace_back(glyph, text);
    return static_cast<uint16_t>(by_cid.size() - 1);
  }
};

// "ABCD": four upper-case hex digits of `v` appended to `out`.
void put_hex4(std::string& out, unsigned v);

struct FontProgram;

// Writes the font program, descriptor, CIDFont, widths, CIDToGIDMap and ToUnicode of `f`
// into `objects`, and completes its Type0 dictionary (f.type0). The program is `shared`
// (one made once for many files: pdf/font_programs.h) when it has every glyph `f` uses;
// else a subset of exactly those glyphs is made for this file. Its small streams are
// compressed with the calling thread's deflater. Deterministic: the same glyphs give the
// same bytes and the same subset tag.
void embed_font(PoDoFo::PdfVecObjects& objects, EmbeddedFont& f, const FontProgram* shared = nullptr);

// UTF-8 -> UTF-16BE in hex digits (ToUnicode maps, text strings).
std::string utf16_hex(const std::string& utf8);

}  // namespace vanban::pdf
