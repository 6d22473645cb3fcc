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

}  // namespace

std::vector<ShapedGlyph> shape(const Font& font, double size_pt, std::string_view utf8) {
  std::vector<ShapedGlyph> out;
  if (utf8.empty()) return out;
  Font::ShapeMemo& memo = font.shape_memo();
  std::shared_ptr<const Font::ShapeMemo::Glyphs> glyphs = memo.find(utf8);
  if (!glyphs) {
    glyphs = shape_units(font, utf8);
    memo.keep(utf8, glyphs);
  }
  const double scale = size_pt / font.units_per_em();
  out.reserve(glyphs->size());
  for (const auto& g : *glyphs) {
    out.push_back(ShapedGlyph{g.glyph_id, g.cluster, g.x_advance * scale, g.x_offset * scale, g.y_offset * scale});
  }
  return out;
}

double measure(const Font& font, double size_pt, std::string_view utf8) {
  double width = 0;
  for (const auto& g : shape(font, size_pt, utf8)) width += g.x_advance;
  return width;
}

}  // namespace vanban::text
