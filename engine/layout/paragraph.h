// Paragraph setting: shaping each styled span, ICU line-break opportunities,
// greedy line filling (balanced lines for a centred paragraph: text::balanced_line_breaks),
// alignment and justification (through the advances of the
// spaces, since PDF word spacing does not apply to two-byte codes).
#pragma once
#include <vector>
#include "layout/frame.h"
#include "model/document.h"
#include "style/profile.h"
#include "text/font.h"

namespace vanban::layout {

struct Line {
  double ascent = 0;         // pt above the baseline
  double descent = 0;        // pt below the baseline (positive)
  double height = 0;         // distance to the next line's baseline
  double x_start = 0;        // where the ink starts, relative to the column's left edge
  double natural_width = 0;  // width of the text before justification
  std::vector<TextRun> runs; // glyph x relative to the column's left edge, y = 0 on the baseline
};

// Sets `text` in a column `width` pt wide with `style` (indents, alignment, size,
// emphasis, upper-casing). Spans add their own bold/italic to the style's.
std::vector<Line> set_paragraph(const model::RichText& text, const style::ParagraphStyle& style,
                                double width, const text::FontFamily& fonts);

// One line of `style` holding `count` copies of `leader` ("…") spread evenly so the
// last one ends exactly at `width` (dotted lines of forms).
Line set_leader_line(const std::string& leader, const style::ParagraphStyle& style, double width,
                     const text::FontFamily& fonts);

// Appends `leader` copies ("…") to `line` from x = `from` to x = `to` (column
// coordinates), spread so the last ends exactly at `to`. Nothing if none fits.
void append_leaders(Line& line, const std::string& leader, const style::ParagraphStyle& style, double from,
                    double to, const text::FontFamily& fonts);

// Offsets every glyph of `line` by (dx, dy) and appends its runs to `out` (moved out of
// `line` by the second form).
void place_line(const Line& line, double dx, double dy, std::vector<TextRun>& out);
void place_line(Line&& line, double dx, double dy, std::vector<TextRun>& out);

}  // namespace vanban::layout
