// libFuzzer target: PNG images as users supply them (emblem, seal, signature), decoded
// with libpng under the default limits (an image side past Limits::max_image_side is
// refused before any pixel memory is taken).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core/error.h"
#include "core/raster_image.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  try {
    vanban::RasterImage image = vanban::decode_png(bytes, "fuzz.png");
    // What the PDF and DOCX writers rely on.
    if (image.width <= 0 || image.height <= 0 ||
        image.rgb.size() != static_cast<size_t>(image.width) * static_cast<size_t>(image.height) * 3 ||
        (!image.alpha.empty() && image.alpha.size() != static_cast<size_t>(image.width) * image.height))
      __builtin_trap();
  } catch (const vanban::Error&) {
  }
  return 0;
}
