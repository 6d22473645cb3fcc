// The command line of issue #12: help per command, exit statuses, every problem printed,
// --format json for scripts, messages in Vietnamese when the locale is Vietnamese (and
// numbers read the C way whatever the locale).
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <regex>
#include <string>

#include "cli_harness.h"

namespace {

using nlohmann::json;
using vanban::test::Dir;
using vanban::test::q;
using vanban::test::read_bytes;
using vanban::test::Result;
using vanban::test::run;

const std::string kSource = VANBAN_SOURCE_DIR;
const std::string kCli = VANBAN_CLI;
const std::string kPlan = kSource + "/samples/ke-hoach-hoa-binh-2021.json";
const std::string kList = kSource + "/samples/danh-sach-khen-thuong.csv";
// English whatever the machine's locale; Vietnamese through LANGUAGE with a UTF-8 C locale.
const std::string kEnglish = "LC_ALL=C.UTF-8 LANGUAGE= ";
const std::string kVietnamese = "LC_ALL=C.UTF-8 LANGUAGE=vi ";

// stdout alone (stderr dropped).
Result out_only(const std::string& command) { return run("(" + command + ") 2>/dev/null"); }

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

TEST(Cli, HelpListsEveryCommandOnOneLineAndEveryExitStatus) {
  Result r = run(kEnglish + kCli + " --help");
  ASSERT_EQ(r.status, 0) << r.output;
  for (const char* line : {"\n  render      write a document (PDF, DOCX or SVG pages) from a template and its data\n",
                           "\n  validate    ", "\n  batch       ", "\n  decision    ",
                           "\n  check       check a document's content against the rules of Decree 30\n",
                           "\n  templates   list the templates: name and kind\n", "\n  0  done\n",
                           "\n  1  the data, template or fonts are wrong", "\n  2  usage error",
                           "\n  3  batch, decision: some rows failed (the others were produced)\n"}) {
    EXPECT_TRUE(has(r.output, line)) << line << "\n" << r.output;
  }
  EXPECT_EQ(run(kEnglish + kCli + " help").output, r.output);
  EXPECT_EQ(run(kEnglish + kCli + " -h").output, r.output);
}

TEST(Cli, EachCommandHasItsOwnHelp) {
  Result batch = run(kEnglish + kCli + " help batch");
  ASSERT_EQ(batch.status, 0) << batch.output;
  EXPECT_EQ(run(kEnglish + kCli + " batch --help").output, batch.output);
  EXPECT_TRUE(has(batch.output, "usage: vanban batch <certificate-template>")) << batch.output;
  EXPECT_TRUE(has(batch.output, "--jobs N")) << batch.output;
  EXPECT_TRUE(has(batch.output, "\n  3  ")) << "batch tells of exit status 3";
  EXPECT_FALSE(has(batch.output, "--decision ")) << "decision's option is not batch's";

  Result render = run(kEnglish + kCli + " render --help");
  ASSERT_EQ(render.status, 0) << render.output;
  EXPECT_TRUE(has(render.output, "--blank")) << render.output;
  EXPECT_FALSE(has(render.output, "--jobs")) << render.output;
  EXPECT_FALSE(has(render.output, "\n  3  ")) << "render never exits 3";

  Result check = run(kEnglish + kCli + " help check");
  EXPECT_TRUE(has(check.output, "\n  0  no errors (warnings may have been printed)\n")) << check.output;
  EXPECT_TRUE(has(check.output, "\n  1  errors found")) << check.output;
  EXPECT_TRUE(has(run(kEnglish + kCli + " help decision").output, "--decision FILE"));
  EXPECT_TRUE(has(run(kEnglish + kCli + " help templates").output, "--template-dir DIR"));

  Result unknown = run(kEnglish + kCli + " help frobnicate");
  EXPECT_EQ(unknown.status, 2) << unknown.output;
  EXPECT_TRUE(has(unknown.output, "unknown command \"frobnicate\"")) << unknown.output;
}

TEST(Cli, UsageMistakesExit2WithTheCommandsSynopsis) {
  Dir dir("vanban-cli");
  Result r = run(kEnglish + kCli + " render ke-hoach " + q(kPlan) + " -o " + q(dir.file("o.pdf")) + " --jobs 4");
  EXPECT_EQ(r.status, 2) << r.output;
  EXPECT_TRUE(has(r.output, "--jobs is not an option of render (vanban help render lists them)")) << r.output;
  EXPECT_TRUE(has(r.output, "usage: vanban render <template>")) << r.output;
  EXPECT_FALSE(std::filesystem::exists(dir.file("o.pdf"))) << "nothing written";

  Result value = run(kEnglish + kCli + " batch giay-khen " + q(kList) + " -o " + q(dir.file("o.pdf")) + " --jobs=0");
  EXPECT_EQ(value.status, 2) << value.output;
  EXPECT_TRUE(has(value.output, "--jobs takes a whole number from 1 to 256, not \"0\"")) << value.output;
  Result none = run(kEnglish + kCli);
  EXPECT_EQ(none.status, 2) << none.output;
  EXPECT_TRUE(has(none.output, "no command given")) << none.output;
}

TEST(Cli, FormatJsonGivesOneDocumentWithEveryRowErrorAndTheResult) {
  Dir dir("vanban-cli");
  Result r = out_only(kEnglish + kCli + " batch giay-khen " + q(kList) + " -o " + q(dir.file("gk.pdf")) +
                      " --date 2022-01-01 --format json");
  ASSERT_EQ(r.status, 3) << r.output;
  json doc = json::parse(r.output);  // nothing else on stdout
  EXPECT_EQ(doc["command"], "batch");
  EXPECT_EQ(doc["status"], 3);
  EXPECT_EQ(doc["errors"], 2);
  ASSERT_EQ(doc["diagnostics"].size(), 2u) << doc.dump(1);
  const json& first = doc["diagnostics"][0];
  EXPECT_EQ(first["severity"], "error");
  EXPECT_EQ(first["kind"], "model");
  EXPECT_EQ(first["file"], kList);
  EXPECT_EQ(first["line"], 8);
  EXPECT_EQ(first["column"], 2);
  EXPECT_TRUE(has(first["field"].get<std::string>(), "ho_ten")) << first;
  EXPECT_EQ(first["message"], "the name is missing");
  for (const char* key : {"rule", "hint"}) EXPECT_TRUE(first.contains(key)) << key;
  EXPECT_EQ(doc["result"]["rows"], 9);
  EXPECT_EQ(doc["result"]["produced"], 7);
  EXPECT_EQ(doc["result"]["failed"], 2);
  EXPECT_EQ(doc["result"]["output"], dir.file("gk.pdf"));
  EXPECT_EQ(doc["result"]["errors_csv"], dir.file("gk.pdf.errors.csv"));
  EXPECT_EQ(vanban::test::pdf_page_count(dir.file("gk.pdf")), 7);
}

TEST(Cli, FormatJsonOnRenderValidateAndAMistake) {
  Dir dir("vanban-cli");
  Result ok = out_only(kEnglish + kCli + " render ke-hoach " + q(kPlan) + " -o " + q(dir.file("p.pdf")) +
                       " --date 2021-03-05 --format json");
  ASSERT_EQ(ok.status, 0) << ok.output;
  json doc = json::parse(ok.output);
  EXPECT_EQ(doc["status"], 0);
  EXPECT_EQ(doc["errors"], 0);
  EXPECT_TRUE(doc["diagnostics"].empty());
  EXPECT_EQ(doc["result"]["output"], dir.file("p.pdf"));
  EXPECT_EQ(doc["result"]["format"], "pdf");

  Result valid = out_only(kEnglish + kCli + " validate ke-hoach " + q(kPlan) + " --format json");
  ASSERT_EQ(valid.status, 0) << valid.output;
  EXPECT_EQ(json::parse(valid.output)["result"]["pages"], 8);

  const std::string bad = dir.write("bad.json", "{\"template\": \"ke-hoach\",\n  \"title\": 12\n");
  Result broken = out_only(kEnglish + kCli + " render ke-hoach " + q(bad) + " -o " + q(dir.file("b.pdf")) +
                           " --format json");
  ASSERT_EQ(broken.status, 1) << broken.output;
  json err = json::parse(broken.output);
  EXPECT_EQ(err["status"], 1);
  EXPECT_GE(err["errors"].get<int>(), 1);
  EXPECT_EQ(err["diagnostics"][0]["file"], bad);
  EXPECT_EQ(err["diagnostics"][0]["kind"], "syntax");
  EXPECT_GT(err["diagnostics"][0]["line"].get<int>(), 0);
  EXPECT_TRUE(err["result"].is_null());

  Result usage = out_only(kEnglish + kCli + " render ke-hoach " + q(kPlan) + " --format json");
  ASSERT_EQ(usage.status, 2) << usage.output;
  json u = json::parse(usage.output);
  EXPECT_EQ(u["command"], "render");
  EXPECT_EQ(u["diagnostics"][0]["kind"], "usage");
  EXPECT_EQ(u["diagnostics"][0]["message"], "render needs -o <out.pdf|out.docx|out.svg>");
}

TEST(Cli, MessagesAndHelpInVietnameseWhenTheLocaleIsVietnamese) {
  Result help = run(kVietnamese + kCli + " --help");
  ASSERT_EQ(help.status, 0) << help.output;
  EXPECT_TRUE(has(help.output, "cách dùng: vanban <lệnh> <tham số> [tùy chọn]")) << help.output;
  EXPECT_TRUE(has(help.output, "\n  3  batch, decision: có dòng bị lỗi (các dòng còn lại đã được in)\n")) << help.output;
  EXPECT_TRUE(has(help.output, "mã thoát:")) << help.output;
  EXPECT_FALSE(has(help.output, "usage:")) << help.output;
  EXPECT_TRUE(has(run(kVietnamese + kCli + " help batch").output, "dàn trang trên N luồng (1-256, mặc định 2)"));

  // The engine's messages too, and the command's own lines.
  Dir dir("vanban-cli");
  Result batch = run(kVietnamese + kCli + " batch giay-khen " + q(kList) + " -o " + q(dir.file("gk.pdf")) +
                     " --date 2022-01-01");
  EXPECT_EQ(batch.status, 3) << batch.output;
  EXPECT_TRUE(has(batch.output, "vanban: lỗi: " + kList + ":8:2: ")) << batch.output;
  EXPECT_TRUE(has(batch.output, ":8:2: dòng 8 (STT 7), ho_ten: thiếu họ và tên\n")) << batch.output;
  EXPECT_TRUE(has(batch.output, "\"31/2/2022\" không phải là ngày (dd/mm/yyyy)")) << batch.output;
  EXPECT_TRUE(has(batch.output, "7 giấy khen, 2 dòng lỗi")) << batch.output;
  Result usage = run(kVietnamese + kCli + " render ke-hoach " + q(kPlan));
  EXPECT_EQ(usage.status, 2);
  EXPECT_TRUE(has(usage.output, "lệnh render cần -o <out.pdf|out.docx|out.svg>")) << usage.output;

  // The same in English.
  Result english = run(kEnglish + kCli + " batch giay-khen " + q(kList) + " -o " + q(dir.file("gk.pdf")) +
                       " --date 2022-01-01");
  EXPECT_TRUE(has(english.output, "vanban: error: " + kList + ":8:2: row 8 (STT 7), ho_ten: the name is missing\n"))
      << english.output;
  EXPECT_TRUE(has(english.output, "7 certificates, 2 rows failed")) << english.output;
}

// A Vietnamese locale writes numbers "12,5": the command still reads "--offset-x 12.5",
// and the PDF is the same byte for byte as in the C locale.
TEST(Cli, NumbersAndOutputDoNotDependOnTheLocale) {
  Dir dir("vanban-cli");
  ASSERT_EQ(run("locale -a | grep -qix 'vi_VN.utf-\\?8'").status, 0)
      << "the vi_VN.UTF-8 locale is missing: bash .ci/setup generates it (localedef -i vi_VN -f UTF-8 vi_VN.UTF-8)";
  const std::string args = " batch giay-khen " + q(kList) + " --date 2022-01-01 --print-on-blank --offset-x 12.5 -o ";
  Result vi = run("LC_ALL=vi_VN.UTF-8 " + kCli + args + q(dir.file("vi.pdf")));
  EXPECT_EQ(vi.status, 3) << vi.output;
  Result c = run("LC_ALL=C " + kCli + args + q(dir.file("c.pdf")));
  EXPECT_EQ(c.status, 3) << c.output;
  const std::string pdf = read_bytes(dir.file("vi.pdf"));
  EXPECT_FALSE(pdf.empty());
  EXPECT_TRUE(pdf == read_bytes(dir.file("c.pdf"))) << "the locale changed the PDF";
  Result plan = run("LC_ALL=vi_VN.UTF-8 " + kCli + " render ke-hoach " + q(kPlan) + " --date 2021-03-05 -o " +
                    q(dir.file("plan-vi.pdf")));
  ASSERT_EQ(plan.status, 0) << plan.output;
  run("LC_ALL=C " + kCli + " render ke-hoach " + q(kPlan) + " --date 2021-03-05 -o " + q(dir.file("plan-c.pdf")));
  EXPECT_TRUE(read_bytes(dir.file("plan-vi.pdf")) == read_bytes(dir.file("plan-c.pdf")));
}

// `vanban check`: every finding on stdout as "file:line:column: field: severity: message
// [rule] (hint)", a count, exit 1 only when there are errors.
TEST(Cli, CheckPrintsEveryFindingAndFailsOnlyOnErrors) {
  Result plan = run(kEnglish + kCli + " check ke-hoach " + q(kPlan));
  EXPECT_EQ(plan.status, 0) << "warnings only: " << plan.output;
  EXPECT_TRUE(has(plan.output, kPlan + ":190:16: body[6].label: warning: the numbering jumps from III to V")) << plan.output;
  EXPECT_TRUE(has(plan.output, "[ND30-NUM-7]")) << plan.output;
  EXPECT_TRUE(has(plan.output, kPlan + ": 0 errors, 4 warnings\n")) << plan.output;

  const std::string bad = kSource + "/tests/data/check/so-ky-hieu.json";
  Result r = run(kEnglish + kCli + " check ke-hoach " + q(bad));
  EXPECT_EQ(r.status, 1) << r.output;
  EXPECT_TRUE(has(r.output, bad + ":6:15: number.number: error: the number 5 is below 10")) << r.output;
  EXPECT_TRUE(has(r.output, "[ND30-SO-2] (write \"05\")\n")) << r.output;
  EXPECT_TRUE(has(r.output, bad + ": 3 errors, 1 warnings\n")) << r.output;

  Result j = out_only(kEnglish + kCli + " check ke-hoach " + q(bad) + " --format json");
  EXPECT_EQ(j.status, 1) << j.output;
  json doc = json::parse(j.output);
  EXPECT_EQ(doc["command"], "check");
  EXPECT_EQ(doc["errors"], 3);
  EXPECT_EQ(doc["warnings"], 1);
  ASSERT_EQ(doc["diagnostics"].size(), 4u);
  const json& first = doc["diagnostics"][0];
  EXPECT_EQ(first["severity"], "error");
  EXPECT_EQ(first["rule"], "ND30-SO-2");
  EXPECT_EQ(first["file"], bad);
  EXPECT_EQ(first["line"], 6);
  EXPECT_EQ(first["column"], 15);
  EXPECT_EQ(first["field"], "number.number");
  EXPECT_EQ(first["hint"], "write \"05\"");
  int warnings = 0;
  for (const auto& d : doc["diagnostics"]) warnings += d["severity"] == "warning";
  EXPECT_EQ(warnings, 1);

  Result vi = run(kVietnamese + kCli + " check ke-hoach " + q(bad));
  EXPECT_TRUE(has(vi.output, "number.number: lỗi: số 5 nhỏ hơn 10: Nghị định 30 ghi thêm số 0 phía trước [ND30-SO-2] "
                             "(hãy ghi \"05\")")) << vi.output;
  EXPECT_TRUE(has(vi.output, ": 3 lỗi, 1 cảnh báo\n")) << vi.output;

  // Data that cannot be read is an error of the run, not a finding.
  Dir dir("vanban-cli");
  Result broken = run(kEnglish + kCli + " check ke-hoach " + q(dir.write("b.json", "{")));
  EXPECT_EQ(broken.status, 1) << broken.output;
  EXPECT_TRUE(has(broken.output, "vanban: error: " + dir.file("b.json") + ":")) << broken.output;
}

// `vanban templates`: a line per template, its name then its kind; --template-dir first.
TEST(Cli, TemplatesListsEveryNameWithItsKind) {
  Result r = run(kEnglish + kCli + " templates");
  ASSERT_EQ(r.status, 0) << r.output;
  for (const char* line : {"\nke-hoach +Kế hoạch\n", "\ngiay-khen +Giấy khen\n", "\nphu-luc-1 +Phụ lục 1\n",
                           "\nquyet-dinh +Quyết định \\(Mẫu 1.2\\)\n", "\ncong-van +Công văn\n"}) {
    EXPECT_TRUE(std::regex_search("\n" + r.output, std::regex(line))) << line << "\n" << r.output;
  }
  Result j = out_only(kEnglish + kCli + " templates --format json");
  ASSERT_EQ(j.status, 0) << j.output;
  json doc = json::parse(j.output);
  bool plan = false;
  for (const auto& t : doc["result"]["templates"]) {
    if (t["name"] != "ke-hoach") continue;
    plan = true;
    EXPECT_EQ(t["kind"], "Kế hoạch");
    EXPECT_TRUE(t["path"].get<std::string>().ends_with("templates/ke-hoach.xml")) << t;
  }
  EXPECT_TRUE(plan) << j.output;

  // A directory given with --template-dir is searched first: its template is listed.
  Dir dir("vanban-cli");
  std::filesystem::copy_file(kSource + "/templates/ke-hoach.xml", dir.file("ke-hoach-rieng.xml"));
  Result own = run(kEnglish + kCli + " templates --template-dir " + q(dir.path.string()));
  EXPECT_TRUE(std::regex_search(own.output, std::regex("(^|\n)ke-hoach-rieng +Kế hoạch\n"))) << own.output;
  EXPECT_EQ(run(kEnglish + kCli + " templates extra").status, 2);
}

// A model with two misspelt fields: every problem in one run, each with its place and hint.
TEST(Cli, EveryProblemOfTheDataIsPrinted) {
  Dir dir("vanban-cli");
  std::string model = read_bytes(kPlan);
  for (auto [from, to] : {std::pair{"\"issuing_agency\":", "\"issuing_agncy\":"}, std::pair{"\"place\":", "\"plac\":"}}) {
    model.replace(model.find(from), std::string(from).size(), to);
  }
  const std::string path = dir.write("two.json", model);
  Result r = run(kEnglish + kCli + " render ke-hoach " + q(path) + " -o " + q(dir.file("o.pdf")));
  EXPECT_EQ(r.status, 1) << r.output;
  EXPECT_TRUE(has(r.output, "vanban: error: " + path + ":4:3: issuing_agncy: unknown field \"issuing_agncy\" (did you "
                            "mean \"issuing_agency\"?)\n")) << r.output;
  EXPECT_TRUE(has(r.output, "vanban: error: " + path + ":11:3: plac: unknown field \"plac\" (did you mean \"place\"?)\n"))
      << r.output;
  EXPECT_FALSE(std::filesystem::exists(dir.file("o.pdf")));

  json doc = json::parse(out_only(kEnglish + kCli + " validate ke-hoach " + q(path) + " --format json").output);
  EXPECT_EQ(doc["status"], 1);
  EXPECT_EQ(doc["errors"], doc["diagnostics"].size());
  bool plac = false;
  for (const auto& d : doc["diagnostics"]) {
    if (d["field"] != "plac") continue;
    plac = true;
    EXPECT_EQ(d["line"], 11);
    EXPECT_EQ(d["column"], 3);
    EXPECT_EQ(d["hint"], "did you mean \"place\"?");
  }
  EXPECT_TRUE(plac) << doc.dump(1);

  Result vi = run(kVietnamese + kCli + " validate ke-hoach " + q(path));
  EXPECT_TRUE(has(vi.output, "vanban: lỗi: " + path + ":11:3: plac: không có trường \"plac\" (có phải ý bạn là \"place\"?)"))
      << vi.output;
}

// validate prints the warnings render would: form records in Windows-1258 are read (and
// said to be), exit 0.
TEST(Cli, ValidatePrintsWarnings) {
  Dir dir("vanban-cli");
  const std::string records = dir.file("records-1258.csv");
  ASSERT_EQ(run("iconv -f UTF-8 -t CP1258 " + q(kSource + "/samples/phu-luc-1-200-truong.csv") + " > " + q(records)).status, 0);
  Result r = run(kEnglish + kCli + " validate phu-luc-1 " + q(records));
  EXPECT_EQ(r.status, 0) << r.output;
  EXPECT_TRUE(has(r.output, "vanban: warning: " + records + ": the file is not UTF-8; it was read as Windows-1258"))
      << r.output;
  json doc = json::parse(out_only(kEnglish + kCli + " validate phu-luc-1 " + q(records) + " --format json").output);
  EXPECT_EQ(doc["status"], 0);
  EXPECT_EQ(doc["warnings"], 1);
}

// Warnings (a column typed with a legacy Vietnamese font, converted) are printed and stop
// nothing: the certificates are made, exit 0; in JSON they are diagnostics of severity
// "warning". A failed row names its STT.
TEST(Cli, WarningsArePrintedAndDoNotStopTheBatch) {
  Dir dir("vanban-cli");
  const std::string header = "STT,Họ và tên,Giới tính,Chức vụ,Đơn vị,Thành tích,Số quyết định,Ngày quyết định\n";
  const std::string list = dir.write(
      "l.csv", header + "1,NguyÔn V¨n Th¾ng,Nam,Giáo viên,Trường Tiểu học Hữu Nghị,Đã có thành tích xuất sắc,"
                        "125/QĐ-SGDĐT,15/5/2022\n");
  Result r = run(kEnglish + kCli + " batch giay-khen " + q(list) + " -o " + q(dir.file("gk.pdf")) + " --date 2022-01-01");
  EXPECT_EQ(r.status, 0) << r.output;
  EXPECT_TRUE(has(r.output, "vanban: warning: ")) << r.output;
  EXPECT_TRUE(has(r.output, "column \"Họ và tên\" was typed in TCVN3 (ABC) and has been converted")) << r.output;
  EXPECT_TRUE(has(r.output, "1 certificates, 0 rows failed")) << r.output;
  EXPECT_EQ(vanban::test::pdf_page_count(dir.file("gk.pdf")), 1);

  json doc = json::parse(out_only(kEnglish + kCli + " batch giay-khen " + q(list) + " -o " + q(dir.file("gk2.pdf")) +
                                  " --date 2022-01-01 --format json").output);
  EXPECT_EQ(doc["status"], 0);
  EXPECT_EQ(doc["errors"], 0);
  EXPECT_EQ(doc["warnings"], 1);
  ASSERT_EQ(doc["diagnostics"].size(), 1u);
  EXPECT_EQ(doc["diagnostics"][0]["severity"], "warning");
  Result vi = run(kVietnamese + kCli + " batch giay-khen " + q(list) + " -o " + q(dir.file("gk3.pdf")));
  EXPECT_TRUE(has(vi.output, "vanban: cảnh báo: ")) << vi.output;
  EXPECT_TRUE(has(vi.output, "cột \"Họ và tên\" được gõ bằng bảng mã TCVN3 (ABC) và đã được chuyển đổi")) << vi.output;

  // A row without a name: its error names the STT the clerk looks for, in JSON too.
  const std::string bad = dir.write("bad.csv", header + "7,,Nam,Giáo viên,Trường A,Tốt,125/QĐ-SGDĐT,15/5/2022\n"
                                                        "8,Lê Văn Bình,Nam,Giáo viên,Trường A,Tốt,125/QĐ-SGDĐT,15/5/2022\n");
  json rows = json::parse(out_only(kEnglish + kCli + " batch giay-khen " + q(bad) + " -o " + q(dir.file("b.pdf")) +
                                   " --format json").output);
  EXPECT_EQ(rows["status"], 3);
  ASSERT_EQ(rows["diagnostics"].size(), 1u) << rows.dump(1);
  EXPECT_EQ(rows["diagnostics"][0]["stt"], "7");
  EXPECT_EQ(rows["diagnostics"][0]["line"], 2);
  EXPECT_TRUE(has(rows["diagnostics"][0]["field"].get<std::string>(), "STT 7")) << rows.dump(1);
}

}  // namespace
