// Số and ký hiệu (ô 3): the running number (ND30-SO-1, ND30-SO-2), the symbol's form
// (ND30-SO-3, ND30-SO-4) and the kind's abbreviation in it with its exact case
// (ND30-TYPE-2: Phụ lục III's table).
#include "check/findings.h"
#include "check/text.h"
#include "core/i18n.h"

namespace vanban::check::detail {
namespace {

// ND30-TYPE-2, Phụ lục III Mục I: the abbreviations of the kinds, exact case, and of copies.
struct Kind {
  const char32_t* abbreviation;
  const char* name;
};
constexpr Kind kKinds[] = {
    {U"NQ", "Nghị quyết"},    {U"QĐ", "Quyết định"},      {U"CT", "Chỉ thị"},        {U"QC", "Quy chế"},
    {U"QyĐ", "Quy định"},     {U"TC", "Thông cáo"},       {U"TB", "Thông báo"},      {U"HD", "Hướng dẫn"},
    {U"CTr", "Chương trình"}, {U"KH", "Kế hoạch"},        {U"PA", "Phương án"},      {U"ĐA", "Đề án"},
    {U"DA", "Dự án"},         {U"BC", "Báo cáo"},         {U"BB", "Biên bản"},       {U"TTr", "Tờ trình"},
    {U"HĐ", "Hợp đồng"},      {U"CĐ", "Công điện"},       {U"BGN", "Bản ghi nhớ"},   {U"BTT", "Bản thỏa thuận"},
    {U"GUQ", "Giấy ủy quyền"}, {U"GM", "Giấy mời"},       {U"GGT", "Giấy giới thiệu"}, {U"GNP", "Giấy nghỉ phép"},
    {U"PG", "Phiếu gửi"},     {U"PC", "Phiếu chuyển"},    {U"PB", "Phiếu báo"},      {U"SY", "Bản sao y"},
    {U"TrS", "Bản trích sao"}, {U"SL", "Bản sao lục"},
};

// The kind whose abbreviation `g` is: exactly, else (exact = false) in another case.
const Kind* kind_of(std::u32string_view g, bool exact) {
  for (const Kind& k : kKinds)
    if (g == k.abbreviation) return &k;
  if (exact) return nullptr;
  for (const Kind& k : kKinds)
    if (lower(g) == lower(k.abbreviation)) return &k;
  return nullptr;
}

// Lower-case letters a symbol may hold: the "r" of "Tr" and the "y" of "Qy" (CTr, TTr,
// TrS, QyĐ, and units written the same way, "GDTrH").
bool lower_allowed(std::u32string_view g, size_t i) {
  return i > 0 && ((g[i] == U'r' && g[i - 1] == U'T') || (g[i] == U'y' && g[i - 1] == U'Q'));
}

std::u32string capitals(std::u32string_view g) {
  std::u32string out(g);
  for (size_t i = 0; i < out.size(); ++i)
    if (is_lower(out[i]) && !lower_allowed(out, i)) out[i] = to_upper(out[i]);
  return out;
}

// "SỞ GIÁO DỤC VÀ ĐÀO TẠO" -> "SGDĐT": the first letter of each word of the body's first
// line but "và", as Decree 30's own examples abbreviate (UBND, SGDĐT, PGDĐT).
std::u32string initials(const std::vector<std::string>& agency) {
  if (agency.empty()) return {};
  std::u32string first = u32(agency.front());
  first = first.substr(0, first.find(U'\n'));
  std::u32string out;
  size_t count = 0;
  for (const Word& w : words(upper(first))) {
    if (w.text == U"VÀ" || w.text == U"CỦA") continue;
    if (!is_letter(w.text.front())) continue;
    // The letter without its tone and vowel marks ("Ủ" -> "U"), but "Đ" stays a letter of its own.
    char32_t c = w.text.front();
    out.push_back(c == U'Đ' ? c : to_upper(bare(std::u32string(1, c)).front()));
    ++count;
  }
  return count >= 2 ? out : std::u32string();
}

bool blank(std::u32string_view s) {
  for (char32_t c : s)
    if (c != U' ' && c != U'.' && c != U'…' && c != U'_') return false;
  return true;
}

std::u32string join(const std::vector<std::u32string>& groups) {
  std::u32string out;
  for (size_t i = 0; i < groups.size(); ++i) out += (i ? U"-" : U"") + groups[i];
  return out;
}

void check_running_number(const model::DocumentNumber& n, const std::string& path, int date_year, Findings& out) {
  const std::u32string number = trim(u32(n.number));
  const std::string field = path + ".number";
  if (!number.empty() && !blank(number)) {
    long value = digits_value(number);
    if (value < 0) {
      out.error("ND30-SO-1", field, trf("the number \"{0}\" is not written in Arabic numerals", utf8(number)),
                tr("write the document's running number of the year in digits, like \"05\" or \"142\""));
    } else if (value == 0) {
      out.error("ND30-SO-1", field, trf("the number \"{0}\" is zero: the numbers of a year start at 01", utf8(number)));
    } else if (value < 10 && number.size() == 1) {
      // ND30-SO-2: "với những số nhỏ hơn 10 phải ghi thêm số 0 phía trước".
      out.error("ND30-SO-2", field, trf("the number {0} is below 10: Decree 30 writes it with a leading zero", utf8(number)),
                trf("write \"0{0}\"", utf8(number)));
    } else if (number.front() == U'0' && (value >= 10 || number.size() > 2)) {
      out.warning("ND30-SO-2", field, trf("only numbers below 10 take a leading zero; \"{0}\" has more", utf8(number)),
                  trf("write \"{0}\"", value < 10 ? "0" + std::to_string(value) : std::to_string(value)));
    }
  }
  if (!n.year.empty() && date_year > 0 && n.year != std::to_string(date_year)) {
    out.warning("ND30-SO-1", path + ".year",
                trf("the number's year {0} is not the year of the document's date ({1}): numbers run from 01 each "
                    "calendar year",
                    n.year, date_year));
  }
}

void check_symbol(const Context& ctx, const model::DocumentNumber& n, const std::string& path,
                  const std::u32string& kind_abbr, const std::string& kind_name, const std::vector<std::string>& agency,
                  Findings& out) {
  const std::string field = path + ".symbol";
  const std::u32string symbol = u32(n.symbol);
  if (trim(symbol).empty()) {
    out.error("ND30-SO-3", field, tr("the symbol (ký hiệu) is empty"),
              kind_abbr.empty() ? tr("write the agency's abbreviation and the drafting unit's, like \"UBND-VX\"")
                                : trf("write the kind's abbreviation and the agency's, like \"{0}-UBND\"", utf8(kind_abbr)));
    return;
  }
  // ND30-SO-4: groups joined by "-", no spaces, no other marks.
  std::u32string cleaned;
  bool spaces = false;
  for (size_t i = 0; i < symbol.size(); ++i) {
    char32_t c = symbol[i];
    if (c == U' ' || c == U'\t' || c == U'\u00A0') {
      if (!spaces) {
        out.error("ND30-SO-4", field,
                  trf("the symbol \"{0}\" has a space: its parts are joined by \"-\" without spaces", n.symbol), {}, i);
      }
      spaces = true;
      continue;
    }
    if (c == U'–' || c == U'—' || c == U'‑') {
      out.error("ND30-SO-4", field, trf("the symbol \"{0}\" joins its parts with a dash other than the hyphen \"-\"", n.symbol),
                {}, i);
      c = U'-';
    } else if (c == U'/') {
      out.error("ND30-SO-4", field,
                trf("the symbol \"{0}\" holds \"/\": the \"/\" stands only between the number (and year) and the symbol",
                    n.symbol),
                tr("give the year in number.year; the parts of the symbol are joined by \"-\""), i);
      c = U'-';
    }
    cleaned.push_back(c);
  }
  std::vector<std::u32string> groups{U""};
  for (char32_t c : cleaned) {
    if (c == U'-') groups.emplace_back();
    else groups.back().push_back(c);
  }
  for (const auto& g : groups) {
    if (g.empty()) {
      out.error("ND30-SO-4", field, trf("the symbol \"{0}\" has an empty part (a \"-\" at an end or two together)", n.symbol));
      return;
    }
  }
  std::vector<std::u32string> mended = groups;
  size_t agency_group = 0;
  // ND30-TYPE-2: the kind's abbreviation first, in its exact case.
  if (!kind_abbr.empty()) {
    agency_group = 1;
    const std::u32string& g0 = groups[0];
    const Kind* other = kind_of(g0, true);
    if (!other && lower(g0) != lower(kind_abbr)) other = kind_of(g0, false);
    if (g0 == kind_abbr) {
      // as it should be
    } else if (other && other->abbreviation != kind_abbr) {
      out.error("ND30-TYPE-2", field,
                trf("the symbol \"{0}\" names a {1} (\"{2}\"), but the template \"{3}\" makes a {4} (\"{5}\")", n.symbol,
                    other->name, utf8(other->abbreviation), ctx.tpl.name, kind_name, utf8(kind_abbr)));
      mended[0] = kind_abbr;
    } else if (lower(g0) == lower(kind_abbr) || bare(g0) == bare(kind_abbr)) {
      out.error("ND30-TYPE-2", field,
                trf("the abbreviation of {0} is written \"{1}\" (Decree 30, Phụ lục III), not \"{2}\"", kind_name,
                    utf8(kind_abbr), utf8(g0)));
      mended[0] = kind_abbr;
    } else {
      bool later = false;
      for (size_t i = 1; i < groups.size(); ++i) later = later || lower(groups[i]) == lower(kind_abbr);
      if (later) {
        out.error("ND30-SO-3", field,
                  trf("the symbol \"{0}\" must start with the abbreviation of the kind, \"{1}\"", n.symbol, utf8(kind_abbr)));
        std::vector<std::u32string> reordered{kind_abbr};
        for (const auto& g : groups)
          if (lower(g) != lower(kind_abbr)) reordered.push_back(g);
        mended = reordered;
      } else {
        out.error("ND30-TYPE-2", field,
                  trf("the symbol \"{0}\" does not start with the abbreviation of {1}, \"{2}\"", n.symbol, kind_name,
                      utf8(kind_abbr)));
        mended.insert(mended.begin(), kind_abbr);
        groups.insert(groups.begin(), kind_abbr);
      }
    }
    if (groups.size() < 2) {
      out.error("ND30-SO-3", field,
                trf("the symbol \"{0}\" lacks the issuing agency's abbreviation: \"{1}-\" and the agency's (\"{1}-UBND\")",
                    n.symbol, utf8(kind_abbr)));
    }
  } else if (kind_name == "Công văn") {
    // ND30-SO-3: a Công văn's symbol is the agency's abbreviation and the drafting unit's.
    const Kind* k = kind_of(groups[0], false);
    if (k || lower(groups[0]) == U"cv") {
      out.error("ND30-TYPE-2", field,
                trf("a Công văn has no abbreviation of its kind: \"{0}\" does not belong in its symbol", utf8(groups[0])),
                tr("write the agency's abbreviation and the drafting unit's, like \"UBND-VX\""));
      mended.erase(mended.begin());
      groups.erase(groups.begin());
    }
    if (groups.size() == 1) {
      out.warning("ND30-SO-3", field,
                  trf("a Công văn's symbol names the drafting unit after the agency: \"{0}-…\"", utf8(groups[0])));
    }
  }
  // ND30-SO-4: the symbol in capitals (but the decree's own "Tr", "Qy"); letters and digits only.
  for (size_t gi = 0; gi < groups.size() && gi < mended.size(); ++gi) {
    if (gi == 0 && !kind_abbr.empty()) continue;  // the kind's abbreviation: ND30-TYPE-2 above
    const std::u32string& g = groups[gi];
    if (g.find(U'&') != std::u32string::npos) {
      std::u32string without;
      for (char32_t c : g)
        if (c != U'&') without.push_back(c);
      out.warning("ND30-SO-4", field,
                  trf("\"{0}\" holds \"&\": the abbreviations of a symbol are letters (\"SGDĐT\", not \"SGD&ĐT\")", utf8(g)));
      mended[gi] = without;
      continue;
    }
    bool bad_mark = false, lower_case = false;
    for (size_t i = 0; i < g.size(); ++i) {
      if (!is_letter(g[i]) && !is_digit(g[i])) bad_mark = true;
      if (is_lower(g[i]) && !lower_allowed(g, i)) lower_case = true;
    }
    if (bad_mark) {
      out.error("ND30-SO-4", field, trf("\"{0}\" in the symbol holds a mark other than letters and digits", utf8(g)));
    } else if (lower_case) {
      out.error("ND30-SO-4", field, trf("the symbol is written in capitals: \"{0}\", not \"{1}\"", utf8(capitals(g)), utf8(g)));
      mended[gi] = capitals(g);
    }
  }
  // The agency's abbreviation without its diacritics ("SGDDT" for SỞ GIÁO DỤC VÀ ĐÀO TẠO).
  const std::u32string expected = initials(agency);
  if (agency_group < groups.size() && agency_group < mended.size() && !expected.empty()) {
    const std::u32string& g = mended[agency_group];
    if (g != expected && upper(bare(g)) == upper(bare(expected)) && upper(g) != expected) {
      out.warning("ND30-SO-3", field,
                  trf("\"{0}\" reads as the abbreviation of {1} without its diacritics: \"{2}\"", utf8(g),
                      agency.front().substr(0, agency.front().find('\n')), utf8(expected)));
      mended[agency_group] = expected;
    }
  }
  // One hint for the whole symbol, on the first finding about it.
  std::u32string fixed = join(mended);
  if (fixed != symbol) {
    out.set_hints(field, trf("write \"{0}\"", utf8(fixed)));
  }
}

}  // namespace

void check_numbers(const Context& ctx, Findings& out) {
  const model::Document& d = ctx.doc;
  if (!d.omit_number) {
    check_running_number(d.number, "number", d.date.year, out);
    check_symbol(ctx, d.number, "number", u32(ctx.tpl.type_abbreviation), ctx.tpl.type_name_sentence, d.issuing_agency,
                 out);
  }
  if (!d.copy.form.empty()) {
    // ND30-TYPE-2 for copies: SY, SL, TrS (the template's <copy> forms).
    std::u32string abbr;
    for (const auto& [form, a] : ctx.tpl.copy.forms)
      if (form == d.copy.form) abbr = u32(a);
    check_running_number(d.copy.number, "copy.number", d.copy.date.year, out);
    if (!abbr.empty()) {
      const Kind* k = kind_of(abbr, true);
      check_symbol(ctx, d.copy.number, "copy.number", abbr, k ? k->name : d.copy.form, d.copy.issuing_agency, out);
    }
  }
}

}  // namespace vanban::check::detail
