// Paragraphs, runs, rules, tables and sections, and the package put together.
#include "docx/writer.h"

#include <algorithm>
#include <cstring>
#include <functional>

#include "core/error.h"
#include "core/qr_code.h"
#include "wording/wording.h"
#include "core/unicode.h"
#include "docx/package.h"
#include "text/shaper.h"

namespace vanban::docx {

const char* jc(style::Align a) {
  switch (a) {
    case style::Align::Left: return "left";
    case style::Align::Center: return "center";
    case style::Align::Right: return "right";
    case style::Align::Justify: return "both";
  }
  return "left";
}


void Writer::new_tree() {
  doc_.reset();
  auto root = doc_.append_child("w:document");
  root.append_attribute("xmlns:w") = kW;
  root.append_attribute("xmlns:r") = kR;
  root.append_attribute("xmlns:wp") = kWp;
  body_ = root.append_child("w:body");
}

namespace {

// A part streamed from pieces made one at a time (a batch's document.xml, a QR code).
class PieceStream : public PartStream {
 public:
  // `piece(i)` is the i-th piece; an empty optional after the last.
  explicit PieceStream(std::function<bool(size_t, std::string&)> piece) : piece_(std::move(piece)) {}
  void rewind() override {
    next_ = 0;
    pos_ = 0;
    buffer_.clear();
  }
  size_t read(char* out, size_t n) override {
    while (pos_ == buffer_.size()) {
      buffer_.clear();
      pos_ = 0;
      if (!piece_(next_, buffer_)) {
        std::string().swap(buffer_);  // the part is done: its memory too
        return 0;
      }
      ++next_;
    }
    size_t k = std::min(n, buffer_.size() - pos_);
    std::memcpy(out, buffer_.data() + pos_, k);
    pos_ += k;
    return k;
  }

 private:
  std::function<bool(size_t, std::string&)> piece_;
  size_t next_ = 0, pos_ = 0;
  std::string buffer_;
};

}  // namespace

void Writer::package(Package& package, const std::string& title, const std::string& author) {
  if (!certificate_) section_properties(body_);
  package.add("[Content_Types].xml", content_types());
  package.add("_rels/.rels", root_rels());
  package.add("docProps/core.xml", core(title, author));
  package.add("docProps/app.xml", app());
  // before styles(): they use a style
  std::string header_default = header(true), header_first = header(tpl_.page.number_first_page, true);
  std::string footer_first = footer_ ? footer_part(true) : "", footer_empty = footer_ ? footer_part(false) : "";
  if (rows_) {
    // Made again, row by row, as libzip reads it (the first rows were kept when measured),
    // the drawing and QR numbers as they were when measured.
    streams_.push_back(std::make_unique<PieceStream>([this](size_t i, std::string& out) {
      if (i > rows_->size() + 1) return false;
      if (i < kept_pieces_.size()) {
        out = kept_pieces_[i];
        return true;
      }
      if (i == kept_pieces_.size()) {
        drawing_ids_ = resume_drawing_ids_;
        qr_next_ = resume_qr_next_;
      }
      out = certificate_piece(i);
      return true;
    }));
    package.add("word/document.xml", *streams_.back(), document_size_);
  } else {
    package.add("word/document.xml", xml_string(doc_));
  }
  package.add("word/styles.xml", styles());
  package.add("word/settings.xml", settings());
  package.add("word/fontTable.xml", font_table());
  package.add("word/header1.xml", std::move(header_default));
  package.add("word/header2.xml", std::move(header_first));
  if (footer_) {
    package.add("word/footer1.xml", std::move(footer_first));
    package.add("word/footer2.xml", std::move(footer_empty));
  }
  package.add("word/_rels/document.xml.rels", document_rels());
  for (size_t i = 0; i < media_.size(); ++i) {
    const std::string name = "word/media/image" + std::to_string(i + 1) + ".png";
    if (!media_[i].png.empty() || !media_[i].qr_row) {
      package.add(name, std::move(media_[i].png));
      continue;
    }
    const model::ListRow* row = media_[i].qr_row;
    streams_.push_back(std::make_unique<PieceStream>([this, row](size_t piece, std::string& out) {
      if (piece > 0) return false;
      out = qr_png(qr_encode(wording::certificate_url(tpl_, *row)), 8);
      return true;
    }));
    package.add(name, *streams_.back(), media_[i].size);
  }
}

std::string Writer::finish(const std::string& title, const std::string& author) {
  Package p;
  package(p, title, author);
  return p.zip(mtime());
}

void Writer::finish(const std::string& title, const std::string& author, std::ostream& out) {
  Package p;
  package(p, title, author);
  p.zip(mtime(), out);
}

RichText Writer::plain(const std::string& s) { return {Span{s, false, false}}; }

const style::ParagraphStyle& Writer::use_style(const std::string& name) {
  used_styles_.insert(name);
  return tpl_.style(name);
}

// The widths of the lines of `text` wrapped greedily at spaces in a column `width`
// wide, as Word and LibreOffice wrap it (rules are measured against the widest).
std::vector<double> Writer::wrap(const std::string& text, const std::string& style_name, double width, double size) {
  const auto& st = tpl_.style(style_name);
  const text::Font& font = fonts_.face(st.bold, st.italic);
  if (size <= 0) size = st.size;
  std::string upper = st.uppercase ? unicode::to_upper_vi(text) : text;
  double space = text::measure(font, size, " ");
  std::vector<double> lines;
  // Each line of the text (run() breaks them) wrapped on its own.
  for (const std::string& t : lines_of_text(upper)) {
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
  }
  return lines;
}

double Writer::measure_widest(const std::string& text, const std::string& style_name, double width) {
  auto lines = wrap(text, style_name, width);
  return *std::max_element(lines.begin(), lines.end());
}

// <w:p> with a style; the text upper-cased when the style says so (like the PDF).
xml_node Writer::paragraph(const RichText& text, const std::string& style_name, xml_node parent) {
  const auto& st = use_style(style_name);
  xml_node p = (parent ? parent : body_).append_child("w:p");
  p.append_child("w:pPr").append_child("w:pStyle").append_attribute("w:val") = style_id(style_name).c_str();
  for (const Span& span : text) run(p, st.uppercase ? unicode::to_upper_vi(span.text) : span.text, span.bold, span.italic);
  return p;
}

// A run; inline emphasis through the character styles "Chữ đậm", "Chữ nghiêng",
// "Chữ đậm nghiêng", so an editor keeps it as a style, not as loose formatting.
void Writer::run(xml_node p, const std::string& text, bool bold, bool italic) {
  if (text.empty()) return;
  xml_node r = p.append_child("w:r");
  if (bold || italic) {
    r.append_child("w:rPr").append_child("w:rStyle").append_attribute("w:val") =
        bold && italic ? "VBBoldItalic" : bold ? "VBBold" : "VBItalic";
  }
  // A line break in the text (a cell's Alt+Enter: LF, CR LF or CR) is a <w:br/>, a TAB a
  // space, as in the PDF.
  const std::vector<std::string> lines = lines_of_text(text);
  for (size_t i = 0; i < lines.size(); ++i) {
    if (i > 0) r.append_child("w:br");
    if (lines[i].empty()) continue;
    xml_node t = r.append_child("w:t");
    t.append_attribute("xml:space") = "preserve";
    t.text().set(lines[i].c_str());
  }
}

std::vector<std::string> Writer::lines_of_text(const std::string& text) {
  std::vector<std::string> lines(1);
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '\r' || c == '\n') {
      if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      lines.emplace_back();
    } else {
      lines.back() += c == '\t' ? ' ' : c;
    }
  }
  return lines;
}

xml_node Writer::ppr(xml_node p) {
  xml_node pr = p.child("w:pPr");
  return pr ? pr : p.prepend_child("w:pPr");
}

// Inserts a pPr child in schema order after the children named in `after`.
xml_node Writer::ppr_child(xml_node p, const char* name, std::initializer_list<const char*> after) {
  xml_node pr = ppr(p);
  xml_node anchor;
  for (xml_node c = pr.first_child(); c; c = c.next_sibling()) {
    for (const char* a : after)
      if (std::string(c.name()) == a) anchor = c;
  }
  return anchor ? pr.insert_child_after(name, anchor) : pr.prepend_child(name);
}

xml_node Writer::spacing(xml_node p) {
  xml_node s = ppr(p).child("w:spacing");
  return s ? s : ppr_child(p, "w:spacing", {"w:pStyle", "w:keepNext", "w:keepLines", "w:pageBreakBefore", "w:widowControl", "w:pBdr", "w:tabs"});
}

void Writer::set_spacing_before(xml_node p, double pt) {
  xml_node s = spacing(p);
  s.remove_attribute("w:before");
  s.prepend_attribute("w:before") = str(twips(pt)).c_str();
}

void Writer::set_spacing_after(xml_node p, double pt) {
  xml_node s = spacing(p);
  s.remove_attribute("w:after");
  auto a = s.attribute("w:before") ? s.insert_attribute_after("w:after", s.attribute("w:before")) : s.prepend_attribute("w:after");
  a = str(twips(pt)).c_str();
}

void Writer::keep_next(xml_node p) {
  if (!ppr(p).child("w:keepNext")) ppr_child(p, "w:keepNext", {"w:pStyle"});
}

// A rule: an empty paragraph whose top border is `length` long, centred in a column
// `column` wide (indents set the length), `gap` below the text above it.
void Writer::rule(double length, double column, const style::RuleStyle& rs, double space_after, xml_node parent) {
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

xml_node Writer::table(const std::vector<double>& widths, bool borders) {
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

xml_node Writer::row(xml_node tbl, bool cant_split, bool header) {
  xml_node tr = tbl.append_child("w:tr");
  if (cant_split || header) {
    xml_node pr = tr.append_child("w:trPr");
    if (cant_split) pr.append_child("w:cantSplit");
    if (header) pr.append_child("w:tblHeader");
  }
  return tr;
}

xml_node Writer::cell(xml_node tr, double width, int span, const char* vmerge, bool centre) {
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

void Writer::exact_line(xml_node p, double pitch) {
  xml_node s = spacing(p);
  s.append_attribute("w:line") = str(twips(pitch)).c_str();
  s.append_attribute("w:lineRule") = "exact";
}

void Writer::section_properties(xml_node parent) {
  xml_node s = parent.append_child("w:sectPr");
  for (auto [type, id] : {std::pair{"default", "rIdHeaderDefault"}, std::pair{"first", "rIdHeaderFirst"}}) {
    xml_node h = s.append_child("w:headerReference");
    h.append_attribute("w:type") = type;
    h.append_attribute("r:id") = id;
  }
  if (footer_) {
    // ô 13 on the document's first page only; later sections' first pages get an empty
    // footer, not the one they would inherit (ND30-DC-1).
    xml_node f = s.append_child("w:footerReference");
    f.append_attribute("w:type") = "first";
    f.append_attribute("r:id") = sections_ == 0 ? "rIdFooterFirst" : "rIdFooterEmpty";
  }
  ++sections_;
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
  // With an address footer, it ends at the foot of the text area and the body above it.
  mar.append_attribute("w:footer") = str(twips(footer_ ? pg.margin_bottom : pg.margin_bottom / 2)).c_str();
  mar.append_attribute("w:gutter") = "0";
  s.append_child("w:pgNumType").append_attribute("w:start") = "1";
  if (!pg.number_first_page || first_page_parts()) s.append_child("w:titlePg");
  xml_node grid = s.append_child("w:docGrid");
  grid.append_attribute("w:linePitch") = "360";
}

// Ends the current section: its properties go into a last paragraph.
void Writer::end_section() {
  section_properties(body_.append_child("w:p").append_child("w:pPr"));
}

}  // namespace vanban::docx
