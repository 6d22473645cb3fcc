// The C API's diagnostic list (vanban_diagnostic_count/_get): every problem of the calling
// thread's last call on an engine, field by field, as a portal shows them.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "vanban/vanban.h"

namespace {

const std::string kSamples = std::string(VANBAN_SOURCE_DIR) + "/samples";

struct Engine {
  vanban_engine* e = nullptr;
  Engine() { EXPECT_EQ(vanban_engine_open(nullptr, nullptr, &e), VANBAN_OK) << vanban_errmsg(e); }
  ~Engine() { vanban_engine_close(e); }
};

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// A valid model, one field a line.
const std::string kPlan = R"({
  "issuing_agency": "SỞ GIÁO DỤC VÀ ĐÀO TẠO",
  "place": "Hòa Bình",
  "date": {"day": 5, "month": 3, "year": 2021},
  "subject": "Thi đua",
  "body": [{"type": "paragraph", "text": "Nội dung."}],
  "signature_arrangement": "stacked",
  "signature": {"authority": "GIÁM ĐỐC", "signer_name": "Nguyễn Văn A"}
})";

std::string with(std::string text, const std::string& from, const std::string& to) {
  text.replace(text.find(from), from.size(), to);
  return text;
}

// Two typos: "stakced" (line 7) and "signer_nam" (line 8).
const std::string kTwoTypos = with(with(kPlan, "\"stacked\"", "\"stakced\""), "\"signer_name\"", "\"signer_nam\"");

vanban_status validate(vanban_engine* e, const std::string& data, const char* tpl = "ke-hoach") {
  vanban_render_options o;
  vanban_render_options_init(&o);
  o.source_name = "plan.json";
  return vanban_validate(e, tpl, data.data(), data.size(), &o);
}

TEST(CApiDiagnostics, TwoTyposAreTwoDiagnosticsWithPlaceFieldAndHint) {
  Engine engine;
  ASSERT_EQ(validate(engine.e, kTwoTypos), VANBAN_EMODEL);
  ASSERT_EQ(vanban_diagnostic_count(engine.e), 2u);
  const vanban_diagnostic* first = vanban_diagnostic_get(engine.e, 0);
  const vanban_diagnostic* second = vanban_diagnostic_get(engine.e, 1);
  ASSERT_TRUE(first && second);
  EXPECT_EQ(first->severity, VANBAN_SEVERITY_ERROR);
  EXPECT_EQ(first->status, VANBAN_EMODEL);
  EXPECT_STREQ(first->file, "plan.json");
  EXPECT_EQ(first->line, 7);
  EXPECT_EQ(first->column, 28);
  EXPECT_STREQ(first->field, "signature_arrangement");
  EXPECT_STREQ(first->message, "expected \"side-by-side\" or \"stacked\", got \"stakced\"");
  EXPECT_STREQ(first->hint, "did you mean \"stacked\"?");
  EXPECT_STREQ(first->rule, "");
  EXPECT_EQ(second->line, 8);
  EXPECT_EQ(second->column, 42);
  EXPECT_STREQ(second->field, "signature.signer_nam");
  EXPECT_STREQ(second->message, "unknown field \"signer_nam\"");
  EXPECT_STREQ(second->hint, "did you mean \"signer_name\"?");
  EXPECT_EQ(vanban_diagnostic_get(engine.e, 2), nullptr);
  // vanban_errmsg stays the first error, with its hint.
  EXPECT_STREQ(vanban_errmsg(engine.e),
               "plan.json:7:28: signature_arrangement: expected \"side-by-side\" or \"stacked\", got \"stakced\" "
               "(did you mean \"stacked\"?)");
  EXPECT_EQ(vanban_error_line(engine.e), 7);
}

TEST(CApiDiagnostics, EachCallResetsTheList) {
  Engine engine;
  ASSERT_EQ(validate(engine.e, kTwoTypos), VANBAN_EMODEL);
  ASSERT_EQ(vanban_diagnostic_count(engine.e), 2u);
  // A successful call: no problem listed (the last error is kept, as documented).
  ASSERT_EQ(validate(engine.e, kPlan), VANBAN_OK);
  EXPECT_EQ(vanban_diagnostic_count(engine.e), 0u);
  EXPECT_EQ(vanban_diagnostic_get(engine.e, 0), nullptr);
  EXPECT_NE(std::string(vanban_errmsg(engine.e)), "");
  // A misuse is a diagnostic too, and replaces the list.
  ASSERT_EQ(validate(engine.e, kTwoTypos), VANBAN_EMODEL);
  ASSERT_EQ(vanban_validate(engine.e, nullptr, "x", 1, nullptr), VANBAN_EMISUSE);
  ASSERT_EQ(vanban_diagnostic_count(engine.e), 1u);
  EXPECT_EQ(vanban_diagnostic_get(engine.e, 0)->status, VANBAN_EMISUSE);
  EXPECT_STREQ(vanban_diagnostic_get(engine.e, 0)->message, "no template name or NULL data");
}

TEST(CApiDiagnostics, EachThreadSeesItsOwnList) {
  Engine engine;
  ASSERT_EQ(validate(engine.e, with(kPlan, "\"place\"", "\"plac\"")), VANBAN_EMODEL);
  size_t mine = vanban_diagnostic_count(engine.e);
  ASSERT_EQ(mine, 2u);  // "place" missing, "plac" unknown
  size_t theirs = 99, theirs_before = 99;
  std::string their_hint;
  std::thread other([&] {
    theirs_before = vanban_diagnostic_count(engine.e);
    validate(engine.e, kTwoTypos);
    theirs = vanban_diagnostic_count(engine.e);
    their_hint = vanban_diagnostic_get(engine.e, 1)->hint;
  });
  other.join();
  EXPECT_EQ(theirs_before, 0u);
  EXPECT_EQ(theirs, 2u);
  EXPECT_EQ(their_hint, "did you mean \"signer_name\"?");
  ASSERT_EQ(vanban_diagnostic_count(engine.e), mine);  // untouched by the other thread
  EXPECT_STREQ(vanban_diagnostic_get(engine.e, 1)->field, "plac");
  EXPECT_STREQ(vanban_diagnostic_get(engine.e, 1)->hint, "did you mean \"place\"?");
}

// A thread's record on an engine goes when the thread ends: a thread that starts later
// finds no error and no diagnostics, even where the system gives it the ended thread's id
// (glibc reuses them: threads started one after another get the same one), and a portal
// whose worker threads come and go keeps no record of those gone.
TEST(CApiDiagnostics, ARecordDoesNotOutliveItsThread) {
  Engine engine;
  for (int i = 0; i < 20; ++i) {
    std::string message = "unset";
    size_t count = 99;
    std::thread failing([&] { EXPECT_EQ(validate(engine.e, kTwoTypos), VANBAN_EMODEL); });
    failing.join();
    std::thread later([&] {
      message = vanban_errmsg(engine.e);
      count = vanban_diagnostic_count(engine.e);
    });
    later.join();
    EXPECT_EQ(message, "") << "thread " << i;
    EXPECT_EQ(count, 0u) << "thread " << i;
  }
}

TEST(CApiDiagnostics, AnUnknownTemplateSuggestsTheNearest) {
  Engine engine;
  ASSERT_EQ(validate(engine.e, kPlan, "ke-hoac"), VANBAN_ETEMPLATE);
  ASSERT_EQ(vanban_diagnostic_count(engine.e), 1u);
  const vanban_diagnostic* d = vanban_diagnostic_get(engine.e, 0);
  EXPECT_EQ(d->status, VANBAN_ETEMPLATE);
  EXPECT_STREQ(d->hint, "did you mean \"ke-hoach\"?");
  EXPECT_NE(std::string(d->message).find("the templates there are"), std::string::npos) << d->message;
}

TEST(CApiDiagnostics, EveryFailedRowOfABatchIsADiagnostic) {
  Engine engine;
  const std::string list = read_file(kSamples + "/danh-sach-khen-thuong.csv");
  vanban_batch_options o;
  vanban_batch_options_init(&o);
  o.source_name = "danh-sach.csv";
  o.creation_date = "2021-03-05";
  unsigned char* out = nullptr;
  size_t size = 0, rows = 0, failed = 0;
  ASSERT_EQ(vanban_batch(engine.e, "giay-khen", list.data(), list.size(), &o, &out, &size, &rows, &failed),
            VANBAN_EPARTIAL);
  vanban_free(out);
  ASSERT_EQ(failed, 2u);
  std::vector<const vanban_diagnostic*> errors;
  for (size_t i = 0; i < vanban_diagnostic_count(engine.e); ++i) {
    const vanban_diagnostic* d = vanban_diagnostic_get(engine.e, i);
    if (d->severity == VANBAN_SEVERITY_ERROR) errors.push_back(d);
  }
  ASSERT_EQ(errors.size(), 2u);
  EXPECT_STREQ(errors[0]->file, "danh-sach.csv");
  EXPECT_EQ(errors[0]->line, 8);
  EXPECT_EQ(errors[0]->column, 2);
  EXPECT_EQ(std::string(errors[0]->field).rfind("row 8", 0), 0u) << errors[0]->field;
  EXPECT_NE(std::string(errors[0]->field).find("ho_ten"), std::string::npos) << errors[0]->field;
  EXPECT_STREQ(errors[0]->message, "the name is missing");
  EXPECT_EQ(errors[1]->line, 9);
  EXPECT_NE(std::string(errors[1]->field).find("ngay_quyet_dinh"), std::string::npos) << errors[1]->field;
}

vanban_status check(vanban_engine* e, const std::string& data, const char* name) {
  vanban_render_options o;
  vanban_render_options_init(&o);
  o.source_name = name;
  return vanban_check(e, "ke-hoach", data.data(), data.size(), &o);
}

TEST(CApiDiagnostics, CheckListsEveryFindingWithItsRule) {
  Engine engine;
  // The 2021 plan: warnings only (the jump from III to V among them), so VANBAN_OK.
  ASSERT_EQ(check(engine.e, read_file(kSamples + "/ke-hoach-hoa-binh-2021.json"), "plan.json"), VANBAN_OK)
      << vanban_errmsg(engine.e);
  size_t count = vanban_diagnostic_count(engine.e);
  ASSERT_GT(count, 0u);
  bool jump = false;
  for (size_t i = 0; i < count; ++i) {
    const vanban_diagnostic* d = vanban_diagnostic_get(engine.e, i);
    EXPECT_EQ(d->severity, VANBAN_SEVERITY_WARNING);
    EXPECT_EQ(d->status, VANBAN_OK);
    EXPECT_STREQ(d->file, "plan.json");
    jump = jump || std::string(d->rule) == "ND30-NUM-7";
  }
  EXPECT_TRUE(jump);
  // Mistakes: VANBAN_EMODEL, the first error as the thread's error, every finding listed.
  ASSERT_EQ(check(engine.e, read_file(std::string(VANBAN_SOURCE_DIR) + "/tests/data/check/so-ky-hieu.json"),
                  "so-ky-hieu.json"),
            VANBAN_EMODEL);
  const vanban_diagnostic* first = vanban_diagnostic_get(engine.e, 0);
  ASSERT_NE(first, nullptr);
  EXPECT_STREQ(first->rule, "ND30-SO-2");
  EXPECT_EQ(first->severity, VANBAN_SEVERITY_ERROR);
  EXPECT_EQ(first->status, VANBAN_EMODEL);
  EXPECT_EQ(first->line, 6);
  EXPECT_STREQ(first->field, "number.number");
  EXPECT_EQ(vanban_error_line(engine.e), 6);
  EXPECT_EQ(std::string(vanban_errmsg(engine.e)).rfind("so-ky-hieu.json:6:15: number.number: ", 0), 0u)
      << vanban_errmsg(engine.e);
  size_t rules = 0;
  for (size_t i = 0; i < vanban_diagnostic_count(engine.e); ++i) rules += *vanban_diagnostic_get(engine.e, i)->rule != 0;
  EXPECT_GE(rules, 4u);  // ND30-SO-2, ND30-TYPE-2, ND30-SO-3, ND30-SO-4 (tests/data/check/expected.txt)
  // Data that is no model: the reader's status and its problems, as for a render.
  ASSERT_EQ(check(engine.e, kTwoTypos, "plan.json"), VANBAN_EMODEL);
  ASSERT_EQ(vanban_diagnostic_count(engine.e), 2u);
  EXPECT_STREQ(vanban_diagnostic_get(engine.e, 1)->hint, "did you mean \"signer_name\"?");
}

TEST(CApiDiagnostics, TheWarningsOfASuccessfulCallAreListed) {
  // The name column typed with .VnTime (TCVN3), the unit with VNI-Times, in a UTF-8 list:
  // converted, the call succeeds, and each column's warning is in the list.
  const std::string list =
      "STT,Họ và tên,Giới tính,Chức vụ,Đơn vị,Thành tích,Số quyết định,Ngày quyết định\n"
      "1,NguyÔn V¨n Th¾ng,Nam,Giáo viên,Tröôøng Tieåu hoïc Höõu Nghò,Đã có thành tích xuất sắc,125/QĐ-SGDĐT,15/5/2022\n";
  Engine engine;
  vanban_batch_options o;
  vanban_batch_options_init(&o);
  o.source_name = "legacy.csv";
  o.creation_date = "2022-05-15";
  unsigned char* out = nullptr;
  size_t size = 0, rows = 0, failed = 0;
  ASSERT_EQ(vanban_batch(engine.e, "giay-khen", list.data(), list.size(), &o, &out, &size, &rows, &failed), VANBAN_OK)
      << vanban_errmsg(engine.e);
  vanban_free(out);
  ASSERT_EQ(vanban_diagnostic_count(engine.e), 2u);
  const vanban_diagnostic* name = vanban_diagnostic_get(engine.e, 0);
  EXPECT_EQ(name->severity, VANBAN_SEVERITY_WARNING);
  EXPECT_EQ(name->status, VANBAN_OK);
  EXPECT_STREQ(name->message, "column \"Họ và tên\" was typed in TCVN3 (ABC) and has been converted");
  EXPECT_NE(std::string(vanban_diagnostic_get(engine.e, 1)->message).find("VNI"), std::string::npos);
  // The next call starts a new list.
  ASSERT_EQ(validate(engine.e, kPlan), VANBAN_OK);
  EXPECT_EQ(vanban_diagnostic_count(engine.e), 0u);
}

TEST(CApiDiagnostics, NoEngineNoList) {
  EXPECT_EQ(vanban_diagnostic_count(nullptr), 0u);
  EXPECT_EQ(vanban_diagnostic_get(nullptr, 0), nullptr);
}

}  // namespace
