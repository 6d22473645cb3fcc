// Parts of the realized document that realize_document() composes from separate
// pieces of the model (realize/marks.cpp): the header marks (secrecy, urgency,
// circulation, draft), the address footer and the copy block of a bản sao.
// Internal to the realize stage.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "realize/realized.h"

namespace vanban::realize {

// The mark of `kind` ("secrecy", "urgency", "circulation", "draft") saying `text`, boxed
// and coloured as the template's <stamp> of that kind and text says (or of that kind
// with no text); a box of size 0 takes the text's width and line height plus padding,
// and a box narrower than its text widens to hold it. No <stamp> of the kind: a plain
// mark (no box, black) in the style "stamp".
Stamp realize_stamp(const std::string& kind, const std::string& text, const std::string& id,
                    const style::Template& tpl, const text::FontFamily& fonts);

// ô 10a, 10b (ND30-MAT-1, ND30-KHAN-1/2) into header.marks, ô 11 (ND30-LH-1) into
// header.top_mark, "DỰ THẢO" into header.draft — in the top margin when the document
// has no tên loại (`has_type_name` false).
void realize_marks(const model::Marks& marks, const style::Template& tpl, const text::FontFamily& fonts,
                   bool has_type_name, Header& header);

// ô 13 (ND30-DC-1): the address lines at the foot of page 1; none without an address.
std::optional<Footer> realize_footer(const model::Document& document, const style::Template& tpl);

// "SY" for "SAO Y": the template's <copy><form> abbreviation; throws Error(Model) at
// "copy.form" for a form the template does not know.
std::string copy_abbreviation(const model::CopyBlock& copy, const style::Template& tpl);

// The copy block of a bản sao (ND30-COPY-1, Mẫu 3.1/3.2): a Flow with the full-width
// rule, a Header (left: the copying body and "Số: 05/SY-UBND"; right: "SAO Y" and the
// place and date), a Closing (Nơi nhận, signature). Empty when the model has no copy.
std::vector<Region> realize_copy(const model::Document& document, const style::Template& tpl,
                                 const text::FontFamily& fonts);

}  // namespace vanban::realize
