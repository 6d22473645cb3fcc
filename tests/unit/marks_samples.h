// The copy block the marks tests use (engine_marks_test.cpp, engine_marks_output_test.cpp):
// a SAO Y of the Sở's plan by the Sở's office (Mẫu 3.1).
#pragma once
#include "model/document.h"

namespace vanban::test {

inline model::CopyBlock sample_copy() {
  model::CopyBlock c;
  c.form = "SAO Y";
  c.parent_agency = {"UBND TỈNH HÒA BÌNH"};
  c.issuing_agency = {"SỞ GIÁO DỤC", "VÀ ĐÀO TẠO"};
  c.number = {"05", "", "SGDĐT"};
  c.place = "Hòa Bình";
  c.date = {8, 3, 2021};
  c.signature.authority_lines = {"TL. GIÁM ĐỐC", "CHÁNH VĂN PHÒNG"};
  c.signature.signer_name = "Nguyễn Văn An";
  c.recipients = {"Các phòng chuyên môn;", "Lưu: VT."};
  return c;
}

}  // namespace vanban::test
