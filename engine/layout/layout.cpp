#include "layout/layout.h"

#include <algorithm>

#include "core/error.h"
#include "layout/paragraph.h"
#include "wording/wording.h"

namespace vanban::layout {
namespace {

using model::Block;
using model::BlockKind;
using model::RichText;
using model::Span;

// A piece of the vertical flow: a line, or a block that must stay whole (header,
// closing). Content is positioned with absolute x and y relative to the box top.
struct Box {
  double height = 0;
  double space_before = 0;
  double space_after = 0;
  bool keep_with_next = false;  // no page break between this box and the next
  bool new_group = false;       // starts a new page and a new page numbering (appendix)
  std::vector<TextRun> runs;
  std::vector<Rule> rules;
};

RichText plain(const std::string& s) { return RichText{Span{s, false, false}}; }

class DocumentLayout {
 public:
  DocumentLayout(const model::Document& doc, const style::Template& tpl, const text::FontFamily& fonts)
      : doc_(doc), tpl_(tpl), fonts_(fonts),
        left_(tpl.page.margin_left),
        width_(tpl.page.width - tpl.page.margin_left - tpl.page.margin_right) {}

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
  const style::Template& tpl_;
  const text::FontFamily& fonts_;
  double left_, width_;
  std::vector<Box> boxes_;

  // A column being filled top-down inside one box.
  struct Column {
    double x, width, y = 0;
    double last_baseline = 0;
  };

  // Stacks the lines of a paragraph in `col` of `box`; returns the lines set.
  std::vector<Line> stack(Box& box, Column& col, const RichText& text, const style::ParagraphStyle& st) {
    std::vector<Line> lines = set_paragraph(text, st, col.width, fonts_);
    col.y += st.space_before;
    for (const Line& line : lines) {
      double baseline = col.y + baseline_offset(line);
      place_line(line, col.x, baseline, box.runs);
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

  // A paragraph as one box per line, glued so that no single line is stranded at the
  // bottom or top of a page and headings stay with what follows.
  void paragraph(const RichText& text, const style::ParagraphStyle& st) {
    std::vector<Line> lines = set_paragraph(text, st, width_, fonts_);
    size_t n = lines.size();
    for (size_t i = 0; i < n; ++i) {
      Box box;
      place_line(lines[i], left_, baseline_offset(lines[i]), box.runs);
      box.height = lines[i].height;
      if (i == 0) box.space_before = st.space_before;
      if (i + 1 == n) box.space_after = st.space_after;
      bool orphan = i == 0 && n >= 2;          // first line: keep with the second
      bool widow = n >= 2 && i + 2 == n;       // last but one: keep with the last
      box.keep_with_next = orphan || widow || (i + 1 == n && st.keep_with_next);
      boxes_.push_back(std::move(box));
    }
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
    if (doc_.recipients.empty() && doc_.signature.authority_lines.empty() && doc_.signature.signer_name.empty()) {
      return;
    }
    Box box;
    Column leftcol{left_, c.recipients_width};
    Column rightcol{left_ + c.recipients_width, width_ - c.recipients_width};

    std::vector<Line> label;
    if (!doc_.recipients.empty()) label = set_paragraph(plain(c.recipients_label), tpl_.style("recipients-label"), leftcol.width, fonts_);
    std::vector<Line> authority;
    const auto& authority_style = tpl_.style("authority");
    for (const auto& line : doc_.signature.authority_lines) {
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
    if (!doc_.signature.signer_name.empty()) {
      y += c.signature_space;
      for (const Line& line : set_paragraph(plain(doc_.signature.signer_name), tpl_.style("signer"), rightcol.width, fonts_)) {
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
    Box box;
    box.new_group = true;
    Column col{left_, width_};
    stack(box, col, plain(wording::appendix_label(doc_, tpl_, index)), tpl_.style("appendix-label"));
    if (!a.title.empty()) stack(box, col, plain(a.title), tpl_.style("appendix-title"));
    auto reference = stack(box, col, plain(wording::appendix_reference(doc_, tpl_, index)),
                           tpl_.style("appendix-reference"));
    push_heading(std::move(box), col, reference, tpl_.appendix.reference_rule, tpl_.appendix.space_after);
    blocks(a.body);
  }

  // Fills pages with boxes; a chain of boxes glued by keep_with_next moves to the next
  // page whole unless it is taller than a page.
  std::vector<Page> paginate() {
    const auto& pg = tpl_.page;
    const double top = pg.margin_top;
    const double bottom = pg.height - pg.margin_bottom;
    std::vector<Page> pages;
    std::vector<int> group_of_page, number_in_group;
    int group = 0;
    double y = top;
    bool page_empty = true;
    double pending_space = 0;

    auto new_page = [&](bool starts_group) {
      if (starts_group && !pages.empty()) ++group;
      Page p;
      p.width = pg.width;
      p.height = pg.height;
      pages.push_back(std::move(p));
      int n = (!group_of_page.empty() && group_of_page.back() == group) ? number_in_group.back() + 1 : 1;
      group_of_page.push_back(group);
      number_in_group.push_back(n);
      y = top;
      page_empty = true;
      pending_space = 0;
    };
    auto place = [&](const Box& b) {
      if (!page_empty) y += std::max(pending_space, 0.0) + b.space_before;
      Page& p = pages.back();
      for (TextRun run : b.runs) {
        for (auto& g : run.glyphs) g.y += y;
        p.runs.push_back(std::move(run));
      }
      for (Rule r : b.rules) {
        r.y0 += y;
        r.y1 += y;
        p.rules.push_back(r);
      }
      y += b.height;
      pending_space = b.space_after;
      page_empty = false;
    };

    new_page(false);
    size_t i = 0;
    while (i < boxes_.size()) {
      if (boxes_[i].new_group) new_page(true);
      size_t j = i;
      while (j + 1 < boxes_.size() && boxes_[j].keep_with_next && !boxes_[j + 1].new_group) ++j;
      double h = 0;
      for (size_t k = i; k <= j; ++k) {
        if (k > i || !page_empty) h += (k > i ? boxes_[k - 1].space_after : pending_space) + boxes_[k].space_before;
        h += boxes_[k].height;
      }
      if (y + h > bottom + 1e-6 && !page_empty) {
        new_page(false);
        continue;  // re-measure the chain at the top of the new page
      }
      if (y + h <= bottom + 1e-6) {
        for (size_t k = i; k <= j; ++k) place(boxes_[k]);
      } else {
        // Taller than a page: break inside the chain wherever it must.
        for (size_t k = i; k <= j; ++k) {
          double need = (page_empty ? 0 : pending_space + boxes_[k].space_before) + boxes_[k].height;
          if (!page_empty && y + need > bottom + 1e-6) new_page(false);
          place(boxes_[k]);
        }
      }
      i = j + 1;
    }

    // ND30-PAGE-9/11: numbers centred in the top margin, from the second page of each
    // numbering group (the document, then each appendix).
    const auto& nst = tpl_.style(pg.number_style);
    for (size_t p = 0; p < pages.size(); ++p) {
      if (number_in_group[p] == 1 && !pg.number_first_page) continue;
      auto lines = set_paragraph(plain(std::to_string(number_in_group[p])), nst, width_, fonts_);
      std::vector<TextRun> number;
      place_line(lines.front(), left_, pg.number_baseline, number);
      pages[p].runs.insert(pages[p].runs.begin(), number.begin(), number.end());
    }
    return pages;
  }
};

}  // namespace

LaidOutDocument layout_document(const model::Document& document, const style::Template& tpl,
                                const text::FontFamily& fonts) {
  return DocumentLayout(document, tpl, fonts).run();
}

}  // namespace vanban::layout
