// Capitals and fixed wording: the Quốc hiệu and Tiêu ngữ (ND30-QH-1..3), the place name
// (ND30-DATE-1, ND30-DATE-3), the issuing body's full name (ND30-CQ-1), and Phụ lục II on
// capitals in the texts: sentences and lines (ND30-CAP-1), administrative units
// (ND30-CAP-3), agencies (ND30-CAP-5), parts of a cited document (ND30-CAP-9). Capitals
// in running text are a matter of reading: these are warnings.
#include "check/findings.h"
#include "check/text.h"
#include "core/i18n.h"

namespace vanban::check::detail {
namespace {

// ND30-CAP-5 (Phụ lục II, IV): names of agencies as the decree writes them: the words naming
// the kind of body and its field capitalised, the others not.
const std::u32string kAgencies[] = {
    U"Ủy ban nhân dân",         U"Hội đồng nhân dân",          U"Sở Giáo dục và Đào tạo",
    U"Phòng Giáo dục và Đào tạo", U"Bộ Giáo dục và Đào tạo",    U"Bộ Tài nguyên và Môi trường",
    U"Sở Tài nguyên và Môi trường", U"Bộ Nội vụ",              U"Sở Nội vụ",
    U"Phòng Nội vụ",            U"Bộ Tài chính",               U"Sở Tài chính",
    U"Bộ Y tế",                 U"Sở Y tế",                    U"Bộ Kế hoạch và Đầu tư",
    U"Sở Kế hoạch và Đầu tư",   U"Văn phòng Chủ tịch nước",    U"Văn phòng Chính phủ",
    U"Thủ tướng Chính phủ",     U"Văn phòng Trung ương Đảng",  U"Bộ Chính trị",
    U"Ban Thường vụ",           U"Kho bạc Nhà nước",           U"Hội đồng Thi đua - Khen thưởng",
    U"Ban Thi đua - Khen thưởng", U"Liên hợp quốc",            U"Tổ chức Y tế thế giới",
    U"Mặt trận Tổ quốc Việt Nam", U"Bộ Lao động - Thương binh và Xã hội",
    U"Sở Lao động - Thương binh và Xã hội", U"Bộ Công an",      U"Văn phòng Sở",
};

// ND30-CAP-3: the generic nouns of administrative units.
const std::u32string kUnits[] = {U"thành phố", U"thị xã", U"thị trấn", U"tỉnh", U"huyện", U"quận", U"phường", U"xã"};

std::u32string fold_uy(std::u32string s) {
  // "uỷ" (the decree's own spelling) and "ủy" are the same word.
  for (size_t i = 0; i + 1 < s.size(); ++i)
    if ((s[i] == U'u' || s[i] == U'U') && s[i + 1] == U'ỷ') {
      s[i] = s[i] == U'u' ? U'ủ' : U'Ủ';
      s[i + 1] = U'y';
    }
  return s;
}

// True at the start of a sentence or line: nothing before, or ". ! ? : ( \n" before the blanks.
bool sentence_start(std::u32string_view s, size_t at) {
  while (at > 0 && (s[at - 1] == U' ' || s[at - 1] == U'\t' || s[at - 1] == U'“' || s[at - 1] == U'"')) --at;
  if (at == 0) return true;
  char32_t c = s[at - 1];
  return c == U'.' || c == U'!' || c == U'?' || c == U':' || c == U'\n' || c == U'(' || c == U'-' || c == U';';
}

std::u32string word_at(std::u32string_view s, size_t at) {
  size_t end = at;
  while (end < s.size() && (is_letter(s[end]) || is_digit(s[end]))) ++end;
  return std::u32string(s.substr(at, end - at));
}

void check_fixed_lines(const Context& ctx, Findings& out) {
  const model::Document& d = ctx.doc;
  if (!d.national_title.empty() && d.national_title != "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" &&
      d.national_title != "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM") {
    out.error("ND30-QH-1", "national_title", tr("the Quốc hiệu reads \"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\", in capitals"),
              tr("leave national_title out: the template writes it"));
  }
  if (!d.motto.empty() && d.motto != "Độc lập - Tự do - Hạnh phúc") {
    out.error("ND30-QH-3", "motto",
              tr("the Tiêu ngữ reads \"Độc lập - Tự do - Hạnh phúc\": capitals at each phrase, hyphens with a space on "
                 "each side"),
              tr("leave motto out: the template writes it"));
  }
}

void check_place(const Context& ctx, Findings& out) {
  const std::u32string place = u32(ctx.doc.place);
  if (place.find(U"TP.") != std::u32string::npos || place.find(U"Tp.") != std::u32string::npos) {
    out.warning("ND30-DATE-1", "place", tr("the place is written in full (\"Thành phố Hồ Chí Minh\"), not abbreviated"));
    return;
  }
  // ND30-DATE-3, ND30-CAP-4: a capital at each syllable of the name; the generic words of
  // "Thành phố …", "Thị xã …", "Thủ đô …" stay lower case.
  std::u32string mended;
  bool wrong = false;
  std::u32string previous;
  for (const Word& w : words(place)) {
    std::u32string fixed = w.text;
    const std::u32string low = lower(w.text);
    bool generic = (lower(previous) == U"thành" && low == U"phố") || (lower(previous) == U"thị" && (low == U"xã" || low == U"trấn")) ||
                   (lower(previous) == U"thủ" && low == U"đô");
    if (generic) fixed = low;
    else if (is_lower(fixed.front())) fixed[0] = to_upper(fixed[0]);
    wrong = wrong || fixed != w.text;
    mended += (mended.empty() ? U"" : U" ") + fixed;
    previous = w.text;
  }
  if (wrong) {
    out.warning("ND30-DATE-3", "place", tr("the place name has a capital at each syllable"), trf("write \"{0}\"", utf8(mended)));
  }
}

void check_agency_lines(const Context& ctx, Findings& out) {
  // ND30-CQ-1: the issuing body's official full name; common phrases may be abbreviated
  // only in the parent body's line ("UBND TỈNH …").
  static const std::u32string kShort[] = {U"UBND", U"HĐND", U"GD&ĐT", U"GDĐT", U"THPT", U"THCS", U"TP", U"KT-XH"};
  for (size_t i = 0; i < ctx.doc.issuing_agency.size(); ++i) {
    const std::u32string line = u32(ctx.doc.issuing_agency[i]);
    for (const auto& s : kShort) {
      auto at = find_words(line, s);
      if (at.empty()) continue;
      out.warning("ND30-CQ-1", "issuing_agency[" + std::to_string(i) + "]",
                  trf("the issuing body's name is written in full: \"{0}\" is an abbreviation (allowed in the parent "
                      "body's line only)",
                      utf8(s)),
                  {}, at.front());
      break;
    }
  }
}

void check_text(const Context& ctx, const Text& t, const std::u32string& place_low, Findings& out) {
  const std::u32string& s = t.text;
  if (s.empty() || all_upper(s)) return;  // a line in capitals shows no capitalisation
  const std::u32string low = fold_uy(lower(s));
  // ND30-CAP-5: agencies.
  for (const auto& name : kAgencies) {
    for (size_t at : find_words(low, fold_uy(lower(name)))) {
      std::u32string written = s.substr(at, name.size());
      if (fold_uy(written) == fold_uy(name) || all_upper(written)) continue;
      // "Trưởng phòng Giáo dục và Đào tạo": the title's own word, not the agency's.
      if (is_lower(written.front()) && written.substr(1) == name.substr(1) && at >= 7 &&
          lower(s.substr(at - 7, 7)) == U"trưởng ") {
        continue;
      }
      if (lower(written) == written && !sentence_start(s, at)) {
        // "các ủy ban nhân dân" — a generic mention, not a name; only a name followed by its place is one.
        std::u32string next = trim(s.substr(at + name.size(), 12));
        if (next.empty() || !is_upper(next.front())) {
          bool unit = false;
          for (const auto& u : kUnits) unit = unit || starts_with(lower(next), u + U" ");
          if (!unit) continue;
        }
      }
      std::u32string proper = name;
      if (sentence_start(s, at) && is_lower(proper.front())) proper[0] = to_upper(proper[0]);
      out.warning("ND30-CAP-5", t.field,
                  trf("an agency's name capitalises the words naming its kind and field only: \"{0}\", not \"{1}\"",
                      utf8(proper), utf8(written)),
                  {}, at);
    }
  }
  // ND30-CAP-3: "tỉnh Hòa Bình": the generic noun lower case, the name capitalised; a unit
  // named by a number takes a capital generic noun ("Quận 1").
  for (const auto& unit : kUnits) {
    for (size_t at : find_words(low, unit)) {
      size_t name_at = at + unit.size();
      while (name_at < s.size() && s[name_at] == U' ') ++name_at;
      if (name_at == at + unit.size() || name_at >= s.size()) continue;
      std::u32string name = word_at(s, name_at);
      if (name.empty()) continue;
      std::u32string written = s.substr(at, unit.size());
      bool capital = is_upper(written.front());
      if (digits_value(name) >= 0) {
        if (!capital) {
          std::u32string proper = written;
          proper[0] = to_upper(proper[0]);
          out.warning("ND30-CAP-3", t.field,
                      trf("a unit named by a number capitalises its generic noun: \"{0} {1}\"", utf8(proper), utf8(name)),
                      {}, at);
        }
        continue;
      }
      if (capital && is_upper(name.front()) && !sentence_start(s, at) && !all_upper(name)) {
        std::u32string phrase = lower(s.substr(at, name_at + name.size() - at));
        if (phrase == U"thành phố hồ" || phrase == U"thủ đô hà") continue;  // "Thành phố Hồ Chí Minh" (Phụ lục II, III.1.c)
        // The whole name: its capitalised words ("Hòa Bình").
        size_t end = name_at + name.size();
        for (;;) {
          size_t next = end;
          while (next < s.size() && s[next] == U' ') ++next;
          std::u32string more = next < s.size() ? word_at(s, next) : U"";
          if (next == end || more.empty() || !is_upper(more.front())) break;
          end = next + more.size();
        }
        out.warning("ND30-CAP-3", t.field,
                    trf("the generic noun of an administrative unit stays lower case: \"{0} {1}\"", utf8(lower(written)),
                        utf8(s.substr(name_at, end - name_at))),
                    {}, at);
      } else if (!place_low.empty() && is_lower(name.front()) && starts_with(low.substr(name_at), place_low) &&
                 (name_at + place_low.size() == s.size() || !is_letter(s[name_at + place_low.size()]))) {
        out.warning("ND30-CAP-4", t.field, tr("a place name is written with a capital at each syllable"), {}, name_at);
      }
    }
  }
  // ND30-CAP-9: "Điều 5", "Chương II", "Phần I" capitalised when citing; "khoản", "điểm" not.
  for (const char32_t* head : {U"điều", U"chương", U"phần"}) {
    for (size_t at : find_words(s, head)) {
      size_t n = at + std::u32string_view(head).size() + 1;
      if (n >= s.size() || s[n - 1] != U' ') continue;
      std::u32string label = word_at(s, n);
      if (digits_value(label) < 0 && roman_value(label) == 0) continue;
      std::u32string proper(head);
      proper[0] = to_upper(proper[0]);
      out.warning("ND30-CAP-9", t.field,
                  trf("\"{0} {1}\" of a document is cited with a capital: \"{2} {1}\"", utf8(head), utf8(label), utf8(proper)),
                  {}, at);
    }
  }
  for (const char32_t* head : {U"Khoản", U"Điểm"}) {
    for (size_t at : find_words(s, head)) {
      size_t n = at + std::u32string_view(head).size() + 1;
      if (n >= s.size() || s[n - 1] != U' ' || sentence_start(s, at)) continue;
      std::u32string label = word_at(s, n);
      bool point = label.size() == 1 && is_lower(label[0]);
      if (digits_value(label) < 0 && !point) continue;
      out.warning("ND30-CAP-9", t.field,
                  trf("\"{0}\" stays lower case when citing a document: \"{1} {2}\"", utf8(head), utf8(lower(head)), utf8(label)),
                  {}, at);
    }
  }
  // ND30-CAP-1: a capital at the start of each text and after ". ", "? ", "! ".
  // (A Công văn's trích yếu follows "V/v " in lower case: not a sentence of its own.)
  bool subject_after_vv = false;
  for (const auto& r : ctx.tpl.regions)
    subject_after_vv = subject_after_vv || (r.kind == style::RegionSpec::Kind::Header && r.subject_under_number);
  if (!t.field.empty() && t.field.rfind("recipients", 0) != 0 && t.field.rfind("kinh_gui", 0) != 0 &&
      !(t.field == "subject" && subject_after_vv)) {
    size_t first = 0;
    while (first < s.size() && !is_letter(s[first]) && !is_digit(s[first])) ++first;
    if (first < s.size() && is_lower(s[first]) && first < 3) {
      out.warning("ND30-CAP-1", t.field, tr("a sentence starts with a capital letter"), {}, first);
    }
    for (size_t i = 1; i + 2 < s.size(); ++i) {
      if (!(s[i] == U'.' || s[i] == U'?' || s[i] == U'!') || s[i + 1] != U' ' || !is_lower(s[i + 2])) continue;
      // The word before the mark: a word of two or more lower-case letters (not "v.v", "TP.").
      size_t b = i;
      while (b > 0 && is_letter(s[b - 1])) --b;
      std::u32string before = s.substr(b, i - b);
      if (before.size() < 2 || lower(before) != before || (b > 0 && (s[b - 1] == U'.' || s[b - 1] == U'/'))) continue;
      if (i + 1 < s.size() && i > 0 && s[i - 1] == U'.') continue;
      out.warning("ND30-CAP-1", t.field, tr("a sentence starts with a capital letter"), {}, i + 2);
    }
  }
}

}  // namespace

void check_capitals(const Context& ctx, Findings& out) {
  check_fixed_lines(ctx, out);
  check_place(ctx, out);
  check_agency_lines(ctx, out);
  const std::u32string place_low = lower(u32(ctx.doc.place));
  for (const Text& t : document_texts(ctx.doc, false)) {
    if (t.field.size() >= 10 && t.field.compare(t.field.size() - 10, 10, ".reference") == 0) continue;
    check_text(ctx, t, place_low, out);
  }
}

}  // namespace vanban::check::detail
