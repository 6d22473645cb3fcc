#include "pdf/image.h"

#include <zlib.h>

#include "core/error.h"
#include "core/i18n.h"
#include "pdf/flate.h"

namespace vanban::pdf {

using namespace PoDoFo;

PdfObject* embed_image(PdfVecObjects& objects, const RasterImage& image) {
  if (image.width <= 0 || image.height <= 0 ||
      image.rgb.size() != static_cast<size_t>(image.width) * image.height * 3) {
    throw Error(ErrorKind::Output, tr("a page places an empty or malformed image"));
  }
  auto make = [&](const std::string& samples, const char* space, const std::string& deflated) {
    PdfObject* obj = objects.CreateObject("XObject");
    auto& d = obj->GetDictionary();
    d.AddKey("Subtype", PdfName("Image"));
    d.AddKey("Width", PdfVariant(static_cast<pdf_int64>(image.width)));
    d.AddKey("Height", PdfVariant(static_cast<pdf_int64>(image.height)));
    d.AddKey("ColorSpace", PdfName(space));
    d.AddKey("BitsPerComponent", PdfVariant(static_cast<pdf_int64>(8)));
    if (deflated.empty()) {
      obj->GetStream()->Set(samples.data(), static_cast<pdf_long>(samples.size()));
    } else {
      set_deflated_stream(*obj, deflated);
    }
    return obj;
  };
  PdfObject* obj = make(image.rgb, "DeviceRGB", image.deflated_rgb);
  if (!image.alpha.empty())
    obj->GetDictionary().AddKey("SMask", make(image.alpha, "DeviceGray", image.deflated_alpha)->Reference());
  return obj;
}

namespace {
std::string deflate(const std::string& samples) {
  std::string out;
  if (!deflate_into(out, samples, Z_DEFAULT_COMPRESSION)) throw Error(ErrorKind::Output, tr("zlib could not compress an image"));
  return out;
}
}  // namespace

void deflate_image(RasterImage& image) {
  image.deflated_rgb = deflate(image.rgb);
  image.deflated_alpha = image.alpha.empty() ? std::string() : deflate(image.alpha);
}

}  // namespace vanban::pdf
