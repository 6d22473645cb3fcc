// Appendices (ND30-PL-1): numbered in Roman numerals when there are two or more, each
// announced in the text and each one the text names present; the reference line typed
// under an appendix's title names this document, its number and date (ND30-PL-4, with
// the date written as ND30-DATE-2 says).
#include <set>

#include "check/findings.h"
#include "check/text.h"
#include "core/i18n.h"
#include "wording/wording.h"

namespace vanban::check::detail {
namespace {

struct Label {
  int value = 0;           // 0: printed without a number
  bool roman = false;
  std::string printed;     // "Phụ lục II"
};

Label label_of(const Context& ctx, size_t i) {
  Label l;
  l.printed = wording::appendix_label(ctx.doc, ctx.tpl, i);
  std::u32string number = trim(u32(l.printed).substr(u32(ctx.tpl.appendix.label_word).size()));
  if (int r = roman_value(number)) {
    l.value = r;
    l.roman = true;
  } else if (long a = digits_value(number); a > 0) {
    l.value = static_cast<int>(a);
  }
  return l;
}

// A label written in the text after "Phụ lục": "II", "3".
int text_label(std::u32string_view s, size_t& at, bool& roman) {
  while (at < s.size() && s[at] == U' ') ++at;
  size_t end = at;
  while (end < s.size() && (is_letter(s[end]) || is_digit(s[end]))) ++end;
  std::u32string w(s.substr(at, end - at));
  if (int r = roman_value(w)) {
    roman = true;
    at = end;
    return r;
  }
  if (long a = digits_value(w); a > 0) {
    roman = false;
    at = end;
    return static_cast<int>(a);
  }
  return 0;
}

// The reference belongs to another document: "Phụ lục II của Nghị định …", "Phụ lục 1
// Thông tư 01/2011/TT-BNV", "Phụ lục I kèm theo Quyết định số 30…" — unless "… này".
bool other_document(std::u32string_view s, size_t from) {
  size_t end = std::min(s.size(), from + 100);
  for (size_t i = from; i < end; ++i)
    if (s[i] == U';' || (s[i] == U'.' && (i + 1 == s.size() || s[i + 1] == U' '))) end = i;
  std::u32string w = lower(s.substr(from, end - from));
  if (!find_words(w, U"này").empty()) return false;
  if (w.find(U" của ") != std::u32string::npos) return true;
  for (size_t i = 0; i + 1 < w.size(); ++i)
    if (is_digit(w[i]) && w[i + 1] == U'/') return true;
  for (size_t at : find_words(w, U"số"))
    if (at + 3 < w.size() && is_digit(w[at + 3])) return true;
  return false;
}

struct Mention {
  int value;
  bool roman;
  std::string field;
  size_t offset;
};

void check_reference(const Context& ctx, size_t index, Findings& out) {
  const model::Appendix& a = ctx.doc.appendices[index];
  if (a.reference.empty()) return;
  const std::string field = a.field_path + ".reference";
  const std::u32string s = u32(a.reference);
  const std::u32string low = lower(s);
  const model::Document& d = ctx.doc;
  // "… số 05/KH-SGDĐT ngày 05 tháng 3 năm 2021 …"
  auto so = find_words(low, U"số");
  if (!so.empty()) {
    size_t p = so.front() + 2;
    size_t slash = s.find(U'/', p);
    size_t stop = s.find(U"ngày", p);
    if (slash != std::u32string::npos && (stop == std::u32string::npos || slash < stop)) {
      std::u32string number = trim(s.substr(p, slash - p));
      size_t sym_end = slash + 1;
      while (sym_end < s.size() && s[sym_end] != U' ' && s[sym_end] != U')' && s[sym_end] != U',') ++sym_end;
      std::u32string symbol = s.substr(slash + 1, sym_end - slash - 1);
      // A year in the number ("33/2009/QĐ-UBND").
      if (!d.number.year.empty() && starts_with(symbol, u32(d.number.year) + U"/")) symbol = symbol.substr(5);
      bool number_blank = number.find_first_not_of(U" .…_") == std::u32string::npos;
      bool doc_blank = trim(u32(d.number.number)).empty();
      if ((number_blank != doc_blank) || (!number_blank && number != trim(u32(d.number.number)))) {
        out.error("ND30-PL-4", field,
                  trf("the reference line names number \"{0}\", the document's number is \"{1}\"", utf8(number), d.number.number),
                  {}, p);
      }
      if (!d.omit_number && symbol != u32(d.number.symbol)) {
        out.error("ND30-PL-4", field,
                  trf("the reference line names the symbol \"{0}\", the document's is \"{1}\"", utf8(symbol), d.number.symbol),
                  trf("write \"{0}\"", d.number.symbol), slash + 1);
      }
    }
  }
  for (size_t at : find_words(low, U"ngày")) {
    std::vector<Word> w = words(std::u32string_view(s).substr(at));
    if (w.size() < 6 || lower(w[2].text) != U"tháng" || lower(w[4].text) != U"năm") {
      // blanks: "ngày      tháng 3 năm 2021" — the words collapse; read them by keyword
      size_t th = low.find(U"tháng", at), nam = low.find(U"năm", at);
      if (th == std::u32string::npos || nam == std::u32string::npos || nam < th) continue;
      std::u32string day = trim(s.substr(at + 4, th - at - 4));
      std::u32string month = trim(s.substr(th + 5, nam - th - 5));
      w = {{at, U"ngày"}, {at + 4, day}, {th, U"tháng"}, {th + 5, month}, {nam, U"năm"}, {nam + 3, U""}};
      size_t y = nam + 3;
      while (y < s.size() && s[y] == U' ') ++y;
      size_t ye = y;
      while (ye < s.size() && is_digit(s[ye])) ++ye;
      w[5] = {y, s.substr(y, ye - y)};
    }
    auto digits = [](std::u32string t) {
      while (!t.empty() && !is_digit(t.back())) t.pop_back();
      return t;
    };
    const std::u32string day = digits(w[1].text), month = digits(w[3].text), year = digits(w[5].text);
    const long dv = digits_value(day), mv = digits_value(month), yv = digits_value(year);
    if (dv > 0 && dv < 10 && day.size() == 1) {
      out.error("ND30-DATE-2", field, trf("a day below 10 takes a leading zero: \"ngày 0{0}\"", utf8(day)), {}, at);
    }
    if (mv > 0 && ((mv < 3 && month.size() == 1) || (mv >= 3 && month.size() > 1 && month[0] == U'0'))) {
      std::string want = (mv < 3 ? "0" : "") + std::to_string(mv);
      out.error("ND30-DATE-2", field,
                trf("Decree 30 writes \"tháng {0}\": a leading zero for months 1 and 2 only", want), {}, at + w[3].offset);
    }
    const bool mismatch = (dv > 0 ? dv : 0) != d.date.day || (mv > 0 ? mv : 0) != d.date.month || (yv > 0 && yv != d.date.year);
    if (mismatch) {
      out.error("ND30-PL-4", field,
                trf("the reference line's date is not the document's ({0})", wording::place_date(d, ctx.tpl)), {}, at);
    }
    break;
  }
}

}  // namespace

void check_appendices(const Context& ctx, Findings& out) {
  const auto& apps = ctx.doc.appendices;
  std::vector<Label> labels;
  for (size_t i = 0; i < apps.size(); ++i) labels.push_back(label_of(ctx, i));

  // ND30-PL-1: Roman numerals with two or more appendices; each number once.
  if (apps.size() >= 2) {
    for (size_t i = 0; i < apps.size(); ++i) {
      if (labels[i].roman) continue;
      bool from_model = ctx.doc.appendix_numbering == model::AppendixNumbering::Arabic ||
                        ctx.doc.appendix_numbering == model::AppendixNumbering::None;
      out.warning("ND30-PL-1", apps[i].label.empty() && from_model ? "appendix_numbering" : apps[i].field_path + ".label",
                  trf("with two or more appendices Decree 30 numbers them in Roman numerals (\"{0} {1}\"), not \"{2}\"",
                      ctx.tpl.appendix.label_word, wording::roman(static_cast<int>(i) + 1), labels[i].printed),
                  apps[i].label.empty() ? tr("set \"appendix_numbering\": \"roman\" (or leave it out)") : std::string());
      break;
    }
    std::set<int> seen;
    for (size_t i = 0; i < apps.size(); ++i) {
      if (labels[i].value && !seen.insert(labels[i].value).second) {
        out.error("ND30-PL-1", apps[i].field_path, trf("two appendices are both \"{0}\"", labels[i].printed));
      }
    }
  }

  // The text's mentions of appendices.
  bool generic = false, generic_phu_luc = false;
  std::vector<Mention> mentions;
  for (const Text& t : document_texts(ctx.doc, true)) {
    const std::u32string low = lower(t.text);
    if (!find_words(low, U"kèm theo").empty()) generic = true;
    for (size_t at : find_words(low, U"phụ lục")) {
      size_t p = at + 7;
      bool roman = false;
      int v = text_label(t.text, p, roman);
      if (!v) {
        generic = generic_phu_luc = true;
        continue;
      }
      std::vector<std::pair<int, bool>> values{{v, roman}};
      // "Phụ lục I, II và III", "Phụ lục 1 - 3", "Phụ lục I đến III".
      for (;;) {
        size_t q = p;
        while (q < t.text.size() && t.text[q] == U' ') ++q;
        std::u32string rest = lower(t.text.substr(q, 6));
        bool range = false;
        if (starts_with(rest, U",")) q += 1;
        else if (starts_with(rest, U"và ")) q += 2;
        else if (starts_with(rest, U"-") || starts_with(rest, U"–")) q += 1, range = true;
        else if (starts_with(rest, U"đến ") || starts_with(rest, U"tới ")) q += 3, range = true;
        else break;
        bool r2 = false;
        int v2 = text_label(t.text, q, r2);
        if (!v2) break;
        for (int k = range ? values.back().first + 1 : v2; k <= v2 && k - v2 < 50; ++k) values.push_back({k, r2});
        p = q;
      }
      if (other_document(t.text, p)) continue;
      for (const auto& [value, r] : values) mentions.push_back({value, r, t.field, at});
    }
  }

  std::vector<bool> announced(apps.size(), false);
  for (const Mention& m : mentions) {
    size_t found = apps.size();
    for (size_t i = 0; i < apps.size(); ++i)
      if (labels[i].value == m.value || (labels[i].value == 0 && apps.size() == 1 && m.value == 1)) found = i;
    std::string written = utf8(m.roman ? u32(wording::roman(m.value)) : u32(std::to_string(m.value)));
    if (found == apps.size()) {
      std::string present;
      for (const Label& l : labels) present += (present.empty() ? "" : ", ") + l.printed;
      out.error("ND30-PL-1", m.field,
                trf("the text refers to \"{0} {1}\", which the document does not have", ctx.tpl.appendix.label_word, written),
                present.empty() ? tr("the document has no appendices") : trf("its appendices: {0}", present), m.offset);
      continue;
    }
    announced[found] = true;
    if (labels[found].value == 0) {
      out.warning("ND30-PL-1", m.field,
                  trf("the only appendix is printed \"{0}\" without a number, the text calls it \"{0} {1}\"",
                      labels[found].printed, written),
                  {}, m.offset);
    } else if (labels[found].roman != m.roman) {
      out.warning("ND30-PL-1", m.field,
                  trf("the text says \"{0} {1}\", the appendix is printed \"{2}\"", ctx.tpl.appendix.label_word, written,
                      labels[found].printed),
                  {}, m.offset);
    }
  }
  for (size_t i = 0; i < apps.size(); ++i) {
    if (announced[i] || generic) continue;
    if (mentions.empty()) {
      out.error("ND30-PL-1", apps[i].field_path,
                trf("the text never announces \"{0}\": a document refers to its appendices in its text", labels[i].printed),
                trf("refer to it in the body, e.g. \"(chi tiết tại {0} kèm theo)\"", labels[i].printed));
    } else {
      out.warning("ND30-PL-1", apps[i].field_path, trf("the text names other appendices but never \"{0}\"", labels[i].printed));
    }
  }
  if (apps.empty() && generic_phu_luc) {
    for (const Text& t : document_texts(ctx.doc, true)) {
      auto at = find_words(lower(t.text), U"phụ lục");
      if (at.empty()) continue;
      out.warning("ND30-PL-1", t.field, tr("the text mentions an appendix, but the document has none"), {}, at.front());
      break;
    }
  }
  for (size_t i = 0; i < apps.size(); ++i) check_reference(ctx, i, out);
}

}  // namespace vanban::check::detail
