// Header marks, the draft mark and the address footer in DOCX (ND30-MAT-1,
// ND30-KHAN-1/2, ND30-LH-1, ND30-DC-1): stamps as one-cell tables of the stamp's size
// with a single border, the text bold and centred, box and text in the stamp's colour;
// marks in the top margin as tables floating on the page in the first page's header;
// the address in the first page's footer above a top border across the text width.
#include <cstdio>

#include "docx/writer.h"

namespace vanban::docx {
namespace {

std::string hex_color(const style::Color& c) {
  char hex[8];
  std::snprintf(hex, sizeof hex, "%02X%02X%02X", static_cast<int>(c.r * 255 + 0.5), static_cast<int>(c.g * 255 + 0.5),
                static_cast<int>(c.b * 255 + 0.5));
  return hex;
}

void dxa(xml_node n, double pt) {
  n.append_attribute("w:w") = str(twips(pt)).c_str();
  n.append_attribute("w:type") = "dxa";
}

}  // namespace

void Writer::stamp_runs_colored(xml_node p, const realize::Stamp& stamp) {
  const std::string color = hex_color(stamp.color);
  for (xml_node r = p.child("w:r"); r; r = r.next_sibling("w:r")) {
    xml_node rpr = r.child("w:rPr");
    if (!rpr) rpr = r.prepend_child("w:rPr");
    rpr.append_child("w:color").append_attribute("w:val") = color.c_str();
  }
}

// An empty paragraph exactly `height` high (spacing around tables, which have none).
void Writer::spacer(xml_node parent, double height) {
  xml_node p = parent.append_child("w:p");
  xml_node pr = p.append_child("w:pPr");
  xml_node sp = pr.append_child("w:spacing");
  sp.append_attribute("w:before") = "0";
  sp.append_attribute("w:after") = "0";
  sp.append_attribute("w:line") = str(std::max(1L, twips(height))).c_str();
  sp.append_attribute("w:lineRule") = "exact";
  pr.append_child("w:rPr").append_child("w:sz").append_attribute("w:val") = "2";
}

void Writer::stamp(const realize::Stamp& stamp, xml_node parent, const StampPlace& place) {
  if (stamp.border <= 0) {
    // A plain mark (ND30-MAT-1): its text in its style, from the left edge.
    xml_node p = paragraph(plain(stamp.text), stamp.style, parent);
    ppr_child(p, "w:jc", {"w:pStyle", "w:keepNext", "w:spacing", "w:ind"}).append_attribute("w:val") =
        place.centre ? "center" : "left";
    stamp_runs_colored(p, stamp);
    return;
  }
  xml_node tbl = parent.append_child("w:tbl");
  xml_node pr = tbl.append_child("w:tblPr");
  if (place.floating) {
    // On the page at (x, y) (the top margin): taking no room in the header.
    xml_node f = pr.append_child("w:tblpPr");
    f.append_attribute("w:leftFromText") = "0";
    f.append_attribute("w:rightFromText") = "0";
    f.append_attribute("w:vertAnchor") = "page";
    f.append_attribute("w:horzAnchor") = "page";
    f.append_attribute("w:tblpX") = str(twips(place.x)).c_str();
    f.append_attribute("w:tblpY") = str(twips(place.y)).c_str();
    pr.append_child("w:tblOverlap").append_attribute("w:val") = "never";
  }
  dxa(pr.append_child("w:tblW"), stamp.width);
  if (place.centre) pr.append_child("w:jc").append_attribute("w:val") = "center";
  else if (!place.floating) dxa(pr.append_child("w:tblInd"), place.x);
  xml_node borders = pr.append_child("w:tblBorders");
  const std::string color = hex_color(stamp.color);
  for (const char* side : {"w:top", "w:left", "w:bottom", "w:right"}) {
    xml_node e = borders.append_child(side);
    e.append_attribute("w:val") = "single";
    e.append_attribute("w:sz") = str(std::max(2L, std::lround(stamp.border * 8))).c_str();
    e.append_attribute("w:space") = "0";
    e.append_attribute("w:color") = color.c_str();
  }
  pr.append_child("w:tblLayout").append_attribute("w:type") = "fixed";
  xml_node mar = pr.append_child("w:tblCellMar");
  for (const char* side : {"w:top", "w:left", "w:bottom", "w:right"}) dxa(mar.append_child(side), 0);
  pr.append_child("w:tblLook").append_attribute("w:val") = "0000";
  dxa(tbl.append_child("w:tblGrid").append_child("w:gridCol"), stamp.width);
  xml_node tr = tbl.append_child("w:tr");
  xml_node trpr = tr.append_child("w:trPr");
  trpr.append_child("w:cantSplit");
  xml_node height = trpr.append_child("w:trHeight");
  height.append_attribute("w:val") = str(twips(stamp.height)).c_str();
  height.append_attribute("w:hRule") = "atLeast";  // a text too long for the box wraps in it
  xml_node tc = tr.append_child("w:tc");
  xml_node tcpr = tc.append_child("w:tcPr");
  dxa(tcpr.append_child("w:tcW"), stamp.width);
  tcpr.append_child("w:vAlign").append_attribute("w:val") = "center";
  // ND30-KHAN-1: UPPERCASE bold, centred in the box.
  xml_node p = paragraph(plain(stamp.text), stamp.style, tc);
  ppr_child(p, "w:jc", {"w:pStyle", "w:keepNext", "w:spacing", "w:ind"}).append_attribute("w:val") = "center";
  stamp_runs_colored(p, stamp);
}

void Writer::header_marks(const realize::Header& header, xml_node left_cell) {
  // ô 10a, 10b (ND30-MAT-1, ND30-KHAN-1) under Số, from the left edge (ND30-LAYOUT-2).
  for (const realize::Stamp& mark : header.marks) {
    spacer(left_cell, header.number_gap);
    stamp(mark, left_cell, StampPlace{});
  }
  // A cell ends with a paragraph.
  if (!header.marks.empty() && header.marks.back().border > 0) spacer(left_cell, 1);
}

void Writer::header_end(const realize::Header& header, xml_node tbl) {
  // Kept with what follows, as layout keeps the header's box (the copy block's header
  // with its closing, ND30-COPY-1): every paragraph of the rows keeps with the next.
  for (const pugi::xpath_node& p : tbl.select_nodes(".//w:p")) keep_next(p.node());
  page_marks(header);
}

void Writer::page_marks(const realize::Header& header) {
  if (header.top_mark) top_mark_ = header.top_mark;
  if (header.draft && header.draft_in_margin) margin_draft_ = header.draft;
  left_column_ = header.left_width;
  if (header.draft && !header.draft_in_margin) {
    // Above the tên loại, centred on the text width (not in the decree).
    spacer(body_, header.number_gap);
    StampPlace centred;
    centred.centre = true;
    stamp(*header.draft, body_, centred);
  }
}

void Writer::margin_marks(xml_node hdr) {
  const auto& pg = tpl_.page;
  const double width = pg.width - pg.margin_left - pg.margin_right;
  auto in_margin = [&](const realize::Stamp& s, double centre) {
    StampPlace place;
    place.floating = true;
    place.x = centre - s.width / 2;
    place.y = (pg.margin_top - s.height) / 2;
    stamp(s, hdr, place);
  };
  // ND30-LAYOUT-2: ô 11 spans 58-85 % of the text width, in the top margin.
  if (top_mark_) in_margin(*top_mark_, pg.margin_left + width * (0.58 + 0.85) / 2);
  if (margin_draft_) in_margin(*margin_draft_, pg.margin_left + left_column_ / 2);
}

std::string Writer::footer_part(bool with_address) {
  pugi::xml_document d;
  xml_node ftr = d.append_child("w:ftr");
  ftr.append_attribute("xmlns:w") = kW;
  ftr.append_attribute("xmlns:r") = kR;
  if (!with_address || !footer_ || footer_->lines.empty()) {
    ftr.append_child("w:p");
    return xml_string(d);
  }
  bool first = true;
  for (const realize::Paragraph& line : footer_->lines) {
    xml_node p = paragraph(line.text, line.style, ftr);
    if (!first) continue;
    first = false;
    // ND30-DC-1: a solid rule across the whole text width above the address.
    xml_node top = ppr_child(p, "w:pBdr", {"w:pStyle", "w:keepNext", "w:keepLines", "w:pageBreakBefore", "w:framePr",
                                           "w:widowControl", "w:numPr", "w:suppressLineNumbers"})
                       .append_child("w:top");
    top.append_attribute("w:val") = "single";
    top.append_attribute("w:sz") = str(std::max(2L, std::lround(footer_->rule.thickness * 8))).c_str();
    top.append_attribute("w:space") = str(std::lround(std::min(31.0, footer_->rule.gap))).c_str();
    top.append_attribute("w:color") = "000000";
  }
  return xml_string(d);
}

}  // namespace vanban::docx
