// Output hygiene of `vanban batch` and the engine: nothing left behind when the command
// is interrupted, the error report always that of the last run, files of a directory not
// replaced unless asked, names safe on Windows, DOCX batches streamed.
#include <gtest/gtest.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <fcntl.h>
#include <sstream>
#include <filesystem>
#include <string>
#include <set>
#include <thread>
#include <vector>

#include "cli_harness.h"
#include "core/file_io.h"
#include "core/raster_image.h"
#include "docx/docx_writer.h"
#include "model/recipient_list.h"
#include "vanban/engine.h"

extern char** environ;

namespace {

namespace fs = std::filesystem;
using vanban::test::Dir;
using vanban::test::q;
using vanban::test::Result;
using vanban::test::run;

const std::string kSource = VANBAN_SOURCE_DIR;
const std::string kCli = VANBAN_CLI;

std::vector<std::string> temporaries(const fs::path& dir) {
  std::vector<std::string> out;
  for (const auto& e : fs::directory_iterator(dir)) {
    std::string n = e.path().filename().string();
    if (n.rfind(".vanban-tmp-", 0) == 0) out.push_back(n);
  }
  return out;
}

// A list of `n` people (tests/bench/make_recipients.py), made in `dir`.
std::string big_list(const Dir& dir, int n) {
  std::string list = dir.file("list.csv");
  Result r = run("/usr/bin/python3 " + q(kSource + "/tests/bench/make_recipients.py") + " " + std::to_string(n) + " " + q(list));
  EXPECT_EQ(r.status, 0) << r.output;
  return list;
}

// Starts `vanban batch` (its signals at their defaults, output to /dev/null), waits for
// its temporary file to appear in `dir`, sends `sig`, and returns the wait status.
int batch_interrupted(const std::string& list, const fs::path& dir, const std::string& out, int sig) {
  posix_spawnattr_t attr;
  posix_spawnattr_init(&attr);
  sigset_t defaults;
  sigemptyset(&defaults);
  for (int s : {SIGINT, SIGTERM, SIGHUP}) sigaddset(&defaults, s);
  posix_spawnattr_setsigdefault(&attr, &defaults);
  posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGDEF);
  posix_spawn_file_actions_t files;
  posix_spawn_file_actions_init(&files);
  posix_spawn_file_actions_addopen(&files, 1, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addopen(&files, 2, "/dev/null", O_WRONLY, 0);
  std::vector<std::string> args{kCli, "batch", "giay-khen", list, "-o", out, "--jobs", "1"};
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  pid_t pid = 0;
  EXPECT_EQ(posix_spawn(&pid, kCli.c_str(), &files, &attr, argv.data(), environ), 0);
  posix_spawn_file_actions_destroy(&files);
  posix_spawnattr_destroy(&attr);
  // The temporary, and some of the output in it.
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  for (;;) {
    auto names = temporaries(dir);
    std::error_code ec;
    if (!names.empty() && fs::file_size(dir / names[0], ec) > 100000) break;
    if (std::chrono::steady_clock::now() > deadline) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  EXPECT_FALSE(temporaries(dir).empty()) << "the batch was writing";
  kill(pid, sig);
  int status = 0;
  waitpid(pid, &status, 0);
  return status;
}

TEST(OutputHygiene, InterruptingTheCommandLeavesNoTemporaryAndTheOldFile) {
  Dir dir("vanban-out");
  const std::string list = big_list(dir, 20000);
  fs::create_directories(dir.path / "out");
  const std::string out = dir.file("out/giay-khen.pdf");
  std::ofstream(out) << "the old output";
  for (int sig : {SIGINT, SIGTERM, SIGHUP}) {
    int status = batch_interrupted(list, dir.path / "out", out, sig);
    EXPECT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == sig) << "ended by the signal " << sig << ": " << status;
    EXPECT_TRUE(temporaries(dir.path / "out").empty()) << sig;
    EXPECT_EQ(vanban::file_io::read_file(out), "the old output");
  }
  // SIGKILL cannot be caught: the temporary stays, and the next write into the
  // directory removes it (its process is gone).
  int status = batch_interrupted(list, dir.path / "out", out, SIGKILL);
  EXPECT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);
  EXPECT_EQ(temporaries(dir.path / "out").size(), 1u);
  Result r = run(kCli + " batch giay-khen " + q(kSource + "/samples/danh-sach-khen-thuong.csv") + " -o " + q(dir.file("out/small.pdf")));
  EXPECT_EQ(r.status, 3) << r.output;
  EXPECT_TRUE(temporaries(dir.path / "out").empty());
  EXPECT_EQ(vanban::file_io::read_file(out), "the old output");
}

TEST(OutputHygiene, TheRenameIsMadeDurableBySyncingTheDirectory) {
  if (run("command -v strace").status != 0) GTEST_SKIP() << "strace is not installed";
  Dir dir("vanban-out");
  const std::string out = dir.file("plan.pdf"), log = dir.file("strace.log");
  // LeakSanitizer cannot work under ptrace: in the sanitizer build, leaks are not counted here.
  Result r = run("ASAN_OPTIONS=\"${ASAN_OPTIONS}:detect_leaks=0\" strace -f -e trace=rename,openat,fsync -o " + q(log) +
                 " " + kCli + " render ke-hoach " +
                 q(kSource + "/samples/ke-hoach-hoa-binh-2021.json") + " -o " + q(out) + " --date 2021-03-05");
  ASSERT_EQ(r.status, 0) << r.output;
  // After the rename onto plan.pdf: the directory opened, and that descriptor synced.
  std::istringstream lines(vanban::test::read_bytes(log));
  std::string line, dir_fd;
  bool renamed = false, synced = false;
  while (std::getline(lines, line)) {
    if (!renamed) {
      renamed = line.find("rename(") != std::string::npos && line.find("plan.pdf\")") != std::string::npos;
    } else if (dir_fd.empty() && line.find("O_DIRECTORY") != std::string::npos) {
      dir_fd = line.substr(line.rfind("= ") + 2);
    } else if (!dir_fd.empty() && line.find("fsync(" + dir_fd + ")") != std::string::npos) {
      synced = true;
    }
  }
  EXPECT_TRUE(renamed) << vanban::test::read_bytes(log);
  EXPECT_TRUE(synced) << vanban::test::read_bytes(log);
}

// One file per row: files put in place a group at a time (api/certificate_files.cpp), each
// renamed only after its bytes were synced, the directory synced after the renames and
// before the batch ends — once per group, not once per file.
TEST(OutputHygiene, FilesOfADirectoryAreSyncedBeforeTheirRenameAndTheDirectoryOncePerGroup) {
  if (run("command -v strace").status != 0) GTEST_SKIP() << "strace is not installed";
  Dir dir("vanban-out");
  const std::string list = big_list(dir, 200), each = dir.file("each") + "/", log = dir.file("trace");
  // One log per thread (-ff), descriptors with their paths (-y): the thread that commits
  // syncs, renames and syncs the directory.
  Result r = run("ASAN_OPTIONS=\"${ASAN_OPTIONS}:detect_leaks=0\" strace -ff -y -e trace=fdatasync,fsync,syncfs,renameat2 -o " +
                 q(log) + " " + kCli + " batch giay-khen " + q(list) + " -o " + q(each) + " --date 2022-05-15");
  ASSERT_EQ(r.status, 0) << r.output;
  size_t renames = 0, directory_syncs = 0;
  for (const auto& e : fs::directory_iterator(dir.path)) {
    if (e.path().filename().string().rfind("trace.", 0) != 0) continue;
    std::istringstream lines(vanban::test::read_bytes(e.path().string()));
    std::set<std::string> synced;
    bool renamed_since_directory_sync = false, file_system_synced = false;
    for (std::string line; std::getline(lines, line);) {
      // fdatasync(5</tmp/…/each/.vanban-tmp-123-AbCdEf>) = 0; syncfs(5</tmp/…>) = 0: the
      // whole file system, every file staged before it (Linux 5.8 and later).
      size_t tmp = line.find(".vanban-tmp-");
      if (line.rfind("fdatasync(", 0) == 0 && tmp != std::string::npos) {
        synced.insert(line.substr(tmp, line.find('>', tmp) - tmp));
      } else if (line.rfind("syncfs(", 0) == 0 && line.find(") = 0") != std::string::npos) {
        file_system_synced = true;
      } else if (line.rfind("renameat2(", 0) == 0 && tmp != std::string::npos) {
        const std::string name = line.substr(tmp, line.find('"', tmp) - tmp);
        EXPECT_TRUE(synced.count(name) || file_system_synced) << "renamed before its bytes were synced: " << line;
        ++renames;
        renamed_since_directory_sync = true;
      } else if (line.rfind("fsync(", 0) == 0 && line.find("/each>") != std::string::npos) {
        ++directory_syncs;
        renamed_since_directory_sync = false;
        file_system_synced = false;  // the next group syncs again
        synced.clear();
      }
    }
    EXPECT_FALSE(renamed_since_directory_sync) << "the last renames are followed by a sync of the directory";
  }
  EXPECT_EQ(renames, 200u);
  EXPECT_GE(directory_syncs, 1u);
  EXPECT_LE(directory_syncs, 200u / 4) << "the directory is synced once per group, not once per file";
  EXPECT_EQ(std::distance(fs::directory_iterator(each), fs::directory_iterator()), 200);
}

// Rows whose file is there already are refused before their file is made: no temporary
// is written for them (and the run takes no longer than laying them out).
TEST(OutputHygiene, RowsWhoseFileExistsAreRefusedBeforeTheirFileIsMade) {
  if (run("command -v strace").status != 0) GTEST_SKIP() << "strace is not installed";
  Dir dir("vanban-out");
  const std::string list = big_list(dir, 50), each = dir.file("each") + "/", log = dir.file("trace");
  ASSERT_EQ(run(kCli + " batch giay-khen " + q(list) + " -o " + q(each) + " --date 2022-05-15").status, 0);
  Result r = run("ASAN_OPTIONS=\"${ASAN_OPTIONS}:detect_leaks=0\" strace -f -e trace=openat -o " + q(log) + " " + kCli +
                 " batch giay-khen " + q(list) + " -o " + q(each) + " --date 2022-05-15");
  EXPECT_EQ(r.status, 1) << r.output;
  EXPECT_NE(r.output.find("0 certificates, 50 rows failed"), std::string::npos) << r.output;
  // One temporary: errors.csv's, the report of the 50 rows.
  std::istringstream lines(vanban::test::read_bytes(log));
  int made = 0;
  for (std::string line; std::getline(lines, line);) {
    made += line.find(".vanban-tmp-") != std::string::npos && line.find("O_CREAT") != std::string::npos;
  }
  EXPECT_EQ(made, 1) << "no file was made for a kept row";
}

TEST(OutputHygiene, TheErrorReportIsThatOfTheLastRun) {
  Dir dir("vanban-out");
  const std::string bad = kSource + "/samples/danh-sach-khen-thuong.csv";
  const std::string good = dir.write("good.csv", "Họ và tên,Giới tính\nBùi Thị Lan,Nữ\n");
  const std::string out = dir.file("out.pdf");
  EXPECT_EQ(run(kCli + " batch giay-khen " + q(bad) + " -o " + q(out)).status, 3);
  ASSERT_TRUE(fs::exists(out + ".errors.csv"));
  Result r = run(kCli + " batch giay-khen " + q(good) + " -o " + q(out));
  EXPECT_EQ(r.status, 0) << r.output;
  EXPECT_FALSE(fs::exists(out + ".errors.csv")) << "a report of an earlier run does not survive a clean one";
  // The same into a directory (its report is errors.csv there).
  const std::string each = dir.file("each") + "/";
  EXPECT_EQ(run(kCli + " batch giay-khen " + q(bad) + " -o " + q(each)).status, 3);
  ASSERT_TRUE(fs::exists(each + "errors.csv"));
  EXPECT_EQ(run(kCli + " batch giay-khen " + q(good) + " -o " + q(each) + " --name '{ho_ten}' --overwrite").status, 0);
  EXPECT_FALSE(fs::exists(each + "errors.csv"));
}

TEST(OutputHygiene, AFileAlreadyInTheDirectoryIsKeptUnlessOverwriteIsAsked) {
  Dir dir("vanban-out");
  const std::string list = dir.write("l.csv", "Họ và tên,Giới tính\nBùi Thị Lan,Nữ\nLê Văn Tám,Nam\n");
  const std::string each = dir.file("each") + "/";
  fs::create_directories(each);
  std::ofstream(each + "1-Bùi Thị Lan.pdf") << "a file the office keeps";
  Result r = run(kCli + " batch giay-khen " + q(list) + " -o " + q(each));
  EXPECT_EQ(r.status, 3) << r.output;  // one row made, one failed
  EXPECT_NE(r.output.find("1-Bùi Thị Lan.pdf already exists"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("l.csv:2:"), std::string::npos) << "the row is named: " << r.output;
  EXPECT_EQ(vanban::file_io::read_file(each + "1-Bùi Thị Lan.pdf"), "a file the office keeps");
  EXPECT_TRUE(fs::exists(each + "2-Lê Văn Tám.pdf"));
  EXPECT_NE(vanban::file_io::read_file(each + "errors.csv").find("already exists"), std::string::npos);
  // Again: now both files are there.
  EXPECT_EQ(run(kCli + " batch giay-khen " + q(list) + " -o " + q(each)).status, 1);
  r = run(kCli + " batch giay-khen " + q(list) + " -o " + q(each) + " --overwrite");
  EXPECT_EQ(r.status, 0) << r.output;
  EXPECT_EQ(vanban::file_io::read_file(each + "1-Bùi Thị Lan.pdf").substr(0, 5), "%PDF-");
  EXPECT_FALSE(fs::exists(each + "errors.csv"));
}

std::string name_of(const std::string& value) {
  vanban::model::ListRow row;
  row.row = 7;
  row.fields["ho_ten"] = value;
  return vanban::certificate_file_name("{ho_ten}", row, 3);
}

TEST(OutputHygiene, FileNamesAreSafeOnWindows) {
  for (const char* device : {"CON", "con", "Prn", "AUX", "NUL", "nul.txt", "COM1", "com9", "LPT1", "lpt5.tar.gz",
                             "COM¹", "CONIN$", "Nul ", "aux .pdf"}) {
    EXPECT_EQ(name_of(device).front(), '_') << device << " -> " << name_of(device);
  }
  for (const char* fine : {"CONSOLE", "COM10", "Công", "NULL", "AUXILIARY", "LPT"}) EXPECT_EQ(name_of(fine), fine);
  // Bidi controls and other invisible format characters are dropped: the name shows
  // what it is ("gpj.exe" reversed by U+202E would pass for an image).
  EXPECT_EQ(name_of("An\u202Egpj.exe"), "Angpj.exe");
  EXPECT_EQ(name_of("\u2066Lan\u2069 \u200Fx\u200E\u061C\u200B\u00AD"), "Lan x");
  // Trailing dots and spaces (Windows drops them), leading ones, controls, reserved signs.
  EXPECT_EQ(name_of("Bình ... "), "Bình");
  EXPECT_EQ(name_of(". .hidden"), "hidden");
  EXPECT_EQ(name_of("Nguyễn\nAn\tB"), "Nguyễn An B");
  EXPECT_EQ(name_of(std::string("a\x01" "b\x7F" "c")), "a_b_c");
  EXPECT_EQ(name_of("A/B\\C:D*E?F\"G<H>I|J"), "A_B_C_D_E_F_G_H_I_J");
  EXPECT_EQ(name_of("\u202E"), "row-7");
  // NFC: the same letters typed decomposed give the same name.
  EXPECT_EQ(name_of("Nguye\u0302\u0303n"), "Nguyễn");
  // Equal but for case: one key.
  EXPECT_EQ(vanban::file_name_key("Nguyễn An.pdf"), vanban::file_name_key("NGUYỄN AN.PDF"));
  EXPECT_EQ(vanban::file_name_key("Đào.pdf"), vanban::file_name_key("đào.pdf"));
  EXPECT_NE(vanban::file_name_key("Đào.pdf"), vanban::file_name_key("Dao.pdf"));
}

TEST(OutputHygiene, NamesEqualButForCaseDoNotCollide) {
  Dir dir("vanban-out");
  const std::string list =
      dir.write("l.csv", "Họ và tên,Giới tính\nNguyễn An,Nam\nNGUYỄN AN,Nam\nnguyễn an,Nam\nCON,Nam\n");
  const std::string each = dir.file("each") + "/";
  Result r = run(kCli + " batch giay-khen " + q(list) + " -o " + q(each) + " --name '{ho_ten}'");
  ASSERT_EQ(r.status, 0) << r.output;
  std::vector<std::string> names;
  for (const auto& e : fs::directory_iterator(each)) names.push_back(e.path().filename().string());
  std::sort(names.begin(), names.end());
  EXPECT_EQ(names, (std::vector<std::string>{"NGUYỄN AN-2.pdf", "Nguyễn An.pdf", "_CON.pdf", "nguyễn an-3.pdf"}));
}

// --- DOCX ------------------------------------------------------------------------------------

vanban::EngineOptions engine_options() {
  vanban::EngineOptions o;
  o.template_dirs = {kSource + "/templates"};
  o.font_manifest = kSource + "/fonts/fonts.xml";
  return o;
}

TEST(OutputHygiene, AStreamedDocxBatchIsTheInMemoryOne) {
  Dir dir("vanban-out");
  const vanban::Engine engine(engine_options());
  // QR codes too: a picture part per row, made when zipped.
  std::string tpl_path = dir.write("gk-qr.xml", R"(<template name="gk-qr" extends="giay-khen">
  <certificate qr="https://vanban.example/xac-thuc?so={so_so_vang}&amp;ten={ho_ten}" qr-size="28mm"/>
</template>)");
  const auto tpl = engine.load_template(tpl_path);
  const std::string list = vanban::file_io::read_file(big_list(dir, 120));
  const auto recipients = vanban::model::read_recipient_list(list, "list.csv", {});
  std::vector<const vanban::model::ListRow*> rows;
  for (const auto& r : recipients.rows) rows.push_back(&r);
  vanban::docx::CertificateDocxOptions c;
  const std::string emblem = dir.file("emblem.png");
  ASSERT_EQ(run("/usr/bin/python3 " + q(kSource + "/tests/tools/make_png.py") + " emblem " + q(emblem)).status, 0);
  c.emblem = std::make_shared<const vanban::RasterImage>(vanban::read_png(emblem));
  vanban::docx::DocxOptions options;
  options.creation_date = "2022-05-15";
  // Everything kept in memory from the first pass: made once, as the writer did before
  // it streamed.
  c.keep_bytes = uint64_t(1) << 40;
  const std::string in_memory = vanban::docx::write_certificates(tpl, rows, c, engine.fonts(), options);
  ASSERT_GT(in_memory.size(), 10000u);
  // Nothing kept (every row and QR code made again while zipping), some kept (the
  // replay resumes in the middle), and written to a stream.
  for (uint64_t keep : {uint64_t(0), uint64_t(100000), uint64_t(64) << 20}) {
    c.keep_bytes = keep;
    EXPECT_TRUE(vanban::docx::write_certificates(tpl, rows, c, engine.fonts(), options) == in_memory) << keep;
  }
  c.keep_bytes = 0;
  std::ostringstream streamed;
  vanban::docx::write_certificates(tpl, rows, c, engine.fonts(), options, streamed);
  EXPECT_TRUE(streamed.str() == in_memory);
  // And it is a DOCX of 120 sections with 120 QR codes.
  std::string file = dir.write("b.docx", in_memory);
  std::string xml = run("unzip -p " + q(file) + " word/document.xml").output;
  size_t sections = 0;
  for (size_t at = 0; (at = xml.find("<w:sectPr", at)) != std::string::npos; ++at) ++sections;
  EXPECT_EQ(sections, 120u);
  EXPECT_NE(run("unzip -l " + q(file)).output.find("word/media/image121.png"), std::string::npos);
}

TEST(OutputHygiene, ALineBreakInACellIsABreakInTheDocx) {
  Dir dir("vanban-out");
  const std::string list =
      dir.write("l.csv", "Họ và tên,Giới tính,Thành tích\nBùi Thị Lan,Nữ,\"Dòng một\nDòng\thai\"\n");
  const std::string out = dir.file("b.docx");
  Result r = run(kCli + " batch giay-khen " + q(list) + " -o " + q(out));
  ASSERT_EQ(r.status, 0) << r.output;
  std::string xml = run("unzip -p " + q(out) + " word/document.xml").output;
  EXPECT_NE(xml.find("Dòng một</w:t><w:br/><w:t xml:space=\"preserve\">Dòng hai</w:t>"), std::string::npos) << xml;
  // A form's value.
  const std::string data = dir.write("f.json", R"({"ten_dang_ky": "Trường A\nPhân hiệu B", "ten_mo_hinh": "Mô hình"})");
  const std::string form = dir.file("f.docx");
  r = run(kCli + " render phu-luc-1 " + q(data) + " -o " + q(form));
  ASSERT_EQ(r.status, 0) << r.output;
  xml = run("unzip -p " + q(form) + " word/document.xml").output;
  EXPECT_NE(xml.find("Trường A</w:t><w:br/><w:t xml:space=\"preserve\">Phân hiệu B"), std::string::npos) << xml;
}

}  // namespace
