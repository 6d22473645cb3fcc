#include "layout/flow.h"

#include <algorithm>

namespace vanban::layout {

model::RichText plain(const std::string& s) { return model::RichText{model::Span{s, false, false}}; }

std::string paragraph_type(const std::string& style) {
  if (style == "document-type") return "H1";  // a tên loại standing alone (Giấy giới thiệu, Mẫu 1.8)
  if (style == "part-label" || style == "part-title" || style == "chapter-label" || style == "chapter-title" ||
      style == "section") {
    return "H2";
  }
  if (style == "section-label" || style == "section-title" || style == "article" || style == "clause-title") return "H3";
  if (style == "point-title") return "H4";
  return "P";
}

void assign_structure(std::vector<Page>& pages, const std::vector<StructNode>& structure) {
  // The index of each flow element in the previous page's and this page's lists (-1: none).
  std::vector<int> before(structure.size(), -1), now(structure.size(), -1);
  std::vector<int> used, used_before;  // the flow elements on this page and the previous one
  for (Page& page : pages) {
    page.structure.clear();
    auto local = [&](auto& self, int g) -> int {
      if (now[g] >= 0) return now[g];
      const int parent = structure[g].parent >= 0 ? self(self, structure[g].parent) : -1;
      StructNode node = structure[g];
      node.parent = parent;
      node.continues = before[g];
      now[g] = static_cast<int>(page.structure.size());
      used.push_back(g);
      page.structure.push_back(std::move(node));
      return now[g];
    };
    auto retag = [&](int& tag) {
      if (tag >= 0 && tag < static_cast<int>(structure.size())) tag = local(local, tag);
      else if (tag >= 0) tag = kArtifact;
    };
    for (auto& run : page.runs) retag(run.tag);
    for (auto& image : page.images) retag(image.tag);
    for (auto& rect : page.rects) retag(rect.tag);
    for (auto& rule : page.rules) retag(rule.tag);
    for (int g : used_before) before[g] = -1;
    for (int g : used) {
      before[g] = now[g];
      now[g] = -1;
    }
    used_before.swap(used);
    used.clear();
  }
}

namespace {

// The content of `b` onto `p`, its top at `y`: moved out of `b` unless `keep`.
void put_box(Box& b, double y, Page& p, bool keep) {
  for (TextRun& box_run : b.runs) {
    TextRun& run = keep ? p.runs.emplace_back(box_run) : p.runs.emplace_back(std::move(box_run));
    for (auto& g : run.glyphs) g.y += y;
  }
  for (Rule r : b.rules) {
    r.y0 += y;
    r.y1 += y;
    p.rules.push_back(r);
  }
  for (SignatureSlot slot : b.signature_slots) p.signature_slots.push_back((slot.y += y, slot));
}

}  // namespace

FlowBuilder::FlowBuilder(const style::Template& tpl, const text::FontFamily& fonts)
    : tpl_(tpl), fonts_(fonts), left_(tpl.page.margin_left),
      width_(tpl.page.width - tpl.page.margin_left - tpl.page.margin_right) {}

void FlowBuilder::appendix_heading(const std::string& label, const std::string& title, const std::string& reference) {
  Box box;
  box.new_group = true;
  Column col{left_, width_};
  if (!label.empty()) stack(box, col, plain(label), tpl_.style("appendix-label"));
  if (!title.empty()) stack(box, col, plain(title), tpl_.style("appendix-title"));
  auto lines = stack(box, col, plain(reference), tpl_.style("appendix-reference"));
  tag_runs(box.runs, 0, element("H1"));
  push_heading(std::move(box), col, lines, tpl_.appendix.reference_rule, tpl_.appendix.space_after);
}

  // Fills pages with boxes; a chain of boxes glued by keep_with_next moves to the next
  // page whole unless it is taller than a page.
std::vector<Page> FlowBuilder::paginate() {
    const auto& pg = tpl_.page;
    const double top = pg.margin_top;
    const double page_bottom = pg.height - pg.margin_bottom;
    const double footer_room = first_page_footer_ ? first_page_footer_->height + first_page_footer_->space_before : 0;
    double bottom = page_bottom;  // page 1's text ends above its footer
    std::vector<Page> pages;
    std::vector<int> group_of_page, number_in_group;
    int group = 0;
    double y = top;
    bool page_empty = true;
    double pending_space = 0;
    bool only_header = false;  // the page holds nothing but a repeated table header
    std::vector<const Box*> header_of_table;  // the header of each table placed so far

    auto new_page = [&](bool starts_group) {
      if (starts_group && !pages.empty()) ++group;
      Page p;
      p.width = pg.width;
      p.height = pg.height;
      pages.push_back(std::move(p));
      bottom = pages.size() == 1 ? page_bottom - footer_room : page_bottom;
      int n = (!group_of_page.empty() && group_of_page.back() == group) ? number_in_group.back() + 1 : 1;
      group_of_page.push_back(group);
      number_in_group.push_back(n);
      y = top;
      page_empty = true;
      pending_space = 0;
    };
    auto place = [&](Box& b) {
      if (b.table_header) {
        if (static_cast<int>(header_of_table.size()) <= b.table) header_of_table.resize(b.table + 1, nullptr);
        header_of_table[b.table] = &b;
      }
      if (!page_empty) y += std::max(pending_space, 0.0) + b.space_before;
      put_box(b, y, pages.back(), b.table_header);  // a header is kept to be repeated
      y += b.height;
      pending_space = b.space_after;
      page_empty = false;
      only_header = false;
    };

    // On a page that a table row continues onto, its header comes first again.
    auto repeat_header = [&](const Box& b) {
      if (b.table < 0 || b.table_header || b.table >= static_cast<int>(header_of_table.size())) return;
      if (!header_of_table[b.table]) return;
      // A repeat, not content of its own: an artifact (the header rows are tagged once).
      Box repeat = *header_of_table[b.table];
      for (auto& run : repeat.runs) run.tag = kArtifact;
      repeat.table_header = false;  // the original stays the one repeated
      place(repeat);
      only_header = true;
    };

    new_page(false);
    size_t i = 0;
    while (i < boxes_.size()) {
      if (boxes_[i].new_group) {
        if (!page_empty) {
          new_page(true);
        } else if (pages.size() > 1 || group > 0 || i > 0) {
          // The group starts on this (still empty) page.
          group_of_page.back() = ++group;
          number_in_group.back() = 1;
        }
      }
      size_t j = i;
      while (j + 1 < boxes_.size() && boxes_[j].keep_with_next && !boxes_[j + 1].new_group) ++j;
      double h = 0;
      for (size_t k = i; k <= j; ++k) {
        if (k > i || !page_empty) h += (k > i ? boxes_[k - 1].space_after : pending_space) + boxes_[k].space_before;
        h += boxes_[k].height;
      }
      if (y + h > bottom + 1e-6 && !page_empty && !only_header) {
        new_page(false);
        repeat_header(boxes_[i]);
        continue;  // re-measure the chain at the top of the new page
      }
      if (y + h <= bottom + 1e-6) {
        for (size_t k = i; k <= j; ++k) place(boxes_[k]);
      } else {
        // Taller than a page: break inside the chain wherever it must.
        for (size_t k = i; k <= j; ++k) {
          double need = (page_empty ? 0 : pending_space + boxes_[k].space_before) + boxes_[k].height;
          if (!page_empty && y + need > bottom + 1e-6) {
            new_page(false);
            repeat_header(boxes_[k]);
          }
          place(boxes_[k]);
        }
      }
      i = j + 1;
    }

    if (first_page_footer_) {
      const double at = page_bottom - first_page_footer_->height;
      put_box(*first_page_footer_, at, pages.front(), false);
    }

    // ND30-PAGE-9/11: numbers centred in the top margin, from the second page of each
    // numbering group (the document, then each appendix).
    const auto& nst = tpl_.style(pg.number_style);
    for (size_t p = 0; p < pages.size(); ++p) {
      if (number_in_group[p] == 1 && !pg.number_first_page) continue;
      auto lines = set_paragraph(plain(std::to_string(number_in_group[p])), nst, width_, fonts_);
      std::vector<TextRun> number;
      place_line(std::move(lines.front()), left_, pg.number_baseline, number);
      tag_runs(number, 0, kPagination);
      pages[p].runs.insert(pages[p].runs.begin(), std::make_move_iterator(number.begin()),
                           std::make_move_iterator(number.end()));
    }
    assign_structure(pages, structure_.nodes);
    return pages;
  }

}  // namespace vanban::layout
