// The parts of the realize stage (internal): the context every part reads, and the
// functions that make the regions (realize.cpp), the body's numbered blocks
// (numbering.cpp) and the header, title and closing (header.cpp).
#pragma once
#include <string>
#include <vector>

#include "realize/realized.h"

namespace vanban::realize::detail {

struct Context {
  const model::Document& doc;
  const style::Template& tpl;
  const text::FontFamily& fonts;
  const FormTemplates& forms;
};

// A paragraph of one plain text; the style must exist in the template (else an error
// naming `source`, or the template when the paragraph is composed).
Paragraph paragraph(const Context& ctx, std::string id, std::string source, const std::string& style,
                    model::RichText text);
Paragraph plain_paragraph(const Context& ctx, std::string id, std::string source, const std::string& style,
                          const std::string& text);
model::RichText plain(const std::string& text);

// Checks a text for control characters other than "\n" and "\t" (Error naming `field`).
void check_text(const std::string& text, const std::string& field);

// Body blocks -> items (numbered, labelled, styled). `id` is the id of the list
// ("body", "appendix.0"); a block's paragraphs are "<id>.<index>[.<index>…]".
void realize_blocks(const Context& ctx, const std::vector<model::Block>& blocks, const std::string& id,
                    std::vector<Item>& out);
// The numbering schemes the model picks exist in the template (Error naming "numbering.<kind>").
void check_numbering(const Context& ctx);

// ô 1-4 (ND30-QH, ND30-CQ, ND30-SO, ND30-DATE): the two-column header. `number` is the
// region's rule for Số ("required", "optional", "none"); an attached document's header
// has neither Số nor the date (ND30-PL-12).
Header realize_header(const Context& ctx, const style::RegionSpec& spec, bool attached, const std::string& id);
// ô 5a: tên loại and trích yếu with its rule (ND30-TL-1..3).
void realize_title(const Context& ctx, const style::RegionSpec& spec, const std::string& type_name,
                   const std::string& subject, const std::string& id, std::vector<Item>& out);
// ô 7 and ô 9b: Nơi nhận and the signatures (ND30-NN-3/4, ND30-SIG-4).
std::optional<Closing> realize_closing(const Context& ctx, const style::RegionSpec& spec);
// ô 9a: "Kính gửi:" and its recipients (ND30-NN-2).
std::optional<LabelledList> realize_kinh_gui(const Context& ctx, const style::RegionSpec& spec);
// The authority line (unless a Kính gửi region prints it as its label, Mẫu 1.6),
// "Căn cứ …" lines and the decision word (ND30-CC-1).
void realize_preamble(const Context& ctx, const style::RegionSpec& spec, bool with_authority, std::vector<Item>& out);

}  // namespace vanban::realize::detail
