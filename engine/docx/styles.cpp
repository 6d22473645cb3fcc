// styles.xml (the decree's formatting as named styles) and the page-number headers.
#include "docx/writer.h"

#include <cstdio>

#include "core/error.h"
#include "docx/package.h"


namespace vanban::docx {

namespace {

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
    // Issue #11's kinds: parts, chapters, articles, Kính gửi, the preamble, marks.
    {"part-label", "Phần"},
    {"part-title", "Tên phần"},
    {"chapter-label", "Chương"},
    {"chapter-title", "Tên chương"},
    {"section-label", "Mục (Mục 1)"},
    {"section-title", "Tên mục"},
    {"article", "Điều"},
    {"subject-under-number", "Trích yếu công văn (V/v)"},
    {"kinh-gui", "Kính gửi"},
    {"kinh-gui-item", "Kính gửi - nơi nhận"},
    {"authority-line", "Thẩm quyền ban hành"},
    {"preamble", "Căn cứ ban hành"},
    {"decision-word", "Quyết định (từ)"},
    {"stamp", "Dấu mức độ khẩn"},
    {"secrecy-mark", "Dấu mức độ mật"},
    {"draft-mark", "Dấu dự thảo"},
    {"address", "Địa chỉ cơ quan"},
    {"copy-form", "Hình thức sao"},
};

}  // namespace

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

std::string Writer::styles() {
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

std::string Writer::header(bool with_number, bool first_page) {
  pugi::xml_document d;
  xml_node hdr = d.append_child("w:hdr");
  hdr.append_attribute("xmlns:w") = kW;
  hdr.append_attribute("xmlns:r") = kR;
  if (first_page) margin_marks(hdr);
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

}  // namespace vanban::docx
