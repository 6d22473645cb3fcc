// The administrative document: header table, title, body blocks, closing, appendices.
#include "docx/writer.h"

#include <algorithm>

#include "core/error.h"
#include "wording/wording.h"

namespace vanban::docx {

void Writer::document(const model::Document& d, const FormTemplates& forms) {
  header_table(d);
  auto type = paragraph(plain(tpl_.type_name), "document-type");
  set_spacing_before(type, tpl_.header.space_after);
  paragraph(plain(d.subject), "subject");
  rule(measure_widest(d.subject, "subject", width_) * tpl_.title.subject_rule.length_ratio, width_,
       tpl_.title.subject_rule, tpl_.title.space_after);
  blocks(d.body);
  closing(d);
  for (size_t i = 0; i < d.appendices.size(); ++i) {
    const auto& a = d.appendices[i];
    end_section();
    std::string label = wording::appendix_label(d, tpl_, i);
    std::string reference = wording::appendix_reference(d, tpl_, i);
    if (a.form.empty()) {
      appendix_heading(label, a.title, reference);
      blocks(a.body);
      continue;
    }
    auto it = forms.find(a.form);
    if (it == forms.end()) throw Error(ErrorKind::Template, "\"" + a.form + "\" is not a form template");
    model::FormRecord record;
    for (const auto& v : a.form_values) record.values[v.key] = v.value;
    const style::Template& form = *it->second;
    appendix_heading(label, a.title.empty() ? form.form.title : a.title, reference);
    form_items(form, a.form_values.empty() ? nullptr : &record);
  }
}

// ô 1-4 as a borderless fixed table: parent, agency and rule, Số | Quốc hiệu, Tiêu
// ngữ and rule, place and date.
void Writer::header_table(const model::Document& d) {
  const auto& h = tpl_.header;
  double gap = width_ - h.left_width - h.right_width;
  std::vector<double> widths{h.left_width};
  if (gap > 0.5) widths.push_back(gap);
  widths.push_back(h.right_width);
  xml_node tbl = table(widths, false);
  xml_node tr = row(tbl, true, false);
  xml_node left = cell(tr, h.left_width);
  for (const auto& line : d.parent_agency) paragraph(plain(line), "parent-agency", left);
  double agency_width = 0;
  for (const auto& line : d.issuing_agency) {
    paragraph(plain(line), "issuing-agency", left);
    agency_width = std::max(agency_width, measure_widest(line, "issuing-agency", h.left_width));
  }
  rule(agency_width * h.agency_rule.length_ratio, h.left_width, h.agency_rule, h.number_gap, left);
  if (gap > 0.5) cell(tr, gap).append_child("w:p");
  xml_node right = cell(tr, h.right_width);
  paragraph(plain(d.national_title.empty() ? h.national_title : d.national_title), "national-title", right);
  std::string motto = d.motto.empty() ? h.motto : d.motto;
  paragraph(plain(motto), "motto", right);
  rule(measure_widest(motto, "motto", h.right_width) * h.motto_rule.length_ratio, h.right_width, h.motto_rule,
       h.number_gap, right);
  // Số and the place-and-date line in a row of their own, so they start level; with
  // the same exact line height they share a baseline (ND30-DATE-4).
  xml_node tr2 = row(tbl, true, false);
  double pitch = std::max(fonts_.face(false, false).line_height(tpl_.style("number").size),
                          fonts_.face(false, true).line_height(tpl_.style("place-date").size));
  auto number = paragraph(plain(wording::number_line(d, tpl_)), "number", cell(tr2, h.left_width));
  exact_line(number, pitch);
  if (gap > 0.5) cell(tr2, gap).append_child("w:p");
  exact_line(paragraph(plain(wording::place_date(d, tpl_)), "place-date", cell(tr2, h.right_width)), pitch);
}

double Writer::ascent(const std::string& style_name) const {
  const auto& st = tpl_.style(style_name);
  const auto& f = fonts_.face(st.bold, st.italic);
  return f.ascender() * st.size / f.units_per_em();
}

RichText Writer::with_prefix(const std::string& prefix, const RichText& text) {
  RichText out;
  if (!prefix.empty()) out.push_back(Span{prefix, false, false});
  out.insert(out.end(), text.begin(), text.end());
  return out;
}

void Writer::blocks(const std::vector<Block>& list) {
  int counts[8] = {};
  for (const Block& b : list) {
    int ordinal = ++counts[static_cast<int>(b.kind)];
    std::string kind = wording::kind_name(b.kind);
    switch (b.kind) {
      case BlockKind::Section:
      case BlockKind::Clause:
      case BlockKind::Point: {
        const auto& ns = tpl_.numbering_for(kind);
        std::string prefix = wording::block_prefix(tpl_, kind, ordinal, b.label);
        if (!b.title.empty()) {
          paragraph(with_prefix(prefix, b.title), ns.title_style);
          if (!b.text.empty()) paragraph(b.text, ns.text_style);
        } else {
          paragraph(with_prefix(prefix, b.text), ns.text_style);
        }
        blocks(b.children);
        break;
      }
      case BlockKind::Dash:
      case BlockKind::Plus:
      case BlockKind::Contact:
        paragraph(with_prefix(wording::block_prefix(tpl_, kind, ordinal, b.label), b.text),
                  tpl_.numbering_for(kind).text_style);
        blocks(b.children);
        break;
      case BlockKind::Paragraph:
        paragraph(b.text, b.style.empty() ? "body" : b.style);
        break;
      case BlockKind::FillLines:
        for (int i = 0; i < b.line_count; ++i) dotted_line(width_);
        break;
    }
  }
}

// Nơi nhận and the signature: one borderless row that never splits.
void Writer::closing(const model::Document& d) {
  const auto& c = tpl_.closing;
  static const model::Signature kNone;
  const model::Signature& signature = d.signatures.empty() ? kNone : d.signatures.front();
  if (d.recipients.empty() && signature.authority_lines.empty()) return;
  // The body's last paragraph stays with the block.
  for (xml_node last = body_.last_child(); last; last = last.previous_sibling()) {
    if (std::string(last.name()) == "w:p") {
      keep_next(last);
      break;
    }
  }
  xml_node tbl = table({c.recipients_width, width_ - c.recipients_width}, false);
  xml_node tr = row(tbl, true, false);
  xml_node left = cell(tr, c.recipients_width);
  auto label = paragraph(plain(c.recipients_label), "recipients-label", left);
  // "Nơi nhận:" level with the first authority line (ND30-NN-3): same top, baselines
  // an ascent down, so the smaller label starts lower by the difference.
  double level = signature.authority_lines.empty() ? 0 : ascent("authority") - ascent("recipients-label");
  set_spacing_before(label, c.space_before + std::max(0.0, level));
  for (const auto& r : d.recipients) paragraph(plain(c.recipient_prefix + r), "recipients", left);
  xml_node right = cell(tr, width_ - c.recipients_width);
  bool first = true;
  for (const auto& line : signature.authority_lines) {
    auto p = paragraph(plain(line), "authority", right);
    if (first) set_spacing_before(p, c.space_before);
    first = false;
  }
  auto signer = paragraph(plain(signature.signer_name), "signer", right);
  set_spacing_before(signer, c.signature_space);
}

void Writer::appendix_heading(const std::string& label, const std::string& title, const std::string& reference) {
  if (!label.empty()) keep_next(paragraph(plain(label), "appendix-label"));
  if (!title.empty()) keep_next(paragraph(plain(title), "appendix-title"));
  keep_next(paragraph(plain(reference), "appendix-reference"));
  rule(measure_widest(reference, "appendix-reference", width_) * tpl_.appendix.reference_rule.length_ratio, width_,
       tpl_.appendix.reference_rule, tpl_.appendix.space_after);
}

}  // namespace vanban::docx
