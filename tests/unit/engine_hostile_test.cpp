// Hostile and careless input to the engine and the command: failures in worker threads,
// threads that cannot start, devices given as files, templates reaching outside their
// directory, tables too wide for the page, numbers and dates that are not, and nothing
// invalid in a PDF operator. Each ends in an error (or fewer threads), never an abort.
#include <gtest/gtest.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <new>
#include <string>

#include "cli_harness.h"
#include "core/parallel.h"
#include "pdf/pdf_writer.h"
#include "vanban/engine.h"

namespace {

namespace fs = std::filesystem;

using vanban::test::kSanitized;
using vanban::test::Dir;
using vanban::test::q;
using vanban::test::Result;
using vanban::test::run;

const std::string kSource = VANBAN_SOURCE_DIR;
const std::string kCli = VANBAN_CLI;
const std::string kPlan = kSource + "/samples/ke-hoach-hoa-binh-2021.json";
const std::string kList = kSource + "/samples/danh-sach-khen-thuong.csv";

// Runs `body` in a child process and returns its exit code, or -signal when it was
// killed (an abort is -SIGABRT).
template <typename Body>
int in_child(Body body) {
  pid_t pid = fork();
  if (pid == 0) {
    int code = 99;
    try {
      code = body();
    } catch (...) {
      code = 98;
    }
    _exit(code);
  }
  int status = 0;
  waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -WTERMSIG(status);
}

// The process's address space now, in bytes.
size_t address_space() {
  std::ifstream statm("/proc/self/statm");
  size_t pages = 0;
  statm >> pages;
  return pages * static_cast<size_t>(sysconf(_SC_PAGESIZE));
}

vanban::EngineOptions engine_options() {
  vanban::EngineOptions options;
  vanban::DataDirs dirs = vanban::default_data_dirs();
  options.template_dirs.push_back(dirs.templates);
  options.font_manifest = dirs.fonts + "/fonts.xml";
  return options;
}

const vanban::Engine& engine() {
  static const vanban::Engine e(engine_options());
  return e;
}

// --- worker threads ---------------------------------------------------------------------

TEST(Hostile, AWorkerThreadsFailureIsRethrownOnTheCallingThread) {
  std::atomic<size_t> next{0}, done{0};
  auto work = [&] {
    for (size_t i; (i = next.fetch_add(1)) < 1000;) {
      if (i == 500) throw std::bad_alloc();
      ++done;
    }
  };
  // Before, the exception left a std::thread and ended the process (std::terminate).
  EXPECT_EQ(in_child([&] {
              try {
                vanban::run_parallel(8, work);
              } catch (const std::bad_alloc&) {
                return 0;
              }
              return 1;
            }),
            0);
}

TEST(Hostile, ThreadsThatCannotStartLeaveTheWorkToThoseThatDid) {
  if (kSanitized) GTEST_SKIP() << "an address-space limit under AddressSanitizer";
  // 64 threads' stacks do not fit in 24 MB more address space: most cannot start.
  int code = in_child([] {
    rlimit limit{address_space() + (24u << 20), address_space() + (24u << 20)};
    if (setrlimit(RLIMIT_AS, &limit) != 0) return 2;
    std::atomic<size_t> next{0}, done{0};
    vanban::run_parallel(64, [&] {
      for (size_t i; (i = next.fetch_add(1)) < 10000;) ++done;
    });
    return done == 10000 ? 0 : 1;
  });
  EXPECT_EQ(code, 0);
}

// A list too large for the memory the process may have: every outcome is an exit with a
// message (the certificates, or "out of memory"), never a signal, however many threads
// could start and wherever the memory ran out.
TEST(Hostile, OutOfMemoryInABatchIsAMessageNotAnAbort) {
  if (kSanitized) GTEST_SKIP() << "an address-space limit under AddressSanitizer";
  Dir dir("vanban-hostile");
  std::string list = "Họ và tên,Đơn vị\n";
  for (int i = 0; i < 4000; ++i) list += "Nguyễn Văn An " + std::to_string(i) + ",Phòng Tổ chức cán bộ\n";
  std::string path = dir.write("l.csv", list);
  // Memory runs out in the list reader, a worker's layout (HarfBuzz, ICU), zlib or the
  // PDF writer, depending on the limit; no row is reported as failed for it.
  for (int kb = 180000; kb <= 460000; kb += 10000) {
    Result r = run("(ulimit -v " + std::to_string(kb) + "; " + kCli + " batch giay-khen " + q(path) + " -o " +
                   q(dir.file("o.pdf")) + " --jobs 64 --date 2021-03-05 2>&1; echo status=$?)");
    const bool made = r.output.find("4000 certificates, 0 rows failed\nstatus=0") != std::string::npos;
    const bool refused = r.output.find("error: out of memory") != std::string::npos &&
                         r.output.find("status=1") != std::string::npos;
    EXPECT_TRUE(made || refused) << kb << " KB: " << r.output;
  }
}

// --- input files --------------------------------------------------------------------------

TEST(Hostile, ADeviceIsNeitherATemplateNorData) {
  Dir dir("vanban-hostile");
  Result t = run("timeout 20 " + kCli + " render /dev/zero " + q(kPlan) + " -o " + q(dir.file("o.pdf")));
  EXPECT_EQ(t.status, 1) << t.output;
  EXPECT_NE(t.output.find("/dev/zero: the template is not a regular file"), std::string::npos) << t.output;
  Result d = run("timeout 20 " + kCli + " render ke-hoach /dev/zero -o " + q(dir.file("o.pdf")));
  EXPECT_EQ(d.status, 1) << d.output;
  EXPECT_NE(d.output.find("/dev/zero: is not a regular file"), std::string::npos) << d.output;
  Result l = run("timeout 20 " + kCli + " batch giay-khen " + q(dir.path.string()) + " -o " + q(dir.file("o.pdf")));
  EXPECT_EQ(l.status, 1) << l.output;
  EXPECT_NE(l.output.find("is a directory"), std::string::npos) << l.output;
  Result i = run("timeout 20 " + kCli + " batch giay-khen " + q(kList) + " --emblem /dev/zero -o " + q(dir.file("o.pdf")));
  EXPECT_EQ(i.status, 1) << i.output;
  EXPECT_NE(i.output.find("/dev/zero: is not a regular file"), std::string::npos) << i.output;
  // A FIFO with no writer: refused at once, not waited on.
  ASSERT_EQ(run("mkfifo " + q(dir.file("fifo.json"))).status, 0);
  Result f = run("timeout 20 " + kCli + " render ke-hoach " + q(dir.file("fifo.json")) + " -o " + q(dir.file("o.pdf")));
  EXPECT_EQ(f.status, 1) << f.output;
  EXPECT_NE(f.output.find("fifo.json: is not a regular file"), std::string::npos) << f.output;
  EXPECT_FALSE(fs::exists(dir.file("o.pdf")));
}

TEST(Hostile, AnInputLargerThanTheLimitIsRefusedBeforeItIsRead) {
  Dir dir("vanban-hostile");
  Result r = run(kCli + " render ke-hoach " + q(kPlan) + " -o " + q(dir.file("o.pdf")) + " --max-input-bytes 1000");
  EXPECT_EQ(r.status, 1) << r.output;
  EXPECT_NE(r.output.find("max_input_bytes"), std::string::npos) << r.output;
  vanban::Limits limits;
  limits.max_input_bytes = 100;
  EXPECT_THROW(vanban::read_input_file(kPlan, limits), vanban::Error);
  EXPECT_EQ(vanban::read_input_file(kPlan, vanban::Limits{}).size(), fs::file_size(kPlan));
}

// --- templates ------------------------------------------------------------------------

// A certificate template in dir/mine extending giay-khen by name, with `attributes` on
// its <certificate>.
std::string certificate_template(const Dir& dir, const std::string& extends, const std::string& attributes) {
  fs::create_directories(dir.path / "mine");
  return dir.write("mine/gk.xml", "<template name=\"gk\" extends=\"" + extends + "\">\n  <certificate " + attributes +
                                      "/>\n</template>\n");
}

// Loading a template checks where its images are, not what they hold.
const std::string kPng = "not read";

TEST(Hostile, ATemplateNamesNoImageOutsideItsDirectory) {
  Dir dir("vanban-hostile");
  std::string outside = dir.write("seal.png", kPng);
  std::string tpl = certificate_template(dir, "giay-khen", "seal=\"../seal.png\"");
  try {
    engine().load_template(tpl);
    ADD_FAILURE() << "a template named a file outside its directory";
  } catch (const vanban::Error& e) {
    EXPECT_EQ(e.kind(), vanban::ErrorKind::Template);
    EXPECT_NE(e.message().find("outside the template's directory"), std::string::npos) << e.message();
    EXPECT_EQ(e.line(), 2);
  }
  // Nor through a symbolic link beside it.
  fs::create_symlink(outside, dir.path / "mine" / "link.png");
  tpl = certificate_template(dir, "giay-khen", "seal=\"link.png\"");
  EXPECT_THROW(engine().load_template(tpl), vanban::Error);
  // An absolute path is outside too.
  tpl = certificate_template(dir, "giay-khen", "seal=\"" + outside + "\"");
  EXPECT_THROW(engine().load_template(tpl), vanban::Error);
  // A file beside it is fine; and when asked, so is one outside.
  fs::copy_file(outside, dir.path / "mine" / "seal.png");
  tpl = certificate_template(dir, "giay-khen", "seal=\"seal.png\"");
  EXPECT_EQ(engine().load_template(tpl).certificate.seal_path, (dir.path / "mine" / "seal.png").string());
  vanban::EngineOptions options = engine_options();
  options.allow_template_paths = true;
  vanban::Engine permissive(options);
  tpl = certificate_template(dir, "giay-khen", "seal=\"../seal.png\"");
  EXPECT_EQ(permissive.load_template(tpl).certificate.seal_path, outside);
}

TEST(Hostile, ATemplateExtendsNoFileOutsideItsDirectory) {
  Dir dir("vanban-hostile");
  fs::copy_file(kSource + "/templates/nd30.xml", dir.file("base.xml"));
  std::string tpl = certificate_template(dir, "../base.xml", "issuer=\"X\"");
  try {
    engine().load_template(tpl);
    ADD_FAILURE() << "a template extended a file outside its directory";
  } catch (const vanban::Error& e) {
    EXPECT_NE(e.message().find("lies outside the template's directory"), std::string::npos) << e.message();
  }
  // The command line says the same, and lets it with --allow-template-paths.
  Result r = run(kCli + " render " + q(tpl) + " " + q(kPlan) + " -o " + q(dir.file("o.pdf")));
  EXPECT_EQ(r.status, 1) << r.output;
  EXPECT_NE(r.output.find("outside the template's directory"), std::string::npos) << r.output;
  vanban::EngineOptions options = engine_options();
  options.allow_template_paths = true;
  EXPECT_NO_THROW(vanban::Engine(options).load_template(tpl));
  // By name, a template in the template directories is fine (giay-khen above).
  EXPECT_NO_THROW(engine().load_template(certificate_template(dir, "giay-khen", "issuer=\"X\"")));
}

TEST(Hostile, ATemplateNameIsNoLinkLeadingOutOfItsDirectory) {
  Dir dir("vanban-hostile");
  fs::create_directories(dir.path / "templates");
  fs::copy_file(kSource + "/templates/giay-khen.xml", dir.file("elsewhere.xml"));
  fs::create_symlink(dir.file("elsewhere.xml"), dir.path / "templates" / "trap.xml");
  vanban::EngineOptions options = engine_options();
  options.template_dirs.insert(options.template_dirs.begin(), (dir.path / "templates").string());
  vanban::Engine e(options);
  try {
    e.load_template("trap");
    ADD_FAILURE() << "a link in a template directory led outside it";
  } catch (const vanban::Error& err) {
    EXPECT_NE(err.message().find("link leading outside"), std::string::npos) << err.message();
  }
}

TEST(Hostile, ATableTooWideForThePageIsAnErrorNamingTheTemplate) {
  Dir dir("vanban-hostile");
  std::string columns;
  for (int i = 0; i < 500; ++i) columns += "<column name=\"c" + std::to_string(i) + "\" title=\"C\"/>";
  std::string tpl = dir.write("rong.xml", "<template name=\"rong\" extends=\"nd30\" layout=\"form\">\n<form title=\"T\">\n"
                                          "<table name=\"bang\" label=\"B\">" + columns + "</table>\n</form>\n</template>\n");
  try {
    engine().lay_out(engine().load_template(tpl), "", "", true);
    ADD_FAILURE() << "500 columns were laid out";
  } catch (const vanban::Error& e) {
    EXPECT_NE(e.message().find("the table \"bang\" of template \"rong\" has 500 columns: too wide"), std::string::npos)
        << e.message();
    EXPECT_EQ(e.file(), tpl);
    EXPECT_EQ(e.line(), 3);
  }
  // The command says so and writes nothing.
  Result r = run(kCli + " render " + q(tpl) + " --blank -o " + q(dir.file("o.pdf")));
  EXPECT_EQ(r.status, 1) << r.output;
  EXPECT_FALSE(fs::exists(dir.file("o.pdf")));
  // Eight columns fit.
  std::string eight;
  for (int i = 0; i < 8; ++i) eight += "<column name=\"c" + std::to_string(i) + "\" title=\"C\"/>";
  std::string fits = dir.write("hep.xml", "<template name=\"hep\" extends=\"nd30\" layout=\"form\">\n<form title=\"T\">\n"
                                          "<table name=\"bang\" label=\"B\">" + eight + "</table>\n</form>\n</template>\n");
  EXPECT_NO_THROW(engine().lay_out(engine().load_template(fits), "", "", true));
}

// --- numbers, options and dates ----------------------------------------------------------

TEST(Hostile, NoNonFiniteNumberReachesAPdfOperator) {
  vanban::layout::Page page;
  page.rules.push_back(vanban::layout::Rule{NAN, 10, 20, 10, 1, {}});
  EXPECT_THROW(vanban::pdf::write_pdf({page}, {}, {}), vanban::Error);
  page.rules.back() = vanban::layout::Rule{INFINITY, 10, 20, 10, 1, {}};
  EXPECT_THROW(vanban::pdf::write_pdf({page}, {}, {}), vanban::Error);
  page.rules.back() = vanban::layout::Rule{1e300, 10, 20, 10, 1, {}};
  EXPECT_THROW(vanban::pdf::write_pdf({page}, {}, {}), vanban::Error);
  page.rules.back() = vanban::layout::Rule{10, 10, 20, 10, 1, {}};
  EXPECT_NO_THROW(vanban::pdf::write_pdf({page}, {}, {}));
}

TEST(Hostile, BatchOptionsAreChecked) {
  vanban::BatchOptions options;
  EXPECT_NO_THROW(vanban::check_batch_options(options));
  for (double bad : {static_cast<double>(NAN), static_cast<double>(INFINITY), -200.0}) {
    options = {};
    options.certificate.offset_x = bad;
    EXPECT_THROW(vanban::check_batch_options(options), vanban::Error) << bad;
    options = {};
    options.certificate.offset_y = bad;
    EXPECT_THROW(vanban::check_batch_options(options), vanban::Error) << bad;
  }
  for (int jobs : {0, -1, 257, 1 << 30}) {
    options = {};
    options.jobs = jobs;
    EXPECT_THROW(vanban::check_batch_options(options), vanban::Error) << jobs;
  }
  // The engine checks them before reading the list.
  options = {};
  options.certificate.offset_x = NAN;
  std::string out;
  EXPECT_THROW(engine().certificates_file(engine().load_template("giay-khen"), "Họ và tên\nAn\n", "l.csv", options, {},
                                          vanban::OutputFormat::Pdf, out),
               vanban::Error);
  EXPECT_THROW(engine().certificates_file(engine().load_template("giay-khen"), "Họ và tên\nAn\n", "l.csv", options, {},
                                          vanban::OutputFormat::Docx, out),
               vanban::Error);
}

TEST(Hostile, TheCommandChecksItsNumbers) {
  Dir dir("vanban-hostile");
  const std::string batch = kCli + " batch giay-khen " + q(kList) + " -o " + q(dir.file("o.pdf")) + " ";
  for (const char* bad : {"--jobs 99999999999", "--jobs 0", "--jobs -3", "--jobs 4x", "--jobs ''", "--jobs 257",
                          "--offset-x nan", "--offset-x inf", "--offset-y -inf", "--offset-x 60", "--offset-y 1e400",
                          "--offset-x ''", "--max-rows 0", "--max-columns -1", "--max-image-side 1e3",
                          "--max-rows 18446744073709551616"}) {
    Result r = run(batch + bad);
    EXPECT_EQ(r.status, 2) << bad << ": " << r.output;
  }
  EXPECT_FALSE(fs::exists(dir.file("o.pdf")));
  Result ok = run(batch + "--jobs 256 --offset-x -50 --offset-y 12.5 --print-on-blank --date 2021-03-05");
  EXPECT_EQ(ok.status, 3) << ok.output;  // the sample's two bad rows
}

TEST(Hostile, ImpossibleDatesAreRefused) {
  using vanban::pdf_date_from_iso;
  EXPECT_EQ(pdf_date_from_iso("2024-02-29"), "D:20240229000000Z");
  EXPECT_EQ(pdf_date_from_iso("2021-12-31T23:59:59-05:30"), "D:20211231235959-05'30'");
  EXPECT_EQ(pdf_date_from_iso("D:20210305083000Z"), "D:20210305083000Z");
  EXPECT_EQ(pdf_date_from_iso("D:2021"), "D:20210101000000Z");
  for (const char* bad : {"2021-02-30", "2023-02-29", "2021-13-01", "2021-00-10", "2021-04-31", "2021-03-05T25:00",
                          "2021-03-05T23:60", "2021-03-05T08:00:61", "2021-03-05T08:00+15:00",
                          "2021-03-05T08:00+07:99", "2021-03-05T08:00+0700", "2021-03-05junk", "0000-01-01",
                          "D:20210230", "D:2021030525", "D:20210305083000+07'00'junk", "D:) Tj", "D:"}) {
    EXPECT_THROW(pdf_date_from_iso(bad), vanban::Error) << bad;
  }
  // The command refuses them before doing anything (usage error), for DOCX too.
  Dir dir("vanban-hostile");
  for (const char* out : {"o.pdf", "o.docx"}) {
    Result r = run(kCli + " render ke-hoach " + q(kPlan) + " -o " + q(dir.file(out)) + " --date 2021-02-30");
    EXPECT_EQ(r.status, 2) << r.output;
    EXPECT_NE(r.output.find("not a real date"), std::string::npos) << r.output;
    EXPECT_FALSE(fs::exists(dir.file(out)));
  }
  for (const char* epoch : {"abc", "-5", "99999999999999999999", "253402300800"}) {
    Result r = run(std::string("SOURCE_DATE_EPOCH=") + q(epoch) + " " + kCli + " render ke-hoach " + q(kPlan) + " -o " +
                   q(dir.file("o.pdf")));
    EXPECT_EQ(r.status, 2) << epoch << ": " << r.output;
    EXPECT_NE(r.output.find("SOURCE_DATE_EPOCH"), std::string::npos) << r.output;
  }
  Result epoch = run("SOURCE_DATE_EPOCH=1614933000 " + kCli + " render ke-hoach " + q(kPlan) + " -o " + q(dir.file("o.pdf")));
  EXPECT_EQ(epoch.status, 0) << epoch.output;
  vanban::RenderOptions render;
  render.creation_date = "2021-02-30";
  EXPECT_THROW(engine().render_docx(engine().load_template("ke-hoach"), vanban::test::read_bytes(kPlan), kPlan, render),
               vanban::Error);
}

}  // namespace
