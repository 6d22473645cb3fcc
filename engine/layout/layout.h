// Document tree + template -> pages of positioned glyphs and rules (Decree 30 layout).
#pragma once
#include <map>
#include <string>
#include <vector>
#include "layout/frame.h"
#include "model/document.h"
#include "model/form_data.h"
#include "realize/realized.h"
#include "style/profile.h"
#include "text/font.h"

namespace vanban::layout {

struct LaidOutDocument {
  std::vector<Page> pages;
  std::vector<Graphic> graphics;   // shared vector art the pages place (Page::graphics)
  DocumentInfo info;   // title/author/subject from the document (creation date left empty)
};

// Lays out a realized administrative document region by region (the header's two
// columns, flows, the closing block, page breaks starting a page numbering group).
// Throws vanban::Error (Font for a missing glyph, Template for a missing style).
LaidOutDocument layout_document(const realize::Document& document, const text::FontFamily& fonts);

// The same from the document tree: realize::realize_document, then the above.
// Form templates attached as appendices ({"form": "phu-luc-1"}), by name.
using FormTemplates = realize::FormTemplates;

LaidOutDocument layout_document(const model::Document& document, const style::Template& tpl,
                                const text::FontFamily& fonts, const FormTemplates& forms = {});

// Lays out forms (templates with layout "form"): one form per record, each starting a
// new page with its own page numbering; `blank` prints one form with dotted lines for
// handwriting and ignores `records`.
LaidOutDocument layout_forms(const style::Template& tpl, const std::vector<model::FormRecord>& records, bool blank,
                             const text::FontFamily& fonts);

// The data keys a form template declares.
inline model::FormSchema form_schema(const style::Template& tpl) { return realize::form_schema(tpl); }

}  // namespace vanban::layout
