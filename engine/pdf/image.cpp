#include "pdf/image.h"

#include <zlib.h>

#include <new>

#include "core/error.h"
#include "core/i18n.h"

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
      PdfMemoryInputStream in(deflated.data(), static_cast<pdf_long>(deflated.size()));
      obj->GetStream()->SetRawData(&in, static_cast<pdf_long>(deflated.size()));
      d.AddKey("Filter", PdfName("FlateDecode"));
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
  uLongf size = compressBound(samples.size());
  std::string out(size, '\0');
  int z = compress2(reinterpret_cast<Bytef*>(out.data()), &size, reinterpret_cast<const Bytef*>(samples.data()),
                    samples.size(), Z_DEFAULT_COMPRESSION);
  if (z == Z_MEM_ERROR) throw std::bad_alloc();
  if (z != Z_OK) throw Error(ErrorKind::Output, tr("zlib could not compress an image"));
  out.resize(size);
  return out;
}
}  // namespace

void deflate_image(RasterImage& image) {
  image.deflated_rgb = deflate(image.rgb);
  image.deflated_alpha = image.alpha.empty() ? std::string() : deflate(image.alpha);
}

}  // namespace vanban::pdf
