// Content-stream pieces of the PDF writer: numbers and CIDs (pdf/content.h,
// pdf/font_embedding.h).
#include <gtest/gtest.h>

#include <charconv>
#include <cmath>
#include <random>
#include <string>
#include <vector>

#include "pdf/content.h"
#include "pdf/flate.h"
#include "pdf/font_embedding.h"
#include "test_fonts.h"

namespace {

using namespace vanban;

// What put_number wrote before it formatted integers itself: to_chars with 3 decimals,
// trailing zeros and a trailing point dropped.
std::string reference_number(double v) {
  if (std::abs(v) < 0.0005) v = 0;
  char buf[64];
  auto r = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::fixed, 3);
  char* end = r.ptr;
  while (end > buf && end[-1] == '0') --end;
  if (end > buf && end[-1] == '.') --end;
  return std::string(buf, end);
}

std::string number(double v) {
  std::string out;
  pdf::put_number(out, v);
  return out;
}

TEST(PdfContent, NumbersAreWrittenAsToCharsWroteThem) {
  // Values a page has (coordinates, sizes, TJ adjustments, colours) and the hard cases:
  // exact halves of a thousandth (0.0625, 1.0625: to_chars rounds them to even), values
  // just around a half, around the 0.0005 cut, negative ones, and the range's ends.
  for (double v : {0.0, -0.0, 1.0, -1.0, 0.0625, 1.0625, -1.0625, 2.5, 0.0005, -0.0005, 0.00049999, 0.00050001,
                   -0.00050001, 0.0015, 0.0025, 1.2345, 1.2355, 595.2756, 841.8898, 9999999.9995, -9999999.9995,
                   1e7, -1e7, 0.1, 0.2, 0.3, 0.7, 0.999, 0.9995, 0.99949, 0.99951, 12.34500001, 12.34499999}) {
    EXPECT_EQ(number(v), reference_number(v)) << v;
  }
  std::mt19937_64 random(20261202);
  std::uniform_real_distribution<double> unit(-1.0, 1.0);
  std::uniform_int_distribution<int> exponent(-5, 7);
  for (int i = 0; i < 2000000; ++i) {
    double v = unit(random) * std::pow(10.0, exponent(random));
    if (i % 3 == 0) v = std::round(v * 2000.0) / 2000.0;  // many halves of a thousandth
    if (i % 5 == 0) v = std::round(v * 1000.0) / 1000.0 + (unit(random) * 1e-9);
    ASSERT_EQ(number(v), reference_number(v)) << v;
  }
}

TEST(PdfContent, ANumberThatCannotBeWrittenIsALayoutError) {
  std::string out;
  EXPECT_THROW(pdf::put_number(out, NAN), Error);
  EXPECT_THROW(pdf::put_number(out, INFINITY), Error);
  EXPECT_THROW(pdf::put_number(out, 1e8), Error);
  EXPECT_TRUE(out.empty());
}

TEST(PdfContent, CidsAreNumberedByGlyphAndTextInOrderOfFirstUse) {
  pdf::EmbeddedFont f;
  f.font = &test::liberation_fonts().face(false, false);
  struct Use {
    uint32_t glyph;
    const char* text;
    uint16_t cid;
  };
  // The same glyph standing for another text gets a CID of its own, found again after;
  // .notdef standing for a character the face lacks; a glyph id past the face's.
  const Use uses[] = {{50, "a", 1},          {60, "b", 2},          {50, "a", 1}, {50, "à", 3}, {60, "b", 2},
                      {50, "à", 3},          {50, "a", 1},          {0, "\xE4\xB8\xAD", 4}, {0, "", 5},
                      {0, "\xE4\xB8\xAD", 4}, {70000, "x", 6}, {70000, "x", 6}};
  for (const Use& use : uses) EXPECT_EQ(f.cid(use.glyph, use.text), use.cid) << use.glyph << " " << use.text;
  ASSERT_EQ(f.by_cid.size(), 7u);
  EXPECT_EQ(f.by_cid[3], (std::pair<uint32_t, std::string>{50, "à"}));
  EXPECT_EQ(f.by_cid[5], (std::pair<uint32_t, std::string>{0, ""}));
}

// A run's CIDs go in literal strings as bytes: "(", ")" and the backslash (CIDs 40, 41
// and 92) escaped, CR (CID 13) written "\r" — a bare CR would be read as an end of line
// and the string would lose a byte. Read back by PDF's rules, the strings give the CIDs.
TEST(PdfContent, CidsInLiteralStringsReadBackWhateverTheirBytes) {
  pdf::EmbeddedFont f;
  f.font = &test::liberation_fonts().face(false, false);
  layout::TextRun run;
  run.font = f.font;
  run.size = 14;
  double x = 0;
  for (uint32_t glyph = 1; glyph <= 300; ++glyph) {  // CIDs 1..300: bytes 0x00-0xFF and 0x01 0x00-0x2C
    run.glyphs.push_back({glyph, x, 100, 5, "x" + std::to_string(glyph)});
    x += glyph % 7 == 0 ? 9 : 5;  // some glyphs placed off their natural advance: numbers in the array
  }
  std::string content;
  pdf::put_run(content, run, f, 842);
  EXPECT_EQ(content.find('\r'), std::string::npos);
  const size_t open = content.find("Tm ["), close = content.rfind("] TJ");
  ASSERT_NE(open, std::string::npos);
  ASSERT_NE(close, std::string::npos);
  std::string bytes;  // the strings of the TJ array, unescaped
  for (size_t i = open + 4; i < close; ++i) {
    if (content[i] != '(') continue;
    for (++i; content[i] != ')'; ++i) {
      if (content[i] != '\\') {
        bytes += content[i];
        continue;
      }
      const char e = content[++i];
      ASSERT_TRUE(e == '(' || e == ')' || e == '\\' || e == 'r') << "escape \\" << e;
      bytes += e == 'r' ? '\r' : e;
    }
  }
  ASSERT_EQ(bytes.size(), 600u);
  for (uint32_t cid = 1; cid <= 300; ++cid) {
    const unsigned got = static_cast<unsigned char>(bytes[2 * (cid - 1)]) << 8 | static_cast<unsigned char>(bytes[2 * cid - 1]);
    ASSERT_EQ(got, cid);
  }
}

TEST(PdfContent, AStreamsBytesDoNotDependOnTheStreamsBefore) {
  // Streams of every window size, compressed one after the other with one Deflater (as a
  // file's pages and maps are), each the same as compressed alone, and inflating back.
  std::mt19937 random(7);
  std::vector<std::string> streams;
  for (size_t size : {0u, 10u, 900u, 3000u, 5000u, 12000u, 40000u, 700u, 3000u}) {
    std::string s;
    for (size_t i = 0; i < size; ++i) s += "0123456789 Tm TJ <>[]\n"[random() % 23];
    streams.push_back(s);
  }
  pdf::Deflater shared;
  for (int level : {Z_BEST_SPEED, Z_DEFAULT_COMPRESSION}) {
    for (const std::string& s : streams) {
      std::string a, b;
      ASSERT_TRUE(shared.deflate(a, s, level));
      ASSERT_TRUE(pdf::deflate_into(b, s, level));
      EXPECT_EQ(a, b) << s.size();
      std::string back(s.size() + 1, '\0');
      uLongf n = back.size();
      ASSERT_EQ(uncompress(reinterpret_cast<Bytef*>(back.data()), &n, reinterpret_cast<const Bytef*>(a.data()), a.size()),
                Z_OK);
      EXPECT_EQ(back.substr(0, n), s);
    }
  }
}

}  // namespace
