// Benchmark (not a test): the sample plan rendered in-process, fonts loaded once.
//   vanban_bench_plan <repo-root> [iterations]
// Prints the median and minimum time of each stage and of the whole render.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

#include "core/file_io.h"
#include "vanban/engine.h"

namespace {

using Clock = std::chrono::steady_clock;

struct Stats {
  std::vector<double> ms;
  void add(Clock::duration d) { ms.push_back(std::chrono::duration<double, std::milli>(d).count()); }
  double median() {
    std::sort(ms.begin(), ms.end());
    return ms[ms.size() / 2];
  }
  double min() { return *std::min_element(ms.begin(), ms.end()); }
};

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: %s <repo-root> [iterations]\n", argv[0]);
    return 2;
  }
  std::string root = argv[1];
  int iterations = argc > 2 ? std::atoi(argv[2]) : 200;

  auto t0 = Clock::now();
  vanban::EngineOptions options;
  options.template_dirs = {root + "/templates"};
  options.font_manifest = root + "/fonts/fonts.xml";
  vanban::Engine engine(options);
  auto font_load = Clock::now() - t0;

  std::string data = vanban::file_io::read_file(root + "/samples/ke-hoach-hoa-binh-2021.json");
  vanban::RenderOptions render;
  render.creation_date = "2021-03-05T08:00:00+07:00";

  Stats parse, layout, write, total, docx;
  size_t pages = 0, bytes = 0, docx_bytes = 0;
  for (int i = 0; i < iterations; ++i) {
    auto a = Clock::now();
    auto tpl = engine.load_template("ke-hoach");
    auto doc = engine.load_document(data, "sample.json");
    auto b = Clock::now();
    auto laid = engine.layout(doc, tpl);
    auto c = Clock::now();
    std::string pdf = engine.write_pdf(laid, render);
    auto d = Clock::now();
    parse.add(b - a);
    layout.add(c - b);
    write.add(d - c);
    total.add(d - a);
    pages = laid.pages.size();
    bytes = pdf.size();
    auto e = Clock::now();
    std::string word = engine.render_docx(tpl, data, "sample.json", render);
    docx.add(Clock::now() - e);
    docx_bytes = word.size();
  }
  std::printf("font loading (once)        %8.2f ms\n", std::chrono::duration<double, std::milli>(font_load).count());
  std::printf("iterations                 %8d\n", iterations);
  std::printf("pages, PDF bytes           %8zu %zu\n", pages, bytes);
  std::printf("template + model (median)  %8.3f ms\n", parse.median());
  std::printf("layout (median)            %8.3f ms\n", layout.median());
  std::printf("PDF writing (median)       %8.3f ms\n", write.median());
  std::printf("whole render (median)      %8.3f ms   (min %.3f ms)\n", total.median(), total.min());
  std::printf("DOCX, model to bytes (median) %5.3f ms   (min %.3f ms), %zu bytes\n", docx.median(), docx.min(), docx_bytes);
  return 0;
}
