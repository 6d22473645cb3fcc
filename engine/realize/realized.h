// The realized document: the document tree with its template applied — every decision
// about what is printed made once, here, for every writer. Layout (-> pages -> PDF, SVG)
// and the DOCX writer read only this: styled, numbered and labelled paragraphs with
// stable ids and their source locations, tables with their column widths, the regions
// in the order the template declares them, the signature areas. Neither writer numbers,
// labels, chooses a style or leaves a part out on its own, so they cannot disagree.
//
// Typst's typst-realize plays the same part between its content and its layout/HTML
// back ends.
#pragma once
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "model/document.h"
#include "model/form_data.h"
#include "style/profile.h"
#include "text/font.h"

namespace vanban::realize {

// One paragraph, ready to set: the style is a name in the template's styles; the text
// carries the label ("Điều 1. ", "I. ", "- ") and may hold "\n" (a line break). A
// centred style is set with balanced lines (never "TRƯỜNG TIỂU / HỌC").
struct Paragraph {
  std::string id;                // stable, from the structure: "header.issuing-agency.0", "body.3.1", "closing.signature.0.name"
  std::string source;            // the model's field path ("body[2].content[1]"), for messages and tags; "" = composed
  std::string style;
  model::RichText text;
  std::string label;             // the label alone as printed ("Điều 1.", "I.", "a)"), "" = none
  bool keep_with_next = false;   // in addition to the style's own keep-with-next
  // A rule centred under the widest line of this paragraph (agency, motto, trích yếu,
  // "(Kèm theo …)"); the next paragraph starts below it.
  std::optional<style::RuleStyle> rule_under;
  // Replaces the style's space after: the space from this paragraph (its rule, if any)
  // to what follows (the title's, ND30-TL-5; an appendix heading's, ND30-PL-6).
  std::optional<double> space_after;
};

// Dotted lines for handwriting, the text width long.
struct FillLines {
  std::string id, source, style;
  int count = 0;
};

// A rule across the full text width (the copy block's, ND30-COPY-1; the address
// footer's, ND30-DC-1).
struct FullRule {
  std::string id;
  style::RuleStyle rule;
  double space_before = 0;       // above the rule (the copy block's space after the copied text)
  double space_after = 0;        // below it, to what follows
};

// A table (body tables, the danh sách of a decision). Widths are final (pt, summing to
// the table's width); a cell covered by another's rowspan is absent from its row, one
// covered by a colspan likewise. Header rows come first and repeat on every page.
struct Table {
  struct Cell {
    std::string id, source;
    std::string style;           // "table-header" / "table-cell"
    model::RichText text;
    style::Align align = style::Align::Left;
    int column = 0;              // the first column it occupies
    int colspan = 1, rowspan = 1;
  };
  std::string id, source;
  std::vector<double> widths;
  int header_rows = 0;
  bool repeat_header = true;
  double padding = 3;            // inside each cell, pt
  double border = 0.5;           // pt
  double space_after = 6;        // below the table (the template's <table space-after>)
  std::vector<std::vector<Cell>> rows;
};

// "Kính gửi:" and its recipients (ND30-NN-2): one on the label's line, or several, one
// per line, "- " aligned under the colon.
struct LabelledList {
  std::string id, source;
  Paragraph label;               // "Kính gửi:"
  std::vector<Paragraph> items;  // with their "- " and ";" / "." when several
  bool same_line = false;        // one recipient: on the label's line
  double indent = 0;             // where the label starts, from the text's left edge (pt)
  double item_indent = 0;       // where each item's "- " starts, from the text's left edge: under the colon (ND30-NN-2)
  // true: an item's wrapped lines hang under its text, after the "- " at item_indent;
  // false: each item is set as its style indents it from the text's left edge (a Công
  // điện's receivers as body paragraphs, Mẫu 1.6) and item_indent is 0.
  bool hanging = true;
};

// A form template attached as an appendix's content (layout "form"): laid out by its
// own rules (layout/form_layout.cpp, docx/forms.cpp); record null = printed blank.
struct FormContent {
  std::string id, source;
  const style::Template* form = nullptr;
  std::shared_ptr<const model::FormRecord> record;
  // The appendix heading the form prints in its own styles (ND30-PL-2..6): "Phụ lục 1",
  // the title (the appendix's, else the form's), "(Kèm theo …)".
  std::string label, title, reference;
};

using Item = std::variant<Paragraph, FillLines, FullRule, Table, LabelledList, FormContent>;

// A boxed mark (ND30-KHAN-1/2 urgency in red, ND30-LH-1 circulation, ND30-MAT-1 secrecy
// when the template boxes it). width/height 0 = the text's size plus padding.
struct Stamp {
  std::string id, text, style;
  double width = 0, height = 0;
  double border = 0;             // 0 = no box (plain mark)
  style::Color color;            // box and text
};

// ô 1-4 (and 10a/10b/11): the two-column header. The left column: parent, issuing
// agency (the last with its rule), Số; the right: Quốc hiệu, Tiêu ngữ (with its rule),
// place and date — or, for a copy block, "SAO Y" and the date. Số and the date share a
// baseline (ND30-DATE-4). Under Số: a Công văn's "V/v …" lines, then the marks.
struct Header {
  std::string id;
  double left_width = 0, right_width = 0;
  double number_gap = 0;         // from the rules to Số / the date
  double space_after = 0;
  std::vector<Paragraph> left;
  std::vector<Paragraph> right;
  std::optional<Paragraph> number;      // none: no Số line
  std::optional<Paragraph> date;
  std::vector<Paragraph> under_number;  // "V/v …" (ND30-TL-4)
  std::vector<Stamp> marks;             // secrecy, urgency: left column, under the above (ô 10a, 10b)
  std::optional<Stamp> top_mark;        // circulation mark in the top margin (ô 11)
  // "DỰ THẢO" (not in Decree 30; offices box it above the tên loại): centred on the text
  // width under the header rows, above the title; with no tên loại (draft_in_margin) in
  // the top margin, centred over the left column (ô 11 holds the right of centre).
  std::optional<Stamp> draft;
  bool draft_in_margin = false;
};

// One signature area: authority lines, room to sign, the name (ô 7a-7c).
struct Signature {
  std::string id, source;
  std::vector<Paragraph> authority;
  std::optional<Paragraph> name;
  double space = 0;              // room for the signature and seal
  double x = 0, width = 0;       // its column, from the text's left edge (pt)
  // Starts under everything before it in the closing (Nơi nhận and the signatures): a
  // confirmation block at the lower left (Mẫu 1.10's "Xác nhận của cơ quan …").
  bool below = false;
};

// Nơi nhận and the signatures (ô 7, 9b): one block never split across pages; the label
// level with the first authority line. Side by side: the columns share the width (the
// first in the Nơi nhận column when there are no recipients); stacked: one under another
// in the signature column.
struct Closing {
  std::string id;
  double space_before = 0;
  double recipients_width = 0;                // the left column
  std::optional<Paragraph> recipients_label;  // "Nơi nhận:" — absent when there are no recipients
  std::vector<Paragraph> recipients;
  std::vector<Signature> signatures;
  bool side_by_side = false;
  // Nơi nhận under the first signature, in its column (recipients_width is that column's
  // width), not in a column of its own: Mẫu 1.9's THƯ KÝ on the left, CHỦ TỌA on the right,
  // the list below THƯ KÝ — two or more signatures side by side with recipients.
  bool recipients_below = false;
};

// ô 13: address, phone, e-mail, at the foot of the first page under a full-width rule.
struct Footer {
  std::string id;
  style::RuleStyle rule;
  std::vector<Paragraph> lines;
};

// A flow of items down the page (title, Kính gửi, preamble, body, appendix contents).
struct Flow {
  std::string id;
  std::vector<Item> items;
};

// Starts a new page and a new page numbering group (an appendix, an attached document).
struct PageBreak {
  std::string id;
};

using Region = std::variant<Header, Flow, Closing, Footer, PageBreak>;

// What the document is, for the file's metadata and the body's information box
// (layout::DocumentIdentity): realize/identity.cpp. Empty strings: not known.
struct Identity {
  std::string kind;            // "Kế hoạch", "Bản sao (Mẫu 3.1)"
  std::string template_name;   // "ke-hoach"
  std::string number;          // after "Số: ": "05/KH-SGD&ĐT"; an electronic copy: the copy's
  std::string date;            // ISO 8601 "2021-03-05"; a copy: the copy's
  std::string place;           // "Hòa Bình"; a copy: the copy's
  std::string agency;          // the issuing body, one line; a copy: the copying body
  std::string parent_agency;   // its parent, one line
  std::string copy_form;       // "SAO Y", "SAO LỤC", "TRÍCH SAO"; empty: not a copy (ND30-EDOC-4)
};
Identity identify(const model::Document& document, const style::Template& tpl);

struct Document {
  const style::Template* tpl = nullptr;
  std::vector<Region> regions;   // in the order the template declares them
  std::string title, author, subject;   // document information
  Identity identity;
};

// Document tree + template -> realized document. `forms` resolves the form templates
// appendices name. Throws vanban::Error naming the field path (a form that is not a
// form template, an unknown form field, a style the template lacks, a control character).
using FormTemplates = std::map<std::string, const style::Template*>;
Document realize_document(const model::Document& document, const style::Template& tpl, const text::FontFamily& fonts,
                          const FormTemplates& forms = {});

// The data keys a form template declares (its fields and tables' columns).
model::FormSchema form_schema(const style::Template& form);

// The widths (pt) of a table's columns in `width`: fixed first, fitted ones to their
// widest line (a header text set in `header_style`, a cell's in `cell_style`, each
// line of a "\n" text) plus 2 × padding, then the proportional ones share the rest by
// weight. No column is narrower than one letter plus its padding. When fixed and fitted
// columns leave the proportional ones less than their widest word, the fitted shrink
// toward their own widest word first (their text wraps); what still overflows scales
// as a whole. Shared by body tables and form tables, so PDF and DOCX get the same widths.
struct ColumnContent {
  std::vector<std::string> header;   // header texts of this column
  std::vector<std::string> cells;    // its cells' texts
};
std::vector<double> column_widths(const std::vector<model::ColumnWidth>& columns,
                                  const std::vector<ColumnContent>& content, const style::ParagraphStyle& header_style,
                                  const style::ParagraphStyle& cell_style, double width, double padding,
                                  const text::FontFamily& fonts);

// A body table (BlockKind::Table, realize/table.cpp): cells on the column grid (a cell
// takes the first column its row's cells and the rowspans from above leave free; short
// rows are completed with empty cells), styled "table-header" / "table-cell" (ND30-BODY-7),
// aligned as the cell says, else a header cell as its style and a body cell as its column;
// padding and rules from the template's <table>; widths from column_widths(). Throws
// vanban::Error naming the field path when a cell runs past the columns or a rowspan past
// its section, or when a column would be narrower than its padding and one letter.
Table realize_table(const model::Block& block, const style::Template& tpl, const text::FontFamily& fonts, double width,
                    const std::string& id);

// A form's table (<form><table>, layout/form_layout.cpp and docx/forms.cpp): a group's
// merged header cell over its columns' titles (an ungrouped title spans both header rows),
// a row per row of the record's table of that name, or the item's blank rows when the
// record has none or there is no record (a blank form); padding and rules from <form>;
// id "form.<name>". Too wide: an Error(Template) naming the table, the template and its line.
Table realize_form_table(const style::FormItem& item, const model::FormRecord* record, const style::Template& form,
                         const text::FontFamily& fonts, double width);

}  // namespace vanban::realize
