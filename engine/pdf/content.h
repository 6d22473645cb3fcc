// Content-stream operators for layout's drawing elements (text runs, rules, filled
// rectangles, placed images and shared drawings), written by hand: locale-independent
// numbers, y turned upwards. Used for pages (pdf_writer) and for any other content
// stream drawn from layout's elements (a signature's appearance, a Form XObject).
#pragma once
#include <string>

#include "layout/frame.h"
#include "pdf/font_embedding.h"

namespace vanban::pdf {

// `v` when it is a finite number of a sane size; else Error(Layout): nothing that is not
// (a NaN or an infinity from an option, a coordinate far off any page) reaches a PDF.
double checked(double v);

// Locale-independent number: at most 3 decimals, no trailing zeros.
void put_number(std::string& out, double v);

// "r g b op": a colour operator (rg for fills and text, RG for strokes).
void put_color(std::string& out, const layout::Color& c, const char* op);

// Each element in its own q … Q; `height` is the height of the box the element's
// coordinates are in (the page's, or a form's), which turns y upwards.
void put_rect(std::string& out, const layout::FilledRect& r, double height);
void put_rule(std::string& out, const layout::Rule& rule, double height);
// An image XObject named `name` (in the resources of the stream) drawn at `placed`.
void put_image(std::string& out, const layout::PlacedImage& placed, const std::string& name, double height);
// BT … ET: the run's glyphs as CIDs of `font` (allocated there on first use), each
// placed by Tm and TJ adjustments. `font` must be the run's font's entry.
void put_run(std::string& out, const layout::TextRun& run, EmbeddedFont& font, double height);

// put_run, the run wrapped in `/Span <</ActualText …>> BDC … EMC` when blank space in it
// (the handwritten number after "Số:", the day in "ngày      tháng") is wider than its
// size: text extraction (poppler's pdftotext) breaks a line at such a gap into blocks
// read apart; with /ActualText it reads the run's text whole.
void put_whole_run(std::string& out, const layout::TextRun& run, EmbeddedFont& font, double height);

}  // namespace vanban::pdf
