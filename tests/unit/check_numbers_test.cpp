// Số and ký hiệu: ND30-SO-1..4 and the kind's abbreviation with its case (ND30-TYPE-2).
#include "check_test_support.h"

namespace vanban::test {
namespace {

TEST(CheckNumbers, TheCleanPlanHasNoFindings) {
  auto found = check_data(clean_plan());
  EXPECT_TRUE(found.empty()) << listing(found);
}

TEST(CheckNumbers, NumberBelowTenWithoutLeadingZeroIsAnError) {
  auto found = with_rule(check_data(replaced(clean_plan(), R"("number": "05")", R"("number": "5")")), "ND30-SO-2");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].severity, Severity::Error);
  EXPECT_EQ(found[0].field, "number.number");
  EXPECT_NE(found[0].hint.find("\"05\""), std::string::npos) << found[0].hint;
}

TEST(CheckNumbers, LeadingZeroOnANumberOfTenOrMoreIsAWarning) {
  auto found = with_rule(check_data(replaced(clean_plan(), R"("number": "05")", R"("number": "012")")), "ND30-SO-2");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].severity, Severity::Warning);
  EXPECT_NE(found[0].hint.find("\"12\""), std::string::npos);
}

TEST(CheckNumbers, NumberNotInDigitsIsAnError) {
  auto found = with_rule(check_data(replaced(clean_plan(), R"("number": "05")", R"("number": "05a")")), "ND30-SO-1");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].severity, Severity::Error);
}

TEST(CheckNumbers, ABlankNumberForTheRegistryIsFine) {
  auto found = check_data(replaced(clean_plan(), R"("number": "05")", R"("number": "")"));
  EXPECT_TRUE(found.empty()) << listing(found);
}

TEST(CheckNumbers, KindAbbreviationInTheWrongCaseIsAnError) {
  // ND30-TYPE-2: "QĐ" of a Quyết định written "Qđ".
  auto found = with_rule(check_data(replaced(replaced(clean_plan(), "\"ke-hoach\"", "\"quyet-dinh\""), "KH-SGDĐT", "Qđ-SGDĐT"),
                                    "quyet-dinh"),
                         "ND30-TYPE-2");
  ASSERT_EQ(found.size(), 1u) << listing(found);
  EXPECT_EQ(found[0].severity, Severity::Error);
  EXPECT_NE(found[0].message.find("\"QĐ\""), std::string::npos) << found[0].message;
  EXPECT_NE(found[0].hint.find("QĐ-SGDĐT"), std::string::npos) << found[0].hint;
}

TEST(CheckNumbers, MixedCaseAbbreviationsKeepTheirLowerCaseLetters) {
  // "CTr" (Chương trình) is right as it is; "CTR" is not.
  auto tpl_json = replaced(clean_plan(), "\"ke-hoach\"", "\"chuong-trinh\"");
  EXPECT_TRUE(with_rule(check_data(replaced(tpl_json, "KH-SGDĐT", "CTr-SGDĐT"), "chuong-trinh"), "ND30-TYPE-2").empty());
  auto found = with_rule(check_data(replaced(tpl_json, "KH-SGDĐT", "CTR-SGDĐT"), "chuong-trinh"), "ND30-TYPE-2");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_NE(found[0].message.find("\"CTr\""), std::string::npos);
}

TEST(CheckNumbers, AnotherKindsAbbreviationIsAnError) {
  auto found = with_rule(check_data(replaced(clean_plan(), "KH-SGDĐT", "QĐ-SGDĐT")), "ND30-TYPE-2");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_NE(found[0].message.find("Quyết định"), std::string::npos) << found[0].message;
  EXPECT_NE(found[0].message.find("Kế hoạch"), std::string::npos) << found[0].message;
}

TEST(CheckNumbers, AgencyAbbreviationWithoutItsDiacriticIsAWarning) {
  auto found = with_rule(check_data(replaced(clean_plan(), "KH-SGDĐT", "KH-SGDDT")), "ND30-SO-3");
  ASSERT_EQ(found.size(), 1u) << listing(found);
  EXPECT_EQ(found[0].severity, Severity::Warning);
  EXPECT_NE(found[0].hint.find("KH-SGDĐT"), std::string::npos);
}

TEST(CheckNumbers, SymbolInLowerCaseIsAnError) {
  auto found = with_rule(check_data(replaced(clean_plan(), "KH-SGDĐT", "KH-sgdđt")), "ND30-SO-4");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].severity, Severity::Error);
  EXPECT_NE(found[0].hint.find("KH-SGDĐT"), std::string::npos);
}

TEST(CheckNumbers, UnitAbbreviationsMayKeepTr) {
  // "GDTrH" (Giáo dục Trung học) is written so in practice, like the decree's own "CTr".
  auto json = replaced(replaced(clean_plan(), "\"ke-hoach\"", "\"cong-van\""), "KH-SGDĐT", "SGDĐT-GDTrH");
  json = replaced(json, R"("subject": "Xây)", R"("kinh_gui": "Các trường trung học phổ thông", "subject": "Xây)");
  auto found = check_data(json, "cong-van");
  EXPECT_TRUE(with_rule(found, "ND30-SO-4").empty()) << listing(found);
}

TEST(CheckNumbers, SpacesSlashesAndDashesInTheSymbolAreErrors) {
  auto spaces = with_rule(check_data(replaced(clean_plan(), "KH-SGDĐT", "KH - SGDĐT")), "ND30-SO-4");
  ASSERT_EQ(spaces.size(), 1u);  // one finding for the spaces of a symbol
  EXPECT_NE(spaces[0].hint.find("KH-SGDĐT"), std::string::npos);
  EXPECT_EQ(with_rule(check_data(replaced(clean_plan(), "KH-SGDĐT", "KH/SGDĐT")), "ND30-SO-4").size(), 1u);
  EXPECT_EQ(with_rule(check_data(replaced(clean_plan(), "KH-SGDĐT", "KH–SGDĐT")), "ND30-SO-4").size(), 1u);
  EXPECT_EQ(with_rule(check_data(replaced(clean_plan(), "KH-SGDĐT", "KH--SGDĐT")), "ND30-SO-4").size(), 1u);
}

TEST(CheckNumbers, AmpersandInTheSymbolIsAWarning) {
  auto found = with_rule(check_data(replaced(clean_plan(), "KH-SGDĐT", "KH-SGD&ĐT")), "ND30-SO-4");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].severity, Severity::Warning);
}

TEST(CheckNumbers, SymbolWithoutTheAgencyOrInTheWrongOrderIsAnError) {
  EXPECT_EQ(with_rule(check_data(replaced(clean_plan(), "KH-SGDĐT", "KH")), "ND30-SO-3").size(), 1u);
  auto order = with_rule(check_data(replaced(clean_plan(), "KH-SGDĐT", "SGDĐT-KH")), "ND30-SO-3");
  ASSERT_EQ(order.size(), 1u);
  EXPECT_NE(order[0].hint.find("KH-SGDĐT"), std::string::npos);
}

TEST(CheckNumbers, ACongVanHasNoKindAbbreviation) {
  auto json = replaced(replaced(clean_plan(), "\"ke-hoach\"", "\"cong-van\""), "KH-SGDĐT", "CV-SGDĐT");
  json = replaced(json, R"("subject": "Xây)", R"("kinh_gui": "Các trường trung học phổ thông", "subject": "Xây)");
  auto found = with_rule(check_data(json, "cong-van"), "ND30-TYPE-2");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].severity, Severity::Error);
}

TEST(CheckNumbers, TheYearOfTheNumberIsTheYearOfTheDate) {
  auto found = with_rule(check_data(replaced(clean_plan(), R"("number": "05")", R"("number": "05", "year": 2020)")), "ND30-SO-1");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].field, "number.year");
}

TEST(CheckNumbers, ACopysSymbolStartsWithItsForm) {
  std::string data = read_text(VANBAN_SOURCE_DIR "/samples/ban-sao.json");
  EXPECT_TRUE(with_rule(check_data(data, "ban-sao"), "ND30-TYPE-2").empty());
  auto found = with_rule(check_data(replaced(data, "SY-PGDĐT", "SL-PGDĐT"), "ban-sao"), "ND30-TYPE-2");
  ASSERT_EQ(found.size(), 1u) << listing(found);
  EXPECT_EQ(found[0].field, "copy.number.symbol");
}

}  // namespace
}  // namespace vanban::test
