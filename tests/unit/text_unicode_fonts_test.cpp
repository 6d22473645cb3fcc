#include <gtest/gtest.h>

#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/error.h"
#include "core/file_io.h"
#include "core/unicode.h"
#include "test_fonts.h"
#include "text/font.h"
#include "text/line_breaker.h"
#include "text/shaper.h"

namespace {

using namespace vanban;
namespace fs = std::filesystem;

constexpr double kMm = 72.0 / 25.4;

const text::FontFamily& fonts() { return test::liberation_fonts(); }

// --- Unicode ---------------------------------------------------------------------------

TEST(Unicode, DecomposedBecomesPrecomposed) {
  EXPECT_EQ(unicode::to_nfc("Ho\xCC\x80" "a Bi\xCC\x80" "nh"), "Hòa Bình");
  EXPECT_EQ(unicode::to_nfc("e\xCC\x82\xCC\xA3"), "ệ");       // e + circumflex + dot below
  EXPECT_EQ(unicode::to_nfc("e\xCC\xA3\xCC\x82"), "ệ");       // marks in the other order
  EXPECT_EQ(unicode::to_nfc("Đổi mới"), "Đổi mới");
}

TEST(Unicode, UpperCasingUsesVietnameseRules) {
  EXPECT_EQ(unicode::to_upper_vi("Sở Giáo dục và Đào tạo tỉnh Hòa Bình"), "SỞ GIÁO DỤC VÀ ĐÀO TẠO TỈNH HÒA BÌNH");
  EXPECT_EQ(unicode::to_upper_vi("đ ư ơ ệ ỹ"), "Đ Ư Ơ Ệ Ỹ");
}

TEST(Unicode, InvalidUtf8IsFoundAtItsByte) {
  EXPECT_EQ(unicode::find_invalid_utf8("Hòa Bình"), std::nullopt);
  EXPECT_EQ(unicode::find_invalid_utf8("ab\xC0\xAF"), 2u);          // overlong "/"
  EXPECT_EQ(unicode::find_invalid_utf8("ab\x80"), 2u);              // lone continuation byte
  EXPECT_EQ(unicode::find_invalid_utf8("a\xED\xA0\x80"), 1u);       // surrogate U+D800
  EXPECT_EQ(unicode::find_invalid_utf8("xyz\xE1\xBB"), 3u);         // truncated
  EXPECT_EQ(unicode::find_invalid_utf8("\xF4\x90\x80\x80"), 0u);   // above U+10FFFF
}

TEST(Unicode, DescribesCodePoints) {
  EXPECT_EQ(unicode::describe_code_point("a中", 1), "U+4E2D '中'");
  EXPECT_EQ(unicode::count_code_points("Hòa Bình", 4), 3u);
}

// --- line breaking -------------------------------------------------------------------------

bool breaks_inside(const std::string& text, const std::string& token) {
  size_t start = text.find(token);
  for (const auto& op : text::line_break_opportunities(text)) {
    if (op.offset > start && op.offset < start + token.size()) return true;
  }
  return false;
}

TEST(LineBreaking, NumbersSymbolsAndDatesNeverSplit) {
  for (std::string token : {"621/BGDĐT-TĐKT", "02/1/2020", "34-CT/TW", "34/CT-TW", "34-CT/TƯ", "KH-SGD&ĐT",
                            "2021-2025", "3.883.105", "p.tonghop@hoabinh.edu.vn", "22/02/2021", "05/KH-UBND"}) {
    std::string sentence = "Thực hiện văn bản số " + token + " của Bộ Giáo dục và Đào tạo";
    EXPECT_FALSE(breaks_inside(sentence, token)) << token;
  }
}

TEST(LineBreaking, SpacesAreOpportunitiesAndTheTailoringIsNeeded) {
  std::string s = "giai đoạn 2021 - 2025 xong";
  auto ops = text::line_break_opportunities(s);
  std::vector<size_t> offsets;
  for (auto& o : ops) offsets.push_back(o.offset);
  EXPECT_NE(std::find(offsets.begin(), offsets.end(), s.find("2025")), offsets.end());
  EXPECT_NE(std::find(offsets.begin(), offsets.end(), s.find("- ")), offsets.end());
  EXPECT_EQ(offsets.back(), s.size());
}

// --- fonts and shaping --------------------------------------------------------------------

// The spec's table gives the widths as sums of the glyphs' advances (Word's default,
// no kerning). HarfBuzz also applies the font's kerning, which only tightens capitals.
TEST(Shaping, WidthsMatchTheSpecTable) {
  struct Case {
    bool bold, italic;
    double size;
    std::string text;
    double spec_mm;
  };
  const Case cases[] = {{true, false, 13, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 95.7},
                        {true, false, 12, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 88.3},
                        {true, false, 14, "Độc lập - Tự do - Hạnh phúc", 60.5},
                        {true, false, 13, "SỞ GIÁO DỤC VÀ ĐÀO TẠO", 60.8},
                        {false, false, 13, "UBND TỈNH HÒA BÌNH", 48.5},
                        {false, true, 14, "Hòa Bình, ngày 05 tháng 3 năm 2021", 74.4},
                        {false, false, 13, "Số: 05/KH-UBND", 34.3},
                        {true, false, 14, "KẾ HOẠCH", 27.0},
                        {true, false, 14, "Phụ lục I", 19.2},
                        {true, true, 12, "Nơi nhận:", 18.2}};
  for (const auto& c : cases) {
    const auto& font = fonts().face(c.bold, c.italic);
    auto glyphs = text::shape(font, c.size, c.text);
    double advances = 0;
    for (const auto& g : glyphs) advances += font.glyph_advance(g.glyph_id) * c.size / font.units_per_em();
    EXPECT_NEAR(advances / kMm, c.spec_mm, 0.06) << c.text;
    double shaped = text::measure(font, c.size, c.text) / kMm;
    EXPECT_LE(shaped, advances / kMm + 1e-9) << c.text;
    EXPECT_GT(shaped, c.spec_mm - 1.0) << c.text;
  }
}

TEST(Shaping, EveryVietnameseLetterHasAGlyphInAllFourFaces) {
  const std::string lower = "aàảãáạăằẳẵắặâầẩẫấậbcdđeèẻẽéẹêềểễếệghiìỉĩíịklmnoòỏõóọôồổỗốộơờởỡớợpqrstuùủũúụưừửữứựvxyỳỷỹýỵ";
  std::string both = lower + unicode::to_upper_vi(lower);
  int letters = 0;
  for (size_t i = 0; i < both.size();) {
    size_t n = 1;
    while (i + n < both.size() && (static_cast<unsigned char>(both[i + n]) & 0xC0) == 0x80) ++n;
    std::string letter = both.substr(i, n);
    if (n > 1) ++letters;
    for (int face = 0; face < 4; ++face) {
      auto glyphs = text::shape(fonts().face(static_cast<text::FaceStyle>(face)), 14, letter);
      ASSERT_EQ(glyphs.size(), 1u) << letter;
      EXPECT_NE(glyphs[0].glyph_id, 0u) << letter;
    }
    i += n;
  }
  EXPECT_EQ(letters, 134);
}

TEST(Shaping, MissingCharacterIsAnErrorNamingIt) {
  try {
    text::shape(fonts().face(false, false), 14, "Hòa 中");
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::Font);
    EXPECT_NE(e.message().find("U+4E2D"), std::string::npos) << e.what();
    EXPECT_NE(e.file().find("LiberationSerif-Regular"), std::string::npos);
  }
}

TEST(Fonts, LoadErrorsNameThePath) {
  try {
    text::Font::load("/nonexistent/times.ttf");
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.file(), "/nonexistent/times.ttf");
  }
  fs::path junk = fs::temp_directory_path() / "vanban-not-a-font.ttf";
  std::ofstream(junk) << "not a font";
  try {
    text::Font::load(junk.string());
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.file(), junk.string());
    EXPECT_NE(e.message().find("not a"), std::string::npos);
  }
  fs::remove(junk);
}

TEST(Fonts, MetricsAreTimesCompatible) {
  const auto& f = fonts().face(false, false);
  EXPECT_EQ(f.units_per_em(), 2048);
  EXPECT_NEAR(f.line_height(14), 14 * 2355.0 / 2048, 0.01);
  EXPECT_TRUE(fonts().face(true, true).is_bold());
  EXPECT_TRUE(fonts().face(true, true).is_italic());
  EXPECT_LT(fonts().face(false, true).italic_angle(), 0);
}

// --- all-or-nothing output ------------------------------------------------------------------

TEST(FileOutput, FailedWriteKeepsTheOldFileAndLeavesNoTemporary) {
  fs::path dir = fs::temp_directory_path() / ("vanban-io-" + std::to_string(getpid()));
  fs::create_directories(dir);
  fs::path target = dir / "out.pdf";
  file_io::write_file_atomically(target.string(), "first");
  EXPECT_EQ(file_io::read_file(target.string()), "first");
  file_io::write_file_atomically(target.string(), "second");
  EXPECT_EQ(file_io::read_file(target.string()), "second");
  // A directory that cannot be written to (root ignores permissions, so use a path
  // under a regular file instead).
  fs::path blocked = dir / "file-not-dir" / "out.pdf";
  std::ofstream(dir / "file-not-dir") << "x";
  EXPECT_THROW(file_io::write_file_atomically(blocked.string(), "data"), Error);
  // Writing onto a directory fails and leaves it alone.
  EXPECT_THROW(file_io::write_file_atomically(dir.string(), "data"), Error);
  size_t files = 0;
  for (auto& e : fs::directory_iterator(dir)) {
    (void)e;
    ++files;
  }
  EXPECT_EQ(files, 2u);  // out.pdf and file-not-dir: no temporary left
  EXPECT_EQ(file_io::read_file(target.string()), "second");
  fs::remove_all(dir);
}

}  // namespace
