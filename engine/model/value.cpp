#include "model/value.h"

#include <algorithm>

#include "core/error.h"
#include "core/unicode.h"

namespace vanban::model {

const Value* Value::find(const std::string& key) const {
  for (const auto& [k, v] : members)
    if (k == key) return &v;
  return nullptr;
}

const char* Value::type_name(Type t) {
  switch (t) {
    case Type::Null: return "null";
    case Type::Bool: return "a boolean";
    case Type::Number: return "a number";
    case Type::String: return "a string";
    case Type::Array: return "an array";
    case Type::Object: return "an object";
  }
  return "?";
}

SourceMap::SourceMap(std::string_view text) : text_(text) {
  line_starts_.push_back(0);
  for (size_t i = 0; i < text.size(); ++i)
    if (text[i] == '\n') line_starts_.push_back(i + 1);
}

Location SourceMap::at(size_t offset) const {
  offset = std::min(offset, text_.size());
  auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
  size_t line = static_cast<size_t>(it - line_starts_.begin());  // 1-based
  size_t start = line_starts_[line - 1];
  std::string_view rest = text_.substr(start);
  return Location{static_cast<int>(line), static_cast<int>(unicode::count_code_points(rest, offset - start) + 1)};
}

void check_utf8(std::string_view text, const SourceMap& map, const std::string& source_name) {
  if (auto bad = unicode::find_invalid_utf8(text)) {
    Location where = map.at(*bad);
    throw Error(ErrorKind::Syntax, "invalid UTF-8 byte sequence", source_name, where.line, where.column);
  }
}

}  // namespace vanban::model
