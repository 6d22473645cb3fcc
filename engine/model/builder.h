// Internal to the model stage: the value tree -> validated model::Document, with field
// paths in every error. document_builder.cpp reads the document's own fields,
// block_builder.cpp its blocks and tables.
//
// Every problem is reported, not just the first: `fail` records a diagnostic and skips
// what it was reading (a private exception caught at the next natural boundary: a
// top-level field, a block of a list, a table row or cell, a signature, an appendix),
// `report` records one and goes on (an unknown field is left out). Past a limit of the
// input (nesting, rows, cells, columns) or the collector's limit of errors, reading
// stops. document() then throws one Error carrying them all (Error::diagnostics()).
#pragma once
#include <initializer_list>
#include <string>
#include <vector>

#include "core/diagnostic.h"
#include "core/limits.h"
#include "model/document.h"
#include "model/value.h"

namespace vanban::model {

class Builder {
 public:
  // `problems` already found (the XML reader's) are reported with the builder's.
  Builder(const std::string& source, const Limits& limits, Diagnostics problems = Diagnostics())
      : source_(source), limits_(limits), diagnostics_(std::move(problems)) {}

  // The document; throws Error with every problem when there is one.
  Document document(const Value& root) const;

  // Blocks (block_builder.cpp). `depth` counts the blocks around these: blocks are read
  // (and later laid out) recursively, so their nesting is limited whatever the reader allowed.
  std::vector<Block> blocks(const Value& v, const std::string& path, size_t depth = 0) const;

 private:
  using Type = Value::Type;
  const std::string& source_;
  const Limits& limits_;
  mutable Diagnostics diagnostics_;
  mutable size_t reported_ = 0;              // errors reported, the dropped ones included
  static constexpr size_t kMaxReported = 1000;

  struct Skip {};  // thrown by fail(): what was being read is left out
  struct Stop {};  // thrown past a limit: nothing more is read

  // Runs `read`; false when it failed (its problem is recorded).
  template <class Read>
  bool attempt(Read&& read) const {
    try {
      read();
      return true;
    } catch (const Skip&) {
      return false;
    }
  }
  void read_document(const Value& root, Document& d) const;

  static std::string join(const std::string& path, const std::string& key) {
    return path.empty() ? key : path + "." + key;
  }
  static std::string index(const std::string& path, size_t i) { return path + "[" + std::to_string(i) + "]"; }

  // Records an error at `v`; fail() then skips (Skip), stop() ends the reading (Stop).
  void report(const Value& v, const std::string& path, const std::string& message, const std::string& hint = {}) const;
  [[noreturn]] void fail(const Value& v, const std::string& path, const std::string& message,
                         const std::string& hint = {}) const;
  [[noreturn]] void stop(const Value& v, const std::string& path, const std::string& message) const;
  // Skips (what contains the parts just read) when errors were recorded since `errors_before`.
  void skip_if_failed(size_t errors_before) const;
  static std::string describe(const Value& v);
  void expect(const Value& v, Type t, const std::string& path) const;
  // Reports every member of `obj` not in `keys` (with the nearest key as hint) and goes on.
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
