// The engine facade: one Engine shared by threads, the validate command, font directories.
#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "core/file_io.h"
#include "vanban/engine.h"

namespace {

namespace fs = std::filesystem;
using namespace vanban;

const std::string kSource = VANBAN_SOURCE_DIR;
const std::string kCli = VANBAN_CLI;

EngineOptions options() {
  EngineOptions o;
  o.template_dirs = {kSource + "/templates"};
  o.font_manifest = kSource + "/fonts/fonts.xml";
  return o;
}

std::string shell(const std::string& command, int* status) {
  std::string out;
  FILE* pipe = popen((command + " 2>&1").c_str(), "r");
  std::array<char, 4096> buf;
  size_t n;
  while ((n = fread(buf.data(), 1, buf.size(), pipe)) > 0) out.append(buf.data(), n);
  int s = pclose(pipe);
  *status = WIFEXITED(s) ? WEXITSTATUS(s) : -1;
  return out;
}

TEST(Engine, ThreadsSharingOneEngineProduceTheSingleThreadedBytes) {
  const Engine engine(options());
  std::string data = file_io::read_file(kSource + "/samples/ke-hoach-hoa-binh-2021.json");
  std::string xml = file_io::read_file(kSource + "/samples/ke-hoach-hoa-binh-2021.xml");
  RenderOptions render;
  render.creation_date = "2021-03-05T08:00:00+07:00";
  const std::string expected = engine.render_pdf("ke-hoach", data, "sample.json", render);
  ASSERT_GT(expected.size(), 10000u);
  std::vector<std::string> results(8);
  std::vector<std::thread> threads;
  for (size_t t = 0; t < results.size(); ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 3; ++i) {
        results[t] = engine.render_pdf("ke-hoach", t % 2 ? xml : data, "sample", render);
      }
    });
  }
  for (auto& th : threads) th.join();
  for (const auto& r : results) EXPECT_TRUE(r == expected);
}

TEST(Engine, CreationDatesInIsoAndPdfForm) {
  EXPECT_EQ(pdf_date_from_iso("2021-03-05"), "D:20210305000000Z");
  EXPECT_EQ(pdf_date_from_iso("2021-03-05T08:30:15+07:00"), "D:20210305083015+07'00'");
  EXPECT_EQ(pdf_date_from_iso("2021-03-05T08:30Z"), "D:20210305083000Z");
  EXPECT_EQ(pdf_date_from_iso("D:20210305083000+07'00'"), "D:20210305083000+07'00'");
  EXPECT_THROW(pdf_date_from_iso("05/03/2021"), Error);
  EXPECT_THROW(pdf_date_from_iso("2021-03-05T8:30"), Error);
}

TEST(Cli, ValidateReportsPagesWithoutWriting) {
  int status = 0;
  std::string out = shell(kCli + " validate ke-hoach " + kSource + "/samples/ke-hoach-hoa-binh-2021.xml", &status);
  EXPECT_EQ(status, 0) << out;
  EXPECT_NE(out.find("valid ke-hoach (8 pages)"), std::string::npos) << out;
}

TEST(Cli, UsageErrorsExitWithStatus2) {
  int status = 0;
  shell(kCli + " render ke-hoach x.json", &status);  // no -o
  EXPECT_EQ(status, 2);
  shell(kCli + " frobnicate", &status);
  EXPECT_EQ(status, 2);
  std::string out = shell(kCli + " render ke-hoach /nonexistent/plan.json -o /tmp/x.pdf", &status);
  EXPECT_EQ(status, 1);
  EXPECT_NE(out.find("/nonexistent/plan.json"), std::string::npos) << out;
}

TEST(Cli, FontDirectoryWithTimesNewRomanFileNamesIsUsed) {
  // Stand-ins named like the Times New Roman files (times.ttf, timesbd.ttf, …).
  fs::path dir = fs::temp_directory_path() / ("vanban-tnr-" + std::to_string(getpid()));
  fs::create_directories(dir);
  const std::string lib = "/usr/share/fonts/truetype/liberation2/LiberationSerif-";
  fs::copy_file(lib + "Regular.ttf", dir / "times.ttf", fs::copy_options::overwrite_existing);
  fs::copy_file(lib + "Bold.ttf", dir / "TIMESBD.TTF", fs::copy_options::overwrite_existing);
  fs::copy_file(lib + "Italic.ttf", dir / "timesi.ttf", fs::copy_options::overwrite_existing);
  int status = 0;
  std::string out = shell(kCli + " render ke-hoach " + kSource + "/samples/ke-hoach-hoa-binh-2021.json -o " +
                              (dir / "p.pdf").string() + " --font-dir " + dir.string(),
                          &status);
  EXPECT_EQ(status, 1) << "the bold italic face is missing: " << out;
  EXPECT_NE(out.find("bold-italic"), std::string::npos) << out;
  EXPECT_FALSE(fs::exists(dir / "p.pdf"));
  fs::copy_file(lib + "BoldItalic.ttf", dir / "timesbi.ttf", fs::copy_options::overwrite_existing);
  out = shell(kCli + " render ke-hoach " + kSource + "/samples/ke-hoach-hoa-binh-2021.json -o " +
                  (dir / "p.pdf").string() + " --font-dir " + dir.string(),
              &status);
  EXPECT_EQ(status, 0) << out;
  EXPECT_TRUE(fs::exists(dir / "p.pdf"));
  fs::remove_all(dir);
}

}  // namespace
