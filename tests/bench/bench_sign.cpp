// Time of sign::sign_pdf on a file: the key opened once, then the file signed N times
// (B-B, a fixed time, an appearance of one text line and a border, as the info box).
//   vanban_bench_sign FILE.pdf KEY.p12 PASSWORD [N]
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "core/file_io.h"
#include "sign/sign.h"

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
  std::printf("open key: %.2f ms\nsign: %.3f ms per signature (%d signatures, %zu -> %zu bytes)\n", ms(t1 - t0),
              ms(t2 - t1) / n, n, pdf.size(), bytes / n);
  return 0;
}
