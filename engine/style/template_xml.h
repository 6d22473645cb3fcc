// The template reader's XML helpers (internal to engine/style): where a node is
// (line:column for messages), attribute values (lengths with units, numbers, flags,
// colours, alignments, number formats) and `apply`, which refuses unknown attributes.
#pragma once
#include <pugixml.hpp>

#include <cstddef>
#include <filesystem>
#include <functional>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <utility>

#include "style/profile.h"

namespace vanban::style::template_xml {

// A template file's text and what it may reach.
struct Source {
  std::string path;
  std::string text;
  TemplateAccess access = {};
  std::filesystem::path root = {};  // the template's own directory, symbolic links resolved

  std::pair<int, int> position(ptrdiff_t offset) const;  // 1-based line:column of a byte offset
  // Throws Error(Template) naming the file and the node's line:column.
  // Throws Error(Template) at the node's '<' (line:column); a `hint` ("did you mean …")
  // rides in the error's diagnostic.
  [[noreturn]] void fail(const pugi::xml_node& node, const std::string& message, const std::string& hint = {}) const;
};

double parse_number(const Source& src, const pugi::xml_node& node, const char* attr, std::string_view text,
                    std::string_view* unit);
double parse_length(const Source& src, const pugi::xml_node& node, const char* attr);  // "20mm" -> pt
double parse_plain_number(const Source& src, const pugi::xml_node& node, const char* attr);
bool parse_bool(const Source& src, const pugi::xml_node& node, const char* attr);
Color parse_color(const Source& src, const pugi::xml_node& node, const char* attr);   // "#c00000"
Align parse_align(const Source& src, const pugi::xml_node& node, const char* attr);
NumberFormat parse_format(const Source& src, const pugi::xml_node& node, const char* attr);

// Applies the attributes present on `node` through `setters`; an attribute with no
// setter (and not `ignored`) is an error, so a misspelt attribute never passes silently.
using Setter = std::function<void(const pugi::xml_node&, const char*)>;
void apply(const Source& src, const pugi::xml_node& node, const std::map<std::string, Setter>& setters,
           const std::set<std::string>& ignored = {});
Setter length(double& target, const Source& src);
Setter number(double& target, const Source& src);
Setter flag(bool& target, const Source& src);
Setter text(std::string& target);
// A file named relative to the template file, inside its directory unless the access allows more.
Setter file_path(std::string& target, const Source& src);

// Whether `p` (symbolic links resolved as far as it exists) lies in the directory `root`.
bool lies_in(const std::filesystem::path& root, const std::filesystem::path& p);
// The directory a template file lies in, symbolic links resolved.
std::filesystem::path own_directory(const std::string& path);

void read_rule(const Source& src, const pugi::xml_node& node, RuleStyle& rule);

// <numbering kind=… [scheme=…]>: the kind's default, or a scheme a model may pick.
void read_numbering(const Source& src, const pugi::xml_node& node, Template& tpl);
// <regions>: the regions of the document in print order.
void read_regions(const Source& src, const pugi::xml_node& node, Template& tpl);

}  // namespace vanban::style::template_xml
