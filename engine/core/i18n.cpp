#include "core/i18n.h"

#include <libintl.h>

#include <cstdlib>
#include <mutex>

namespace vanban {

std::string locale_dir() {
  if (const char* dir = std::getenv("VANBAN_LOCALE_DIR"); dir && *dir) return dir;
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
