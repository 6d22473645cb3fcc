// The attribute readers of the template reader (see template_xml.h).
#include "style/template_xml.h"

#include <algorithm>
#include <charconv>
#include <cmath>

#include "core/error.h"
#include "core/diagnostic.h"
#include "core/i18n.h"
#include "core/suggest.h"

namespace vanban::style::template_xml {

namespace fs = std::filesystem;

// 1-based line:column of a byte offset.
std::pair<int, int> Source::position(ptrdiff_t offset) const {
  int line = 1, column = 1;
  for (ptrdiff_t i = 0; i < offset && i < static_cast<ptrdiff_t>(text.size()); ++i) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (c == '\n') {
      ++line;
      column = 1;
    } else if ((c & 0xC0) != 0x80) {
      ++column;
    }
  }
  return {line, column};
}

void Source::fail(const pugi::xml_node& node, const std::string& message, const std::string& hint) const {
  ptrdiff_t offset = node.offset_debug();  // pugixml points at the name; report the '<'
  if (offset > 0 && offset <= static_cast<ptrdiff_t>(text.size()) && text[offset - 1] == '<') --offset;
  auto [line, column] = position(offset);
  if (hint.empty()) throw Error(ErrorKind::Template, message, path, line, column);
  Diagnostics one;
  one.error(ErrorKind::Template, message, path, line, column, {}, hint);
  one.throw_if_errors();
  throw Error(ErrorKind::Template, message, path, line, column);  // (not reached)
}

double parse_number(const Source& src, const pugi::xml_node& node, const char* attr,
                    std::string_view text, std::string_view* unit) {
  double value = 0;
  const char* begin = text.data();
  const char* end = text.data() + text.size();
  auto result = std::from_chars(begin, end, value);
  if (result.ec != std::errc() || !std::isfinite(value)) {
    src.fail(node, trf("attribute {0}: expected a number, got \"{1}\"", attr, text));
  }
  *unit = std::string_view(result.ptr, end - result.ptr);
  return value;
}

// "20mm", "1.27cm", "14pt", "1in" -> pt.
double parse_length(const Source& src, const pugi::xml_node& node, const char* attr) {
  std::string_view text = node.attribute(attr).value();
  std::string_view unit;
  double value = parse_number(src, node, attr, text, &unit);
  if (unit == "pt") return value;
  if (unit == "mm") return value * 72.0 / 25.4;
  if (unit == "cm") return value * 72.0 / 2.54;
  if (unit == "in") return value * 72.0;
  src.fail(node, trf("attribute {0}: length \"{1}\" needs a unit (pt, mm, cm or in)", attr, text));
}

double parse_plain_number(const Source& src, const pugi::xml_node& node, const char* attr) {
  std::string_view text = node.attribute(attr).value();
  std::string_view unit;
  double value = parse_number(src, node, attr, text, &unit);
  if (!unit.empty()) {
    src.fail(node, trf("attribute {0}: expected a plain number, got \"{1}\"", attr, text));
  }
  return value;
}

bool parse_bool(const Source& src, const pugi::xml_node& node, const char* attr) {
  std::string_view text = node.attribute(attr).value();
  if (text == "true") return true;
  if (text == "false") return false;
  src.fail(node, trf("attribute {0}: expected true or false, got \"{1}\"", attr, text));
}

void apply(const Source& src, const pugi::xml_node& node, const std::map<std::string, Setter>& setters,
           const std::set<std::string>& ignored) {
  for (const auto& attr : node.attributes()) {
    std::string name = attr.name();
    if (ignored.count(name)) continue;
    auto it = setters.find(name);
    if (it == setters.end()) {
      std::vector<std::string> known;
      for (const auto& [key, setter] : setters) known.push_back(key);
      src.fail(node, trf("<{0}>: unknown attribute \"{1}\"", node.name(), name), did_you_mean(name, known));
    }
    it->second(node, attr.name());
  }
}

Setter length(double& target, const Source& src) {
  return [&target, &src](const pugi::xml_node& n, const char* a) { target = parse_length(src, n, a); };
}
Setter number(double& target, const Source& src) {
  return [&target, &src](const pugi::xml_node& n, const char* a) { target = parse_plain_number(src, n, a); };
}
Setter flag(bool& target, const Source& src) {
  return [&target, &src](const pugi::xml_node& n, const char* a) { target = parse_bool(src, n, a); };
}
// Whether `p` (symbolic links resolved as far as it exists) lies in the directory `root`.
bool lies_in(const fs::path& root, const fs::path& p) {
  std::error_code ec;
  fs::path real = fs::weakly_canonical(p, ec);
  if (ec || root.empty()) return false;
  auto [r, q] = std::mismatch(root.begin(), root.end(), real.begin(), real.end());
  return r == root.end();
}

// The directory a template file lies in, symbolic links resolved.
fs::path own_directory(const std::string& path) {
  std::error_code ec;
  fs::path real = fs::weakly_canonical(path, ec);
  return ec ? fs::path() : real.parent_path();
}

// A file named relative to the template file that names it, inside its directory
// unless the access allows more.
Setter file_path(std::string& target, const Source& src) {
  return [&target, &src](const pugi::xml_node& node, const char* attribute) {
    std::filesystem::path p = node.attribute(attribute).as_string();
    if (p.empty()) src.fail(node, trf("attribute {0} names no file", attribute));
    target = (p.is_absolute() ? p : std::filesystem::path(src.path).parent_path() / p).lexically_normal().string();
    if (!src.access.allow_outside && !lies_in(src.root, target)) {
      src.fail(node, trf("attribute {0}: \"{1}\" lies outside the template's directory (templates may only name "
                         "files beside them)",
                         attribute, p.string()));
    }
  };
}

Setter text(std::string& target) {
  return [&target](const pugi::xml_node& n, const char* a) { target = n.attribute(a).value(); };
}

Color parse_color(const Source& src, const pugi::xml_node& node, const char* attr) {
  std::string_view v = node.attribute(attr).value();
  auto hex = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  if (v.size() == 7 && v[0] == '#') {
    int d[6];
    bool ok = true;
    for (int i = 0; i < 6; ++i) ok = ok && (d[i] = hex(v[i + 1])) >= 0;
    if (ok) return Color{(d[0] * 16 + d[1]) / 255.0, (d[2] * 16 + d[3]) / 255.0, (d[4] * 16 + d[5]) / 255.0};
  }
  src.fail(node, trf("attribute {0}: expected a colour like #c00000", attr));
}

Align parse_align(const Source& src, const pugi::xml_node& node, const char* attr) {
  std::string_view v = node.attribute(attr).value();
  if (v == "left") return Align::Left;
  if (v == "center") return Align::Center;
  if (v == "right") return Align::Right;
  if (v == "justify") return Align::Justify;
  src.fail(node, trf("attribute {0}: expected left, center, right or justify", attr));
}

NumberFormat parse_format(const Source& src, const pugi::xml_node& node, const char* attr) {
  std::string_view v = node.attribute(attr).value();
  if (v == "roman") return NumberFormat::Roman;
  if (v == "arabic") return NumberFormat::Arabic;
  if (v == "letter") return NumberFormat::VietnameseLetter;
  if (v == "ordinal") return NumberFormat::Ordinal;
  if (v == "none") return NumberFormat::None;
  src.fail(node, trf("attribute {0}: expected roman, arabic, letter, ordinal or none", attr));
}

void read_rule(const Source& src, const pugi::xml_node& node, RuleStyle& rule) {
  apply(src, node, {{"thickness", length(rule.thickness, src)},
                    {"length-ratio", number(rule.length_ratio, src)},
                    {"length", length(rule.length, src)},
                    {"gap", length(rule.gap, src)}},
        {"name"});
}

}  // namespace vanban::style::template_xml
