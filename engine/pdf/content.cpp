#include "pdf/content.h"

#include <charconv>
#include <cmath>

#include "core/error.h"
#include "core/i18n.h"
#include "pdf/structure.h"

namespace vanban::pdf {

double checked(double v) {
  if (!std::isfinite(v) || std::abs(v) > 1e7) {
    throw Error(ErrorKind::Layout,
                std::isnan(v)   ? tr("a position or size that cannot be written into a PDF (not a number)")
                : std::isinf(v) ? tr("a position or size that cannot be written into a PDF (infinite)")
                                : tr("a position or size that cannot be written into a PDF (out of range)"));
  }
  return v;
}

void put_number(std::string& out, double v) {
  v = checked(v);
  if (std::abs(v) < 0.0005) v = 0;
  // Thousandths as an integer, rounded to nearest; a value whose thousandths end near a
  // half (where the product's rounding could tip it) goes the exact way, through
  // to_chars, which rounds the double's exact decimal value: the same text either way.
  const double m = v * 1000.0;  // |m| <= 1e10: its error is far below 0.001
  const double whole = std::floor(m);
  const double frac = m - whole;
  if (frac > 0.499 && frac < 0.501) {
    char buf[32];
    auto r = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::fixed, 3);
    char* end = r.ptr;
    while (end > buf && end[-1] == '0') --end;
    if (end > buf && end[-1] == '.') --end;
    out.append(buf, end);
    return;
  }
  const long long thousandths = static_cast<long long>(whole) + (frac > 0.5 ? 1 : 0);
  unsigned long long a = thousandths < 0 ? 0ull - static_cast<unsigned long long>(thousandths)
                                         : static_cast<unsigned long long>(thousandths);
  char buf[32];
  char* end = buf + sizeof buf;
  char* p = end;
  unsigned fraction = static_cast<unsigned>(a % 1000);
  a /= 1000;
  if (fraction != 0) {
    int digits = 3;
    while (fraction % 10 == 0) {
      fraction /= 10;
      --digits;
    }
    for (int i = 0; i < digits; ++i) {
      *--p = static_cast<char>('0' + fraction % 10);
      fraction /= 10;
    }
    *--p = '.';
  }
  do {
    *--p = static_cast<char>('0' + a % 10);
    a /= 10;
  } while (a != 0);
  if (thousandths < 0) *--p = '-';
  out.append(p, end);
}

void put_color(std::string& out, const layout::Color& c, const char* op) {
  put_number(out, c.r);
  out += ' ';
  put_number(out, c.g);
  out += ' ';
  put_number(out, c.b);
  out += ' ';
  out += op;
}

void put_rect(std::string& out, const layout::FilledRect& r, double height) {
  out += "q ";
  put_color(out, r.color, "rg ");
  put_number(out, r.x);
  out += ' ';
  put_number(out, height - r.y - r.height);
  out += ' ';
  put_number(out, r.width);
  out += ' ';
  put_number(out, r.height);
  out += " re f Q\n";
}

void put_rule(std::string& out, const layout::Rule& rule, double height) {
  out += "q ";
  put_number(out, rule.thickness);
  out += " w ";
  put_color(out, rule.color, "RG ");
  put_number(out, rule.x0);
  out += ' ';
  put_number(out, height - rule.y0);
  out += " m ";
  put_number(out, rule.x1);
  out += ' ';
  put_number(out, height - rule.y1);
  out += " l S Q\n";
}

void put_image(std::string& out, const layout::PlacedImage& placed, const std::string& name, double height) {
  out += "q ";
  for (double v : {placed.width, 0.0, 0.0, placed.height, placed.x, height - placed.y - placed.height}) {
    put_number(out, v);
    out += ' ';
  }
  out += "cm /" + name + " Do Q\n";
}

namespace {

// A CID (two bytes, big-endian) inside a literal string: the bytes themselves, with "(",
// ")" and the backslash escaped, and CR written "\r" (a reader would take a bare CR for
// an end of line).
// Half the bytes of hex digits, so less to compress: the plan's pages 93 KB -> 68 KB.
void put_cid(std::string& out, unsigned cid) {
  for (unsigned char b : {static_cast<unsigned char>(cid >> 8), static_cast<unsigned char>(cid & 0xFF)}) {
    if (b == '(' || b == ')' || b == '\\') {
      out += '\\';
      out += static_cast<char>(b);
    } else if (b == '\r') {
      out += "\\r";
    } else {
      out += static_cast<char>(b);
    }
  }
}

}  // namespace

void put_run(std::string& out, const layout::TextRun& run, EmbeddedFont& f, double height) {
  if (run.glyphs.empty() || !run.font) return;
  const double scale = 1.0 / run.font->units_per_em();
  out += "BT /";
  out += f.resource_name;
  out += ' ';
  put_number(out, run.size);
  out += " Tf ";
  put_color(out, run.color, "rg\n");
  const auto& glyphs = run.glyphs;
  size_t i = 0;
  while (i < glyphs.size()) {
    // A segment: glyphs on one baseline, each placed by TJ adjustments.
    out += "1 0 0 1 ";
    put_number(out, glyphs[i].x);
    out += ' ';
    put_number(out, height - glyphs[i].y);
    out += " Tm [(";
    for (;;) {
      const auto& g = glyphs[i];
      put_cid(out, f.cid(g.glyph_id, g.text));
      bool more = i + 1 < glyphs.size() && std::abs(glyphs[i + 1].y - g.y) < 1e-9;
      ++i;
      if (!more) break;
      double natural = f.advance(g.glyph_id) * scale * run.size;
      double gap = glyphs[i].x - (g.x + natural);  // how far the next glyph is from where PDF puts it
      if (std::abs(gap) > 0.0005) {
        out += ") ";
        put_number(out, -gap * 1000.0 / run.size);
        out += " (";
      }
    }
    out += ")] TJ\n";
  }
  out += "ET\n";
}

namespace {

// Whether blank space inside `run` (between two inked glyphs on one baseline) is wider
// than the run's size: poppler's TextOutputDev joins words into a line only up to 1.5 em
// apart and pulls text within 1 em into a neighbouring block.
bool has_wide_gap(const layout::TextRun& run) {
  double ink_end = NAN;
  for (const auto& g : run.glyphs) {
    if (g.y != run.glyphs.front().y) return false;  // more than one line: left as it is
    if (g.text == " ") continue;
    if (!std::isnan(ink_end) && g.x - ink_end > run.size) return true;
    ink_end = g.x + g.advance;
  }
  return false;
}

}  // namespace

void put_whole_run(std::string& out, const layout::TextRun& run, EmbeddedFont& font, double height) {
  if (!has_wide_gap(run)) {
    put_run(out, run, font, height);
    return;
  }
  std::string text;
  for (const auto& g : run.glyphs) text += g.text;
  out += "/Span <</ActualText " + text_string(text) + ">> BDC\n";
  put_run(out, run, font, height);
  out += "EMC\n";
}

}  // namespace vanban::pdf
