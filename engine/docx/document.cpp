// The administrative document, read from the realized document (realize/realized.h):
// its regions in the template's order — header table, flows of paragraphs, Kính gửi,
// fill lines, rules and forms, the closing, a new section per page break. Nothing is
// numbered, labelled or left out here: realize decided it for the PDF too.
#include "docx/writer.h"

#include <algorithm>
#include <map>

#include "core/error.h"
#include "core/i18n.h"

namespace vanban::docx {

namespace {

std::string text_of(const RichText& text) {
  std::string s;
  for (const Span& span : text) s += span.text;
  return s;
}

}  // namespace

void Writer::document(const realize::Document& d) {
  // ô 13 goes in the first section's footer part: known before any section is written.
  for (const realize::Region& region : d.regions) {
    if (const auto* f = std::get_if<realize::Footer>(&region); f && !f->lines.empty()) footer(*f);
  }
  for (const realize::Region& region : d.regions) {
    if (const auto* h = std::get_if<realize::Header>(&region)) {
      header_table(*h);
    } else if (const auto* f = std::get_if<realize::Flow>(&region)) {
      flow(*f);
    } else if (const auto* c = std::get_if<realize::Closing>(&region)) {
      closing(*c);
    } else if (std::holds_alternative<realize::PageBreak>(region)) {
      // A new page and a new page numbering, its first page without a number.
      end_section();
    }  // a Footer: written with the package (docx/marks.cpp)
  }
}

xml_node Writer::paragraph(const realize::Paragraph& p, double column, xml_node parent, double rule_space_after) {
  xml_node x = paragraph(p.text, p.style, parent);
  // A rule is part of its paragraph (one box in the PDF): the text stays with it, as
  // the rule (keepNext) stays with what follows.
  if (p.keep_with_next || (p.rule_under && !parent)) keep_next(x);
  if (p.rule_under) {
    const style::RuleStyle& rs = *p.rule_under;
    // Centred under the widest line (ND30-CQ-5, ND30-QH-4, ND30-TL-3, ND30-PL-6).
    double length = rs.length_ratio > 0 ? measure_widest(text_of(p.text), p.style, column) * rs.length_ratio : rs.length;
    if (rule_space_after < 0) rule_space_after = p.space_after.value_or(tpl_.style(p.style).space_after);
    rule(length, column, rs, rule_space_after, parent);
  } else if (p.space_after) {
    set_spacing_after(x, *p.space_after);
  }
  return x;
}

// ô 1-4 as a borderless fixed table: parent, agency and rule, Số and V/v | Quốc hiệu,
// Tiêu ngữ and rule, place and date.
void Writer::header_table(const realize::Header& h) {
  double gap = width_ - h.left_width - h.right_width;
  std::vector<double> widths{h.left_width};
  if (gap > 0.5) widths.push_back(gap);
  widths.push_back(h.right_width);
  xml_node tbl = table(widths, false);
  xml_node tr = row(tbl, true, false);
  xml_node left = cell(tr, h.left_width);
  for (const auto& p : h.left) paragraph(p, h.left_width, left, h.number_gap);
  end_cell(left);
  if (gap > 0.5) cell(tr, gap).append_child("w:p");
  xml_node right = cell(tr, h.right_width);
  for (const auto& p : h.right) paragraph(p, h.right_width, right, h.number_gap);
  end_cell(right);
  // Số and the place-and-date line in a row of their own, so they start level; with
  // the same exact line height they share a baseline (ND30-DATE-4). "V/v …" goes
  // under Số (ND30-TL-4). An attached document's header has neither (ND30-PL-12).
  pending_space_before_ = h.space_after;
  if (!h.number && !h.date && h.under_number.empty() && h.marks.empty()) {
    header_end(h, tbl);
    return;
  }
  xml_node tr2 = row(tbl, true, false);
  double pitch = 0;
  for (const auto* p : {h.number ? &*h.number : nullptr, h.date ? &*h.date : nullptr}) {
    if (!p) continue;
    const auto& st = tpl_.style(p->style);
    pitch = std::max(pitch, fonts_.face(st.bold, st.italic).line_height(st.size));
  }
  xml_node number = cell(tr2, h.left_width);
  if (h.number) exact_line(paragraph(*h.number, h.left_width, number), pitch);
  for (const auto& p : h.under_number) paragraph(p, h.left_width, number);
  header_marks(h, number);  // ô 10a, 10b (docx/marks.cpp)
  end_cell(number);
  if (gap > 0.5) cell(tr2, gap).append_child("w:p");
  xml_node date = cell(tr2, h.right_width);
  if (h.date) exact_line(paragraph(*h.date, h.right_width, date), pitch);
  end_cell(date);
  header_end(h, tbl);
}

void Writer::flow(const realize::Flow& f) {
  for (const realize::Item& item : f.items) {
    xml_node before = body_.last_child();
    if (const auto* p = std::get_if<realize::Paragraph>(&item)) {
      paragraph(*p, width_);
    } else if (const auto* lines = std::get_if<realize::FillLines>(&item)) {
      // Dotted to the right margin: a right tab with a dot leader.
      for (int i = 0; i < lines->count; ++i) {
        xml_node p = paragraph({}, lines->style);
        leader_tab(p, width_);
        tab_run(p);
      }
    } else if (const auto* r = std::get_if<realize::FullRule>(&item)) {
      rule(width_, width_, r->rule, r->space_after);
      if (r->space_before > 0) set_spacing_before(body_.last_child(), std::max(0.0, r->rule.gap - 3) + r->space_before);
    } else if (const auto* list = std::get_if<realize::LabelledList>(&item)) {
      labelled_list(*list);
    } else if (const auto* form = std::get_if<realize::FormContent>(&item)) {
      if (!form->form) throw Error(ErrorKind::Output, trf("form content \"{0}\" without its form template", form->id));
      appendix_heading(form->label, form->title, form->reference);
      form_items(*form->form, form->record.get());
    } else {
      body_table(std::get<realize::Table>(item));  // docx/tables.cpp
    }
    // The header's space goes before the first paragraph after it.
    xml_node first = before ? before.next_sibling() : body_.first_child();
    if (pending_space_before_ >= 0 && first && std::string(first.name()) == "w:p") {
      set_spacing_before(first, pending_space_before_);
      pending_space_before_ = -1;
    }
  }
}

void Writer::indent(xml_node p, double left, double hanging) {
  xml_node ind = ppr_child(p, "w:ind", {"w:pStyle", "w:keepNext", "w:keepLines", "w:pageBreakBefore", "w:widowControl",
                                        "w:pBdr", "w:tabs", "w:spacing"});
  ind.append_attribute("w:left") = str(twips(left + hanging)).c_str();
  // Not the style's first-line indent: a hanging one, or none.
  if (hanging > 0) ind.append_attribute("w:hanging") = str(twips(hanging)).c_str();
  else ind.append_attribute("w:firstLine") = "0";
  ppr_child(p, "w:jc", {"w:pStyle", "w:keepNext", "w:keepLines", "w:pageBreakBefore", "w:widowControl", "w:pBdr",
                        "w:tabs", "w:spacing", "w:ind"})
      .append_attribute("w:val") = "left";
}

// Kính gửi (ND30-NN-2): one recipient on the label's line; several one per line, each
// "- " under the colon, a wrapped line under the text after the dash.
void Writer::labelled_list(const realize::LabelledList& list) {
  auto width_of = [&](const std::string& text, const std::string& style_name) {
    return wrap(text, style_name, 1e9).front();
  };
  if (list.same_line && !list.items.empty()) {
    RichText text = list.label.text;
    text.push_back(Span{" ", false, false});
    for (const auto& item : list.items) text.insert(text.end(), item.text.begin(), item.text.end());
    xml_node p = paragraph(text, list.label.style);
    indent(p, list.indent, width_of(text_of(list.label.text) + " ", list.label.style));
    return;
  }
  // The spacing is realize's (the list directly under its label).
  xml_node label = paragraph(list.label, width_);
  keep_next(label);
  // A centred label (Mẫu 1.6's sender line) keeps its style's alignment.
  if (tpl_.style(list.label.style).align != style::Align::Center) indent(label, list.indent, 0);
  for (size_t i = 0; i < list.items.size(); ++i) {
    const auto& item = list.items[i];
    xml_node p = paragraph(item, width_);
    if (i + 1 < list.items.size()) keep_next(p);
    if (!list.hanging) continue;  // as its style indents it (Mẫu 1.6's receivers)
    double dash = item.label.empty() ? 0 : width_of(item.label + " ", item.style);
    indent(p, list.item_indent, dash);
  }
}

double Writer::ascent(const std::string& style_name) const {
  const auto& st = tpl_.style(style_name);
  const auto& f = fonts_.face(st.bold, st.italic);
  return f.ascender() * st.size / f.units_per_em();
}

void Writer::end_cell(xml_node cell) {
  if (!cell.last_child() || std::string(cell.last_child().name()) != "w:p") cell.append_child("w:p");
}

// Nơi nhận and the signatures: one borderless row that never splits. Each signature
// takes the column realize gave it; one column holds the stacked ones; the gaps are
// empty cells. Mẫu 1.9: the list in the first signature's cell, under it. Mẫu 1.10: a
// confirmation block in a second row, in the column at its x.
void Writer::closing(const realize::Closing& c) {
  bool recipients = (c.recipients_label || !c.recipients.empty()) && !c.recipients_below;
  if (!recipients && c.signatures.empty()) return;
  // The body's last paragraph stays with the block.
  for (xml_node last = body_.last_child(); last; last = last.previous_sibling()) {
    if (std::string(last.name()) == "w:p") {
      keep_next(last);
      break;
    }
  }
  struct Column {
    double x, width;
    bool recipients = false;
    std::vector<const realize::Signature*> signatures;
  };
  std::vector<Column> columns;
  if (recipients) columns.push_back({0, c.recipients_width, true, {}});
  for (const auto& s : c.signatures) {
    if (s.below) continue;
    double x = s.width > 0 ? s.x : c.recipients_width, w = s.width > 0 ? s.width : width_ - c.recipients_width;
    auto same = std::find_if(columns.begin(), columns.end(), [&](const Column& col) {
      return !col.recipients && std::abs(col.x - x) < 0.5 && std::abs(col.width - w) < 0.5;
    });
    if (same == columns.end()) columns.push_back({x, w, false, {&s}});
    else same->signatures.push_back(&s);
  }
  std::stable_sort(columns.begin(), columns.end(), [](const Column& a, const Column& b) { return a.x < b.x; });
  std::vector<Column> row_columns;
  double at = 0;
  for (const Column& col : columns) {
    if (col.x < at - 0.5) throw Error(ErrorKind::Output, trf("closing \"{0}\": signature columns overlap", c.id));
    if (col.x > at + 0.5) row_columns.push_back({at, col.x - at, false, {}});
    row_columns.push_back(col);
    at = col.x + col.width;
  }
  if (at < width_ - 0.5) row_columns.push_back({at, width_ - at, false, {}});

  // Side by side, the names share a baseline too: under the longest authority (as many
  // lines as Word wraps, at the styles' line pitch).
  std::map<const realize::Signature*, double> name_space;
  double longest = 0;
  for (const auto& s : c.signatures) {
    if (s.below) continue;
    double column = s.width > 0 ? s.width : width_ - c.recipients_width, height = 0;
    for (const auto& line : s.authority) {
      const auto& st = tpl_.style(line.style);
      double pitch = fonts_.face(st.bold, st.italic).line_height(st.size) * st.line_spacing;
      height += pitch * wrap(text_of(line.text), line.style, column).size();
    }
    name_space[&s] = -height;
    longest = std::max(longest, height);
  }
  for (auto& [s, space] : name_space) space = s->space + (c.side_by_side ? longest + space : 0);
  for (const auto& s : c.signatures) {
    if (s.below) name_space[&s] = s.space;
  }

  std::vector<double> widths;
  for (const Column& col : row_columns) widths.push_back(col.width);
  xml_node tbl = table(widths, false);
  xml_node tr = row(tbl, true, false);
  // "Nơi nhận:" and the list; `space` before the label.
  auto write_recipients = [&](xml_node tc, double width, double space) {
    if (c.recipients_label) set_spacing_before(paragraph(*c.recipients_label, width, tc), space);
    for (const auto& r : c.recipients) paragraph(r, width, tc);
  };
  // A signature's authority lines, room to sign, name; `space` before the first line.
  auto write_signature = [&](xml_node tc, double width, const realize::Signature& s, double space) {
    bool first = true;
    xml_node last;
    for (const auto& line : s.authority) {
      last = paragraph(line, width, tc);
      if (first) set_spacing_before(last, space);
      first = false;
    }
    if (s.name) {
      set_spacing_before(paragraph(*s.name, width, tc), name_space[&s] + (first ? space : 0));
    } else if (last) {
      set_spacing_after(last, s.space);  // signed by hand, no name printed: the room to sign is kept
    }
  };
  for (const Column& col : row_columns) {
    xml_node tc = cell(tr, col.width);
    if (col.recipients) {
      // "Nơi nhận:" level with the first authority line (ND30-NN-3): same top, baselines
      // an ascent down, so the smaller label starts lower by the difference.
      const realize::Paragraph* first = nullptr;
      for (const auto& s : c.signatures)
        if (!first && !s.authority.empty()) first = &s.authority.front();
      double level = first && c.recipients_label ? ascent(first->style) - ascent(c.recipients_label->style) : 0;
      write_recipients(tc, col.width, c.space_before + std::max(0.0, level));
    }
    // Each signature's first authority line c.space_before from the top (side by side:
    // level, ND30-SIG-4) or from the name above it (stacked).
    for (const realize::Signature* s : col.signatures) {
      write_signature(tc, col.width, *s, c.space_before);
      if (c.recipients_below && s == &c.signatures.front()) write_recipients(tc, col.width, c.space_before);
    }
    end_cell(tc);
  }
  // Mẫu 1.10: the confirmation blocks in a row under, kept with the row above.
  if (std::none_of(c.signatures.begin(), c.signatures.end(), [](const realize::Signature& s) { return s.below; })) {
    return;
  }
  for (const pugi::xpath_node& p : tr.select_nodes(".//w:p")) keep_next(p.node());
  xml_node tr2 = row(tbl, true, false);
  size_t placed = 0;
  for (const Column& col : row_columns) {
    xml_node tc = cell(tr2, col.width);
    for (const auto& s : c.signatures) {
      if (s.below && std::abs(s.x - col.x) < 0.5 && std::abs(s.width - col.width) < 0.5) {
        write_signature(tc, col.width, s, c.space_before);
        ++placed;
      }
    }
    end_cell(tc);
  }
  if (placed != static_cast<size_t>(std::count_if(c.signatures.begin(), c.signatures.end(),
                                                  [](const realize::Signature& s) { return s.below; }))) {
    throw Error(ErrorKind::Output, trf("closing \"{0}\": a confirmation block off the columns above it", c.id));
  }
}

void Writer::appendix_heading(const std::string& label, const std::string& title, const std::string& reference) {
  if (!label.empty()) keep_next(paragraph(plain(label), "appendix-label"));
  if (!title.empty()) keep_next(paragraph(plain(title), "appendix-title"));
  keep_next(paragraph(plain(reference), "appendix-reference"));
  rule(measure_widest(reference, "appendix-reference", width_) * tpl_.appendix.reference_rule.length_ratio, width_,
       tpl_.appendix.reference_rule, tpl_.appendix.space_after);
}

}  // namespace vanban::docx
