// The realized document -> pages (Decree 30 layout), region by region: the header's two
// columns, flows of paragraphs, the closing block, page breaks that start a numbering
// group. Every word, label, style and region comes from realize/: layout only places.
#include "layout/layout.h"

#include <algorithm>

#include "core/error.h"
#include "core/unicode.h"
#include "core/visitor.h"
#include "layout/flow.h"
#include "layout/marks_layout.h"
#include "layout/paragraph.h"
#include "layout/signature_slots.h"
#include "text/shaper.h"

namespace vanban::layout {
namespace {

class DocumentLayout : public FlowBuilder {
 public:
  DocumentLayout(const realize::Document& doc, const text::FontFamily& fonts) : FlowBuilder(*doc.tpl, fonts), doc_(doc) {}

  LaidOutDocument run() {
    for (const realize::Region& region : doc_.regions) {
      std::visit(Visitor{[&](const realize::Header& h) { header(h); },
                         [&](const realize::Flow& f) { flow(f); },
                         [&](const realize::Closing& c) { closing(c); },
                         [&](const realize::Footer& f) { footer(f); },
                         [&](const realize::PageBreak&) {
                           group_from_ = boxes_.size();
                           parent_ = structure_.add("Sect", -1);  // an appendix, an attached document
                         }},
                 region);
      mark_group();
    }
    LaidOutDocument out;
    out.pages = paginate();
    out.info.title = doc_.title;
    out.info.subject = doc_.subject;
    out.info.author = doc_.author;
    export_document_info(out, tpl_, doc_.identity);  // identity and signature slots (layout/signature_slots.h)
    return out;
  }

 private:
  const realize::Document& doc_;
  size_t group_from_ = SIZE_MAX;  // a page break: the first box after it starts a group

  void mark_group() {
    if (group_from_ < boxes_.size()) {
      boxes_[group_from_].new_group = true;
      group_from_ = SIZE_MAX;
    }
  }

  // The style of a paragraph with what the paragraph adds to it.
  style::ParagraphStyle style_of(const realize::Paragraph& p) const {
    style::ParagraphStyle st = tpl_.style(p.style);
    if (p.keep_with_next) st.keep_with_next = true;
    return st;
  }

  // Stacks paragraphs in a column of a box, each with the rule under it it asks for and
  // tagged a P of `parent`. Returns the gap below the last rule (0 without).
  double column(Box& box, Column& col, const std::vector<realize::Paragraph>& paragraphs, int parent) {
    double gap = 0;
    for (const auto& p : paragraphs) {
      const size_t from = box.runs.size();
      auto lines = stack(box, col, p.text, tpl_.style(p.style));
      tag_runs(box.runs, from, structure_.add("P", parent));
      gap = 0;
      if (p.rule_under && !lines.empty()) {
        rule_under_lines(box, *p.rule_under, col.x, lines, col.last_baseline);
        gap = p.rule_under->gap;
      }
    }
    return gap;
  }

  // Places set lines from the baseline `baseline` down; returns the bottom of the ink.
  // The runs move out of the lines (their measures stay).
  static double place_lines(std::vector<Line>& lines, double x, double& baseline, std::vector<TextRun>& out) {
    double bottom = 0;
    for (Line& line : lines) {
      place_line(std::move(line), x, baseline, out);
      bottom = std::max(bottom, baseline + line.descent);
      baseline += line.height;
    }
    return bottom;
  }

  // ô 1-4: the two-column header (ND30-QH, ND30-CQ, ND30-SO, ND30-DATE); Số and the
  // date share a baseline (ND30-DATE-4); "V/v …" under Số (ND30-TL-4).
  // Tagged a HeaderBlock (pdf/structure.h), a P for each paragraph, in reading order: the
  // left column (its Số and V/v), then the right (its date).
  void header(const realize::Header& h) {
    Box box;
    const int block = element("HeaderBlock");
    Column leftcol{left_, h.left_width};
    Column rightcol{left_ + width_ - h.right_width, h.right_width};
    double gap = column(box, leftcol, h.left, block);
    leftcol.y = std::max(leftcol.y, leftcol.last_baseline + gap) + h.number_gap;
    const size_t number_runs_at = box.runs.size();  // "Số:" goes here in reading order
    gap = column(box, rightcol, h.right, block);
    rightcol.y = std::max(rightcol.y, rightcol.last_baseline + gap) + h.number_gap;

    std::vector<Line> number, date;
    if (h.number) number = set_paragraph(h.number->text, tpl_.style(h.number->style), leftcol.width, fonts_);
    if (h.date) date = set_paragraph(h.date->text, tpl_.style(h.date->style), rightcol.width, fonts_);
    double baseline = 0;
    if (!number.empty()) baseline = leftcol.y + baseline_offset(number.front());
    if (!date.empty()) baseline = std::max(baseline, rightcol.y + baseline_offset(date.front()));
    double bottom = std::max(leftcol.y, rightcol.y);
    std::vector<TextRun> number_runs;
    if (!number.empty()) {
      double b = baseline;
      bottom = place_lines(number, leftcol.x, b, number_runs);
      leftcol.y = b - baseline_offset(number.back());  // the top of the line after Số
      tag_runs(number_runs, 0, structure_.add("P", block));
    }
    if (!date.empty()) {
      double b = baseline;
      const size_t from = box.runs.size();
      bottom = std::max(bottom, place_lines(date, rightcol.x, b, box.runs));
      tag_runs(box.runs, from, structure_.add("P", block));
    }
    // V/v … under Số: read after it, before the right column.
    std::vector<TextRun> under;
    for (const auto& p : h.under_number) {
      const auto& st = tpl_.style(p.style);
      Box part;
      auto lines = stack(part, leftcol, p.text, st);
      tag_runs(part.runs, 0, structure_.add("P", block));
      under.insert(under.end(), std::make_move_iterator(part.runs.begin()), std::make_move_iterator(part.runs.end()));
      if (!lines.empty()) bottom = std::max(bottom, leftcol.last_baseline + lines.back().descent);
    }
    number_runs.insert(number_runs.end(), std::make_move_iterator(under.begin()), std::make_move_iterator(under.end()));
    box.runs.insert(box.runs.begin() + number_runs_at, std::make_move_iterator(number_runs.begin()),
                    std::make_move_iterator(number_runs.end()));
    const size_t marks_from = box.runs.size();
    // ô 10a, 10b under Số and V/v; ô 11 and a draft mark without a tên loại in the top
    // margin; a draft mark above the tên loại under the rows (layout/marks_layout.cpp).
    if (!h.marks.empty()) bottom = std::max(bottom, place_header_marks(h, left_, leftcol.y, tpl_, fonts_, box.runs, box.rules));
    place_margin_marks(h, -tpl_.page.margin_top, tpl_, fonts_, box.runs, box.rules);
    if (h.draft && !h.draft_in_margin) {
      bottom += h.number_gap;
      bottom += place_draft_mark(h, bottom, tpl_, fonts_, box.runs, box.rules);
    }
    if (box.runs.size() > marks_from) tag_runs(box.runs, marks_from, structure_.add("P", block));
    box.height = bottom;
    box.space_after = h.space_after;
    box.keep_with_next = true;
    boxes_.push_back(std::move(box));
  }

  void flow(const realize::Flow& f) {
    for (size_t i = 0; i < f.items.size(); ++i) {
      const realize::Item& item = f.items[i];
      if (const auto* p = std::get_if<realize::Paragraph>(&item)) {
        size_t end = heading_end(f.items, i);
        if (end > i || p->rule_under) {
          heading(f.items, i, end);
          i = end;
        } else {
          paragraph(*p, element(paragraph_type(p->style)));
        }
      } else {
        std::visit(Visitor{[&](const realize::Paragraph&) {},
                           [&](const realize::FillLines& l) { fill_lines(l); },
                           [&](const realize::FullRule& r) { full_rule(r); },
                           [&](const realize::Table& t) { table(t); },
                           [&](const realize::LabelledList& l) { labelled_list(l); },
                           [&](const realize::FormContent& c) { form(c); }},
                   item);
      }
      mark_group();
    }
  }

  // A heading: paragraphs that keep with the next one and end in a paragraph with a
  // rule under it (tên loại + trích yếu; "Phụ lục" + title + "(Kèm theo …)") make one
  // block. Returns the index of its last paragraph, `i` when there is none.
  static size_t heading_end(const std::vector<realize::Item>& items, size_t i) {
    for (size_t j = i; j < items.size(); ++j) {
      const auto* p = std::get_if<realize::Paragraph>(&items[j]);
      if (!p) return i;
      if (p->rule_under) return j;
      if (!p->keep_with_next) return i;
    }
    return i;
  }

  // ô 5a (ND30-TL-1..3) and appendix headings (ND30-PL-2..6): one box, centred lines and
  // the rule under the last paragraph, kept with what follows.
  void heading(const std::vector<realize::Item>& items, size_t from, size_t to) {
    Box box;
    Column col{left_, width_};
    std::vector<Line> last;
    const realize::Paragraph* p = nullptr;
    for (size_t k = from; k <= to; ++k) {
      p = &std::get<realize::Paragraph>(items[k]);
      last = stack(box, col, p->text, tpl_.style(p->style));
    }
    double space_after = p->space_after.value_or(tpl_.style(p->style).space_after);
    tag_runs(box.runs, 0, element("H1"));
    if (p->rule_under && !last.empty()) {
      push_heading(std::move(box), col, last, *p->rule_under, space_after);
      return;
    }
    box.height = col.y;
    box.space_after = space_after;
    box.keep_with_next = true;
    boxes_.push_back(std::move(box));
  }

  void paragraph(const realize::Paragraph& p, int tag) {
    style::ParagraphStyle st = style_of(p);
    if (p.space_after) st.space_after = *p.space_after;
    push_lines(set_paragraph(p.text, st, width_, fonts_), st, 0, tag);
  }

  // Dotted lines for handwriting, each its own box, kept together.
  void fill_lines(const realize::FillLines& l) {
    const auto& st = tpl_.style(l.style);
    const int tag = l.count > 0 ? element("P") : kArtifact;
    for (int i = 0; i < l.count; ++i) {
      Line line = set_leader_line("…", st, width_, fonts_);
      Box box;
      place_line(std::move(line), left_, baseline_offset(line), box.runs);
      tag_runs(box.runs, 0, tag);
      box.height = line.height;
      box.keep_with_next = i + 1 < l.count;
      if (i + 1 == l.count) box.space_after = st.space_after;
      boxes_.push_back(std::move(box));
    }
  }

  // A rule across the text width (ND30-COPY-1, ND30-DC-1), `gap` below the box top.
  void full_rule(const realize::FullRule& r) {
    Box box;
    box.rules.push_back(Rule{left_, r.rule.gap, left_ + width_, r.rule.gap, r.rule.thickness, {}});
    box.height = r.rule.gap + r.rule.thickness;
    box.space_before = r.space_before;
    box.space_after = r.space_after;
    box.keep_with_next = true;
    boxes_.push_back(std::move(box));
  }

  // The width of `text` in `st` (a hanging indent: the lines of an item after its first
  // continue under its text, not under its "- ").
  double text_width(const std::string& text, const style::ParagraphStyle& st) const {
    return text::measure(fonts_.face(st.bold, st.italic), st.size, st.uppercase ? unicode::to_upper_vi(text) : text);
  }

  // ô 9a (ND30-NN-2): "Kính gửi:" `indent` from the left edge; one recipient on its
  // line, several one per line under it with their "- " under the colon; wrapped lines
  // hang under the text.
  void labelled_list(const realize::LabelledList& l) {
    style::ParagraphStyle st = style_of(l.label);
    if (l.label.space_after) st.space_after = *l.label.space_after;
    const double w = width_ - l.indent;
    if (l.same_line && l.items.size() == 1) {
      model::RichText text = l.label.text;
      text.push_back(model::Span{" ", false, false});
      text.insert(text.end(), l.items[0].text.begin(), l.items[0].text.end());
      st.left_indent = text_width(model::plain_text(l.label.text) + " ", st);
      st.first_indent = -st.left_indent;
      push_lines(set_paragraph(text, st, w, fonts_), st, l.indent);
      return;
    }
    st.first_indent = st.left_indent = 0;
    st.keep_with_next = true;
    push_lines(set_paragraph(l.label.text, st, w, fonts_), st, l.indent);
    // The items: a list (L), each item an LI with its LBody.
    const int list = l.items.empty() ? -1 : element("L");
    for (const auto& item : l.items) {
      const int body = structure_.add("LBody", structure_.add("LI", list));
      style::ParagraphStyle ist = style_of(item);
      if (item.space_after) ist.space_after = *item.space_after;
      if (!l.hanging) {  // as its style indents it (Mẫu 1.6's receivers)
        push_lines(set_paragraph(item.text, ist, width_, fonts_), ist, 0, body);
        continue;
      }
      ist.left_indent = item.label.empty() ? 0 : text_width(item.label + " ", ist);
      ist.first_indent = -ist.left_indent;
      push_lines(set_paragraph(item.text, ist, width_ - l.item_indent, fonts_), ist, l.item_indent, body);
    }
  }

  void form(const realize::FormContent& c) {
    for (Box& box : form_boxes(*c.form, c.record.get(), c.label, c.title, c.reference, fonts_, structure_, parent_)) {
      boxes_.push_back(std::move(box));
    }
  }

  // ô 13 (ND30-DC-1): at the foot of page 1, which holds that much less of the flow.
  void footer(const realize::Footer& f) {
    if (f.lines.empty()) return;
    Box box = footer_box(f, tpl_, fonts_);
    tag_runs(box.runs, 0, element("P"));
    first_page_footer(std::move(box));
  }

  struct SetSignature {
    std::vector<Line> authority, name;
    double space = 0;
    double x = 0, width = 0;
  };

  // A Signature of the signature block: its authority lines a P, its name a P (the runs
  // from `from` on: place_line puts a line's runs in order).
  void tag_signature(std::vector<TextRun>& runs, size_t from, const SetSignature& set, int block) {
    const int signature = structure_.add("Signature", block);
    for (const auto* part : {&set.authority, &set.name}) {
      size_t n = 0;
      for (const Line& line : *part) n += line.runs.size();
      if (n == 0) continue;
      const int p = structure_.add("P", signature);
      for (size_t i = from; i < from + n && i < runs.size(); ++i) runs[i].tag = p;
      from += n;
    }
  }

  // ô 7 and ô 9b: Nơi nhận on the left, the signatures on the right — side by side with
  // their first authority lines level, or stacked — and the label level with those
  // (ND30-NN-3, ND30-SIG-4); Mẫu 1.9: the list under the first of the signatures side by
  // side; Mẫu 1.10: a confirmation block at the lower left, under all that. One box,
  // never split.
  // Tagged a SignatureBlock: Recipients (its label a P, the list an L of LI/LBody), then
  // each Signature (its authority lines a P, the name a P).
  void closing(const realize::Closing& c) {
    Box box;
    const int block = element("SignatureBlock");
    const size_t n = c.signatures.size();
    std::vector<SetSignature> sigs(n);
    for (size_t s = 0; s < n; ++s) {
      SetSignature& set = sigs[s];
      set.x = left_ + c.signatures[s].x;
      set.width = c.signatures[s].width;
      for (const auto& p : c.signatures[s].authority) {
        auto lines = set_paragraph(p.text, tpl_.style(p.style), set.width, fonts_);
        set.authority.insert(set.authority.end(), std::make_move_iterator(lines.begin()),
                             std::make_move_iterator(lines.end()));
      }
      if (c.signatures[s].name) {
        const auto& p = *c.signatures[s].name;
        set.name = set_paragraph(p.text, tpl_.style(p.style), set.width, fonts_);
      }
      set.space = c.signatures[s].space;
    }
    Column leftcol{left_ + (c.recipients_below && n ? sigs[0].x - left_ : 0), c.recipients_width};
    std::vector<Line> label;
    if (c.recipients_label) {
      label = set_paragraph(c.recipients_label->text, tpl_.style(c.recipients_label->style), leftcol.width, fonts_);
    }
    double first = 0;
    if (!label.empty() && !c.recipients_below) first = std::max(first, baseline_offset(label.front()));
    for (size_t s = 0; s < n && (s == 0 || c.side_by_side); ++s) {
      if (!c.signatures[s].below && !sigs[s].authority.empty()) {
        first = std::max(first, baseline_offset(sigs[s].authority.front()));
      }
    }

    double bottom = 0;
    // The bottom of the line box above the next line placed from baseline `y` (the top of
    // what follows it: a paragraph's space before counts from there, as in Word).
    auto box_bottom = [](double y, const std::vector<Line>& lines) {
      return lines.empty() ? y : y - baseline_offset(lines.back());
    };
    // Places "Nơi nhận:" at the baseline `y` and the list under it; returns the bottom of
    // the last line box.
    auto recipients = [&](double y) {
      const int group = structure_.add("Recipients", block);
      size_t from = box.runs.size();
      bottom = std::max(bottom, place_lines(label, leftcol.x, y, box.runs));
      if (!label.empty()) tag_runs(box.runs, from, structure_.add("P", group));
      double end = box_bottom(y, label);
      bool first_recipient = true;
      const int list = c.recipients.empty() ? -1 : structure_.add("L", group);
      for (const auto& r : c.recipients) {
        from = box.runs.size();
        const int item = structure_.add("LBody", structure_.add("LI", list));
        for (Line& line : set_paragraph(r.text, tpl_.style(r.style), leftcol.width, fonts_)) {
          if (first_recipient && !label.empty()) y += line.height - label.back().height;  // 11 pt line pitch
          first_recipient = false;
          place_line(std::move(line), leftcol.x, y, box.runs);
          bottom = std::max(bottom, y + line.descent);
          y += line.height;
          end = y - baseline_offset(line);
        }
        tag_runs(box.runs, from, item);
      }
      return end;
    };
    double below_top = 0;  // under the recipients and the signatures: the top of a confirmation block
    if (!c.recipients_below) below_top = recipients(first);

    // Side by side, the names share a baseline too: under the longest authority.
    double names = 0;
    for (size_t s = 0; s < n; ++s) {
      if (c.signatures[s].below) continue;
      double y_name = first;
      for (const Line& line : sigs[s].authority) y_name += line.height;
      names = std::max(names, y_name + sigs[s].space);
    }
    double next = first;  // stacked: where the next signature's first line goes
    double y = 0;
    for (size_t s = 0; s < n; ++s) {
      SetSignature& set = sigs[s];  // its lines' runs move into the box
      const bool below = c.signatures[s].below;
      if (below) {
        // Mẫu 1.10: under everything above, the closing's space between.
        y = below_top + c.space_before + (set.authority.empty() ? 0 : baseline_offset(set.authority.front()));
      } else {
        y = c.side_by_side ? first : next;
      }
      const size_t signature_from = box.runs.size();
      bottom = std::max(bottom, place_lines(set.authority, set.x, y, box.runs));
      const std::vector<Line>* last = &set.authority;
      const double room_top = box_bottom(y, set.authority);  // the room to sign: ND30-ESIG-1, -2
      if (!set.name.empty()) {
        y = c.side_by_side && !below ? names : y + set.space;
        add_signature_room(box.signature_slots, doc_.identity, c, s, set.x, set.width, room_top, y - baseline_offset(set.name.front()));
        bottom = std::max(bottom, place_lines(set.name, set.x, y, box.runs));
        last = &set.name;
      }
      next = y + c.space_before;
      double end = box_bottom(y, *last);
      if (set.name.empty()) {  // signed by hand, no name printed: the room to sign is kept
        add_signature_room(box.signature_slots, doc_.identity, c, s, set.x, set.width, room_top, end + set.space);
        end += set.space;
        bottom = std::max(bottom, end);
      }
      tag_signature(box.runs, signature_from, set, block);
      if (s == 0 && c.recipients_below) {
        // Mẫu 1.9: Nơi nhận under the first signature, the closing's space between.
        double top = end + c.space_before;
        end = recipients(top + (label.empty() ? 0 : baseline_offset(label.front())));
      }
      below_top = std::max(below_top, end);
    }
    box.height = bottom;
    box.space_before = c.space_before;
    // The last lines of the body go with the closing rather than leave it alone on a page.
    if (!boxes_.empty()) boxes_.back().keep_with_next = true;
    boxes_.push_back(std::move(box));
  }
};

}  // namespace

LaidOutDocument layout_document(const realize::Document& document, const text::FontFamily& fonts) {
  return DocumentLayout(document, fonts).run();
}

LaidOutDocument layout_document(const model::Document& document, const style::Template& tpl,
                                const text::FontFamily& fonts, const FormTemplates& forms) {
  return layout_document(realize::realize_document(document, tpl, fonts, forms), fonts);
}

}  // namespace vanban::layout
