// The C API given what a careless or hostile host program gives it: unknown enum
// values, NaN offsets, impossible dates, devices and oversized files, a format that
// contradicts the file name, templates that change on disk, and too little memory. Each
// is a status, never undefined behaviour or an abort of the host.
#include <gtest/gtest.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cmath>
#include <cstddef>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>

#include "../cli_harness.h"
#include "vanban/vanban.h"

namespace {

namespace fs = std::filesystem;

using vanban::test::kSanitized;
using vanban::test::Dir;
using vanban::test::read_bytes;
const std::string kSamples = std::string(VANBAN_SOURCE_DIR) + "/samples";
const std::string kList = kSamples + "/danh-sach-khen-thuong.csv";

struct Engine {
  vanban_engine* e = nullptr;
  Engine() { EXPECT_EQ(vanban_engine_open(nullptr, nullptr, &e), VANBAN_OK) << vanban_errmsg(e); }
  ~Engine() { vanban_engine_close(e); }
};

// Options whose `format` holds an int no enumerator has, set as a C caller could.
template <typename Options>
void set_raw_format(Options& o, int raw) {
  std::memcpy(&o.format, &raw, sizeof raw);
}

vanban_status render_status(vanban_engine* e, const char* tpl, const std::string& data, const vanban_render_options& o) {
  unsigned char* out = nullptr;
  size_t size = 0;
  vanban_status s = vanban_render(e, tpl, data.data(), data.size(), &o, &out, &size);
  vanban_free(out);
  return s;
}

vanban_status batch_status(vanban_engine* e, const std::string& list, const vanban_batch_options& o) {
  unsigned char* out = nullptr;
  size_t size = 0;
  vanban_status s = vanban_batch(e, "giay-khen", list.data(), list.size(), &o, &out, &size, nullptr, nullptr);
  vanban_free(out);
  return s;
}

}  // namespace

TEST(CApiHostile, AnUnknownFormatIsMisuse) {
  Engine engine;
  const std::string plan = read_bytes(kSamples + "/ke-hoach-hoa-binh-2021.json");
  for (int raw : {2, -1, 7, 0x7fffffff}) {
    vanban_render_options r;
    vanban_render_options_init(&r);
    set_raw_format(r, raw);
    EXPECT_EQ(render_status(engine.e, "ke-hoach", plan, r), VANBAN_EMISUSE) << raw;
    EXPECT_NE(std::string(vanban_errmsg(engine.e)).find("format"), std::string::npos);
    EXPECT_EQ(vanban_validate(engine.e, "ke-hoach", plan.data(), plan.size(), &r), VANBAN_EMISUSE) << raw;
    vanban_batch_options b;
    vanban_batch_options_init(&b);
    set_raw_format(b, raw);
    EXPECT_EQ(batch_status(engine.e, read_bytes(kList), b), VANBAN_EMISUSE) << raw;
  }
}

TEST(CApiHostile, BatchFileWritesNoFormatUnderTheOthersExtension) {
  Engine engine;
  Dir dir("vanban-capi");
  vanban_batch_options o;
  vanban_batch_options_init(&o);
  o.format = VANBAN_DOCX;
  for (const char* name : {"x.pdf", "X.PDF"}) {
    std::string out = dir.file(name);
    EXPECT_EQ(vanban_batch_file(engine.e, "giay-khen", kList.c_str(), out.c_str(), &o, nullptr, nullptr), VANBAN_EMISUSE);
    EXPECT_FALSE(fs::exists(out));
  }
  o.format = VANBAN_PDF;
  std::string docx = dir.file("x.docx");
  EXPECT_EQ(vanban_batch_file(engine.e, "giay-khen", kList.c_str(), docx.c_str(), &o, nullptr, nullptr), VANBAN_EMISUSE);
  EXPECT_FALSE(fs::exists(docx));
  // Agreeing, it is written (two rows of the sample fail).
  o.format = VANBAN_DOCX;
  EXPECT_EQ(vanban_batch_file(engine.e, "giay-khen", kList.c_str(), docx.c_str(), &o, nullptr, nullptr), VANBAN_EPARTIAL);
  EXPECT_EQ(read_bytes(docx).substr(0, 2), "PK");
}

TEST(CApiHostile, OffsetsJobsAndDatesAreChecked) {
  Engine engine;
  const std::string list = read_bytes(kList);
  for (double bad : {std::nan(""), HUGE_VAL, -HUGE_VAL, 50.5, -1e300}) {
    vanban_batch_options o;
    vanban_batch_options_init(&o);
    o.print_on_blank = 1;
    o.offset_x_mm = bad;
    EXPECT_EQ(batch_status(engine.e, list, o), VANBAN_EMISUSE) << bad;
    vanban_batch_options_init(&o);
    o.offset_y_mm = bad;
    EXPECT_EQ(batch_status(engine.e, list, o), VANBAN_EMISUSE) << bad;
  }
  for (int jobs : {-1, 257, 1 << 30}) {
    vanban_batch_options o;
    vanban_batch_options_init(&o);
    o.jobs = jobs;
    EXPECT_EQ(batch_status(engine.e, list, o), VANBAN_EMISUSE) << jobs;
  }
  for (const char* date : {"2021-02-30", "2021-03-05T25:00", "2021-03-05T08:00+15:00", "D:2021) Tj"}) {
    vanban_batch_options o;
    vanban_batch_options_init(&o);
    o.creation_date = date;
    EXPECT_EQ(batch_status(engine.e, list, o), VANBAN_EMISUSE) << date;
    vanban_render_options r;
    vanban_render_options_init(&r);
    r.creation_date = date;
    r.format = VANBAN_DOCX;
    EXPECT_EQ(render_status(engine.e, "ke-hoach", read_bytes(kSamples + "/ke-hoach-hoa-binh-2021.json"), r),
              VANBAN_EMISUSE)
        << date;
  }
  vanban_batch_options ok;
  vanban_batch_options_init(&ok);
  ok.offset_x_mm = -50;
  ok.offset_y_mm = 12.5;
  ok.jobs = 256;
  ok.creation_date = "2024-02-29T23:59:59+07:00";
  EXPECT_EQ(batch_status(engine.e, list, ok), VANBAN_EPARTIAL) << vanban_errmsg(engine.e);
}

TEST(CApiHostile, InputFilesAreRegularAndWithinTheLimit) {
  Engine engine;
  Dir dir("vanban-capi");
  vanban_render_options r;
  vanban_render_options_init(&r);
  std::string out = dir.file("o.pdf");
  EXPECT_EQ(vanban_render_file(engine.e, "ke-hoach", "/dev/zero", out.c_str(), &r), VANBAN_EINPUT);
  EXPECT_EQ(vanban_render_file(engine.e, "/dev/zero", (kSamples + "/ke-hoach-hoa-binh-2021.json").c_str(), out.c_str(), &r),
            VANBAN_ETEMPLATE);
  vanban_limits limits;
  vanban_limits_init(&limits);
  EXPECT_EQ(limits.size, sizeof limits);
  EXPECT_EQ(limits.max_rows, 1000000u);
  EXPECT_EQ(limits.max_image_side, 10000u);
  limits.max_input_bytes = 1000;
  r.limits = &limits;
  const std::string plan = kSamples + "/ke-hoach-hoa-binh-2021.json";
  EXPECT_EQ(vanban_render_file(engine.e, "ke-hoach", plan.c_str(), out.c_str(), &r), VANBAN_EINPUT);
  EXPECT_NE(std::string(vanban_errmsg(engine.e)).find("max_input_bytes"), std::string::npos) << vanban_errmsg(engine.e);
  vanban_batch_options b;
  vanban_batch_options_init(&b);
  b.limits = &limits;
  limits.max_input_bytes = 100;
  EXPECT_EQ(vanban_batch_file(engine.e, "giay-khen", kList.c_str(), out.c_str(), &b, nullptr, nullptr), VANBAN_EINPUT);
  EXPECT_EQ(vanban_batch_file(engine.e, "giay-khen", "/dev/zero", out.c_str(), &b, nullptr, nullptr), VANBAN_EINPUT);
  EXPECT_FALSE(fs::exists(out));
  // A limit left 0 keeps its default; within the limits the file is made.
  limits.max_input_bytes = 0;
  r.limits = &limits;
  EXPECT_EQ(vanban_render_file(engine.e, "ke-hoach", plan.c_str(), out.c_str(), &r), VANBAN_OK) << vanban_errmsg(engine.e);
}

// A caller built against the header before `limits` existed passes a smaller struct:
// whatever lies past its size (here a wild pointer) is not read.
TEST(CApiHostile, OptionsWithoutTheLimitsPointerAreReadUpToTheirSize) {
  Engine engine;
  vanban_batch_options o;
  vanban_batch_options_init(&o);
  o.creation_date = "2022-05-15";
  o.size = offsetof(vanban_batch_options, limits);
  std::memset(static_cast<void*>(&o.limits), 0xAB, sizeof o.limits);
  EXPECT_EQ(batch_status(engine.e, read_bytes(kList), o), VANBAN_EPARTIAL) << vanban_errmsg(engine.e);
  vanban_render_options r;
  vanban_render_options_init(&r);
  r.size = offsetof(vanban_render_options, limits);
  std::memset(static_cast<void*>(&r.limits), 0xAB, sizeof r.limits);
  EXPECT_EQ(render_status(engine.e, "ke-hoach", read_bytes(kSamples + "/ke-hoach-hoa-binh-2021.json"), r), VANBAN_OK);
}

TEST(CApiHostile, TheTemplateCacheSeesAChangedOrDeletedTemplate) {
  Engine engine;
  Dir dir("vanban-capi");
  auto write = [&](const std::string& issuer) {
    std::ofstream(dir.file("gk.xml")) << "<template name=\"gk\" extends=\"giay-khen\">\n  <certificate issuer=\"" << issuer
                                      << "\"/>\n</template>\n";
  };
  write("SỞ THỨ NHẤT");
  const std::string tpl = dir.file("gk.xml"), list = read_bytes(kList);
  auto issuer_in_pdf = [&](const std::string& issuer) {
    vanban_batch_options o;
    vanban_batch_options_init(&o);
    o.creation_date = "2022-05-15";
    unsigned char* out = nullptr;
    size_t size = 0;
    vanban_status s = vanban_batch(engine.e, tpl.c_str(), list.data(), list.size(), &o, &out, &size, nullptr, nullptr);
    std::string pdf = out ? std::string(reinterpret_cast<char*>(out), size) : std::string();
    vanban_free(out);
    if (s != VANBAN_EPARTIAL) return std::string("status ") + vanban_status_name(s) + ": " + vanban_errmsg(engine.e);
    std::ofstream(dir.file("o.pdf"), std::ios::binary) << pdf;
    return vanban::test::run("pdfinfo " + vanban::test::q(dir.file("o.pdf"))).output.find("Author:          " + issuer) !=
                   std::string::npos
               ? std::string("yes")
               : std::string("no");
  };
  EXPECT_EQ(issuer_in_pdf("SỞ THỨ NHẤT"), "yes");
  write("SỞ THỨ HAI");  // a change of size (and time) on disk
  EXPECT_EQ(issuer_in_pdf("SỞ THỨ HAI"), "yes");
  write("SỞ THỨ BA ");  // the same size: the time tells
  std::this_thread::sleep_for(std::chrono::milliseconds(20));
  fs::last_write_time(tpl, fs::file_time_type::clock::now());
  EXPECT_EQ(issuer_in_pdf("SỞ THỨ BA"), "yes");
  fs::remove(tpl);
  vanban_batch_options o;
  vanban_batch_options_init(&o);
  EXPECT_EQ(batch_status(engine.e, list, o), VANBAN_EPARTIAL);  // giay-khen itself is still there
  unsigned char* out = nullptr;
  size_t size = 0;
  EXPECT_EQ(vanban_batch(engine.e, tpl.c_str(), list.data(), list.size(), &o, &out, &size, nullptr, nullptr),
            VANBAN_ETEMPLATE);
  EXPECT_EQ(out, nullptr);
}

// Too little memory for a large batch, on many threads: VANBAN_ENOMEM, and the host
// process lives on. The test program runs this test again in a new process (whose
// address space holds nothing from the other tests), which limits its own address
// space and exits with the status.
TEST(CApiHostile, OutOfMemoryIsAStatusAndTheHostLivesOn) {
  if (kSanitized) GTEST_SKIP() << "an address-space limit under AddressSanitizer";
  if (!std::getenv("VANBAN_OOM_CHILD")) {
    const std::string self = fs::read_symlink("/proc/self/exe").string();
    auto r = vanban::test::run("VANBAN_OOM_CHILD=1 " + vanban::test::q(self) +
                               " --gtest_filter=CApiHostile.OutOfMemoryIsAStatusAndTheHostLivesOn >/dev/null; echo status=$?");
    EXPECT_NE(r.output.find("status=" + std::to_string(VANBAN_ENOMEM)), std::string::npos) << r.output;
    return;
  }
  Engine engine;
  std::string list = "Họ và tên,Đơn vị\n";
  for (int i = 0; i < 60000; ++i) list += "Nguyễn Văn An " + std::to_string(i) + ",Phòng Tổ chức cán bộ\n";
  std::ifstream statm("/proc/self/statm");
  size_t pages = 0;
  statm >> pages;
  const rlim_t now = pages * static_cast<rlim_t>(sysconf(_SC_PAGESIZE));
  rlimit limit{now + (96u << 20), now + (96u << 20)};
  if (setrlimit(RLIMIT_AS, &limit) != 0) _exit(100);
  vanban_batch_options o;
  vanban_batch_options_init(&o);
  o.jobs = 64;
  o.creation_date = "2021-03-05";
  unsigned char* out = nullptr;
  size_t size = 0;
  vanban_status s = vanban_batch(engine.e, "giay-khen", list.data(), list.size(), &o, &out, &size, nullptr, nullptr);
  vanban_free(out);
  // The engine is still usable afterwards: a small batch works.
  std::string small = "Họ và tên\nBùi Thị Lan\n";
  out = nullptr;
  vanban_status after = vanban_batch(engine.e, "giay-khen", small.data(), small.size(), &o, &out, &size, nullptr, nullptr);
  vanban_free(out);
  _exit(after == VANBAN_OK ? static_cast<int>(s) : 50 + static_cast<int>(after));
}
