// The vertical flow shared by every layout: boxes (lines, or blocks kept whole),
// paragraphs set line by line with widow/orphan and keep-with-next glue, centred
// headings with their rules, and pagination with page numbers per numbering group
// and table headers repeated on each page.
#pragma once
#include <algorithm>
#include <climits>
#include <optional>
#include <string>
#include <vector>

#include "layout/frame.h"
#include "layout/paragraph.h"
#include "model/document.h"
#include "model/form_data.h"
#include "realize/realized.h"
#include "style/profile.h"
#include "text/font.h"

namespace vanban::layout {

// A piece of the vertical flow: a line, or a block that must stay whole (header,
// closing). Content is positioned with absolute x and y relative to the box top.
struct Box {
  double height = 0;
  double space_before = 0;
  double space_after = 0;
  bool keep_with_next = false;  // no page break between this box and the next
  bool new_group = false;       // starts a new page and a new page numbering (appendix, form)
  int table = -1;               // rows of a table: its header box is repeated on each new page
  bool table_header = false;
  std::vector<TextRun> runs;
  std::vector<Rule> rules;
  std::vector<SignatureSlot> signature_slots;   // y from the box top (layout/signature_slots.h)
};



model::RichText plain(const std::string& s);

// Tagged PDF: the structure elements layout makes, for the whole flow (a Box's tags index
// this list; paginate gives each page its own list, Page::structure).
struct Structure {
  std::vector<StructNode> nodes;
  int add(std::string type, int parent) {
    nodes.push_back(StructNode{std::move(type), parent, -1, {}});
    return static_cast<int>(nodes.size()) - 1;
  }
};

// Tags the runs `runs[from…]` with `tag`.
inline void tag_runs(std::vector<TextRun>& runs, size_t from, int tag) {
  for (size_t i = from; i < runs.size(); ++i) runs[i].tag = tag;
}

// Page::structure for each page from the flow's elements: the elements its content is
// tagged with and their ancestors, an element on consecutive pages continuing itself.
// The pages' tags are turned from `structure` indices into their page's.
void assign_structure(std::vector<Page>& pages, const std::vector<StructNode>& structure);

// The structure type of a paragraph of style `style`: headings by their level (Phần and
// Chương, the sections "I.", Mục, Điều and clauses "1.", points "a)"), "P" otherwise.
std::string paragraph_type(const std::string& style);

// A column being filled top-down inside one box.
struct Column {
  double x, width, y = 0;
  double last_baseline = 0;
};

class FlowBuilder {
 public:
  FlowBuilder(const style::Template& tpl, const text::FontFamily& fonts);

  // Fills pages with the boxes; numbers pages from the second of each group. The boxes'
  // content moves into the pages: call it once.
  std::vector<Page> paginate();

  // ô 13 (ND30-DC-1): a box (layout/marks_layout.h footer_box) set at the foot of page
  // 1's text area; page 1 holds that much less of the flow (its height + space_before).
  void first_page_footer(Box footer) { first_page_footer_ = std::move(footer); }

 protected:
  const style::Template& tpl_;
  const text::FontFamily& fonts_;
  double left_, width_;
  std::vector<Box> boxes_;
  std::optional<Box> first_page_footer_;
  Structure structure_;
  int parent_ = -1;  // where the flow's elements go: the document, or an appendix's Sect

  // A new element under `parent_`.
  int element(std::string type) { return structure_.add(std::move(type), parent_); }
  static constexpr int kNewParagraph = INT_MIN;  // push_lines: the lines make a new P

  // Stacks the lines of a paragraph in `col` of `box`; returns the lines set, their runs
  // moved into the box (their measures stay).
  std::vector<Line> stack(Box& box, Column& col, const model::RichText& text, const style::ParagraphStyle& st) {
    std::vector<Line> lines = set_paragraph(text, st, col.width, fonts_);
    col.y += st.space_before;
    for (Line& line : lines) {
      double baseline = col.y + baseline_offset(line);
      place_line(std::move(line), col.x, baseline, box.runs);
      col.last_baseline = baseline;
      col.y += line.height;
    }
    col.y += st.space_after;
    return lines;
  }

  static double baseline_offset(const Line& line) {
    return (line.height - line.ascent - line.descent) / 2 + line.ascent;
  }

  // A centred rule under the line whose baseline is `baseline`.
  void rule_under(Box& box, const style::RuleStyle& rs, double centre, double text_width, double baseline) {
    double length = rs.length_ratio > 0 ? rs.length_ratio * text_width : rs.length;
    double y = baseline + rs.gap;
    box.rules.push_back(Rule{centre - length / 2, y, centre + length / 2, y, rs.thickness, {}});
  }

  static const Line& widest(const std::vector<Line>& lines) {
    return *std::max_element(lines.begin(), lines.end(),
                             [](const Line& a, const Line& b) { return a.natural_width < b.natural_width; });
  }

  // A rule centred under the widest of `lines` (set in a column starting at `column_x`),
  // below the baseline `baseline`; its length is measured against that line.
  void rule_under_lines(Box& box, const style::RuleStyle& rs, double column_x, const std::vector<Line>& lines,
                        double baseline) {
    const Line& w = widest(lines);
    rule_under(box, rs, column_x + w.x_start + w.natural_width / 2, w.natural_width, baseline);
  }

  // Closes a centred heading block (title, appendix heading): the rule under its last
  // lines, then the box, kept with what follows.
  void push_heading(Box box, const Column& col, const std::vector<Line>& last_lines, const style::RuleStyle& rule,
                    double space_after) {
    rule_under_lines(box, rule, col.x, last_lines, col.last_baseline);
    box.height = std::max(col.y, col.last_baseline + rule.gap);
    box.space_after = space_after;
    box.keep_with_next = true;
    boxes_.push_back(std::move(box));
  }

  // A paragraph as one box per line, glued so that no single line is stranded at the
  // bottom or top of a page and headings stay with what follows.
  void paragraph(const model::RichText& text, const style::ParagraphStyle& st, int tag = kNewParagraph) {
    push_lines(set_paragraph(text, st, width_, fonts_), st, 0, tag);
  }

  // Pushes set lines as glued boxes (first/last two lines together, keep-with-next),
  // `dx` right of the text's left edge; their runs tagged `tag` (a new P by default).
  void push_lines(std::vector<Line> lines, const style::ParagraphStyle& st, double dx = 0,
                  int tag = kNewParagraph) {
    size_t n = lines.size();
    if (tag == kNewParagraph && n > 0) tag = element("P");
    for (size_t i = 0; i < n; ++i) {
      Box box;
      place_line(std::move(lines[i]), left_ + dx, baseline_offset(lines[i]), box.runs);
      tag_runs(box.runs, 0, tag);
      box.height = lines[i].height;
      if (i == 0) box.space_before = st.space_before;
      if (i + 1 == n) box.space_after = st.space_after;
      bool orphan = i == 0 && n >= 2;          // first line: keep with the second
      bool widow = n >= 2 && i + 2 == n;       // last but one: keep with the last
      box.keep_with_next = orphan || widow || (i + 1 == n && st.keep_with_next);
      boxes_.push_back(std::move(box));
    }
  }

  // ND30-PL-2..6: "Phụ lục …", TITLE, "(Kèm theo …)" and the rule, on a new page that
  // starts its own page numbering.
  void appendix_heading(const std::string& label, const std::string& title, const std::string& reference);

  // A table at the left margin (layout/table_layout.cpp): its header repeated on each
  // page it runs onto, its rows kept whole.
  void table(const realize::Table& table);
  int tables_ = 0;  // tables laid out so far: Box::table of the next
};

// The boxes of one form (layout/form_layout.cpp), to attach it to a document as an
// appendix with the document's label, title and reference line.
// Its boxes' tags index `structure`, where its elements are added (top-level ones under
// `parent`).
std::vector<Box> form_boxes(const style::Template& form_tpl, const model::FormRecord* record, const std::string& label,
                            const std::string& title, const std::string& reference, const text::FontFamily& fonts,
                            Structure& structure, int parent);

}  // namespace vanban::layout
