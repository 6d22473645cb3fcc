// The Decree 30 wording of the parts of a document that are composed rather than
// typed: "Số: 05/KH-SGDĐT", "Hòa Bình, ngày 05 tháng 3 năm 2021", "Phụ lục II",
// "(Kèm theo Kế hoạch số … ngày … của …)", "I." / "1." / "a)". Shared by every writer
// (the PDF layout and the DOCX writer) so they say the same thing.
#pragma once
#include <functional>
#include <string>
#include "core/raster_image.h"
#include "model/document.h"
#include "style/profile.h"

namespace vanban::wording {

std::string number_line(const model::Document& document, const style::Template& tpl);   // "Số: 05/KH-…", "Số: 33/2009/QĐ-UBND"
std::string place_date(const model::Document& document, const style::Template& tpl);    // "Hòa Bình, ngày …"
std::string appendix_label(const model::Document& document, const style::Template& tpl, size_t index);
// "(Kèm theo Kế hoạch số … ngày … của …)"; for an attached document (Appendix::type_name,
// ND30-PL-12) "(Ban hành kèm theo Quyết định số … ngày … của …)".
std::string appendix_reference(const model::Document& document, const style::Template& tpl, size_t index);

// "I. ", "2. ", "đ) ", "- " for the `ordinal`-th (1-based) block of `kind`
// ("section", "clause", "point", "dash", "plus", "contact"), or with `explicit_label`.
std::string block_prefix(const style::Template& tpl, const std::string& kind, int ordinal,
                         const std::string& explicit_label);

// The number of the `ordinal`-th block in `ns`'s format: "IV", "4", "d", "thứ tư" ("" for None).
std::string number_text(const style::Template& tpl, const style::NumberingStyle& ns, int ordinal);

std::string roman(int n);        // 1 -> "I"
std::string ordinal_word(int n); // 1 -> "thứ nhất", 4 -> "thứ tư", 21 -> "thứ hai mươi mốt" (Phần thứ …)
std::string kind_name(model::BlockKind kind);   // BlockKind::Clause -> "clause"

// What a template makes (wording/kind.cpp): what it says (kind="Bản sao"), else its
// document type ("Kế hoạch"), a form's label ("Phụ lục 1"), a certificate's title in
// sentence case ("Giấy khen"). `vanban templates` lists it; the file's metadata records it.
std::string template_kind(const style::Template& tpl);
// "GIẤY KHEN" -> "Giấy khen": lower case (Vietnamese rules), the first letter upper.
std::string sentence_case(const std::string& text);

}  // namespace vanban::wording

namespace vanban::model {
struct ListRow;
}

namespace vanban::wording {

// What a certificate says for one row of a list, composed from the row and the template:
// shared by the PDF layout and the DOCX writer.
struct CertificateText {
  std::string name_line;     // "Bà Bùi Thị Lan" (salutation from "giới tính": Nam -> Ông, Nữ -> Bà)
  std::string info;          // "Giáo viên - Trường Tiểu học Hữu Nghị"
  std::string achievement;   // the row's "thành tích"
  std::string date_line;     // "Hòa Bình, ngày 15 tháng 5 năm 2022" (blanks when the row has no date)
  std::string decision;      // "Quyết định số 125/QĐ-SGDĐT, ngày 15/05/2022" or empty
  std::string golden_book;   // "Số sổ vàng: 123/SV" or empty
};

// Throws vanban::Error(Model) naming the row and column when the row cannot make a
// certificate: no name, a decision date that is not a date.
CertificateText certificate_text(const style::Template& tpl, const model::ListRow& row);

// A list's date: "15/5/2022", "2022-05-15", "15.5.2022" -> day, month, year; false when
// it is not a date.
bool parse_list_date(const std::string& s, int& day, int& month, int& year);

// The signature and the seal in the signature room centred on (cx, cy): the signature
// fitted in signature-width × signature-space, the red seal (seal-size across) over its
// left third (Decree 30, Điều 33); without a signature image, where one would be.
struct SignatureArt {
  ImageBox signature, seal;
};
SignatureArt signature_art(const style::CertificateSpec& spec, double cx, double cy, const RasterImage* signature,
                           const RasterImage* seal);

// `pattern` with each {key} replaced by value(key) ("{stt}-{ho_ten}"); a "{" with no "}"
// after it is kept as written.
std::string fill_pattern(const std::string& pattern, const std::function<std::string(const std::string& key)>& value);

// The verification URL of a row: the template's QR pattern with {key} filled in
// (values percent-encoded); empty without a pattern.
std::string certificate_url(const style::Template& tpl, const model::ListRow& row);

}  // namespace vanban::wording
