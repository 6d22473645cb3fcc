#include "docx/docx_writer.h"

#include <pugixml.hpp>
#include <zip.h>

#include <algorithm>
#include <cmath>
#include <ctime>
#include <set>
#include <sstream>

#include "core/error.h"
#include "core/qr_code.h"
#include "core/unicode.h"
#include "text/shaper.h"
#include "wording/wording.h"

namespace vanban::docx {
namespace {

using model::Block;
using model::BlockKind;
using model::RichText;
using model::Span;
using pugi::xml_node;

constexpr const char* kW = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
constexpr const char* kR = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
constexpr const char* kWp = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing";
constexpr const char* kA = "http://schemas.openxmlformats.org/drawingml/2006/main";
constexpr const char* kPic = "http://schemas.openxmlformats.org/drawingml/2006/picture";

long twips(double pt) { return std::lround(pt * 20); }
std::string str(long v) { return std::to_string(v); }

// Names a clerk sees in Word's style list, for the decree's elements.
const std::map<std::string, std::string> kDisplayNames = {
    {"body", "Nội dung"},
    {"parent-agency", "Cơ quan chủ quản"},
    {"issuing-agency", "Cơ quan ban hành"},
    {"number", "Số, ký hiệu"},
    {"national-title", "Quốc hiệu"},
    {"motto", "Tiêu ngữ"},
    {"place-date", "Địa danh, ngày tháng"},
    {"document-type", "Tên loại văn bản"},
    {"subject", "Trích yếu"},
    {"cert-national-title", "Bằng - Quốc hiệu"},
    {"cert-motto", "Bằng - Tiêu ngữ"},
    {"cert-issuer", "Bằng - Người tặng"},
    {"cert-verb", "Bằng - Tặng"},
    {"cert-title", "Bằng - Tên"},
    {"cert-name", "Bằng - Họ tên"},
    {"cert-info", "Bằng - Chức vụ, đơn vị"},
    {"cert-achievement", "Bằng - Thành tích"},
    {"cert-decision", "Bằng - Quyết định, sổ vàng"},
    {"cert-date", "Bằng - Địa danh, ngày"},
    {"cert-signer-title", "Bằng - Chức vụ người ký"},
    {"cert-signer", "Bằng - Người ký"},
    {"section", "Mục (I, II)"},
    {"clause-title", "Khoản (1, 2)"},
    {"point-title", "Điểm (a, b)"},
    {"recipients-label", "Nơi nhận"},
    {"recipients", "Danh sách nơi nhận"},
    {"authority", "Quyền hạn, chức vụ người ký"},
    {"signer", "Họ tên người ký"},
    {"page-number", "Số trang"},
    {"appendix-label", "Phụ lục"},
    {"appendix-title", "Tên phụ lục"},
    {"appendix-reference", "Kèm theo văn bản"},
    {"form-label", "Biểu mẫu - mục"},
    {"form-hint", "Biểu mẫu - hướng dẫn"},
    {"form-value", "Biểu mẫu - nội dung điền"},
    {"form-inline", "Biểu mẫu - dòng điền"},
    {"fill-line", "Biểu mẫu - dòng chấm"},
    {"form-place-date", "Biểu mẫu - địa danh, ngày"},
    {"form-signing-caption", "Biểu mẫu - người ký"},
    {"form-signer", "Biểu mẫu - họ tên người ký"},
    {"table-header", "Bảng - tiêu đề cột"},
    {"table-cell", "Bảng - ô"},
    {"table-label", "Bảng - tên bảng"},
};

std::string style_id(const std::string& name) {
  std::string id = "VB";
  bool up = true;
  for (char c : name) {
    if (c == '-') {
      up = true;
      continue;
    }
    id += up ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : c;
    up = false;
  }
  return id;
}

const char* jc(style::Align a) {
  switch (a) {
    case style::Align::Left: return "left";
    case style::Align::Center: return "center";
    case style::Align::Right: return "right";
    case style::Align::Justify: return "both";
  }
  return "left";
}

// A fixed-date package: the same input and date give the same bytes.
class Package {
 public:
  void add(const std::string& name, std::string data) { parts_.emplace_back(name, std::move(data)); }

  std::string zip(time_t mtime) {
    zip_error_t error;
    zip_error_init(&error);
    zip_source_t* buffer = zip_source_buffer_create(nullptr, 0, 0, &error);
    if (!buffer) throw Error(ErrorKind::Output, "libzip: cannot create a buffer");
    zip_t* archive = zip_open_from_source(buffer, ZIP_TRUNCATE, &error);
    if (!archive) {
      zip_source_free(buffer);
      throw Error(ErrorKind::Output, "libzip: cannot open the archive");
    }
    zip_source_keep(buffer);
    for (const auto& [name, data] : parts_) {
      // The buffers live in parts_ until zip_close (zip_source_buffer does not copy).
      zip_source_t* src = zip_source_buffer(archive, data.data(), data.size(), 0);
      zip_int64_t index = zip_file_add(archive, name.c_str(), src, ZIP_FL_ENC_UTF_8);
      if (index < 0) {
        zip_source_free(src);
        zip_discard(archive);
        zip_source_free(buffer);
        throw Error(ErrorKind::Output, "libzip: cannot add " + name);
      }
      zip_file_set_mtime(archive, static_cast<zip_uint64_t>(index), mtime, 0);
      zip_set_file_compression(archive, static_cast<zip_uint64_t>(index), ZIP_CM_DEFLATE, 6);
    }
    if (zip_close(archive) < 0) {
      zip_source_free(buffer);
      throw Error(ErrorKind::Output, "libzip: cannot write the archive");
    }
    std::string out;
    zip_stat_t st;
    if (zip_source_stat(buffer, &st) == 0 && zip_source_open(buffer) == 0) {
      out.resize(st.size);
      zip_int64_t n = zip_source_read(buffer, out.data(), st.size);
      zip_source_close(buffer);
      if (n < 0) out.clear();
      else out.resize(static_cast<size_t>(n));
    }
    zip_source_free(buffer);
    if (out.empty()) throw Error(ErrorKind::Output, "libzip: the archive is empty");
    return out;
  }

 private:
  std::vector<std::pair<std::string, std::string>> parts_;
};

std::string xml_string(const pugi::xml_document& doc) {
  std::ostringstream out;
  doc.save(out, "", pugi::format_raw | pugi::format_no_declaration);
  return "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n" + out.str();
}

class Writer {
 public:
  Writer(const style::Template& tpl, const text::FontFamily& fonts, const DocxOptions& options)
      : tpl_(tpl), fonts_(fonts), options_(options),
        width_(tpl.page.width - tpl.page.margin_left - tpl.page.margin_right) {
    auto root = doc_.append_child("w:document");
    root.append_attribute("xmlns:w") = kW;
    root.append_attribute("xmlns:r") = kR;
    root.append_attribute("xmlns:wp") = kWp;
    body_ = root.append_child("w:body");
  }

  // --- the administrative document -------------------------------------------------------

  void document(const model::Document& d, const FormTemplates& forms) {
    header_table(d);
    auto type = paragraph(plain(tpl_.type_name), "document-type");
    set_spacing_before(type, tpl_.header.space_after);
    paragraph(plain(d.subject), "subject");
    rule(measure_widest(d.subject, "subject", width_) * tpl_.title.subject_rule.length_ratio, width_,
         tpl_.title.subject_rule, tpl_.title.space_after);
    blocks(d.body);
    closing(d);
    for (size_t i = 0; i < d.appendices.size(); ++i) {
      const auto& a = d.appendices[i];
      end_section();
      std::string label = wording::appendix_label(d, tpl_, i);
      std::string reference = wording::appendix_reference(d, tpl_, i);
      if (a.form.empty()) {
        appendix_heading(label, a.title, reference);
        blocks(a.body);
        continue;
      }
      auto it = forms.find(a.form);
      if (it == forms.end()) throw Error(ErrorKind::Template, "\"" + a.form + "\" is not a form template");
      model::FormRecord record;
      for (const auto& v : a.form_values) record.values[v.key] = v.value;
      const style::Template& form = *it->second;
      appendix_heading(label, a.title.empty() ? form.form.title : a.title, reference);
      form_items(form, a.form_values.empty() ? nullptr : &record);
    }
  }

  // --- forms -----------------------------------------------------------------------------------

  void forms(const std::vector<const model::FormRecord*>& records) {
    for (size_t i = 0; i < records.size(); ++i) {
      if (i > 0) end_section();
      const auto& f = tpl_.form;
      appendix_heading(f.label, f.title, f.reference);
      form_items(tpl_, records[i]);
    }
  }

  // --- certificates ----------------------------------------------------------------------------

  void certificates(const std::vector<const model::ListRow*>& rows, const CertificateDocxOptions& opt) {
    scale_ = opt.scale;
    certificate_ = &opt;
    for (size_t i = 0; i < rows.size(); ++i) {
      certificate(*rows[i]);
      xml_node last = body_.append_child("w:p");
      if (i + 1 < rows.size()) certificate_section(ppr(last));
    }
    certificate_section(body_);
  }

  std::string finish(const std::string& title, const std::string& author) {
    if (!certificate_) section_properties(body_);
    Package package;
    package.add("[Content_Types].xml", content_types());
    package.add("_rels/.rels", root_rels());
    package.add("docProps/core.xml", core(title, author));
    package.add("docProps/app.xml", app());
    std::string header_default = header(true), header_first = header(false);  // before styles(): they use a style
    package.add("word/document.xml", xml_string(doc_));
    package.add("word/styles.xml", styles());
    package.add("word/settings.xml", settings());
    package.add("word/fontTable.xml", font_table());
    package.add("word/header1.xml", std::move(header_default));
    package.add("word/header2.xml", std::move(header_first));
    package.add("word/_rels/document.xml.rels", document_rels());
    for (size_t i = 0; i < media_.size(); ++i) package.add("word/media/image" + std::to_string(i + 1) + ".png", media_[i]);
    return package.zip(mtime());
  }

 private:
  const style::Template& tpl_;
  const text::FontFamily& fonts_;
  DocxOptions options_;
  double width_;
  pugi::xml_document doc_;
  xml_node body_;
  std::set<std::string> used_styles_;
  double scale_ = 1;                                     // A3 certificates: every size × √2
  const CertificateDocxOptions* certificate_ = nullptr;  // set while writing certificates
  std::vector<std::string> media_;                       // word/media/image<n>.png
  std::map<const RasterImage*, std::string> media_ids_;  // image -> relationship id
  std::vector<std::shared_ptr<const RasterImage>> kept_images_;  // keeps media_ids_' keys unique
  int drawing_ids_ = 0;

  // The height of a paragraph of `text` in `style_name` set `width` wide, as Word sets it
  // with the "at least" line pitch written in styles().
  double paragraph_height(const std::string& text, const std::string& style_name, double width) {
    const auto& st = tpl_.style(style_name);
    double pitch = fonts_.face(st.bold, st.italic).line_height(st.size) * st.line_spacing;
    size_t lines = text.empty() ? 1 : wrap(text, style_name, width).size();
    return st.space_before + st.space_after + lines * pitch;
  }

  // A paragraph of the certificate; on a blank, the pre-printed lines keep their room
  // but print nothing.
  xml_node cert_line(const std::string& text, const std::string& style_name, bool fixed) {
    bool print = !fixed || !certificate_->print_on_blank;
    return paragraph(plain(print ? text : ""), style_name);
  }

  void frame(xml_node p, double x, double y, double w) {
    xml_node f = ppr_child(p, "w:framePr", {"w:pStyle", "w:keepNext", "w:keepLines"});
    f.append_attribute("w:w") = str(twips(w * scale_)).c_str();
    f.append_attribute("w:wrap") = "around";
    f.append_attribute("w:hAnchor") = "page";
    f.append_attribute("w:vAnchor") = "page";
    f.append_attribute("w:x") = str(twips(x * scale_)).c_str();
    f.append_attribute("w:y") = str(twips(y * scale_)).c_str();
  }

  // A picture anchored to the page at (x, y) (top-left, pt, unscaled), `w` × `h`.
  void picture(xml_node p, const std::shared_ptr<const RasterImage>& image, double x, double y, double w, double h) {
    auto id = media_ids_.find(image.get());
    if (id == media_ids_.end()) {
      media_.push_back(image->png);
      id = media_ids_.emplace(image.get(), "rIdImage" + std::to_string(media_.size())).first;
    }
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
    fill.append_child("a:blip").append_attribute("r:embed") = id->second.c_str();
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
  void picture_in(xml_node p, const std::shared_ptr<const RasterImage>& image, const ImageBox& box) {
    picture(p, image, box.x + certificate_->offset_x, box.y + certificate_->offset_y, box.width, box.height);
  }

  void certificate(const model::ListRow& row) {
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
      auto code = std::make_shared<const RasterImage>(decode_png(qr_png(qr_encode(wording::certificate_url(tpl_, row)), 8), "QR code"));
      kept_images_.push_back(code);
      picture(block.front(), code, left + ox, bottom - left_h - c.qr_size - 4 + oy, c.qr_size, c.qr_size);
    }
  }

  // A certificate's section: landscape paper, its margins (moved by the print-on-blank
  // offsets), the border as a page border in the template's colour.
  void certificate_section(xml_node parent) {
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

  static RichText plain(const std::string& s) { return {Span{s, false, false}}; }

  const style::ParagraphStyle& use_style(const std::string& name) {
    used_styles_.insert(name);
    return tpl_.style(name);
  }

  // The widths of the lines of `text` wrapped greedily at spaces in a column `width`
  // wide, as Word and LibreOffice wrap it (rules are measured against the widest).
  std::vector<double> wrap(const std::string& text, const std::string& style_name, double width, double size = 0) {
    const auto& st = tpl_.style(style_name);
    const text::Font& font = fonts_.face(st.bold, st.italic);
    if (size <= 0) size = st.size;
    std::string t = st.uppercase ? unicode::to_upper_vi(text) : text;
    double space = text::measure(font, size, " ");
    std::vector<double> lines;
    double line = 0;
    size_t start = 0;
    while (start <= t.size()) {
      size_t end = t.find(' ', start);
      if (end == std::string::npos) end = t.size();
      double w = text::measure(font, size, t.substr(start, end - start));
      if (line > 0 && line + space + w > width) {
        lines.push_back(line);
        line = w;
      } else {
        line += (line > 0 ? space : 0) + w;
      }
      start = end + 1;
    }
    lines.push_back(line);
    return lines;
  }

  double measure_widest(const std::string& text, const std::string& style_name, double width) {
    auto lines = wrap(text, style_name, width);
    return *std::max_element(lines.begin(), lines.end());
  }

  // <w:p> with a style; the text upper-cased when the style says so (like the PDF).
  xml_node paragraph(const RichText& text, const std::string& style_name, xml_node parent = {}) {
    const auto& st = use_style(style_name);
    xml_node p = (parent ? parent : body_).append_child("w:p");
    p.append_child("w:pPr").append_child("w:pStyle").append_attribute("w:val") = style_id(style_name).c_str();
    for (const Span& span : text) run(p, st.uppercase ? unicode::to_upper_vi(span.text) : span.text, span.bold, span.italic);
    return p;
  }

  // A run; inline emphasis through the character styles "Chữ đậm", "Chữ nghiêng",
  // "Chữ đậm nghiêng", so an editor keeps it as a style, not as loose formatting.
  static void run(xml_node p, const std::string& text, bool bold, bool italic) {
    if (text.empty()) return;
    xml_node r = p.append_child("w:r");
    if (bold || italic) {
      r.append_child("w:rPr").append_child("w:rStyle").append_attribute("w:val") =
          bold && italic ? "VBBoldItalic" : bold ? "VBBold" : "VBItalic";
    }
    xml_node t = r.append_child("w:t");
    t.append_attribute("xml:space") = "preserve";
    t.text().set(text.c_str());
  }

  static xml_node ppr(xml_node p) {
    xml_node pr = p.child("w:pPr");
    return pr ? pr : p.prepend_child("w:pPr");
  }

  // Inserts a pPr child in schema order after the children named in `after`.
  static xml_node ppr_child(xml_node p, const char* name, std::initializer_list<const char*> after) {
    xml_node pr = ppr(p);
    xml_node anchor;
    for (xml_node c = pr.first_child(); c; c = c.next_sibling()) {
      for (const char* a : after)
        if (std::string(c.name()) == a) anchor = c;
    }
    return anchor ? pr.insert_child_after(name, anchor) : pr.prepend_child(name);
  }

  static xml_node spacing(xml_node p) {
    xml_node s = ppr(p).child("w:spacing");
    return s ? s : ppr_child(p, "w:spacing", {"w:pStyle", "w:keepNext", "w:keepLines", "w:pageBreakBefore", "w:widowControl", "w:pBdr", "w:tabs"});
  }

  static void set_spacing_before(xml_node p, double pt) {
    xml_node s = spacing(p);
    s.remove_attribute("w:before");
    s.prepend_attribute("w:before") = str(twips(pt)).c_str();
  }

  static void keep_next(xml_node p) { ppr_child(p, "w:keepNext", {"w:pStyle"}); }

  // A rule: an empty paragraph whose top border is `length` long, centred in a column
  // `column` wide (indents set the length), `gap` below the text above it.
  void rule(double length, double column, const style::RuleStyle& rs, double space_after, xml_node parent = {}) {
    xml_node p = (parent ? parent : body_).append_child("w:p");
    xml_node pr = p.append_child("w:pPr");
    pr.append_child("w:keepNext");
    xml_node bdr = pr.append_child("w:pBdr").append_child("w:top");
    bdr.append_attribute("w:val") = "single";
    bdr.append_attribute("w:sz") = str(std::max(2L, std::lround(rs.thickness * 8))).c_str();
    bdr.append_attribute("w:space") = "0";
    bdr.append_attribute("w:color") = "000000";
    xml_node sp = pr.append_child("w:spacing");
    sp.append_attribute("w:before") = str(twips(std::max(0.0, rs.gap - 3))).c_str();
    sp.append_attribute("w:after") = str(twips(space_after)).c_str();
    sp.append_attribute("w:line") = "20";
    sp.append_attribute("w:lineRule") = "exact";
    double side = std::max(0.0, (column - length) / 2);
    xml_node ind = pr.append_child("w:ind");
    ind.append_attribute("w:left") = str(twips(side)).c_str();
    ind.append_attribute("w:right") = str(twips(side)).c_str();
    xml_node rpr = pr.append_child("w:rPr");
    rpr.append_child("w:sz").append_attribute("w:val") = "2";
  }

  xml_node table(const std::vector<double>& widths, bool borders) {
    xml_node tbl = body_.append_child("w:tbl");
    xml_node pr = tbl.append_child("w:tblPr");
    double total = 0;
    for (double w : widths) total += w;
    xml_node w = pr.append_child("w:tblW");
    w.append_attribute("w:w") = str(twips(total)).c_str();
    w.append_attribute("w:type") = "dxa";
    xml_node b = pr.append_child("w:tblBorders");
    for (const char* side : {"w:top", "w:left", "w:bottom", "w:right", "w:insideH", "w:insideV"}) {
      xml_node e = b.append_child(side);
      e.append_attribute("w:val") = borders ? "single" : "nil";
      if (borders) {
        e.append_attribute("w:sz") = str(std::max(2L, std::lround(tpl_.form.border * 8))).c_str();
        e.append_attribute("w:space") = "0";
        e.append_attribute("w:color") = "000000";
      }
    }
    pr.append_child("w:tblLayout").append_attribute("w:type") = "fixed";
    xml_node mar = pr.append_child("w:tblCellMar");
    for (const char* side : {"w:left", "w:right"}) {
      xml_node e = mar.append_child(side);
      e.append_attribute("w:w") = str(twips(borders ? tpl_.form.cell_padding : 0)).c_str();
      e.append_attribute("w:type") = "dxa";
    }
    xml_node look = pr.append_child("w:tblLook");
    look.append_attribute("w:val") = "0000";
    xml_node grid = tbl.append_child("w:tblGrid");
    for (double x : widths) grid.append_child("w:gridCol").append_attribute("w:w") = str(twips(x)).c_str();
    return tbl;
  }

  static xml_node row(xml_node tbl, bool cant_split, bool header) {
    xml_node tr = tbl.append_child("w:tr");
    if (cant_split || header) {
      xml_node pr = tr.append_child("w:trPr");
      if (cant_split) pr.append_child("w:cantSplit");
      if (header) pr.append_child("w:tblHeader");
    }
    return tr;
  }

  static xml_node cell(xml_node tr, double width, int span = 1, const char* vmerge = nullptr, bool centre = false) {
    xml_node tc = tr.append_child("w:tc");
    xml_node pr = tc.append_child("w:tcPr");
    xml_node w = pr.append_child("w:tcW");
    w.append_attribute("w:w") = str(twips(width)).c_str();
    w.append_attribute("w:type") = "dxa";
    if (span > 1) pr.append_child("w:gridSpan").append_attribute("w:val") = span;
    if (vmerge) {
      xml_node v = pr.append_child("w:vMerge");
      if (*vmerge) v.append_attribute("w:val") = vmerge;
    }
    if (centre) pr.append_child("w:vAlign").append_attribute("w:val") = "center";
    return tc;
  }

  // ô 1-4 as a borderless fixed table: parent, agency and rule, Số | Quốc hiệu, Tiêu
  // ngữ and rule, place and date.
  void header_table(const model::Document& d) {
    const auto& h = tpl_.header;
    double gap = width_ - h.left_width - h.right_width;
    std::vector<double> widths{h.left_width};
    if (gap > 0.5) widths.push_back(gap);
    widths.push_back(h.right_width);
    xml_node tbl = table(widths, false);
    xml_node tr = row(tbl, true, false);
    xml_node left = cell(tr, h.left_width);
    for (const auto& line : d.parent_agency) paragraph(plain(line), "parent-agency", left);
    double agency_width = 0;
    for (const auto& line : d.issuing_agency) {
      paragraph(plain(line), "issuing-agency", left);
      agency_width = std::max(agency_width, measure_widest(line, "issuing-agency", h.left_width));
    }
    rule(agency_width * h.agency_rule.length_ratio, h.left_width, h.agency_rule, h.number_gap, left);
    if (gap > 0.5) cell(tr, gap).append_child("w:p");
    xml_node right = cell(tr, h.right_width);
    paragraph(plain(d.national_title.empty() ? h.national_title : d.national_title), "national-title", right);
    std::string motto = d.motto.empty() ? h.motto : d.motto;
    paragraph(plain(motto), "motto", right);
    rule(measure_widest(motto, "motto", h.right_width) * h.motto_rule.length_ratio, h.right_width, h.motto_rule,
         h.number_gap, right);
    // Số and the place-and-date line in a row of their own, so they start level; with
    // the same exact line height they share a baseline (ND30-DATE-4).
    xml_node tr2 = row(tbl, true, false);
    double pitch = std::max(fonts_.face(false, false).line_height(tpl_.style("number").size),
                            fonts_.face(false, true).line_height(tpl_.style("place-date").size));
    auto number = paragraph(plain(wording::number_line(d, tpl_)), "number", cell(tr2, h.left_width));
    exact_line(number, pitch);
    if (gap > 0.5) cell(tr2, gap).append_child("w:p");
    exact_line(paragraph(plain(wording::place_date(d, tpl_)), "place-date", cell(tr2, h.right_width)), pitch);
  }

  double ascent(const std::string& style_name) const {
    const auto& st = tpl_.style(style_name);
    const auto& f = fonts_.face(st.bold, st.italic);
    return f.ascender() * st.size / f.units_per_em();
  }

  static void exact_line(xml_node p, double pitch) {
    xml_node s = spacing(p);
    s.append_attribute("w:line") = str(twips(pitch)).c_str();
    s.append_attribute("w:lineRule") = "exact";
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
            paragraph(with_prefix(prefix, b.title), ns.title_style);
            if (!b.text.empty()) paragraph(b.text, ns.text_style);
          } else {
            paragraph(with_prefix(prefix, b.text), ns.text_style);
          }
          blocks(b.children);
          break;
        }
        case BlockKind::Dash:
        case BlockKind::Plus:
        case BlockKind::Contact:
          paragraph(with_prefix(wording::block_prefix(tpl_, kind, ordinal, b.label), b.text),
                    tpl_.numbering_for(kind).text_style);
          blocks(b.children);
          break;
        case BlockKind::Paragraph:
          paragraph(b.text, b.style.empty() ? "body" : b.style);
          break;
        case BlockKind::FillLines:
          for (int i = 0; i < b.line_count; ++i) dotted_line(width_);
          break;
      }
    }
  }

  // Nơi nhận and the signature: one borderless row that never splits.
  void closing(const model::Document& d) {
    const auto& c = tpl_.closing;
    if (d.recipients.empty() && d.signature.authority_lines.empty()) return;
    // The body's last paragraph stays with the block.
    for (xml_node last = body_.last_child(); last; last = last.previous_sibling()) {
      if (std::string(last.name()) == "w:p") {
        keep_next(last);
        break;
      }
    }
    xml_node tbl = table({c.recipients_width, width_ - c.recipients_width}, false);
    xml_node tr = row(tbl, true, false);
    xml_node left = cell(tr, c.recipients_width);
    auto label = paragraph(plain(c.recipients_label), "recipients-label", left);
    // "Nơi nhận:" level with the first authority line (ND30-NN-3): same top, baselines
    // an ascent down, so the smaller label starts lower by the difference.
    double level = d.signature.authority_lines.empty() ? 0 : ascent("authority") - ascent("recipients-label");
    set_spacing_before(label, c.space_before + std::max(0.0, level));
    for (const auto& r : d.recipients) paragraph(plain(c.recipient_prefix + r), "recipients", left);
    xml_node right = cell(tr, width_ - c.recipients_width);
    bool first = true;
    for (const auto& line : d.signature.authority_lines) {
      auto p = paragraph(plain(line), "authority", right);
      if (first) set_spacing_before(p, c.space_before);
      first = false;
    }
    auto signer = paragraph(plain(d.signature.signer_name), "signer", right);
    set_spacing_before(signer, c.signature_space);
  }

  void appendix_heading(const std::string& label, const std::string& title, const std::string& reference) {
    if (!label.empty()) keep_next(paragraph(plain(label), "appendix-label"));
    if (!title.empty()) keep_next(paragraph(plain(title), "appendix-title"));
    keep_next(paragraph(plain(reference), "appendix-reference"));
    rule(measure_widest(reference, "appendix-reference", width_) * tpl_.appendix.reference_rule.length_ratio, width_,
         tpl_.appendix.reference_rule, tpl_.appendix.space_after);
  }

  // A right tab with a dot leader at `to` (pt from the left margin), what Word users do
  // for lines left for handwriting.
  static void leader_tab(xml_node p, double to) {
    xml_node tabs = ppr(p).child("w:tabs");
    if (!tabs) tabs = ppr_child(p, "w:tabs", {"w:pStyle", "w:keepNext", "w:keepLines", "w:pageBreakBefore", "w:widowControl", "w:pBdr"});
    xml_node tab = tabs.append_child("w:tab");
    tab.append_attribute("w:val") = "right";
    tab.append_attribute("w:leader") = "dot";
    tab.append_attribute("w:pos") = str(twips(to)).c_str();
  }

  static void tab_run(xml_node p) { p.append_child("w:r").append_child("w:tab"); }

  void dotted_line(double to, xml_node parent = {}) {
    xml_node p = paragraph({}, "fill-line", parent);
    leader_tab(p, to);
    tab_run(p);
  }

  const std::string& value(const model::FormRecord* record, const std::string& name) {
    static const std::string empty;
    if (!record) return empty;
    auto it = record->values.find(name);
    return it == record->values.end() ? empty : it->second;
  }

  int lines_of(const std::string& text, const std::string& style_name) {
    const auto& st = tpl_.style(style_name);
    double w = text::measure(fonts_.face(st.bold, st.italic), st.size, text);
    return std::max(1, static_cast<int>(std::ceil(w / (width_ - st.left_indent) * 1.04)));
  }

  void form_items(const style::Template& form, const model::FormRecord* record) {
    using Kind = style::FormItem::Kind;
    for (const auto& item : form.form.items) {
      auto numbered = [](const style::FormItem& f) { return f.number.empty() ? f.label : f.number + ". " + f.label; };
      switch (item.kind) {
        case Kind::Field:
          if (item.lines > 0) {
            keep_next(paragraph(plain(numbered(item)), "form-label"));
            if (!item.hint.empty()) keep_next(paragraph(plain(item.hint), "form-hint"));
            const std::string& v = value(record, item.name);
            int used = 0;
            if (!v.empty()) {
              paragraph(plain(v), "form-value");
              used = lines_of(v, "form-value");
            }
            if (v.empty() || form.form.keep_unused_lines)
              for (int i = used; i < item.lines; ++i) dotted_line(width_);
          } else {
            inline_fields(form, {item}, record);
          }
          break;
        case Kind::Row: inline_fields(form, item.children, record); break;
        case Kind::Table: form_table(form, item, record); break;
        case Kind::PlaceDate: {
          const std::string& v = value(record, item.name);
          keep_next(paragraph(plain(v.empty() ? item.text : v), "form-place-date"));
          break;
        }
        case Kind::Signing: {
          keep_next(paragraph(plain(item.text), "form-signing-caption"));
          const std::string& name = value(record, item.name);
          auto p = paragraph(plain(name), "form-signer");
          set_spacing_before(p, item.space);
          break;
        }
        case Kind::Text: paragraph(plain(item.text), "body"); break;
      }
    }
  }

  // "1. Họ và tên: value……" with the dots as a right tab leader; several fields share
  // the line, each dotted to the end of its column.
  void inline_fields(const style::Template& form, const std::vector<style::FormItem>& fields,
                     const model::FormRecord* record) {
    xml_node p = paragraph({}, "form-inline");
    double column = width_ / fields.size();
    for (size_t c = 0; c < fields.size(); ++c) {
      const auto& f = fields[c];
      const std::string& v = value(record, f.name);
      std::string text = (f.number.empty() ? f.label : f.number + ". " + f.label) + (v.empty() ? "" : " " + v);
      run(p, (c > 0 ? " " : "") + text + " ", false, false);
      if (v.empty() || form.form.keep_unused_lines) {
        leader_tab(p, column * (c + 1) - (c + 1 < fields.size() ? 7 : 0));
        tab_run(p);
      }
    }
  }

  void form_table(const style::Template& form, const style::FormItem& item, const model::FormRecord* record) {
    if (!item.label.empty()) keep_next(paragraph(plain(item.number.empty() ? item.label : item.number + ". " + item.label), "table-label"));
    static const std::vector<model::TableRow> none;
    const std::vector<model::TableRow>* rows = &none;
    if (record) {
      auto it = record->tables.find(item.name);
      if (it != record->tables.end()) rows = &it->second;
    }
    std::vector<model::TableRow> blank(rows->empty() ? item.blank_rows : 0);
    if (rows->empty()) rows = &blank;
    // Widths as the PDF layout computes them: fixed, fitted to the title, the rest shared.
    const auto& hs = tpl_.style("table-header");
    const auto& cs = tpl_.style("table-cell");
    const double pad = form.form.cell_padding;
    size_t n = item.columns.size();
    std::vector<double> w(n, 0);
    double fixed = 0, weights = 0;
    for (size_t c = 0; c < n; ++c) {
      const auto& col = item.columns[c];
      if (col.kind == style::ColumnWidth::Fixed) w[c] = col.width;
      else if (col.kind == style::ColumnWidth::Fit) {
        double widest = text::measure(fonts_.face(hs.bold, hs.italic), hs.size, col.title);
        for (const auto& r : *rows) {
          auto it = r.find(col.name);
          if (it != r.end()) widest = std::max(widest, text::measure(fonts_.face(cs.bold, cs.italic), cs.size, it->second));
        }
        w[c] = widest + 2 * pad;
      } else {
        weights += col.width;
        continue;
      }
      fixed += w[c];
    }
    double rest = std::max(0.0, width_ - fixed);
    for (size_t c = 0; c < n; ++c)
      if (item.columns[c].kind == style::ColumnWidth::Proportional) w[c] = weights > 0 ? rest * item.columns[c].width / weights : 0;
    double total = 0;
    for (double x : w) total += x;
    if (total > width_ || weights == 0) for (double& x : w) x *= width_ / total;

    xml_node tbl = table(w, true);
    bool grouped = std::any_of(item.columns.begin(), item.columns.end(), [](const auto& c) { return !c.group.empty(); });
    xml_node tr1 = row(tbl, true, true);
    for (size_t c = 0; c < n;) {
      const auto& col = item.columns[c];
      if (col.group.empty()) {
        paragraph(plain(col.title), "table-header", cell(tr1, w[c], 1, grouped ? "restart" : nullptr, true));
        ++c;
        continue;
      }
      size_t e = c;
      double span_width = 0;
      while (e < n && item.columns[e].group == col.group) span_width += w[e++];
      paragraph(plain(col.group), "table-header", cell(tr1, span_width, static_cast<int>(e - c), nullptr, true));
      c = e;
    }
    if (grouped) {
      xml_node tr2 = row(tbl, true, true);
      for (size_t c = 0; c < n; ++c) {
        const auto& col = item.columns[c];
        if (col.group.empty()) cell(tr2, w[c], 1, "", true).append_child("w:p");
        else paragraph(plain(col.title), "table-header", cell(tr2, w[c], 1, nullptr, true));
      }
    }
    for (const auto& r : *rows) {
      xml_node tr = row(tbl, true, false);
      for (size_t c = 0; c < n; ++c) {
        auto it = r.find(item.columns[c].name);
        xml_node p = paragraph(plain(it == r.end() ? "" : it->second), "table-cell", cell(tr, w[c]));
        ppr_child(p, "w:jc", {"w:pStyle", "w:keepNext", "w:spacing", "w:ind"}).append_attribute("w:val") = jc(item.columns[c].align);
      }
    }
    body_.append_child("w:p");  // Word wants a paragraph between a table and what follows
  }

  // --- sections, parts ---------------------------------------------------------------------

  void section_properties(xml_node parent) {
    xml_node s = parent.append_child("w:sectPr");
    for (auto [type, id] : {std::pair{"default", "rIdHeaderDefault"}, std::pair{"first", "rIdHeaderFirst"}}) {
      xml_node h = s.append_child("w:headerReference");
      h.append_attribute("w:type") = type;
      h.append_attribute("r:id") = id;
    }
    const auto& pg = tpl_.page;
    xml_node size = s.append_child("w:pgSz");
    size.append_attribute("w:w") = str(twips(pg.width)).c_str();
    size.append_attribute("w:h") = str(twips(pg.height)).c_str();
    xml_node mar = s.append_child("w:pgMar");
    mar.append_attribute("w:top") = str(twips(pg.margin_top)).c_str();
    mar.append_attribute("w:right") = str(twips(pg.margin_right)).c_str();
    mar.append_attribute("w:bottom") = str(twips(pg.margin_bottom)).c_str();
    mar.append_attribute("w:left") = str(twips(pg.margin_left)).c_str();
    // The page number's baseline sits at number_baseline: the header starts about an
    // ascent above it.
    const auto& nst = tpl_.style(pg.number_style);
    double header_top = pg.number_baseline - nst.size * 0.891;
    mar.append_attribute("w:header") = str(twips(header_top)).c_str();
    mar.append_attribute("w:footer") = str(twips(pg.margin_bottom / 2)).c_str();
    mar.append_attribute("w:gutter") = "0";
    s.append_child("w:pgNumType").append_attribute("w:start") = "1";
    if (!pg.number_first_page) s.append_child("w:titlePg");
    xml_node grid = s.append_child("w:docGrid");
    grid.append_attribute("w:linePitch") = "360";
  }

  // Ends the current section: its properties go into a last paragraph.
  void end_section() {
    section_properties(body_.append_child("w:p").append_child("w:pPr"));
  }

  std::string styles() {
    pugi::xml_document d;
    xml_node root = d.append_child("w:styles");
    root.append_attribute("xmlns:w") = kW;
    xml_node defaults = root.append_child("w:docDefaults");
    xml_node rpr = defaults.append_child("w:rPrDefault").append_child("w:rPr");
    xml_node fonts = rpr.append_child("w:rFonts");
    for (const char* a : {"w:ascii", "w:eastAsia", "w:hAnsi", "w:cs"}) fonts.append_attribute(a) = tpl_.font_family.c_str();
    rpr.append_child("w:sz").append_attribute("w:val") = str(std::lround(tpl_.style("body").size * 2)).c_str();
    rpr.append_child("w:szCs").append_attribute("w:val") = str(std::lround(tpl_.style("body").size * 2)).c_str();
    xml_node lang = rpr.append_child("w:lang");
    lang.append_attribute("w:val") = "vi-VN";
    lang.append_attribute("w:eastAsia") = "vi-VN";
    lang.append_attribute("w:bidi") = "ar-SA";
    xml_node ppr_default = defaults.append_child("w:pPrDefault").append_child("w:pPr");
    xml_node sp = ppr_default.append_child("w:spacing");
    sp.append_attribute("w:after") = "0";
    sp.append_attribute("w:line") = "240";
    sp.append_attribute("w:lineRule") = "auto";

    xml_node normal = root.append_child("w:style");
    normal.append_attribute("w:type") = "paragraph";
    normal.append_attribute("w:default") = "1";
    normal.append_attribute("w:styleId") = "Normal";
    normal.append_child("w:name").append_attribute("w:val") = "Normal";
    normal.append_child("w:qFormat");

    for (auto [id, name, bold, italic] : {std::tuple{"VBBold", "Chữ đậm", true, false},
                                          std::tuple{"VBItalic", "Chữ nghiêng", false, true},
                                          std::tuple{"VBBoldItalic", "Chữ đậm nghiêng", true, true}}) {
      xml_node cs = root.append_child("w:style");
      cs.append_attribute("w:type") = "character";
      cs.append_attribute("w:customStyle") = "1";
      cs.append_attribute("w:styleId") = id;
      cs.append_child("w:name").append_attribute("w:val") = name;
      cs.append_child("w:qFormat");
      xml_node r = cs.append_child("w:rPr");
      if (bold) r.append_child("w:b");
      if (italic) r.append_child("w:i");
    }

    for (const auto& name : used_styles_) {
      const auto& st = tpl_.style(name);
      xml_node s = root.append_child("w:style");
      s.append_attribute("w:type") = "paragraph";
      s.append_attribute("w:customStyle") = "1";
      s.append_attribute("w:styleId") = style_id(name).c_str();
      auto display = kDisplayNames.find(name);
      s.append_child("w:name").append_attribute("w:val") = (display == kDisplayNames.end() ? name : display->second).c_str();
      s.append_child("w:basedOn").append_attribute("w:val") = "Normal";
      s.append_child("w:qFormat");
      xml_node pr = s.append_child("w:pPr");
      if (st.keep_with_next) pr.append_child("w:keepNext");
      pr.append_child("w:widowControl");
      xml_node spacing = pr.append_child("w:spacing");
      spacing.append_attribute("w:before") = str(twips(st.space_before * scale_)).c_str();
      spacing.append_attribute("w:after") = str(twips(st.space_after * scale_)).c_str();
      // The line pitch of the PDF layout: line-spacing x the font's single line height,
      // as "at least" so Word and LibreOffice keep the same pitch.
      double pitch = fonts_.face(st.bold, st.italic).line_height(st.size) * st.line_spacing * scale_;
      spacing.append_attribute("w:line") = str(twips(pitch)).c_str();
      spacing.append_attribute("w:lineRule") = "atLeast";
      if (st.first_indent != 0 || st.left_indent != 0) {
        xml_node ind = pr.append_child("w:ind");
        ind.append_attribute("w:left") = str(twips(st.left_indent)).c_str();
        ind.append_attribute("w:firstLine") = str(twips(st.first_indent)).c_str();
      }
      pr.append_child("w:jc").append_attribute("w:val") = jc(st.align);
      xml_node r = s.append_child("w:rPr");
      if (st.bold) {
        r.append_child("w:b");
        r.append_child("w:bCs");
      }
      if (st.italic) {
        r.append_child("w:i");
        r.append_child("w:iCs");
      }
      if (st.color.r != 0 || st.color.g != 0 || st.color.b != 0) {
        char hex[8];
        std::snprintf(hex, sizeof hex, "%02X%02X%02X", static_cast<int>(st.color.r * 255), static_cast<int>(st.color.g * 255),
                      static_cast<int>(st.color.b * 255));
        r.append_child("w:color").append_attribute("w:val") = hex;
      }
      r.append_child("w:sz").append_attribute("w:val") = str(std::lround(st.size * scale_ * 2)).c_str();
      r.append_child("w:szCs").append_attribute("w:val") = str(std::lround(st.size * scale_ * 2)).c_str();
    }
    return xml_string(d);
  }

  std::string header(bool with_number) {
    pugi::xml_document d;
    xml_node hdr = d.append_child("w:hdr");
    hdr.append_attribute("xmlns:w") = kW;
    hdr.append_attribute("xmlns:r") = kR;
    xml_node p = hdr.append_child("w:p");
    if (!with_number) return xml_string(d);
    const auto& name = tpl_.page.number_style;
    used_styles_.insert(name);
    p.append_child("w:pPr").append_child("w:pStyle").append_attribute("w:val") = style_id(name).c_str();
    auto field = [&](const char* type) {
      p.append_child("w:r").append_child("w:fldChar").append_attribute("w:fldCharType") = type;
    };
    field("begin");
    xml_node instr = p.append_child("w:r").append_child("w:instrText");
    instr.append_attribute("xml:space") = "preserve";
    instr.text().set(" PAGE ");
    field("separate");
    p.append_child("w:r").append_child("w:t").text().set("2");
    field("end");
    return xml_string(d);
  }

  static std::string settings() {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
           "<w:settings xmlns:w=\"" + std::string(kW) + "\">"
           "<w:defaultTabStop w:val=\"720\"/><w:characterSpacingControl w:val=\"doNotCompress\"/>"
           "<w:compat><w:compatSetting w:name=\"compatibilityMode\" w:uri=\"http://schemas.microsoft.com/office/word\" w:val=\"15\"/></w:compat>"
           "</w:settings>";
  }

  std::string font_table() const {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
           "<w:fonts xmlns:w=\"" + std::string(kW) + "\"><w:font w:name=\"" + tpl_.font_family +
           "\"><w:panose1 w:val=\"02020603050405020304\"/><w:charset w:val=\"00\"/><w:family w:val=\"roman\"/>"
           "<w:pitch w:val=\"variable\"/></w:font></w:fonts>";
  }

  std::string content_types() const {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
           "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
           "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
           "<Default Extension=\"xml\" ContentType=\"application/xml\"/>" +
           std::string(media_.empty() ? "" : "<Default Extension=\"png\" ContentType=\"image/png\"/>") +
           "<Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>"
           "<Override PartName=\"/word/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml\"/>"
           "<Override PartName=\"/word/settings.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml\"/>"
           "<Override PartName=\"/word/fontTable.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.fontTable+xml\"/>"
           "<Override PartName=\"/word/header1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml\"/>"
           "<Override PartName=\"/word/header2.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml\"/>"
           "<Override PartName=\"/docProps/core.xml\" ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>"
           "<Override PartName=\"/docProps/app.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.extended-properties+xml\"/>"
           "</Types>";
  }

  static std::string root_rels() {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
           "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
           "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/>"
           "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties\" Target=\"docProps/core.xml\"/>"
           "<Relationship Id=\"rId3\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties\" Target=\"docProps/app.xml\"/>"
           "</Relationships>";
  }

  std::string document_rels() const {
    const std::string base = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/";
    std::string images;
    for (size_t i = 1; i <= media_.size(); ++i) {
      images += "<Relationship Id=\"rIdImage" + std::to_string(i) + "\" Type=\"" + base + "image\" Target=\"media/image" +
                std::to_string(i) + ".png\"/>";
    }
    return "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
           "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
           "<Relationship Id=\"rIdStyles\" Type=\"" + base + "styles\" Target=\"styles.xml\"/>"
           "<Relationship Id=\"rIdSettings\" Type=\"" + base + "settings\" Target=\"settings.xml\"/>"
           "<Relationship Id=\"rIdFonts\" Type=\"" + base + "fontTable\" Target=\"fontTable.xml\"/>"
           "<Relationship Id=\"rIdHeaderDefault\" Type=\"" + base + "header\" Target=\"header1.xml\"/>"
           "<Relationship Id=\"rIdHeaderFirst\" Type=\"" + base + "header\" Target=\"header2.xml\"/>" +
           images + "</Relationships>";
  }

  std::string w3cdtf() const {
    if (options_.creation_date.size() >= 10) {
      std::string d = options_.creation_date;
      if (d.size() == 10) return d + "T00:00:00Z";
      return d;
    }
    char buf[32];
    time_t now = std::time(nullptr);
    std::tm tm{};
    gmtime_r(&now, &tm);
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
  }

  time_t mtime() const {
    std::tm tm{};
    std::string d = w3cdtf();
    if (std::sscanf(d.c_str(), "%d-%d-%dT%d:%d:%d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday, &tm.tm_hour, &tm.tm_min,
                    &tm.tm_sec) < 3) {
      return 315532800;  // 1980-01-01
    }
    tm.tm_year -= 1900;
    tm.tm_mon -= 1;
    return timegm(&tm);
  }

  std::string core(const std::string& title, const std::string& author) const {
    pugi::xml_document d;
    xml_node cp = d.append_child("cp:coreProperties");
    cp.append_attribute("xmlns:cp") = "http://schemas.openxmlformats.org/package/2006/metadata/core-properties";
    cp.append_attribute("xmlns:dc") = "http://purl.org/dc/elements/1.1/";
    cp.append_attribute("xmlns:dcterms") = "http://purl.org/dc/terms/";
    cp.append_attribute("xmlns:xsi") = "http://www.w3.org/2001/XMLSchema-instance";
    cp.append_child("dc:title").text().set(title.c_str());
    cp.append_child("dc:creator").text().set(author.c_str());
    cp.append_child("dc:language").text().set("vi-VN");
    for (const char* name : {"dcterms:created", "dcterms:modified"}) {
      xml_node n = cp.append_child(name);
      n.append_attribute("xsi:type") = "dcterms:W3CDTF";
      n.text().set(w3cdtf().c_str());
    }
    return xml_string(d);
  }

  static std::string app() {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
           "<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\">"
           "<Application>vanban</Application></Properties>";
  }
};

}  // namespace

std::string write_document(const model::Document& document, const style::Template& tpl, const FormTemplates& forms,
                           const text::FontFamily& fonts, const DocxOptions& options) {
  Writer w(tpl, fonts, options);
  w.document(document, forms);
  std::string author;
  for (const auto& l : document.issuing_agency) author += (author.empty() ? "" : " ") + l;
  return w.finish(document.subject, author);
}

std::string write_forms(const style::Template& form, const std::vector<model::FormRecord>& records, bool blank,
                        const text::FontFamily& fonts, const DocxOptions& options) {
  Writer w(form, fonts, options);
  std::vector<const model::FormRecord*> list;
  if (blank || records.empty()) list.push_back(nullptr);
  else for (const auto& r : records) list.push_back(&r);
  w.forms(list);
  return w.finish(form.form.title, "");
}

std::string write_certificates(const style::Template& tpl, const std::vector<const model::ListRow*>& rows,
                               const CertificateDocxOptions& certificate, const text::FontFamily& fonts,
                               const DocxOptions& options) {
  if (rows.empty()) throw Error(ErrorKind::Output, "no certificate to write");
  Writer w(tpl, fonts, options);
  w.certificates(rows, certificate);
  const auto& c = tpl.certificate;
  return w.finish(c.title_lines.empty() ? tpl.name : c.title_lines.front(), c.issuer);
}

}  // namespace vanban::docx
