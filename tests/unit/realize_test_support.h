// Helpers of the realize tests: templates, documents built in code, and the laid-out
// pages read back as lines of text with their positions.
#pragma once
#include <cmath>
#include <map>
#include <string>
#include <vector>

#include "layout/layout.h"
#include "model/document.h"
#include "realize/realized.h"
#include "style/profile.h"
#include "test_fonts.h"

namespace vanban::test {

inline const style::Template& named_template(const std::string& name) {
  static std::map<std::string, style::Template> cache;
  auto it = cache.find(name);
  if (it == cache.end()) it = cache.emplace(name, style::load_template(name, {VANBAN_SOURCE_DIR "/templates"})).first;
  return it->second;
}

// A template extending nd30 with `body` (its <document-type>, <regions>…) in it.
inline style::Template template_with(const std::string& body) {
  std::string xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                    "<template name=\"test\" extends=\"nd30\" layout=\"administrative-document\">\n" +
                    body + "\n</template>\n";
  return style::parse_template(xml, VANBAN_SOURCE_DIR "/templates/test.xml", {VANBAN_SOURCE_DIR "/templates"});
}

inline model::RichText rich(const std::string& s) { return {model::Span{s, false, false}}; }

inline model::Block block(model::BlockKind kind, const std::string& title, const std::string& text,
                          std::vector<model::Block> children = {}) {
  model::Block b;
  b.kind = kind;
  b.title = title.empty() ? model::RichText{} : rich(title);
  b.text = text.empty() ? model::RichText{} : rich(text);
  b.children = std::move(children);
  return b;
}

// Field paths as the model reader gives them, for every block of a tree.
inline void number_paths(std::vector<model::Block>& blocks, const std::string& prefix) {
  for (size_t i = 0; i < blocks.size(); ++i) {
    blocks[i].field_path = prefix + "[" + std::to_string(i) + "]";
    number_paths(blocks[i].children, blocks[i].field_path + ".content");
  }
}

// A small document with the header parts every kind has.
inline model::Document small_document() {
  model::Document d;
  d.parent_agency = {"UBND TỈNH HÒA BÌNH"};
  d.issuing_agency = {"SỞ GIÁO DỤC VÀ ĐÀO TẠO"};
  d.number = {"05", "", "SGDĐT-VP"};
  d.place = "Hòa Bình";
  d.date = {5, 3, 2021};
  d.subject = "Về việc tổ chức hội nghị";
  model::Signature s;
  s.authority_lines = {"GIÁM ĐỐC"};
  s.signer_name = "Bùi Thị Kim Tuyến";
  s.field_path = "signature";
  d.signatures.push_back(s);
  return d;
}

// Every paragraph of a realized document, in order.
inline std::vector<const realize::Paragraph*> paragraphs(const realize::Document& doc) {
  std::vector<const realize::Paragraph*> out;
  auto add = [&](const realize::Paragraph& p) { out.push_back(&p); };
  for (const auto& region : doc.regions) {
    if (const auto* h = std::get_if<realize::Header>(&region)) {
      for (const auto& p : h->left) add(p);
      for (const auto& p : h->right) add(p);
      if (h->number) add(*h->number);
      if (h->date) add(*h->date);
      for (const auto& p : h->under_number) add(p);
    } else if (const auto* f = std::get_if<realize::Flow>(&region)) {
      for (const auto& item : f->items) {
        if (const auto* p = std::get_if<realize::Paragraph>(&item)) add(*p);
        if (const auto* l = std::get_if<realize::LabelledList>(&item)) {
          add(l->label);
          for (const auto& p : l->items) add(p);
        }
      }
    } else if (const auto* c = std::get_if<realize::Closing>(&region)) {
      if (c->recipients_label) add(*c->recipients_label);
      for (const auto& p : c->recipients) add(p);
      for (const auto& s : c->signatures) {
        for (const auto& p : s.authority) add(p);
        if (s.name) add(*s.name);
      }
    }
  }
  return out;
}

inline const realize::Paragraph* paragraph_with_id(const realize::Document& doc, const std::string& id) {
  for (const auto* p : paragraphs(doc))
    if (p->id == id) return p;
  return nullptr;
}

// A line of laid-out text: glyphs on one baseline with no gap wider than 20 pt between
// them (so Số and the date on one baseline are two lines). It holds copies of its glyphs,
// so it outlives the pages it was read from.
struct TextLine {
  double y = 0, x0 = 0, x1 = 0;
  std::string text;
  std::vector<layout::PositionedGlyph> glyphs;
  double centre() const { return (x0 + x1) / 2; }
};

inline std::vector<TextLine> text_lines(const layout::Page& page) {
  std::vector<TextLine> out;
  for (const auto& run : page.runs) {
    for (const auto& g : run.glyphs) {
      bool same = !out.empty() && std::abs(out.back().y - g.y) < 0.01 && g.x >= out.back().x1 - 0.01 &&
                  g.x - out.back().x1 < 20;
      if (!same) out.push_back(TextLine{g.y, g.x, g.x, "", {}});
      out.back().text += g.text;
      out.back().x1 = g.x + g.advance;
      out.back().glyphs.push_back(g);
    }
  }
  return out;
}

inline const TextLine* line_starting(const std::vector<TextLine>& lines, const std::string& start) {
  for (const auto& l : lines)
    if (l.text.rfind(start, 0) == 0) return &l;
  return nullptr;
}

}  // namespace vanban::test
