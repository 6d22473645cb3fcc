#include "model/value.h"

#include <algorithm>
#include <cstdint>

#include "core/error.h"
#include "core/i18n.h"
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
    case Type::Bool: return tr("a boolean");
    case Type::Number: return tr("a number");
    case Type::String: return tr("a string");
    case Type::Array: return tr("an array");
    case Type::Object: return tr("an object");
  }
  return "?";
}

SourceMap::SourceMap(std::string_view text) : text_(text) {
  line_starts_.push_back(0);
  block_code_points_.reserve(text.size() / kBlock + 1);
  size_t count = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    if (i % kBlock == 0) block_code_points_.push_back(count);
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) ++count;
    if (text[i] == '\n') line_starts_.push_back(i + 1);
  }
}

size_t SourceMap::code_points_before(size_t offset) const {
  size_t block = offset / kBlock;
  if (block >= block_code_points_.size()) block = block_code_points_.empty() ? 0 : block_code_points_.size() - 1;
  size_t from = block * kBlock;
  size_t base = block_code_points_.empty() ? 0 : block_code_points_[block];
  return base + unicode::count_code_points(text_.substr(from), offset - from);
}

Location SourceMap::at(size_t offset) const {
  offset = std::min(offset, text_.size());
  auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
  size_t line = static_cast<size_t>(it - line_starts_.begin());  // 1-based
  size_t start = line_starts_[line - 1];
  size_t column = code_points_before(offset) - code_points_before(start) + 1;
  auto clamp = [](size_t n) { return static_cast<int>(std::min<size_t>(n, INT32_MAX)); };
  return Location{clamp(line), clamp(column)};
}

SourceCursor::SourceCursor(std::string_view text) : text_(text) {}
SourceCursor::~SourceCursor() = default;

Location SourceCursor::at(size_t offset) {
  offset = std::min(offset, text_.size());
  if (offset < offset_) {
    if (!map_) map_ = std::make_unique<SourceMap>(text_);
    return map_->at(offset);
  }
  // As SourceMap: a line ends at "\n"; a column counts the bytes that start a code point.
  size_t line = line_, column = column_;
  for (const char* p = text_.data() + offset_, *end = text_.data() + offset; p < end; ++p) {
    const auto c = static_cast<unsigned char>(*p);
    if (c == '\n') {
      ++line;
      column = 1;
    } else {
      column += (c & 0xC0) != 0x80;
    }
  }
  offset_ = offset;
  line_ = line;
  column_ = column;
  auto clamp = [](size_t n) { return static_cast<int>(std::min<size_t>(n, INT32_MAX)); };
  return Location{clamp(line), clamp(column)};
}

void check_utf8(std::string_view text, const std::string& source_name) {
  if (unicode::find_invalid_utf8(text)) check_utf8(text, SourceMap(text), source_name);
}

void check_utf8(std::string_view text, const SourceMap& map, const std::string& source_name) {
  if (auto bad = unicode::find_invalid_utf8(text)) {
    Location where = map.at(*bad);
    throw Error(ErrorKind::Syntax, tr("invalid UTF-8 byte sequence"), source_name, where.line, where.column);
  }
}

}  // namespace vanban::model
