// Benchmark (not a test): the sample plan rendered in-process, fonts loaded once.
//   vanban_bench_plan <repo-root> [iterations]
// Prints the median and minimum time of each stage and of the whole render (one engine
// rendering the plan again and again, as a server does), then the render by engines
// that have rendered nothing yet, and by engines that have rendered the other samples.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
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
  // The same render by engines that have rendered nothing yet (no template read, no
  // shaping remembered: what the first render of `vanban render` pays), fonts loaded
  // outside the time; and by an engine that has rendered every other sample once (words
  // recur across documents, the plan itself has not been seen).
  Stats cold, after_others;
  for (int i = 0; i < std::max(3, iterations / 10); ++i) {
    vanban::Engine fresh(options);
    auto a = Clock::now();
    auto tpl = fresh.load_template("ke-hoach");
    std::string pdf = fresh.write_pdf(fresh.layout(fresh.load_document(data, "sample.json"), tpl), render);
    cold.add(Clock::now() - a);
  }
  for (int i = 0; i < std::max(3, iterations / 60); ++i) {
    vanban::Engine warm(options);
    for (const auto& entry : std::filesystem::directory_iterator(root + "/samples")) {
      const std::string name = entry.path().filename().string();
      if (entry.path().extension() != ".json" || name.rfind("ke-hoach", 0) == 0) continue;
      std::string other = vanban::file_io::read_file(entry.path().string());
      try {
        auto doc = warm.load_document(other, name);
        auto tpl = warm.load_template(doc.template_name.empty() ? name.substr(0, name.size() - 5) : doc.template_name);
        warm.write_pdf(warm.layout(doc, tpl), render);
      } catch (const vanban::Error&) {
        // A sample of another layout (forms, certificates): not an administrative document.
      }
    }
    auto a = Clock::now();
    auto tpl = warm.load_template("ke-hoach");
    std::string pdf = warm.write_pdf(warm.layout(warm.load_document(data, "sample.json"), tpl), render);
    after_others.add(Clock::now() - a);
  }
  std::printf("font loading (once)        %8.2f ms\n", std::chrono::duration<double, std::milli>(font_load).count());
  std::printf("iterations                 %8d\n", iterations);
  std::printf("pages, PDF bytes           %8zu %zu\n", pages, bytes);
  std::printf("template + model (median)  %8.3f ms\n", parse.median());
  std::printf("layout (median)            %8.3f ms\n", layout.median());
  std::printf("PDF writing (median)       %8.3f ms\n", write.median());
  std::printf("whole render (median)      %8.3f ms   (min %.3f ms)\n", total.median(), total.min());
  std::printf("first render of an engine   %8.3f ms   (median of %zu engines, min %.3f ms)\n", cold.median(),
              cold.ms.size(), cold.min());
  std::printf("after the other samples    %8.3f ms   (median of %zu engines)\n", after_others.median(),
              after_others.ms.size());
  std::printf("DOCX, model to bytes (median) %5.3f ms   (min %.3f ms), %zu bytes\n", docx.median(), docx.min(), docx_bytes);
  return 0;
}
