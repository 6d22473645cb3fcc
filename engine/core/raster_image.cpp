#include "core/raster_image.h"

#include <png.h>

#include <algorithm>
#include <cstring>

#include "core/error.h"
#include "core/file_io.h"

namespace vanban {

RasterImage decode_png(std::string_view bytes, const std::string& source_name) {
  png_image image;
  std::memset(&image, 0, sizeof image);
  image.version = PNG_IMAGE_VERSION;
  auto fail = [&](const std::string& why) {
    png_image_free(&image);
    return Error(ErrorKind::Template, "cannot read the PNG image: " + why, source_name);
  };
  if (!png_image_begin_read_from_memory(&image, bytes.data(), bytes.size())) throw fail(image.message);
  if (image.width == 0 || image.height == 0 || image.width > 20000 || image.height > 20000) {
    throw fail("its size " + std::to_string(image.width) + "×" + std::to_string(image.height) + " px is out of range");
  }
  image.format = PNG_FORMAT_RGBA;  // 8-bit sRGB, straight (not premultiplied) alpha
  std::string rgba(PNG_IMAGE_SIZE(image), '\0');
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

RasterImage read_png(const std::string& path) { return decode_png(file_io::read_file(path), path); }

}  // namespace vanban
