// libFuzzer target: the model readers (JSON and XML, by the bytes' first character, as
// the engine detects them). Only vanban::Error may come out; anything else (another
// exception, a crash, a sanitizer report) is a finding.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core/error.h"
#include "model/reader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  try {
    vanban::model::load_document(bytes, "fuzz");
  } catch (const vanban::Error&) {
  }
  return 0;
}
