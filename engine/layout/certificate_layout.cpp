#include "layout/certificate_layout.h"
#include "layout/signature_slots.h"


#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <memory>
#include <mutex>

#include "core/error.h"
#include "core/i18n.h"
#include "core/qr_code.h"
#include "layout/paragraph.h"
#include "wording/wording.h"

namespace vanban::layout {
namespace {

model::RichText plain_text(const std::string& s) { return {model::Span{s, false, false}}; }

}  // namespace

// The lines of (text, style, width) once set, for the rest of the batch (issue #14). A
// paragraph's lines depend on nothing else (the fonts are the batch's), so a remembered
// paragraph is exactly what setting it again gives. Mutex-guarded; bounded: texts over
// kMaxTextBytes are not remembered, past kMaxEntries the memo starts again.
struct CertificateLinesMemo {
  static constexpr size_t kMaxTextBytes = 512, kMaxEntries = 2048;
  std::mutex mutex;
  std::map<std::string, std::shared_ptr<const std::vector<Line>>, std::less<>> map;

  static std::string key(const std::string& text, const style::ParagraphStyle& st, double width) {
    std::string k;
    char buf[256];
    int n = std::snprintf(buf, sizeof buf, "%a|%a|%d%d%d%d|%a|%a|%a|%a,%a,%a|", width, st.size, st.bold, st.italic,
                          static_cast<int>(st.align), st.uppercase, st.first_indent, st.left_indent, st.line_spacing,
                          st.color.r, st.color.g, st.color.b);
    k.reserve(static_cast<size_t>(n) + text.size());
    k.append(buf, static_cast<size_t>(n)).append(text);
    return k;
  }

  std::vector<Line> lines(const std::string& text, const style::ParagraphStyle& st, double width,
                          const text::FontFamily& fonts) {
    if (text.size() > kMaxTextBytes) return set_paragraph(plain_text(text), st, width, fonts);
    std::string k = key(text, st, width);
    {
      std::lock_guard<std::mutex> lock(mutex);
      if (auto it = map.find(k); it != map.end()) {
        std::shared_ptr<const std::vector<Line>> found = it->second;
        return *found;  // copied after the lookup; `found` keeps it alive if the memo is emptied
      }
    }
    auto made = std::make_shared<const std::vector<Line>>(set_paragraph(plain_text(text), st, width, fonts));
    std::lock_guard<std::mutex> lock(mutex);
    if (map.size() >= kMaxEntries) map.clear();
    map.emplace(std::move(k), made);
    return *made;
  }
};

namespace {

// Set lines through the batch's memo when there is one.
std::vector<Line> lines_of(CertificateLinesMemo* memo, const std::string& text, const style::ParagraphStyle& st,
                           double width, const text::FontFamily& fonts) {
  return memo ? memo->lines(text, st, width, fonts) : set_paragraph(plain_text(text), st, width, fonts);
}

double baseline_offset(const Line& line) { return (line.height - line.ascent - line.descent) / 2 + line.ascent; }

struct Composer {
  const style::Template& tpl;
  const text::FontFamily& fonts;
  Page& page;
  double left, width;
  CertificateLinesMemo* memo = nullptr;

  // A structure element of the page (tagged PDF); -1 parent: the document.
  int node(std::string type, int parent = -1, std::string alt = {}) {
    page.structure.push_back(StructNode{std::move(type), parent, -1, std::move(alt)});
    return static_cast<int>(page.structure.size()) - 1;
  }

  // Stacks `text` centred in [x, x + w] from `y` (top), tagged `tag` (a new P when none
  // is given); returns the new y.
  double stack(const std::string& text, const style::ParagraphStyle& st, double x, double w, double y,
               std::vector<Line>* out = nullptr, int tag = kArtifact) {
    if (text.empty()) return y;
    auto lines = lines_of(memo, text, st, w, fonts);
    y += st.space_before;
    if (tag == kArtifact) tag = node("P");
    if (out) *out = lines;
    for (Line& l : lines) {
      const size_t from = page.runs.size();
      const double baseline = y + baseline_offset(l);
      y += l.height;
      place_line(std::move(l), x, baseline, page.runs);
      for (size_t i = from; i < page.runs.size(); ++i) page.runs[i].tag = tag;
    }
    return y + st.space_after;
  }

  double height_of(const std::string& text, const style::ParagraphStyle& st, double w) {
    if (text.empty()) return 0;
    double h = st.space_before + st.space_after;
    for (const Line& l : lines_of(memo, text, st, w, fonts)) h += l.height;
    return h;
  }
};

void scale_page(Page& page, double k) {
  if (k == 1) return;
  page.width *= k;
  page.height *= k;
  for (auto& run : page.runs) {
    run.size *= k;
    for (auto& g : run.glyphs) {
      g.x *= k;
      g.y *= k;
      g.advance *= k;
    }
  }
  for (auto& r : page.rules) {
    r.x0 *= k;
    r.x1 *= k;
    r.y0 *= k;
    r.y1 *= k;
    r.thickness *= k;
  }
  for (auto& r : page.rects) {
    r.x *= k;
    r.y *= k;
    r.width *= k;
    r.height *= k;
  }
}

PlacedImage place(const std::shared_ptr<const RasterImage>& image, const ImageBox& box) {
  return PlacedImage{image, box.x, box.y, box.width, box.height};
}

void offset_page(Page& page, double dx, double dy) {
  for (auto& run : page.runs)
    for (auto& g : run.glyphs) {
      g.x += dx;
      g.y += dy;
    }
  for (auto& r : page.rules) {
    r.x0 += dx;
    r.x1 += dx;
    r.y0 += dy;
    r.y1 += dy;
  }
  for (auto& r : page.rects) {
    r.x += dx;
    r.y += dy;
  }
  for (auto& im : page.images) {
    im.x += dx;
    im.y += dy;
  }
}

// A QR code as filled rectangles (one per run of dark modules in a row).
void qr_code(Page& page, const std::string& url, double x, double y, double size) {
  const QrCode code = qr_encode(url);
  const int n = code.size;
  const double m = size / (n + 2);  // one module of quiet zone around
  for (int r = 0; r < n; ++r) {
    for (int c = 0; c < n;) {
      if (!code.at(r, c)) {
        ++c;
        continue;
      }
      int e = c;
      while (e < n && code.at(r, e)) ++e;
      page.rects.push_back(FilledRect{x + (c + 1) * m, y + (r + 1) * m, (e - c) * m, m, {}});
      c = e;
    }
  }
}

}  // namespace

Graphic certificate_border(const style::Template& tpl, const CertificateOptions& options) {
  const auto& c = tpl.certificate;
  const double w = tpl.page.width, h = tpl.page.height, k = options.scale;
  Graphic g;
  g.width = w * k;
  g.height = h * k;
  if (options.print_on_blank) return g;
  auto frame = [&](double inset, double thickness, const style::Color& col) {
    layout::Color lc{col.r, col.g, col.b};
    double x0 = inset, y0 = inset, x1 = w - inset, y1 = h - inset;
    g.rules.push_back(Rule{x0, y0, x1, y0, thickness, lc});
    g.rules.push_back(Rule{x1, y0, x1, y1, thickness, lc});
    g.rules.push_back(Rule{x1, y1, x0, y1, thickness, lc});
    g.rules.push_back(Rule{x0, y1, x0, y0, thickness, lc});
  };
  const double inset = c.border_inset;
  frame(inset, 3.0, c.border_color);
  frame(inset + 5, 0.8, c.ornament_color);
  frame(inset + 8, 0.5, c.border_color);
  // Corner ornaments: stepped squares and a diamond in each corner, and a lozenge chain
  // along the top and bottom edges.
  layout::Color gold{c.ornament_color.r, c.ornament_color.g, c.ornament_color.b};
  layout::Color red{c.border_color.r, c.border_color.g, c.border_color.b};
  for (auto [cx, cy] : {std::pair{inset + 4.0, inset + 4.0}, std::pair{w - inset - 4.0, inset + 4.0},
                        std::pair{inset + 4.0, h - inset - 4.0}, std::pair{w - inset - 4.0, h - inset - 4.0}}) {
    for (double r : {14.0, 9.0}) {
      g.rules.push_back(Rule{cx - r, cy, cx, cy - r, 1.2, gold});
      g.rules.push_back(Rule{cx, cy - r, cx + r, cy, 1.2, gold});
      g.rules.push_back(Rule{cx + r, cy, cx, cy + r, 1.2, gold});
      g.rules.push_back(Rule{cx, cy + r, cx - r, cy, 1.2, gold});
    }
    g.rects.push_back(FilledRect{cx - 3, cy - 3, 6, 6, red});
  }
  for (double x = inset + 40; x < w - inset - 40; x += 24) {
    for (double y : {inset + 2.5, h - inset - 2.5}) {
      g.rules.push_back(Rule{x - 4, y, x, y - 2.5, 0.6, gold});
      g.rules.push_back(Rule{x, y - 2.5, x + 4, y, 0.6, gold});
      g.rules.push_back(Rule{x + 4, y, x, y + 2.5, 0.6, gold});
      g.rules.push_back(Rule{x, y + 2.5, x - 4, y, 0.6, gold});
    }
  }
  for (auto& r : g.rules) {
    r.x0 *= k;
    r.y0 *= k;
    r.x1 *= k;
    r.y1 *= k;
    r.thickness *= k;
  }
  for (auto& r : g.rects) {
    r.x *= k;
    r.y *= k;
    r.width *= k;
    r.height *= k;
  }
  return g;
}

CertificatePrototype certificate_prototype(const style::Template& tpl, const CertificateOptions& options,
                                           const text::FontFamily& fonts) {
  const auto& c = tpl.certificate;
  const auto& pg = tpl.page;
  CertificatePrototype proto{&tpl, options, &fonts, {}, 0, {}, 0, 0, std::make_shared<CertificateLinesMemo>()};
  Page& head_page = proto.head;
  const double left = pg.margin_left, width = pg.width - pg.margin_left - pg.margin_right;
  const bool fixed = !options.print_on_blank;  // the parts pre-printed on a blank
  Page scratch;                                // measured but not drawn on a blank
  Composer head{tpl, fonts, fixed ? head_page : scratch, left, width};

  // Top: the national emblem when given (its room is kept on a blank, where it is
  // pre-printed), then Quốc hiệu, Tiêu ngữ and its rule (a rule exactly its width).
  double top = pg.margin_top;
  if (options.emblem) {
    if (fixed) {
      head_page.images.push_back(
          place(options.emblem, fit_image(*options.emblem, left + width / 2, top + c.emblem_height / 2, width, c.emblem_height)));
      head_page.images.back().tag = head.node("Figure", -1, "Quốc huy");
    }
    top += c.emblem_height + 2;
  }
  const int header = head.node("HeaderBlock");
  top = head.stack(tpl.header.national_title, tpl.style("cert-national-title"), left, width, top, nullptr,
                   head.node("P", header));
  std::vector<Line> motto;
  top = head.stack(tpl.header.motto, tpl.style("cert-motto"), left, width, top, &motto, head.node("P", header));
  if (fixed && !motto.empty()) {
    const Line& l = motto.back();
    double rule_y = top - tpl.style("cert-motto").space_after - l.height + baseline_offset(l) + 4;
    head_page.rules.push_back(Rule{left + l.x_start, rule_y, left + l.x_start + l.natural_width, rule_y, 0.8, {}});
  }
  top += 4;
  top = head.stack(c.issuer, tpl.style("cert-issuer"), left, width, top);
  top = head.stack(c.verb, tpl.style("cert-verb"), left, width, top);
  const int title = c.title_lines.empty() ? kArtifact : head.node("H1");
  for (const auto& t : c.title_lines) top = head.stack(t, tpl.style("cert-title"), left, width, top, nullptr, title);
  proto.head_bottom = top;

  // Bottom right below the date: the signer's title, room to sign, the signer's name,
  // placed from y = 0 (each page moves them under its date line).
  const double half = width / 2, right_x = left + width - half;
  Composer signer{tpl, fonts, fixed ? proto.signer : scratch, left, width};
  double ry = 0;
  // The signer's block: a Signature element (index 0 of proto.signer.structure).
  const int signature = signer.node("Signature");
  const int titles = c.signer_title.empty() ? kArtifact : signer.node("P", signature);
  for (const auto& t : c.signer_title) ry = signer.stack(t, tpl.style("cert-signer-title"), right_x, half, ry, nullptr, titles);
  proto.signature_top = ry;
  ry += c.signature_space;
  proto.signer_height =
      signer.stack(c.signer_name, tpl.style("cert-signer"), right_x, half, ry, nullptr, signer.node("P", signature));
  return proto;
}

namespace {

Page compose_certificate(const CertificatePrototype& proto, const model::ListRow& row);

}  // namespace

Page certificate_page(const CertificatePrototype& proto, const model::ListRow& row) {
  try {
    return compose_certificate(proto, row);
  } catch (const Error& e) {
    // A character the fonts lack: name the row and the (leftmost) cell that holds one.
    if (e.kind() != ErrorKind::Font || e.line() != 0) throw;
    std::string key;
    int column = 0;
    for (const auto& [k, v] : row.fields) {
      try {
        set_paragraph(plain_text(v), proto.tpl->style("cert-info"), 1e6, *proto.fonts);
      } catch (const Error&) {
        int c = row.column_of(k);
        if (key.empty() || (c > 0 && (column == 0 || c < column))) {
          key = k;
          column = c;
        }
      }
    }
    throw Error(e.kind(), e.message(), e.file(), row.row, column,
                model::row_label(row) + (key.empty() ? "" : ", " + key));
  }
}

namespace {

Page compose_certificate(const CertificatePrototype& proto, const model::ListRow& row) {
  const style::Template& tpl = *proto.tpl;
  const CertificateOptions& options = proto.options;
  const text::FontFamily& fonts = *proto.fonts;
  const auto& c = tpl.certificate;
  const auto& pg = tpl.page;
  const wording::CertificateText said = wording::certificate_text(tpl, row);
  Page page = proto.head;  // the fixed lines, laid out once per batch
  page.width = pg.width;
  page.height = pg.height;
  if (!options.print_on_blank) page.graphics.push_back(0);
  const double left = pg.margin_left, width = pg.width - pg.margin_left - pg.margin_right;
  Composer k{tpl, fonts, page, left, width, proto.memo.get()};

  // The name: the most prominent line, shrunk to fit one line down to the minimum size,
  // then wrapped at that size.
  double top = proto.head_bottom;
  auto name_style = tpl.style("cert-name");
  double natural = 0;  // the widest line (a name may hold a line break)
  for (const Line& l : lines_of(proto.memo.get(), said.name_line, name_style, 1e6, fonts))
    natural = std::max(natural, l.natural_width);
  if (natural > width) name_style.size = std::max(c.name_min_size, name_style.size * width / natural * 0.999);
  top = k.stack(said.name_line, name_style, left, width, top);
  top = k.stack(said.info, tpl.style("cert-info"), left, width, top);
  top = k.stack(said.achievement, tpl.style("cert-achievement"), left + 30, width - 60, top);

  // Bottom right: place and date, then the prototype's signer block under it.
  const double half = width / 2, right_x = left + width - half, bottom = pg.height - pg.margin_bottom;
  const auto& date_style = tpl.style("cert-date");
  auto date_lines = lines_of(proto.memo.get(), said.date_line, date_style, half, fonts);
  double date_h = date_style.space_before + date_style.space_after;
  for (const Line& l : date_lines) date_h += l.height;
  const double right_h = date_h + proto.signer_height;
  double ry = bottom - right_h + date_style.space_before;
  const int date = k.node("P");
  for (Line& l : date_lines) {
    const size_t from = page.runs.size();
    const double baseline = ry + baseline_offset(l);
    ry += l.height;
    place_line(std::move(l), right_x, baseline, page.runs);
    for (size_t i = from; i < page.runs.size(); ++i) page.runs[i].tag = date;
  }
  const double signer_y = bottom - right_h + date_h;
  // The prototype's signer block and its elements, their indices after this page's.
  const int shift = static_cast<int>(page.structure.size());
  for (StructNode node : proto.signer.structure) {
    if (node.parent >= 0) node.parent += shift;
    page.structure.push_back(std::move(node));
  }
  for (TextRun run : proto.signer.runs) {
    for (auto& g : run.glyphs) g.y += signer_y;
    if (run.tag >= 0) run.tag += shift;
    page.runs.push_back(std::move(run));
  }
  const int signature = proto.signer.structure.empty() ? -1 : shift;
  // The signature in the signature space; the seal over its left third.
  const auto art = wording::signature_art(c, right_x + half / 2, signer_y + proto.signature_top + c.signature_space / 2,
                                         options.signature.get(), options.seal.get());
  if (options.signature) {
    page.images.push_back(place(options.signature, art.signature));
    page.images.back().tag = k.node("Figure", signature, "Chữ ký");
  }
  if (options.seal) {
    page.images.push_back(place(options.seal, art.seal));
    page.images.back().tag = k.node("Figure", signature, "Con dấu");
  }

  // Bottom left: decision and golden-book number, the QR code above them.
  const auto& dec = tpl.style("cert-decision");
  const std::string &decision = said.decision, &golden = said.golden_book;
  double left_h = k.height_of(decision, dec, c.bottom_left_width) + k.height_of(golden, dec, c.bottom_left_width);
  double ly = bottom - left_h;
  if (!c.qr_pattern.empty()) {
    const std::string url = wording::certificate_url(tpl, row);
    const size_t from = page.rects.size();
    qr_code(page, url, left, ly - c.qr_size - 4, c.qr_size);
    const int figure = k.node("Figure", -1, "QR: " + url);
    for (size_t i = from; i < page.rects.size(); ++i) page.rects[i].tag = figure;
  }
  ly = k.stack(decision, dec, left, c.bottom_left_width, ly);
  k.stack(golden, dec, left, c.bottom_left_width, ly);

  if (top > bottom - right_h + 2) {
    throw Error(ErrorKind::Layout, tr("the text does not fit on the certificate (a very long achievement?)"), {}, row.row, 0,
                model::row_label(row));
  }
  // Each certificate a section of the file's Document.
  page.structure.insert(page.structure.begin(), StructNode{"Sect", -1, -1, {}});
  for (size_t i = 1; i < page.structure.size(); ++i) page.structure[i].parent += 1;  // -1 (top) -> the Sect
  for (auto& run : page.runs) run.tag += run.tag >= 0;
  for (auto& image : page.images) image.tag += image.tag >= 0;
  for (auto& rect : page.rects) rect.tag += rect.tag >= 0;
  for (auto& rule : page.rules) rule.tag += rule.tag >= 0;
  if (options.print_on_blank) offset_page(page, options.offset_x, options.offset_y);
  scale_page(page, options.scale);
  add_certificate_slots(page, tpl, options, right_x + half / 2, signer_y + proto.signature_top, c.signature_space);
  return page;
}

}  // namespace

Page certificate_page(const style::Template& tpl, const model::ListRow& row, const CertificateOptions& options,
                      const text::FontFamily& fonts) {
  return certificate_page(certificate_prototype(tpl, options, fonts), row);
}

}  // namespace vanban::layout
