#include <dlfcn.h>

#include <cstdlib>
#include <filesystem>
#include <system_error>

#include "vanban/engine.h"

namespace vanban {
namespace {

namespace fs = std::filesystem;

// The file this code was loaded from: libvanban.so, or the program it is linked into.
fs::path this_module() {
  Dl_info info{};
  if (dladdr(reinterpret_cast<void*>(&default_data_dirs), &info) == 0 || !info.dli_fname) return {};
  std::error_code ec;
  fs::path p = fs::canonical(info.dli_fname, ec);
  return ec ? fs::path() : p;
}

bool has(const fs::path& dir, const char* file) {
  std::error_code ec;
  return !dir.empty() && fs::is_regular_file(dir / file, ec);
}

}  // namespace

DataDirs default_data_dirs() {
  DataDirs dirs{VANBAN_SOURCE_TEMPLATES, VANBAN_SOURCE_FONTS, VANBAN_SOURCE_WEB};
  // Installed: <prefix>/share/vanban beside the library (lib/<arch>/) or program (bin/).
  fs::path module = this_module();
  if (!module.empty()) {
    for (const char* relative : {VANBAN_LIB_TO_DATA, VANBAN_BIN_TO_DATA}) {
      fs::path data = (module.parent_path() / relative).lexically_normal();
      if (has(data / "templates", "nd30.xml") && has(data / "fonts", "fonts.xml")) {
        dirs = {(data / "templates").string(), (data / "fonts").string(), (data / "web").string()};
        break;
      }
    }
  }
  if (const char* t = std::getenv("VANBAN_TEMPLATE_DIR"); t && *t) dirs.templates = t;
  if (const char* f = std::getenv("VANBAN_FONT_DIR"); f && *f) dirs.fonts = f;
  if (const char* w = std::getenv("VANBAN_WEB_DIR"); w && *w) dirs.web = w;
  return dirs;
}

}  // namespace vanban
