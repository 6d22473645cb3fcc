// The C API through the shared library (libvanban.so), using vanban.h only, as the
// Python, PHP, Java or Node bindings do.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "../cli_harness.h"
#include "vanban/vanban.h"

namespace {

namespace fs = std::filesystem;
const std::string kSamples = std::string(VANBAN_SOURCE_DIR) + "/samples";

using vanban::test::read_bytes;
std::string shell(const std::string& command) { return vanban::test::run(command).output; }

struct Engine {
  vanban_engine* e = nullptr;
  Engine() { EXPECT_EQ(vanban_engine_open(nullptr, nullptr, &e), VANBAN_OK) << vanban_errmsg(e); }
  ~Engine() { vanban_engine_close(e); }
};

struct Scratch {
  fs::path dir = fs::temp_directory_path() / ("vanban-capi-" + std::to_string(getpid()));
  Scratch() { fs::create_directories(dir); }
  ~Scratch() { fs::remove_all(dir); }
  std::string file(const std::string& name) const { return (dir / name).string(); }
};

// Renders with the C API; returns the bytes ("" on failure, with the status in *status).
std::string render(vanban_engine* e, const char* tpl, const std::string& data, vanban_format format, bool blank = false,
                   vanban_status* status = nullptr) {
  vanban_render_options o;
  vanban_render_options_init(&o);
  o.format = format;
  o.creation_date = "2021-03-05";
  o.blank = blank;
  unsigned char* out = nullptr;
  size_t size = 0;
  vanban_status s = vanban_render(e, tpl, data.data(), data.size(), &o, &out, &size);
  if (status) *status = s;
  std::string bytes = out ? std::string(reinterpret_cast<char*>(out), size) : std::string();
  vanban_free(out);
  return bytes;
}

std::string batch(vanban_engine* e, const std::string& list, vanban_format format, size_t* rows = nullptr,
                  size_t* failed = nullptr, vanban_status* status = nullptr) {
  vanban_batch_options o;
  vanban_batch_options_init(&o);
  o.format = format;
  o.creation_date = "2022-05-15";
  o.source_name = "danh-sach.csv";
  unsigned char* out = nullptr;
  size_t size = 0;
  vanban_status s = vanban_batch(e, "giay-khen", list.data(), list.size(), &o, &out, &size, rows, failed);
  if (status) *status = s;
  std::string bytes = out ? std::string(reinterpret_cast<char*>(out), size) : std::string();
  vanban_free(out);
  return bytes;
}

}  // namespace

TEST(CApi, VersionIsTheHeadersVersion) {
  EXPECT_STREQ(vanban_version(), VANBAN_VERSION);
  EXPECT_EQ(vanban_version_number(), VANBAN_VERSION_NUMBER);
  EXPECT_STREQ(vanban_status_name(VANBAN_EMODEL), "model error");
}

TEST(CApi, RendersThePlanToPdfAndDocxInMemory) {
  Engine engine;
  Scratch scratch;
  std::string pdf = render(engine.e, "ke-hoach", read_bytes(kSamples + "/ke-hoach-hoa-binh-2021.json"), VANBAN_PDF);
  ASSERT_EQ(pdf.substr(0, 5), "%PDF-");
  std::ofstream(scratch.file("p.pdf"), std::ios::binary) << pdf;
  std::string text = shell("pdftotext -enc UTF-8 " + scratch.file("p.pdf") + " -");
  EXPECT_NE(text.find("KẾ HOẠCH"), std::string::npos);
  EXPECT_NE(text.find("Nơi nhận"), std::string::npos) << text.substr(0, 600);
  // The XML form of the same model gives the same bytes.
  EXPECT_EQ(render(engine.e, "ke-hoach", read_bytes(kSamples + "/ke-hoach-hoa-binh-2021.xml"), VANBAN_PDF), pdf);
  std::string docx = render(engine.e, "ke-hoach", read_bytes(kSamples + "/ke-hoach-hoa-binh-2021.json"), VANBAN_DOCX);
  EXPECT_EQ(docx.substr(0, 2), "PK");
  // A blank form needs no data.
  EXPECT_EQ(render(engine.e, "phu-luc-1", "", VANBAN_PDF, true).substr(0, 5), "%PDF-");
}

TEST(CApi, ErrorsCarryStatusFileLineColumnAndField) {
  Engine engine;
  vanban_render_options o;
  vanban_render_options_init(&o);
  o.source_name = "bad.json";
  unsigned char* out = reinterpret_cast<unsigned char*>(1);
  size_t size = 7;
  const std::string syntax = "{\n  \"subject\": \"a\",\n  oops\n}";
  EXPECT_EQ(vanban_render(engine.e, "ke-hoach", syntax.data(), syntax.size(), &o, &out, &size), VANBAN_ESYNTAX);
  EXPECT_EQ(out, nullptr);
  EXPECT_EQ(size, 0u);
  EXPECT_EQ(vanban_error_status(engine.e), VANBAN_ESYNTAX);
  EXPECT_STREQ(vanban_error_file(engine.e), "bad.json");
  EXPECT_EQ(vanban_error_line(engine.e), 3);
  EXPECT_EQ(vanban_error_column(engine.e), 3);
  EXPECT_EQ(std::string(vanban_errmsg(engine.e)).rfind("bad.json:3:3: malformed JSON", 0), 0u) << vanban_errmsg(engine.e);

  // A model error names the field.
  std::string model = read_bytes(kSamples + "/ke-hoach-hoa-binh-2021.json");
  size_t at = model.find("\"signer_name\"");
  ASSERT_NE(at, std::string::npos);
  model.replace(at, 13, "\"signer_nam\"");
  EXPECT_EQ(vanban_render(engine.e, "ke-hoach", model.data(), model.size(), &o, &out, &size), VANBAN_EMODEL);
  EXPECT_NE(std::string(vanban_error_field(engine.e)).find("signature"), std::string::npos) << vanban_errmsg(engine.e);

  EXPECT_EQ(vanban_render(engine.e, "no-such-template", "{}", 2, &o, &out, &size), VANBAN_ETEMPLATE);
  EXPECT_NE(std::string(vanban_errmsg(engine.e)).find("no-such-template"), std::string::npos);
  EXPECT_EQ(vanban_validate(engine.e, "ke-hoach", syntax.data(), syntax.size(), &o), VANBAN_ESYNTAX);
}

TEST(CApi, MisuseIsAStatusNotACrash) {
  Engine engine;
  unsigned char* out = nullptr;
  size_t size = 0;
  EXPECT_EQ(vanban_render(nullptr, "ke-hoach", "{}", 2, nullptr, &out, &size), VANBAN_EMISUSE);
  EXPECT_EQ(vanban_render(engine.e, "ke-hoach", "{}", 2, nullptr, nullptr, &size), VANBAN_EMISUSE);
  EXPECT_EQ(vanban_render(engine.e, nullptr, "{}", 2, nullptr, &out, &size), VANBAN_EMISUSE);
  EXPECT_EQ(vanban_render(engine.e, "ke-hoach", nullptr, 5, nullptr, &out, &size), VANBAN_EMISUSE);
  EXPECT_EQ(vanban_batch_file(engine.e, "giay-khen", nullptr, "x.pdf", nullptr, nullptr, nullptr), VANBAN_EMISUSE);
  EXPECT_EQ(vanban_engine_open(nullptr, nullptr, nullptr), VANBAN_EMISUSE);
  EXPECT_STREQ(vanban_errmsg(nullptr), "");
  vanban_free(nullptr);
  vanban_engine_close(nullptr);
}

TEST(CApi, AnEngineThatDidNotOpenSaysWhy) {
  Scratch scratch;
  setenv("VANBAN_FONT_DIR", scratch.dir.c_str(), 1);  // no fonts.xml there
  vanban_engine* e = nullptr;
  vanban_status s = vanban_engine_open(nullptr, nullptr, &e);
  unsetenv("VANBAN_FONT_DIR");
  EXPECT_NE(s, VANBAN_OK);
  ASSERT_NE(e, nullptr);
  EXPECT_NE(std::string(vanban_errmsg(e)).find("fonts.xml"), std::string::npos) << vanban_errmsg(e);
  unsigned char* out = nullptr;
  size_t size = 0;
  EXPECT_EQ(vanban_render(e, "ke-hoach", "{}", 2, nullptr, &out, &size), VANBAN_EMISUSE);
  vanban_engine_close(e);
}

TEST(CApi, ErrorsBelongToTheThreadThatFailed) {
  Engine engine;
  std::string bad = "{";
  unsigned char* out = nullptr;
  size_t size = 0;
  std::thread failing([&] { vanban_render(engine.e, "ke-hoach", bad.data(), bad.size(), nullptr, &out, &size); });
  failing.join();
  EXPECT_STREQ(vanban_errmsg(engine.e), "") << "this thread has not failed";
  EXPECT_EQ(vanban_error_status(engine.e), VANBAN_OK);
}

TEST(CApi, RenderFileKeepsTheOldFileWhenItFails) {
  Engine engine;
  Scratch scratch;
  std::string out = scratch.file("out.pdf"), data = scratch.file("bad.json");
  std::ofstream(out) << "previous";
  std::ofstream(data) << "{ \"subject\": ";
  EXPECT_EQ(vanban_render_file(engine.e, "ke-hoach", data.c_str(), out.c_str(), nullptr), VANBAN_ESYNTAX);
  EXPECT_EQ(read_bytes(out), "previous");
  EXPECT_STREQ(vanban_error_file(engine.e), data.c_str());
  std::string good = kSamples + "/ke-hoach-hoa-binh-2021.json";
  EXPECT_EQ(vanban_render_file(engine.e, "ke-hoach", good.c_str(), out.c_str(), nullptr), VANBAN_OK) << vanban_errmsg(engine.e);
  EXPECT_EQ(read_bytes(out).substr(0, 5), "%PDF-");
}

TEST(CApi, BatchReportsTheRowsThatFailedAndMakesTheOthers) {
  Engine engine;
  Scratch scratch;
  size_t rows = 0, failed = 0;
  vanban_status status;
  std::string pdf = batch(engine.e, read_bytes(kSamples + "/danh-sach-khen-thuong.csv"), VANBAN_PDF, &rows, &failed, &status);
  EXPECT_EQ(status, VANBAN_EPARTIAL);
  EXPECT_EQ(rows, 9u);
  EXPECT_EQ(failed, 2u);
  EXPECT_EQ(pdf.substr(0, 5), "%PDF-");
  std::string report = vanban_errmsg(engine.e);
  EXPECT_NE(report.find("danh-sach.csv:8:2: row 8 (STT 7), ho_ten: the name is missing"), std::string::npos) << report;
  EXPECT_NE(report.find("danh-sach.csv:9:8: row 9 (STT 8), ngay_quyet_dinh"), std::string::npos) << report;
  std::ofstream(scratch.file("c.pdf"), std::ios::binary) << pdf;
  EXPECT_NE(shell("pdfinfo " + scratch.file("c.pdf")).find("Pages:           7"), std::string::npos);

  // One DOCX per row into a directory.
  vanban_batch_options o;
  vanban_batch_options_init(&o);
  o.format = VANBAN_DOCX;
  std::string dir = scratch.file("each") + "/", list = kSamples + "/danh-sach-khen-thuong.csv";
  EXPECT_EQ(vanban_batch_file(engine.e, "giay-khen", list.c_str(), dir.c_str(), &o, &rows, &failed), VANBAN_EPARTIAL);
  int files = 0;
  for (const auto& f : fs::directory_iterator(dir)) files += f.path().extension() == ".docx";
  EXPECT_EQ(files, 7);
  // Again into the same directory: the files are there, kept unless overwrite is asked.
  EXPECT_EQ(vanban_batch_file(engine.e, "giay-khen", list.c_str(), dir.c_str(), &o, &rows, &failed), VANBAN_EMODEL);
  EXPECT_NE(std::string(vanban_errmsg(engine.e)).find("already exists"), std::string::npos);
  o.overwrite = 1;
  EXPECT_EQ(vanban_batch_file(engine.e, "giay-khen", list.c_str(), dir.c_str(), &o, &rows, &failed), VANBAN_EPARTIAL);
  EXPECT_EQ(failed, 2u);

  // A list where no row makes a certificate is an error, with nothing returned.
  std::string none = batch(engine.e, "Họ và tên,Ngày quyết định\n,1/1/2020\n", VANBAN_PDF, &rows, &failed, &status);
  EXPECT_EQ(status, VANBAN_EMODEL);
  EXPECT_TRUE(none.empty());
}

TEST(CApi, OptionsFromAnOlderHeaderAreReadUpToTheirSize) {
  Engine engine;
  // A caller compiled when the struct ended after `format`: later fields take defaults.
  struct {
    size_t size;
    vanban_format format;
  } old{};
  old.size = sizeof old;
  old.format = VANBAN_DOCX;
  std::string data = read_bytes(kSamples + "/ke-hoach-hoa-binh-2021.json");
  unsigned char* out = nullptr;
  size_t size = 0;
  ASSERT_EQ(vanban_render(engine.e, "ke-hoach", data.data(), data.size(),
                          reinterpret_cast<const vanban_render_options*>(&old), &out, &size),
            VANBAN_OK);
  EXPECT_EQ(std::string(reinterpret_cast<char*>(out), 2), "PK");
  vanban_free(out);
}

// Several threads render different documents through one engine: every output is
// byte-identical to the single-threaded result.
TEST(CApi, ThreadsSharingAnEngineGiveTheSingleThreadedBytes) {
  Engine engine;
  struct Job {
    std::string name;
    std::function<std::string()> make;
  };
  const std::string plan_json = read_bytes(kSamples + "/ke-hoach-hoa-binh-2021.json");
  const std::string plan_xml = read_bytes(kSamples + "/ke-hoach-hoa-binh-2021.xml");
  const std::string forms = read_bytes(kSamples + "/phu-luc-1-200-truong.csv");
  const std::string attached = read_bytes(kSamples + "/ke-hoach-hoa-binh-2021-bieu-mau.json");
  const std::string list = read_bytes(kSamples + "/danh-sach-khen-thuong.csv");
  std::vector<Job> jobs = {
      {"plan pdf", [&] { return render(engine.e, "ke-hoach", plan_json, VANBAN_PDF); }},
      {"plan xml pdf", [&] { return render(engine.e, "ke-hoach", plan_xml, VANBAN_PDF); }},
      {"plan docx", [&] { return render(engine.e, "ke-hoach", plan_json, VANBAN_DOCX); }},
      {"plan with forms", [&] { return render(engine.e, "ke-hoach", attached, VANBAN_PDF); }},
      {"200 forms", [&] { return render(engine.e, "phu-luc-1", forms, VANBAN_PDF); }},
      {"blank form docx", [&] { return render(engine.e, "phu-luc-2", "", VANBAN_DOCX, true); }},
      {"certificates", [&] { return batch(engine.e, list, VANBAN_PDF); }},
      {"certificates docx", [&] { return batch(engine.e, list, VANBAN_DOCX); }},
  };
  std::vector<std::string> reference;
  for (auto& job : jobs) {
    reference.push_back(job.make());
    ASSERT_FALSE(reference.back().empty()) << job.name << ": " << vanban_errmsg(engine.e);
  }
  const int threads = 8, rounds = 3;
  std::vector<std::vector<std::string>> results(threads);
  std::vector<std::thread> pool;
  for (int t = 0; t < threads; ++t) {
    pool.emplace_back([&, t] {
      for (int r = 0; r < rounds; ++r) results[t].push_back(jobs[(t + r) % jobs.size()].make());
    });
  }
  for (auto& th : pool) th.join();
  for (int t = 0; t < threads; ++t) {
    for (int r = 0; r < rounds; ++r) {
      size_t j = (t + r) % jobs.size();
      EXPECT_TRUE(results[t][r] == reference[j]) << jobs[j].name << " on thread " << t << " differs";
    }
  }
}

namespace {

// A host's own SIGTERM handler calls vanban_remove_temporaries(): a batch being written
// leaves no temporary file when the signal ends the host.
void host_on_term(int) {
  vanban_remove_temporaries();
  _exit(42);
}

}  // namespace

TEST(CApi, AHostsSignalHandlerRemovesTheTemporaries) {
  Scratch scratch;
  const std::string list = scratch.file("list.csv"), out = scratch.file("out") + "/";
  ASSERT_EQ(vanban::test::run("/usr/bin/python3 " + std::string(VANBAN_SOURCE_DIR) + "/tests/bench/make_recipients.py 20000 " +
                              list).status, 0);
  fs::create_directories(out);
  auto temporaries = [&] {
    std::vector<std::string> names;
    for (const auto& e : fs::directory_iterator(out))
      if (e.path().filename().string().rfind(".vanban-tmp-", 0) == 0) names.push_back(e.path().string());
    return names;
  };
  pid_t host = fork();
  if (host == 0) {
    signal(SIGTERM, host_on_term);
    vanban_engine* e = nullptr;
    if (vanban_engine_open(nullptr, nullptr, &e) != VANBAN_OK) _exit(1);
    vanban_batch_options o;
    vanban_batch_options_init(&o);
    o.jobs = 1;
    vanban_batch_file(e, "giay-khen", list.c_str(), (out + "all.pdf").c_str(), &o, nullptr, nullptr);
    _exit(0);
  }
  for (int i = 0; i < 3000; ++i) {
    auto names = temporaries();
    std::error_code ec;
    if (!names.empty() && fs::file_size(names[0], ec) > 100000) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  ASSERT_FALSE(temporaries().empty()) << "the host was writing";
  kill(host, SIGTERM);
  int status = 0;
  waitpid(host, &status, 0);
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 42) << status;
  EXPECT_TRUE(temporaries().empty());
  EXPECT_FALSE(fs::exists(out + "all.pdf"));
}
