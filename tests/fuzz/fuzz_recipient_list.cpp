// libFuzzer target: recipient lists (CSV with or without BOM, UTF-16 text, XLSX, JSON
// arrays — told apart by their bytes, as `vanban batch` does), then the certificate
// wording of every row read.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core/error.h"
#include "model/recipient_list.h"
#include "style/profile.h"
#include "wording/wording.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const vanban::style::Template tpl = vanban::style::load_template("giay-khen", {VANBAN_SOURCE_TEMPLATES});
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  try {
    vanban::model::RecipientList list = vanban::model::read_recipient_list(bytes, "fuzz.csv", {});
    for (const auto& row : list.rows) {
      try {
        vanban::wording::certificate_text(tpl, row);
      } catch (const vanban::Error&) {
      }
    }
  } catch (const vanban::Error&) {
  }
  return 0;
}
