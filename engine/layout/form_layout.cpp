// Forms: numbered fields with labels, hints and dotted lines (blank), or values flowing
// after their labels with the unused dotted lines kept (filled); rows of inline fields;
// tables (realize::realize_form_table, laid out as body tables are); the place-and-date
// line and the signing caption.
#include <algorithm>

#include "layout/flow.h"
#include "layout/signature_slots.h"
#include "layout/layout.h"

namespace vanban::layout {
namespace {

using style::FormItem;

const std::string kLeader = "…";
const std::string kEmpty;

class FormLayout : public FlowBuilder {
 public:
  FormLayout(const style::Template& tpl, const text::FontFamily& fonts) : FlowBuilder(tpl, fonts) {}

  void form(const model::FormRecord* record) { form(record, tpl_.form.label, tpl_.form.title, tpl_.form.reference); }

  void form(const model::FormRecord* record, const std::string& label, const std::string& title,
            const std::string& reference) {
    record_ = record;
    const auto& f = tpl_.form;
    parent_ = structure_.add("Sect", -1);  // each form a section of its own
    appendix_heading(label, title, reference);
    for (const FormItem& item : f.items) {
      switch (item.kind) {
        case FormItem::Kind::Field: item.lines > 0 ? block_field(item) : inline_fields({item}); break;
        case FormItem::Kind::Row: inline_fields(item.children); break;
        case FormItem::Kind::Table: table(item); break;
        case FormItem::Kind::PlaceDate: {
          const std::string& v = value(item.name);
          auto st = tpl_.style("form-place-date");
          st.keep_with_next = true;  // with the signing caption under it
          paragraph(plain(v.empty() ? item.text : v), st);
          break;
        }
        case FormItem::Kind::Signing: signing(item); break;
        case FormItem::Kind::Text: paragraph(plain(item.text), tpl_.style("body")); break;
      }
    }
  }

  std::vector<Box> take_boxes() { return std::move(boxes_); }
  const Structure& structure() const { return structure_; }

 private:
  const model::FormRecord* record_ = nullptr;

  const std::string& value(const std::string& name) const {
    if (!record_) return kEmpty;
    auto it = record_->values.find(name);
    return it == record_->values.end() ? kEmpty : it->second;
  }

  static std::string numbered(const FormItem& item) {
    return item.number.empty() ? item.label : item.number + ". " + item.label;
  }

  void dotted_lines(int count) {
    const auto& st = tpl_.style("fill-line");
    const int tag = count > 0 ? element("P") : kArtifact;  // the lines to write on, one paragraph
    for (int i = 0; i < count; ++i) {
      Line line = set_leader_line(kLeader, st, width_, fonts_);
      Box box;
      place_line(std::move(line), left_, baseline_offset(line), box.runs);
      tag_runs(box.runs, 0, tag);
      box.height = line.height;
      box.keep_with_next = i + 1 < count;
      if (i + 1 == count) box.space_after = st.space_after;
      boxes_.push_back(std::move(box));
    }
  }

  // "1. Label", its hint, then the value or the dotted lines (the unused ones stay).
  void block_field(const FormItem& item) {
    paragraph(plain(numbered(item)), tpl_.style("form-label"));
    if (!item.hint.empty()) {
      auto hint = tpl_.style("form-hint");
      hint.keep_with_next = true;
      paragraph(plain(item.hint), hint);
    }
    const std::string& v = value(item.name);
    int used = 0;
    if (!v.empty()) {
      auto st = tpl_.style("form-value");
      auto lines = set_paragraph(plain(v), st, width_, fonts_);
      used = static_cast<int>(lines.size());
      if (tpl_.form.keep_unused_lines && used < item.lines) st.keep_with_next = true;
      push_lines(std::move(lines), st);
    }
    if (v.empty() || tpl_.form.keep_unused_lines) dotted_lines(std::max(0, item.lines - used));
  }

  // Label and value on one line (or wrapping), dotted to the end of the column; several
  // fields share the line in equal columns ("Số điện thoại: … Email: …").
  void inline_fields(const std::vector<FormItem>& fields) {
    Box box;
    const auto& first_style = tpl_.style("form-inline");
    double column_width = width_ / fields.size();
    double bottom = 0;
    for (size_t c = 0; c < fields.size(); ++c) {
      auto st = first_style;
      if (c > 0) st.first_indent = 0;
      const std::string& v = value(fields[c].name);
      std::string text = numbered(fields[c]) + (v.empty() ? "" : " " + v);
      auto lines = set_paragraph(plain(text), st, column_width, fonts_);
      Line& last = lines.back();
      if (v.empty() || tpl_.form.keep_unused_lines) {
        double gap = st.size * 0.25;
        append_leaders(last, kLeader, tpl_.style("fill-line"), last.x_start + last.natural_width + gap,
                       column_width - (c + 1 < fields.size() ? st.size * 0.5 : 0), fonts_);
      }
      double y = 0;
      const size_t from = box.runs.size();
      for (Line& line : lines) {
        place_line(std::move(line), left_ + c * column_width, y + baseline_offset(line), box.runs);
        y += line.height;
      }
      tag_runs(box.runs, from, element("P"));
      bottom = std::max(bottom, y);
    }
    box.height = bottom;
    box.space_before = first_style.space_before;
    box.space_after = first_style.space_after;
    boxes_.push_back(std::move(box));
  }

  void signing(const FormItem& item) {
    auto caption = tpl_.style("form-signing-caption");
    caption.keep_with_next = true;
    paragraph(plain(item.text), caption);
    Box room;
    room.height = item.space;
    const std::string& name = value(item.name);
    room.keep_with_next = !name.empty();
    boxes_.push_back(std::move(room));
    if (!name.empty()) paragraph(plain(name), tpl_.style("form-signer"));
  }

  // A table: its widths as the DOCX writer gets them (realize::realize_form_table), its
  // boxes as a body table's (layout/table_layout.cpp).
  void table(const FormItem& item) {
    if (!item.label.empty()) {
      auto st = tpl_.style("table-label");
      paragraph(plain(item.number.empty() ? item.label : item.number + ". " + item.label), st);
    }
    FlowBuilder::table(realize::realize_form_table(item, record_, tpl_, fonts_, width_));
  }
};

}  // namespace

std::vector<Box> form_boxes(const style::Template& form_tpl, const model::FormRecord* record, const std::string& label,
                            const std::string& title, const std::string& reference, const text::FontFamily& fonts,
                            Structure& structure, int parent) {
  FormLayout layout(form_tpl, fonts);
  layout.form(record, label, title, reference);
  // The form's elements join the document's, their indices shifted.
  const int shift = static_cast<int>(structure.nodes.size());
  for (StructNode node : layout.structure().nodes) {
    node.parent = node.parent >= 0 ? node.parent + shift : parent;
    structure.nodes.push_back(std::move(node));
  }
  std::vector<Box> boxes = layout.take_boxes();
  for (Box& box : boxes) {
    for (auto& run : box.runs)
      if (run.tag >= 0) run.tag += shift;
    for (auto& rule : box.rules)
      if (rule.tag >= 0) rule.tag += shift;
  }
  return boxes;
}

LaidOutDocument layout_forms(const style::Template& tpl, const std::vector<model::FormRecord>& records, bool blank,
                             const text::FontFamily& fonts) {
  FormLayout layout(tpl, fonts);
  if (blank || records.empty()) {
    layout.form(nullptr);
  } else {
    for (const auto& record : records) layout.form(&record);
  }
  LaidOutDocument out;
  out.pages = layout.paginate();
  out.info.title = tpl.form.title;
  out.info.subject = tpl.form.label;
  export_document_info(out, tpl, {});  // the information box of a separate file (ND30-PL-8)
  return out;
}

}  // namespace vanban::layout
