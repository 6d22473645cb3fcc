// What a document is, for its file's metadata (XMP, a records system indexes it) and for
// the body's information box when it is signed (ND30-ESIG-4, ND30-EDOC-4).
#include <cstdio>

#include "realize/realized.h"
#include "wording/wording.h"

namespace vanban::realize {
namespace {

std::string one_line(const std::vector<std::string>& lines) {
  std::string out;
  for (const auto& l : lines) {
    std::string line = l;
    for (char& c : line) if (c == '\n') c = ' ';
    if (!line.empty()) out += (out.empty() ? "" : " ") + line;
  }
  return out;
}

// "2021-03-05"; empty when a part is left blank for hand-writing.
std::string iso_date(const model::Date& d) {
  if (d.day <= 0 || d.month <= 0 || d.year <= 0) return {};
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", d.year % 10000, d.month % 100, d.day % 100);
  return buf;
}

// "05/KH-SGD&ĐT" as printed after the label "Số:" (ND30-SO-1); empty with no number.
std::string number_of(const model::Document& d, const style::Template& tpl) {
  if (d.omit_number || (d.number.number.empty() && d.number.symbol.empty() && d.number.year.empty())) return {};
  std::string line = wording::number_line(d, tpl);
  const std::string& label = tpl.header.number_label;
  if (line.compare(0, label.size(), label) == 0) line.erase(0, label.size());
  const size_t start = line.find_first_not_of(' ');
  return start == std::string::npos ? std::string() : line.substr(start);
}

}  // namespace

Identity identify(const model::Document& d, const style::Template& tpl) {
  Identity id;
  id.kind = wording::template_kind(tpl);
  id.template_name = tpl.name;
  if (!d.copy.form.empty()) {
    // An electronic copy: the copy is what the file is (ND30-EDOC-4, ô 14).
    model::Document copy;
    copy.number = d.copy.number;
    id.number = number_of(copy, tpl);
    id.date = iso_date(d.copy.date);
    id.place = d.copy.place;
    id.agency = one_line(d.copy.issuing_agency);
    id.parent_agency = one_line(d.copy.parent_agency);
    id.copy_form = d.copy.form;
    return id;
  }
  id.number = number_of(d, tpl);
  id.date = iso_date(d.date);
  id.place = d.place;
  id.agency = one_line(d.issuing_agency);
  id.parent_agency = one_line(d.parent_agency);
  return id;
}

}  // namespace vanban::realize
