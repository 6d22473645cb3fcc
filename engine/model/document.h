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
  Section,    // mục, "I." + UPPERCASE title (Roman numbers)
  Clause,     // khoản, "1." (+ title in bold, or text)
  Point,      // điểm, "a)" (+ title, or text)
  Dash,       // "- " list item
  Plus,       // "+ " list item
  Paragraph,  // free paragraph
  Contact,    // "* Liên hệ: …" line
  FillLines,  // dotted lines left blank for handwriting (forms)
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
  std::vector<Block> children;
  std::string field_path;     // where it came from, e.g. "body[3].content[1]"
};

// "Số: 05/KH-SGDĐT"; an empty number is left blank for the registry to write in.
struct DocumentNumber {
  std::string number;   // "05" or "" (blank)
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
  std::string place;                          // địa danh: "Hòa Bình"
  Date date;
  std::string subject;                        // trích yếu
  std::vector<Block> body;
  std::vector<std::string> recipients;        // Nơi nhận lines, without the leading "- "
  Signature signature;
  std::string issuer_name;                    // "Sở Giáo dục và Đào tạo tỉnh Hòa Bình"
  AppendixNumbering appendix_numbering = AppendixNumbering::Auto;
  std::vector<Appendix> appendices;
};

}  // namespace vanban::model
