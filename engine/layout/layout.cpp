#include "layout/layout.h"

#include <algorithm>

#include "core/error.h"
#include "layout/flow.h"
#include "layout/paragraph.h"
#include "wording/wording.h"

namespace vanban::layout {
namespace {

using model::Block;
using model::BlockKind;
using model::RichText;
using model::Span;

class DocumentLayout : public FlowBuilder {
 public:
  DocumentLayout(const model::Document& doc, const style::Template& tpl, const text::FontFamily& fonts,
                 const FormTemplates& forms)
      : FlowBuilder(tpl, fonts), doc_(doc), forms_(forms) {}

  LaidOutDocument run() {
    header();
    title();
    blocks(doc_.body);
    closing();
    for (size_t i = 0; i < doc_.appendices.size(); ++i) appendix(i);
    LaidOutDocument out;
    out.pages = paginate();
    out.info.title = doc_.subject;
    out.info.subject = tpl_.type_name;
    for (const auto& line : doc_.issuing_agency) out.info.author += (out.info.author.empty() ? "" : " ") + line;
    return out;
  }

 private:
  const model::Document& doc_;
  const FormTemplates& forms_;

  // ô 1-4: the two-column header of page 1 (ND30-QH, ND30-CQ, ND30-SO, ND30-DATE).
  void header() {
    const auto& h = tpl_.header;
    Box box;
    Column leftcol{left_, h.left_width};
    Column rightcol{left_ + width_ - h.right_width, h.right_width};

    for (const auto& line : doc_.parent_agency) stack(box, leftcol, plain(line), tpl_.style("parent-agency"));
    std::vector<Line> agency;
    for (const auto& line : doc_.issuing_agency) {
      auto lines = stack(box, leftcol, plain(line), tpl_.style("issuing-agency"));
      agency.insert(agency.end(), lines.begin(), lines.end());
    }
    if (!agency.empty()) rule_under_lines(box, h.agency_rule, leftcol.x, agency, leftcol.last_baseline);
    leftcol.y = std::max(leftcol.y, leftcol.last_baseline + h.agency_rule.gap) + h.number_gap;
    const size_t number_runs_at = box.runs.size();  // "Số:" goes here in reading order

    std::string national = doc_.national_title.empty() ? h.national_title : doc_.national_title;
    std::string motto = doc_.motto.empty() ? h.motto : doc_.motto;
    stack(box, rightcol, plain(national), tpl_.style("national-title"));
    auto motto_lines = stack(box, rightcol, plain(motto), tpl_.style("motto"));
    rule_under_lines(box, h.motto_rule, rightcol.x, motto_lines, rightcol.last_baseline);
    rightcol.y = std::max(rightcol.y, rightcol.last_baseline + h.motto_rule.gap) + h.number_gap;

    // ô 3 and ô 4 share a baseline (ND30-DATE-4).
    auto number = set_paragraph(plain(wording::number_line(doc_, tpl_)), tpl_.style("number"), leftcol.width, fonts_);
    auto date = set_paragraph(plain(wording::place_date(doc_, tpl_)), tpl_.style("place-date"), rightcol.width, fonts_);
    double baseline = std::max(leftcol.y + baseline_offset(number.front()), rightcol.y + baseline_offset(date.front()));
    double bottom = 0;
    std::vector<TextRun> number_runs;
    for (auto [lines, col, out] : {std::tuple{&number, &leftcol, &number_runs}, std::tuple{&date, &rightcol, &box.runs}}) {
      double b = baseline;
      for (const Line& line : *lines) {
        place_line(line, col->x, b, *out);
        bottom = std::max(bottom, b + line.descent);
        b += line.height;
      }
    }
    box.runs.insert(box.runs.begin() + number_runs_at, number_runs.begin(), number_runs.end());
    box.height = bottom;
    box.space_after = h.space_after;
    box.keep_with_next = true;
    boxes_.push_back(std::move(box));
  }

  // ô 5a: document type, subject, rule (ND30-TL-1..3).
  void title() {
    Box box;
    Column col{left_, width_};
    stack(box, col, plain(tpl_.type_name), tpl_.style("document-type"));
    auto subject = stack(box, col, plain(doc_.subject), tpl_.style("subject"));
    push_heading(std::move(box), col, subject, tpl_.title.subject_rule, tpl_.title.space_after);
  }

  static RichText with_prefix(const std::string& prefix, const RichText& text) {
    RichText out;
    if (!prefix.empty()) out.push_back(Span{prefix, false, false});
    out.insert(out.end(), text.begin(), text.end());
    return out;
  }

  void blocks(const std::vector<Block>& list) {
    int counts[8] = {};
    for (const Block& b : list) {
      int ordinal = ++counts[static_cast<int>(b.kind)];
      std::string kind = wording::kind_name(b.kind);
      switch (b.kind) {
        case BlockKind::Section:
        case BlockKind::Clause:
        case BlockKind::Point: {
          const auto& ns = tpl_.numbering_for(kind);
          std::string prefix = wording::block_prefix(tpl_, kind, ordinal, b.label);
          if (!b.title.empty()) {
            paragraph(with_prefix(prefix, b.title), tpl_.style(ns.title_style));
            if (!b.text.empty()) paragraph(b.text, tpl_.style(ns.text_style));
          } else {
            paragraph(with_prefix(prefix, b.text), tpl_.style(ns.text_style));
          }
          blocks(b.children);
          break;
        }
        case BlockKind::Dash:
        case BlockKind::Plus:
        case BlockKind::Contact: {
          const auto& ns = tpl_.numbering_for(kind);
          paragraph(with_prefix(wording::block_prefix(tpl_, kind, ordinal, b.label), b.text),
                    tpl_.style(ns.text_style));
          blocks(b.children);
          break;
        }
        case BlockKind::Paragraph:
          paragraph(b.text, tpl_.style(b.style.empty() ? "body" : b.style));
          break;
        case BlockKind::FillLines: {
          const auto& st = tpl_.style("fill-line");
          for (int i = 0; i < b.line_count; ++i) {
            Line line = set_leader_line("…", st, width_, fonts_);
            Box box;
            place_line(line, left_, baseline_offset(line), box.runs);
            box.height = line.height;
            box.keep_with_next = i + 1 < b.line_count;
            if (i + 1 == b.line_count) box.space_after = st.space_after;
            boxes_.push_back(std::move(box));
          }
          break;
        }
      }
    }
  }

  // ô 7 and ô 9b: Nơi nhận on the left, authority, signature room and name on the
  // right, their first lines level (ND30-NN-3, ND30-SIG-4); one box, never split.
  void closing() {
    const auto& c = tpl_.closing;
    static const model::Signature kNone;
    const model::Signature& signature = doc_.signatures.empty() ? kNone : doc_.signatures.front();
    if (doc_.recipients.empty() && signature.authority_lines.empty() && signature.signer_name.empty()) return;
    Box box;
    Column leftcol{left_, c.recipients_width};
    Column rightcol{left_ + c.recipients_width, width_ - c.recipients_width};

    std::vector<Line> label;
    if (!doc_.recipients.empty()) label = set_paragraph(plain(c.recipients_label), tpl_.style("recipients-label"), leftcol.width, fonts_);
    std::vector<Line> authority;
    const auto& authority_style = tpl_.style("authority");
    for (const auto& line : signature.authority_lines) {
      auto lines = set_paragraph(plain(line), authority_style, rightcol.width, fonts_);
      authority.insert(authority.end(), lines.begin(), lines.end());
    }
    double first = 0;
    if (!label.empty()) first = std::max(first, baseline_offset(label.front()));
    if (!authority.empty()) first = std::max(first, baseline_offset(authority.front()));

    double bottom = 0;
    double y = first;  // baseline of the next line in the left column
    for (const Line& line : label) {
      place_line(line, leftcol.x, y, box.runs);
      bottom = std::max(bottom, y + line.descent);
      y += line.height;
    }
    const auto& rst = tpl_.style("recipients");
    bool first_recipient = true;
    for (const auto& r : doc_.recipients) {
      for (const Line& line : set_paragraph(plain(c.recipient_prefix + r), rst, leftcol.width, fonts_)) {
        if (first_recipient && !label.empty()) y += line.height - label.back().height;  // 11 pt line pitch
        first_recipient = false;
        place_line(line, leftcol.x, y, box.runs);
        bottom = std::max(bottom, y + line.descent);
        y += line.height;
      }
    }

    y = first;
    for (const Line& line : authority) {
      place_line(line, rightcol.x, y, box.runs);
      bottom = std::max(bottom, y + line.descent);
      y += line.height;
    }
    if (!signature.signer_name.empty()) {
      y += c.signature_space;
      for (const Line& line : set_paragraph(plain(signature.signer_name), tpl_.style("signer"), rightcol.width, fonts_)) {
        place_line(line, rightcol.x, y, box.runs);
        bottom = std::max(bottom, y + line.descent);
        y += line.height;
      }
    }
    box.height = bottom;
    box.space_before = c.space_before;
    // The last lines of the body go with the closing rather than leave it alone on a page.
    if (!boxes_.empty()) boxes_.back().keep_with_next = true;
    boxes_.push_back(std::move(box));
  }

  // ND30-PL-*: a new page, "Phụ lục …", title, "(Kèm theo …)", rule, content.
  void appendix(size_t index) {
    const model::Appendix& a = doc_.appendices[index];
    std::string label = wording::appendix_label(doc_, tpl_, index);
    std::string reference = wording::appendix_reference(doc_, tpl_, index);
    if (a.form.empty()) {
      appendix_heading(label, a.title, reference);
      blocks(a.body);
      return;
    }
    auto it = forms_.find(a.form);
    if (it == forms_.end() || it->second->layout != "form") {
      throw Error(ErrorKind::Template, "\"" + a.form + "\" is not a form template", {}, 0, 0, a.field_path + ".form");
    }
    const style::Template& form = *it->second;
    model::FormSchema schema = form_schema(form);
    model::FormRecord record;
    for (const auto& v : a.form_values) {
      if (!schema.fields.count(v.key)) {
        throw Error(ErrorKind::Model, "unknown field \"" + v.key + "\" of form " + a.form, {}, v.line, v.column,
                    v.field_path);
      }
      record.values[v.key] = v.value;
    }
    for (Box& box : form_boxes(form, a.form_values.empty() ? nullptr : &record, label,
                               a.title.empty() ? form.form.title : a.title, reference, fonts_)) {
      boxes_.push_back(std::move(box));
    }
  }

};

}  // namespace

LaidOutDocument layout_document(const model::Document& document, const style::Template& tpl,
                                const text::FontFamily& fonts, const FormTemplates& forms) {
  return DocumentLayout(document, tpl, fonts, forms).run();
}

}  // namespace vanban::layout
