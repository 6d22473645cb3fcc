// XML -> Value with positions (pugixml). The mapping (docs/model.md):
// - the root <document> and every element with attributes or element children is an
//   object: attributes and child elements are its members;
// - an element holding only text is a string; text mixed with <b>, <i>, <bi> is rich
//   text, the same span array the JSON form uses;
// - the children of the array fields (recipients, authority, parent_agency,
//   issuing_agency, appendices, kinh_gui, address, signatures, preamble) are their
//   items, written <item>…</item>; a preamble item is rich text;
// - a <table> block holds <columns> (<item width=… align=…/>), <header> and <rows>,
//   whose <row>s hold <cell>s: rich text, or with attributes (colspan, rowspan,
//   align) an object whose text is the cell's text;
// - in body and content, each child element is a block whose element name is its type;
//   a block's <title>/<text> children and attributes are members, its other element
//   children are its content blocks, and its own text is its text.
// Text is kept exactly as written (no white-space folding).
#include <pugixml.hpp>

#include <set>
#include <unordered_set>

#include "core/diagnostic.h"
#include "core/error.h"
#include "core/i18n.h"
#include "core/unicode.h"
#include "core/xml_check.h"
#include "model/csv.h"
#include "model/value.h"

namespace vanban::model {
namespace {

const std::set<std::string> kItemArrays = {"recipients", "authority", "parent_agency", "issuing_agency",
                                           "appendices", "kinh_gui", "address", "signatures", "preamble"};
const std::set<std::string> kRichItemArrays = {"preamble"};
const std::set<std::string> kBlockArrays = {"body", "content"};
const std::set<std::string> kInline = {"b", "i", "bi"};

class Converter {
 public:
  Converter(std::string_view text, const std::string& source, const Limits& limits)
      : text_(text), source_(source), map_(text), limits_(limits) {}

  Value document(const pugi::xml_node& root) {
    Value v;
    each_node([&] { v = object(root); });
    return v;
  }

  // The structure's mistakes (text where none belongs, a wrong element in a list, a member
  // given twice): each node in error is left out and the rest read.
  Diagnostics problems;

 private:
  struct Skip {};
  std::string_view text_;
  const std::string& source_;
  mutable SourceCursor map_;  // nodes are met in document order
  const Limits& limits_;

  Location where(const pugi::xml_node& node) const {
    ptrdiff_t offset = node.offset_debug();
    if (node.type() == pugi::node_element && offset > 0 && text_[offset - 1] == '<') --offset;
    return map_.at(offset < 0 ? 0 : static_cast<size_t>(offset));
  }

  void report(const pugi::xml_node& node, const std::string& message) {
    Location w = where(node);
    problems.error(ErrorKind::Syntax, message, source_, w.line, w.column);
  }
  [[noreturn]] void fail(const pugi::xml_node& node, const std::string& message) {
    report(node, message);
    throw Skip{};
  }
  // Runs `read` for one node; a node in error is left out.
  template <class Read>
  void each_node(Read&& read) {
    try {
      read();
    } catch (const Skip&) {
    }
  }

  static bool blank(const char* s) {
    for (; *s; ++s)
      if (*s != ' ' && *s != '\n' && *s != '\r' && *s != '\t') return false;
    return true;
  }

  Value string_value(const std::string& s, Location at) const {
    if (s.size() > limits_.max_text_bytes) {
      limit_exceeded(source_, "a text has", limits_.max_text_bytes, "bytes", "max_text_bytes", at);
    }
    Value v;
    v.type = Value::Type::String;
    v.string = unicode::to_nfc(s);
    v.from_text = true;
    v.where = at;
    return v;
  }

  bool has_element_children(const pugi::xml_node& node) const {
    for (auto c : node.children())
      if (c.type() == pugi::node_element) return true;
    return false;
  }

  // Text, or text with inline <b>/<i>/<bi>: a string or a span array.
  Value rich_text(const pugi::xml_node& node, bool skip_structure = false) {
    Value spans;
    spans.type = Value::Type::Array;
    spans.where = where(node);
    bool any_inline = false;
    for (auto c : node.children()) {
      if (c.type() == pugi::node_pcdata || c.type() == pugi::node_cdata) {
        // White space beside nested blocks only lays out the XML; between spans it is text.
        auto structural = [&](const pugi::xml_node& n) { return !n || (n.type() == pugi::node_element && !kInline.count(n.name())); };
        if (skip_structure && blank(c.value()) && (structural(c.previous_sibling()) || structural(c.next_sibling()))) continue;
        spans.items.push_back(string_value(c.value(), where(c)));
      } else if (c.type() == pugi::node_element && kInline.count(c.name())) {
        if (has_element_children(c)) {
          report(c, trf("<{0}> may hold only text", unicode::excerpt(c.name())));
          continue;
        }
        Value span;
        span.type = Value::Type::Object;
        span.where = where(c);
        span.members.emplace_back(c.name(), string_value(c.text().get(), where(c)));
        span.member_where.push_back(where(c));
        spans.items.push_back(std::move(span));
        any_inline = true;
      } else if (c.type() == pugi::node_element && !skip_structure) {
        report(c, trf("unexpected element <{0}> in text", unicode::excerpt(c.name())));
      }
    }
    if (!any_inline) {
      std::string all;
      for (const auto& s : spans.items) all += s.string;
      return string_value(all, where(node));
    }
    return spans;
  }

  bool has_text(const pugi::xml_node& node) const {
    for (auto c : node.children()) {
      if ((c.type() == pugi::node_pcdata || c.type() == pugi::node_cdata) && !blank(c.value())) return true;
      if (c.type() == pugi::node_element && kInline.count(c.name())) return true;
    }
    return false;
  }

  // Calls `each` for every child element of `node`; text there other than white space
  // is an error, "text is not expected inside <name>" followed by `hint`.
  template <class Each>
  void elements(const pugi::xml_node& node, const std::string& hint, Each each) {
    for (auto c : node.children()) {
      if (c.type() == pugi::node_element) {
        each_node([&] { each(c); });
      } else if ((c.type() == pugi::node_pcdata || c.type() == pugi::node_cdata) && !blank(c.value())) {
        report(c, trf("text is not expected inside <{0}>{1}", unicode::excerpt(node.name()), hint));
      }
    }
  }

  // `seen` holds the keys of `obj` so far: a duplicate is found in constant time.
  void add_member(Value& obj, std::unordered_set<std::string>& seen, const std::string& key, Value v, Location at,
                  const pugi::xml_node& node) {
    if (!seen.insert(key).second) fail(node, trf("\"{0}\" is given twice", unicode::excerpt(key)));
    obj.members.emplace_back(key, std::move(v));
    obj.member_where.push_back(at);
  }

  void add_attributes(Value& obj, std::unordered_set<std::string>& seen, const pugi::xml_node& node) {
    for (auto a : node.attributes()) add_member(obj, seen, a.name(), string_value(a.value(), where(node)), where(node), node);
  }

  Value element(const pugi::xml_node& node) {
    std::string name = node.name();
    if (kItemArrays.count(name)) return item_array(node, kRichItemArrays.count(name) > 0);
    if (kBlockArrays.count(name)) return block_array(node);
    if (!node.first_attribute() && !has_element_children(node)) return string_value(node.text().get(), where(node));
    return object(node);
  }

  Value object(const pugi::xml_node& node) {
    Value obj;
    obj.type = Value::Type::Object;
    obj.where = where(node);
    std::unordered_set<std::string> seen;
    add_attributes(obj, seen, node);
    elements(node, "", [&](const pugi::xml_node& c) { add_member(obj, seen, c.name(), element(c), where(c), c); });
    return obj;
  }

  Value item_array(const pugi::xml_node& node, bool rich_items = false) {
    Value arr;
    arr.type = Value::Type::Array;
    arr.where = where(node);
    if (!has_element_children(node) && !node.first_attribute()) {
      // A single line written directly: <issuing_agency>SỞ …</issuing_agency>
      if (has_text(node)) return string_value(node.text().get(), where(node));
      return arr;
    }
    elements(node, tr("; write <item>…</item>"), [&](const pugi::xml_node& c) {
      if (unicode::excerpt(c.name()) != "item") fail(c, trf("expected <item> inside <{0}>", unicode::excerpt(node.name())));
      arr.items.push_back(rich_items ? rich_text(c) : element(c));
    });
    return arr;
  }

  Value block_array(const pugi::xml_node& node) {
    Value arr;
    arr.type = Value::Type::Array;
    arr.where = where(node);
    elements(node, tr("; put it in a block such as <paragraph>"),
             [&](const pugi::xml_node& c) { arr.items.push_back(block(c)); });
    return arr;
  }

  Value block(const pugi::xml_node& node) {
    Value obj;
    obj.type = Value::Type::Object;
    obj.where = where(node);
    std::unordered_set<std::string> seen;
    add_member(obj, seen, "type", string_value(node.name(), where(node)), where(node), node);
    add_attributes(obj, seen, node);
    if (std::string(node.name()) == "table") return table(node, std::move(obj), seen);
    Value content;
    content.type = Value::Type::Array;
    for (auto c : node.children()) {
      if (c.type() != pugi::node_element || kInline.count(c.name())) continue;
      std::string name = c.name();
      if (name == "title" || name == "text") {
        add_member(obj, seen, name, rich_text(c), where(c), c);
      } else {
        if (content.items.empty()) content.where = where(c);
        content.items.push_back(block(c));
      }
    }
    if (has_text(node)) add_member(obj, seen, "text", rich_text(node, true), where(node), node);
    if (!content.items.empty()) add_member(obj, seen, "content", std::move(content), content.where, node);
    return obj;
  }

  // <table><columns><item width="12mm" align="center"/>…</columns>
  //   <header><row><cell colspan="2">…</cell></row></header><rows><row>…</row></rows></table>
  Value table(const pugi::xml_node& node, Value obj, std::unordered_set<std::string>& seen) {
    elements(node, "", [&](const pugi::xml_node& c) {
      std::string name = c.name();
      if (name == "columns") add_member(obj, seen, name, item_array(c), where(c), c);
      else if (name == "header" || name == "rows") add_member(obj, seen, name, rows(c), where(c), c);
      else fail(c, trf("unexpected element <{0}> in <table> (columns, header, rows)", unicode::excerpt(name)));
    });
    return obj;
  }

  Value rows(const pugi::xml_node& node) {
    Value arr;
    arr.type = Value::Type::Array;
    arr.where = where(node);
    elements(node, tr("; write <row>…</row>"), [&](const pugi::xml_node& r) {
      if (std::string(r.name()) != "row") fail(r, trf("expected <row> inside <{0}>", unicode::excerpt(node.name())));
      Value row;
      row.type = Value::Type::Array;
      row.where = where(r);
      elements(r, tr("; write <cell>…</cell>"), [&](const pugi::xml_node& c) {
        if (std::string(c.name()) != "cell") fail(c, tr("expected <cell> inside <row>"));
        row.items.push_back(cell(c));
      });
      arr.items.push_back(std::move(row));
    });
    return arr;
  }

  // A cell: its rich text, or with attributes an object {text, colspan, rowspan, align}.
  Value cell(const pugi::xml_node& node) {
    Value text = rich_text(node);
    if (!node.first_attribute()) return text;
    Value obj;
    obj.type = Value::Type::Object;
    obj.where = where(node);
    std::unordered_set<std::string> seen;
    add_attributes(obj, seen, node);
    add_member(obj, seen, "text", std::move(text), where(node), node);
    return obj;
  }
};

}  // namespace

Value read_xml(std::string_view text, const std::string& source_name, const Limits& limits, Diagnostics* problems) {
  check_utf8(text, source_name);
  // Unknown entities (pugixml would keep "&ndash;" as text) and nesting deeper than the
  // limit (the converter below recurses once per element level).
  if (auto problem = xml_check::find_problem(text, limits.max_nesting)) {
    Location where = SourceMap(text).at(problem->offset);
    throw Error(ErrorKind::Syntax, problem->message, source_name, where.line, where.column);
  }
  pugi::xml_document doc;
  unsigned options = pugi::parse_default | pugi::parse_ws_pcdata;
  pugi::xml_parse_result parsed = doc.load_buffer(text.data(), text.size(), options, pugi::encoding_utf8);
  if (!parsed) {
    Location where = SourceMap(text).at(static_cast<size_t>(parsed.offset));
    throw Error(ErrorKind::Syntax, trf("malformed XML: {0}", parsed.description()), source_name, where.line,
                where.column);
  }
  pugi::xml_node root = doc.document_element();
  if (std::string(root.name()) != "document") {
    Location where = SourceMap(text).at(static_cast<size_t>(root.offset_debug() > 0 ? root.offset_debug() - 1 : 0));
    throw Error(ErrorKind::Syntax, tr("the root element must be <document>"), source_name, where.line, where.column);
  }
  Converter converter(text, source_name, limits);
  Value value = converter.document(root);
  if (problems) *problems = std::move(converter.problems);
  else converter.problems.throw_if_errors();
  return value;
}

}  // namespace vanban::model
