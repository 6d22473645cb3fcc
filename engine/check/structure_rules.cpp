// The body's structure and closing marks: numbering without gaps or duplicates
// (ND30-NUM-2..7; a gap is a warning, a number printed twice an error), point letters of
// the Vietnamese alphabet (ND30-NUM-6), the căn cứ lines (ND30-CC-1), the trích yếu
// (ND30-TL-2, ND30-TL-4), the "./." after the content (ND30-BODY-6) and dates written out
// in the text (ND30-DATE-2).
#include <map>
#include <set>

#include "check/findings.h"
#include "check/text.h"
#include "core/i18n.h"
#include "wording/wording.h"

namespace vanban::check::detail {
namespace {

using model::Block;
using model::BlockKind;

const char* rule_of(BlockKind k, const style::NumberingStyle& ns) {
  switch (k) {
    case BlockKind::Part:
    case BlockKind::Chapter: return "ND30-NUM-2";
    case BlockKind::Section: return ns.format == style::NumberFormat::Arabic ? "ND30-NUM-3" : "ND30-NUM-7";
    case BlockKind::Article: return "ND30-NUM-4";
    case BlockKind::Clause: return "ND30-NUM-5";
    case BlockKind::Point: return "ND30-NUM-6";
    default: return "ND30-NUM-1";
  }
}

bool numbered_kind(BlockKind k) {
  return k == BlockKind::Part || k == BlockKind::Chapter || k == BlockKind::Section || k == BlockKind::Article ||
         k == BlockKind::Clause || k == BlockKind::Point;
}

class Numbers {
 public:
  struct Run {
    int last = 0;
    std::set<int> seen;
  };

  Numbers(const Context& ctx, Findings& out) : ctx_(ctx), out_(out) {}

  // The numbers realize prints (realize/numbering.cpp): a block's own label, else its
  // ordinal among its siblings of the same kind (Chương and Điều through the document).
  void blocks(const std::vector<Block>& list, std::map<BlockKind, Run>& through) {
    std::map<BlockKind, int> counts;
    std::map<BlockKind, Run> runs;
    for (const Block& b : list) {
      const bool across = b.kind == BlockKind::Chapter || b.kind == BlockKind::Article;
      int ordinal = ++counts[b.kind];
      if (across) ordinal = ++through_count_[b.kind];
      if (numbered_kind(b.kind) && !b.literal_label) number(b, ordinal, across ? through[b.kind] : runs[b.kind]);
      blocks(b.children, through);
    }
  }


 private:
  const Context& ctx_;
  Findings& out_;
  std::map<BlockKind, int> through_count_;

  const style::NumberingStyle& scheme(const std::string& kind) const {
    for (const auto& [k, s] : ctx_.doc.numbering) {
      auto it = ctx_.tpl.numbering_schemes.find(k + ":" + s);
      if (k == kind && it != ctx_.tpl.numbering_schemes.end()) return it->second;
    }
    return ctx_.tpl.numbering_for(kind);
  }

  int letter_value(const std::u32string& label) const {
    const auto& letters = ctx_.tpl.vietnamese_letters;
    for (size_t i = 0; i < letters.size(); ++i)
      if (u32(letters[i]) == lower(label)) return static_cast<int>(i) + 1;
    return 0;
  }

  std::string shown(const style::NumberingStyle& ns, int n) const { return wording::number_text(ctx_.tpl, ns, n); }

  void number(const Block& b, int ordinal, Run& run) {
    const std::string kind = wording::kind_name(b.kind);
    const style::NumberingStyle& ns = scheme(kind);
    if (ns.format == style::NumberFormat::None) return;
    const std::string rule = rule_of(b.kind, ns);
    int value = ordinal;
    std::string field = b.field_path;
    if (!b.label.empty()) {
      field += ".label";
      const std::u32string label = u32(b.label);
      int roman = roman_value(label);
      long arabic = digits_value(label);
      int letter = letter_value(label);
      switch (ns.format) {
        case style::NumberFormat::Roman:
          value = roman ? roman : static_cast<int>(arabic);
          if (!roman && arabic > 0) {
            out_.warning("ND30-WRT-1", field,
                         trf("this level is numbered in Roman numerals: \"{0}\", not \"{1}\"", wording::roman(value), b.label));
          }
          break;
        case style::NumberFormat::Arabic: value = arabic > 0 ? static_cast<int>(arabic) : roman; break;
        case style::NumberFormat::VietnameseLetter:
          value = letter;
          if (!letter && label.size() == 1 && is_letter(label[0])) {
            out_.warning("ND30-NUM-6", field,
                         trf("\"{0}\" is not a letter of the Vietnamese alphabet: points run a, b, c, d, đ, e, g, h, i, k…",
                             b.label));
          }
          break;
        default: value = 0;
      }
      if (value <= 0) return;  // a label of its own kind ("1a"): nothing to compare
    }
    if (run.seen.count(value)) {
      out_.error(rule, field,
                 trf("the number {0} is printed twice at this level", shown(ns, value)),
                 b.label.empty() ? trf("a block without a label takes its place among its siblings ({0}); give it the "
                                       "label \"{1}\" or renumber",
                                       shown(ns, ordinal), shown(ns, run.last + 1))
                                 : trf("renumber: the next number here is {0}", shown(ns, run.last + 1)));
    } else if (value > run.last + 1) {
      std::string missing = shown(ns, run.last + 1);
      if (value > run.last + 2) missing += "–" + shown(ns, value - 1);
      out_.warning(rule, field,
                   run.last == 0 ? trf("the numbering starts at {0}, not at {1}", shown(ns, value), missing)
                                 : trf("the numbering jumps from {0} to {1} ({2} missing)", shown(ns, run.last),
                                       shown(ns, value), missing));
    } else if (value < run.last) {
      out_.warning(rule, field, trf("the numbering goes back from {0} to {1}", shown(ns, run.last), shown(ns, value)));
    }
    run.seen.insert(value);
    run.last = std::max(run.last, value);
  }
};

void check_numbering(const Context& ctx, Findings& out) {
  {
    Numbers n(ctx, out);
    std::map<BlockKind, Numbers::Run> through;
    n.blocks(ctx.doc.body, through);
  }
  for (const model::Appendix& a : ctx.doc.appendices) {
    Numbers n(ctx, out);
    std::map<BlockKind, Numbers::Run> through;
    n.blocks(a.body, through);
  }
}

void check_preamble(const Context& ctx, Findings& out) {
  // ND30-CC-1: each căn cứ on its line ending ";", the last ending ".".
  const auto& lines = ctx.doc.preamble;
  for (size_t i = 0; i < lines.size(); ++i) {
    const std::u32string whole = u32(model::plain_text(lines[i]));
    const std::u32string line = trim(whole);
    if (line.empty()) continue;
    const bool last = i + 1 == lines.size();
    const std::string field = "preamble[" + std::to_string(i) + "]";
    if (!last && line.back() != U';') {
      out.error("ND30-CC-1", field, tr("each căn cứ line but the last ends with \";\""), {}, whole.size());
    } else if (last && line.back() != U'.') {
      out.error("ND30-CC-1", field, tr("the last căn cứ line ends with \".\""), {}, whole.size());
    }
  }
}

void check_subject(const Context& ctx, Findings& out) {
  const std::u32string subject = trim(u32(ctx.doc.subject));
  if (subject.empty()) return;
  bool under_number = false;
  for (const auto& r : ctx.tpl.regions) under_number = under_number || (r.kind == style::RegionSpec::Kind::Header && r.subject_under_number);
  const std::u32string prefix = trim(u32(ctx.tpl.title.subject_prefix));
  if (under_number && !prefix.empty() && starts_with(lower(subject), lower(prefix))) {
    out.error("ND30-TL-4", "subject",
              trf("the template writes \"{0}\" before the trích yếu itself: it would print twice", utf8(prefix)),
              trf("write \"{0}\"", utf8(trim(subject.substr(prefix.size())))), 0);
  } else if (subject.size() > 3 && all_upper(subject)) {
    out.warning("ND30-TL-2", "subject", tr("the trích yếu is written in lower case with a capital first letter, not in capitals"));
  }
}

void check_end_mark(const Context& ctx, Findings& out) {
  // ND30-BODY-6: the content ends with "./." (every template of Phụ lục III).
  const Block* last = nullptr;
  for (const Block* list = ctx.doc.body.empty() ? nullptr : &ctx.doc.body.back(); list;
       list = list->children.empty() ? nullptr : &list->children.back()) {
    last = list;
  }
  if (!last || last->kind == BlockKind::Table || last->kind == BlockKind::FillLines) return;
  const model::RichText& text = last->text.empty() ? last->title : last->text;
  const std::u32string whole = u32(model::plain_text(text));
  if (!ends_with(trim(whole), U"./.")) {
    out.warning("ND30-BODY-6", last->field_path + (last->text.empty() ? ".title" : ".text"),
                tr("the content of the document ends with \"./.\" after its last word"), {}, whole.size());
  }
}

// ND30-DATE-2: "ngày 05 tháng 3 năm 2021": a leading zero for days below 10 and for months
// 1 and 2, none for months 3 to 12. Dates in running text are not regulated (ND30-WRT-2):
// there it is a warning.
void check_dates(const Context& ctx, Findings& out) {
  for (const Text& t : document_texts(ctx.doc, false)) {
    if (t.field.size() >= 10 && t.field.compare(t.field.size() - 10, 10, ".reference") == 0) continue;  // appendix_rules
    const std::u32string low = lower(t.text);
    for (size_t at : find_words(low, U"ngày")) {
      std::vector<Word> w = words(std::u32string_view(t.text).substr(at, 40));
      if (w.size() < 4 || lower(w[2].text) != U"tháng") continue;
      auto digits = [](std::u32string t) {
        while (!t.empty() && !is_digit(t.back())) t.pop_back();
        return t;
      };
      std::u32string day = digits(w[1].text), month = digits(w[3].text);
      long d = digits_value(day), m = digits_value(month);
      if (d < 1 || d > 31 || m < 1 || m > 12) continue;
      std::string want_day = (d < 10 ? "0" : "") + std::to_string(d);
      std::string want_month = (m < 3 ? "0" : "") + std::to_string(m);
      if (utf8(day) != want_day || utf8(month) != want_month) {
        out.warning("ND30-DATE-2", t.field,
                    trf("Decree 30 writes dates \"ngày {0} tháng {1}\": a leading zero for days below 10 and for months 1 "
                        "and 2 only",
                        want_day, want_month),
                    {}, at);
      }
    }
  }
}

}  // namespace

void check_structure(const Context& ctx, Findings& out) {
  check_numbering(ctx, out);
  check_preamble(ctx, out);
  check_subject(ctx, out);
  check_end_mark(ctx, out);
  check_dates(ctx, out);
}

}  // namespace vanban::check::detail
