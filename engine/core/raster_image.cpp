#include "core/raster_image.h"

#include <png.h>

#include <algorithm>
#include <cstdint>
#include <cstring>

#include "core/error.h"
#include "core/i18n.h"
#include "core/file_io.h"

namespace vanban {

RasterImage decode_png(std::string_view bytes, const std::string& source_name, const Limits& limits) {
  // The size the file declares (IHDR, right after the 8-byte signature) is checked before
  // libpng is asked for anything: a 69-byte file may declare 20000 × 20000 pixels.
  if (bytes.size() >= 24 && bytes.substr(12, 4) == "IHDR") {
    auto be32 = [&](size_t at) {
      const auto* p = reinterpret_cast<const unsigned char*>(bytes.data() + at);
      return uint32_t{p[0]} << 24 | uint32_t{p[1]} << 16 | uint32_t{p[2]} << 8 | uint32_t{p[3]};
    };
    const uint32_t w = be32(16), h = be32(20);
    if (w > limits.max_image_side || h > limits.max_image_side) {
      throw Error(ErrorKind::Template,
                  trf("cannot read the PNG image: it declares {0}×{1} px, more than {2} px a side (limit "
                      "max_image_side)",
                      w, h, limits.max_image_side),
                  source_name);
    }
  }
  png_image image;
  std::memset(&image, 0, sizeof image);
  image.version = PNG_IMAGE_VERSION;
  auto fail = [&](const std::string& why) {
    png_image_free(&image);
    return Error(ErrorKind::Template, trf("cannot read the PNG image: {0}", why), source_name);
  };
  if (!png_image_begin_read_from_memory(&image, bytes.data(), bytes.size())) throw fail(image.message);
  if (image.width == 0 || image.height == 0 || image.width > limits.max_image_side ||
      image.height > limits.max_image_side) {
    throw fail(trf("its size {0}×{1} px is out of range (at most {2} px a side, limit max_image_side)", image.width,
                   image.height, limits.max_image_side));
  }
  // width × height × 4 in 64 bits: no overflow below 2^32 px a side.
  const uint64_t rgba_bytes = uint64_t{image.width} * image.height * 4;
  if (rgba_bytes > (uint64_t{1} << 40)) throw fail(tr("its size is out of range"));
  image.format = PNG_FORMAT_RGBA;  // 8-bit sRGB, straight (not premultiplied) alpha
  std::string rgba(static_cast<size_t>(rgba_bytes), '\0');
  if (!png_image_finish_read(&image, nullptr, rgba.data(), 0, nullptr)) throw fail(image.message);
  RasterImage out;
  out.width = static_cast<int>(image.width);
  out.height = static_cast<int>(image.height);
  const size_t pixels = static_cast<size_t>(out.width) * out.height;
  out.rgb.resize(pixels * 3);
  out.alpha.resize(pixels);
  bool opaque = true;
  for (size_t i = 0; i < pixels; ++i) {
    std::memcpy(&out.rgb[i * 3], &rgba[i * 4], 3);
    out.alpha[i] = rgba[i * 4 + 3];
    opaque = opaque && static_cast<unsigned char>(out.alpha[i]) == 255;
  }
  if (opaque) out.alpha.clear();
  out.png.assign(bytes.data(), bytes.size());
  return out;
}

ImageBox fit_image(const RasterImage& image, double cx, double cy, double box_width, double box_height) {
  double k = std::min(box_width / image.width, box_height / image.height);
  double w = image.width * k, h = image.height * k;
  return ImageBox{cx - w / 2, cy - h / 2, w, h};
}

RasterImage read_png(const std::string& path, const Limits& limits) {
  return decode_png(file_io::read_file(path, limits.max_input_bytes, "max_input_bytes"), path, limits);
}

}  // namespace vanban
