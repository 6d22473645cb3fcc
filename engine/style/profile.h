// A template: the document kind and the Decree 30 style profile it lays out with.
// Read from templates/*.xml (see docs/templates.md); the engine's C++ holds no
// decree numbers of its own. All lengths are in pt.
#pragma once
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace vanban::style {

enum class Align { Left, Center, Right, Justify };

struct Color {
  double r = 0, g = 0, b = 0;
};

// A paragraph style. Unset values inherit from the style named in `base` at load time.
struct ParagraphStyle {
  std::string name;
  bool bold = false;
  bool italic = false;
  double size = 14;             // pt
  Align align = Align::Left;
  double first_indent = 0;      // first-line indent
  double left_indent = 0;
  double space_before = 0;
  double space_after = 0;
  double line_spacing = 1.0;    // multiple of the font's single line height
  bool uppercase = false;       // upper-cased with the "vi" locale
  bool keep_with_next = false;  // never the last thing on a page
  Color color;
};

struct RuleStyle {
  double thickness = 0.5;
  double length_ratio = 0;      // of the text line above it (0 = use `length`)
  double length = 0;
  double gap = 2;               // from the baseline of the line above to the rule
};

// Numbering of body blocks: prefix + number in a format + suffix.
// Ordinal: the Vietnamese ordinal word ("thứ nhất", "thứ hai", … "thứ tư" …).
enum class NumberFormat { Roman, Arabic, VietnameseLetter, Ordinal, None };
struct NumberingStyle {
  std::string scheme;           // "" = the kind's default; else a name a model may pick ("outline", "ordinal")
  NumberFormat format = NumberFormat::None;
  std::string prefix, suffix;   // "I" -> prefix "" suffix ". "; "Điều " 1 ". "; "Phần " I ""
  // The number continues the enclosing numbered block's: "1.1. ", "1.1.1. " (the
  // parent's number, ".", this one's).
  bool outline = false;
  // The label stands on its own line in `label_style` and the title follows on the next
  // line in `title_style` ("Phần I" / "QUY ĐỊNH CHUNG", "Chương II" / …, ND30-NUM-2/3).
  std::string label_style;
  std::string title_style;      // paragraph style of a titled block's heading line
  std::string text_style;       // paragraph style of an untitled block / text
};

// The regions a kind of document is made of, in order (<regions> in a template; none =
// header, title, body, closing, appendices: Mẫu 1.4).
struct RegionSpec {
  enum class Kind { Header, Title, KinhGui, Preamble, Body, Closing, Copy, Appendices, Footer };
  Kind kind = Kind::Body;
  // header: "required" | "optional" (printed when the model gives one) | "none" (no Số line)
  std::string number = "required";
  bool subject_under_number = false;  // header: the trích yếu as "V/v …" under Số (Công văn, ND30-TL-4)
  bool date = true;                   // header: the place-and-date line (ô 4); a Biên bản (Mẫu 1.9) has none
  bool type_name = true;              // title: the tên loại line ("QUYẾT ĐỊNH")
  bool subject = true;                // title: the trích yếu under it, with its rule
  std::string signatures = "side-by-side";  // closing: how several signatures stand by default, or "stacked"
  std::string decision_word;          // preamble: the line after the căn cứ ("QUYẾT ĐỊNH:", "QUYẾT NGHỊ:")
  std::string label;                  // kinh-gui: "Kính gửi:"
  // kinh-gui: "authority" = the label is the model's `authority` followed by `label_suffix`
  // (Mẫu 1.6: "CHỦ TỊCH ỦY BAN NHÂN DÂN HUYỆN … điện:"); the preamble then prints no authority line.
  std::string label_from;
  std::string label_suffix;
  std::string label_style = "kinh-gui";      // kinh-gui: the label's paragraph style
  std::string item_style = "kinh-gui-item";  // kinh-gui: each recipient's, when one per line
  // kinh-gui: where each "- " starts: "under-colon" (ND30-NN-2, wrapped lines hang under the
  // text) or "style" (as the item style indents it: with "body", the body's first-line indent
  // and wrapped lines at the margin, Mẫu 1.6).
  std::string item_indent = "under-colon";
  bool same_line = true;              // kinh-gui: a single recipient on the label's line
  // closing: "below-left" = the signatures after the first are confirmation blocks
  // (Mẫu 1.10's "Xác nhận của cơ quan … nơi nghỉ phép") at the lower left, under Nơi nhận and
  // the signature, their lines in `confirmation_style`; "" = none.
  std::string confirmation;
  std::string confirmation_style = "confirmation";
  int source_line = 0;
};

// A boxed or plain mark: urgency stamps (ND30-KHAN-1/2), secrecy (ND30-MAT-1),
// circulation (ND30-LH-1), the draft mark. `text` empty = any text of that kind.
struct StampStyle {
  std::string kind;             // "urgency", "secrecy", "circulation", "draft"
  std::string text;             // "HỎA TỐC"
  double width = 0, height = 0; // the box (0 = the text plus padding)
  double border = 0;            // 0 = no box
  Color color;
  std::string style = "stamp";  // paragraph style of the text
};

struct Page {
  double width = 595.2756, height = 841.8898;
  double margin_top = 56.6929, margin_bottom = 56.6929;
  double margin_left = 85.0394, margin_right = 42.5197;
  // Page numbers: centred in the top margin, baseline `number_baseline` from the top edge.
  std::string number_style = "page-number";
  double number_baseline = 40;
  bool number_first_page = false;
};

struct Header {
  double left_width = 184.25;    // left column (parent + issuing agency + Số)
  double right_width = 283.46;   // right column (Quốc hiệu + Tiêu ngữ + date)
  RuleStyle agency_rule;         // under the issuing agency
  RuleStyle motto_rule;          // under the Tiêu ngữ (length_ratio 1 = its width)
  double number_gap = 6;         // space between the agency rule and "Số:"
  std::string national_title = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM";
  std::string motto = "Độc lập - Tự do - Hạnh phúc";
  std::string number_label = "Số:";
  std::string blank = "      ";  // what a blank number / day / month is written as
  double space_after = 24;       // header block -> document type
};

struct Title {
  RuleStyle subject_rule;        // under the trích yếu
  double space_after = 12;       // rule -> body
  std::string subject_prefix = "V/v ";  // a Công văn's trích yếu under Số (ND30-TL-4)
};

// ô 13 (ND30-DC-1): the address lines at the foot of page 1 under a full-width rule.
struct FooterStyle {
  RuleStyle rule;
  std::string style = "address";
};

// The copy block (ND30-COPY-1): the forms a copy may take and their abbreviations.
struct CopyStyle {
  RuleStyle rule;                // across the text width, above the block
  std::vector<std::pair<std::string, std::string>> forms{{"SAO Y", "SY"}, {"SAO LỤC", "SL"}, {"TRÍCH SAO", "TrS"}};
  double space_before = 12;
  std::string style = "copy-form";  // "SAO Y": UPPERCASE 13-14 bold
};

// Body tables (<table> in a template; realize/table.cpp): room inside each cell and the
// grid's rule. Forms keep their own (<form cell-padding border>).
struct TableStyle {
  double cell_padding = 3;
  double border = 0.5;
  double space_after = 6;       // below the table
};

struct Closing {
  double recipients_width = 170; // Nơi nhận column; the signature block takes the rest
  std::string recipients_label = "Nơi nhận:";
  std::string recipient_prefix = "- ";
  double signature_space = 80;   // room for signature and seal, between title and name
  double space_before = 12;
};

struct AppendixStyle {
  std::string label_word = "Phụ lục";
  RuleStyle reference_rule;
  double space_after = 12;       // rule -> content
  std::string default_numbering = "auto";   // auto | roman | arabic | none
  std::string reference_format =
      "(Kèm theo {type} số {number}/{symbol} ngày {day} tháng {month} năm {year} của {issuer})";
};

// Forms (layout "form"): fields printed with dotted lines for handwriting, or filled
// from data. See docs/templates.md.
enum class ColumnWidth { Fixed, Proportional, Fit };

struct TableColumn {
  std::string name;      // data key of the column
  std::string title;     // header text
  std::string group;     // a header cell spanning the consecutive columns of the same group
  ColumnWidth kind = ColumnWidth::Proportional;
  double width = 1;      // pt (Fixed) or weight (Proportional)
  Align align = Align::Left;
};

struct FormItem {
  enum class Kind { Field, Row, Table, PlaceDate, Signing, Text };
  Kind kind = Kind::Field;
  std::string name;               // data key (Field, Table, PlaceDate: replaces the text, Signing: signer's name)
  std::string number;             // "1"
  std::string label;              // "Tên tập thể hoặc cá nhân đăng ký", "Họ và tên:"
  std::string hint;               // italic hint under the label
  int lines = 0;                  // Field: dotted lines for the value; 0 = the value follows the label inline
  std::string text;               // PlaceDate / Signing caption / Text
  double space = 0;               // Signing: room to sign
  int blank_rows = 3;             // Table: empty rows on a blank form
  std::vector<FormItem> children; // Row: fields side by side
  std::vector<TableColumn> columns;
  int source_line = 0;            // where it is declared, for messages
};

struct FormSpec {
  std::string label;              // "Phụ lục 1" (empty: none)
  std::string title;
  std::string reference;          // "(Kèm theo Kế hoạch số … )"
  bool keep_unused_lines = true;  // dotted lines a value does not use stay, as on a form filled by hand
  std::vector<FormItem> items;
  double cell_padding = 3;
  double border = 0.5;
};

// Certificates (layout "certificate"): Giấy khen, Giấy công nhận… one page per person.
struct CertificateSpec {
  std::string issuer;                    // "GIÁM ĐỐC SỞ GIÁO DỤC VÀ ĐÀO TẠO TỈNH HÒA BÌNH"
  std::string verb;                      // "TẶNG" / "CÔNG NHẬN"
  std::vector<std::string> title_lines;  // {"GIẤY KHEN"}
  std::string place;                     // "Hòa Bình"
  std::vector<std::string> signer_title; // {"GIÁM ĐỐC"}
  std::string signer_name;
  double name_min_size = 18;             // the name shrinks to fit one line down to this, then wraps
  double signature_space = 85;           // room for signature and seal
  double bottom_left_width = 300;        // "Quyết định số …", "Số sổ vàng: …"
  std::string decision_label = "Quyết định số";
  std::string golden_book_label = "Số sổ vàng:";
  Color border_color{0.70, 0.13, 0.13};
  Color ornament_color{0.78, 0.60, 0.10};
  double border_inset = 34;              // from the page edge to the outer frame
  std::string qr_pattern;                // "https://…/{so_so_vang}": a QR code per certificate
  double qr_size = 60;
  // Optional PNG images (absolute paths, resolved against the template file's folder):
  // the national emblem top centre, the signature in the signature space, the red seal
  // over the left third of the signature (Decree 30, Điều 33).
  std::string emblem_path, seal_path, signature_path;
  double emblem_height = 56.7;           // 20 mm
  double seal_diameter = 102;            // 36 mm
  double signature_width = 142;          // 50 mm at most (and at most the signature space high)
};

struct Template {
  std::string name;              // "ke-hoach"
  std::string source_path;       // file it was read from (for messages)
  std::vector<std::string> source_files;  // every file read: those it extends, then itself
  std::string layout = "administrative-document";
  bool abstract = false;         // abstract="true": a base for others (nd30), not rendered itself
  std::string kind;              // kind="Bản sao": what `vanban templates` says the template makes,
                                 // the file's own (not inherited); empty: derived from what it declares
  std::string type_name;         // "KẾ HOẠCH"
  std::string type_name_sentence;// "Kế hoạch" (used in "(Kèm theo Kế hoạch số …)")
  std::string type_abbreviation; // "KH"
  std::string font_family = "Times New Roman";
  Page page;
  Header header;
  Title title;
  Closing closing;
  AppendixStyle appendix;
  std::map<std::string, ParagraphStyle> styles;
  std::map<std::string, NumberingStyle> numbering;   // by block kind: part, chapter, section, article, clause, point, dash, plus, star, contact
  std::map<std::string, NumberingStyle> numbering_schemes;  // "kind:scheme" -> the alternative a model may pick
  std::vector<RegionSpec> regions;                    // empty = Mẫu 1.4's
  std::vector<StampStyle> stamps;
  FooterStyle footer;
  CopyStyle copy;
  TableStyle table;                                   // body tables
  std::vector<std::string> vietnamese_letters;        // a b c d đ e g h i k l m n o p q r s t u v x y
  FormSpec form;                                      // layout "form" only
  CertificateSpec certificate;                        // layout "certificate" only

  const ParagraphStyle& style(const std::string& name) const;  // throws Error(Template)
  const NumberingStyle& numbering_for(const std::string& kind) const;
};

// What a template file may reach. A template is read from a regular file of at most
// `max_bytes`; a template it extends is named (looked up beside it, then in the search
// directories) or, by a path, lies in its own directory; the images it names lie in its
// own directory. Paths are compared after resolving symbolic links, so a link cannot
// lead outside. `allow_outside` lifts the directory rule (not the others).
struct TemplateAccess {
  bool allow_outside = false;
  uint64_t max_bytes = 16u << 20;
};

// Loads a template by name (looked up as <dir>/<name>.xml in each of `search_dirs`)
// or by path (anything containing '/' or ending in ".xml"), following `extends`
// chains. Throws vanban::Error(Template) naming the file and line:column.
Template load_template(const std::string& name_or_path, const std::vector<std::string>& search_dirs,
                       const TemplateAccess& access = {});

// The template files of `search_dirs` (<dir>/<name>.xml), sorted by name: (name, path),
// a name in two directories with the first one's path, as load_template finds it.
std::vector<std::pair<std::string, std::string>> template_files(const std::vector<std::string>& search_dirs);

// The same for a template held in memory; `source_name` names it in errors, and a
// template it extends is looked up in `search_dirs` (and beside `source_name`).
Template parse_template(std::string_view xml, const std::string& source_name, const std::vector<std::string>& search_dirs,
                        const TemplateAccess& access = {});

}  // namespace vanban::style
