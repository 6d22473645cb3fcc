// Capitals and fixed wording: ND30-QH-1, ND30-QH-3, ND30-DATE-1, ND30-DATE-3, ND30-CQ-1,
// Phụ lục II (ND30-CAP-1, ND30-CAP-3, ND30-CAP-4, ND30-CAP-5, ND30-CAP-9).
#include "check_test_support.h"

namespace vanban::test {
namespace {

const std::string kFirst = "Thực hiện chỉ đạo của Ủy ban nhân dân tỉnh Hòa Bình, Sở Giáo dục và Đào tạo ban hành Kế hoạch như sau:";

std::vector<Diagnostic> with_first(const std::string& text, const std::string& rule) {
  return with_rule(check_data(replaced(clean_plan(), kFirst, text)), rule);
}

TEST(CheckCapitals, QuocHieuAndTieuNguAreFixed) {
  auto plan = clean_plan();
  auto qh = replaced(plan, R"("place")", R"("national_title": "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "place")");
  EXPECT_TRUE(with_rule(check_data(qh), "ND30-QH-1").empty());
  auto old = replaced(plan, R"("place")", R"("national_title": "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM", "place")");
  EXPECT_TRUE(with_rule(check_data(old), "ND30-QH-1").empty());  // ND30-QH-2: both spellings
  auto wrong = replaced(plan, R"("place")", R"("national_title": "Cộng hòa xã hội chủ nghĩa Việt Nam", "place")");
  EXPECT_EQ(with_rule(check_data(wrong), "ND30-QH-1").size(), 1u);
  auto dash = replaced(plan, R"("place")", R"("motto": "Độc lập – Tự do – Hạnh phúc", "place")");
  auto found = with_rule(check_data(dash), "ND30-QH-3");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].severity, Severity::Error);
  auto tight = replaced(plan, R"("place")", R"("motto": "Độc lập-Tự do-Hạnh phúc", "place")");
  EXPECT_EQ(with_rule(check_data(tight), "ND30-QH-3").size(), 1u);
}

TEST(CheckCapitals, PlaceNameHasACapitalAtEachSyllable) {
  auto found = with_rule(check_data(replaced(clean_plan(), R"("place": "Hòa Bình")", R"("place": "Hòa bình")")), "ND30-DATE-3");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_NE(found[0].hint.find("Hòa Bình"), std::string::npos);
  EXPECT_TRUE(with_rule(check_data(replaced(clean_plan(), R"("place": "Hòa Bình")", R"("place": "Thành phố Hồ Chí Minh")")),
                        "ND30-DATE-3")
                  .empty());
  EXPECT_EQ(with_rule(check_data(replaced(clean_plan(), R"("place": "Hòa Bình")", R"("place": "TP. Hồ Chí Minh")")),
                      "ND30-DATE-1")
                .size(),
            1u);
}

TEST(CheckCapitals, AgencyNamesCapitaliseTheirKindAndField) {
  auto found = with_first("Thực hiện chỉ đạo của Ủy Ban Nhân Dân tỉnh Hòa Bình, Sở Giáo Dục Và Đào Tạo ban hành Kế hoạch:",
                          "ND30-CAP-5");
  ASSERT_EQ(found.size(), 2u) << listing(found);
  EXPECT_NE(found[0].message.find("\"Ủy ban nhân dân\""), std::string::npos) << found[0].message;
  EXPECT_NE(found[1].message.find("\"Sở Giáo dục và Đào tạo\""), std::string::npos) << found[1].message;
  // The decree's own "Uỷ" and a generic mention are fine.
  EXPECT_TRUE(with_first("Thực hiện chỉ đạo của Uỷ ban nhân dân tỉnh Hòa Bình và các ủy ban nhân dân cấp xã.", "ND30-CAP-5").empty());
}

TEST(CheckCapitals, AdministrativeUnitsKeepTheirGenericNounLowerCase) {
  auto found = with_first("Thực hiện chỉ đạo của Ủy ban nhân dân Tỉnh Hòa Bình, Sở Giáo dục và Đào tạo ban hành Kế hoạch:",
                          "ND30-CAP-3");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_NE(found[0].message.find("\"tỉnh Hòa Bình\""), std::string::npos) << found[0].message;
  EXPECT_EQ(with_first("Các trường trên địa bàn quận 1 tham gia.", "ND30-CAP-3").size(), 1u);
  EXPECT_TRUE(with_first("Các trường của Thành phố Hồ Chí Minh và Quận 1 tham gia.", "ND30-CAP-3").empty());
  EXPECT_EQ(with_first("Các trường của tỉnh hòa bình tham gia.", "ND30-CAP-4").size(), 1u);
}

TEST(CheckCapitals, CitedArticlesAreCapitalisedClausesAndPointsNot) {
  EXPECT_EQ(with_first("Căn cứ khoản 2 điều 5 của Quy chế, các đơn vị thực hiện.", "ND30-CAP-9").size(), 1u);
  EXPECT_EQ(with_first("Căn cứ Khoản 2 Điều 5 của Quy chế, các đơn vị thực hiện.", "ND30-CAP-9").size(), 1u);
  EXPECT_TRUE(with_first("Căn cứ điểm a khoản 2 Điều 5 Chương II của Quy chế, các đơn vị thực hiện.", "ND30-CAP-9").empty());
}

TEST(CheckCapitals, SentencesStartWithACapital) {
  auto found = with_first("thực hiện chỉ đạo của cấp trên. các đơn vị thực hiện.", "ND30-CAP-1");
  ASSERT_EQ(found.size(), 2u);
  EXPECT_EQ(found[0].severity, Severity::Warning);
  EXPECT_TRUE(with_first("Các đơn vị (trường MN, TH, v.v. và các phòng) thực hiện.", "ND30-CAP-1").empty());
}

TEST(CheckCapitals, TheIssuingBodysNameIsNotAbbreviated) {
  auto found = with_rule(check_data(replaced(clean_plan(), R"("issuing_agency": "SỞ GIÁO DỤC VÀ ĐÀO TẠO")",
                                             R"("issuing_agency": "SỞ GD&ĐT")")),
                         "ND30-CQ-1");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].severity, Severity::Warning);
}

}  // namespace
}  // namespace vanban::test
