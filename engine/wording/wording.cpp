#include "wording/wording.h"

#include <cctype>
#include <cstdio>
#include <utility>

#include "core/error.h"
#include "core/i18n.h"
#include "core/unicode.h"
#include "model/recipient_list.h"

namespace vanban::wording {
namespace {

std::string two_digits(int n) { return (n < 10 ? "0" : "") + std::to_string(n); }

// " 05 " or the template's blank (ND30-DATE-2: day < 10 and months 1-2 get a zero).
std::string day_part(int day, const style::Template& tpl) {
  return day == 0 ? tpl.header.blank : " " + two_digits(day) + " ";
}
std::string month_part(int month, const style::Template& tpl) {
  if (month == 0) return tpl.header.blank;
  return " " + (month <= 2 ? two_digits(month) : std::to_string(month)) + " ";
}
std::string year_part(int year, const style::Template& tpl) {
  return year == 0 ? tpl.header.blank : " " + std::to_string(year);
}

std::string date_phrase(const model::Date& date, const style::Template& tpl) {
  return "ngày" + day_part(date.day, tpl) + "tháng" + month_part(date.month, tpl) + "năm" +
         year_part(date.year, tpl);
}

// " 05/KH-SGDĐT" or "      /KH-SGDĐT" (ND30-SO-2/4, ND30-SO-6).
std::string number_phrase(const model::DocumentNumber& number, const style::Template& tpl) {
  std::string out = number.number.empty() ? tpl.header.blank : " " + number.number;
  if (!number.year.empty()) out += "/" + number.year;  // "33/2009/QĐ-UBND"
  if (!number.symbol.empty()) out += "/" + number.symbol;
  return out;
}

std::string letter(const style::Template& tpl, int n) {
  const auto& letters = tpl.vietnamese_letters;
  if (letters.empty()) throw Error(ErrorKind::Template, tr("the template lists no <letters>"), tpl.source_path);
  std::string out;
  // a..y, then aa, ab… (never reached in practice)
  int count = static_cast<int>(letters.size());
  --n;
  if (n >= count) out = letters[(n / count - 1) % count];
  return out + letters[n % count];
}

}  // namespace

std::string roman(int n) {
  static const std::pair<int, const char*> table[] = {{1000, "M"}, {900, "CM"}, {500, "D"}, {400, "CD"},
                                                      {100, "C"},  {90, "XC"},  {50, "L"},  {40, "XL"},
                                                      {10, "X"},   {9, "IX"},   {5, "V"},   {4, "IV"},
                                                      {1, "I"}};
  std::string out;
  for (const auto& [value, digits] : table) {
    while (n >= value) {
      out += digits;
      n -= value;
    }
  }
  return out;
}

std::string kind_name(model::BlockKind kind) {
  switch (kind) {
    case model::BlockKind::Section: return "section";
    case model::BlockKind::Clause: return "clause";
    case model::BlockKind::Point: return "point";
    case model::BlockKind::Dash: return "dash";
    case model::BlockKind::Plus: return "plus";
    case model::BlockKind::Paragraph: return "paragraph";
    case model::BlockKind::Contact: return "contact";
    case model::BlockKind::FillLines: return "fill_lines";
    case model::BlockKind::Part: return "part";
    case model::BlockKind::Chapter: return "chapter";
    case model::BlockKind::Article: return "article";
    case model::BlockKind::Star: return "star";
    case model::BlockKind::Table: return "table";
  }
  return "paragraph";
}

std::string number_line(const model::Document& document, const style::Template& tpl) {
  return tpl.header.number_label + number_phrase(document.number, tpl);
}

std::string place_date(const model::Document& document, const style::Template& tpl) {
  return document.place + ", " + date_phrase(document.date, tpl);
}

std::string appendix_label(const model::Document& document, const style::Template& tpl, size_t index) {
  const model::Appendix& appendix = document.appendices.at(index);
  const std::string& word = tpl.appendix.label_word;
  if (!appendix.label.empty()) return word + " " + appendix.label;
  model::AppendixNumbering numbering = document.appendix_numbering;
  if (numbering == model::AppendixNumbering::Auto) {
    const std::string& d = tpl.appendix.default_numbering;
    numbering = d == "roman"    ? model::AppendixNumbering::Roman
                : d == "arabic" ? model::AppendixNumbering::Arabic
                : d == "none"   ? model::AppendixNumbering::None
                                : model::AppendixNumbering::Auto;
  }
  if (numbering == model::AppendixNumbering::Auto) {
    // ND30-PL-1: Roman numerals with two or more appendices; a single one needs none.
    numbering = document.appendices.size() >= 2 ? model::AppendixNumbering::Roman : model::AppendixNumbering::None;
  }
  int n = static_cast<int>(index) + 1;
  switch (numbering) {
    case model::AppendixNumbering::Roman: return word + " " + roman(n);
    case model::AppendixNumbering::Arabic: return word + " " + std::to_string(n);
    default: return word;
  }
}

std::string appendix_reference(const model::Document& document, const style::Template& tpl, size_t index) {
  const model::Appendix& appendix = document.appendices.at(index);
  if (!appendix.reference.empty()) return appendix.reference;
  // ND30-PL-4: "(Kèm theo Kế hoạch số …/KH-… ngày … tháng … năm … của …)"; ND30-PL-12:
  // an attached document is issued with the document, "(Ban hành kèm theo Quyết định …)".
  std::string out = std::string(appendix.type_name.empty() ? "(Kèm theo " : "(Ban hành kèm theo ") +
                    tpl.type_name_sentence + " số" + number_phrase(document.number, tpl) + " " +
                    date_phrase(document.date, tpl);
  if (!document.issuer_name.empty()) out += " của " + document.issuer_name;
  return out + ")";
}

std::string number_text(const style::Template& tpl, const style::NumberingStyle& ns, int ordinal) {
  switch (ns.format) {
    case style::NumberFormat::Roman: return roman(ordinal);
    case style::NumberFormat::Arabic: return std::to_string(ordinal);
    case style::NumberFormat::VietnameseLetter: return letter(tpl, ordinal);
    case style::NumberFormat::Ordinal: return ordinal_word(ordinal);
    case style::NumberFormat::None: break;
  }
  return "";
}

std::string block_prefix(const style::Template& tpl, const std::string& kind, int ordinal,
                         const std::string& explicit_label) {
  const style::NumberingStyle& ns = tpl.numbering_for(kind);
  std::string label = explicit_label.empty() ? number_text(tpl, ns, ordinal) : explicit_label;
  return ns.prefix + label + ns.suffix;
}

std::string ordinal_word(int n) {
  // ND30-NUM-2 ("Phần thứ nhất"): Vietnamese number words; 1 and 4 have ordinal forms
  // of their own ("nhất", "tư"); after "mươi" 1 is "mốt", 4 "tư", 5 "lăm".
  static const char* const units[] = {"không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín"};
  if (n == 1) return "thứ nhất";
  if (n == 4) return "thứ tư";
  if (n < 1 || n > 99) return "thứ " + std::to_string(n);
  if (n < 10) return std::string("thứ ") + units[n];
  int tens = n / 10, unit = n % 10;
  std::string out = tens == 1 ? "mười" : std::string(units[tens]) + " mươi";
  if (unit == 5) out += " lăm";
  else if (unit == 1 && tens > 1) out += " mốt";
  else if (unit == 4 && tens > 1) out += " tư";
  else if (unit != 0) out += std::string(" ") + units[unit];
  return "thứ " + out;
}

}  // namespace vanban::wording

namespace vanban::wording {
namespace {

[[noreturn]] void row_error(const model::ListRow& row, const std::string& key, const std::string& message) {
  throw Error(ErrorKind::Model, message, {}, row.row, row.column_of(key),
              model::row_label(row) + ", " + key);
}

}  // namespace

bool parse_list_date(const std::string& s, int& d, int& m, int& y) {
  if (std::sscanf(s.c_str(), "%d/%d/%d", &d, &m, &y) == 3 || std::sscanf(s.c_str(), "%d-%d-%d", &d, &m, &y) == 3 ||
      std::sscanf(s.c_str(), "%d.%d.%d", &d, &m, &y) == 3) {
    if (d > 31) std::swap(d, y);  // ISO order
  } else {
    return false;
  }
  const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  const int days[] = {31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return y >= 1900 && y <= 2200 && m >= 1 && m <= 12 && d >= 1 && d <= days[m - 1];
}

namespace {

std::string percent_encode(const std::string& s) {
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      char buf[4];
      std::snprintf(buf, sizeof buf, "%%%02X", c);
      out += buf;
    }
  }
  return out;
}


}  // namespace

std::string fill_pattern(const std::string& pattern, const std::function<std::string(const std::string& key)>& value) {
  std::string out;
  for (size_t i = 0; i < pattern.size(); ++i) {
    size_t close = pattern[i] == '{' ? pattern.find('}', i) : std::string::npos;
    if (close == std::string::npos) {
      out += pattern[i];
      continue;
    }
    out += value(pattern.substr(i + 1, close - i - 1));
    i = close;
  }
  return out;
}

std::string certificate_url(const style::Template& tpl, const model::ListRow& row) {
  return fill_pattern(tpl.certificate.qr_pattern, [&](const std::string& key) {
    return percent_encode(row.field(key));
  });
}


SignatureArt signature_art(const style::CertificateSpec& spec, double cx, double cy, const RasterImage* signature,
                           const RasterImage* seal) {
  SignatureArt art;
  double left_third = cx - spec.signature_width / 6;  // where a signature's left third ends
  if (signature) {
    art.signature = fit_image(*signature, cx, cy, spec.signature_width, spec.signature_space);
    left_third = art.signature.x + art.signature.width / 3;
  }
  if (seal) art.seal = fit_image(*seal, left_third - spec.seal_diameter / 2, cy, spec.seal_diameter, spec.seal_diameter);
  return art;
}

CertificateText certificate_text(const style::Template& tpl, const model::ListRow& row) {
  const auto& c = tpl.certificate;
  if (!row.problem.empty()) row_error(row, row.problem_key, row.problem);
  const std::string& name = row.field("ho_ten");
  if (name.find_first_not_of(" \t") == std::string::npos) row_error(row, "ho_ten", tr("the name is missing"));
  int d = 0, m = 0, y = 0;
  const std::string& decided = row.field("ngay_quyet_dinh");
  if (!decided.empty() && !parse_list_date(decided, d, m, y)) {
    row_error(row, "ngay_quyet_dinh", trf("\"{0}\" is not a date (dd/mm/yyyy)", unicode::excerpt(decided)));
  }
  CertificateText t;
  std::string salutation = row.field("gioi_tinh");
  std::string folded = model::canonical_key(salutation);  // "Nữ", "NU", "nữ" -> "nu"
  if (folded == "nam" || folded == "ong") salutation = "Ông";
  else if (folded == "nu" || folded == "ba") salutation = "Bà";
  t.name_line = salutation.empty() ? name : salutation + " " + name;
  t.info = row.field("chuc_vu");
  const std::string& unit = row.field("don_vi");
  if (!unit.empty()) t.info += (t.info.empty() ? "" : " - ") + unit;
  t.achievement = row.field("thanh_tich");
  // Decree 30 writes days below 10 and months 1 and 2 with a leading zero.
  t.date_line = c.place + ", ngày " + (d ? two_digits(d) : "      ") + " tháng " +
                (m ? (m <= 2 ? two_digits(m) : std::to_string(m)) : "      ") + " năm " + (y ? std::to_string(y) : "      ");
  if (!row.field("so_quyet_dinh").empty()) {
    t.decision = c.decision_label + " " + row.field("so_quyet_dinh") +
                 (decided.empty() ? "" : ", ngày " + two_digits(d) + "/" + two_digits(m) + "/" + std::to_string(y));
  }
  if (!row.field("so_so_vang").empty()) t.golden_book = c.golden_book_label + " " + row.field("so_so_vang");
  return t;
}

}  // namespace vanban::wording
