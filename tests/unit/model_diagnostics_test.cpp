// Every problem of a model in one run (issue #12, item 3): each with its file,
// line:column, field path and, for a misspelt name, "did you mean".
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/diagnostic.h"
#include "core/error.h"
#include "model/reader.h"
#include "model_test_helpers.h"

namespace {

using namespace vanban;

std::vector<Diagnostic> problems_of(const std::string& text, const std::string& name = "plan.json",
                                    const Limits& limits = {}) {
  return diagnostics_of(test::model_error(text, name, limits));
}

size_t errors_in(const std::vector<Diagnostic>& all) {
  size_t n = 0;
  for (const auto& d : all) n += d.severity == Severity::Error;
  return n;
}

// A valid model, one line per field so that each mistake has a line of its own.
const char* kPlan = R"({
  "issuing_agency": "SỞ GIÁO DỤC VÀ ĐÀO TẠO",
  "place": "Hòa Bình",
  "date": {"day": 5, "month": 3, "year": 2021},
  "subject": "Thi đua",
  "body": [
    {"type": "section", "label": "I", "title": "MỤC ĐÍCH"},
    {"type": "paragraph", "text": "Nội dung."}
  ],
  "signature_arrangement": "stacked",
  "signature": {"authority": "GIÁM ĐỐC", "signer_name": "Nguyễn Văn A"}
})";

std::string plan_with(std::vector<std::pair<std::string, std::string>> changes) {
  std::string text = kPlan;
  for (const auto& [from, to] : changes) {
    size_t at = text.find(from);
    EXPECT_NE(at, std::string::npos) << from;
    if (at != std::string::npos) text.replace(at, from.size(), to);
  }
  return text;
}

TEST(ModelDiagnostics, TwoTyposAreBothReportedWithPlaceFieldAndHint) {
  // "subjet" for "subject" and "signer_nam" for "signer_name": one run names both.
  auto all = problems_of(plan_with({{"\"subject\":", "\"subjet\":"}, {"\"signer_name\"", "\"signer_nam\""}}));
  ASSERT_EQ(errors_in(all), 3u);  // subjet, the subject it leaves missing, signer_nam
  EXPECT_EQ(all[0].file, "plan.json");
  EXPECT_EQ(all[0].line, 1);  // "subject" is missing: the document's object
  EXPECT_EQ(all[0].field, "subject");
  EXPECT_EQ(all[1].field, "subjet");
  EXPECT_EQ(all[1].line, 5);
  EXPECT_EQ(all[1].column, 3);
  EXPECT_EQ(all[1].message, "unknown field \"subjet\"");
  EXPECT_EQ(all[1].hint, "did you mean \"subject\"?");
  EXPECT_EQ(all[2].field, "signature.signer_nam");
  EXPECT_EQ(all[2].line, 11);
  EXPECT_EQ(all[2].column, 42);
  EXPECT_EQ(all[2].hint, "did you mean \"signer_name\"?");
  for (const auto& d : all) EXPECT_EQ(d.kind, ErrorKind::Model);
}

TEST(ModelDiagnostics, MistakesInSeveralFieldsAndBlocksAreAllReported) {
  auto all = problems_of(plan_with({{"\"month\": 3", "\"month\": 13"},
                                    {"\"type\": \"section\"", "\"type\": \"sectoin\""},
                                    {"\"type\": \"paragraph\", \"text\": \"Nội dung.\"", "\"type\": \"paragraph\", \"text\": 5"},
                                    {"\"stacked\"", "\"stakced\""}}));
  ASSERT_EQ(errors_in(all), 4u);
  EXPECT_EQ(all[0].field, "date.month");
  EXPECT_EQ(all[1].field, "body[0].type");
  EXPECT_EQ(all[1].hint, "did you mean \"section\"?");
  EXPECT_NE(all[1].message.find("unknown block type \"sectoin\""), std::string::npos);
  EXPECT_EQ(all[2].field, "body[1].text");
  EXPECT_EQ(all[3].field, "signature_arrangement");
  EXPECT_EQ(all[3].hint, "did you mean \"stacked\"?");
}

TEST(ModelDiagnostics, TheErrorIsTheFirstProblemAndCarriesTheOthers) {
  Error e = test::model_error(plan_with({{"\"place\":", "\"plce\":"}, {"\"signer_name\"", "\"signer_nam\""}}), "plan.json");
  EXPECT_EQ(e.kind(), ErrorKind::Model);
  EXPECT_EQ(e.field_path(), "place");  // missing, at the document's first line
  EXPECT_EQ(e.diagnostics().size(), 3u);
  EXPECT_EQ(e.diagnostics()[1].hint, "did you mean \"place\"?");
}

TEST(ModelDiagnostics, UnknownFieldWithNoNearNameListsTheFieldsOfThatPlace) {
  auto all = problems_of(plan_with({{"\"signer_name\"", "\"chu_ky\""}}));
  ASSERT_EQ(errors_in(all), 1u);
  EXPECT_EQ(all[0].hint, "the fields here are authority, signer_name");
}

TEST(ModelDiagnostics, ABadPartIsNotReportedAgainAsMissing) {
  // A title with a control character is one problem, not also "a section needs a title".
  auto all = problems_of(plan_with({{"\"MỤC ĐÍCH\"", "\"MỤC\\u0007\""}}));
  ASSERT_EQ(errors_in(all), 1u);
  EXPECT_EQ(all[0].field, "body[0].title");
  // A bad label leaves the block's children read: their mistakes are reported too.
  all = problems_of(plan_with({{"\"label\": \"I\", \"title\": \"MỤC ĐÍCH\"}",
                                "\"label\": \"I.\", \"title\": \"MỤC ĐÍCH\", \"content\": [{\"type\": \"dahs\", \"text\": \"x\"}]}"}}));
  ASSERT_EQ(errors_in(all), 2u);
  EXPECT_EQ(all[0].field, "body[0].label");
  EXPECT_EQ(all[1].field, "body[0].content[0].type");
  EXPECT_EQ(all[1].hint, "did you mean \"dash\"?");
}

TEST(ModelDiagnostics, EveryBadCellOfATableIsReported) {
  auto all = problems_of(plan_with({{"{\"type\": \"paragraph\", \"text\": \"Nội dung.\"}",
                                     "{\"type\": \"table\", \"columns\": [{}, {\"align\": \"centre\"}],\n"
                                     "     \"rows\": [[\"a\", {\"txt\": \"b\"}],\n"
                                     "              [\"c\", {\"text\": \"d\", \"colspan\": \"x\"}]]}"}}));
  ASSERT_EQ(errors_in(all), 3u);
  EXPECT_EQ(all[0].field, "body[1].columns[1].align");
  EXPECT_EQ(all[0].hint, "did you mean \"center\"?");
  EXPECT_EQ(all[1].field, "body[1].rows[0][1].txt");
  EXPECT_EQ(all[2].field, "body[1].rows[1][1].colspan");
}

TEST(ModelDiagnostics, AtMostFiftyErrorsAreListedAndTheRestCounted) {
  std::string extra;
  for (int i = 0; i < 60; ++i) extra += "  \"extra_" + std::to_string(i) + "\": 1,\n";
  auto all = problems_of(plan_with({{"  \"place\"", extra + "  \"place\""}}));
  ASSERT_EQ(all.size(), 51u);
  EXPECT_EQ(all[0].field, "extra_0");
  EXPECT_EQ(all[49].field, "extra_49");
  EXPECT_EQ(all[50].message, "10 more errors not shown (at most 50 are listed)");
}

TEST(ModelDiagnostics, AMillionBadBlocksAreNotReadToTheEnd) {
  // Past 1000 errors (50 listed, the rest counted) reading stops.
  std::string body;
  for (int i = 0; i < 1000000; ++i) body += i ? ",1" : "1";
  auto all = problems_of(plan_with({{"{\"type\": \"paragraph\", \"text\": \"Nội dung.\"}", body}}));
  ASSERT_EQ(all.size(), 51u);
  EXPECT_EQ(all[0].field, "body[1]");
  EXPECT_EQ(all[50].message, "950 more errors not shown (at most 50 are listed)");
}

TEST(ModelDiagnostics, PastTheNestingLimitReadingStops) {
  // Blocks nested past the limit: one error naming the limit, not one per level or block.
  std::string nested = "{\"type\": \"dash\", \"text\": \"x\"}";
  for (int i = 0; i < 30; ++i) nested = "{\"type\": \"dash\", \"text\": \"x\", \"content\": [" + nested + ", {\"type\": \"bad\"}]}";
  Limits limits;
  limits.max_nesting = 20;
  auto all = problems_of(plan_with({{"{\"type\": \"paragraph\", \"text\": \"Nội dung.\"}", nested}}), "plan.json", limits);
  ASSERT_EQ(errors_in(all), 1u);
  EXPECT_NE(all[0].message.find("limit max_nesting"), std::string::npos);
}

TEST(ModelDiagnostics, XmlModelReportsEveryMistakeToo) {
  const std::string xml = R"(<?xml version="1.0" encoding="UTF-8"?>
<document>
  <issuing_agency>SỞ GIÁO DỤC</issuing_agency>
  <place>Hòa Bình</place>
  <date month="3" year="2021"/>
  <subjct>Thi đua</subjct>
  <body>
    <paragraf>Nội dung.</paragraf>
  </body>
  <signature><authority>GIÁM ĐỐC</authority><signer_name>C</signer_name></signature>
</document>)";
  auto all = problems_of(xml, "plan.xml");
  ASSERT_EQ(errors_in(all), 3u);
  EXPECT_EQ(all[0].field, "subject");  // missing
  EXPECT_EQ(all[1].field, "subjct");
  EXPECT_EQ(all[1].line, 6);
  EXPECT_EQ(all[1].hint, "did you mean \"subject\"?");
  EXPECT_EQ(all[2].field, "body[0].type");
  EXPECT_EQ(all[2].line, 8);
  EXPECT_EQ(all[2].hint, "did you mean \"paragraph\"?");
}

TEST(ModelDiagnostics, XmlStructureMistakesAreReportedWithTheModelsOwn) {
  const std::string xml = R"(<?xml version="1.0" encoding="UTF-8"?>
<document>
  <issuing_agency>SỞ GIÁO DỤC</issuing_agency>
  <place>Hòa Bình</place>
  <date month="3" year="2021"/>
  <subject>Thi đua</subject>
  <recipients><li>Như trên;</li><item>Lưu: VT.</item></recipients>
  <body>
    lạc chỗ
    <paragraph>Nội dung.</paragraph>
    <sectoin title="MỤC"/>
  </body>
  <signature><authority>GIÁM ĐỐC</authority><signer_name>C</signer_name></signature>
</document>)";
  auto all = problems_of(xml, "plan.xml");
  ASSERT_EQ(errors_in(all), 3u);
  EXPECT_EQ(all[0].kind, ErrorKind::Syntax);
  EXPECT_EQ(all[0].line, 7);
  EXPECT_EQ(all[0].message, "expected <item> inside <recipients>");
  EXPECT_EQ(all[1].kind, ErrorKind::Syntax);
  EXPECT_EQ(all[1].line, 8);  // the text starts at the end of the line of <body>
  EXPECT_NE(all[1].message.find("text is not expected inside <body>"), std::string::npos) << all[1].message;
  EXPECT_EQ(all[2].kind, ErrorKind::Model);
  EXPECT_EQ(all[2].line, 11);
  EXPECT_EQ(all[2].hint, "did you mean \"section\"?");
}

TEST(ModelDiagnostics, SyntaxErrorsStillStopAtTheFirst) {
  auto all = problems_of("{\"place\": \"A\",, \"x\": }");
  ASSERT_EQ(all.size(), 1u);
  EXPECT_EQ(all[0].kind, ErrorKind::Syntax);
}

}  // namespace
