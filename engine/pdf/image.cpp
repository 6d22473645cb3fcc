#include "pdf/image.h"

#include "core/error.h"
#include "core/i18n.h"

namespace vanban::pdf {

using namespace PoDoFo;

PdfObject* embed_image(PdfVecObjects& objects, const RasterImage& image) {
  if (image.width <= 0 || image.height <= 0 ||
      image.rgb.size() != static_cast<size_t>(image.width) * image.height * 3) {
    throw Error(ErrorKind::Output, tr("a page places an empty or malformed image"));
  }
  auto make = [&](const std::string& samples, const char* space) {
    PdfObject* obj = objects.CreateObject("XObject");
    auto& d = obj->GetDictionary();
    d.AddKey("Subtype", PdfName("Image"));
    d.AddKey("Width", PdfVariant(static_cast<pdf_int64>(image.width)));
    d.AddKey("Height", PdfVariant(static_cast<pdf_int64>(image.height)));
    d.AddKey("ColorSpace", PdfName(space));
    d.AddKey("BitsPerComponent", PdfVariant(static_cast<pdf_int64>(8)));
    obj->GetStream()->Set(samples.data(), static_cast<pdf_long>(samples.size()));
    return obj;
  };
  PdfObject* obj = make(image.rgb, "DeviceRGB");
  if (!image.alpha.empty()) obj->GetDictionary().AddKey("SMask", make(image.alpha, "DeviceGray")->Reference());
  return obj;
}

}  // namespace vanban::pdf
