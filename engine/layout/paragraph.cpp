#include "layout/paragraph.h"

#include <algorithm>
#include <cmath>

#include "core/unicode.h"
#include "text/line_breaker.h"
#include "text/shaper.h"

namespace vanban::layout {
namespace {

struct Glyph {
  const text::Font* font;
  uint32_t glyph_id;
  size_t cluster;   // byte offset of the cluster in the paragraph text, where its text begins
  size_t text_end;  // where the cluster's text ends (= cluster on its non-first glyphs)
  double advance, x_offset, y_offset;
  bool is_space;
  bool newline = false;  // a "\n": a forced break, never skipped as a space after a break
};

bool is_space_text(std::string_view s) { return s == " " || s == "\u00A0"; }

void line_metrics(const style::ParagraphStyle& style, const text::FontFamily& fonts, Line& line) {
  const text::Font& f = fonts.face(style.bold, style.italic);
  double scale = style.size / f.units_per_em();
  line.ascent = f.ascender() * scale;
  line.descent = -f.descender() * scale;
  line.height = f.line_height(style.size) * style.line_spacing;
}

// Builds the runs of one line from glyphs [begin, end) starting at pen x.
void emit_runs(const std::vector<Glyph>& glyphs, size_t begin, size_t end, double x, double extra_per_space,
               const std::string& text, const style::ParagraphStyle& style, Line& line) {
  for (size_t i = begin; i < end;) {
    // A run: the glyphs [i, same) of one face.
    const text::Font* font = glyphs[i].font;
    size_t same = i + 1;
    while (same < end && glyphs[same].font == font) ++same;
    TextRun& run = line.runs.emplace_back(TextRun{font, style.size, Color{style.color.r, style.color.g, style.color.b}, {}});
    run.glyphs.reserve(same - i);
    for (; i < same; ++i) {
      const Glyph& g = glyphs[i];
      double advance = g.advance + (g.is_space ? extra_per_space : 0);
      PositionedGlyph& p = run.glyphs.emplace_back(g.glyph_id, x + g.x_offset, -g.y_offset, advance, std::string());
      if (g.text_end != g.cluster) p.text.assign(text.data() + g.cluster, g.text_end - g.cluster);
      x += advance;
    }
  }
}

}  // namespace


namespace {

std::vector<Line> set_lines(const model::RichText& spans, const style::ParagraphStyle& style, double width,
                             const text::FontFamily& fonts) {
  // 1. The paragraph's text and its glyphs, span by span.
  std::string text;
  std::vector<Glyph> glyphs;
  {
    size_t bytes = 0;
    for (const model::Span& span : spans) bytes += span.text.size();
    glyphs.reserve(bytes);  // at most a glyph a byte
  }
  std::string upper;
  for (const model::Span& span : spans) {
    if (style.uppercase) upper = unicode::to_upper_vi(span.text);
    std::string_view piece = style.uppercase ? std::string_view(upper) : std::string_view(span.text);
    if (piece.empty()) continue;
    const text::Font& font = fonts.face(style.bold || span.bold, style.italic || span.italic);
    size_t base = text.size();
    text += piece;
    // A line break in the text (a cell written with Alt+Enter, "\n" in JSON) is a forced
    // break: the line breaker sees the "\n" in `text`; it is shaped as a space (a font
    // has no glyph for U+000A), trimmed like one at the end of its line.
    std::string spaced;
    if (piece.find('\n') != std::string_view::npos) {
      spaced.assign(piece);
      std::replace(spaced.begin(), spaced.end(), '\n', ' ');
      piece = spaced;
    }
    std::vector<text::ShapedGlyph> shaped = text::shape(font, style.size, piece);
    for (size_t i = 0; i < shaped.size();) {
      // The glyphs [i, j) of one cluster: its text on the first, the others empty.
      const uint32_t cluster = shaped[i].cluster;
      size_t j = i + 1;
      while (j < shaped.size() && shaped[j].cluster == cluster) ++j;
      const size_t end = j < shaped.size() ? shaped[j].cluster : piece.size();
      const size_t tb = base + cluster;
      const bool space = is_space_text(piece.substr(cluster, end - cluster));
      const bool newline = text[tb] == '\n';
      for (size_t k = i; k < j; ++k) {
        const auto& s = shaped[k];
        glyphs.push_back(Glyph{&font, s.glyph_id, tb, k == i ? base + end : tb, s.x_advance, s.x_offset, s.y_offset,
                               space, newline});
      }
      i = j;
    }
  }

  std::vector<Line> lines;
  if (glyphs.empty()) {
    Line empty;
    line_metrics(style, fonts, empty);
    lines.push_back(std::move(empty));
    return lines;
  }

  // 2. Prefix sums of advances; break opportunities as glyph indices.
  const size_t n = glyphs.size();
  std::vector<double> prefix(n + 1, 0);
  for (size_t i = 0; i < n; ++i) prefix[i + 1] = prefix[i] + glyphs[i].advance;
  auto width_of = [&](size_t b, size_t e) { return prefix[e] - prefix[b]; };
  auto trim_end = [&](size_t b, size_t e) {
    while (e > b && glyphs[e - 1].is_space) --e;
    return e;
  };

  struct Opportunity {
    size_t glyph;
    bool mandatory;
  };
  std::vector<Opportunity> opportunities;
  {
    size_t g = 0;
    for (const auto& op : text::line_break_opportunities(text)) {
      while (g < n && glyphs[g].cluster < op.offset) ++g;
      if (g == 0) continue;
      if (!opportunities.empty() && opportunities.back().glyph == g) {
        opportunities.back().mandatory |= op.mandatory;
        continue;
      }
      opportunities.push_back({g, op.mandatory});
    }
    if (opportunities.empty() || opportunities.back().glyph != n) opportunities.push_back({n, true});
  }

  // 3. Greedy filling; a centred paragraph: balanced lines (text::balanced_line_breaks).
  struct Break {
    size_t begin, end;
    bool last;  // last line of the paragraph or before a mandatory break: not justified
  };
  std::vector<Break> breaks;
  size_t start = 0;
  auto available = [&](size_t line_index) {
    return width - style.left_indent - (line_index == 0 ? style.first_indent : 0);
  };
  if (style.align == style::Align::Center && opportunities.size() > 1) {
    std::vector<text::MeasuredGlyph> measured;
    measured.reserve(n);
    for (const Glyph& g : glyphs) measured.push_back({g.cluster, g.advance, g.is_space});
    std::vector<size_t> starts = text::balanced_line_breaks(text, measured, available(0), available(1));
    if (!starts.empty()) {
      starts.push_back(text.size());
      size_t begin = 0;
      for (size_t offset : starts) {
        size_t end = begin;
        while (end < n && glyphs[end].cluster < offset) ++end;
        bool forced = false;
        for (const auto& op : opportunities) forced |= op.glyph == end && op.mandatory;
        breaks.push_back({begin, end, forced || end >= n});
        begin = end;
      }
      start = n;  // no greedy filling
    }
  }
  size_t k = 0;
  while (start < n) {
    double avail = available(breaks.size());
    size_t fit = start;  // best end found so far
    bool fit_mandatory = false;
    for (; k < opportunities.size(); ++k) {
      const auto& op = opportunities[k];
      if (op.glyph <= start) continue;
      double w = width_of(start, trim_end(start, op.glyph));
      if (w <= avail + 1e-6 || fit == start) {
        if (w > avail + 1e-6) {
          // A single unbreakable piece wider than the line: cut it where it stops fitting.
          size_t e = start + 1;
          while (e < op.glyph && width_of(start, e + 1) <= avail + 1e-6) ++e;
          while (e < op.glyph && glyphs[e].cluster == glyphs[e].text_end) ++e;  // keep clusters whole
          fit = e;
          fit_mandatory = false;
          if (e < op.glyph) break;
          ++k;
          break;
        }
        fit = op.glyph;
        fit_mandatory = op.mandatory;
        if (op.mandatory) {
          ++k;
          break;
        }
      } else {
        break;
      }
    }
    breaks.push_back({start, fit, fit_mandatory || fit >= n});
    start = fit;
    while (start < n && glyphs[start].is_space && !glyphs[start].newline && !breaks.back().last) ++start;  // spaces after a break
  }

  // 4. Lines: alignment, justification, runs.
  for (size_t li = 0; li < breaks.size(); ++li) {
    const Break& b = breaks[li];
    Line line;
    line_metrics(style, fonts, line);
    size_t end = trim_end(b.begin, b.end);
    double natural = width_of(b.begin, end);
    double avail = available(li);
    double x = style.left_indent + (li == 0 ? style.first_indent : 0);
    double extra_per_space = 0;
    switch (style.align) {
      case style::Align::Left: break;
      case style::Align::Center: x += (avail - natural) / 2; break;
      case style::Align::Right: x += avail - natural; break;
      case style::Align::Justify:
        if (!b.last && natural < avail) {
          size_t spaces = 0;
          for (size_t i = b.begin; i < end; ++i) spaces += glyphs[i].is_space;
          if (spaces > 0) extra_per_space = (avail - natural) / spaces;
        }
        break;
    }
    line.x_start = x;
    line.natural_width = natural;
    emit_runs(glyphs, b.begin, end, x, extra_per_space, text, style, line);
    lines.push_back(std::move(line));
  }
  return lines;
}

}  // namespace

std::vector<Line> set_paragraph(const model::RichText& spans, const style::ParagraphStyle& style, double width,
                                const text::FontFamily& fonts) {
  return set_lines(spans, style, width, fonts);
}

void append_leaders(Line& line, const std::string& leader, const style::ParagraphStyle& style, double from,
                    double to, const text::FontFamily& fonts) {
  const text::Font& font = fonts.face(style.bold, style.italic);
  std::vector<text::ShapedGlyph> shaped = text::shape(font, style.size, leader);
  double one = 0;
  for (const auto& g : shaped) one += g.x_advance;
  if (one <= 0 || to - from < one) return;
  // Rounded, not floored: the copies then sit at most half a copy's width closer or
  // further apart than their natural spacing, which the eye does not see.
  size_t count = std::max<size_t>(1, static_cast<size_t>(std::lround((to - from) / one)));
  if (count == 1) to = from + one;
  // The first copy starts at `from`, the last ends exactly at `to`, equal gaps between.
  double step = count > 1 ? (to - from - one) / (count - 1) : 0;
  line.runs.push_back(TextRun{&font, style.size, Color{style.color.r, style.color.g, style.color.b}, {}});
  auto& glyphs = line.runs.back().glyphs;
  for (size_t c = 0; c < count; ++c) {
    double pen = from + c * step;
    for (size_t i = 0; i < shaped.size(); ++i) {
      const auto& g = shaped[i];
      bool last_glyph = i + 1 == shaped.size();
      double advance = g.x_advance + (last_glyph && c + 1 < count ? step - one : 0);
      glyphs.push_back(PositionedGlyph{g.glyph_id, pen + g.x_offset, -g.y_offset, advance,
                                       i == 0 ? leader : std::string()});
      pen += g.x_advance;
    }
  }
}

Line set_leader_line(const std::string& leader, const style::ParagraphStyle& style, double width,
                     const text::FontFamily& fonts) {
  Line line;
  line_metrics(style, fonts, line);
  double from = style.left_indent + style.first_indent;
  line.x_start = from;
  line.natural_width = width - from;
  append_leaders(line, leader, style, from, width, fonts);
  return line;
}

void place_line(const Line& line, double dx, double dy, std::vector<TextRun>& out) {
  place_line(Line(line), dx, dy, out);
}

void place_line(Line&& line, double dx, double dy, std::vector<TextRun>& out) {
  for (TextRun& run : line.runs) {
    for (auto& g : run.glyphs) {
      g.x += dx;
      g.y += dy;
    }
    out.push_back(std::move(run));
  }
}

}  // namespace vanban::layout
