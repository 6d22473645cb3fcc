#include "pdf/appearance.h"

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "core/error.h"
#include "core/i18n.h"
#include "pdf/content.h"
#include "pdf/font_embedding.h"
#include "pdf/image.h"

namespace vanban::pdf {

using namespace PoDoFo;

// The form draws what a page would, in the page writer's order (rectangles, images, text,
// rules), in a box of the drawing's size; its resources are its own (a signature is added
// to a file whose page resources are not touched), each font subset to the glyphs the
// drawing uses, each distinct image embedded once.
PdfObject* write_form(PdfVecObjects& objects, const layout::Drawing& drawing) {
  checked(drawing.width);
  checked(drawing.height);
  std::string content;
  PdfDictionary fonts_dict, images_dict;

  for (const auto& rect : drawing.rects) put_rect(content, rect, drawing.height);

  std::map<const RasterImage*, std::string> image_names;
  for (const auto& placed : drawing.images) {
    const RasterImage* image = placed.image.get();
    if (!image) throw Error(ErrorKind::Output, tr("a page places an empty or malformed image"));
    auto it = image_names.find(image);
    if (it == image_names.end()) {
      std::string name = "Im" + std::to_string(image_names.size() + 1);
      images_dict.AddKey(PdfName(name), embed_image(objects, *image)->Reference());
      it = image_names.emplace(image, name).first;
    }
    put_image(content, placed, it->second, drawing.height);
  }

  std::map<const text::Font*, std::unique_ptr<EmbeddedFont>> fonts;
  std::vector<EmbeddedFont*> order;
  for (const auto& run : drawing.runs) {
    if (run.glyphs.empty() || !run.font) continue;
    auto& entry = fonts[run.font];
    if (!entry) {
      entry = std::make_unique<EmbeddedFont>();
      entry->font = run.font;
      entry->resource_name = "F" + std::to_string(fonts.size());
      entry->type0 = objects.CreateObject("Font");
      order.push_back(entry.get());
    }
    put_run(content, run, *entry, drawing.height);
  }
  for (EmbeddedFont* f : order) {
    embed_font(objects, *f);
    fonts_dict.AddKey(PdfName(f->resource_name), f->type0->Reference());
  }

  for (const auto& rule : drawing.rules) put_rule(content, rule, drawing.height);

  PdfObject* form = objects.CreateObject("XObject");
  PdfDictionary& d = form->GetDictionary();
  d.AddKey("Subtype", PdfName("Form"));
  PdfArray bbox;
  for (double v : {0.0, 0.0, drawing.width, drawing.height}) bbox.push_back(PdfVariant(v));
  d.AddKey("BBox", bbox);
  PdfDictionary resources;
  if (fonts_dict.GetSize()) resources.AddKey("Font", fonts_dict);
  if (images_dict.GetSize()) resources.AddKey("XObject", images_dict);
  d.AddKey("Resources", resources);
  form->GetStream()->Set(content.data(), static_cast<pdf_long>(content.size()));
  return form;
}

}  // namespace vanban::pdf
