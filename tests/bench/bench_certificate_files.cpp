// Benchmark (not a test): certificates in-process, nothing written to disk — the CPU a
// file per row costs (layout + PDF writing), and one PDF of the whole list, so that the
// rendering path is measured without the file system's noise.
//   vanban_bench_certificate_files <repo-root> <list.csv> [jobs] [rounds] [files|one|both]
// Make a list with tests/bench/make_recipients.py. Prints, per round, the wall and process
// CPU time of `certificate_files` (a PDF per row, handed to a sink that only counts bytes)
// and of `certificates_file` (one PDF), and the medians.
#include <time.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

#include "core/file_io.h"
#include "vanban/engine.h"

namespace {

double cpu_seconds() {
  timespec ts{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) / 1e9;
}

double wall_seconds() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: %s <repo-root> <list.csv> [jobs] [rounds]\n", argv[0]);
    return 2;
  }
  const std::string root = argv[1];
  const std::string list = vanban::file_io::read_file(argv[2]);
  const int jobs = argc > 3 ? std::atoi(argv[3]) : 2;
  const int rounds = argc > 4 ? std::atoi(argv[4]) : 3;
  const std::string what = argc > 5 ? argv[5] : "both";  // for a profile of one of the two
  const bool per_row = what != "one", one_pdf = what != "files";

  vanban::EngineOptions options;
  options.template_dirs = {root + "/templates"};
  options.font_manifest = root + "/fonts/fonts.xml";
  vanban::Engine engine(options);
  const auto tpl = engine.load_template("giay-khen");
  vanban::BatchOptions batch;
  batch.jobs = jobs;
  vanban::RenderOptions render;
  render.creation_date = "2022-01-01";

  std::vector<double> file_cpu, file_wall, one_cpu, one_wall;
  for (int r = 0; r < rounds; ++r) {
    size_t files = 0, bytes = 0;
    double c0 = cpu_seconds(), w0 = wall_seconds();
    vanban::BatchResult result;
    if (per_row) result = engine.certificate_files(tpl, list, "list.csv", batch, render, vanban::OutputFormat::Pdf,
                                           [&](size_t, const vanban::model::ListRow&, std::string pdf) {
                                             ++files;
                                             bytes += pdf.size();
                                           });
    double c1 = cpu_seconds(), w1 = wall_seconds();
    std::string one;
    vanban::BatchResult whole;
    if (one_pdf) whole = engine.certificates_file(tpl, list, "list.csv", batch, render, vanban::OutputFormat::Pdf, one);
    double c2 = cpu_seconds(), w2 = wall_seconds();
    file_cpu.push_back(files ? (c1 - c0) / static_cast<double>(files) * 1e3 : 0);
    file_wall.push_back(files ? static_cast<double>(files) / (w1 - w0) : 0);
    one_cpu.push_back(c2 - c1);
    one_wall.push_back(w2 - w1);
    std::printf("round %d: %zu files, %.1f KB a file, %.3f ms CPU a file, %.0f files/s; one PDF of %zu pages %.1f MB "
                "in %.3f s (%.3f s CPU)\n",
                r + 1, files, files ? static_cast<double>(bytes) / static_cast<double>(files) / 1024.0 : 0.0, file_cpu.back(),
                file_wall.back(), whole.produced, static_cast<double>(one.size()) / 1e6, one_wall.back(),
                one_cpu.back());
    if (result.produced != files || (per_row && files == 0) || (one_pdf && whole.produced == 0)) return 1;
  }
  std::printf("median: a file per row %.3f ms CPU a file, %.0f files/s (jobs %d); one PDF %.3f s (%.3f s CPU)\n",
              median(file_cpu), median(file_wall), jobs, median(one_wall), median(one_cpu));
  return 0;
}
