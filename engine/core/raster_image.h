// Raster images the user supplies (national emblem, seal, signature): PNG files decoded
// with libpng into 8-bit RGB and, when the file has transparency, an 8-bit alpha plane.
#pragma once
#include <string>
#include <string_view>

#include "core/limits.h"

namespace vanban {

struct RasterImage {
  int width = 0, height = 0;  // pixels
  std::string rgb;            // width * height * 3 bytes, rows top to bottom
  std::string alpha;          // width * height bytes, or empty when every pixel is opaque
  std::string png;            // the PNG file itself (a DOCX embeds it as it is)
  // rgb and alpha as zlib (Flate) streams, made once for an image that goes into many
  // files (pdf::deflate_image: a seal signed into every file of a batch); empty: the
  // samples are compressed where the image is embedded.
  std::string deflated_rgb, deflated_alpha;
};

// Where an image goes on a page: top-left corner and size, pt, y downwards.
struct ImageBox {
  double x = 0, y = 0, width = 0, height = 0;
};

// `image` scaled to fit a box of `box_width` × `box_height` centred on (cx, cy), its
// proportions kept.
ImageBox fit_image(const RasterImage& image, double cx, double cy, double box_width, double box_height);

// Decodes a PNG held in memory; `source_name` names it in errors. Throws
// vanban::Error(Template) when the bytes are not a PNG libpng can read, or when the
// size its header declares passes limits.max_image_side (checked before any pixel
// memory is allocated).
RasterImage decode_png(std::string_view bytes, const std::string& source_name, const Limits& limits = {});

// Reads and decodes a PNG file: a regular file of at most limits.max_input_bytes; throws
// vanban::Error naming the path.
RasterImage read_png(const std::string& path, const Limits& limits = {});

}  // namespace vanban
