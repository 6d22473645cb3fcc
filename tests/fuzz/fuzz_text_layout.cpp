// libFuzzer target: text layout — shaping (HarfBuzz), line breaking (ICU, tailored for
// document numbers) and justification of one paragraph of fuzzed text, as a model
// reader would hand it over (valid UTF-8, NFC), in each of the template's paragraph
// styles, at a width chosen by the first byte; then a certificate of that name.
#include <cstddef>
#include <cstdint>
#include <string>

#include "core/error.h"
#include "core/unicode.h"
#include "layout/certificate_layout.h"
#include "layout/paragraph.h"
#include "vanban/engine.h"

namespace {

struct Fixture {
  vanban::Engine engine;
  vanban::style::Template plan, certificate;
  vanban::layout::CertificatePrototype prototype;
  Fixture()
      : engine(vanban::EngineOptions{{VANBAN_SOURCE_TEMPLATES}, std::string(VANBAN_SOURCE_FONTS) + "/fonts.xml", {}}),
        plan(engine.load_template("ke-hoach")),
        certificate(engine.load_template("giay-khen")),
        prototype(vanban::layout::certificate_prototype(certificate, {}, engine.fonts())) {}
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const Fixture f;
  if (size < 2) return 0;
  std::string text(reinterpret_cast<const char*>(data + 1), size - 1);
  if (vanban::unicode::find_invalid_utf8(text)) return 0;  // the readers refuse it
  text = vanban::unicode::to_nfc(text);
  const double width = 20 + data[0] * 2.0;  // 20..530 pt
  vanban::model::RichText rich{{text, (data[0] & 1) != 0, (data[0] & 2) != 0}};
  try {
    for (const char* style : {"body", "subject", "recipients", "national-title"}) {
      vanban::layout::set_paragraph(rich, f.plan.style(style), width, f.engine.fonts());
    }
    vanban::model::ListRow row;
    row.row = 2;
    row.fields["ho_ten"] = text;
    row.fields["thanh_tich"] = text;
    vanban::layout::certificate_page(f.prototype, row);
  } catch (const vanban::Error&) {
  }
  return 0;
}
