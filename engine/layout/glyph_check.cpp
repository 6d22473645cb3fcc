// What laying out a realized document would refuse, found without laying it out (the DOCX
// writer's check, Engine::render_docx): every text layout sets, in the order layout sets
// it, with the style it looks up (a missing style: Error(Template)) and the face and size
// it shapes with (a character the face lacks: the Error(Font) text::shape throws, naming
// it). A text whose every character the face maps to a glyph directly cannot make
// text::shape fail (HarfBuzz composes or decomposes only towards glyphs the font has),
// so only a text with an unmapped character is shaped — as layout shapes it, to give
// the same answer: the same error, or none (a default-ignorable character, a space
// HarfBuzz substitutes). Attached forms are laid out (layout/form_layout.cpp): they are
// the small part of a document.
#include "layout/glyph_check.h"

#include <algorithm>
#include <variant>

#include "core/unicode.h"
#include "core/visitor.h"
#include "layout/flow.h"
#include "text/shaper.h"

namespace vanban::layout {
namespace {

class GlyphCheck {
 public:
  GlyphCheck(const realize::Document& doc, const text::FontFamily& fonts) : doc_(doc), tpl_(*doc.tpl), fonts_(fonts) {}

  void run() {
    for (const realize::Region& region : doc_.regions) {
      std::visit(Visitor{[&](const realize::Header& h) { header(h); }, [&](const realize::Flow& f) { flow(f); },
                         [&](const realize::Closing& c) { closing(c); }, [&](const realize::Footer& f) { footer(f); },
                         [&](const realize::PageBreak&) {}},
                 region);
    }
    (void)tpl_.style(tpl_.page.number_style);  // the page numbers (FlowBuilder::paginate)
  }

 private:
  const realize::Document& doc_;
  const style::Template& tpl_;
  const text::FontFamily& fonts_;

  // As text::shape sees it in layout/paragraph.cpp (set_lines): each span in its face,
  // upper-cased when the style says so, a line break shaped as a space.
  void spans(const model::RichText& text, const style::ParagraphStyle& st) const {
    for (const model::Span& span : text) {
      std::string piece = st.uppercase ? unicode::to_upper_vi(span.text) : span.text;
      if (piece.empty()) continue;
      std::replace(piece.begin(), piece.end(), '\n', ' ');
      shaped(fonts_.face(st.bold || span.bold, st.italic || span.italic), st.size, piece);
    }
  }
  void shaped(const text::Font& font, double size, const std::string& text) const {
    if (!text::maps_all(font, text)) text::shape(font, size, text);
  }
  void paragraph(const realize::Paragraph& p) const { spans(p.text, tpl_.style(p.style)); }
  void paragraphs(const std::vector<realize::Paragraph>& ps) const {
    for (const auto& p : ps) paragraph(p);
  }
  // A mark (layout/marks_layout.cpp): its text in its style (only the alignment, indents
  // and colour change).
  void stamp(const realize::Stamp& s) const { spans(model::RichText{model::Span{s.text, false, false}}, tpl_.style(s.style)); }
  // text_width in layout.cpp: measured as one string in the style's face.
  void measured(const std::string& text, const style::ParagraphStyle& st) const {
    shaped(fonts_.face(st.bold, st.italic), st.size, st.uppercase ? unicode::to_upper_vi(text) : text);
  }

  void header(const realize::Header& h) const {
    paragraphs(h.left);
    paragraphs(h.right);
    if (h.number) paragraph(*h.number);
    if (h.date) paragraph(*h.date);
    paragraphs(h.under_number);
    for (const auto& m : h.marks) stamp(m);
    if (h.top_mark) stamp(*h.top_mark);
    if (h.draft) stamp(*h.draft);
  }

  void flow(const realize::Flow& f) const {
    for (const realize::Item& item : f.items) {
      std::visit(Visitor{[&](const realize::Paragraph& p) { paragraph(p); },
                         [&](const realize::FillLines& l) {
                           const auto& st = tpl_.style(l.style);
                           if (l.count > 0) shaped(fonts_.face(st.bold, st.italic), st.size, "…");
                         },
                         [&](const realize::FullRule&) {},
                         [&](const realize::Table& t) {
                           for (const auto& row : t.rows) {
                             for (const auto& cell : row) {
                               if (cell.column < 0 || cell.column >= static_cast<int>(t.widths.size())) continue;
                               spans(cell.text, tpl_.style(cell.style));
                             }
                           }
                         },
                         [&](const realize::LabelledList& l) { labelled_list(l); },
                         [&](const realize::FormContent& c) {
                           Structure structure;
                           (void)form_boxes(*c.form, c.record.get(), c.label, c.title, c.reference, fonts_, structure, -1);
                         }},
                 item);
    }
  }

  void labelled_list(const realize::LabelledList& l) const {
    const style::ParagraphStyle& st = tpl_.style(l.label.style);
    if (l.same_line && l.items.size() == 1) {
      measured(model::plain_text(l.label.text) + " ", st);
      spans(l.label.text, st);
      spans(model::RichText{model::Span{" ", false, false}}, st);
      spans(l.items[0].text, st);
      return;
    }
    spans(l.label.text, st);
    for (const auto& item : l.items) {
      const style::ParagraphStyle& ist = tpl_.style(item.style);
      if (l.hanging && !item.label.empty()) measured(item.label + " ", ist);
      spans(item.text, ist);
    }
  }

  void footer(const realize::Footer& f) const { paragraphs(f.lines); }

  void closing(const realize::Closing& c) const {
    for (const auto& s : c.signatures) {
      paragraphs(s.authority);
      if (s.name) paragraph(*s.name);
    }
    if (c.recipients_label) paragraph(*c.recipients_label);
    paragraphs(c.recipients);
  }
};

}  // namespace

void check_glyphs(const realize::Document& document, const text::FontFamily& fonts) {
  GlyphCheck(document, fonts).run();
}

}  // namespace vanban::layout
