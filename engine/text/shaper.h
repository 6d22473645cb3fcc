// Shaping with HarfBuzz (language "vi", kerning and mark positioning on).
#pragma once
#include <cstdint>
#include <string_view>
#include <vector>
#include "text/font.h"

namespace vanban::text {

struct ShapedGlyph {
  uint32_t glyph_id;
  uint32_t cluster;     // byte offset into the shaped UTF-8 text where the cluster starts
  double x_advance;     // pt, at the requested size
  double x_offset;      // pt
  double y_offset;      // pt, positive = up
};

// Shapes `utf8` (NFC, valid) with `font` at `size_pt`. Throws vanban::Error(Font) naming
// the character ("U+0111 'đ'") and the font when the font lacks a glyph for it.
std::vector<ShapedGlyph> shape(const Font& font, double size_pt, std::string_view utf8);

// The same glyphs as `shape` gives, always from HarfBuzz on the whole string: no memo,
// no pieces (text/space_cuts.h). What `shape` is tested against.
std::vector<ShapedGlyph> shape_whole(const Font& font, double size_pt, std::string_view utf8);

// Whether `font`'s cmap maps every character of `utf8` to a glyph (false also for bytes
// that are not UTF-8). Answers per character are remembered with the face.
bool maps_all(const Font& font, std::string_view utf8);

// Width in pt of `utf8` shaped with `font` at `size_pt`.
double measure(const Font& font, double size_pt, std::string_view utf8);

}  // namespace vanban::text
