// Tables on pages: the boxes of a realized table (body tables and form tables alike).
// The header rows are one box repeated at the top of every page the table runs onto;
// each row — with the rows a rowspan ties to it — is one box that moves to the next page
// whole, cut between lines of text only when it is taller than a page; the grid's rules
// drawn once per box (merged cells have none inside them); cell text set in the cell's
// width minus its padding, at the top of a body cell and centred in a header cell.
#pragma once
#include <vector>

#include "layout/flow.h"
#include "realize/realized.h"

namespace vanban::layout {

// The boxes of `table`, its left edge at `left` (pt from the page's left edge); `index`
// tells the table's boxes from other tables' (Box::table) for the header repeat. Page
// height and margins, and the cell styles, from `tpl`. Its elements (Table, TR, TH/TD)
// join `structure` under `parent`; the boxes' runs are tagged with their cells.
std::vector<Box> table_boxes(const realize::Table& table, double left, int index, const style::Template& tpl,
                             const text::FontFamily& fonts, Structure& structure, int parent);
// The same with the elements left out (their tags then index nothing).
std::vector<Box> table_boxes(const realize::Table& table, double left, int index, const style::Template& tpl,
                             const text::FontFamily& fonts);

}  // namespace vanban::layout
