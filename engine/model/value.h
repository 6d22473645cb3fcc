// A generic value tree with source positions: what the JSON and XML readers produce
// and the document builder validates. Strings are valid UTF-8 in NFC.
#pragma once
#include <memory>
#include <string>
#include <utility>
#include <vector>

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

// Maps byte offsets of a source text to line:column (column in code points).
class SourceMap {
 public:
  explicit SourceMap(std::string_view text);
  Location at(size_t offset) const;

 private:
  std::string_view text_;
  std::vector<size_t> line_starts_;
};

// Throws vanban::Error(Syntax) at the line:column of the first invalid UTF-8 sequence.
void check_utf8(std::string_view text, const SourceMap& map, const std::string& source_name);

// Readers. Throw vanban::Error with the source name and line:column.
Value read_json(std::string_view text, const std::string& source_name);
Value read_xml(std::string_view text, const std::string& source_name);

}  // namespace vanban::model
