// A generic value tree with source positions: what the JSON and XML readers produce
// and the document builder validates. Strings are valid UTF-8 in NFC.
#pragma once
#include <memory>
#include <string_view>
#include <string>
#include <utility>
#include <vector>

#include "core/diagnostic.h"
#include "core/limits.h"

namespace vanban::model {

struct Location {
  int line = 0;    // 1-based
  int column = 0;  // 1-based, in code points
};

struct Member;

struct Value {
  enum class Type { Null, Bool, Number, String, Array, Object };
  Type type = Type::Null;
  Location where;
  bool boolean = false;
  double number = 0;
  bool integral = false;     // the number was written without fraction or exponent
  bool from_text = false;    // a string from XML text, may stand for a number
  std::string string;
  std::vector<Value> items;                            // Array
  std::vector<Member> members;                         // Object, in source order
  std::vector<Location> member_where;                  // where each member's key is

  const Value* find(const std::string& key) const;
  static const char* type_name(Type t);
};

// A member of an object: its key and value (a struct, not a std::pair, so that Value
// may hold a vector of them while it is still incomplete).
struct Member {
  Member(std::string key, Value value) : first(std::move(key)), second(std::move(value)) {}
  std::string first;
  Value second;
};

// Maps byte offsets of a source text to line:column (column in code points), in
// O(log lines + kBlock) per look-up whatever the length of the line: the code points
// before every kBlock-th byte are counted once, so a minified file of one long line
// costs no more than a file of many short ones.
class SourceMap {
 public:
  explicit SourceMap(std::string_view text);
  Location at(size_t offset) const;

  static constexpr size_t kBlock = 256;

 private:
  std::string_view text_;
  std::vector<size_t> line_starts_;
  std::vector<size_t> block_code_points_;  // code points before byte i * kBlock
  size_t code_points_before(size_t offset) const;
};

// The same look-up for offsets asked in increasing order, as a parser meets its values:
// counted on from the offset asked before, so a whole file costs one pass over its bytes
// (a SourceMap costs a pass to build and up to 2 * kBlock bytes a look-up). An offset
// before the one asked before is found by a SourceMap, built then. Not thread-safe.
class SourceCursor {
 public:
  explicit SourceCursor(std::string_view text);
  ~SourceCursor();
  SourceCursor(const SourceCursor&) = delete;
  SourceCursor& operator=(const SourceCursor&) = delete;
  Location at(size_t offset);

 private:
  std::string_view text_;
  size_t offset_ = 0;               // the offset asked before
  size_t line_ = 1, column_ = 1;    // its line:column
  std::unique_ptr<SourceMap> map_;  // for an offset further back
};

// Throws vanban::Error(Syntax) at the line:column of the first invalid UTF-8 sequence.
void check_utf8(std::string_view text, const SourceMap& map, const std::string& source_name);
// The same, the map built only when there is an invalid sequence.
void check_utf8(std::string_view text, const std::string& source_name);

// Readers. Throw vanban::Error with the source name and line:column; values nested
// deeper than limits.max_nesting are an error (no recursion follows the input's depth).
// XML knows the five entities of XML and numeric references only; a DOCTYPE is refused.
// The XML reader goes on after a mistake in the structure of the model (text where none
// belongs, a wrong element in a list, a member given twice), leaving that node out: with
// `problems` they are put there, else thrown all at once at the end.
Value read_json(std::string_view text, const std::string& source_name, const Limits& limits = {});
Value read_xml(std::string_view text, const std::string& source_name, const Limits& limits = {},
               Diagnostics* problems = nullptr);

}  // namespace vanban::model
