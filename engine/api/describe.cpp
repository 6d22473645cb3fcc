// Engine::describe_template: what a template asks for, as JSON (issue #15). The web page
// (web/app.js) builds its inputs from it, and a portal can read it to know what to send.
// Every "path" is the field path the engine's diagnostics name (model/document_builder.cpp,
// model/form_data.cpp, model/recipient_list.cpp), so a problem finds its input.
// The labels are Vietnamese: they are what a clerk reads next to the input.
#include <nlohmann/json.hpp>

#include "vanban/engine.h"
#include "wording/wording.h"

namespace vanban {

namespace {

using Json = nlohmann::ordered_json;

const char* align_name(style::Align a) {
  switch (a) {
    case style::Align::Center: return "center";
    case style::Align::Right: return "right";
    case style::Align::Justify: return "justify";
    case style::Align::Left: break;
  }
  return "left";
}

// A column's width as a template writes it: "12mm" (given in pt here), "3*", "fit".
Json column_width(const style::TableColumn& c) {
  switch (c.kind) {
    case style::ColumnWidth::Fixed: return {{"kind", "fixed"}, {"pt", c.width}};
    case style::ColumnWidth::Fit: return {{"kind", "fit"}};
    case style::ColumnWidth::Proportional: break;
  }
  return {{"kind", "share"}, {"weight", c.width}};
}

// The data key of an item and the field path a problem with its value names (form_data.cpp:
// the key itself); an item without a name (a caption only) takes no value.
void name_and_path(Json& j, const style::FormItem& item) {
  if (item.name.empty()) return;
  j["name"] = item.name;
  j["path"] = item.name;
}

// One form item: a field (its value a line of text, or `lines` lines), a row of fields
// side by side, a table, the place-and-date line, the signing block or fixed text. A form
// asks for nothing (a blank one prints): every value is optional.
Json form_item(const style::FormItem& item) {
  using K = style::FormItem::Kind;
  Json j;
  switch (item.kind) {
    case K::Field:
      j["type"] = "field";
      name_and_path(j, item);
      j["number"] = item.number;
      j["label"] = item.label;
      j["hint"] = item.hint;
      j["lines"] = item.lines;           // 0: the value follows the label on its line
      j["multiline"] = item.lines > 1;
      j["required"] = false;
      break;
    case K::Row: {
      j["type"] = "row";
      Json fields = Json::array();
      for (const auto& child : item.children) fields.push_back(form_item(child));
      j["fields"] = std::move(fields);
      break;
    }
    case K::Table: {
      j["type"] = "table";
      j["name"] = item.name;
      j["path"] = item.name;             // rows: <name>[i], cells: <name>[i].<column>
      j["number"] = item.number;
      j["label"] = item.label;
      j["blank_rows"] = item.blank_rows;
      j["required"] = false;
      Json columns = Json::array();
      for (const auto& c : item.columns) {
        columns.push_back({{"name", c.name}, {"title", c.title}, {"group", c.group}, {"align", align_name(c.align)},
                           {"width", column_width(c)}});
      }
      j["columns"] = std::move(columns);
      j["data"] = "JSON only: an array of rows, each an array of cells in column order or an object keyed by column";
      break;
    }
    case K::PlaceDate:
      j["type"] = "place-date";
      name_and_path(j, item);
      j["label"] = "Địa danh, ngày tháng";
      j["text"] = item.text;             // printed when no value is given
      j["required"] = false;
      break;
    case K::Signing:
      j["type"] = "signing";
      name_and_path(j, item);
      j["label"] = "Họ và tên người ký";
      j["caption"] = item.text;
      j["required"] = false;
      break;
    case K::Text:
      j["type"] = "text";
      j["text"] = item.text;
      break;
  }
  return j;
}

Json describe_form(const style::Template& tpl) {
  const auto& f = tpl.form;
  Json items = Json::array();
  for (const auto& item : f.items) items.push_back(form_item(item));
  return {{"label", f.label},
          {"title", f.title},
          {"reference", f.reference},
          {"items", std::move(items)},
          {"blank", true},
          {"data", "a JSON object (one form), a JSON array of objects, or a CSV/XLSX table whose header row names "
                   "the fields (one form per row; tables in JSON only)"}};
}

// A field of the document model (docs/model.md): its path, the label a clerk reads, its
// type ("text", "multiline", "lines": one entry per printed line, "integer", "choice",
// "boolean", "rich-list": lines of rich text, "list": lines of text), and where it goes.
struct FieldSpec {
  const char* path;
  const char* label;
  const char* type;
  bool required;
  const char* group;
  const char* hint;
  const char* rule = "";  // the rule of ../shared/spec/nd30.md the field is printed by
};

Json field(const FieldSpec& s) {
  Json j{{"path", s.path}, {"label", s.label}, {"type", s.type}, {"required", s.required},
         {"group", s.group}, {"hint", s.hint}};
  if (*s.rule) j["rule"] = s.rule;
  return j;
}

const style::RegionSpec* region(const std::vector<style::RegionSpec>& regions, style::RegionSpec::Kind kind) {
  for (const auto& r : regions) {
    if (r.kind == kind) return &r;
  }
  return nullptr;
}

const char* region_name(style::RegionSpec::Kind k) {
  using K = style::RegionSpec::Kind;
  switch (k) {
    case K::Header: return "header";
    case K::Title: return "title";
    case K::KinhGui: return "kinh-gui";
    case K::Preamble: return "preamble";
    case K::Body: return "body";
    case K::Closing: return "closing";
    case K::Copy: return "copy";
    case K::Appendices: return "appendices";
    case K::Footer: return "footer";
  }
  return "body";
}

// The regions a template prints, in order (none declared: Mẫu 1.4's).
std::vector<style::RegionSpec> regions_of(const style::Template& tpl) {
  if (!tpl.regions.empty()) return tpl.regions;
  using K = style::RegionSpec::Kind;
  std::vector<style::RegionSpec> out;
  for (K k : {K::Header, K::Title, K::Body, K::Closing, K::Appendices}) {
    style::RegionSpec r;
    r.kind = k;
    out.push_back(r);
  }
  return out;
}

// The block types a body takes (model/block_builder.cpp), with the parts each has.
struct BlockSpec {
  const char* type;
  const char* label;
  std::vector<const char*> parts;    // title, text, label, marker, content, style, lines, table
  std::vector<const char*> needs;    // what must be given ("title|text": one of them)
};

const std::vector<BlockSpec>& block_specs() {
  static const std::vector<BlockSpec> specs = {
      {"part", "Phần", {"title", "label", "marker", "content"}, {"title"}},
      {"chapter", "Chương", {"title", "label", "marker", "content"}, {"title"}},
      {"section", "Mục (I, II, …)", {"title", "text", "label", "marker", "content"}, {"title"}},
      {"article", "Điều", {"title", "text", "label", "marker", "content"}, {"title|text"}},
      {"clause", "Khoản (1, 2, …)", {"title", "text", "label", "marker", "content"}, {"title|text"}},
      {"point", "Điểm (a, b, …)", {"title", "text", "label", "marker", "content"}, {"title|text"}},
      {"dash", "Gạch đầu dòng (-)", {"text", "marker", "content"}, {"text"}},
      {"plus", "Dấu cộng (+)", {"text", "marker", "content"}, {"text"}},
      {"star", "Dấu sao (*)", {"text", "marker", "content"}, {"text"}},
      {"paragraph", "Đoạn văn", {"text", "marker", "style"}, {"text"}},
      {"contact", "Liên hệ", {"text", "marker", "content"}, {"text"}},
      {"fill_lines", "Dòng chấm (để viết tay)", {"lines"}, {"lines"}},
      {"table", "Bảng", {"columns", "header", "rows", "repeat_header"}, {"columns", "rows"}},
  };
  return specs;
}

// How the template numbers a kind of block: its first two labels as printed ("I. ",
// "II. "; "Điều 1. "), and the schemes a model may pick instead.
Json numbering_of(const style::Template& tpl, const std::string& kind) {
  if (kind == "paragraph" || kind == "fill_lines" || kind == "table") return nullptr;
  Json j;
  j["first"] = wording::block_prefix(tpl, kind, 1, "");
  j["second"] = wording::block_prefix(tpl, kind, 2, "");
  Json schemes = Json::array();
  for (const auto& [key, ns] : tpl.numbering_schemes) {
    if (key.compare(0, kind.size() + 1, kind + ":") == 0) schemes.push_back(ns.scheme);
  }
  j["schemes"] = std::move(schemes);
  return j;
}

Json describe_document(const style::Template& tpl) {
  using K = style::RegionSpec::Kind;
  const std::vector<style::RegionSpec> regions = regions_of(tpl);
  const auto* header = region(regions, K::Header);
  const auto* title = region(regions, K::Title);
  const auto* kinh_gui = region(regions, K::KinhGui);
  const auto* preamble = region(regions, K::Preamble);
  const auto* closing = region(regions, K::Closing);

  Json d;
  d["type_name"] = tpl.type_name;
  d["abbreviation"] = tpl.type_abbreviation;
  Json rs = Json::array();
  for (const auto& r : regions) {
    Json j{{"region", region_name(r.kind)}};
    if (r.kind == K::Header) {
      j["number"] = r.number;
      j["date"] = r.date;
      j["subject_under_number"] = r.subject_under_number;
    } else if (r.kind == K::Title) {
      j["type_name"] = r.type_name;
      j["subject"] = r.subject;
    } else if (r.kind == K::KinhGui) {
      j["label"] = r.label_from == "authority" ? std::string("(thẩm quyền)") + r.label_suffix : r.label;
    } else if (r.kind == K::Preamble) {
      j["decision_word"] = r.decision_word;
    } else if (r.kind == K::Closing) {
      j["signatures"] = r.signatures;
      j["confirmation"] = r.confirmation;
    }
    rs.push_back(std::move(j));
  }
  d["regions"] = std::move(rs);

  // The header and title fields, in the order a clerk fills them (ô 1-5 of Mẫu 1.4).
  Json fields = Json::array();
  fields.push_back(field({"parent_agency", "Cơ quan chủ quản", "lines", false, "header",
                          "In hoa, mỗi dòng một ô: UBND TỈNH HÒA BÌNH", "ND30-CQ-2"}));
  fields.push_back(field({"issuing_agency", "Cơ quan ban hành", "lines", true, "header",
                          "In hoa, mỗi dòng một ô: SỞ GIÁO DỤC VÀ ĐÀO TẠO", "ND30-CQ-1"}));
  const std::string number_rule = header ? header->number : std::string("none");
  if (number_rule != "none") {
    const bool needed = number_rule == "required";
    Json n = field({"number.number", "Số", "text", false, "header", "Để trống: văn thư ghi số khi đăng ký", "ND30-SO-1"});
    n["optional_line"] = !needed;
    fields.push_back(std::move(n));
    fields.push_back(field({"number.year", "Năm (trong số của văn bản quy phạm)", "integer", false, "header",
                            "Chỉ văn bản quy phạm pháp luật: 05/2009/QĐ-UBND", "ND30-SO-1"}));
    fields.back()["min"] = 1900;
    fields.back()["max"] = 2200;
    Json sym = field({"number.symbol", "Ký hiệu", "text", needed, "header", ""});
    sym["hint"] = tpl.type_abbreviation.empty() ? std::string("CV-SGDĐT")
                                                : tpl.type_abbreviation + "-SGDĐT";
    sym["required_with"] = "number";
    fields.push_back(std::move(sym));
  }
  fields.push_back(field({"place", "Địa danh", "text", true, "header", "Hòa Bình", "ND30-DATE-1"}));
  if (!header || header->date) {
    fields.push_back(field({"date.day", "Ngày", "integer", false, "header", "Để trống: ghi tay khi ký", "ND30-DATE-2"}));
    fields.back()["min"] = 1;
    fields.back()["max"] = 31;
    fields.push_back(field({"date.month", "Tháng", "integer", false, "header", "", "ND30-DATE-2"}));
    fields.back()["min"] = 1;
    fields.back()["max"] = 12;
  }
  fields.push_back(field({"date.year", "Năm", "integer", true, "header", ""}));
  fields.back()["min"] = 1900;
  fields.back()["max"] = 2200;
  const bool subject_printed = (title && title->subject) || (header && header->subject_under_number);
  Json subject = field({"subject", "Trích yếu nội dung", "multiline", true, "title",
                        subject_printed ? "" : "Mẫu này không in trích yếu; vẫn cần để lưu và tra cứu", "ND30-TL-2"});
  subject["printed"] = subject_printed;
  fields.push_back(std::move(subject));
  Json secrecy = field({"marks.secrecy", "Độ mật", "choice", false, "marks", "", "ND30-MAT-1"});
  secrecy["values"] = {"MẬT", "TỐI MẬT", "TUYỆT MẬT"};
  fields.push_back(std::move(secrecy));
  Json urgency = field({"marks.urgency", "Độ khẩn", "choice", false, "marks", "", "ND30-KHAN-1"});
  urgency["values"] = {"KHẨN", "THƯỢNG KHẨN", "HỎA TỐC"};
  fields.push_back(std::move(urgency));
  fields.push_back(field({"marks.circulation", "Phạm vi lưu hành", "text", false, "marks", "XEM XONG TRẢ LẠI", "ND30-LH-1"}));
  fields.push_back(field({"marks.draft", "Dự thảo", "boolean", false, "marks", ""}));
  if (kinh_gui) {
    fields.push_back(field({"kinh_gui", "Kính gửi", "lines", false, "kinh-gui",
                            "Mỗi nơi một dòng, không gõ \"- \" và dấu câu cuối", "ND30-NN-2"}));
  }
  if (preamble || (kinh_gui && kinh_gui->label_from == "authority")) {
    fields.push_back(field({"authority", "Thẩm quyền ban hành", "text", false, "preamble",
                            "GIÁM ĐỐC SỞ GIÁO DỤC VÀ ĐÀO TẠO"}));
  }
  if (preamble) {
    fields.push_back(field({"preamble", "Căn cứ ban hành", "rich-list", false, "preamble",
                            "Mỗi căn cứ một dòng, có dấu câu của nó: \"Căn cứ …;\"", "ND30-CC-1"}));
  }
  fields.push_back(field({"issuer_name", "Tên cơ quan (trong câu)", "text", false, "appendices",
                          "Dùng trong dòng \"(Kèm theo … của Sở Giáo dục và Đào tạo tỉnh Hòa Bình)\""}));
  if (region(regions, K::Footer)) {
    fields.push_back(field({"address", "Địa chỉ, điện thoại (ô 13)", "lines", false, "footer", "", "ND30-DC-1"}));
  }
  Json national = field({"national_title", "Quốc hiệu", "text", false, "header", "", "ND30-QH-1"});
  national["default"] = tpl.header.national_title;
  fields.push_back(std::move(national));
  Json motto = field({"motto", "Tiêu ngữ", "text", false, "header", ""});
  motto["default"] = tpl.header.motto;
  fields.push_back(std::move(motto));
  d["fields"] = std::move(fields);

  Json blocks = Json::array();
  for (const auto& b : block_specs()) {
    blocks.push_back({{"type", b.type}, {"label", b.label}, {"parts", b.parts}, {"needs", b.needs},
                      {"numbering", numbering_of(tpl, b.type)}});
  }
  d["body"] = {{"path", "body"}, {"required", true}, {"blocks", std::move(blocks)},
               {"paths", "body[i], its parts body[i].title, body[i].text; nested blocks body[i].content[j]"}};

  Json authority = field({"authority", "Quyền hạn, chức vụ người ký", "lines", true, "closing",
                          "GIÁM ĐỐC, hoặc KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC", "ND30-SIG-1"});
  Json signer = field({"signer_name", "Họ tên người ký", "text", false, "closing", "Để trống: chỉ chừa chỗ ký"});
  d["signature"] = {{"path", "signature"},
                    {"several_path", "signatures"},
                    {"required", true},
                    {"arrangement", closing ? closing->signatures : std::string("side-by-side")},
                    {"confirmation", closing ? closing->confirmation : std::string()},
                    {"fields", Json::array({std::move(authority), std::move(signer)})}};
  d["recipients"] = {{"path", "recipients"},
                     {"label", tpl.closing.recipients_label},
                     {"prefix", tpl.closing.recipient_prefix},
                     {"required", false},
                     {"rule", "ND30-NN-3"},
                     {"hint", "Mỗi nơi một dòng, không gõ \"- \", có dấu câu: \"Bộ GD&ĐT;\", \"Lưu: VT, VP.\""}};
  d["appendices"] = {{"path", "appendices"},
                     {"printed", region(regions, K::Appendices) != nullptr},
                     {"label_word", tpl.appendix.label_word},
                     {"numbering", tpl.appendix.default_numbering}};
  if (region(regions, K::Copy)) {
    d["copy"] = {{"path", "copy"}, {"forms", Json::array()}};
    for (const auto& [text, abbr] : tpl.copy.forms) d["copy"]["forms"].push_back({{"text", text}, {"abbreviation", abbr}});
  }
  return d;
}

// The columns a list of recipients may have (model/recipient_list.cpp's canonical keys)
// and what each prints on the certificate (wording::certificate_text).
Json describe_certificate(const style::Template& tpl) {
  const auto& c = tpl.certificate;
  struct Column {
    const char* name;
    const char* header;
    bool required;
    const char* hint;
  };
  static const Column columns[] = {
      {"stt", "STT", false, "Số thứ tự: tìm dòng lỗi, đặt tên tệp"},
      {"ho_ten", "Họ và tên", true, "Người hoặc tập thể được khen"},
      {"gioi_tinh", "Giới tính", false, "Nam/Nữ: in \"Ông\"/\"Bà\" trước tên"},
      {"ten", "Tên", false, "Tên gọi để sắp xếp, khi họ tên không theo thứ tự họ - đệm - tên"},
      {"chuc_vu", "Chức vụ", false, ""},
      {"don_vi", "Đơn vị", false, "In sau chức vụ; gom theo đơn vị"},
      {"thanh_tich", "Thành tích", false, "Nội dung khen"},
      {"so_quyet_dinh", "Số quyết định", false, "125/QĐ-SGDĐT"},
      {"ngay_quyet_dinh", "Ngày quyết định", false, "dd/mm/yyyy"},
      {"so_so_vang", "Số sổ vàng", false, ""},
  };
  Json cols = Json::array();
  for (const auto& col : columns) {
    cols.push_back({{"name", col.name}, {"header", col.header}, {"required", col.required}, {"hint", col.hint}});
  }
  std::string title;
  for (const auto& line : c.title_lines) title += (title.empty() ? "" : " ") + line;
  return {{"title", title},
          {"verb", c.verb},
          {"issuer", c.issuer},
          {"place", c.place},
          {"signer_name", c.signer_name},
          {"qr_pattern", c.qr_pattern},
          {"columns", std::move(cols)},
          {"data", "a list: CSV (comma or semicolon), XLSX (first sheet), UTF-16 text or a JSON array of objects; "
                   "headers by their Vietnamese names or these keys; one certificate per row"},
          {"options", {"sort", "group"}}};
}

}  // namespace

std::string Engine::describe_template(const style::Template& tpl) const {
  Json j;
  j["name"] = tpl.name;
  j["kind"] = wording::template_kind(tpl);
  if (tpl.layout == "form") {
    j["layout"] = "form";
    j["form"] = describe_form(tpl);
  } else if (tpl.layout == "certificate") {
    j["layout"] = "certificate";
    j["certificate"] = describe_certificate(tpl);
  } else {
    j["layout"] = "document";
    j["document"] = describe_document(tpl);
  }
  return j.dump();
}

}  // namespace vanban
