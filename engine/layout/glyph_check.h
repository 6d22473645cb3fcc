// What laying out a realized document would refuse, without laying it out: for the DOCX
// writer, which lays nothing out (Word and LibreOffice do) but must refuse what the PDF
// refuses (layout/glyph_check.cpp).
#pragma once
#include "realize/realized.h"
#include "text/font.h"

namespace vanban::layout {

// Throws the vanban::Error that layout_document(document, fonts) would throw for a
// character a face lacks (Error(Font), naming it) or a style the template lacks
// (Error(Template)), the first in layout's order; returns when it would lay it out.
void check_glyphs(const realize::Document& document, const text::FontFamily& fonts);

}  // namespace vanban::layout
