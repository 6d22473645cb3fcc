// Forms: labels, dotted lines for handwriting (right tabs with a dot leader), tables.
#include "docx/writer.h"

#include <algorithm>
#include <cmath>

#include "core/error.h"
#include "text/shaper.h"

namespace vanban::docx {

void Writer::forms(const std::vector<const model::FormRecord*>& records) {
  for (size_t i = 0; i < records.size(); ++i) {
    if (i > 0) end_section();
    const auto& f = tpl_.form;
    appendix_heading(f.label, f.title, f.reference);
    form_items(tpl_, records[i]);
  }
}

// A right tab with a dot leader at `to` (pt from the left margin), what Word users do
// for lines left for handwriting.
void Writer::leader_tab(xml_node p, double to) {
  xml_node tabs = ppr(p).child("w:tabs");
  if (!tabs) tabs = ppr_child(p, "w:tabs", {"w:pStyle", "w:keepNext", "w:keepLines", "w:pageBreakBefore", "w:widowControl", "w:pBdr"});
  xml_node tab = tabs.append_child("w:tab");
  tab.append_attribute("w:val") = "right";
  tab.append_attribute("w:leader") = "dot";
  tab.append_attribute("w:pos") = str(twips(to)).c_str();
}

void Writer::tab_run(xml_node p) { p.append_child("w:r").append_child("w:tab"); }

void Writer::dotted_line(double to, xml_node parent) {
  xml_node p = paragraph({}, "fill-line", parent);
  leader_tab(p, to);
  tab_run(p);
}

const std::string& Writer::value(const model::FormRecord* record, const std::string& name) {
  static const std::string empty;
  if (!record) return empty;
  auto it = record->values.find(name);
  return it == record->values.end() ? empty : it->second;
}

int Writer::lines_of(const std::string& text, const std::string& style_name) {
  const auto& st = tpl_.style(style_name);
  int lines = 0;
  for (const std::string& line : lines_of_text(text)) {
    double w = text::measure(fonts_.face(st.bold, st.italic), st.size, line);
    lines += std::max(1, static_cast<int>(std::ceil(w / (width_ - st.left_indent) * 1.04)));
  }
  return lines;
}

void Writer::form_items(const style::Template& form, const model::FormRecord* record) {
  using Kind = style::FormItem::Kind;
  for (const auto& item : form.form.items) {
    auto numbered = [](const style::FormItem& f) { return f.number.empty() ? f.label : f.number + ". " + f.label; };
    switch (item.kind) {
      case Kind::Field:
        if (item.lines > 0) {
          keep_next(paragraph(plain(numbered(item)), "form-label"));
          if (!item.hint.empty()) keep_next(paragraph(plain(item.hint), "form-hint"));
          const std::string& v = value(record, item.name);
          int used = 0;
          if (!v.empty()) {
            paragraph(plain(v), "form-value");
            used = lines_of(v, "form-value");
          }
          if (v.empty() || form.form.keep_unused_lines)
            for (int i = used; i < item.lines; ++i) dotted_line(width_);
        } else {
          inline_fields(form, {item}, record);
        }
        break;
      case Kind::Row: inline_fields(form, item.children, record); break;
      case Kind::Table: form_table(form, item, record); break;
      case Kind::PlaceDate: {
        const std::string& v = value(record, item.name);
        keep_next(paragraph(plain(v.empty() ? item.text : v), "form-place-date"));
        break;
      }
      case Kind::Signing: {
        keep_next(paragraph(plain(item.text), "form-signing-caption"));
        const std::string& name = value(record, item.name);
        auto p = paragraph(plain(name), "form-signer");
        set_spacing_before(p, item.space);
        break;
      }
      case Kind::Text: paragraph(plain(item.text), "body"); break;
    }
  }
}

// "1. Họ và tên: value……" with the dots as a right tab leader; several fields share
// the line, each dotted to the end of its column.
void Writer::inline_fields(const style::Template& form, const std::vector<style::FormItem>& fields,
                   const model::FormRecord* record) {
  xml_node p = paragraph({}, "form-inline");
  double column = width_ / fields.size();
  for (size_t c = 0; c < fields.size(); ++c) {
    const auto& f = fields[c];
    const std::string& v = value(record, f.name);
    std::string text = (f.number.empty() ? f.label : f.number + ". " + f.label) + (v.empty() ? "" : " " + v);
    run(p, (c > 0 ? " " : "") + text + " ", false, false);
    if (v.empty() || form.form.keep_unused_lines) {
      leader_tab(p, column * (c + 1) - (c + 1 < fields.size() ? 7 : 0));
      tab_run(p);
    }
  }
}

void Writer::form_table(const style::Template& form, const style::FormItem& item, const model::FormRecord* record) {
  if (!item.label.empty()) keep_next(paragraph(plain(item.number.empty() ? item.label : item.number + ". " + item.label), "table-label"));
  // Widths and cells as the PDF layout gets them (realize::realize_form_table).
  body_table(realize::realize_form_table(item, record, form, fonts_, width_));
}

}  // namespace vanban::docx
