// The header marks and the address footer on the page (ND30-MAT-1, ND30-KHAN-1/2,
// ND30-LH-1, ND30-DC-1, ND30-LAYOUT-2).
#include "layout/marks_layout.h"

#include <algorithm>

#include "layout/paragraph.h"

namespace vanban::layout {
namespace {

Color color_of(const style::Color& c) { return Color{c.r, c.g, c.b}; }

// The stamp's text style: centred, no indents or spacing of its own.
style::ParagraphStyle text_style(const realize::Stamp& stamp, const style::Template& tpl) {
  style::ParagraphStyle st = tpl.style(stamp.style);
  st.align = style::Align::Center;
  st.first_indent = st.left_indent = st.space_before = st.space_after = 0;
  st.color = stamp.color;
  return st;
}

// The stamp's text set on one line per "\n" line, as wide as it needs.
std::vector<Line> stamp_lines(const realize::Stamp& stamp, const style::ParagraphStyle& st, double width,
                              const text::FontFamily& fonts) {
  return set_paragraph(model::RichText{model::Span{stamp.text, false, false}}, st, width, fonts);
}

// The natural width of the widest line.
double natural_width(const std::vector<Line>& lines) {
  double w = 0;
  for (const Line& line : lines) w = std::max(w, line.natural_width);
  return w;
}

}  // namespace

double stamp_width(const realize::Stamp& stamp, const style::Template& tpl, const text::FontFamily& fonts) {
  if (stamp.border > 0) return stamp.width;
  const style::ParagraphStyle st = text_style(stamp, tpl);
  return natural_width(stamp_lines(stamp, st, 1e6, fonts));
}

double place_stamp(const realize::Stamp& stamp, double x, double y, const style::Template& tpl,
                   const text::FontFamily& fonts, std::vector<TextRun>& runs, std::vector<Rule>& rules) {
  const style::ParagraphStyle st = text_style(stamp, tpl);
  const bool boxed = stamp.border > 0;
  double width = boxed ? stamp.width : stamp_width(stamp, tpl, fonts);
  std::vector<Line> lines = stamp_lines(stamp, st, std::max(width, 1.0), fonts);
  double pitch = lines.front().height;
  double height = std::max(boxed || stamp.height > 0 ? stamp.height : 0, pitch * static_cast<double>(lines.size()));

  if (boxed) {
    // Butt-capped strokes inset by half the border: the outer edges are the box's.
    const double b = stamp.border, h = b / 2;
    const Color c = color_of(stamp.color);
    rules.push_back(Rule{x, y + h, x + width, y + h, b, c});
    rules.push_back(Rule{x, y + height - h, x + width, y + height - h, b, c});
    rules.push_back(Rule{x + h, y, x + h, y + height, b, c});
    rules.push_back(Rule{x + width - h, y, x + width - h, y + height, b, c});
  }
  // UPPERCASE text (ND30-KHAN-1): the cap height centred on the box's middle, lines
  // spread evenly about it.
  const text::Font& face = fonts.face(st.bold, st.italic);
  double cap = face.cap_height() > 0 ? face.cap_height() * st.size / face.units_per_em() : lines.front().ascent * 0.7;
  double middle = y + height / 2;
  double n = static_cast<double>(lines.size());
  for (size_t i = 0; i < lines.size(); ++i) {
    double baseline = middle + cap / 2 + (static_cast<double>(i) - (n - 1) / 2) * pitch;
    place_line(std::move(lines[i]), x, baseline, runs);
  }
  return height;
}

double place_header_marks(const realize::Header& header, double x, double y, const style::Template& tpl,
                          const text::FontFamily& fonts, std::vector<TextRun>& runs, std::vector<Rule>& rules) {
  for (const realize::Stamp& mark : header.marks) {
    y += header.number_gap;
    y += place_stamp(mark, x, y, tpl, fonts, runs, rules);
  }
  return y;
}

void place_margin_marks(const realize::Header& header, double top, const style::Template& tpl,
                        const text::FontFamily& fonts, std::vector<TextRun>& runs, std::vector<Rule>& rules) {
  const auto& pg = tpl.page;
  const double left = pg.margin_left, width = pg.width - pg.margin_left - pg.margin_right;
  auto in_margin = [&](const realize::Stamp& stamp, double centre) {
    double w = stamp_width(stamp, tpl, fonts);
    double h = stamp.height > 0 ? stamp.height : 0;
    if (h == 0) {
      const style::ParagraphStyle st = text_style(stamp, tpl);
      h = stamp_lines(stamp, st, 1e6, fonts).front().height;
    }
    place_stamp(stamp, centre - w / 2, top + (pg.margin_top - h) / 2, tpl, fonts, runs, rules);
  };
  // ND30-LAYOUT-2: ô 11 spans 58-85 % of the text width, in the top margin.
  if (header.top_mark) in_margin(*header.top_mark, left + width * (0.58 + 0.85) / 2);
  // Not in the decree: a draft mark with no tên loại below it, over the left column.
  if (header.draft && header.draft_in_margin) in_margin(*header.draft, left + header.left_width / 2);
}

double place_draft_mark(const realize::Header& header, double y, const style::Template& tpl,
                        const text::FontFamily& fonts, std::vector<TextRun>& runs, std::vector<Rule>& rules) {
  if (!header.draft || header.draft_in_margin) return 0;
  const auto& pg = tpl.page;
  const double width = pg.width - pg.margin_left - pg.margin_right;
  double w = stamp_width(*header.draft, tpl, fonts);
  return place_stamp(*header.draft, pg.margin_left + (width - w) / 2, y, tpl, fonts, runs, rules);
}

Box footer_box(const realize::Footer& footer, const style::Template& tpl, const text::FontFamily& fonts) {
  const auto& pg = tpl.page;
  const double left = pg.margin_left, width = pg.width - pg.margin_left - pg.margin_right;
  Box box;
  // ND30-DC-1: a solid rule spanning the whole text width.
  const double t = footer.rule.thickness;
  box.rules.push_back(Rule{left, t / 2, left + width, t / 2, t, {}});
  double y = t + footer.rule.gap;
  for (const realize::Paragraph& p : footer.lines) {
    const style::ParagraphStyle& st = tpl.style(p.style);
    y += st.space_before;
    for (Line& line : set_paragraph(p.text, st, width, fonts)) {
      place_line(std::move(line), left, y + (line.height - line.ascent - line.descent) / 2 + line.ascent, box.runs);
      y += line.height;
    }
    y += st.space_after;
  }
  box.height = y;
  box.space_before = footer.rule.gap;  // between the text area's last line and the rule
  return box;
}

}  // namespace vanban::layout
