// Pages as SVG (issue #15: the web page's preview, `vanban render -o out.svg`): one SVG
// document per page, read from the same pages the PDF writer reads (layout/frame.h), so a
// preview looks like the print.
//
// - Text: each glyph's outline from the run's own face (HarfBuzz, hb_font_get_glyph_shape),
//   scaled to the run's size, defined once per page in <defs> as <path id="gN"> and placed
//   by <use>; over them the text itself, invisible (fill-opacity 0), one <text> a line
//   stretched to the glyphs' width, so that a viewer can select and search it.
// - Rules: <line>, butt caps as in the PDF; filled rectangles: one <path> per stretch of
//   rectangles of one colour (a QR code's modules abut without hairline seams); images:
//   <image> with the PNG as a data: URI; shared drawings (a certificate's border): drawn
//   first, as the PDF writer does; a white page underneath.
// - The page's size in mm (width="210mm"), the viewBox in pt, y downwards as in layout.
// - Deterministic: the same pages give the same bytes (ids in order of first use, numbers
//   with at most 3 decimals, locale-independent).
#pragma once
#include <string>
#include <vector>

#include "layout/frame.h"

namespace vanban::svg {

// One SVG document per page. Throws vanban::Error(Layout) for a position or size that
// is not a finite number of sane size, Error(Output) for a page naming a missing shared
// drawing or placing an empty image. Safe from many threads (fonts are only read).
std::vector<std::string> write_svg(const std::vector<layout::Page>& pages,
                                   const std::vector<layout::Graphic>& graphics);

}  // namespace vanban::svg
