// Laying out the header marks (secrecy, urgency stamps, circulation mark, draft mark)
// and the address footer of page 1 (layout/marks_layout.cpp). Coordinates are relative
// to an origin the caller gives (a box's top, or the page's), y downwards.
#pragma once
#include <vector>

#include "layout/flow.h"
#include "layout/frame.h"
#include "realize/realized.h"
#include "style/profile.h"
#include "text/font.h"

namespace vanban::layout {

// Draws `stamp` with its box's top-left corner at (x, y): the four sides of a single
// border of `stamp.border` whose outer edges make the box `stamp.width` × `stamp.height`,
// and its text centred in the box (caps centred on the box's middle), box and text in
// the stamp's colour (ND30-KHAN-1/2 red, ND30-LH-1). A plain mark (no border) is its
// text alone, from x, `stamp.height` or a line high. Returns the height it takes.
double place_stamp(const realize::Stamp& stamp, double x, double y, const style::Template& tpl,
                   const text::FontFamily& fonts, std::vector<TextRun>& runs, std::vector<Rule>& rules);

// The width a stamp takes (its box, or a plain mark's text).
double stamp_width(const realize::Stamp& stamp, const style::Template& tpl, const text::FontFamily& fonts);

// ô 10a, 10b (ND30-MAT-1, ND30-KHAN-1, ND30-LAYOUT-2: 0-18 % of the text width): the
// header's marks one under another from (x, y), the left edge of the text area, each
// `header.number_gap` below the line or mark above. Returns the y under the last one
// (y itself when there are none).
double place_header_marks(const realize::Header& header, double x, double y, const style::Template& tpl,
                          const text::FontFamily& fonts, std::vector<TextRun>& runs, std::vector<Rule>& rules);

// The marks of page 1 in its top margin: ô 11's circulation mark centred on 58-85 % of
// the text width (ND30-LAYOUT-2), and a draft mark that has no tên loại to stand above
// centred over the left header column; each centred vertically in the margin. `top` is
// the page's top edge in the caller's coordinates (minus the box's y when the caller
// fills a box placed at the top margin: -margin_top).
void place_margin_marks(const realize::Header& header, double top, const style::Template& tpl,
                        const text::FontFamily& fonts, std::vector<TextRun>& runs, std::vector<Rule>& rules);

// A draft mark above the tên loại, centred on the text width from y; returns the height.
double place_draft_mark(const realize::Header& header, double y, const style::Template& tpl,
                        const text::FontFamily& fonts, std::vector<TextRun>& runs, std::vector<Rule>& rules);

// ô 13 (ND30-DC-1): the rule across the text width, then the address lines in their
// style, `rule.gap` below it; content relative to the box top, height = the whole
// footer. FlowBuilder::first_page_footer places it at the foot of page 1's text area.
Box footer_box(const realize::Footer& footer, const style::Template& tpl, const text::FontFamily& fonts);

}  // namespace vanban::layout
