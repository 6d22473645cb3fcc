// Document tree + template -> pages of positioned glyphs and rules (Decree 30 layout).
#pragma once
#include <vector>
#include "layout/frame.h"
#include "model/document.h"
#include "style/profile.h"
#include "text/font.h"

namespace vanban::layout {

struct LaidOutDocument {
  std::vector<Page> pages;
  DocumentInfo info;   // title/author/subject from the document (creation date left empty)
};

// Lays out an administrative document (Mẫu 1.4 of Decree 30: header, type and subject,
// body, Nơi nhận and signature, appendices each on new pages with their own numbering).
// Throws vanban::Error (Font for a missing glyph, Template for a missing style).
LaidOutDocument layout_document(const model::Document& document, const style::Template& tpl,
                                const text::FontFamily& fonts);

}  // namespace vanban::layout
