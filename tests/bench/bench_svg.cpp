// Benchmark (not a test): what an SVG preview costs per page (issue #15), beside the PDF of
// the same pages. Each document is laid out once; then write_svg and write_pdf are timed
// over the same pages, fonts loaded once.
//   vanban_bench_svg <repo-root> [iterations] [svg-only]
// Prints, for the plan, a form, a decision and a page of certificates: pages, the median
// time per page of each writer and the bytes per page. With "svg-only" the PDF is not
// written (for `perf stat -e instructions`: instructions per SVG page, repeatable on a
// busy machine, from two runs of different iteration counts).
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

#include "core/file_io.h"
#include "vanban/engine.h"

namespace {

using Clock = std::chrono::steady_clock;

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

bool svg_only = false;

void measure(const vanban::Engine& engine, const char* name, const vanban::layout::LaidOutDocument& doc,
             int iterations) {
  vanban::RenderOptions render;
  render.creation_date = "2022-05-15";
  std::vector<double> svg_ms, pdf_ms;
  size_t svg_bytes = 0, pdf_bytes = 0;
  for (int i = 0; i < iterations; ++i) {
    auto a = Clock::now();
    std::vector<std::string> svgs = engine.write_svg(doc, render);
    auto b = Clock::now();
    std::string pdf = svg_only ? std::string() : engine.write_pdf(doc, render);
    auto c = Clock::now();
    svg_ms.push_back(std::chrono::duration<double, std::milli>(b - a).count());
    pdf_ms.push_back(std::chrono::duration<double, std::milli>(c - b).count());
    svg_bytes = 0;
    for (const auto& s : svgs) svg_bytes += s.size();
    pdf_bytes = pdf.size();
  }
  const double pages = static_cast<double>(doc.pages.size());
  std::printf("%-12s %5zu pages   SVG %7.3f ms/page %8.0f bytes/page   PDF %7.3f ms/page %8.0f bytes/page\n", name,
              doc.pages.size(), median(svg_ms) / pages, svg_bytes / pages, median(pdf_ms) / pages, pdf_bytes / pages);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: %s <repo-root> [iterations]\n", argv[0]);
    return 2;
  }
  const std::string root = argv[1];
  const int iterations = argc > 2 ? std::max(1, std::atoi(argv[2])) : 50;
  svg_only = argc > 3 && std::string(argv[3]) == "svg-only";
  vanban::EngineOptions options;
  options.template_dirs = {root + "/templates"};
  options.font_manifest = root + "/fonts/fonts.xml";
  vanban::Engine engine(options);
  auto lay_out = [&](const char* tpl, const char* sample) {
    const std::string path = root + "/samples/" + sample;
    return engine.lay_out(engine.load_template(tpl), vanban::file_io::read_file(path), path, false);
  };
  measure(engine, "plan", lay_out("ke-hoach", "ke-hoach-hoa-binh-2021.json"), iterations);
  measure(engine, "form", lay_out("phu-luc-1", "phu-luc-1-dang-ky.json"), iterations);
  measure(engine, "decision", lay_out("quyet-dinh", "quyet-dinh.json"), iterations);
  // The certificates of the sample list (its good rows), the border shared.
  const vanban::style::Template tpl = engine.load_template("giay-khen");
  vanban::BatchOptions batch;
  vanban::layout::LaidOutDocument certificates;
  certificates.graphics.push_back(vanban::layout::certificate_border(tpl, batch.certificate));
  engine.certificates(tpl, vanban::file_io::read_file(root + "/samples/danh-sach-khen-thuong.csv"), "list.csv", batch,
                      [&](size_t, const vanban::model::ListRow&, vanban::layout::Page& page) {
                        certificates.pages.push_back(std::move(page));
                      });
  measure(engine, "certificate", certificates, iterations);
  return 0;
}
