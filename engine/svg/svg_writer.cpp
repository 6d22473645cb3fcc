#include "svg/svg_writer.h"

#include <hb.h>
#include <png.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <map>
#include <memory>
#include <new>
#include <tuple>

#include "core/error.h"
#include "core/i18n.h"

namespace vanban::svg {
namespace {

// A number as SVG takes it: at most 3 decimals (1/1000 pt), no trailing zeros, "." as the
// decimal point whatever the locale; Error(Layout) for what is not a finite sane number.
// Integer arithmetic on thousandths: std::to_chars(double, fixed, 3) took 60 % of the
// writer's instructions.
void put_number(std::string& out, double v) {
  if (!std::isfinite(v) || std::abs(v) > 1e7) {
    throw Error(ErrorKind::Layout,
                std::isnan(v)   ? tr("a position or size that cannot be written into an SVG (not a number)")
                : std::isinf(v) ? tr("a position or size that cannot be written into an SVG (infinite)")
                                : tr("a position or size that cannot be written into an SVG (out of range)"));
  }
  long long thousandths = std::llround(v * 1000);
  if (thousandths < 0) {
    out += '-';
    thousandths = -thousandths;
  }
  char buf[24];
  char* end = std::to_chars(buf, buf + sizeof buf, thousandths / 1000).ptr;
  if (int fraction = static_cast<int>(thousandths % 1000)) {
    *end++ = '.';
    for (int unit = 100; fraction; unit /= 10) {
      *end++ = static_cast<char>('0' + fraction / unit);
      fraction %= unit;
    }
  }
  out.append(buf, end);
}

// ` name="v"`
void put_attribute(std::string& out, const char* name, double v) {
  out += ' ';
  out += name;
  out += "=\"";
  put_number(out, v);
  out += '"';
}

// "#rrggbb" of a colour with components 0..1.
std::string hex_color(const layout::Color& c) {
  static const char digits[] = "0123456789abcdef";
  std::string out = "#";
  for (double v : {c.r, c.g, c.b}) {
    int byte = std::isfinite(v) ? static_cast<int>(std::lround(std::clamp(v, 0.0, 1.0) * 255)) : 0;
    out += digits[byte >> 4];
    out += digits[byte & 15];
  }
  return out;
}

// A glyph's outline in font units, y upwards: commands 'M' 'L' 'Q' 'C' 'Z', each followed
// in `points` by its coordinates (1, 1, 2, 3 and 0 points).
struct Outline {
  std::string commands;
  std::vector<float> points;
};

void move_to(hb_draw_funcs_t*, void* data, hb_draw_state_t*, float x, float y, void*) {
  auto* o = static_cast<Outline*>(data);
  o->commands += 'M';
  o->points.insert(o->points.end(), {x, y});
}
void line_to(hb_draw_funcs_t*, void* data, hb_draw_state_t*, float x, float y, void*) {
  auto* o = static_cast<Outline*>(data);
  o->commands += 'L';
  o->points.insert(o->points.end(), {x, y});
}
void quadratic_to(hb_draw_funcs_t*, void* data, hb_draw_state_t*, float cx, float cy, float x, float y, void*) {
  auto* o = static_cast<Outline*>(data);
  o->commands += 'Q';
  o->points.insert(o->points.end(), {cx, cy, x, y});
}
void cubic_to(hb_draw_funcs_t*, void* data, hb_draw_state_t*, float c1x, float c1y, float c2x, float c2y, float x,
              float y, void*) {
  auto* o = static_cast<Outline*>(data);
  o->commands += 'C';
  o->points.insert(o->points.end(), {c1x, c1y, c2x, c2y, x, y});
}
void close_path(hb_draw_funcs_t*, void* data, hb_draw_state_t*, void*) { static_cast<Outline*>(data)->commands += 'Z'; }

// The outlines of the glyphs a call of write_svg draws, each read from its face once.
class Outlines {
 public:
  Outlines() : funcs_(hb_draw_funcs_create()) {
    // Out of memory, HarfBuzz hands out its inert, immutable empty object instead.
    if (!funcs_ || hb_draw_funcs_is_immutable(funcs_)) throw std::bad_alloc();
    hb_draw_funcs_set_move_to_func(funcs_, move_to, nullptr, nullptr);
    hb_draw_funcs_set_line_to_func(funcs_, line_to, nullptr, nullptr);
    hb_draw_funcs_set_quadratic_to_func(funcs_, quadratic_to, nullptr, nullptr);
    hb_draw_funcs_set_cubic_to_func(funcs_, cubic_to, nullptr, nullptr);
    hb_draw_funcs_set_close_path_func(funcs_, close_path, nullptr, nullptr);
    hb_draw_funcs_make_immutable(funcs_);
  }
  ~Outlines() { hb_draw_funcs_destroy(funcs_); }
  Outlines(const Outlines&) = delete;
  Outlines& operator=(const Outlines&) = delete;

  const Outline& of(const text::Font& font, uint32_t glyph) {
    auto [it, added] = cache_.try_emplace({&font, glyph});
    // The face's hb_font has scale = units per em: the outline comes in font units.
    if (added) hb_font_get_glyph_shape(font.hb_font(), glyph, funcs_, &it->second);
    return it->second;
  }

 private:
  hb_draw_funcs_t* funcs_;
  std::map<std::pair<const text::Font*, uint32_t>, Outline> cache_;
};

// The path data of `outline` at `scale` pt per font unit, y turned downwards.
void put_path_data(std::string& out, const Outline& outline, double scale) {
  size_t p = 0;
  for (char command : outline.commands) {
    out += command;
    int points = command == 'M' || command == 'L' ? 1 : command == 'Q' ? 2 : command == 'C' ? 3 : 0;
    for (int i = 0; i < points; ++i, p += 2) {
      if (i > 0) out += ' ';
      put_number(out, outline.points[p] * scale);
      out += ' ';
      put_number(out, -outline.points[p + 1] * scale);
    }
  }
}

void put_base64(std::string& out, std::string_view bytes) {
  static const char table[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  size_t i = 0;
  out.reserve(out.size() + (bytes.size() + 2) / 3 * 4);
  for (; i + 3 <= bytes.size(); i += 3) {
    uint32_t n = (uint32_t(uint8_t(bytes[i])) << 16) | (uint32_t(uint8_t(bytes[i + 1])) << 8) | uint8_t(bytes[i + 2]);
    for (int shift : {18, 12, 6, 0}) out += table[(n >> shift) & 63];
  }
  if (i + 1 == bytes.size()) {
    uint32_t n = uint32_t(uint8_t(bytes[i])) << 16;
    out += table[(n >> 18) & 63];
    out += table[(n >> 12) & 63];
    out += "==";
  } else if (i + 2 == bytes.size()) {
    uint32_t n = (uint32_t(uint8_t(bytes[i])) << 16) | (uint32_t(uint8_t(bytes[i + 1])) << 8);
    for (int shift : {18, 12, 6}) out += table[(n >> shift) & 63];
    out += '=';
  }
}

// A PNG of an image that holds only its samples (one made in memory, not read from a file).
std::string encode_png(const RasterImage& image) {
  const size_t pixels = static_cast<size_t>(image.width) * image.height;
  const bool alpha = !image.alpha.empty();
  std::string samples;
  samples.reserve(pixels * (alpha ? 4 : 3));
  for (size_t i = 0; i < pixels; ++i) {
    samples.append(image.rgb, i * 3, 3);
    if (alpha) samples += image.alpha[i];
  }
  png_image png{};
  png.version = PNG_IMAGE_VERSION;
  png.width = static_cast<png_uint_32>(image.width);
  png.height = static_cast<png_uint_32>(image.height);
  png.format = alpha ? PNG_FORMAT_RGBA : PNG_FORMAT_RGB;
  png_alloc_size_t size = 0;
  if (!png_image_write_get_memory_size(png, size, 0, samples.data(), 0, nullptr)) {
    throw Error(ErrorKind::Output, trf("libpng could not encode an image: {0}", png.message));
  }
  std::string out(size, '\0');
  if (!png_image_write_to_memory(&png, out.data(), &size, 0, samples.data(), 0, nullptr)) {
    throw Error(ErrorKind::Output, trf("libpng could not encode an image: {0}", png.message));
  }
  out.resize(size);
  return out;
}

// What one call of write_svg shares between its pages: the glyph outlines read, and each
// distinct image's data: URI, made once.
class Writer {
 public:
  explicit Writer(const std::vector<layout::Graphic>& graphics) : graphics_(graphics) {}

  std::string page(const layout::Page& page) {
    glyph_ids_.clear();
    next_id_ = 0;
    has_text_ = false;
    std::string body;
    body.reserve(64 * 1024);
    for (int g : page.graphics) {
      if (g < 0 || g >= static_cast<int>(graphics_.size())) {
        throw Error(ErrorKind::Output, tr("a page names a missing graphic"));
      }
      body += "<g>\n";
      put_rects(body, graphics_[g].rects);
      for (const auto& rule : graphics_[g].rules) put_rule(body, rule);
      body += "</g>\n";
    }
    put_rects(body, page.rects);
    for (const auto& placed : page.images) put_image(body, placed);
    std::string defs;
    for (const auto& run : page.runs) put_run(body, defs, run);
    for (const auto& rule : page.rules) put_rule(body, rule);

    std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                      "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\" "
                      "version=\"1.1\" width=\"";
    constexpr double kMmPerPt = 25.4 / 72;
    put_number(out, page.width * kMmPerPt);
    out += "mm\" height=\"";
    put_number(out, page.height * kMmPerPt);
    out += "mm\" viewBox=\"0 0 ";
    put_number(out, page.width);
    out += ' ';
    put_number(out, page.height);
    out += "\">\n";
    // The text layer (put_text) is there to be selected, not seen: the outlines draw it.
    // (fill-opacity, not fill:none: text without fill could not be picked with the mouse)
    if (has_text_) out += "<style>text{fill-opacity:0;font-family:serif}</style>\n";
    if (!defs.empty()) out += "<defs>\n" + defs + "</defs>\n";
    out += "<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n";
    out += body;
    out += "</svg>\n";
    return out;
  }

 private:
  const std::vector<layout::Graphic>& graphics_;
  Outlines outlines_;
  std::map<const RasterImage*, std::string> uris_;
  using GlyphKey = std::tuple<const text::Font*, double, uint32_t>;  // face, size, glyph
  std::map<GlyphKey, std::string> paths_;  // the path data of each glyph drawn so far
  // This page's glyph definitions: id number ("g<n>"), -1 for a glyph without ink.
  std::map<GlyphKey, int> glyph_ids_;
  int next_id_ = 0;
  bool has_text_ = false;  // the page has a text layer (put_text)

  // Rectangles of one colour in a row become one path: abutting modules of a QR code are
  // then filled as one shape, without the hairline a renderer leaves between two shapes.
  void put_rects(std::string& out, const std::vector<layout::FilledRect>& rects) {
    for (size_t i = 0; i < rects.size();) {
      const layout::Color color = rects[i].color;
      out += "<path fill=\"" + hex_color(color) + "\" d=\"";
      for (; i < rects.size() && rects[i].color == color; ++i) {
        const auto& r = rects[i];
        out += 'M';
        put_number(out, r.x);
        out += ' ';
        put_number(out, r.y);
        out += 'h';
        put_number(out, r.width);
        out += 'v';
        put_number(out, r.height);
        out += 'h';
        put_number(out, -r.width);
        out += 'z';
      }
      out += "\"/>\n";
    }
  }

  static void put_rule(std::string& out, const layout::Rule& rule) {
    out += "<line";
    put_attribute(out, "x1", rule.x0);
    put_attribute(out, "y1", rule.y0);
    put_attribute(out, "x2", rule.x1);
    put_attribute(out, "y2", rule.y1);
    out += " stroke=\"" + hex_color(rule.color) + "\"";
    // PDF's "0 w" is the thinnest line the device can draw; SVG's 0 draws nothing.
    if (rule.thickness > 0) put_attribute(out, "stroke-width", rule.thickness);
    else out += " stroke-width=\"1\" vector-effect=\"non-scaling-stroke\"";
    out += "/>\n";
  }

  void put_image(std::string& out, const layout::PlacedImage& placed) {
    const RasterImage* image = placed.image.get();
    if (!image || image->width <= 0 || image->height <= 0 ||
        image->rgb.size() != static_cast<size_t>(image->width) * image->height * 3) {
      throw Error(ErrorKind::Output, tr("a page places an empty or malformed image"));
    }
    auto [it, added] = uris_.try_emplace(image);
    if (added) {
      it->second = "data:image/png;base64,";
      put_base64(it->second, image->png.empty() ? encode_png(*image) : image->png);
    }
    out += "<image";
    put_attribute(out, "x", placed.x);
    put_attribute(out, "y", placed.y);
    put_attribute(out, "width", placed.width);
    put_attribute(out, "height", placed.height);
    out += " preserveAspectRatio=\"none\" xlink:href=\"";
    out += it->second;
    out += "\"/>\n";
  }

  // The run's glyphs as <use> of their outlines (defined in `defs` on first use on the
  // page); glyphs without ink (spaces) are left out.
  void put_run(std::string& out, std::string& defs, const layout::TextRun& run) {
    if (run.glyphs.empty() || !run.font) return;
    const double scale = run.size / run.font->units_per_em();
    const bool black = run.color == layout::Color{};
    if (!black) out += "<g fill=\"" + hex_color(run.color) + "\">\n";
    for (const auto& g : run.glyphs) {
      const GlyphKey key{run.font, run.size, g.glyph_id};
      auto [it, added] = glyph_ids_.try_emplace(key, -1);
      if (added) {
        // The path data, made once per call of write_svg: pages share their glyphs.
        auto [path, made] = paths_.try_emplace(key);
        if (made) put_path_data(path->second, outlines_.of(*run.font, g.glyph_id), scale);
        if (!path->second.empty()) {  // a glyph without ink (a space) is never drawn
          it->second = next_id_++;
          defs += "<path id=\"g";
          defs += std::to_string(it->second);
          defs += "\" d=\"";
          defs += path->second;
          defs += "\"/>\n";
        }
      }
      if (it->second < 0) continue;
      out += "<use xlink:href=\"#g";
      out += std::to_string(it->second);
      out += '"';
      put_attribute(out, "x", g.x);
      put_attribute(out, "y", g.y);
      out += "/>\n";
    }
    if (!black) out += "</g>\n";
    put_text(out, run);
  }

  // The run's text, invisible, over its glyphs: a line of it (glyphs on one baseline) as
  // one <text> stretched to their width, so that a viewer can select and search it.
  void put_text(std::string& out, const layout::TextRun& run) {
    for (size_t i = 0; i < run.glyphs.size();) {
      size_t end = i;
      std::string text;
      while (end < run.glyphs.size() && run.glyphs[end].y == run.glyphs[i].y) text += run.glyphs[end++].text;
      const auto& first = run.glyphs[i];
      const auto& last = run.glyphs[end - 1];
      i = end;
      if (text.find_first_not_of(' ') == std::string::npos) continue;
      has_text_ = true;
      out += "<text";
      put_attribute(out, "x", first.x);
      put_attribute(out, "y", first.y);
      put_attribute(out, "font-size", run.size);
      put_attribute(out, "textLength", std::max(last.x + last.advance - first.x, 0.001));
      out += " lengthAdjust=\"spacingAndGlyphs\" xml:space=\"preserve\">";
      for (char c : text) {
        switch (c) {
          case '&': out += "&amp;"; break;
          case '<': out += "&lt;"; break;
          case '>': out += "&gt;"; break;
          default:
            // Control characters are not XML; layout's text has none but a tab may pass.
            out += static_cast<unsigned char>(c) < 0x20 ? ' ' : c;
        }
      }
      out += "</text>\n";
    }
  }
};

}  // namespace

std::vector<std::string> write_svg(const std::vector<layout::Page>& pages,
                                   const std::vector<layout::Graphic>& graphics) {
  Writer writer(graphics);
  std::vector<std::string> out;
  out.reserve(pages.size());
  for (const auto& page : pages) out.push_back(writer.page(page));
  return out;
}

}  // namespace vanban::svg
