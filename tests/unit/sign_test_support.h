// Shared by the signing tests: keys made at test time by tests/sign/make_keys.sh (a test
// CA, the signer's and the body's PKCS#12 files, password "secret"), a small PDF written by
// the PDF writer, an appearance drawn with Liberation Serif, and the command runner.
#pragma once
#include <gtest/gtest.h>
#include <hb.h>
#include <stdlib.h>
#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <string>

#include "core/file_io.h"
#include "layout/frame.h"
#include "pdf/pdf_writer.h"
#include "sign/sign.h"
#include "test_fonts.h"

namespace vanban::test {

inline std::string run_command(const std::string& command, int* status = nullptr) {
  std::string out;
  FILE* pipe = popen((command + " 2>&1").c_str(), "r");
  std::array<char, 4096> buf;
  size_t n;
  while ((n = fread(buf.data(), 1, buf.size(), pipe)) > 0) out.append(buf.data(), n);
  int s = pclose(pipe);
  if (status) *status = WIFEXITED(s) ? WEXITSTATUS(s) : -1;
  return out;
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
    std::string out = run_command("bash " VANBAN_SOURCE_DIR "/tests/sign/make_keys.sh " + d.path + "/keys", &status);
    if (status != 0) ADD_FAILURE() << out;
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
  const text::Font& font = liberation_fonts().face(false, false);
  layout::TextRun run;
  run.font = &font;
  run.size = size;
  hb_buffer_t* b = hb_buffer_create();
  hb_buffer_add_utf8(b, utf8.data(), static_cast<int>(utf8.size()), 0, -1);
  hb_buffer_guess_segment_properties(b);
  hb_shape(font.hb_font(), b, nullptr, 0);
  unsigned count = 0;
  hb_glyph_info_t* info = hb_buffer_get_glyph_infos(b, &count);
  hb_glyph_position_t* pos = hb_buffer_get_glyph_positions(b, &count);
  for (unsigned i = 0; i < count; ++i) {
    unsigned start = info[i].cluster;
    unsigned end = i + 1 < count ? info[i + 1].cluster : utf8.size();
    double advance = pos[i].x_advance * size / font.units_per_em();
    run.glyphs.push_back({info[i].codepoint, x, y, advance, utf8.substr(start, end - start)});
    x += advance;
  }
  hb_buffer_destroy(b);
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
