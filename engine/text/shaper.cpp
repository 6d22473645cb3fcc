#include "text/shaper.h"

#include <hb.h>

#include <algorithm>
#include <memory>
#include <new>

#include "core/error.h"
#include "core/i18n.h"
#include "core/thread_cache.h"
#include "core/unicode.h"
#include "text/shape_memo.h"
#include "text/space_cuts.h"

namespace vanban::text {
namespace {

struct BufferDeleter {
  void operator()(hb_buffer_t* b) const { hb_buffer_destroy(b); }
};
using Buffer = std::unique_ptr<hb_buffer_t, BufferDeleter>;

// One reusable buffer per thread: no shared mutable state between threads. `owned`
// holds a buffer this thread could not keep (the caller's to free).
hb_buffer_t* thread_buffer(Buffer& owned) {
  static const ThreadCache<hb_buffer_t> cache([](void* b) { hb_buffer_destroy(static_cast<hb_buffer_t*>(b)); });
  hb_buffer_t* buffer = cache.get();
  if (!buffer) {
    owned.reset(hb_buffer_create());
    if (!hb_buffer_allocation_successful(owned.get())) throw std::bad_alloc();
    if (cache.keep(owned.get())) buffer = owned.release();
    else buffer = owned.get();
  }
  hb_buffer_reset(buffer);
  return buffer;
}

// The glyphs of `utf8` in font units, shaped by HarfBuzz.
std::shared_ptr<const Font::ShapeMemo::Glyphs> shape_units(const Font& font, std::string_view utf8) {
  Buffer owned;
  hb_buffer_t* buffer = thread_buffer(owned);
  hb_buffer_add_utf8(buffer, utf8.data(), static_cast<int>(utf8.size()), 0, static_cast<int>(utf8.size()));
  hb_buffer_set_direction(buffer, HB_DIRECTION_LTR);
  hb_buffer_set_script(buffer, HB_SCRIPT_LATIN);
  static const hb_language_t vi = hb_language_from_string("vi", -1);
  hb_buffer_set_language(buffer, vi);
  hb_buffer_set_cluster_level(buffer, HB_BUFFER_CLUSTER_LEVEL_MONOTONE_GRAPHEMES);
  hb_shape(font.hb_font(), buffer, nullptr, 0);

  unsigned count = 0;
  const hb_glyph_info_t* info = hb_buffer_get_glyph_infos(buffer, &count);
  const hb_glyph_position_t* pos = hb_buffer_get_glyph_positions(buffer, &count);
  auto out = std::make_shared<Font::ShapeMemo::Glyphs>();
  out->reserve(count);
  for (unsigned i = 0; i < count; ++i) {
    if (info[i].codepoint == 0) {
      throw Error(ErrorKind::Font,
                  trf("the font has no glyph for {0} (in \"{1}\")", unicode::describe_code_point(utf8, info[i].cluster),
                      unicode::excerpt(utf8)),
                  font.path());
    }
    out->push_back({info[i].codepoint, info[i].cluster, pos[i].x_advance, pos[i].x_offset, pos[i].y_offset});
  }
  return out;
}

// Strings shorter than this are shaped whole (a piece or two: nothing to gain).
constexpr size_t kPiecesFrom = 32;

bool same_glyphs(const Font::ShapeMemo::Glyph& a, const Font::ShapeMemo::Glyph& b) {
  return a.glyph_id == b.glyph_id && a.cluster == b.cluster && a.x_advance == b.x_advance &&
         a.x_offset == b.x_offset && a.y_offset == b.y_offset;
}

// Whether a space before `c` changes nothing in shaping (text/space_cuts.h): " c" shaped
// together gives the glyphs of " " then those of "c" (clusters moved on by one byte).
bool neutral_after_space(const Font& font, char32_t c) {
  Font::ShapeMemo& memo = font.shape_memo();
  if (c >= Font::ShapeMemo::kCodePointLimit) return false;
  uint8_t known = memo.after_space[c].load(std::memory_order_relaxed);
  if (known != 0) return known == 1;
  bool neutral = false;
  hb_unicode_general_category_t gc = hb_unicode_general_category(hb_unicode_funcs_get_default(), c);
  if (gc != HB_UNICODE_GENERAL_CATEGORY_NON_SPACING_MARK && gc != HB_UNICODE_GENERAL_CATEGORY_SPACING_MARK &&
      gc != HB_UNICODE_GENERAL_CATEGORY_ENCLOSING_MARK && c >= 0x20) {
    std::string pair = " ";
    if (c < 0x80) {
      pair += static_cast<char>(c);
    } else if (c < 0x800) {
      pair += static_cast<char>(0xC0 | (c >> 6));
      pair += static_cast<char>(0x80 | (c & 0x3F));
    } else {  // below kCodePointLimit: three bytes
      pair += static_cast<char>(0xE0 | (c >> 12));
      pair += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
      pair += static_cast<char>(0x80 | (c & 0x3F));
    }
    try {
      auto together = shape_units(font, pair);
      auto space = shape_units(font, " ");
      auto alone = shape_units(font, std::string_view(pair).substr(1));
      neutral = together->size() == space->size() + alone->size();
      for (size_t i = 0; neutral && i < together->size(); ++i) {
        Font::ShapeMemo::Glyph apart = i < space->size() ? (*space)[i] : (*alone)[i - space->size()];
        if (i >= space->size()) apart.cluster += 1;
        neutral = same_glyphs((*together)[i], apart);
      }
    } catch (const Error&) {
      neutral = false;  // no glyph for it: shaped whole, where the error names the text
    }
  }
  memo.after_space[c].store(neutral ? 1 : 2, std::memory_order_relaxed);
  return neutral;
}

// Appends the glyphs of `glyphs` scaled to pt.
void append_scaled(const Font::ShapeMemo::Glyphs& glyphs, double scale, std::vector<ShapedGlyph>& out) {
  for (const auto& g : glyphs) {
    out.push_back(ShapedGlyph{g.glyph_id, g.cluster, g.x_advance * scale, g.x_offset * scale, g.y_offset * scale});
  }
}

// The glyphs of `utf8` shaped piece by piece where text/space_cuts.h says that gives the
// glyphs of the whole; each piece is looked up in the memo and remembered. Null when the
// text has no cut.
std::shared_ptr<const Font::ShapeMemo::Glyphs> shape_in_pieces(const Font& font, std::string_view utf8) {
  Font::ShapeMemo& memo = font.shape_memo();
  uint8_t allowed = memo.cuts_allowed.load(std::memory_order_relaxed);
  if (allowed == 0) {
    allowed = face_allows_space_cuts(font) ? 1 : 2;
    memo.cuts_allowed.store(allowed, std::memory_order_relaxed);
  }
  if (allowed != 1) return nullptr;
  std::vector<size_t> cuts = space_cuts(utf8, [&](char32_t c) { return neutral_after_space(font, c); });
  if (cuts.size() < 2) return nullptr;
  cuts.push_back(utf8.size());
  std::vector<std::string_view> pieces;
  pieces.reserve(cuts.size() - 1);
  for (size_t i = 0; i + 1 < cuts.size(); ++i) pieces.push_back(utf8.substr(cuts[i], cuts[i + 1] - cuts[i]));
  std::vector<std::shared_ptr<const Font::ShapeMemo::Glyphs>> found;
  memo.find_all(pieces, found);
  auto out = std::make_shared<Font::ShapeMemo::Glyphs>();
  out->reserve(utf8.size());
  auto append = [&](const Font::ShapeMemo::Glyphs& glyphs, size_t offset) {
    for (Font::ShapeMemo::Glyph g : glyphs) {
      g.cluster += static_cast<uint32_t>(offset);
      out->push_back(g);
    }
  };
  for (size_t i = 0; i < pieces.size();) {
    if (found[i]) {
      append(*found[i], cuts[i]);
      ++i;
      continue;
    }
    // Pieces not remembered, [i, j): one HarfBuzz call for all of them (the cuts between
    // them change nothing), then the glyphs split at the cuts to remember each piece.
    size_t j = i + 1;
    while (j < pieces.size() && !found[j]) ++j;
    std::shared_ptr<const Font::ShapeMemo::Glyphs> run;
    try {
      run = shape_units(font, utf8.substr(cuts[i], cuts[j] - cuts[i]));
    } catch (const Error&) {
      shape_units(font, utf8);  // the same error, naming the whole text
      throw;
    }
    append(*run, cuts[i]);
    size_t g = 0;
    for (size_t k = i; k < j; ++k) {
      const uint32_t begin = static_cast<uint32_t>(cuts[k] - cuts[i]), end = static_cast<uint32_t>(cuts[k + 1] - cuts[i]);
      auto piece = std::make_shared<Font::ShapeMemo::Glyphs>();
      for (; g < run->size() && (*run)[g].cluster < end; ++g) {
        Font::ShapeMemo::Glyph glyph = (*run)[g];
        glyph.cluster -= begin;
        piece->push_back(glyph);
      }
      memo.keep(pieces[k], std::move(piece));
    }
    i = j;
  }
  return out;
}

}  // namespace

std::vector<ShapedGlyph> shape(const Font& font, double size_pt, std::string_view utf8) {
  std::vector<ShapedGlyph> out;
  if (utf8.empty()) return out;
  Font::ShapeMemo& memo = font.shape_memo();
  // A string remembered whole (up to kMaxTextBytes) is one look-up; else its remembered
  // words: they recur across paragraphs and documents (text/space_cuts.h).
  std::shared_ptr<const Font::ShapeMemo::Glyphs> glyphs = memo.find(utf8);
  if (!glyphs) {
    if (utf8.size() >= kPiecesFrom) glyphs = shape_in_pieces(font, utf8);
    if (!glyphs) glyphs = shape_units(font, utf8);
    memo.keep(utf8, glyphs);
  }
  out.reserve(glyphs->size());
  append_scaled(*glyphs, size_pt / font.units_per_em(), out);
  return out;
}

std::vector<ShapedGlyph> shape_whole(const Font& font, double size_pt, std::string_view utf8) {
  std::vector<ShapedGlyph> out;
  if (utf8.empty()) return out;
  append_scaled(*shape_units(font, utf8), size_pt / font.units_per_em(), out);
  return out;
}

bool maps_all(const Font& font, std::string_view utf8) {
  Font::ShapeMemo& memo = font.shape_memo();
  hb_font_t* hb = font.hb_font();
  for (size_t i = 0; i < utf8.size();) {
    const auto c = static_cast<unsigned char>(utf8[i]);
    uint32_t cp = 0;
    size_t n = 0;
    if (c < 0x80) cp = c, n = 1;
    else if ((c & 0xE0) == 0xC0) cp = c & 0x1F, n = 2;
    else if ((c & 0xF0) == 0xE0) cp = c & 0x0F, n = 3;
    else if ((c & 0xF8) == 0xF0) cp = c & 0x07, n = 4;
    else return false;
    if (i + n > utf8.size()) return false;
    for (size_t k = 1; k < n; ++k) {
      const auto b = static_cast<unsigned char>(utf8[i + k]);
      if ((b & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (b & 0x3F);
    }
    i += n;
    uint8_t known = cp < Font::ShapeMemo::kCodePointLimit ? memo.mapped[cp].load(std::memory_order_relaxed) : 0;
    if (known == 0) {
      hb_codepoint_t glyph = 0;
      known = hb_font_get_nominal_glyph(hb, cp, &glyph) && glyph != 0 ? 1 : 2;
      if (cp < Font::ShapeMemo::kCodePointLimit) memo.mapped[cp].store(known, std::memory_order_relaxed);
    }
    if (known != 1) return false;
  }
  return true;
}

double measure(const Font& font, double size_pt, std::string_view utf8) {
  double width = 0;
  for (const auto& g : shape(font, size_pt, utf8)) width += g.x_advance;
  return width;
}

}  // namespace vanban::text
