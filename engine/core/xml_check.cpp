#include "core/xml_check.h"

#include <cctype>

#include "core/unicode.h"

namespace vanban::xml_check {
namespace {

bool name_char(char c) {
  auto u = static_cast<unsigned char>(c);
  return u >= 0x80 || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '-' || c == '.' || c == ':';
}

// The reference starting with '&' at `i`: nullopt when it is one XML knows.
std::optional<Problem> check_reference(std::string_view s, size_t i) {
  size_t j = i + 1;
  if (j < s.size() && s[j] == '#') {
    ++j;
    bool hex = j < s.size() && s[j] == 'x';
    if (hex) ++j;
    size_t digits = j;
    while (j < s.size() && (hex ? std::isxdigit(static_cast<unsigned char>(s[j])) : std::isdigit(static_cast<unsigned char>(s[j]))))
      ++j;
    if (j > digits && j < s.size() && s[j] == ';') return std::nullopt;
    return Problem{i, "malformed character reference \"" + unicode::excerpt(s.substr(i, j + 1 - i), 20) + "\""};
  }
  while (j < s.size() && j - i < 64 && name_char(s[j])) ++j;
  std::string_view name = s.substr(i + 1, j - i - 1);
  if (j < s.size() && s[j] == ';' && !name.empty()) {
    if (name == "amp" || name == "lt" || name == "gt" || name == "quot" || name == "apos") return std::nullopt;
    return Problem{i, "unknown entity &" + unicode::excerpt(name, 30) +
                          "; (XML knows &amp; &lt; &gt; &quot; &apos; and numeric references such as &#8211;)"};
  }
  return Problem{i, "a '&' that starts no entity reference (write it &amp;)"};
}

}  // namespace

std::optional<Problem> find_problem(std::string_view s, size_t max_nesting) {
  size_t depth = 0;
  size_t i = 0;
  const size_t n = s.size();
  auto skip_past = [&](std::string_view end) {
    size_t at = s.find(end, i);
    i = at == std::string_view::npos ? n : at + end.size();
  };
  while (i < n) {
    char c = s[i];
    if (c == '&') {
      if (auto p = check_reference(s, i)) return p;
      ++i;
      continue;
    }
    if (c != '<') {
      ++i;
      continue;
    }
    std::string_view rest = s.substr(i);
    if (rest.starts_with("<!--")) {
      skip_past("-->");
    } else if (rest.starts_with("<![CDATA[")) {
      skip_past("]]>");
    } else if (rest.starts_with("<?")) {
      skip_past("?>");
    } else if (rest.starts_with("<!")) {  // DOCTYPE, with an internal subset in [ ]
      int brackets = 0;
      char quote = 0;
      for (++i; i < n; ++i) {
        char d = s[i];
        if (quote) {
          if (d == quote) quote = 0;
        } else if (d == '"' || d == '\'') {
          quote = d;
        } else if (d == '[') {
          ++brackets;
        } else if (d == ']') {
          --brackets;
        } else if (d == '>' && brackets <= 0) {
          ++i;
          break;
        }
      }
    } else if (rest.starts_with("</")) {
      if (depth > 0) --depth;
      skip_past(">");
    } else {
      // A start tag: attribute values may hold '>' and references.
      size_t open = i;
      char quote = 0;
      bool self_closing = false;
      for (++i; i < n; ++i) {
        char d = s[i];
        if (quote) {
          if (d == quote) quote = 0;
          else if (d == '&') {
            if (auto p = check_reference(s, i)) return p;
          }
        } else if (d == '"' || d == '\'') {
          quote = d;
        } else if (d == '>') {
          self_closing = s[i - 1] == '/';
          ++i;
          break;
        }
      }
      if (!self_closing && ++depth > max_nesting && max_nesting > 0) {
        return Problem{open, "elements nested more than " + std::to_string(max_nesting) + " deep (limit max_nesting)"};
      }
    }
  }
  return std::nullopt;
}

}  // namespace vanban::xml_check
