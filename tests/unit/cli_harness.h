// What the end-to-end tests share: running a command (the vanban CLI, pdftotext, qpdf,
// LibreOffice…) and a scratch directory removed when the test ends.
#pragma once
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <regex>
#include <stdexcept>
#include <sstream>
#include <string>

namespace vanban::test {

// AddressSanitizer reserves terabytes of address space and aborts when it cannot map
// more: an address-space limit tests nothing of ours there.
#if defined(__SANITIZE_ADDRESS__)
constexpr bool kSanitized = true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
constexpr bool kSanitized = true;
#else
constexpr bool kSanitized = false;
#endif
#else
constexpr bool kSanitized = false;
#endif

struct Result {
  int status;
  std::string output;  // stdout and stderr
};

// Runs `command` with /bin/sh, stderr merged into stdout.
inline Result run(const std::string& command) {
  Result r{0, {}};
  FILE* pipe = popen((command + " 2>&1").c_str(), "r");
  if (!pipe) return {-1, "popen failed"};
  std::array<char, 4096> buf;
  size_t n;
  while ((n = fread(buf.data(), 1, buf.size(), pipe)) > 0) r.output.append(buf.data(), n);
  int status = pclose(pipe);
  r.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

// A whole file's bytes ("" when it cannot be read).
inline std::string read_bytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Runs of white space folded to one space, none at either end.
inline std::string collapse_spaces(const std::string& s) {
  std::string out;
  bool space = false;
  for (char c : s) {
    if (c == ' ' || c == '\n' || c == '\t' || c == '\f' || c == '\r') {
      space = true;
    } else {
      if (space && !out.empty()) out += ' ';
      space = false;
      out += c;
    }
  }
  return out;
}

// Single-quoted for the shell (test paths hold no quote).
inline std::string q(const std::string& s) { return "'" + s + "'"; }

// A new, empty directory under the system temp directory (mkdtemp: never one left over
// by an earlier process that had the same pid).
inline std::filesystem::path fresh_temp_dir(const std::string& prefix) {
  std::string name = (std::filesystem::temp_directory_path() / (prefix + "-XXXXXX")).string();
  if (!mkdtemp(name.data())) throw std::runtime_error("mkdtemp failed for " + name);
  return name;
}

// A fresh directory, removed with everything in it.
struct Dir {
  std::filesystem::path path;
  explicit Dir(const std::string& prefix = "vanban-test") : path(fresh_temp_dir(prefix)) {}
  ~Dir() { std::filesystem::remove_all(path); }
  Dir(const Dir&) = delete;
  Dir& operator=(const Dir&) = delete;
  std::string file(const std::string& name) const { return (path / name).string(); }
  std::string write(const std::string& name, const std::string& text) const {
    std::ofstream(path / name, std::ios::binary) << text;
    return file(name);
  }
};

// Converts `docx` to PDF with LibreOffice headless into `out_dir`, with a profile of its
// own (two conversions sharing a profile fail); returns the PDF's path ("" on failure,
// with LibreOffice's output in `log`).
inline std::string libreoffice_pdf(const std::string& docx, const std::filesystem::path& out_dir,
                                   std::string* log = nullptr) {
  std::filesystem::create_directories(out_dir);
  Result r = run("timeout 180 soffice -env:UserInstallation=file://" + (out_dir / "profile").string() +
                 " --headless --convert-to pdf --outdir " + q(out_dir.string()) + " " + q(docx));
  if (log) *log = r.output;
  std::filesystem::path pdf = out_dir / (std::filesystem::path(docx).stem().string() + ".pdf");
  return r.status == 0 && std::filesystem::exists(pdf) ? pdf.string() : std::string();
}

// The page count pdfinfo reads, -1 when it reads none.
inline int pdf_page_count(const std::string& pdf) {
  Result r = run("pdfinfo " + q(pdf));
  std::smatch m;
  return std::regex_search(r.output, m, std::regex(R"(Pages:\s+(\d+))")) ? std::stoi(m[1]) : -1;
}

}  // namespace vanban::test
