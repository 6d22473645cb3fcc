// Shared by the signing tests: keys made at test time by tests/sign/make_keys.sh (a test
// CA, the signer's and the body's PKCS#12 files, password "secret"; once per build, in
// VANBAN_SIGN_KEYS, shared by the test processes ctest runs), a small PDF written by
// the PDF writer, an appearance drawn with Liberation Serif, and the command runner.
#pragma once
#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <string>

#include "cli_harness.h"
#include "core/error.h"
#include "core/file_io.h"
#include "layout/frame.h"
#include "pdf/pdf_writer.h"
#include "sign/sign.h"
#include "test_fonts.h"
#include "text/shaper.h"

namespace vanban::test {

// `command`'s output (stderr merged), its exit status in `status`.
inline std::string run_command(const std::string& command, int* status = nullptr) {
  Result r = run(command);
  if (status) *status = r.status;
  return r.output;
}

// `f` throws vanban::Error of `kind` whose message contains `part`.
template <class F>
void expect_error(F f, ErrorKind kind, const std::string& part) {
  try {
    f();
    ADD_FAILURE() << "no error (expected one saying \"" << part << "\")";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), kind) << e.message();
    EXPECT_NE(e.message().find(part), std::string::npos) << e.message();
  }
}

// A directory of its own for this test program, with the keys in it (made once), removed
// at exit unless VANBAN_KEEP_TEST_FILES is set.
struct TempDir {
  std::string path;
  ~TempDir() {
    if (!getenv("VANBAN_KEEP_TEST_FILES")) std::filesystem::remove_all(path);
  }
};

inline const std::string& sign_dir() {
  static const TempDir dir = [] {
    std::string tmpl = (std::filesystem::temp_directory_path() / "vanban-sign-XXXXXX").string();
    TempDir d{mkdtemp(tmpl.data())};
    int status = 0;
    // The keys are made once per build (VANBAN_SIGN_KEYS) and linked here.
    std::string out = run_command("bash " VANBAN_SOURCE_DIR "/tests/sign/make_keys.sh " VANBAN_SIGN_KEYS, &status);
    if (status != 0) ADD_FAILURE() << out;
    std::filesystem::create_directory_symlink(VANBAN_SIGN_KEYS, d.path + "/keys");
    return d;
  }();
  return dir.path;
}

inline sign::KeySource p12_key(const std::string& who, const std::string& password = "secret") {
  sign::KeySource k;
  k.p12_path = sign_dir() + "/keys/" + who + ".p12";
  k.secret = password;
  return k;
}

// `utf8` shaped as one run of `size` pt with its baseline at (x, y).
inline layout::TextRun shaped_run(const std::string& utf8, double size, double x, double y) {
  layout::TextRun run;
  run.font = &liberation_fonts().face(false, false);
  run.size = size;
  auto glyphs = text::shape(*run.font, size, utf8);
  for (size_t i = 0; i < glyphs.size(); ++i) {
    // The cluster's text on its first glyph (left to right: clusters ascend).
    size_t start = glyphs[i].cluster, end = utf8.size();
    for (size_t j = i + 1; j < glyphs.size() && end == utf8.size(); ++j) {
      if (glyphs[j].cluster != start) end = glyphs[j].cluster;
    }
    std::string cluster = i > 0 && glyphs[i - 1].cluster == start ? "" : utf8.substr(start, end - start);
    run.glyphs.push_back({glyphs[i].glyph_id, x + glyphs[i].x_offset, y - glyphs[i].y_offset, glyphs[i].x_advance, cluster});
    x += glyphs[i].x_advance;
  }
  return run;
}

// A one-page A4 PDF with a line of text, as vanban writes it.
inline std::string sample_pdf(const std::string& line = "Kế hoạch tổ chức Ngày hội") {
  layout::Page page;
  page.runs.push_back(shaped_run(line, 14, 100, 100));
  layout::DocumentInfo info;
  info.title = "Kế hoạch";
  info.creation_date = "D:20210305091500+07'00'";
  return pdf::write_pdf({page}, info);
}

// A 10 pt box with a border and a line of text: the body's information box.
inline layout::Drawing info_box(const std::string& line = "Số: 05/KH-SGD&ĐT") {
  layout::Drawing d;
  d.width = 160;
  d.height = 30;
  d.rules = {{0, 0, 160, 0}, {160, 0, 160, 30}, {160, 30, 0, 30}, {0, 30, 0, 0}};
  d.runs.push_back(shaped_run(line, 10, 4, 18));
  return d;
}

inline std::string write_temp(const std::string& name, const std::string& bytes) {
  std::string path = sign_dir() + "/" + name;
  file_io::write_file_atomically(path, bytes);
  return path;
}

}  // namespace vanban::test
