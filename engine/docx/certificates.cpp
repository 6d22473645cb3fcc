// Certificates: a section (a page) per row; frames and pictures anchored to the page.
#include "docx/writer.h"

#include <algorithm>
#include <cmath>
#include <sstream>

#include "core/error.h"
#include "core/i18n.h"
#include "core/qr_code.h"
#include "docx/package.h"
#include "wording/wording.h"

namespace vanban::docx {

void Writer::certificates(const std::vector<const model::ListRow*>& rows, const CertificateDocxOptions& opt) {
  scale_ = opt.scale;
  certificate_ = &opt;
  rows_ = &rows;
  // Measured: the size of document.xml (libzip writes the entry's header first), the
  // styles and media the rows use. Only one row's tree is held at a time.
  // The first pieces are kept (up to a bound) rather than made twice.
  uint64_t kept = 0;
  document_size_ = 0;
  for (size_t i = 0; i <= rows.size() + 1; ++i) {
    const int drawings = drawing_ids_;
    const size_t qr = qr_next_;
    std::string piece = certificate_piece(i);
    document_size_ += piece.size();
    if (kept_pieces_.size() == i && kept + piece.size() <= opt.keep_bytes) {
      kept += piece.size();
      kept_pieces_.push_back(std::move(piece));
    } else if (kept_pieces_.size() == i) {
      resume_drawing_ids_ = drawings;  // where the replay starts making pieces again
      resume_qr_next_ = qr;
    }
  }
  replaying_ = true;
}

std::string Writer::certificate_piece(size_t i) {
  const size_t n = rows_->size();
  auto serialise = [](xml_node parent) {
    std::ostringstream out;
    for (xml_node c = parent.first_child(); c; c = c.next_sibling()) c.print(out, "", pugi::format_raw);
    return out.str();
  };
  if (i == 0 || i == n + 1) {
    // The start and the end of the document, around a marker.
    new_tree();
    if (i == n + 1) certificate_section(body_);
    std::string section = serialise(body_);
    body_.remove_children();
    body_.append_child("vanban-rows");
    std::string whole = xml_string(doc_);
    size_t at = whole.find("<vanban-rows");
    size_t end = whole.find('>', at) + 1;
    new_tree();
    return i == 0 ? whole.substr(0, at) : section + whole.substr(end);
  }
  new_tree();
  certificate(*(*rows_)[i - 1]);
  xml_node last = body_.append_child("w:p");
  if (i < n) certificate_section(ppr(last));
  std::string out = serialise(body_);
  new_tree();
  return out;
}

// The height of a paragraph of `text` in `style_name` set `width` wide, as Word sets it
// with the "at least" line pitch written in styles().
double Writer::paragraph_height(const std::string& text, const std::string& style_name, double width) {
  const auto& st = tpl_.style(style_name);
  double pitch = fonts_.face(st.bold, st.italic).line_height(st.size) * st.line_spacing;
  size_t lines = text.empty() ? 1 : wrap(text, style_name, width).size();
  return st.space_before + st.space_after + lines * pitch;
}

// A paragraph of the certificate; on a blank, the pre-printed lines keep their room
// but print nothing.
xml_node Writer::cert_line(const std::string& text, const std::string& style_name, bool fixed) {
  bool print = !fixed || !certificate_->print_on_blank;
  return paragraph(plain(print ? text : ""), style_name);
}

void Writer::frame(xml_node p, double x, double y, double w) {
  xml_node f = ppr_child(p, "w:framePr", {"w:pStyle", "w:keepNext", "w:keepLines"});
  f.append_attribute("w:w") = str(twips(w * scale_)).c_str();
  f.append_attribute("w:wrap") = "around";
  f.append_attribute("w:hAnchor") = "page";
  f.append_attribute("w:vAnchor") = "page";
  f.append_attribute("w:x") = str(twips(x * scale_)).c_str();
  f.append_attribute("w:y") = str(twips(y * scale_)).c_str();
}

// A picture anchored to the page at (x, y) (top-left, pt, unscaled), `w` × `h`.
void Writer::picture(xml_node p, const std::shared_ptr<const RasterImage>& image, double x, double y, double w, double h) {
  auto id = media_ids_.find(image.get());
  if (id == media_ids_.end()) {
    media_.push_back(Media{image->png, nullptr, image->png.size()});
    id = media_ids_.emplace(image.get(), "rIdImage" + std::to_string(media_.size())).first;
  }
  picture(p, id->second, x, y, w, h);
}

void Writer::qr_picture(xml_node p, const model::ListRow& row, double x, double y, double size) {
  if (!replaying_) {
    std::string png = qr_png(qr_encode(wording::certificate_url(tpl_, row)), 8);
    // Kept up to a bound (made again when zipped past it: memory stays flat).
    const uint64_t size = png.size();
    if (kept_qr_bytes_ + size > certificate_->keep_bytes) png.clear();
    else kept_qr_bytes_ += size;
    media_.push_back(Media{std::move(png), &row, size});
    qr_media_.push_back(static_cast<uint32_t>(media_.size()));
  }
  if (qr_next_ >= qr_media_.size()) throw Error(ErrorKind::Output, tr("a QR code was not counted"));
  picture(p, "rIdImage" + std::to_string(qr_media_[qr_next_++]), x, y, size, size);
}

void Writer::picture(xml_node p, const std::string& id, double x, double y, double w, double h) {
  auto emu = [&](double pt) { return str(std::lround(pt * scale_ * 12700)); };
  const std::string n = std::to_string(++drawing_ids_);
  xml_node anchor = p.append_child("w:r").append_child("w:drawing").append_child("wp:anchor");
  for (auto [k, v] : {std::pair{"distT", "0"}, {"distB", "0"}, {"distL", "0"}, {"distR", "0"}, {"simplePos", "0"}}) {
    anchor.append_attribute(k) = v;
  }
  // Later pictures on top (the seal over the signature).
  anchor.append_attribute("relativeHeight") = std::to_string(251659264 + drawing_ids_).c_str();
  for (auto [k, v] : {std::pair{"behindDoc", "0"}, {"locked", "0"}, {"layoutInCell", "1"}, {"allowOverlap", "1"}}) {
    anchor.append_attribute(k) = v;
  }
  xml_node sp = anchor.append_child("wp:simplePos");
  sp.append_attribute("x") = "0";
  sp.append_attribute("y") = "0";
  for (auto [tag, value] : {std::pair{"wp:positionH", x}, std::pair{"wp:positionV", y}}) {
    xml_node pos = anchor.append_child(tag);
    pos.append_attribute("relativeFrom") = "page";
    pos.append_child("wp:posOffset").text().set(emu(value).c_str());
  }
  xml_node extent = anchor.append_child("wp:extent");
  extent.append_attribute("cx") = emu(w).c_str();
  extent.append_attribute("cy") = emu(h).c_str();
  xml_node effect = anchor.append_child("wp:effectExtent");
  for (const char* side : {"l", "t", "r", "b"}) effect.append_attribute(side) = "0";
  anchor.append_child("wp:wrapNone");
  xml_node doc_pr = anchor.append_child("wp:docPr");
  doc_pr.append_attribute("id") = n.c_str();
  doc_pr.append_attribute("name") = ("Hình " + n).c_str();
  xml_node locks = anchor.append_child("wp:cNvGraphicFramePr").append_child("a:graphicFrameLocks");
  locks.append_attribute("xmlns:a") = kA;
  locks.append_attribute("noChangeAspect") = "1";
  xml_node graphic = anchor.append_child("a:graphic");
  graphic.append_attribute("xmlns:a") = kA;
  xml_node data = graphic.append_child("a:graphicData");
  data.append_attribute("uri") = kPic;
  xml_node pic = data.append_child("pic:pic");
  pic.append_attribute("xmlns:pic") = kPic;
  xml_node nv = pic.append_child("pic:nvPicPr");
  xml_node c_nv = nv.append_child("pic:cNvPr");
  c_nv.append_attribute("id") = n.c_str();
  c_nv.append_attribute("name") = ("image" + n + ".png").c_str();
  nv.append_child("pic:cNvPicPr");
  xml_node fill = pic.append_child("pic:blipFill");
  fill.append_child("a:blip").append_attribute("r:embed") = id.c_str();
  fill.append_child("a:stretch").append_child("a:fillRect");
  xml_node sp_pr = pic.append_child("pic:spPr");
  xml_node xfrm = sp_pr.append_child("a:xfrm");
  xml_node off = xfrm.append_child("a:off");
  off.append_attribute("x") = "0";
  off.append_attribute("y") = "0";
  xml_node ext = xfrm.append_child("a:ext");
  ext.append_attribute("cx") = emu(w).c_str();
  ext.append_attribute("cy") = emu(h).c_str();
  xml_node geom = sp_pr.append_child("a:prstGeom");
  geom.append_attribute("prst") = "rect";
  geom.append_child("a:avLst");
}

// `image` in `box` (as the PDF layout places it), moved by the print-on-blank offsets.
void Writer::picture_in(xml_node p, const std::shared_ptr<const RasterImage>& image, const ImageBox& box) {
  picture(p, image, box.x + certificate_->offset_x, box.y + certificate_->offset_y, box.width, box.height);
}

void Writer::certificate(const model::ListRow& row) {
  const auto& c = tpl_.certificate;
  const auto& pg = tpl_.page;
  const wording::CertificateText said = wording::certificate_text(tpl_, row);
  const double left = pg.margin_left, width = width_;
  const bool blank = certificate_->print_on_blank;
  // The emblem's room, then Quốc hiệu, Tiêu ngữ and its rule.
  xml_node first = cert_line(tpl_.header.national_title, "cert-national-title", true);
  if (certificate_->emblem) {
    set_spacing_before(first, (c.emblem_height + 2) * scale_);
    if (!blank) {
      picture_in(first, certificate_->emblem,
                 fit_image(*certificate_->emblem, left + width / 2, pg.margin_top + c.emblem_height / 2, width,
                           c.emblem_height));
    }
  }
  cert_line(tpl_.header.motto, "cert-motto", true);
  if (!blank) {
    style::RuleStyle motto_rule{};
    motto_rule.thickness = 0.8 * scale_;
    motto_rule.gap = 4 * scale_;
    rule(measure_widest(tpl_.header.motto, "cert-motto", width) * scale_, width * scale_, motto_rule, 4 * scale_);
  } else {
    paragraph(plain(""), "cert-motto");
  }
  cert_line(c.issuer, "cert-issuer", true);
  cert_line(c.verb, "cert-verb", true);
  for (const auto& t : c.title_lines) cert_line(t, "cert-title", true);
  // The name: shrunk to fit one line down to the minimum size, then wrapped.
  xml_node name = cert_line(said.name_line, "cert-name", false);
  const auto& name_style = tpl_.style("cert-name");
  double natural = wrap(said.name_line, "cert-name", 1e9)[0];
  if (natural > width) {
    double size = std::max(c.name_min_size, name_style.size * width / natural * 0.999);
    long half_points = std::max(2L, static_cast<long>(std::floor(size * scale_ * 2)));
    for (xml_node r = name.child("w:r"); r; r = r.next_sibling("w:r")) {
      xml_node rpr = r.prepend_child("w:rPr");
      rpr.append_child("w:sz").append_attribute("w:val") = str(half_points).c_str();
      rpr.append_child("w:szCs").append_attribute("w:val") = str(half_points).c_str();
    }
  }
  if (!said.info.empty()) cert_line(said.info, "cert-info", false);
  if (!said.achievement.empty()) {
    xml_node a = cert_line(said.achievement, "cert-achievement", false);
    xml_node ind = ppr_child(a, "w:ind", {"w:pStyle", "w:keepNext", "w:spacing"});
    ind.append_attribute("w:left") = str(twips(30 * scale_)).c_str();
    ind.append_attribute("w:right") = str(twips(30 * scale_)).c_str();
  }
  // Bottom right: place and date, signer's title, room to sign, signer's name: a frame
  // anchored to the page whose bottom is the bottom margin.
  const double half = width / 2, right_x = left + width - half, bottom = pg.height - pg.margin_bottom;
  double title_h = 0;
  for (const auto& t : c.signer_title) title_h += paragraph_height(t, "cert-signer-title", half);
  const double date_h = paragraph_height(said.date_line, "cert-date", half);
  double right_h = date_h + title_h + c.signature_space + paragraph_height(c.signer_name, "cert-signer", half);
  const double ox = certificate_->offset_x, oy = certificate_->offset_y;
  std::vector<xml_node> block;
  block.push_back(paragraph(plain(said.date_line), "cert-date"));
  for (const auto& t : c.signer_title) block.push_back(cert_line(t, "cert-signer-title", true));
  xml_node signer = cert_line(c.signer_name, "cert-signer", true);
  set_spacing_before(signer, (tpl_.style("cert-signer").space_before + c.signature_space) * scale_);
  block.push_back(signer);
  for (xml_node p : block) frame(p, right_x + ox, bottom - right_h + oy, half);
  // The signature in the signature space, the seal over its left third (as in the PDF).
  const auto art = wording::signature_art(c, right_x + half / 2, bottom - right_h + date_h + title_h + c.signature_space / 2,
                                         certificate_->signature.get(), certificate_->seal.get());
  if (certificate_->signature) picture_in(block.front(), certificate_->signature, art.signature);
  if (certificate_->seal) picture_in(block.front(), certificate_->seal, art.seal);
  // Bottom left: decision and golden-book number.
  double left_h = 0;
  std::vector<std::string> lines;
  for (const std::string* t : {&said.decision, &said.golden_book}) {
    if (t->empty()) continue;
    lines.push_back(*t);
    left_h += paragraph_height(*t, "cert-decision", c.bottom_left_width);
  }
  for (const auto& t : lines) frame(paragraph(plain(t), "cert-decision"), left + ox, bottom - left_h + oy, c.bottom_left_width);
  // The verification QR code above them, as in the PDF (a PNG per certificate).
  if (!c.qr_pattern.empty()) {
    qr_picture(block.front(), row, left + ox, bottom - left_h - c.qr_size - 4 + oy, c.qr_size);
  }
}

// A certificate's section: landscape paper, its margins (moved by the print-on-blank
// offsets), the border as a page border in the template's colour.
void Writer::certificate_section(xml_node parent) {
  const auto& pg = tpl_.page;
  const auto& c = tpl_.certificate;
  xml_node s = parent.append_child("w:sectPr");
  xml_node size = s.append_child("w:pgSz");
  size.append_attribute("w:w") = str(twips(pg.width * scale_)).c_str();
  size.append_attribute("w:h") = str(twips(pg.height * scale_)).c_str();
  if (pg.width > pg.height) size.append_attribute("w:orient") = "landscape";
  xml_node mar = s.append_child("w:pgMar");
  const double ox = certificate_->offset_x, oy = certificate_->offset_y;
  mar.append_attribute("w:top") = str(twips((pg.margin_top + oy) * scale_)).c_str();
  mar.append_attribute("w:right") = str(twips((pg.margin_right - ox) * scale_)).c_str();
  mar.append_attribute("w:bottom") = str(twips((pg.margin_bottom - oy) * scale_)).c_str();
  mar.append_attribute("w:left") = str(twips((pg.margin_left + ox) * scale_)).c_str();
  mar.append_attribute("w:header") = "0";
  mar.append_attribute("w:footer") = "0";
  mar.append_attribute("w:gutter") = "0";
  if (!certificate_->print_on_blank) {
    xml_node borders = s.append_child("w:pgBorders");
    borders.append_attribute("w:offsetFrom") = "page";
    char hex[8];
    std::snprintf(hex, sizeof hex, "%02X%02X%02X", static_cast<int>(c.border_color.r * 255),
                  static_cast<int>(c.border_color.g * 255), static_cast<int>(c.border_color.b * 255));
    for (const char* side : {"w:top", "w:left", "w:bottom", "w:right"}) {
      xml_node b = borders.append_child(side);
      b.append_attribute("w:val") = "thickThinMediumGap";
      b.append_attribute("w:sz") = "24";
      b.append_attribute("w:space") = str(std::min(31L, std::lround(c.border_inset * scale_))).c_str();
      b.append_attribute("w:color") = hex;
    }
  }
  s.append_child("w:docGrid").append_attribute("w:linePitch") = "360";
}

}  // namespace vanban::docx
