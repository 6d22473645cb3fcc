// A hash for unordered maps keyed by std::string that are looked up with a string_view
// (no key string made for a look-up): std::unordered_map<std::string, T, StringHash,
// std::equal_to<>>.
#pragma once
#include <functional>
#include <string_view>

namespace vanban {

struct StringHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};

}  // namespace vanban
