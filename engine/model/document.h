// The validated document tree: what a Decree 30 administrative document says,
// independent of any output format. Built by model::load_document() from JSON or
// XML model data; read by the layout stage (PDF) and the DOCX writer.
// All strings are valid UTF-8 in NFC.
#pragma once
#include <string>
#include <vector>

namespace vanban::model {

// A run of inline text with its emphasis.
struct Span {
  std::string text;
  bool bold = false;
  bool italic = false;
  bool operator==(const Span&) const = default;
};
using RichText = std::vector<Span>;

// Concatenated plain text of a RichText.
std::string plain_text(const RichText& rich);

enum class BlockKind {
  Section,    // mục, "I." + UPPERCASE title (Roman numbers), or "Mục 1" (scheme of the template/model)
  Clause,     // khoản, "1." (+ title in bold, or text)
  Point,      // điểm, "a)" (+ title, or text)
  Dash,       // "- " list item
  Plus,       // "+ " list item
  Paragraph,  // free paragraph
  Contact,    // "* Liên hệ: …" line
  FillLines,  // dotted lines left blank for handwriting (forms)
  Part,       // phần, "Phần I" / "Phần thứ nhất" on its own line + UPPERCASE title (ND30-NUM-2)
  Chapter,    // chương, "Chương I" + UPPERCASE title (ND30-NUM-2)
  Article,    // điều, "Điều 1." + bold title, then its text and clauses (ND30-NUM-4)
  Star,       // "* " list item
  Table,      // a table in the body (Block::table)
};

// How wide a table column is: a length in pt, a weight of what fixed and fitted
// columns leave ("3*"), or fitted to its widest unbreakable content ("fit").
struct ColumnWidth {
  enum class Kind { Proportional, Fixed, Fit };
  Kind kind = Kind::Proportional;
  double value = 1;   // pt (Fixed) or weight (Proportional)
};

struct TableCell {
  RichText text;            // may hold "\n" line breaks
  int colspan = 1;          // merged with the cells to its right
  int rowspan = 1;          // merged with the cells below it (those rows omit it)
  std::string align;        // "" (the column's), "left", "center", "right", "justify"
  std::string field_path;
};

struct TableColumn {
  ColumnWidth width;
  std::string align;        // "" = left; "left", "center", "right", "justify"
};

// A table in the body (ND30-PAGE-2, ND30-BODY-7): header rows repeated at the top of
// every page it runs onto, then the rows; a row never splits unless taller than a page.
struct Table {
  std::vector<TableColumn> columns;
  std::vector<std::vector<TableCell>> header;   // header rows (may merge cells)
  std::vector<std::vector<TableCell>> rows;
  bool repeat_header = true;
};

struct Block {
  BlockKind kind = BlockKind::Paragraph;
  // Explicit number/letter ("V", "3", "đ"); empty = numbered automatically in order
  // among the siblings of the same kind. Never contains the punctuation ("." or ")").
  std::string label;
  RichText title;             // Section, Clause, Point: the heading text (may be empty)
  RichText text;              // the paragraph text (Clause/Point without title: the text)
  std::string style;          // Paragraph: optional name of a template paragraph style
  int line_count = 0;         // FillLines: how many lines
  // The label is printed exactly as written ("1.2.3.", "*", "Điều 5a."), the template's
  // numbering scheme not applied: a source's own markers kept.
  bool literal_label = false;
  Table table;                // Table
  std::vector<Block> children;
  std::string field_path;     // where it came from, e.g. "body[3].content[1]"
};

// "Số: 05/KH-SGDĐT"; an empty number is left blank for the registry to write in.
// With a year: "Số: 33/2009/QĐ-UBND".
struct DocumentNumber {
  std::string number;   // "05" or "" (blank)
  std::string year;     // "2009" or "" (none)
  std::string symbol;   // "KH-SGD&ĐT"
};

// Issue date; 0 in a field leaves it blank for hand-writing.
struct Date {
  int day = 0;
  int month = 0;
  int year = 0;
};

struct Signature {
  // Authority and title lines, top to bottom: {"KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"} or {"GIÁM ĐỐC"}.
  std::vector<std::string> authority_lines;
  std::string signer_name;   // "Bùi Thị Kim Tuyến"
  std::string field_path;    // "signatures[1]"
};

// How several signatures stand: side by side (a Biên bản's secretary and chair, the
// left one where Nơi nhận would be) or one under the other; Default = the template's.
enum class SignatureArrangement { Default, SideBySide, Stacked };

// Marks in the header (ô 10a, 10b, 11) and the draft mark.
struct Marks {
  std::string secrecy;      // "MẬT", "TỐI MẬT", "TUYỆT MẬT" (ND30-MAT-1), under Số
  std::string urgency;      // "KHẨN", "THƯỢNG KHẨN", "HỎA TỐC" (ND30-KHAN-1/2): a red box under the secrecy mark
  std::string circulation;  // "XEM XONG TRẢ LẠI", "LƯU HÀNH NỘI BỘ"… (ND30-LH-1): boxed, in the top margin
  bool draft = false;       // "DỰ THẢO" above the type name
};

// The copy block of a bản sao (Mẫu 3.1, ND30-COPY-1): after the copied text, under a
// rule across the text width.
struct CopyBlock {
  std::string form;                         // "SAO Y", "SAO LỤC", "TRÍCH SAO"; empty = not a copy
  std::vector<std::string> parent_agency;
  std::vector<std::string> issuing_agency;  // the copying body
  DocumentNumber number;                    // "Số: 05/SY-UBND"
  std::string place;
  Date date;
  Signature signature;
  std::vector<std::string> recipients;
  std::string field_path = "copy";
};

enum class AppendixNumbering {
  Auto,    // Decree 30: Roman numerals with two or more appendices, none with one
  Roman,
  Arabic,
  None,
};

struct Appendix {
  std::string label;       // explicit number ("1", "II"); empty = from the numbering rule
  std::string title;       // shown in UPPERCASE
  std::string reference;   // "(Kèm theo …)" line; empty = generated from the document
  // An attached document (Mẫu 1.3: the Quy chế a Quyết định issues): its tên loại
  // ("QUY CHẾ"); then `title` is its trích yếu, the page starts with the agency and
  // Quốc hiệu header without Số (ND30-PL-12) and the reference reads "(Ban hành kèm theo …)".
  std::string type_name;
  std::vector<Block> body;
  std::string field_path;  // "appendices[0]"
  // A form attached as this appendix: the form template's name ("phu-luc-1") and the
  // values filling it (none: printed blank). Checked against the form's fields when
  // the document is laid out.
  std::string form;
  struct FormValue {
    std::string key, value, field_path;
    int line = 0, column = 0;
  };
  std::vector<FormValue> form_values;
};

struct Document {
  std::string template_name;                  // optional, from the data ("ke-hoach")
  std::vector<std::string> parent_agency;     // cơ quan chủ quản, one string per line
  std::vector<std::string> issuing_agency;    // cơ quan ban hành, one string per line
  std::string national_title;                 // Quốc hiệu; empty = the template's
  std::string motto;                          // Tiêu ngữ; empty = the template's
  DocumentNumber number;
  bool omit_number = false;                   // no "Số:" line at all (a Biên bản may have none)
  std::string place;                          // địa danh: "Hòa Bình"
  Date date;
  std::string subject;                        // trích yếu (a Công văn's "V/v …" without the "V/v ")
  Marks marks;
  std::vector<std::string> kinh_gui;          // Kính gửi: one recipient, or several (ND30-NN-2)
  std::string authority;                      // thẩm quyền ban hành: "GIÁM ĐỐC SỞ GIÁO DỤC VÀ ĐÀO TẠO" (Quyết định)
  std::vector<RichText> preamble;             // "Căn cứ …;" lines, "Theo đề nghị của …." (ND30-CC-1), italic
  std::vector<Block> body;
  std::vector<std::string> recipients;        // Nơi nhận lines, without the leading "- "
  std::vector<Signature> signatures;          // one, or several (a Biên bản's two)
  SignatureArrangement signature_arrangement = SignatureArrangement::Default;
  std::vector<std::string> address;           // ô 13: address, phone, e-mail lines at the foot of page 1
  // Numbering schemes the model picks by block kind ("part" -> "ordinal", "clause" ->
  // "outline"), among those the template declares.
  std::vector<std::pair<std::string, std::string>> numbering;
  CopyBlock copy;
  std::string issuer_name;                    // "Sở Giáo dục và Đào tạo tỉnh Hòa Bình"
  AppendixNumbering appendix_numbering = AppendixNumbering::Auto;
  std::vector<Appendix> appendices;
};

}  // namespace vanban::model
