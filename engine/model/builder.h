// Internal to the model stage: the value tree -> validated model::Document, with field
// paths in every error. document_builder.cpp reads the document's own fields,
// block_builder.cpp its blocks and tables.
#pragma once
#include <initializer_list>
#include <string>
#include <vector>

#include "core/limits.h"
#include "model/document.h"
#include "model/value.h"

namespace vanban::model {

class Builder {
 public:
  Builder(const std::string& source, const Limits& limits) : source_(source), limits_(limits) {}

  Document document(const Value& root) const;

  // Blocks (block_builder.cpp). `depth` counts the blocks around these: blocks are read
  // (and later laid out) recursively, so their nesting is limited whatever the reader allowed.
  std::vector<Block> blocks(const Value& v, const std::string& path, size_t depth = 0) const;

 private:
  using Type = Value::Type;
  const std::string& source_;
  const Limits& limits_;

  static std::string join(const std::string& path, const std::string& key) {
    return path.empty() ? key : path + "." + key;
  }
  static std::string index(const std::string& path, size_t i) { return path + "[" + std::to_string(i) + "]"; }

  [[noreturn]] void fail(const Value& v, const std::string& path, const std::string& message) const;
  static std::string describe(const Value& v);
  void expect(const Value& v, Type t, const std::string& path) const;
  void allow(const Value& obj, const std::string& path, std::initializer_list<const char*> keys) const;
  const Value& require(const Value& obj, const std::string& key, const std::string& path) const;

  // Text: "\r\n" becomes "\n" (a line break kept in the text), a tab stays; any other
  // control character (U+0000–U+001F, U+007F, U+0080–U+009F) is an error naming the
  // field and the code point.
  std::string text(const std::string& s, const Value& at, const std::string& path) const;
  std::string string(const Value& v, const std::string& path) const;
  std::string nonempty_string(const Value& v, const std::string& path) const;
  // One of `allowed`; otherwise an error naming the field and the allowed values.
  std::string one_of(const Value& v, const std::string& path, std::initializer_list<const char*> allowed) const;
  bool boolean(const Value& v, const std::string& path) const;
  // A string, or an array of strings: one per line.
  std::vector<std::string> lines(const Value& v, const std::string& path) const;
  // An integer in [lo, hi]; null, absent or "" (XML) = blank (0).
  int integer_or_blank(const Value* v, const std::string& path, int lo, int hi) const;
  RichText rich(const Value& v, const std::string& path) const;

  DocumentNumber number(const Value& v, const std::string& path) const;
  Date date(const Value& v, const std::string& path) const;
  Signature signature(const Value& v, const std::string& path) const;
  Marks marks(const Value& v, const std::string& path) const;
  CopyBlock copy(const Value& v, const std::string& path) const;
  std::vector<std::pair<std::string, std::string>> numbering(const Value& v, const std::string& path) const;
  Appendix appendix(const Value& v, const std::string& path) const;

  Block block(const Value& v, const std::string& path, size_t depth) const;
  Table table(const Value& v, const std::string& path) const;
  TableColumn column(const Value& v, const std::string& path) const;
  TableCell cell(const Value& v, const std::string& path, size_t columns) const;
  std::vector<std::vector<TableCell>> table_rows(const Value& v, const std::string& path, size_t columns,
                                                 size_t& cells) const;
};

}  // namespace vanban::model
