#include <pugixml.hpp>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <filesystem>
#include <functional>
#include <set>
#include <sstream>

#include "core/diagnostic.h"
#include "core/error.h"
#include "core/file_io.h"
#include "core/i18n.h"
#include "core/suggest.h"
#include "core/xml_check.h"
#include "style/profile.h"
#include "style/template_xml.h"

namespace vanban::style {
namespace {

namespace fs = std::filesystem;
using namespace template_xml;


void read_style(const Source& src, const pugi::xml_node& node, Template& tpl) {
  std::string name = node.attribute("name").value();
  if (name.empty()) src.fail(node, tr("<style> needs a name"));
  ParagraphStyle style;
  if (auto base = node.attribute("base")) {
    auto it = tpl.styles.find(base.value());
    if (it == tpl.styles.end()) src.fail(node, trf("style \"{0}\": unknown base style \"{1}\"", name, base.value()));
    style = it->second;
  } else if (auto existing = tpl.styles.find(name); existing != tpl.styles.end()) {
    style = existing->second;  // a template that extends another refines its styles
  }
  style.name = name;
  apply(src, node,
        {{"bold", flag(style.bold, src)},
         {"italic", flag(style.italic, src)},
         {"size", length(style.size, src)},
         {"align", [&](const pugi::xml_node& n, const char* a) { style.align = parse_align(src, n, a); }},
         {"first-indent", length(style.first_indent, src)},
         {"left-indent", length(style.left_indent, src)},
         {"space-before", length(style.space_before, src)},
         {"space-after", length(style.space_after, src)},
         {"line-spacing", number(style.line_spacing, src)},
         {"uppercase", flag(style.uppercase, src)},
         {"keep-with-next", flag(style.keep_with_next, src)},
         {"color", [&](const pugi::xml_node& n, const char* a) { style.color = parse_color(src, n, a); }}},
        {"name", "base"});
  if (style.size <= 0 || style.size > 200) src.fail(node, trf("style \"{0}\": size out of range", name));
  if (style.line_spacing < 0.5 || style.line_spacing > 5) src.fail(node, trf("style \"{0}\": line-spacing out of range", name));
  tpl.styles[name] = style;
}

// <stamp>, <footer>, <copy> (helper F): the header marks (ND30-MAT-1, ND30-KHAN-1/2,
// ND30-LH-1, the draft mark), the address footer (ND30-DC-1), the copy block (ND30-COPY-1).
// A <stamp> of the same kind and text as an inherited one replaces it; the first
// <copy><form> replaces the inherited forms.
void read_mark_styles(const Source& src, const pugi::xml_node& node, Template& tpl) {
  std::string_view tag = node.name();
  if (tag == "stamp") {
    StampStyle stamp;
    apply(src, node, {{"kind", text(stamp.kind)}, {"text", text(stamp.text)}, {"width", length(stamp.width, src)},
                      {"height", length(stamp.height, src)}, {"border", length(stamp.border, src)},
                      {"color", [&](const pugi::xml_node& n, const char* a) { stamp.color = parse_color(src, n, a); }},
                      {"style", text(stamp.style)}});
    static const std::set<std::string> kinds = {"secrecy", "urgency", "circulation", "draft"};
    if (!kinds.count(stamp.kind)) src.fail(node, tr("<stamp>: kind must be one of secrecy, urgency, circulation, draft"));
    if (stamp.width < 0 || stamp.height < 0 || stamp.border < 0 || stamp.width > 1000 || stamp.height > 1000) {
      src.fail(node, tr("<stamp>: width, height and border must be between 0 and 1000pt"));
    }
    auto same = std::find_if(tpl.stamps.begin(), tpl.stamps.end(), [&](const StampStyle& s) {
      return s.kind == stamp.kind && s.text == stamp.text;
    });
    if (same != tpl.stamps.end()) *same = stamp;
    else tpl.stamps.push_back(stamp);
  } else if (tag == "footer") {
    apply(src, node, {{"style", text(tpl.footer.style)}});
    if (auto rule = node.child("rule")) read_rule(src, rule, tpl.footer.rule);
  } else if (tag == "copy") {
    CopyStyle& c = tpl.copy;
    apply(src, node, {{"space-before", length(c.space_before, src)}, {"style", text(c.style)}});
    if (auto rule = node.child("rule")) read_rule(src, rule, c.rule);
    bool first = true;
    for (pugi::xml_node form : node.children("form")) {
      std::string form_text, abbreviation;
      apply(src, form, {{"text", text(form_text)}, {"abbreviation", text(abbreviation)}});
      if (form_text.empty() || abbreviation.empty()) src.fail(form, tr("<copy><form> needs a text and an abbreviation"));
      if (first) c.forms.clear();
      first = false;
      c.forms.emplace_back(form_text, abbreviation);
    }
  }
}


ColumnWidth parse_column_width(const Source& src, const pugi::xml_node& node, double& width) {
  std::string v = node.attribute("width").value();
  if (v.empty() || v == "fit") return ColumnWidth::Fit;
  if (v.back() == '*') {
    std::string_view unit;
    std::string number = v.size() == 1 ? "1" : v.substr(0, v.size() - 1);
    width = parse_number(src, node, "width", number, &unit);
    if (!unit.empty() || width <= 0) src.fail(node, trf("column width \"{0}\": expected fit, a length or a weight like 2*", v));
    return ColumnWidth::Proportional;
  }
  width = parse_length(src, node, "width");
  return ColumnWidth::Fixed;
}

FormItem read_form_item(const Source& src, const pugi::xml_node& node) {
  FormItem item;
  item.source_line = src.position(node.offset_debug()).first;
  std::string_view tag = node.name();
  double lines = 0, blank_rows = 3;
  std::map<std::string, Setter> common = {{"name", text(item.name)}, {"number", text(item.number)},
                                          {"label", text(item.label)}, {"hint", text(item.hint)}};
  if (tag == "field") {
    item.kind = FormItem::Kind::Field;
    common["lines"] = number(lines, src);
    apply(src, node, common);
    if (item.name.empty()) src.fail(node, tr("<field> needs a name (its data key)"));
    if (lines < 0 || lines > 50) src.fail(node, tr("<field>: lines must be 0 to 50"));
    item.lines = static_cast<int>(lines);
  } else if (tag == "row") {
    item.kind = FormItem::Kind::Row;
    apply(src, node, {});
    for (pugi::xml_node c : node.children("field")) {
      FormItem f = read_form_item(src, c);
      if (f.lines != 0) src.fail(c, tr("fields in a <row> are inline: no lines"));
      item.children.push_back(f);
    }
    if (item.children.size() < 2) src.fail(node, tr("<row> holds two or more <field>s"));
  } else if (tag == "table") {
    item.kind = FormItem::Kind::Table;
    common["blank-rows"] = number(blank_rows, src);
    apply(src, node, common);
    item.blank_rows = static_cast<int>(blank_rows);
    if (item.name.empty()) src.fail(node, tr("<table> needs a name (its data key)"));
    for (pugi::xml_node c : node.children("column")) {
      TableColumn col;
      col.kind = parse_column_width(src, c, col.width);
      apply(src, c, {{"name", text(col.name)}, {"title", text(col.title)}, {"group", text(col.group)},
                     {"align", [&](const pugi::xml_node& n, const char* a) { col.align = parse_align(src, n, a); }}},
            {"width"});
      if (col.name.empty()) src.fail(c, tr("<column> needs a name"));
      item.columns.push_back(col);
    }
    if (item.columns.empty()) src.fail(node, tr("<table> needs <column>s"));
  } else if (tag == "place-date") {
    item.kind = FormItem::Kind::PlaceDate;
    apply(src, node, {{"name", text(item.name)}, {"text", text(item.text)}});
  } else if (tag == "signing") {
    item.kind = FormItem::Kind::Signing;
    apply(src, node, {{"name", text(item.name)}, {"caption", text(item.text)}, {"space", length(item.space, src)}});
  } else if (tag == "text") {
    item.kind = FormItem::Kind::Text;
    item.text = node.text().get();
    apply(src, node, {});
  } else {
    src.fail(node, trf("unknown form element <{0}>", std::string(tag)));
  }
  return item;
}

void read_form(const Source& src, const pugi::xml_node& node, FormSpec& form) {
  apply(src, node, {{"label", text(form.label)}, {"title", text(form.title)}, {"reference", text(form.reference)},
                    {"keep-unused-lines", flag(form.keep_unused_lines, src)},
                    {"cell-padding", length(form.cell_padding, src)}, {"border", length(form.border, src)}});
  form.items.clear();
  std::set<std::string> names;
  for (pugi::xml_node c : node.children()) {
    if (c.type() != pugi::node_element) continue;
    FormItem item = read_form_item(src, c);
    auto check = [&](const FormItem& f) {
      if (!f.name.empty() && !names.insert(f.name).second) src.fail(c, trf("the data key \"{0}\" is used twice", f.name));
    };
    check(item);
    for (const auto& child : item.children) check(child);
    form.items.push_back(item);
  }
}

void read_file_into(const std::string& path, const std::vector<std::string>& search_dirs,
                    const TemplateAccess& access, Template& tpl, std::vector<std::string>& chain);

// "unknown template", naming the templates there are (the first 40) and the nearest as a
// hint; `file` is the template whose extends= names it, if any.
Error unknown_template(const std::string& name, const std::vector<std::string>& search_dirs, const std::string& file) {
  std::string where;
  for (const auto& d : search_dirs) where += (where.empty() ? "" : ", ") + d;
  if (where.empty()) where = tr("no directory");
  // The templates one may render with: not an abstract base (nd30.xml). Only this error
  // reads them, and only their root element.
  std::vector<std::string> names;
  for (const auto& [n, path] : template_files(search_dirs)) {
    pugi::xml_document doc;
    std::string text;
    try {
      text = file_io::read_file(path, TemplateAccess().max_bytes);
    } catch (const Error&) {
    }
    if (doc.load_buffer(text.data(), text.size(), pugi::parse_minimal) &&
        doc.child("template").attribute("abstract").as_bool()) {
      continue;
    }
    names.push_back(n);
  }
  std::string message;
  if (names.empty()) {
    message = trf("unknown template \"{0}\" (looked in {1}, which hold no template)", name, where);
  } else {
    constexpr size_t kListed = 40;
    std::string list;
    for (size_t i = 0; i < names.size() && i < kListed; ++i) list += (i ? ", " : "") + names[i];
    message = names.size() > kListed
                  ? trf("unknown template \"{0}\" (looked in {1}); the templates there are {2} and {3} more",
                        name, where, list, names.size() - kListed)
                  : trf("unknown template \"{0}\" (looked in {1}); the templates there are {2}", name, where, list);
  }
  Diagnostics found;
  found.error(ErrorKind::Template, message, file, 0, 0, {}, did_you_mean(name, names));
  try {
    found.throw_if_errors();
  } catch (const Error& e) {
    return e;
  }
  return Error(ErrorKind::Template, message, file);
}

void read_text_into(Source src, const std::vector<std::string>& search_dirs, Template& tpl,
                    std::vector<std::string>& chain);

// The file of a template: a path as given (the template of a call), or one named by
// `extends` in the template `relative_to` — by a path relative to it, inside its
// directory, or by a name looked up beside it and then in `search_dirs`. A name found
// in a directory must not be a link leading out of it.
std::string resolve(const std::string& name_or_path, const std::vector<std::string>& search_dirs,
                    const Source* relative_to) {
  bool is_path = name_or_path.find('/') != std::string::npos || name_or_path.find('\\') != std::string::npos ||
                 (name_or_path.size() > 4 && name_or_path.ends_with(".xml"));
  if (is_path) {
    if (!relative_to) return name_or_path;
    fs::path p(name_or_path);
    std::string path = (p.is_absolute() ? p : fs::path(relative_to->path).parent_path() / p).lexically_normal().string();
    if (!relative_to->access.allow_outside && !lies_in(relative_to->root, path)) {
      throw Error(ErrorKind::Template,
                  trf("extends=\"{0}\" lies outside the template's directory (extend a template by its name, or one "
                      "beside it)",
                      name_or_path),
                  relative_to->path);
    }
    return path;
  }
  if (name_or_path.empty() || name_or_path == "." || name_or_path == "..") {
    throw Error(ErrorKind::Template, tr("a template name must not be empty"), relative_to ? relative_to->path : "");
  }
  std::vector<std::string> dirs;
  if (relative_to) dirs.push_back(fs::path(relative_to->path).parent_path().string());
  dirs.insert(dirs.end(), search_dirs.begin(), search_dirs.end());
  for (const auto& dir : dirs) {
    fs::path candidate = fs::path(dir.empty() ? "." : dir) / (name_or_path + ".xml");
    std::error_code ec;
    if (!fs::is_regular_file(candidate, ec)) continue;
    const bool allowed = (relative_to && relative_to->access.allow_outside) ||
                         lies_in(fs::weakly_canonical(dir.empty() ? "." : dir, ec), candidate);
    if (!allowed) {
      throw Error(ErrorKind::Template,
                  trf("template \"{0}\" is a link leading outside its directory {1}", name_or_path, dir),
                  candidate.string());
    }
    return candidate.string();
  }
  throw unknown_template(name_or_path, search_dirs, relative_to ? relative_to->path : std::string());
}

void read_file_into(const std::string& path, const std::vector<std::string>& search_dirs,
                    const TemplateAccess& access, Template& tpl, std::vector<std::string>& chain) {
  if (std::find(chain.begin(), chain.end(), path) != chain.end()) {
    throw Error(ErrorKind::Template, tr("templates extend each other in a circle"), path);
  }
  if (chain.size() >= 32) throw Error(ErrorKind::Template, tr("templates extend each other more than 32 deep"), path);
  chain.push_back(path);
  Source src{path, {}, access, own_directory(path)};
  // A regular file of a sane size: not a device (/dev/zero), a pipe or a directory.
  try {
    src.text = file_io::read_file(path, access.max_bytes);
  } catch (const Error& e) {
    throw Error(ErrorKind::Template, trf("the template {0}", e.message()), path);
  }
  tpl.source_files.push_back(path);
  read_text_into(std::move(src), search_dirs, tpl, chain);
}

void read_element(const Source& src, const pugi::xml_node& node, Template& tpl);

void read_text_into(Source src, const std::vector<std::string>& search_dirs, Template& tpl,
                    std::vector<std::string>& chain) {
  const std::string& path = src.path;
  // Only the five XML entities and numeric references (pugixml would keep "&ndash;" as
  // text); the reader does not recurse over elements, so no depth limit is needed here.
  if (auto problem = xml_check::find_problem(src.text, 0)) {
    auto [line, column] = src.position(static_cast<ptrdiff_t>(problem->offset));
    throw Error(ErrorKind::Template, problem->message, path, line, column);
  }
  pugi::xml_document doc;
  pugi::xml_parse_result parsed = doc.load_buffer(src.text.data(), src.text.size());
  if (!parsed) {
    auto [line, column] = src.position(parsed.offset);
    throw Error(ErrorKind::Template, trf("malformed XML: {0}", parsed.description()), path, line, column);
  }
  pugi::xml_node root = doc.child("template");
  if (!root) throw Error(ErrorKind::Template, tr("the root element must be <template>"), path, 1, 1);

  if (auto base = root.attribute("extends")) {
    read_file_into(resolve(base.value(), search_dirs, &src), search_dirs, src.access, tpl, chain);
  }
  tpl.name = root.attribute("name").value();
  tpl.source_path = path;
  tpl.abstract = root.attribute("abstract").as_bool();  // the file's own: one extending it is not
  tpl.kind = root.attribute("kind").value();             // the same
  apply(src, root, {{"layout", text(tpl.layout)}, {"font-family", text(tpl.font_family)}},
        {"name", "extends", "version", "abstract", "kind"});

  // Each element on its own: a mistake in one is reported with those of the others.
  Diagnostics problems;
  for (pugi::xml_node node : root.children()) {
    if (node.type() != pugi::node_element) continue;
    try {
      read_element(src, node, tpl);
    } catch (const Error& e) {
      problems.add(e);
      // A style that could not be read still exists for the styles based on it (reported once).
      if (std::string_view(node.name()) == "style" && *node.attribute("name").value()) {
        tpl.styles.emplace(node.attribute("name").value(), ParagraphStyle{});
      }
    }
  }
  problems.throw_if_errors();
}

// One element of <template>.
void read_element(const Source& src, const pugi::xml_node& node, Template& tpl) {
  {
    std::string_view tag = node.name();
    if (tag == "page") {
      Page& p = tpl.page;
      apply(src, node, {{"width", length(p.width, src)}, {"height", length(p.height, src)},
                        {"margin-top", length(p.margin_top, src)}, {"margin-bottom", length(p.margin_bottom, src)},
                        {"margin-left", length(p.margin_left, src)}, {"margin-right", length(p.margin_right, src)},
                        {"number-style", text(p.number_style)}, {"number-baseline", length(p.number_baseline, src)},
                        {"number-first-page", flag(p.number_first_page, src)}});
    } else if (tag == "document-type") {
      apply(src, node, {{"name", text(tpl.type_name)}, {"sentence-name", text(tpl.type_name_sentence)},
                        {"abbreviation", text(tpl.type_abbreviation)}});
    } else if (tag == "style") {
      read_style(src, node, tpl);
    } else if (tag == "numbering") {
      read_numbering(src, node, tpl);
    } else if (tag == "regions") {
      read_regions(src, node, tpl);
    } else if (tag == "letters") {
      std::istringstream words(node.text().get());
      tpl.vietnamese_letters.clear();
      for (std::string w; words >> w;) tpl.vietnamese_letters.push_back(w);
    } else if (tag == "header") {
      Header& h = tpl.header;
      apply(src, node, {{"left-width", length(h.left_width, src)}, {"right-width", length(h.right_width, src)},
                        {"number-gap", length(h.number_gap, src)}, {"national-title", text(h.national_title)},
                        {"motto", text(h.motto)}, {"number-label", text(h.number_label)},
                        {"blank", text(h.blank)}, {"space-after", length(h.space_after, src)}});
      for (pugi::xml_node rule : node.children("rule")) {
        std::string_view which = rule.attribute("name").value();
        if (which == "agency") read_rule(src, rule, h.agency_rule);
        else if (which == "motto") read_rule(src, rule, h.motto_rule);
        else src.fail(rule, tr("<header><rule>: name must be agency or motto"));
      }
    } else if (tag == "title") {
      apply(src, node, {{"space-after", length(tpl.title.space_after, src)}, {"subject-prefix", text(tpl.title.subject_prefix)}});
      if (auto rule = node.child("rule")) read_rule(src, rule, tpl.title.subject_rule);
    } else if (tag == "closing") {
      Closing& c = tpl.closing;
      apply(src, node, {{"recipients-width", length(c.recipients_width, src)},
                        {"recipients-label", text(c.recipients_label)},
                        {"recipient-prefix", text(c.recipient_prefix)},
                        {"signature-space", length(c.signature_space, src)},
                        {"space-before", length(c.space_before, src)}});
    } else if (tag == "appendix") {
      AppendixStyle& a = tpl.appendix;
      apply(src, node, {{"label-word", text(a.label_word)}, {"space-after", length(a.space_after, src)},
                        {"numbering", text(a.default_numbering)}});
      if (auto rule = node.child("rule")) read_rule(src, rule, a.reference_rule);
    } else if (tag == "stamp" || tag == "footer" || tag == "copy") {
      read_mark_styles(src, node, tpl);
    } else if (tag == "form") {
      read_form(src, node, tpl.form);
    } else if (tag == "table") {  // body tables (a form's tables are <form> children)
      TableStyle& t = tpl.table;
      apply(src, node, {{"cell-padding", length(t.cell_padding, src)}, {"border", length(t.border, src)},
                        {"space-after", length(t.space_after, src)}});
      if (!(t.cell_padding >= 0 && t.border >= 0 && t.space_after >= 0)) src.fail(node, tr("<table>: lengths must not be negative"));
    } else if (tag == "certificate") {
      CertificateSpec& c = tpl.certificate;
      std::string title, signer_title;
      apply(src, node, {{"issuer", text(c.issuer)}, {"verb", text(c.verb)}, {"title", text(title)},
                        {"place", text(c.place)}, {"signer-title", text(signer_title)}, {"signer-name", text(c.signer_name)},
                        {"name-min-size", length(c.name_min_size, src)}, {"signature-space", length(c.signature_space, src)},
                        {"bottom-left-width", length(c.bottom_left_width, src)},
                        {"decision-label", text(c.decision_label)}, {"golden-book-label", text(c.golden_book_label)},
                        {"border-color", [&](const pugi::xml_node& n, const char* a) { c.border_color = parse_color(src, n, a); }},
                        {"ornament-color", [&](const pugi::xml_node& n, const char* a) { c.ornament_color = parse_color(src, n, a); }},
                        {"border-inset", length(c.border_inset, src)}, {"qr", text(c.qr_pattern)},
                        {"qr-size", length(c.qr_size, src)},
                        {"emblem", file_path(c.emblem_path, src)}, {"seal", file_path(c.seal_path, src)},
                        {"signature", file_path(c.signature_path, src)}, {"emblem-size", length(c.emblem_height, src)},
                        {"seal-size", length(c.seal_diameter, src)}, {"signature-width", length(c.signature_width, src)}});
      // "|" separates lines: title="CÔNG NHẬN|ĐIỂN HÌNH TIÊN TIẾN"
      auto split = [](const std::string& v) {
        std::vector<std::string> out;
        size_t start = 0;
        for (size_t bar; (bar = v.find('|', start)) != std::string::npos; start = bar + 1) out.push_back(v.substr(start, bar - start));
        if (start < v.size()) out.push_back(v.substr(start));
        return out;
      };
      if (node.attribute("title")) c.title_lines = split(title);
      if (node.attribute("signer-title")) c.signer_title = split(signer_title);
    } else {
      static const std::vector<std::string> kElements = {
          "page",  "document-type", "style", "numbering", "regions", "letters", "header", "title",  "closing",
          "appendix", "stamp", "footer", "copy", "form", "table", "certificate"};
      ptrdiff_t offset = node.offset_debug();
      if (offset > 0 && offset <= static_cast<ptrdiff_t>(src.text.size()) && src.text[offset - 1] == '<') --offset;
      auto [line, column] = src.position(offset);
      Diagnostics unknown;
      unknown.error(ErrorKind::Template, trf("unknown element <{0}>", std::string(tag)), src.path, line, column, {},
                    did_you_mean(tag, kElements));
      unknown.throw_if_errors();
    }
  }
}

}  // namespace

const ParagraphStyle& Template::style(const std::string& style_name) const {
  auto it = styles.find(style_name);
  if (it == styles.end()) {
    throw Error(ErrorKind::Template, trf("template \"{0}\" has no style \"{1}\"", name, style_name), source_path);
  }
  return it->second;
}

const NumberingStyle& Template::numbering_for(const std::string& kind) const {
  auto it = numbering.find(kind);
  if (it == numbering.end()) {
    throw Error(ErrorKind::Template, trf("template \"{0}\" has no <numbering kind=\"{1}\">", name, kind), source_path);
  }
  return it->second;
}

std::vector<std::pair<std::string, std::string>> template_files(const std::vector<std::string>& search_dirs) {
  std::map<std::string, std::string> found;  // by name: the first directory's
  for (const auto& dir : search_dirs) {
    std::error_code ec;
    std::vector<std::pair<std::string, std::string>> here;
    for (const auto& entry : fs::directory_iterator(dir.empty() ? "." : dir, ec)) {
      const fs::path& p = entry.path();
      std::error_code type_ec;
      if (p.extension() != ".xml" || !entry.is_regular_file(type_ec)) continue;
      here.emplace_back(p.stem().string(), p.string());
    }
    for (auto& [name, path] : here) found.emplace(name, path);
  }
  return {found.begin(), found.end()};
}

Template load_template(const std::string& name_or_path, const std::vector<std::string>& search_dirs,
                       const TemplateAccess& access) {
  Template tpl;
  std::vector<std::string> chain;
  read_file_into(resolve(name_or_path, search_dirs, nullptr), search_dirs, access, tpl, chain);
  return tpl;
}

Template parse_template(std::string_view xml, const std::string& source_name, const std::vector<std::string>& search_dirs,
                        const TemplateAccess& access) {
  Template tpl;
  std::vector<std::string> chain{source_name};
  read_text_into(Source{source_name, std::string(xml), access, own_directory(source_name)}, search_dirs, tpl, chain);
  return tpl;
}

}  // namespace vanban::style
