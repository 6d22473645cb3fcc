// Font programs made once and shared by every PDF an engine writes (issue #14). A file's
// fonts used to carry a subset of exactly the glyphs the file uses, made (hb-subset) and
// compressed for every file: most of the CPU of a certificate written as a file of its
// own, and half the writing of a document. Instead each face gets one program of a fixed
// repertoire — ASCII, the Vietnamese letters (ND30-PAGE-5: Vietnamese in Times New Roman),
// the punctuation the templates and samples use — and every glyph shaping makes from it
// (ligatures), compressed once at zlib's best level. A file then carries only what
// depends on it: the CIDs it uses, their widths, CIDToGIDMap and ToUnicode. A face whose
// file uses a glyph outside the repertoire (a name in another script) gets a subset of
// its own in that file, as before.
#pragma once
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "text/font.h"

namespace vanban::pdf {

// A TrueType program for a CIDFontType2's FontFile2.
struct FontProgram {
  std::string deflated;            // the program, Flate-compressed (the stream's bytes)
  size_t length = 0;               // its length before compression (Length1)
  std::string tag;                 // the subset tag ("ABCDEF"), from its glyph set
  std::vector<uint16_t> new_gid;   // the face's glyph id -> its id in the program; 0: not in it

  bool has(uint32_t glyph) const { return glyph == 0 || (glyph < new_gid.size() && new_gid[glyph] != 0); }
};

// The subset of `font` holding `glyphs` (and .notdef), compressed at zlib `level`
// (hb-subset: no hinting, no layout tables). Error(Output) when it cannot be made.
FontProgram make_font_program(const text::Font& font, const std::vector<uint32_t>& glyphs, int level);

// The code points of the shared repertoire, ascending.
const std::vector<uint32_t>& font_repertoire();

// The glyphs of `font` the repertoire can be shaped into (HarfBuzz's glyph closure with
// the shaper's default features: the letters and their ligatures), ascending.
std::vector<uint32_t> repertoire_glyphs(const text::Font& font);

// One shared program per face, made on first use. Thread-safe; an engine keeps one.
class FontPrograms {
 public:
  // The repertoire program of `font`, the same object for the lifetime of this cache.
  const FontProgram& of(const text::Font& font) const;

 private:
  mutable std::mutex mutex_;
  mutable std::map<const text::Font*, std::unique_ptr<const FontProgram>> programs_;
};

}  // namespace vanban::pdf
