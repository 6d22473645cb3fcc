// Time of sign::sign_pdf on a file: the key opened once, then the file signed N times
// (B-B, a fixed time), invisible and then with an appearance of one line of 10 pt text in
// a border (the body's information box: its font subset and embedded each time).
//   vanban_bench_sign FILE.pdf KEY.p12 PASSWORD [N [FONT.ttf]]
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>

#include <podofo/podofo.h>

#include "core/file_io.h"
#include "sign/incremental.h"
#include "sign/sign.h"
#include "text/font.h"
#include "text/shaper.h"

int main(int argc, char** argv) {
  if (argc < 4) {
    std::fprintf(stderr, "usage: %s FILE.pdf KEY.p12 PASSWORD [N]\n", argv[0]);
    return 2;
  }
  using clock = std::chrono::steady_clock;
  std::string pdf = vanban::file_io::read_file(argv[1]);
  vanban::sign::KeySource source;
  source.p12_path = argv[2];
  source.secret = argv[3];
  int n = argc > 4 ? std::atoi(argv[4]) : 200;
  auto t0 = clock::now();
  auto signer = vanban::sign::open_signer(source);
  auto t1 = clock::now();
  vanban::sign::SignOptions options;
  options.signing_time = "2021-03-05T09:15:30+07:00";
  size_t bytes = 0;
  for (int i = 0; i < n; ++i) bytes += vanban::sign::sign_pdf(pdf, *signer, options).size();
  auto t2 = clock::now();
  auto ms = [](auto d) { return std::chrono::duration<double, std::milli>(d).count(); };
  std::printf("open key: %.2f ms\nsign, invisible: %.3f ms per signature (%d signatures, %zu -> %zu bytes)\n",
              ms(t1 - t0), ms(t2 - t1) / n, n, pdf.size(), bytes / n);

  auto font = vanban::text::Font::load(argc > 5 ? argv[5] : "/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf");
  const std::string line = "Số: 05/KH-SGD&ĐT; 05/3/2021 09:15:30 +07:00";
  vanban::layout::TextRun run;
  run.font = font.get();
  run.size = 10;
  double x = 4;
  for (const auto& g : vanban::text::shape(*font, 10, line)) {
    run.glyphs.push_back({g.glyph_id, x + g.x_offset, 18 - g.y_offset, g.x_advance, ""});
    x += g.x_advance;
  }
  run.glyphs.front().text = line;
  options.appearance.width = x + 4;
  options.appearance.height = 30;
  options.appearance.runs.push_back(run);
  options.appearance.rules = {{0, 0, x + 4, 0}, {x + 4, 0, x + 4, 30}, {x + 4, 30, 0, 30}, {0, 30, 0, 0}};
  options.x = 300;
  options.y = 30;
  bytes = 0;
  auto t3 = clock::now();
  for (int i = 0; i < n; ++i) bytes += vanban::sign::sign_pdf(pdf, *signer, options).size();
  auto t4 = clock::now();
  std::printf("sign, info box: %.3f ms per signature (%zu bytes)\n", ms(t4 - t3) / n, bytes / n);

  // What reading the file costs: the update's load-on-demand parse against parsing every
  // object (what a PdfMemDocument does).
  auto t5 = clock::now();
  for (int i = 0; i < n; ++i) vanban::sign::IncrementalUpdate update(pdf);
  auto t6 = clock::now();
  for (int i = 0; i < n; ++i) {
    PoDoFo::PdfVecObjects objects;
    PoDoFo::PdfParser parser(&objects);
    parser.ParseFile(PoDoFo::PdfRefCountedInputDevice(pdf.data(), pdf.size()), false);
  }
  auto t7 = clock::now();
  std::printf("read, load-on-demand: %.3f ms; every object parsed: %.3f ms\n", ms(t6 - t5) / n, ms(t7 - t6) / n);
  return 0;
}
