// Benchmark (not a test): what tagging (the structure tree, marked content) costs.
//   vanban_bench_tagging <repo-root> <list.csv> tagged|untagged [iterations]
// The plan: pdf::write_pdf of its laid-out pages, median and minimum of `iterations`
// (and the file's size); the list: every certificate into one PDF streamed to a file
// (pdf::PdfBuilder, as `vanban batch` does), its time and the process's peak memory.
// Run once per mode: the peak memory is the process's.
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

#include "core/file_io.h"
#include "pdf/pdf_writer.h"
#include "vanban/engine.h"

namespace {

using Clock = std::chrono::steady_clock;

double ms(Clock::duration d) { return std::chrono::duration<double, std::milli>(d).count(); }

}  // namespace

int main(int argc, char** argv) {
  if (argc < 4) {
    std::fprintf(stderr, "usage: %s <repo-root> <list.csv> tagged|untagged [iterations]\n", argv[0]);
    return 2;
  }
  const std::string root = argv[1], list_path = argv[2];
  vanban::pdf::WriteOptions write;
  write.tagged = std::string(argv[3]) == "tagged";
  const int iterations = argc > 4 ? std::atoi(argv[4]) : 100;

  vanban::EngineOptions options;
  options.template_dirs = {root + "/templates"};
  options.font_manifest = root + "/fonts/fonts.xml";
  vanban::Engine engine(options);

  // The plan.
  auto tpl = engine.load_template("ke-hoach");
  auto doc = engine.load_document(vanban::file_io::read_file(root + "/samples/ke-hoach-hoa-binh-2021.json"), "plan.json");
  auto laid = engine.layout(doc, tpl);
  laid.info.creation_date = "D:20210305080000+07'00'";
  std::vector<double> times;
  size_t bytes = 0;
  for (int i = 0; i < iterations; ++i) {
    auto a = Clock::now();
    bytes = vanban::pdf::write_pdf(laid.pages, laid.info, laid.graphics, write).size();
    times.push_back(ms(Clock::now() - a));
  }
  std::sort(times.begin(), times.end());
  std::printf("plan (%s): %zu pages, write_pdf median %.3f ms, min %.3f ms, %zu bytes\n", argv[3], laid.pages.size(),
              times[times.size() / 2], times.front(), bytes);

  // The certificates, one PDF streamed to a file.
  auto cert = engine.load_template("giay-khen");
  std::string list = vanban::file_io::read_file(list_path);
  vanban::BatchOptions batch;
  batch.jobs = 1;
  vanban::layout::DocumentInfo info;
  info.creation_date = "D:20210305080000+07'00'";
  std::ofstream out("/tmp/vanban-bench-tagging.pdf", std::ios::binary);
  struct rusage before {};
  getrusage(RUSAGE_SELF, &before);
  const double cpu_before = before.ru_utime.tv_sec + before.ru_utime.tv_usec / 1e6 + before.ru_stime.tv_sec +
                            before.ru_stime.tv_usec / 1e6;
  auto a = Clock::now();
  vanban::pdf::PdfBuilder builder(info, {vanban::layout::certificate_border(cert, batch.certificate)}, &out, write);
  auto result = engine.certificates(cert, list, "list.csv", batch,
                                    [&](size_t, const vanban::model::ListRow&, vanban::layout::Page& page) { builder.add_page(page); });
  builder.finish();
  out.close();
  const double seconds = ms(Clock::now() - a) / 1000;
  struct rusage usage {};
  getrusage(RUSAGE_SELF, &usage);
  const double cpu = usage.ru_utime.tv_sec + usage.ru_utime.tv_usec / 1e6 + usage.ru_stime.tv_sec +
                     usage.ru_stime.tv_usec / 1e6 - cpu_before;
  std::printf("certificates (%s): %zu pages in %.2f s (%.0f pages/s; %.2f s of CPU), %lld bytes, peak memory %.1f MB\n",
              argv[3], result.produced, seconds, result.produced / seconds, cpu,
              static_cast<long long>(std::ifstream("/tmp/vanban-bench-tagging.pdf", std::ios::ate | std::ios::binary).tellg()),
              usage.ru_maxrss / 1024.0);
  return 0;
}
