// Benchmark (not a test): what signing and PDF/A add (issue #13), in-process, fonts loaded once.
//   vanban_bench_signing <repo-root> <keys-dir> <list.csv> [iterations]
// <keys-dir> holds signer.p12 and body.p12 (password "secret"), as tests/sign/make_keys.sh
// makes them. Prints medians: the plan unsigned, as PDF/A, signed (B-B, key opened once and
// per render), signed by the signer and the body; a batch of one signed file per row.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <ctime>
#include <cstdio>
#include <string>
#include <vector>

#include "core/file_io.h"
#include "sign/sign.h"
#include "vanban/engine.h"

namespace {

using Clock = std::chrono::steady_clock;

double ms_since(Clock::time_point t) { return std::chrono::duration<double, std::milli>(Clock::now() - t).count(); }

// CPU time (ms) of this thread, or of the whole process: on a machine other work shares, the
// CPU a step takes says more than its wall time.
double cpu_ms(clockid_t which) {
  timespec ts{};
  clock_gettime(which, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

template <typename F>
void time_it(const char* what, int n, F&& f) {
  std::vector<double> ms, cpu;
  f();  // warm
  for (int i = 0; i < n; ++i) {
    auto t = Clock::now();
    const double c = cpu_ms(CLOCK_THREAD_CPUTIME_ID);
    f();
    ms.push_back(ms_since(t));
    cpu.push_back(cpu_ms(CLOCK_THREAD_CPUTIME_ID) - c);
  }
  std::sort(ms.begin(), ms.end());
  std::sort(cpu.begin(), cpu.end());
  std::printf("%-52s wall median %6.2f min %6.2f | CPU median %6.2f min %6.2f ms\n", what, ms[ms.size() / 2],
              ms.front(), cpu[cpu.size() / 2], cpu.front());
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 4) {
    std::fprintf(stderr, "usage: vanban_bench_signing <repo-root> <keys-dir> <list.csv> [iterations]\n");
    return 2;
  }
  const std::string root = argv[1], keys = argv[2], list_path = argv[3];
  const int n = argc > 4 ? std::atoi(argv[4]) : 100;
  vanban::DataDirs dirs = vanban::default_data_dirs();
  vanban::EngineOptions eo;
  eo.template_dirs = {root + "/templates"};
  eo.font_manifest = root + "/fonts/fonts.xml";
  vanban::Engine engine(eo);
  const std::string data = vanban::read_input_file(root + "/samples/ke-hoach-hoa-binh-2021.json", {});
  const auto tpl = engine.load_template("ke-hoach");
  const auto laid_out = engine.lay_out(tpl, data, "plan", false);

  vanban::RenderOptions plain;
  plain.creation_date = "2021-03-05";
  plain.signing_time = "2021-03-05T09:15:30+07:00";
  vanban::SignatureRequest signer, body;
  signer.key.p12_path = keys + "/signer.p12";
  signer.key.secret = "secret";
  body.key.p12_path = keys + "/body.p12";
  body.key.secret = "secret";
  body.role = vanban::layout::SignatureRole::Body;

  std::string unsigned_pdf;
  time_it("plan: write the PDF (laid out once)", n, [&] { unsigned_pdf = engine.write_pdf(laid_out, plain); });
  vanban::RenderOptions untagged = plain;
  untagged.tagged = false;
  time_it("plan: write the PDF, --no-tags", n, [&] { engine.write_pdf(laid_out, untagged); });
  vanban::RenderOptions pdfa = plain;
  pdfa.pdfa = true;
  time_it("plan: write the PDF/A-2", n, [&] { engine.write_pdf(laid_out, pdfa); });
  time_it("plan: whole render (lay out + write)", n, [&] { engine.render_pdf("ke-hoach", data, "plan", plain); });

  auto key = vanban::sign::open_signer(signer.key);
  vanban::sign::SignOptions so;
  so.signing_time = plain.signing_time;
  time_it("open the PKCS#12 key", n, [&] { vanban::sign::open_signer(signer.key); });
  time_it("sign the plan's PDF (key open, invisible)", n, [&] { vanban::sign::sign_pdf(unsigned_pdf, *key, so); });
  vanban::RenderOptions one = plain;
  one.signatures = {signer};
  time_it("plan: write + sign (signer, key opened in the call)", n, [&] { engine.write_pdf(laid_out, one); });
  vanban::RenderOptions two = plain;
  two.signatures = {signer, body};
  time_it("plan: write + sign twice (signer, then body)", n, [&] { engine.write_pdf(laid_out, two); });
  time_it("plan: vanban sign of the written file (signer)", n,
          [&] { engine.sign_pdf(unsigned_pdf, one); });

  // A batch: one file per row, unsigned and signed (the key opened once per batch).
  const std::string list = vanban::read_input_file(list_path, {});
  const auto cert = engine.load_template("giay-khen");
  for (int jobs : {1, 2}) {
    for (bool sign : {false, true}) {
      vanban::BatchOptions bo;
      bo.jobs = jobs;
      vanban::RenderOptions ro = plain;
      if (sign) ro.signatures = {signer};
      size_t files = 0, bytes = 0;
      auto t = Clock::now();
      const double c = cpu_ms(CLOCK_PROCESS_CPUTIME_ID);
      auto result = engine.certificate_files(cert, list, "list", bo, ro, vanban::OutputFormat::Pdf,
                                             [&](size_t, const vanban::model::ListRow&, std::string pdf) {
                                               ++files;
                                               bytes += pdf.size();
                                             });
      const double ms = ms_since(t), cpu = cpu_ms(CLOCK_PROCESS_CPUTIME_ID) - c;
      std::printf("batch, a file per row, %zu rows, jobs %d, %-8s %6.0f ms %5.0f files/s | CPU %5.2f ms/file | %4.1f KB/file\n",
                  result.rows, jobs, sign ? "signed" : "unsigned", ms, files / ms * 1000, cpu / files,
                  bytes / 1024.0 / files);
    }
  }
  return 0;
}
