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
  EXPECT_EQ(f.cid(50, "a"), 1);
  EXPECT_EQ(f.cid(60, "b"), 2);
  EXPECT_EQ(f.cid(50, "a"), 1);
  // The same glyph standing for another text gets a CID of its own, found again after.
  EXPECT_EQ(f.cid(50, "à"), 3);
  EXPECT_EQ(f.cid(60, "b"), 2);
  EXPECT_EQ(f.cid(50, "à"), 3);
  EXPECT_EQ(f.cid(50, "a"), 1);
  // .notdef standing for a character the face lacks, and a glyph id past the face's.
  EXPECT_EQ(f.cid(0, "\xE4\xB8\xAD"), 4);
  EXPECT_EQ(f.cid(0, ""), 5);
  EXPECT_EQ(f.cid(0, "\xE4\xB8\xAD"), 4);
  EXPECT_EQ(f.cid(70000, "x"), 6);
  EXPECT_EQ(f.cid(70000, "x"), 6);
  ASSERT_EQ(f.by_cid.size(), 7u);
  EXPECT_EQ(f.by_cid[3], (std::pair<uint32_t, std::string>{50, "à"}));
  EXPECT_EQ(f.by_cid[5], (std::pair<uint32_t, std::string>{0, ""}));
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
