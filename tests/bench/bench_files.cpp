// Benchmark (not a test): what making files durable costs, without rendering anything
// (issue #14, one file per row): N files of the same bytes (a certificate's ~20 KB) put
// in a new directory by file_io::stage_file + commit_files, for each file_io::Durability,
// in groups of G (EachFile: the group size does not matter), and with no sync at all as
// the floor (write, rename).
//   vanban_bench_files <dir> [files] [bytes] [group]
// <dir> must be on the file system to measure; a new sub-directory per run is made in it
// and removed after. Prints files/s, wall and CPU (user+sys) per run.
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include "core/file_io.h"

namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;
using vanban::file_io::Durability;

double cpu_s() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return u.ru_utime.tv_sec + u.ru_stime.tv_sec + (u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

void run(const fs::path& root, const char* name, int files, const std::string& bytes, size_t group, int mode) {
  const fs::path dir = root / (std::string("bench-") + name);
  fs::remove_all(dir);
  fs::create_directories(dir);
  const auto start = Clock::now();
  const double cpu = cpu_s();
  std::vector<vanban::file_io::StagedFile> staged;
  for (int i = 0; i < files; ++i) {
    const std::string path = (dir / ("row-" + std::to_string(i) + ".pdf")).string();
    if (mode < 0) {  // the floor: a temporary written and renamed, nothing synced
      const std::string tmp = path + ".tmp";
      FILE* f = std::fopen(tmp.c_str(), "wb");
      std::fwrite(bytes.data(), 1, bytes.size(), f);
      std::fclose(f);
      fs::rename(tmp, path);
      continue;
    }
    const auto how = static_cast<Durability>(mode);
    staged.push_back(vanban::file_io::stage_file(path, bytes, vanban::file_io::Existing::Keep, how));
    if (staged.size() == group || i + 1 == files) {
      vanban::file_io::commit_files(staged, how);
      staged.clear();
    }
  }
  const double wall = std::chrono::duration<double>(Clock::now() - start).count();
  std::printf("| %-28s | %5d | %4zu | %7.3f s | %6.0f | %6.3f s |\n", name, files, mode < 0 ? 0 : group, wall,
              files / wall, cpu_s() - cpu);
  fs::remove_all(dir);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: %s <dir> [files] [bytes] [group]\n", argv[0]);
    return 2;
  }
  const fs::path root = argv[1];
  const int files = argc > 2 ? std::stoi(argv[2]) : 2000;
  const std::string bytes(argc > 3 ? std::stoul(argv[3]) : 20700, 'x');
  const size_t group = argc > 4 ? std::stoul(argv[4]) : 32;
  std::printf("| durability | files | group | wall | files/s | CPU |\n|---|---:|---:|---:|---:|---:|\n");
  run(root, "no sync (floor)", files, bytes, group, -1);
  run(root, "EachFile (fsync + dir fsync)", files, bytes, group, static_cast<int>(Durability::EachFile));
  run(root, "Grouped (fdatasync each)", files, bytes, group, static_cast<int>(Durability::Grouped));
  run(root, "FileSystem (syncfs)", files, bytes, group, static_cast<int>(Durability::FileSystem));
  return 0;
}
