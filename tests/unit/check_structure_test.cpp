// The body's structure: numbering gaps (warnings) and duplicates (errors), point letters
// (ND30-NUM-*), the căn cứ lines (ND30-CC-1), the trích yếu (ND30-TL-2, ND30-TL-4), the
// "./." (ND30-BODY-6) and dates written out (ND30-DATE-2).
#include "check_test_support.h"

namespace vanban::test {
namespace {

// The findings about the sections when the clean plan's second section is labelled `label`.
std::vector<Diagnostic> second_section_labelled(const std::string& label) {
  return with_rule(check_data(replaced(clean_plan(), R"("title": "TỔ CHỨC THỰC HIỆN")",
                                       R"("label": ")" + label + R"(", "title": "TỔ CHỨC THỰC HIỆN")")),
                   "ND30-NUM-7");
}

TEST(CheckStructure, AJumpInTheNumberingIsAWarning) {
  auto found = second_section_labelled("IV");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].severity, Severity::Warning);
  EXPECT_EQ(found[0].field, "body[2].label");
  EXPECT_NE(found[0].message.find("from I to IV"), std::string::npos) << found[0].message;
  EXPECT_NE(found[0].message.find("II–III"), std::string::npos) << found[0].message;
}

TEST(CheckStructure, ANumberPrintedTwiceIsAnError) {
  auto found = second_section_labelled("I");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].severity, Severity::Error);
  // An unlabelled clause after a labelled "2" prints "2" again.
  auto clauses = with_rule(check_data(replaced(clean_plan(), R"("type": "clause", "title": "Mục đích")",
                                               R"("type": "clause", "label": "2", "title": "Mục đích")")),
                           "ND30-NUM-5");
  ASSERT_EQ(clauses.size(), 2u) << listing(clauses);  // 2 without 1 (warning), then 2 again (error)
  EXPECT_EQ(errors_in(clauses), 1u);
}

TEST(CheckStructure, PointsRunThroughTheVietnameseAlphabet) {
  auto json = replaced(clean_plan(), R"({"type": "dash", "text": "Nhân rộng điển hình tiên tiến."})",
                       R"({"type": "point", "text": "Nhân rộng điển hình."}, {"type": "point", "label": "f", "text": "Khác."})");
  auto found = with_rule(check_data(json), "ND30-NUM-6");
  ASSERT_GE(found.size(), 1u) << listing(found);
  EXPECT_NE(found[0].message.find("\"f\""), std::string::npos);
}

TEST(CheckStructure, PreambleLinesEndWithSemicolonsAndAFullStop) {
  std::string data = read_text(VANBAN_SOURCE_DIR "/samples/quyet-dinh.json");
  EXPECT_TRUE(with_rule(check_data(data, "quyet-dinh"), "ND30-CC-1").empty());
  auto found = with_rule(check_data(replaced(data, "khen thưởng ngành Giáo dục;", "khen thưởng ngành Giáo dục"), "quyet-dinh"),
                         "ND30-CC-1");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].severity, Severity::Error);
}

TEST(CheckStructure, SubjectInCapitalsIsAWarningAndVvTwiceAnError) {
  auto caps = with_rule(check_data(replaced(clean_plan(), "Xây dựng mô hình điển hình tiên tiến năm 2021",
                                            "XÂY DỰNG MÔ HÌNH ĐIỂN HÌNH TIÊN TIẾN NĂM 2021")),
                        "ND30-TL-2");
  EXPECT_EQ(caps.size(), 1u);
  auto json = replaced(replaced(clean_plan(), "\"ke-hoach\"", "\"cong-van\""), "KH-SGDĐT", "SGDĐT-VP");
  json = replaced(json, R"("subject": "Xây dựng)", R"("kinh_gui": "Các trường trung học", "subject": "V/v xây dựng)");
  auto vv = with_rule(check_data(json, "cong-van"), "ND30-TL-4");
  ASSERT_EQ(vv.size(), 1u);
  EXPECT_EQ(vv[0].severity, Severity::Error);
}

TEST(CheckStructure, TheContentEndsWithTheEndMark) {
  auto found = with_rule(check_data(replaced(clean_plan(), "triển khai thực hiện./.", "triển khai thực hiện.")), "ND30-BODY-6");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].severity, Severity::Warning);
}

TEST(CheckStructure, DatesWrittenOutFollowTheDecreesLeadingZeros) {
  auto with_text = [](const std::string& text) {
    return with_rule(check_data(replaced(clean_plan(), "Các đơn vị triển khai thực hiện./.", text)), "ND30-DATE-2");
  };
  EXPECT_TRUE(with_text("Hoàn thành trước ngày 05 tháng 3 năm 2021./.").empty());
  EXPECT_TRUE(with_text("Hoàn thành trước ngày 15 tháng 01 năm 2021./.").empty());
  EXPECT_EQ(with_text("Hoàn thành trước ngày 5 tháng 3 năm 2021./.").size(), 1u);
  EXPECT_EQ(with_text("Hoàn thành trước ngày 05 tháng 03 năm 2021./.").size(), 1u);
  EXPECT_EQ(with_text("Hoàn thành trước ngày 15 tháng 1 năm 2021./.").size(), 1u);
}

}  // namespace
}  // namespace vanban::test
