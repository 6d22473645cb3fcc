// <numbering> (the kinds' defaults and the schemes a model may pick) and <regions> (the
// regions of a kind of document in print order) of a template.
#include <set>

#include "core/i18n.h"
#include "style/template_xml.h"

namespace vanban::style::template_xml {

void read_numbering(const Source& src, const pugi::xml_node& node, Template& tpl) {
  std::string kind = node.attribute("kind").value();
  static const std::set<std::string> kinds = {"part", "chapter", "section", "article", "clause",
                                              "point", "dash", "plus", "star", "contact"};
  if (!kinds.count(kind)) {
    src.fail(node, tr("<numbering>: kind must be one of part, chapter, section, article, clause, point, dash, plus, "
                      "star, contact"));
  }
  std::string scheme = node.attribute("scheme").value();
  // Without a scheme: the kind's default; with one: an alternative a model picks by name
  // ("numbering": {"part": "ordinal"}). A template that extends another refines either.
  NumberingStyle& n = scheme.empty() ? tpl.numbering[kind] : tpl.numbering_schemes[kind + ":" + scheme];
  n.scheme = scheme;
  apply(src, node,
        {{"format", [&](const pugi::xml_node& x, const char* a) { n.format = parse_format(src, x, a); }},
         {"prefix", text(n.prefix)},
         {"suffix", text(n.suffix)},
         {"outline", flag(n.outline, src)},
         {"label-style", text(n.label_style)},
         {"title-style", text(n.title_style)},
         {"text-style", text(n.text_style)}},
        {"kind", "scheme"});
  if (node.attribute("scheme") && scheme.empty()) src.fail(node, tr("<numbering>: scheme must not be empty"));
}

namespace {

Setter one_of(std::string& target, const Source& src, std::set<std::string> values) {
  return [&target, &src, values](const pugi::xml_node& n, const char* a) {
    std::string v = n.attribute(a).value();
    if (!values.count(v)) {
      std::string list;
      for (const auto& x : values) list += (list.empty() ? "" : ", ") + x;
      src.fail(n, trf("<{0}>: {1} must be one of {2}, not \"{3}\"", n.name(), a, list, v));
    }
    target = v;
  };
}

}  // namespace

void read_regions(const Source& src, const pugi::xml_node& node, Template& tpl) {
  using Kind = RegionSpec::Kind;
  static const std::map<std::string, Kind> tags = {
      {"header", Kind::Header},   {"title", Kind::Title},     {"kinh-gui", Kind::KinhGui},
      {"preamble", Kind::Preamble}, {"body", Kind::Body},     {"closing", Kind::Closing},
      {"copy", Kind::Copy},       {"appendices", Kind::Appendices}, {"footer", Kind::Footer}};
  apply(src, node, {});
  tpl.regions.clear();  // a template that extends another declares its regions whole
  std::set<std::string> seen;
  for (pugi::xml_node c : node.children()) {
    if (c.type() != pugi::node_element) continue;
    std::string tag = c.name();
    auto it = tags.find(tag);
    if (it == tags.end()) {
      src.fail(c, trf("<regions>: unknown region <{0}> (expected header, title, kinh-gui, preamble, body, closing, "
                      "copy, appendices, footer)",
                      tag));
    }
    if (!seen.insert(tag).second) src.fail(c, trf("<regions>: the region <{0}> is declared twice", tag));
    RegionSpec spec;
    spec.kind = it->second;
    spec.source_line = src.position(c.offset_debug()).first;
    std::map<std::string, Setter> setters;
    switch (spec.kind) {
      case Kind::Header:
        setters = {{"number", one_of(spec.number, src, {"required", "optional", "none"})},
                   {"subject-under-number", flag(spec.subject_under_number, src)},
                   {"date", flag(spec.date, src)}};
        break;
      case Kind::Title:
        setters = {{"type-name", flag(spec.type_name, src)}, {"subject", flag(spec.subject, src)}};
        break;
      case Kind::KinhGui:
        setters = {{"label", text(spec.label)},
                   {"label-from", one_of(spec.label_from, src, {"authority"})},
                   {"label-suffix", text(spec.label_suffix)},
                   {"label-style", text(spec.label_style)},
                   {"item-style", text(spec.item_style)},
                   {"item-indent", one_of(spec.item_indent, src, {"under-colon", "style"})},
                   {"same-line", flag(spec.same_line, src)}};
        break;
      case Kind::Preamble: setters = {{"decision-word", text(spec.decision_word)}}; break;
      case Kind::Closing:
        setters = {{"signatures", one_of(spec.signatures, src, {"side-by-side", "stacked"})},
                   {"confirmation", one_of(spec.confirmation, src, {"below-left"})},
                   {"confirmation-style", text(spec.confirmation_style)}};
        break;
      default: break;
    }
    apply(src, c, setters);
    if (spec.kind == Kind::KinhGui && !spec.label.empty() && !spec.label_from.empty()) {
      src.fail(c, tr("<kinh-gui>: label and label-from exclude each other"));
    }
    if (spec.kind == Kind::KinhGui && !spec.label_suffix.empty() && spec.label_from.empty()) {
      src.fail(c, tr("<kinh-gui>: label-suffix needs label-from"));
    }
    tpl.regions.push_back(spec);
  }
  if (tpl.regions.empty()) src.fail(node, tr("<regions> declares no region"));
}

}  // namespace vanban::style::template_xml
