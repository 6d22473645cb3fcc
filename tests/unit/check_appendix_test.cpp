// Appendices (ND30-PL-1): Roman numerals from two on, announced in the text, present when
// the text names them; the typed reference line names this document (ND30-PL-4) with the
// date written as ND30-DATE-2 says.
#include "check_test_support.h"

namespace vanban::test {
namespace {

std::string plan_with(const std::string& text, const std::string& appendices, const std::string& numbering = "") {
  auto json = replaced(clean_plan(), "Các đơn vị triển khai thực hiện./.", text);
  std::string extra = R"(, "appendices": )" + appendices;
  if (!numbering.empty()) extra += R"(, "appendix_numbering": ")" + numbering + "\"";
  size_t end = json.rfind('}');
  return json.insert(end, extra);
}

const std::string kTwo = R"([{"title": "MẪU ĐĂNG KÝ", "body": [{"type": "paragraph", "text": "Tên đơn vị."}]},
                             {"title": "MẪU BÁO CÁO", "body": [{"type": "paragraph", "text": "Kết quả."}]}])";

TEST(CheckAppendices, TwoOrMoreAreNumberedInRomanNumerals) {
  const std::string text = "Các đơn vị đăng ký theo Phụ lục I, báo cáo theo Phụ lục II./.";
  EXPECT_TRUE(check_data(plan_with(text, kTwo)).empty()) << listing(check_data(plan_with(text, kTwo)));
  auto found = with_rule(check_data(plan_with("Các đơn vị đăng ký theo các phụ lục kèm theo./.", kTwo, "arabic")), "ND30-PL-1");
  ASSERT_EQ(found.size(), 1u) << listing(found);
  EXPECT_EQ(found[0].severity, Severity::Warning);
  EXPECT_EQ(found[0].field, "appendix_numbering");
}

TEST(CheckAppendices, AnAppendixTheTextNamesMustBeThere) {
  auto found = with_rule(check_data(plan_with("Đăng ký theo Phụ lục I; báo cáo theo Phụ lục III./.", kTwo)), "ND30-PL-1");
  ASSERT_EQ(found.size(), 2u) << listing(found);  // III is missing; II is never named
  EXPECT_EQ(errors_in(found), 1u);
  EXPECT_NE(found[0].message.find("Phụ lục III"), std::string::npos) << found[0].message;
  // Without any appendix at all.
  auto none = with_rule(check_data(replaced(clean_plan(), "Các đơn vị triển khai thực hiện./.",
                                            "Các đơn vị báo cáo theo Phụ lục I./.")),
                        "ND30-PL-1");
  ASSERT_EQ(none.size(), 1u);
  EXPECT_EQ(none[0].severity, Severity::Error);
}

TEST(CheckAppendices, AnotherDocumentsAppendixIsNotThisOnes) {
  auto found = check_data(replaced(clean_plan(), "Các đơn vị triển khai thực hiện./.",
                                   "Các đơn vị thực hiện theo Phụ lục I của Nghị định số 30/2020/NĐ-CP./."));
  EXPECT_TRUE(with_rule(found, "ND30-PL-1").empty()) << listing(found);
}

TEST(CheckAppendices, EveryAppendixIsAnnouncedInTheText) {
  auto found = with_rule(check_data(plan_with("Các đơn vị triển khai thực hiện./.", kTwo)), "ND30-PL-1");
  ASSERT_EQ(found.size(), 2u) << listing(found);
  EXPECT_EQ(errors_in(found), 2u);
  EXPECT_EQ(found[0].field, "appendices[0]");
  // A range names both; a general "kèm theo" announces them all.
  EXPECT_TRUE(with_rule(check_data(plan_with("Mẫu tại Phụ lục I đến II./.", kTwo)), "ND30-PL-1").empty());
  EXPECT_TRUE(with_rule(check_data(plan_with("Các biểu mẫu kèm theo./.", kTwo)), "ND30-PL-1").empty());
}

TEST(CheckAppendices, TheReferenceLineNamesThisDocument) {
  const std::string one = R"J([{"title": "MẪU", "reference": "(Kèm theo Kế hoạch số 05/KH-SGDĐT ngày 05 tháng 3 năm 2021 của Sở Giáo dục và Đào tạo)",
      "body": [{"type": "paragraph", "text": "Tên đơn vị."}]}])J";
  const std::string text = "Mẫu đăng ký tại Phụ lục kèm theo./.";
  auto clean = check_data(plan_with(text, one));
  EXPECT_TRUE(clean.empty()) << listing(clean);
  auto symbol = with_rule(check_data(plan_with(text, replaced(one, "05/KH-SGDĐT", "05/KH-UBND"))), "ND30-PL-4");
  ASSERT_EQ(symbol.size(), 1u);
  EXPECT_EQ(symbol[0].field, "appendices[0].reference");
  auto date = with_rule(check_data(plan_with(text, replaced(one, "ngày 05 tháng 3", "ngày 06 tháng 3"))), "ND30-PL-4");
  EXPECT_EQ(date.size(), 1u);
  auto zeros = with_rule(check_data(plan_with(text, replaced(one, "ngày 05 tháng 3", "ngày 5 tháng 03"))),
                         "ND30-DATE-2");
  EXPECT_EQ(zeros.size(), 2u) << listing(zeros);
  EXPECT_EQ(errors_in(zeros), 2u);
}

}  // namespace
}  // namespace vanban::test
