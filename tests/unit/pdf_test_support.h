// Pages built by hand for the PDF writer's tests (pdf_*_test.cpp): runs of real glyphs
// of the Liberation faces, a temporary directory, the sample pages and their info.
#pragma once
#include <hb.h>
#include <unistd.h>

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "cli_harness.h"
#include "core/file_io.h"
#include "layout/frame.h"
#include "test_fonts.h"
#include "text/font.h"

namespace vanban::test {

inline const text::FontFamily& fonts() { return liberation_fonts(); }

// What `command` prints (stdout and stderr); its exit status in `status`.
inline std::string output_of(const std::string& command, int* status = nullptr) {
  Result r = run(command);
  if (status) *status = r.status;
  return r.output;
}

// A run of `utf8` in `font` at (x, y), one glyph per code point, natural advances.
// `texts` may override the text each glyph stands for.
inline layout::TextRun make_run(const text::Font& font, double size, const std::string& utf8, double x, double y,
                                std::vector<std::string> texts = {}) {
  layout::TextRun run;
  run.font = &font;
  run.size = size;
  size_t i = 0, k = 0;
  while (i < utf8.size()) {
    size_t n = 1;
    while (i + n < utf8.size() && (static_cast<unsigned char>(utf8[i + n]) & 0xC0) == 0x80) ++n;
    std::string ch = utf8.substr(i, n);
    hb_buffer_t* b = hb_buffer_create();
    hb_buffer_add_utf8(b, ch.data(), static_cast<int>(ch.size()), 0, -1);
    hb_buffer_guess_segment_properties(b);
    hb_shape(font.hb_font(), b, nullptr, 0);
    unsigned count;
    hb_glyph_info_t* info = hb_buffer_get_glyph_infos(b, &count);
    uint32_t gid = info[0].codepoint;
    hb_buffer_destroy(b);
    double advance = font.glyph_advance(gid) * size / font.units_per_em();
    run.glyphs.push_back({gid, x, y, advance, k < texts.size() ? texts[k] : ch});
    x += advance;
    i += n;
    ++k;
  }
  return run;
}

struct TempDir {
  std::filesystem::path path = std::filesystem::temp_directory_path() / ("vanban-pdf-" + std::to_string(getpid()) + "-" +
                                               std::to_string(reinterpret_cast<uintptr_t>(this)));
  TempDir() { std::filesystem::create_directories(path); }
  ~TempDir() { std::filesystem::remove_all(path); }
  std::string write(const std::string& name, const std::string& bytes) const {
    file_io::write_file_atomically((path / name).string(), bytes);
    return (path / name).string();
  }
};

inline std::vector<layout::Page> sample_pages() {
  layout::Page page;
  page.runs.push_back(make_run(fonts().face(true, false), 13, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 300, 70));
  page.runs.push_back(make_run(fonts().face(true, false), 14, "Độc lập - Tự do - Hạnh phúc", 330, 86));
  page.runs.push_back(make_run(fonts().face(false, true), 14, "Hòa Bình, ngày 05 tháng 3 năm 2021", 310, 110));
  page.runs.push_back(make_run(fonts().face(true, true), 12, "Nơi nhận:", 85, 400));
  page.runs.push_back(make_run(fonts().face(false, false), 14, "Số: 05/KH-UBND", 100, 110));
  // The glyph "o" standing once for "o" and once for "ò" (a base letter that carried a
  // combining mark): each must copy back as its own text.
  page.runs.push_back(make_run(fonts().face(false, false), 14, "oo", 100, 200, {"o", "ò"}));
  page.rules.push_back(layout::Rule{330, 90, 500, 90, 0.6, {}});
  layout::Page second;
  second.runs.push_back(make_run(fonts().face(false, false), 14, "2", 290, 40));
  return {page, second};
}

inline layout::DocumentInfo info(const std::string& date = "D:20210305083000+07'00'") {
  layout::DocumentInfo i;
  i.title = "Kế hoạch xây dựng, nhân rộng";
  i.author = "SỞ GIÁO DỤC VÀ ĐÀO TẠO";
  i.creation_date = date;
  return i;
}

}  // namespace vanban::test
