// A check of XML text before a DOM parser (pugixml) reads it, for what the parser would
// let through silently: entity references other than the five of XML and numeric
// character references (pugixml leaves "&ndash;" as it is, so it would be printed), a
// '&' that starts no reference, and elements nested deeper than a limit (the readers
// that walk the tree recursively stay within the stack). DOCTYPE declarations are never
// expanded (pugixml skips them): an entity they declare is unknown, hence an error.
// One pass over the text, skipping comments, CDATA sections, processing instructions
// and the DOCTYPE; attribute values are checked like text.
#pragma once
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace vanban::xml_check {

struct Problem {
  size_t offset;        // byte offset in the text
  std::string message;  // "unknown entity &ndash; (XML knows &amp; &lt; &gt; &quot; &apos; and &#…;)"
};

// The first problem, or nullopt. `max_nesting` = 0 checks no depth.
std::optional<Problem> find_problem(std::string_view xml, size_t max_nesting);

}  // namespace vanban::xml_check
