// Document tree + template -> realized document: the regions in the order the template
// declares them (Mẫu 1.4's when it declares none), each made of styled, numbered and
// labelled paragraphs with stable ids. Both writers read only the result.
#include <algorithm>
#include <cstdio>

#include "core/error.h"
#include "core/i18n.h"
#include "realize/marks.h"
#include "realize/realize_parts.h"
#include "wording/wording.h"

namespace vanban::realize {
namespace detail {

model::RichText plain(const std::string& text) { return model::RichText{model::Span{text, false, false}}; }

void check_text(const std::string& text, const std::string& field) {
  for (unsigned char c : text) {
    if ((c < 0x20 && c != '\n' && c != '\t') || c == 0x7f) {
      char code[16];
      std::snprintf(code, sizeof code, "U+%04X", c);
      throw Error(ErrorKind::Model,
                  trf("control character {0} in the text (only a line break \\n or a tab may be)", code), {}, 0, 0,
                  field);
    }
  }
}

Paragraph paragraph(const Context& ctx, std::string id, std::string source, const std::string& style,
                    model::RichText text) {
  ctx.tpl.style(style);  // the template has it (else an error naming the template and the style)
  for (const auto& span : text) check_text(span.text, source.empty() ? id : source);
  Paragraph p;
  p.id = std::move(id);
  p.source = std::move(source);
  p.style = style;
  p.text = std::move(text);
  return p;
}

Paragraph plain_paragraph(const Context& ctx, std::string id, std::string source, const std::string& style,
                          const std::string& text) {
  return paragraph(ctx, std::move(id), std::move(source), style, plain(text));
}

}  // namespace detail

namespace {

using namespace detail;

// Mẫu 1.4 (ND30-LAYOUT-1): the regions of a document whose template declares none.
std::vector<style::RegionSpec> default_regions() {
  std::vector<style::RegionSpec> out;
  for (auto kind : {style::RegionSpec::Kind::Header, style::RegionSpec::Kind::Title, style::RegionSpec::Kind::Body,
                    style::RegionSpec::Kind::Closing, style::RegionSpec::Kind::Appendices,
                    style::RegionSpec::Kind::Footer}) {
    style::RegionSpec spec;
    spec.kind = kind;
    out.push_back(spec);
  }
  return out;
}

bool declares(const std::vector<style::RegionSpec>& specs, style::RegionSpec::Kind kind) {
  for (const auto& s : specs)
    if (s.kind == kind) return true;
  return false;
}

// A part the model gives must have a region to print in; nothing is left out silently.
void check_has_region(const Context& ctx, const std::vector<style::RegionSpec>& specs, style::RegionSpec::Kind kind,
                      bool given, const std::string& field, const std::string& region) {
  if (given && !declares(specs, kind)) {
    throw Error(ErrorKind::Model, trf("the template \"{0}\" has no {1} region (<regions>)", ctx.tpl.name, region), {},
                0, 0, field);
  }
}

class Realizer {
 public:
  explicit Realizer(const Context& ctx) : ctx_(ctx) {}

  Document run() {
    const auto& tpl = ctx_.tpl;
    const auto& d = ctx_.doc;
    check_numbering(ctx_);
    const std::vector<style::RegionSpec> specs = tpl.regions.empty() ? default_regions() : tpl.regions;
    check_has_region(ctx_, specs, style::RegionSpec::Kind::KinhGui, !d.kinh_gui.empty(), "kinh_gui", "Kính gửi");
    check_has_region(ctx_, specs, style::RegionSpec::Kind::Preamble, !d.preamble.empty(), "preamble", "preamble");
    // The authority: the preamble's line, or the label of a Kính gửi region (Mẫu 1.6).
    bool authority_labels = false;
    for (const auto& s : specs) {
      authority_labels = authority_labels || (s.kind == style::RegionSpec::Kind::KinhGui && s.label_from == "authority");
    }
    if (!authority_labels) {
      check_has_region(ctx_, specs, style::RegionSpec::Kind::Preamble, !d.authority.empty(), "authority", "preamble");
    }
    check_has_region(ctx_, specs, style::RegionSpec::Kind::Copy, !d.copy.form.empty(), "copy", "copy");
    check_has_region(ctx_, specs, style::RegionSpec::Kind::Footer, !d.address.empty(), "address", "footer");
    // The draft mark stands above the tên loại, or in the top margin without one.
    bool type_name_printed = false;
    for (const auto& s : specs) {
      type_name_printed = type_name_printed || (s.kind == style::RegionSpec::Kind::Title && s.type_name && !tpl.type_name.empty());
    }
    bool marks_placed = false;
    bool subject_in_header = false;
    for (const auto& s : specs) subject_in_header = subject_in_header || (s.kind == style::RegionSpec::Kind::Header && s.subject_under_number);

    Document out;
    out.tpl = &tpl;
    out.title = d.subject;  // document information: one line
    std::replace(out.title.begin(), out.title.end(), '\n', ' ');
    out.subject = tpl.type_name;
    out.identity = identify(d, tpl);
    for (const auto& line : d.issuing_agency) out.author += (out.author.empty() ? "" : " ") + line;
    for (const auto& spec : specs) {
      switch (spec.kind) {
        case style::RegionSpec::Kind::Header: {
          Header header = realize_header(ctx_, spec, false, "header");
          // ô 10a, 10b, 11 and the draft mark, in page 1's header (realize/marks.cpp).
          if (!marks_placed) realize_marks(d.marks, tpl, ctx_.fonts, type_name_printed, header);
          marks_placed = true;
          out.regions.push_back(std::move(header));
          break;
        }
        case style::RegionSpec::Kind::Title: {
          Flow f{"title", {}};
          realize_title(ctx_, spec, tpl.type_name, subject_in_header ? std::string() : d.subject, "title", f.items);
          if (!f.items.empty()) out.regions.push_back(std::move(f));
          break;
        }
        case style::RegionSpec::Kind::KinhGui:
          if (auto list = realize_kinh_gui(ctx_, spec)) out.regions.push_back(Flow{"kinh-gui", {std::move(*list)}});
          break;
        case style::RegionSpec::Kind::Preamble: {
          Flow f{"preamble", {}};
          realize_preamble(ctx_, spec, !authority_labels, f.items);
          if (!f.items.empty()) out.regions.push_back(std::move(f));
          break;
        }
        case style::RegionSpec::Kind::Body: {
          Flow f{"body", {}};
          realize_blocks(ctx_, d.body, "body", f.items);
          out.regions.push_back(std::move(f));
          break;
        }
        case style::RegionSpec::Kind::Closing:
          if (auto closing = realize_closing(ctx_, spec)) out.regions.push_back(std::move(*closing));
          break;
        case style::RegionSpec::Kind::Copy:
          // The copy block (ND30-COPY-1, realize/marks.cpp): a rule, its header, its closing.
          for (Region& r : realize_copy(d, tpl, ctx_.fonts)) out.regions.push_back(std::move(r));
          break;
        case style::RegionSpec::Kind::Appendices:
          for (size_t i = 0; i < d.appendices.size(); ++i) appendix(i, out.regions);
          break;
        case style::RegionSpec::Kind::Footer:
          // ô 13 (ND30-DC-1, realize/marks.cpp): none without an address.
          if (auto footer = realize_footer(d, tpl)) out.regions.push_back(std::move(*footer));
          break;
      }
    }
    return out;
  }

 private:
  const Context& ctx_;

  // ND30-PL-1..12: each appendix on a new page with its own page numbering: "Phụ lục …",
  // its title, "(Kèm theo …)" and a short rule, then its content; an attached document
  // (Mẫu 1.3) under its own header; a form laid out by its own rules.
  void appendix(size_t index, std::vector<Region>& regions) {
    const auto& d = ctx_.doc;
    const model::Appendix& a = d.appendices[index];
    const std::string id = "appendix." + std::to_string(index);
    const std::string reference = wording::appendix_reference(d, ctx_.tpl, index);
    const std::string reference_source = a.reference.empty() ? "" : a.field_path + ".reference";
    regions.push_back(PageBreak{id});
    if (!a.form.empty()) {
      regions.push_back(Flow{id, {form(a, id, wording::appendix_label(d, ctx_.tpl, index), reference)}});
      return;
    }
    Flow f{id, {}};
    // A line of the heading, kept with the next; none for an empty text.
    auto heading_line = [&](const std::string& part, const std::string& source, const std::string& style,
                            const std::string& text) {
      if (text.empty()) return;
      Paragraph p = plain_paragraph(ctx_, id + "." + part, source, style, text);
      p.keep_with_next = true;
      f.items.push_back(std::move(p));
    };
    if (!a.type_name.empty()) {
      // ND30-PL-12: the agency and Quốc hiệu header without Số, the tên loại, the title as
      // its trích yếu, "(Ban hành kèm theo …)" and the rule under it.
      style::RegionSpec header;
      header.kind = style::RegionSpec::Kind::Header;
      regions.push_back(realize_header(ctx_, header, true, id + ".header"));
      heading_line("type-name", a.field_path + ".type_name", "document-type", a.type_name);
      heading_line("title", a.field_path + ".title", "subject", a.title);
    } else {
      heading_line("label", a.label.empty() ? "" : a.field_path + ".label", "appendix-label",
                   wording::appendix_label(d, ctx_.tpl, index));
      heading_line("title", a.field_path + ".title", "appendix-title", a.title);
    }
    Paragraph ref = plain_paragraph(ctx_, id + ".reference", reference_source, "appendix-reference", reference);
    ref.rule_under = ctx_.tpl.appendix.reference_rule;  // ND30-PL-6
    ref.space_after = ctx_.tpl.appendix.space_after;
    f.items.push_back(std::move(ref));
    realize_blocks(ctx_, a.body, id, f.items);
    regions.push_back(std::move(f));
  }

  // A form template attached as an appendix, its values checked against the form's fields.
  FormContent form(const model::Appendix& a, const std::string& id, const std::string& label,
                   const std::string& reference) {
    auto it = ctx_.forms.find(a.form);
    if (it == ctx_.forms.end() || it->second->layout != "form") {
      throw Error(ErrorKind::Template, trf("\"{0}\" is not a form template", a.form), {}, 0, 0,
                  a.field_path + ".form");
    }
    const style::Template& form = *it->second;
    FormContent content;
    content.id = id;
    content.source = a.field_path;
    content.form = &form;
    content.label = label;
    content.title = a.title.empty() ? form.form.title : a.title;
    content.reference = reference;
    if (a.form_values.empty()) return content;
    model::FormSchema schema = form_schema(form);
    auto record = std::make_shared<model::FormRecord>();
    for (const auto& v : a.form_values) {
      if (!schema.fields.count(v.key)) {
        throw Error(ErrorKind::Model, trf("unknown field \"{0}\" of form {1}", v.key, a.form), {}, v.line, v.column,
                    v.field_path);
      }
      check_text(v.value, v.field_path);
      record->values[v.key] = v.value;
    }
    content.record = std::move(record);
    return content;
  }
};

}  // namespace

model::FormSchema form_schema(const style::Template& tpl) {
  model::FormSchema schema;
  auto add = [&](const style::FormItem& item) {
    if (item.name.empty()) return;
    if (item.kind == style::FormItem::Kind::Table) {
      auto& cols = schema.tables[item.name];
      for (const auto& c : item.columns) cols.push_back(c.name);
    } else {
      schema.fields.insert(item.name);
    }
  };
  for (const auto& item : tpl.form.items) {
    add(item);
    for (const auto& child : item.children) add(child);
  }
  return schema;
}


Document realize_document(const model::Document& document, const style::Template& tpl, const text::FontFamily& fonts,
                          const FormTemplates& forms) {
  const Context ctx{document, tpl, fonts, forms};
  return Realizer(ctx).run();
}

}  // namespace vanban::realize
