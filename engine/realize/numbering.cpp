// Body blocks -> numbered, labelled, styled paragraphs (ND30-NUM-1..8): "Phần I" /
// "Phần thứ nhất" and "Chương I" on their own lines with the title under them, "Mục 1",
// "I." sections, "Điều 1." articles, "1." / "1.1." clauses, "a)" points, "- ", "+ ", "* ".
#include <map>

#include "core/error.h"
#include "core/i18n.h"
#include "realize/realize_parts.h"
#include "wording/wording.h"

namespace vanban::realize::detail {
namespace {

using model::Block;
using model::BlockKind;

// The numbering of `kind`: the scheme the model picks (Document::numbering, checked by
// realize_document) or the template's default for the kind.
const style::NumberingStyle& numbering_style(const Context& ctx, const std::string& kind) {
  for (const auto& [k, scheme] : ctx.doc.numbering) {
    if (k != kind) continue;
    auto it = ctx.tpl.numbering_schemes.find(kind + ":" + scheme);
    if (it != ctx.tpl.numbering_schemes.end()) return it->second;
  }
  return ctx.tpl.numbering_for(kind);
}

std::string trim(const std::string& s) {
  size_t a = s.find_first_not_of(' ');
  if (a == std::string::npos) return "";
  return s.substr(a, s.find_last_not_of(' ') - a + 1);
}

model::RichText with_prefix(const std::string& prefix, const model::RichText& text, bool bold = false) {
  model::RichText out;
  if (!prefix.empty()) out.push_back(model::Span{prefix, bold, false});
  out.insert(out.end(), text.begin(), text.end());
  return out;
}

// Kinds numbered through the whole document rather than among their siblings: laws and
// regulations number "Chương" and "Điều" on from one part or chapter to the next.
bool numbered_through(BlockKind kind) { return kind == BlockKind::Chapter || kind == BlockKind::Article; }

struct Numbering {
  std::map<BlockKind, int> through;                // document-wide counts
  std::map<std::string, std::string> outer;        // kind -> the number of the enclosing block of that kind
};

class BlockRealizer {
 public:
  BlockRealizer(const Context& ctx, std::vector<Item>& out) : ctx_(ctx), out_(out) {}

  void blocks(const std::vector<Block>& list, const std::string& id, const Numbering& outer_numbers,
              std::map<BlockKind, int>& through) {
    std::map<BlockKind, int> counts;
    for (size_t i = 0; i < list.size(); ++i) {
      const Block& b = list[i];
      int ordinal = numbered_through(b.kind) ? ++through[b.kind] : ++counts[b.kind];
      std::string bid = id + "." + std::to_string(i);
      switch (b.kind) {
        case BlockKind::Paragraph: {
          std::string style = b.style.empty() ? "body" : b.style;
          if (!ctx_.tpl.styles.count(style)) {
            throw Error(ErrorKind::Model, trf("the template \"{0}\" has no style \"{1}\"", ctx_.tpl.name, style), {},
                        0, 0, b.field_path + ".style");
          }
          out_.push_back(paragraph(ctx_, bid, b.field_path, style, b.text));
          break;
        }
        case BlockKind::FillLines:
          ctx_.tpl.style("fill-line");
          out_.push_back(FillLines{bid, b.field_path, "fill-line", b.line_count});
          break;
        case BlockKind::Table: {  // across the text width (realize/table.cpp)
          const auto& pg = ctx_.tpl.page;
          out_.push_back(realize_table(b, ctx_.tpl, ctx_.fonts, pg.width - pg.margin_left - pg.margin_right, bid));
          break;
        }
        default:
          numbered(b, ordinal, bid, outer_numbers, through);
      }
    }
  }

 private:
  const Context& ctx_;
  std::vector<Item>& out_;

  void numbered(const Block& b, int ordinal, const std::string& id, const Numbering& outer_numbers,
                std::map<BlockKind, int>& through) {
    const std::string kind = wording::kind_name(b.kind);
    const style::NumberingStyle& ns = numbering_style(ctx_, kind);
    std::string number, printed;
    if (b.literal_label) {
      // Printed exactly as written ("1.2.3.", "Điều 5a."); children continue "1.2.3".
      printed = b.label.empty() ? "" : b.label + " ";
      number = b.label;
      while (!number.empty() && (number.back() == '.' || number.back() == ')')) number.pop_back();
    } else {
      number = b.label.empty() ? wording::number_text(ctx_.tpl, ns, ordinal) : b.label;
      auto outer = outer_numbers.outer.find(kind);
      // NumberingStyle::outline: "1.1.", "1.1.1." under the enclosing block of the same kind.
      if (ns.outline && outer != outer_numbers.outer.end() && !outer->second.empty()) {
        number = outer->second + "." + number;
      }
      printed = ns.prefix + number + ns.suffix;
    }
    const std::string label = trim(printed);

    auto text_style = [&](const std::string& s) { return s.empty() ? ns.text_style : s; };
    if (!ns.label_style.empty()) {
      // ND30-NUM-2/3: "Phần I", "Chương I", "Mục 1" on their own line; the title under it.
      Paragraph lp = paragraph(ctx_, id + ".label", b.field_path, ns.label_style, model::RichText{{label, false, false}});
      lp.label = label;
      lp.keep_with_next = true;
      out_.push_back(std::move(lp));
      if (!b.title.empty()) out_.push_back(paragraph(ctx_, id, b.field_path + ".title", text_style(ns.title_style), b.title));
      if (!b.text.empty()) out_.push_back(paragraph(ctx_, id + ".text", b.field_path + ".text", ns.text_style, b.text));
    } else if (!b.title.empty()) {
      Paragraph p = paragraph(ctx_, id, b.field_path + ".title", text_style(ns.title_style), with_prefix(printed, b.title));
      p.label = label;
      out_.push_back(std::move(p));
      if (!b.text.empty()) out_.push_back(paragraph(ctx_, id + ".text", b.field_path + ".text", ns.text_style, b.text));
    } else {
      // ND30-NUM-4: "Điều 1." is bold even when its text follows on the line ("Điều 1. Tặng
      // Giấy khen …"); a khoản's "1." without a title is not (ND30-NUM-5).
      Paragraph p = paragraph(ctx_, id, b.field_path, ns.text_style,
                              with_prefix(printed, b.text, b.kind == BlockKind::Article));
      p.label = label;
      out_.push_back(std::move(p));
    }
    Numbering inner = outer_numbers;
    if (ns.format != style::NumberFormat::None || b.literal_label) inner.outer[kind] = number;
    blocks(b.children, id, inner, through);
  }
};

}  // namespace

void realize_blocks(const Context& ctx, const std::vector<model::Block>& blocks, const std::string& id,
                    std::vector<Item>& out) {
  std::map<BlockKind, int> through;
  BlockRealizer(ctx, out).blocks(blocks, id, Numbering{}, through);
}

void check_numbering(const Context& ctx) {
  for (const auto& [kind, scheme] : ctx.doc.numbering) {
    if (ctx.tpl.numbering_schemes.count(kind + ":" + scheme)) continue;
    std::string known;
    for (const auto& [key, ns] : ctx.tpl.numbering_schemes) {
      if (key.rfind(kind + ":", 0) == 0) known += (known.empty() ? "" : ", ") + ns.scheme;
    }
    throw Error(ErrorKind::Model,
                known.empty() ? trf("unknown numbering scheme \"{0}\" for {1} (the template \"{2}\" has none)", scheme,
                                    kind, ctx.tpl.name)
                              : trf("unknown numbering scheme \"{0}\" for {1} (the template \"{2}\" has {3})", scheme,
                                    kind, ctx.tpl.name, known),
                {}, 0, 0, "numbering." + kind);
  }
}

}  // namespace vanban::realize::detail
