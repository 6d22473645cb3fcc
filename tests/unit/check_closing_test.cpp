// Nơi nhận, "Lưu:", "Như trên", Kính gửi, authority prefixes and the signer's name:
// ND30-NN-2, ND30-NN-4..6, ND30-SIG-1..3, ND30-CAP-2.
#include "check_test_support.h"

namespace vanban::test {
namespace {

const std::string kRecipients = R"(["Bộ GD&ĐT (để b/c);", "Các đơn vị trực thuộc;", "Lưu: VT, VP."])";

std::vector<Diagnostic> with_recipients(const std::string& lines, const std::string& rule) {
  return with_rule(check_data(replaced(clean_plan(), kRecipients, lines)), rule);
}

TEST(CheckClosing, EachLineButTheLastEndsWithASemicolon) {
  auto found = with_recipients(R"J(["Bộ GD&ĐT (để b/c)", "Các đơn vị trực thuộc;", "Lưu: VT, VP."])J", "ND30-NN-4");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].field, "recipients[0]");
  EXPECT_EQ(found[0].severity, Severity::Error);
  EXPECT_NE(found[0].hint.find("(để b/c);"), std::string::npos);
}

TEST(CheckClosing, TheLastLineEndsWithAFullStop) {
  auto found = with_recipients(R"(["Bộ GD&ĐT;", "Các đơn vị trực thuộc;", "Lưu: VT, VP;"])", "ND30-NN-5");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].field, "recipients[2]");
  EXPECT_NE(found[0].hint.find("Lưu: VT, VP."), std::string::npos);
}

TEST(CheckClosing, ALeadingDashWouldPrintTwice) {
  auto found = with_recipients(R"(["- Bộ GD&ĐT;", "Các đơn vị trực thuộc;", "Lưu: VT, VP."])", "ND30-NN-4");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].severity, Severity::Error);
}

TEST(CheckClosing, TheArchiveLineIsThereAndLast) {
  auto missing = with_recipients(R"(["Bộ GD&ĐT;", "Các đơn vị trực thuộc."])", "ND30-NN-5");
  ASSERT_EQ(missing.size(), 1u);
  EXPECT_EQ(missing[0].field, "recipients");
  auto early = with_recipients(R"(["Lưu: VT, VP;", "Các đơn vị trực thuộc."])", "ND30-NN-5");
  ASSERT_EQ(early.size(), 1u);
  EXPECT_EQ(early[0].field, "recipients[0]");
}

TEST(CheckClosing, TheArchiveLineReadsLuuVT) {
  auto message = [](const std::vector<Diagnostic>& found) { return found.size() == 1 ? found[0].message : listing(found); };
  EXPECT_NE(message(with_recipients(R"(["Bộ GD&ĐT;", "Lưu VT, VP."])", "ND30-NN-5")).find("colon"), std::string::npos);
  EXPECT_NE(message(with_recipients(R"(["Bộ GD&ĐT;", "Lưu: VP."])", "ND30-NN-5")).find("văn thư first"), std::string::npos);
  EXPECT_NE(message(with_recipients(R"(["Bộ GD&ĐT;", "Lưu: vt, VP."])", "ND30-NN-5")).find("capitals"), std::string::npos);
  auto comma = with_recipients(R"(["Bộ GD&ĐT;", "Lưu: VT VP."])", "ND30-NN-5");
  ASSERT_EQ(comma.size(), 1u);
  EXPECT_EQ(comma[0].severity, Severity::Warning);
  EXPECT_TRUE(with_recipients(R"(["Bộ GD&ĐT;", "Lưu: VT."])", "ND30-NN-5").empty());
  EXPECT_TRUE(with_recipients(R"(["Bộ GD&ĐT;", "Lưu: VT, KTKĐ (02b)."])", "ND30-NN-5").empty());
}

TEST(CheckClosing, NhuTrenNeedsRecipientsNamedAbove) {
  const std::string lines = R"(["Như trên;", "Lưu: VT, VP."])";
  auto found = with_recipients(lines, "ND30-NN-6");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].severity, Severity::Error);
  // A Báo cáo with a Kính gửi may say "Như trên".
  auto report = replaced(replaced(replaced(clean_plan(), kRecipients, lines), "\"ke-hoach\"", "\"bao-cao\""), "KH-SGDĐT",
                         "BC-SGDĐT");
  report = replaced(report, R"("subject": "Xây)", R"("kinh_gui": "Ủy ban nhân dân tỉnh Hòa Bình", "subject": "Xây)");
  auto fine = check_data(report, "bao-cao");
  EXPECT_TRUE(with_rule(fine, "ND30-NN-6").empty()) << listing(fine);
}

TEST(CheckClosing, KinhGuiLinesAreEndedByTheTemplate) {
  auto json = replaced(replaced(clean_plan(), "\"ke-hoach\"", "\"bao-cao\""), "KH-SGDĐT", "BC-SGDĐT");
  json = replaced(json, R"("subject": "Xây)",
                  R"("kinh_gui": ["Ủy ban nhân dân tỉnh Hòa Bình;", "Bộ Giáo dục và Đào tạo."], "subject": "Xây)");
  auto found = with_rule(check_data(json, "bao-cao"), "ND30-NN-2");
  ASSERT_EQ(found.size(), 2u) << listing(found);
  EXPECT_EQ(found[0].field, "kinh_gui[0]");
}

std::vector<Diagnostic> with_authority(const std::string& lines, const std::string& rule) {
  return with_rule(check_data(replaced(clean_plan(), R"(["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"])", lines)), rule);
}

TEST(CheckClosing, AuthorityPrefixesAreWrittenWithAFullStop) {
  auto found = with_authority(R"(["KT GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"])", "ND30-SIG-1");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].field, "signature.authority[0]");
  EXPECT_NE(found[0].hint.find("KT. GIÁM ĐỐC"), std::string::npos);
  EXPECT_EQ(with_authority(R"(["K/T GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"])", "ND30-SIG-1").size(), 1u);
  EXPECT_EQ(with_authority(R"(["Kt. Giám đốc", "PHÓ GIÁM ĐỐC"])", "ND30-SIG-1").size(), 1u);
  EXPECT_TRUE(with_authority(R"(["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"])", "ND30-SIG-1").empty());
}

TEST(CheckClosing, TMStandsBeforeABodyAndKTBeforeATitle) {
  auto tm = with_authority(R"(["TM. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"])", "ND30-SIG-1");
  ASSERT_EQ(tm.size(), 1u);
  EXPECT_NE(tm[0].hint.find("KT. GIÁM ĐỐC"), std::string::npos);
  auto kt = with_authority(R"(["KT. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"])", "ND30-SIG-1");
  ASSERT_EQ(kt.size(), 1u);
  EXPECT_NE(kt[0].hint.find("TM. ỦY BAN NHÂN DÂN"), std::string::npos);
}

TEST(CheckClosing, KTIsFollowedByTheDeputysTitle) {
  EXPECT_EQ(with_authority(R"(["KT. GIÁM ĐỐC"])", "ND30-SIG-2").size(), 1u);
  auto found = with_authority(R"(["KT. GIÁM ĐỐC", "CHÁNH VĂN PHÒNG"])", "ND30-SIG-1");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].severity, Severity::Warning);
  EXPECT_EQ(found[0].field, "signature.authority[1]");
}

TEST(CheckClosing, TheTemplatesPlaceholderForTheSignatureIsNotPrinted) {
  auto found = with_authority(
      R"J(["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "(Chữ ký của người có thẩm quyền, dấu/chữ ký số của cơ quan, tổ chức)"])J",
      "ND30-SIG-5");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].severity, Severity::Error);
  EXPECT_EQ(found[0].field, "signature.authority[2]");
}

TEST(CheckClosing, SignersNameHasACapitalAtEachSyllable) {
  auto found = with_rule(check_data(replaced(clean_plan(), "Nguyễn Văn Thắng", "Nguyễn văn thắng")), "ND30-CAP-2");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_NE(found[0].hint.find("Nguyễn Văn Thắng"), std::string::npos);
  EXPECT_EQ(with_rule(check_data(replaced(clean_plan(), "Nguyễn Văn Thắng", "NGUYỄN VĂN THẮNG")), "ND30-SIG-3").size(), 1u);
  EXPECT_EQ(with_rule(check_data(replaced(clean_plan(), "Nguyễn Văn Thắng", "TS. Nguyễn Văn Thắng")), "ND30-SIG-3").size(), 1u);
}

}  // namespace
}  // namespace vanban::test
