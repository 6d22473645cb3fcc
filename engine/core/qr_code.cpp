#include "core/qr_code.h"

#include <png.h>
#include <qrencode.h>

#include <cstring>
#include <memory>

#include "core/error.h"
#include "core/i18n.h"

namespace vanban {

QrCode qr_encode(const std::string& text) {
  std::unique_ptr<QRcode, void (*)(QRcode*)> code(QRcode_encodeString(text.c_str(), 0, QR_ECLEVEL_M, QR_MODE_8, 1),
                                                  QRcode_free);
  if (!code) throw Error(ErrorKind::Layout, trf("cannot make a QR code of \"{0}\"", text));
  QrCode out;
  out.size = code->width;
  out.dark.resize(static_cast<size_t>(out.size) * out.size);
  for (size_t i = 0; i < out.dark.size(); ++i) out.dark[i] = code->data[i] & 1;
  return out;
}

std::string qr_png(const QrCode& code, int module_px) {
  const int side = (code.size + 2) * module_px;
  std::vector<unsigned char> pixels(static_cast<size_t>(side) * side, 255);
  for (int r = 0; r < code.size; ++r)
    for (int c = 0; c < code.size; ++c)
      if (code.at(r, c))
        for (int y = 0; y < module_px; ++y)
          std::memset(&pixels[static_cast<size_t>((r + 1) * module_px + y) * side + (c + 1) * module_px], 0, module_px);
  png_image image;
  std::memset(&image, 0, sizeof image);
  image.version = PNG_IMAGE_VERSION;
  image.width = side;
  image.height = side;
  image.format = PNG_FORMAT_GRAY;
  png_alloc_size_t size = 0;
  if (!png_image_write_to_memory(&image, nullptr, &size, 0, pixels.data(), 0, nullptr)) {
    throw Error(ErrorKind::Output, trf("cannot write the QR code as PNG: {0}", image.message));
  }
  std::string png(size, '\0');
  if (!png_image_write_to_memory(&image, png.data(), &size, 0, pixels.data(), 0, nullptr)) {
    throw Error(ErrorKind::Output, trf("cannot write the QR code as PNG: {0}", image.message));
  }
  png.resize(size);
  return png;
}

}  // namespace vanban
