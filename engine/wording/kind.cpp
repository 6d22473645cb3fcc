// What a template makes, as `vanban templates` lists it and the file's metadata records it.
#include <unicode/locid.h>
#include <unicode/unistr.h>

#include "wording/wording.h"

namespace vanban::wording {

std::string sentence_case(const std::string& text) {
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(text);
  u.toLower(icu::Locale("vi"));
  if (!u.isEmpty()) {
    int32_t first = u.moveIndex32(0, 1);
    icu::UnicodeString head = u.tempSubString(0, first);
    u.replace(0, first, head.toUpper(icu::Locale("vi")));
  }
  std::string out;
  return u.toUTF8String(out);
}

std::string template_kind(const style::Template& tpl) {
  if (!tpl.kind.empty()) return tpl.kind;
  if (tpl.layout == "form") return tpl.form.label.empty() ? tpl.appendix.label_word : tpl.form.label;
  if (tpl.layout == "certificate") {
    std::string title;
    for (const auto& line : tpl.certificate.title_lines) title += (title.empty() ? "" : " ") + line;
    return sentence_case(title);
  }
  return tpl.type_name_sentence.empty() ? sentence_case(tpl.type_name) : tpl.type_name_sentence;
}

}  // namespace vanban::wording
