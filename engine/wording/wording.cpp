#include "wording/wording.h"

#include "core/error.h"

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
  if (!number.symbol.empty()) out += "/" + number.symbol;
  return out;
}

std::string letter(const style::Template& tpl, int n) {
  const auto& letters = tpl.vietnamese_letters;
  if (letters.empty()) throw Error(ErrorKind::Template, "the template lists no <letters>", tpl.source_path);
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
  // ND30-PL-4: "(Kèm theo Kế hoạch số …/KH-… ngày … tháng … năm … của …)"
  std::string out = "(Kèm theo " + tpl.type_name_sentence + " số" + number_phrase(document.number, tpl) + " " +
                    date_phrase(document.date, tpl);
  if (!document.issuer_name.empty()) out += " của " + document.issuer_name;
  return out + ")";
}

std::string block_prefix(const style::Template& tpl, const std::string& kind, int ordinal,
                         const std::string& explicit_label) {
  const style::NumberingStyle& ns = tpl.numbering_for(kind);
  std::string label = explicit_label;
  if (label.empty()) {
    switch (ns.format) {
      case style::NumberFormat::Roman: label = roman(ordinal); break;
      case style::NumberFormat::Arabic: label = std::to_string(ordinal); break;
      case style::NumberFormat::VietnameseLetter: label = letter(tpl, ordinal); break;
      case style::NumberFormat::None: break;
    }
  }
  return ns.prefix + label + ns.suffix;
}

}  // namespace vanban::wording
