// The DOCX writer: the state shared by the parts of engine/docx (internal). One Writer
// writes one package: its document.xml as a pugixml tree, its styles from the styles the
// paragraphs used, its media.
#pragma once
#include <pugixml.hpp>

#include <cmath>
#include <cstdint>
#include <ctime>
#include <ostream>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "docx/docx_writer.h"
#include "docx/package.h"
#include "realize/realized.h"

namespace vanban::docx {

using model::RichText;
using model::Span;
using pugi::xml_node;

inline constexpr const char* kW = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
inline constexpr const char* kR = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
inline constexpr const char* kWp = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing";
inline constexpr const char* kA = "http://schemas.openxmlformats.org/drawingml/2006/main";
inline constexpr const char* kPic = "http://schemas.openxmlformats.org/drawingml/2006/picture";

inline long twips(double pt) { return std::lround(pt * 20); }
inline std::string str(long v) { return std::to_string(v); }

// "cert-name" -> "VBCertName": the style's id in styles.xml.
std::string style_id(const std::string& name);
// The w:jc value of an alignment.
const char* jc(style::Align a);

class Writer {
 public:
  Writer(const style::Template& tpl, const text::FontFamily& fonts, const DocxOptions& options)
      : tpl_(tpl), fonts_(fonts), options_(options),
        width_(tpl.page.width - tpl.page.margin_left - tpl.page.margin_right) {
    new_tree();
  }


  // An administrative document: its regions in order (document.cpp).
  void document(const realize::Document& d);

  void forms(const std::vector<const model::FormRecord*>& records);

  // Certificates: document.xml is not kept but measured here, row by row, and made
  // again while the package is zipped (rows must outlive finish()).
  void certificates(const std::vector<const model::ListRow*>& rows, const CertificateDocxOptions& opt);

  // A realized table (docx/tables.cpp): w:tblGrid of its widths, its header rows repeated
  // (w:tblHeader), rows that never split (w:cantSplit), merged cells (w:gridSpan,
  // w:vMerge), its rules and padding; each cell's paragraph in the cell's style and alignment.
  void body_table(const realize::Table& t);

  // The package, as bytes or written to `out`.
  std::string finish(const std::string& title, const std::string& author);
  void finish(const std::string& title, const std::string& author, std::ostream& out);

 private:
  // A picture part: its PNG, or (a certificate's QR code, made again when zipped) the
  // row it encodes and its size.
  struct Media {
    std::string png;
    const model::ListRow* qr_row = nullptr;
    uint64_t size = 0;
  };

  const style::Template& tpl_;
  const text::FontFamily& fonts_;
  DocxOptions options_;
  double width_;
  pugi::xml_document doc_;
  xml_node body_;
  std::set<std::string> used_styles_;
  double scale_ = 1;                                     // A3 certificates: every size × √2
  const CertificateDocxOptions* certificate_ = nullptr;  // set while writing certificates
  std::vector<Media> media_;                             // word/media/image<n>.png
  std::map<const RasterImage*, std::string> media_ids_;  // image -> relationship id
  int drawing_ids_ = 0;
  // Certificates streamed: the rows, document.xml's size, the media numbers of the QR
  // codes in row order; `replaying` once measured (the bytes are then made again,
  // identical: the drawing and QR counters start again at 0).
  const std::vector<const model::ListRow*>* rows_ = nullptr;
  uint64_t document_size_ = 0;
  std::vector<uint32_t> qr_media_;
  bool replaying_ = false;
  size_t qr_next_ = 0;
  uint64_t kept_qr_bytes_ = 0;
  std::vector<std::string> kept_pieces_;  // the first pieces of document.xml, kept when measured
  int resume_drawing_ids_ = 0;            // the counters before the first piece not kept
  size_t resume_qr_next_ = 0;
  std::vector<std::unique_ptr<PartStream>> streams_;  // live until the package is zipped


  // --- certificates (certificates.cpp)

  // The height of a paragraph of `text` in `style_name` set `width` wide, as Word sets it
  // with the "at least" line pitch written in styles().
  double paragraph_height(const std::string& text, const std::string& style_name, double width);

  // A paragraph of the certificate; on a blank, the pre-printed lines keep their room
  // but print nothing.
  xml_node cert_line(const std::string& text, const std::string& style_name, bool fixed);

  void frame(xml_node p, double x, double y, double w);

  // A picture anchored to the page at (x, y) (top-left, pt, unscaled), `w` × `h`.
  void picture(xml_node p, const std::shared_ptr<const RasterImage>& image, double x, double y, double w, double h);
  // The same for the part whose relationship is `id`.
  void picture(xml_node p, const std::string& id, double x, double y, double w, double h);
  // The row's verification QR code (the template's qr pattern).
  void qr_picture(xml_node p, const model::ListRow& row, double x, double y, double size);
  // Piece `i` of a certificate batch's document.xml: 0 the start, 1…n the rows' sections,
  // n + 1 the last section's properties and the end.
  std::string certificate_piece(size_t i);
  // Starts document.xml's tree again, empty.
  void new_tree();
  // The package's parts; document.xml streamed when certificates were written.
  void package(Package& package, const std::string& title, const std::string& author);

  // `image` in `box` (as the PDF layout places it), moved by the print-on-blank offsets.
  void picture_in(xml_node p, const std::shared_ptr<const RasterImage>& image, const ImageBox& box);

  void certificate(const model::ListRow& row);

  // A certificate's section: landscape paper, its margins (moved by the print-on-blank
  // offsets), the border as a page border in the template's colour.
  void certificate_section(xml_node parent);

  // --- the administrative document (document.cpp)

  // Header::space_after: the space before the first paragraph of what follows (-1 none).
  double pending_space_before_ = -1;

  // ô 1-4 as a borderless fixed table: parent, agency and rule, Số and V/v | Quốc hiệu,
  // Tiêu ngữ and rule, place and date.
  void header_table(const realize::Header& h);

  void flow(const realize::Flow& f);

  // A realized paragraph in `parent` (the body when null), `column` wide: its style, its
  // keep-with-next, the rule under it (`rule_space_after` < 0: the paragraph's space after).
  xml_node paragraph(const realize::Paragraph& p, double column, xml_node parent = {}, double rule_space_after = -1);

  // Kính gửi (ND30-NN-2): the label at its indent; one recipient on its line, or the
  // items one per line, their "- " under the colon, a wrapped line under the text.
  void labelled_list(const realize::LabelledList& list);

  // Nơi nhận and the signatures: one borderless row that never splits, a column per
  // place a signature takes (side by side: one each; stacked: one under another).
  void closing(const realize::Closing& c);

  double ascent(const std::string& style_name) const;

  // Left indent and hanging indent (pt) of a paragraph, set left-aligned.
  static void indent(xml_node p, double left, double hanging);

  // A table cell must end with a paragraph.
  static void end_cell(xml_node cell);

  void appendix_heading(const std::string& label, const std::string& title, const std::string& reference);

  // --- forms (forms.cpp)

  // A right tab with a dot leader at `to` (pt from the left margin), what Word users do
  // for lines left for handwriting.
  static void leader_tab(xml_node p, double to);

  static void tab_run(xml_node p);

  void dotted_line(double to, xml_node parent = {});

  const std::string& value(const model::FormRecord* record, const std::string& name);

  int lines_of(const std::string& text, const std::string& style_name);

  void form_items(const style::Template& form, const model::FormRecord* record);

  // "1. Họ và tên: value……" with the dots as a right tab leader; several fields share
  // the line, each dotted to the end of its column.
  void inline_fields(const style::Template& form, const std::vector<style::FormItem>& fields,
                     const model::FormRecord* record);

  void form_table(const style::Template& form, const style::FormItem& item, const model::FormRecord* record);

  // --- paragraphs, runs, rules, tables, sections (writer.cpp)

  static RichText plain(const std::string& s);

  const style::ParagraphStyle& use_style(const std::string& name);

  // The widths of the lines of `text` wrapped greedily at spaces in a column `width`
  // wide, as Word and LibreOffice wrap it (rules are measured against the widest).
  std::vector<double> wrap(const std::string& text, const std::string& style_name, double width, double size = 0);

  double measure_widest(const std::string& text, const std::string& style_name, double width);

  // <w:p> with a style; the text upper-cased when the style says so (like the PDF).
  xml_node paragraph(const RichText& text, const std::string& style_name, xml_node parent = {});

  // The lines of a text: split at LF, CR LF and CR, TABs made spaces.
  static std::vector<std::string> lines_of_text(const std::string& text);
  // A run; inline emphasis through the character styles "Chữ đậm", "Chữ nghiêng",
  // "Chữ đậm nghiêng", so an editor keeps it as a style, not as loose formatting; line
  // breaks as <w:br/>.
  static void run(xml_node p, const std::string& text, bool bold, bool italic);

  static xml_node ppr(xml_node p);

  // Inserts a pPr child in schema order after the children named in `after`.
  static xml_node ppr_child(xml_node p, const char* name, std::initializer_list<const char*> after);

  static xml_node spacing(xml_node p);

  static void set_spacing_before(xml_node p, double pt);

  static void set_spacing_after(xml_node p, double pt);

  static void keep_next(xml_node p);

  // A rule: an empty paragraph whose top border is `length` long, centred in a column
  // `column` wide (indents set the length), `gap` below the text above it.
  void rule(double length, double column, const style::RuleStyle& rs, double space_after, xml_node parent = {});

  xml_node table(const std::vector<double>& widths, bool borders);
  // The same with rules `border` pt thick (0: none) and `padding` pt inside the cells (tables.cpp).
  xml_node table(const std::vector<double>& widths, double border, double padding);

  static xml_node row(xml_node tbl, bool cant_split, bool header);

  static xml_node cell(xml_node tr, double width, int span = 1, const char* vmerge = nullptr, bool centre = false);

  static void exact_line(xml_node p, double pitch);

  void section_properties(xml_node parent);

  // Ends the current section: its properties go into a last paragraph.
  void end_section();

  // --- styles and headers (styles.cpp)

  std::string styles();

  // The page-number header; the first page's also holds the marks of its top margin.
  std::string header(bool with_number, bool first_page = false);

  // --- header marks, the draft mark, the address footer (marks.cpp)

  // Where a stamp goes: from the parent's left edge by x (in a flow), centred on it, or
  // floating on the page with its top-left corner at (x, y) pt from the page's.
  struct StampPlace {
    bool centre = false, floating = false;
    double x = 0, y = 0;
  };
  // A stamp: a one-cell table exactly its size with a single border, its text centred,
  // box and text in its colour (ND30-KHAN-1/2, ND30-LH-1); a plain mark is a paragraph.
  void stamp(const realize::Stamp& stamp, xml_node parent, const StampPlace& place);
  static void stamp_runs_colored(xml_node p, const realize::Stamp& stamp);
  static void spacer(xml_node parent, double height);
  // ô 10a, 10b under Số in the header table's left cell (after Số / V/v).
  void header_marks(const realize::Header& header, xml_node left_cell);
  // After the header table `tbl`: its rows kept with what follows, then page_marks().
  void header_end(const realize::Header& header, xml_node tbl);
  // Page 1's marks: a draft mark above the tên loại now (call after the header table);
  // ô 11 and a draft mark in the margin kept for the first page's header part.
  void page_marks(const realize::Header& header);
  // The marks kept for the top margin, as tables floating on the page in `hdr`.
  void margin_marks(xml_node hdr);
  // ô 13 (ND30-DC-1): kept for the first page's footer part.
  void footer(const realize::Footer& footer) { footer_ = footer; }
  // The first page's footer part (the address) or an empty one (later sections, so
  // that they do not inherit it).
  std::string footer_part(bool with_address);
  bool first_page_parts() const { return top_mark_ || margin_draft_ || footer_; }

  std::optional<realize::Stamp> top_mark_, margin_draft_;
  std::optional<realize::Footer> footer_;
  double left_column_ = 0;
  int sections_ = 0;  // sections whose properties are written

  // --- the package's other parts (parts.cpp)

  static std::string settings();

  std::string font_table() const;

  std::string content_types() const;

  static std::string root_rels();

  std::string document_rels() const;

  std::string w3cdtf() const;

  time_t mtime() const;

  std::string core(const std::string& title, const std::string& author) const;

  static std::string app();
};

}  // namespace vanban::docx
