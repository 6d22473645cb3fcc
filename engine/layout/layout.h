// Document tree + template -> pages of positioned glyphs and rules (Decree 30 layout).
#pragma once
#include <map>
#include <string>
#include <vector>
#include "layout/frame.h"
#include "model/document.h"
#include "model/form_data.h"
#include "style/profile.h"
#include "text/font.h"

namespace vanban::layout {

struct LaidOutDocument {
  std::vector<Page> pages;
  std::vector<Graphic> graphics;   // shared vector art the pages place (Page::graphics)
  DocumentInfo info;   // title/author/subject from the document (creation date left empty)
};

// Lays out an administrative document (Mẫu 1.4 of Decree 30: header, type and subject,
// body, Nơi nhận and signature, appendices each on new pages with their own numbering).
// Throws vanban::Error (Font for a missing glyph, Template for a missing style).
// Form templates attached as appendices ({"form": "phu-luc-1"}), by name.
using FormTemplates = std::map<std::string, const style::Template*>;

LaidOutDocument layout_document(const model::Document& document, const style::Template& tpl,
                                const text::FontFamily& fonts, const FormTemplates& forms = {});

// Lays out forms (templates with layout "form"): one form per record, each starting a
// new page with its own page numbering; `blank` prints one form with dotted lines for
// handwriting and ignores `records`.
LaidOutDocument layout_forms(const style::Template& tpl, const std::vector<model::FormRecord>& records, bool blank,
                             const text::FontFamily& fonts);

// The data keys a form template declares.
model::FormSchema form_schema(const style::Template& tpl);

}  // namespace vanban::layout
