#include "core/i18n.h"

#include <dlfcn.h>
#include <libintl.h>

#include <cstdlib>
#include <filesystem>
#include <mutex>
#include <sstream>
#include <system_error>

namespace vanban {
namespace {

namespace fs = std::filesystem;

#ifndef VANBAN_LANGUAGES  // set by po/catalogues.cmake
#define VANBAN_LANGUAGES "vi"
#define VANBAN_LIB_TO_LOCALE "../share/locale"
#define VANBAN_BIN_TO_LOCALE "../share/locale"
#endif

// Whether `dir` holds one of our catalogues (<lang>/LC_MESSAGES/vanban.mo).
bool has_catalogue(const fs::path& dir) {
  std::istringstream languages(VANBAN_LANGUAGES);
  std::error_code ec;
  for (std::string lang; std::getline(languages, lang, ',');) {
    if (!lang.empty() && fs::is_regular_file(dir / lang / "LC_MESSAGES" / "vanban.mo", ec)) return true;
  }
  return false;
}

// <prefix>/share/locale beside the file this code was loaded from (libvanban.so in
// <prefix>/lib/<arch>/, or the program in <prefix>/bin/ it is linked into), as
// api/data_dirs.cpp finds share/vanban; empty when it holds no catalogue of ours.
fs::path installed_locale_dir() {
  Dl_info info{};
  if (dladdr(reinterpret_cast<void*>(&has_catalogue), &info) == 0 || !info.dli_fname) return {};
  std::error_code ec;
  const fs::path module = fs::canonical(info.dli_fname, ec);
  if (ec) return {};
  for (const char* relative : {VANBAN_LIB_TO_LOCALE, VANBAN_BIN_TO_LOCALE}) {
    fs::path dir = (module.parent_path() / relative).lexically_normal();
    if (has_catalogue(dir)) return dir;
  }
  return {};
}

}  // namespace

std::string locale_dir() {
  if (const char* dir = std::getenv("VANBAN_LOCALE_DIR"); dir && *dir) return dir;
  if (fs::path installed = installed_locale_dir(); !installed.empty()) return installed.string();
#ifdef VANBAN_BUILD_LOCALE_DIR
  return VANBAN_BUILD_LOCALE_DIR;
#else
  return "/usr/share/locale";
#endif
}

const char* tr(const char* msgid) {
  static std::once_flag bound;
  std::call_once(bound, [] {
    static const std::string dir = locale_dir();
    bindtextdomain("vanban", dir.c_str());
    bind_textdomain_codeset("vanban", "UTF-8");
  });
  return dgettext("vanban", msgid);
}

std::string format_message(std::string_view pattern, const std::string* args, size_t count) {
  std::string out;
  out.reserve(pattern.size() + 16);
  for (size_t i = 0; i < pattern.size(); ++i) {
    char c = pattern[i];
    if (c == '{' && i + 1 < pattern.size() && pattern[i + 1] == '{') {
      out += '{';
      ++i;
      continue;
    }
    if (c == '{') {
      size_t close = pattern.find('}', i);
      size_t n = 0;
      bool digits = close != std::string_view::npos && close > i + 1 && close - i <= 3;
      for (size_t k = i + 1; digits && k < close; ++k) {
        if (pattern[k] < '0' || pattern[k] > '9') digits = false;
        else n = n * 10 + static_cast<size_t>(pattern[k] - '0');
      }
      if (digits && n < count) {
        out += args[n];
        i = close;
        continue;
      }
    }
    out += c;
  }
  return out;
}

}  // namespace vanban
