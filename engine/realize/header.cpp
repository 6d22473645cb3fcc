// The composed parts of a document: the header (ô 1-4, 5b, ND30-QH, ND30-CQ, ND30-SO,
// ND30-DATE, ND30-TL-4), the title (ô 5a, ND30-TL-1..3), Kính gửi (ô 9a, ND30-NN-2), the
// preamble (ND30-CC-1) and the closing (ô 7, 9b: ND30-NN-3/4, ND30-SIG-1..5).
#include "core/error.h"
#include "core/i18n.h"
#include "core/unicode.h"
#include "realize/realize_parts.h"
#include "text/shaper.h"
#include "wording/wording.h"

namespace vanban::realize::detail {
namespace {

std::string join_lines(const std::vector<std::string>& lines) {
  std::string out;
  for (const auto& line : lines) out += (out.empty() ? "" : "\n") + line;
  return out;
}

// Whether the Số line is printed: never for an attached document (ND30-PL-12) or a
// region "none"; "optional" when the model gives a number or a symbol; "required" unless
// the model says `"number": null`, which such a kind does not allow.
bool has_number(const Context& ctx, const style::RegionSpec& spec, bool attached) {
  const auto& d = ctx.doc;
  if (attached || spec.number == "none") return false;
  if (spec.number == "optional") {
    return !d.omit_number && (!d.number.number.empty() || !d.number.symbol.empty() || !d.number.year.empty());
  }
  if (d.omit_number) {
    throw Error(ErrorKind::Model,
                trf("a {0} has a Số line (the template \"{1}\" requires one): give a number, even a blank one",
                    ctx.tpl.type_name_sentence, ctx.tpl.name),
                {}, 0, 0, "number");
  }
  return true;
}

}  // namespace

Header realize_header(const Context& ctx, const style::RegionSpec& spec, bool attached, const std::string& id) {
  const auto& h = ctx.tpl.header;
  const auto& d = ctx.doc;
  Header out;
  out.id = id;
  out.left_width = h.left_width;
  out.right_width = h.right_width;
  out.number_gap = h.number_gap;
  out.space_after = h.space_after;
  // ô 2: the parent agency, then the issuing agency with its rule under the widest line
  // (ND30-CQ-2..5). Each is one paragraph, a line of the model a line of the print.
  if (!d.parent_agency.empty()) {
    out.left.push_back(plain_paragraph(ctx, id + ".parent-agency", "parent_agency", "parent-agency", join_lines(d.parent_agency)));
  }
  if (!d.issuing_agency.empty()) {
    Paragraph agency = plain_paragraph(ctx, id + ".issuing-agency", "issuing_agency", "issuing-agency", join_lines(d.issuing_agency));
    agency.rule_under = h.agency_rule;
    out.left.push_back(std::move(agency));
  }
  // ô 1: Quốc hiệu and Tiêu ngữ with the rule its width (ND30-QH-1..4).
  out.right.push_back(plain_paragraph(ctx, id + ".national-title", d.national_title.empty() ? "" : "national_title",
                                      "national-title", d.national_title.empty() ? h.national_title : d.national_title));
  Paragraph motto = plain_paragraph(ctx, id + ".motto", d.motto.empty() ? "" : "motto", "motto",
                                    d.motto.empty() ? h.motto : d.motto);
  motto.rule_under = h.motto_rule;
  out.right.push_back(std::move(motto));
  // ô 3, ô 4 (ND30-SO-1..6, ND30-DATE-1..4).
  if (has_number(ctx, spec, attached)) {
    out.number = plain_paragraph(ctx, id + ".number", "number", "number", wording::number_line(d, ctx.tpl));
  }
  if (!attached && spec.date) out.date = plain_paragraph(ctx, id + ".date", "date", "place-date", wording::place_date(d, ctx.tpl));
  // ô 5b: a Công văn's trích yếu under Số, "V/v …" (ND30-TL-4).
  if (spec.subject_under_number && !attached && !d.subject.empty()) {
    out.under_number.push_back(plain_paragraph(ctx, id + ".subject", "subject", "subject-under-number",
                                               ctx.tpl.title.subject_prefix + d.subject));
  }
  return out;
}

void realize_title(const Context& ctx, const style::RegionSpec& spec, const std::string& type_name,
                   const std::string& subject, const std::string& id, std::vector<Item>& out) {
  const bool with_subject = spec.subject && !subject.empty();
  if (spec.type_name && !type_name.empty()) {
    Paragraph p = plain_paragraph(ctx, id + ".type-name", "", "document-type", type_name);
    if (with_subject) {
      p.keep_with_next = true;
    } else {
      p.space_after = ctx.tpl.title.space_after;
    }
    out.push_back(std::move(p));
  }
  if (with_subject) {
    Paragraph p = plain_paragraph(ctx, id + ".subject", "subject", "subject", subject);
    p.rule_under = ctx.tpl.title.subject_rule;  // ND30-TL-3
    p.space_after = ctx.tpl.title.space_after;
    out.push_back(std::move(p));
  }
}

std::optional<LabelledList> realize_kinh_gui(const Context& ctx, const style::RegionSpec& spec) {
  const auto& names = ctx.doc.kinh_gui;
  const bool from_authority = spec.label_from == "authority";
  // Mẫu 1.6: the sender line "<authority> điện:" stands even without receivers.
  if (names.empty() && !(from_authority && !ctx.doc.authority.empty())) return std::nullopt;
  LabelledList list;
  list.id = "kinh-gui";
  list.source = "kinh_gui";
  if (from_authority) {
    if (ctx.doc.authority.empty()) {
      throw Error(ErrorKind::Model,
                  trf("the template \"{0}\" opens the receivers with the sender (the model's authority, Mẫu 1.6): "
                      "give one",
                      ctx.tpl.name),
                  {}, 0, 0, "authority");
    }
    list.label = plain_paragraph(ctx, "kinh-gui.label", "authority", spec.label_style,
                                 ctx.doc.authority + spec.label_suffix);
  } else {
    list.label = plain_paragraph(ctx, "kinh-gui.label", "", spec.label_style,
                                 spec.label.empty() ? "Kính gửi:" : spec.label);
  }
  // ND30-NN-2: one recipient on the label's line; several one per line, "- " first, ";"
  // after each but the last, "." after the last.
  list.same_line = spec.same_line && names.size() == 1;
  for (size_t i = 0; i < names.size(); ++i) {
    std::string text = list.same_line ? names[i] : "- " + names[i] + (i + 1 < names.size() ? ";" : ".");
    Paragraph item = plain_paragraph(ctx, "kinh-gui." + std::to_string(i), "kinh_gui[" + std::to_string(i) + "]",
                                     list.same_line ? spec.label_style : spec.item_style, text);
    if (!list.same_line) item.label = "-";
    list.items.push_back(std::move(item));
  }
  const style::ParagraphStyle& st = ctx.tpl.style(spec.label_style);
  if (!list.same_line && !list.items.empty()) {
    // The list right under the label; the space after the label's style after the last.
    list.label.space_after = 0;
    list.items.back().space_after = st.space_after;
  }
  list.indent = st.left_indent;
  list.hanging = spec.item_indent == "under-colon";
  if (!list.hanging) return list;  // each item as its style indents it (Mẫu 1.6)
  // The dashes start under the colon: the label's width up to its last character.
  std::string before_colon = plain_text(list.label.text);
  if (!before_colon.empty() && before_colon.back() == ':') before_colon.pop_back();
  if (st.uppercase) before_colon = unicode::to_upper_vi(before_colon);
  list.item_indent = list.indent + text::measure(ctx.fonts.face(st.bold, st.italic), st.size, before_colon);
  return list;
}

void realize_preamble(const Context& ctx, const style::RegionSpec& spec, bool with_authority, std::vector<Item>& out) {
  const auto& d = ctx.doc;
  if (with_authority && !d.authority.empty()) {
    Paragraph p = plain_paragraph(ctx, "preamble.authority", "authority", "authority-line", d.authority);
    p.keep_with_next = true;
    out.push_back(std::move(p));
  }
  // ND30-CC-1: each căn cứ on its own line, italic, as the model writes its ";" / ".".
  for (size_t i = 0; i < d.preamble.size(); ++i) {
    out.push_back(paragraph(ctx, "preamble." + std::to_string(i), "preamble[" + std::to_string(i) + "]", "preamble",
                            d.preamble[i]));
  }
  if (!spec.decision_word.empty()) {
    Paragraph p = plain_paragraph(ctx, "preamble.decision-word", "", "decision-word", spec.decision_word);
    p.keep_with_next = true;
    out.push_back(std::move(p));
  }
}

std::optional<Closing> realize_closing(const Context& ctx, const style::RegionSpec& spec) {
  const auto& c = ctx.tpl.closing;
  const auto& d = ctx.doc;
  Closing out;
  out.id = "closing";
  out.space_before = c.space_before;
  out.recipients_width = c.recipients_width;
  // ND30-NN-3/4: "Nơi nhận:" only over a list; each recipient "- …" as the model ends it.
  if (!d.recipients.empty()) {
    out.recipients_label = plain_paragraph(ctx, "closing.recipients-label", "", "recipients-label", c.recipients_label);
  }
  for (size_t i = 0; i < d.recipients.size(); ++i) {
    out.recipients.push_back(plain_paragraph(ctx, "closing.recipients." + std::to_string(i),
                                             "recipients[" + std::to_string(i) + "]", "recipients",
                                             c.recipient_prefix + d.recipients[i]));
  }
  for (size_t j = 0; j < d.signatures.size(); ++j) {
    const model::Signature& s = d.signatures[j];
    if (s.authority_lines.empty() && s.signer_name.empty()) continue;
    Signature sig;
    sig.id = "closing.signature." + std::to_string(j);
    sig.source = s.field_path;
    for (size_t k = 0; k < s.authority_lines.size(); ++k) {
      sig.authority.push_back(plain_paragraph(ctx, sig.id + ".authority." + std::to_string(k),
                                              s.field_path + ".authority[" + std::to_string(k) + "]", "authority",
                                              s.authority_lines[k]));
    }
    if (!s.signer_name.empty()) {
      sig.name = plain_paragraph(ctx, sig.id + ".name", s.field_path + ".signer_name", "signer", s.signer_name);
    }
    sig.space = c.signature_space;  // ND30-SIG-5
    // Mẫu 1.10: the signatures after the first are confirmation blocks at the lower left.
    sig.below = spec.confirmation == "below-left" && !out.signatures.empty();
    if (sig.below) {
      for (Paragraph& p : sig.authority) p = paragraph(ctx, p.id, p.source, spec.confirmation_style, p.text);
    }
    out.signatures.push_back(std::move(sig));
  }
  if (out.recipients.empty() && out.signatures.empty()) return std::nullopt;
  switch (d.signature_arrangement) {
    case model::SignatureArrangement::SideBySide: out.side_by_side = true; break;
    case model::SignatureArrangement::Stacked: out.side_by_side = false; break;
    case model::SignatureArrangement::Default: out.side_by_side = spec.signatures != "stacked"; break;
  }
  // The columns (ND30-SIG-4): one signature, or stacked ones, in the right part; side by
  // side they share it — or, when there is no Nơi nhận list, the whole text width in
  // equal parts (the two parties of a Hợp đồng), so a party's long name does not wrap in
  // the narrow column. With a Nơi nhận list, two or more side by side still share the
  // whole width and the list goes under the first (Mẫu 1.9: THƯ KÝ on the left, CHỦ TỌA
  // on the right, Nơi nhận below THƯ KÝ). A confirmation block (Mẫu 1.10) takes the
  // Nơi nhận column, under everything else.
  const double text_width = ctx.tpl.page.width - ctx.tpl.page.margin_left - ctx.tpl.page.margin_right;
  const double right = text_width - c.recipients_width;
  size_t n = 0;  // the signatures in the usual places
  for (const Signature& sig : out.signatures) n += sig.below ? 0 : 1;
  const bool shared = out.side_by_side && n > 1;
  out.recipients_below = shared && !out.recipients.empty();
  for (size_t s = 0; s < out.signatures.size(); ++s) {
    Signature& sig = out.signatures[s];
    if (sig.below) {
      sig.x = 0;
      sig.width = c.recipients_width;
    } else if (shared) {
      sig.x = s * text_width / n;
      sig.width = text_width / n;
    } else {
      sig.x = c.recipients_width;
      sig.width = right;
    }
  }
  if (out.recipients_below) out.recipients_width = out.signatures.front().width;
  return out;
}

}  // namespace vanban::realize::detail
