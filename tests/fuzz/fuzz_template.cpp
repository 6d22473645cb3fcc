// libFuzzer target: the template reader (XML held in memory; `extends` resolved in the
// project's templates/ folder).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core/error.h"
#include "style/profile.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  try {
    vanban::style::parse_template(bytes, "fuzz.xml", {VANBAN_SOURCE_TEMPLATES});
  } catch (const vanban::Error&) {
  }
  return 0;
}
