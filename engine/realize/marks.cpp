// Header marks (ô 10a, 10b, 11 and the draft mark), the address footer (ô 13) and the
// copy block of a bản sao (ND30-COPY-1): model -> realized stamps, paragraphs, regions.
#include <algorithm>

#include "core/error.h"
#include "core/i18n.h"
#include "core/unicode.h"
#include "realize/marks.h"
#include "realize/realize_parts.h"
#include "text/shaper.h"
#include "wording/wording.h"

namespace vanban::realize {
namespace {

// Two mark texts name the same mark whatever their case ("Khẩn" = "KHẨN").
std::string mark_key(const std::string& text) { return unicode::to_nfc(unicode::to_upper_vi(text)); }

Paragraph paragraph(std::string id, std::string source, std::string style, const std::string& text) {
  Paragraph p;
  p.id = std::move(id);
  p.source = std::move(source);
  p.style = std::move(style);
  p.text = detail::plain(text);
  return p;
}

std::string joined(const std::vector<std::string>& lines) {
  std::string out;
  for (const auto& line : lines) out += (out.empty() ? "" : "\n") + line;
  return out;
}

// The widest line of `text` ("\n" breaks lines) as the style sets it.
double text_width(const std::string& text, const style::ParagraphStyle& st, const text::FontFamily& fonts) {
  const text::Font& face = fonts.face(st.bold, st.italic);
  std::string shown = st.uppercase ? unicode::to_upper_vi(text) : text;
  double most = 0;
  size_t start = 0;
  while (start <= shown.size()) {
    size_t end = std::min(shown.find('\n', start), shown.size());
    most = std::max(most, text::measure(face, st.size, std::string_view(shown).substr(start, end - start)));
    start = end + 1;
  }
  return most;
}

// Nơi nhận and the signature of the copy as the document's closing sets them (ô 7, 9b),
// their ids and sources under "copy.".
Closing copy_closing(const model::CopyBlock& copy, const style::Template& tpl, const text::FontFamily& fonts) {
  model::Document signed_copy;
  signed_copy.recipients = copy.recipients;
  signed_copy.signatures = {copy.signature};
  signed_copy.signatures.front().field_path = copy.field_path + ".signature";
  const FormTemplates no_forms;
  const detail::Context ctx{signed_copy, tpl, fonts, no_forms};
  style::RegionSpec spec;
  spec.kind = style::RegionSpec::Kind::Closing;
  std::optional<Closing> closing = detail::realize_closing(ctx, spec);
  if (!closing) closing.emplace();
  const std::string prefix = copy.field_path + ".";
  closing->id = prefix + "closing";
  closing->space_before = tpl.closing.space_before;
  closing->recipients_width = tpl.closing.recipients_width;
  if (closing->recipients_label) closing->recipients_label->id = prefix + closing->recipients_label->id;
  for (Paragraph& r : closing->recipients) {
    r.id = prefix + r.id;
    r.source = prefix + r.source;
  }
  for (Signature& sig : closing->signatures) {
    sig.id = prefix + sig.id;
    for (Paragraph& a : sig.authority) a.id = prefix + a.id;
    if (sig.name) sig.name->id = prefix + sig.name->id;
  }
  return *closing;
}

}  // namespace

Stamp realize_stamp(const std::string& kind, const std::string& text, const std::string& id,
                    const style::Template& tpl, const text::FontFamily& fonts) {
  const style::StampStyle* found = nullptr;
  const std::string key = mark_key(text);
  for (const auto& s : tpl.stamps) {
    if (s.kind != kind) continue;
    if (!s.text.empty() && mark_key(s.text) == key) {
      found = &s;
      break;
    }
    if (s.text.empty() && !found) found = &s;
  }
  Stamp stamp;
  stamp.id = id;
  stamp.text = text;
  stamp.style = found ? found->style : "stamp";
  if (!found) return stamp;  // a plain mark
  stamp.border = found->border;
  stamp.color = found->color;
  stamp.width = found->width;
  stamp.height = found->height;
  if (stamp.border <= 0) return stamp;
  // A size of 0 is the text's with room around it: half the size left and right, a
  // quarter above and below; a given size stays unless the text cannot fit in it.
  const style::ParagraphStyle& st = tpl.style(stamp.style);
  const text::Font& face = fonts.face(st.bold, st.italic);
  const double lines = 1.0 + static_cast<double>(std::count(text.begin(), text.end(), '\n'));
  const double text_w = text_width(text, st, fonts) + 2 * stamp.border;
  const double text_h = lines * face.line_height(st.size) * st.line_spacing + 2 * stamp.border;
  stamp.width = stamp.width > 0 ? std::max(stamp.width, text_w) : text_w + st.size;
  // Never wider than the text area: a longer text wraps inside the box, which grows.
  stamp.width = std::min(stamp.width, tpl.page.width - tpl.page.margin_left - tpl.page.margin_right);
  stamp.height = stamp.height > 0 ? std::max(stamp.height, text_h) : text_h + st.size * 0.5;
  return stamp;
}

void realize_marks(const model::Marks& marks, const style::Template& tpl, const text::FontFamily& fonts,
                   bool has_type_name, Header& header) {
  // ND30-MAT-1: ô 10a, under Số (and a Công văn's V/v); ND30-KHAN-1: ô 10b, under 10a.
  if (!marks.secrecy.empty()) {
    header.marks.push_back(realize_stamp("secrecy", marks.secrecy, "header.mark.secrecy", tpl, fonts));
  }
  if (!marks.urgency.empty()) {
    header.marks.push_back(realize_stamp("urgency", marks.urgency, "header.mark.urgency", tpl, fonts));
  }
  // ND30-LH-1: ô 11, in the top margin right of centre (ND30-LAYOUT-2).
  if (!marks.circulation.empty()) {
    header.top_mark = realize_stamp("circulation", marks.circulation, "header.mark.circulation", tpl, fonts);
  }
  // Not in Decree 30: offices mark a draft "DỰ THẢO" in a box above the tên loại.
  if (marks.draft) {
    header.draft = realize_stamp("draft", "DỰ THẢO", "header.mark.draft", tpl, fonts);
    header.draft_in_margin = !has_type_name;
  }
}

std::optional<Footer> realize_footer(const model::Document& document, const style::Template& tpl) {
  if (document.address.empty()) return std::nullopt;
  Footer footer;
  footer.id = "footer";
  footer.rule = tpl.footer.rule;
  for (size_t i = 0; i < document.address.size(); ++i) {
    footer.lines.push_back(paragraph("footer.address." + std::to_string(i), "address[" + std::to_string(i) + "]",
                                     tpl.footer.style, document.address[i]));
  }
  return footer;
}

std::string copy_abbreviation(const model::CopyBlock& copy, const style::Template& tpl) {
  std::string known;
  for (const auto& [form, abbreviation] : tpl.copy.forms) {
    if (mark_key(form) == mark_key(copy.form)) return abbreviation;
    known += (known.empty() ? "" : ", ") + form;
  }
  throw Error(ErrorKind::Model, trf("\"{0}\" is not a form of copy the template knows ({1})", copy.form, known), {},
              0, 0, copy.field_path + ".form");
}

std::vector<Region> realize_copy(const model::Document& document, const style::Template& tpl,
                                 const text::FontFamily& fonts) {
  const model::CopyBlock& copy = document.copy;
  if (copy.form.empty()) return {};
  std::vector<Region> regions;

  // ND30-COPY-1: right after the copied text, under a solid rule across the text width.
  Flow rule;
  rule.id = "copy";
  FullRule full{"copy.rule", tpl.copy.rule};
  full.space_before = tpl.copy.space_before;
  rule.items.push_back(full);
  regions.push_back(std::move(rule));

  // The copying body on the left (ND30-CQ), "SAO Y" on the right, then Số (ND30-SO) and
  // the place and date (ND30-DATE) on one baseline.
  Header header;
  header.id = "copy.header";
  header.left_width = tpl.header.left_width;
  header.right_width = tpl.header.right_width;
  header.number_gap = tpl.header.number_gap;
  const std::string source = copy.field_path;
  // Each name one paragraph ("\n" between its lines), the agency's rule under its widest
  // line (ND30-CQ-5).
  if (!copy.parent_agency.empty()) {
    header.left.push_back(paragraph("copy.header.parent-agency", source + ".parent_agency", "parent-agency",
                                    joined(copy.parent_agency)));
  }
  if (!copy.issuing_agency.empty()) {
    header.left.push_back(paragraph("copy.header.issuing-agency", source + ".issuing_agency", "issuing-agency",
                                    joined(copy.issuing_agency)));
    header.left.back().rule_under = tpl.header.agency_rule;
  }
  header.right.push_back(paragraph("copy.header.form", source + ".form", tpl.copy.style, copy.form));

  // "Số: 05/SY-UBND": the form's abbreviation before the copying body's (Mẫu 3.1).
  model::Document numbered;
  numbered.number = copy.number;
  const std::string abbreviation = copy_abbreviation(copy, tpl);
  std::string& symbol = numbered.number.symbol;
  if (symbol != abbreviation && symbol.rfind(abbreviation + "-", 0) != 0) {
    symbol = symbol.empty() ? abbreviation : abbreviation + "-" + symbol;
  }
  numbered.place = copy.place;
  numbered.date = copy.date;
  header.number = paragraph("copy.header.number", source + ".number", "number", wording::number_line(numbered, tpl));
  header.date = paragraph("copy.header.date", source + ".date", "place-date", wording::place_date(numbered, tpl));
  regions.push_back(std::move(header));

  regions.push_back(copy_closing(copy, tpl, fonts));
  return regions;
}

}  // namespace vanban::realize
