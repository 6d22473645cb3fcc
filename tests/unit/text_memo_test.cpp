// The shaping memo of a face and the line-breaking memo of a thread (issue #14): what is
// remembered is exactly what shaping or breaking again gives, at every size, on every
// thread, and a failure (a missing glyph) is never remembered.
#include <gtest/gtest.h>

#include <string>
#include <thread>
#include <vector>

#include "core/error.h"
#include "test_fonts.h"
#include "text/font.h"
#include "text/line_breaker.h"
#include "text/shaper.h"

namespace {

using namespace vanban;

void expect_same(const std::vector<text::ShapedGlyph>& a, const std::vector<text::ShapedGlyph>& b,
                 const std::string& what) {
  ASSERT_EQ(a.size(), b.size()) << what;
  for (size_t i = 0; i < a.size(); ++i) {
    EXPECT_EQ(a[i].glyph_id, b[i].glyph_id) << what << " glyph " << i;
    EXPECT_EQ(a[i].cluster, b[i].cluster) << what << " glyph " << i;
    // Bit for bit: the PDF's numbers must not move.
    EXPECT_EQ(a[i].x_advance, b[i].x_advance) << what << " glyph " << i;
    EXPECT_EQ(a[i].x_offset, b[i].x_offset) << what << " glyph " << i;
    EXPECT_EQ(a[i].y_offset, b[i].y_offset) << what << " glyph " << i;
  }
}

const std::vector<std::string> kTexts = {
    "Đã có thành tích xuất sắc trong phong trào thi đua năm học 2021 - 2022",
    "NGUYỄN THỊ HỒNG NHUNG", "Hòa Bình, ngày 15 tháng 5 năm 2022", "Tỷ lệ: 98,5%", "Ặ ậ ẫ ỡ ữ ự ỵ"};

TEST(ShapingMemo, ARememberedStringShapesAsAFreshFaceShapesItAtEverySize) {
  // A face of its own, so nothing is remembered before this test, and a fresh face per
  // size to compare with: its memo starts empty, so its first shaping is HarfBuzz's.
  const std::string path = test::kLiberation + "Bold.ttf";
  auto memo = text::Font::load(path);
  for (const auto& t : kTexts) text::shape(*memo, 14, t);  // remembered at 14 pt
  for (double size : {14.0, 9.5, 27.3, 14.0}) {
    auto fresh = text::Font::load(path);
    for (const auto& t : kTexts) {
      expect_same(text::shape(*memo, size, t), text::shape(*fresh, size, t), t + " at " + std::to_string(size));
    }
  }
}

TEST(ShapingMemo, ManyThreadsShapeTheSameAsOne) {
  const auto& face = test::liberation_fonts().face(false, true);
  std::vector<std::vector<text::ShapedGlyph>> alone;
  auto fresh = text::Font::load(test::kLiberation + "Italic.ttf");
  for (const auto& t : kTexts) alone.push_back(text::shape(*fresh, 13, t));
  std::vector<std::thread> threads;
  std::vector<int> wrong(4, 0);
  for (int k = 0; k < 4; ++k) {
    threads.emplace_back([&, k] {
      for (int round = 0; round < 200; ++round) {
        for (size_t i = 0; i < kTexts.size(); ++i) {
          auto got = text::shape(face, 13, kTexts[i]);
          bool same = got.size() == alone[i].size();
          for (size_t g = 0; same && g < got.size(); ++g) {
            same = got[g].glyph_id == alone[i][g].glyph_id && got[g].x_advance == alone[i][g].x_advance;
          }
          wrong[k] += !same;
        }
      }
    });
  }
  for (auto& t : threads) t.join();
  for (int k = 0; k < 4; ++k) EXPECT_EQ(wrong[k], 0) << "thread " << k;
}

TEST(ShapingMemo, AMissingGlyphIsAnErrorEveryTime) {
  const auto& face = test::liberation_fonts().face(false, false);
  for (int i = 0; i < 2; ++i) {
    EXPECT_THROW(text::shape(face, 12, "Hòa 中 Bình"), Error) << "time " << i;
  }
}

TEST(ShapingMemo, LongTextsAreShapedToo) {
  std::string long_text;
  while (long_text.size() < 3000) long_text += "Trường Tiểu học Hòa Bình tổ chức hội nghị. ";
  auto fresh = text::Font::load(test::kLiberation + "Regular.ttf");
  const auto& face = test::liberation_fonts().face(false, false);
  auto first = text::shape(face, 13, long_text);
  expect_same(text::shape(face, 13, long_text), first, "again");
  expect_same(first, text::shape(*fresh, 13, long_text), "fresh");
}

TEST(BreakingMemo, ARememberedTextBreaksAsBeforeOnEveryThread) {
  std::vector<std::vector<text::BreakOpportunity>> first;
  for (const auto& t : kTexts) first.push_back(text::line_break_opportunities(t));
  auto check = [&](std::vector<int>& wrong, int k) {
    for (int round = 0; round < 3; ++round) {
      for (size_t i = 0; i < kTexts.size(); ++i) {
        auto again = text::line_break_opportunities(kTexts[i]);
        bool same = again.size() == first[i].size();
        for (size_t j = 0; same && j < again.size(); ++j) {
          same = again[j].offset == first[i][j].offset && again[j].mandatory == first[i][j].mandatory;
        }
        wrong[k] += !same;
      }
    }
  };
  std::vector<int> wrong(3, 0);
  check(wrong, 0);
  std::thread a(check, std::ref(wrong), 1), b(check, std::ref(wrong), 2);
  a.join();
  b.join();
  for (int k = 0; k < 3; ++k) EXPECT_EQ(wrong[k], 0) << "thread " << k;
  // A text with a forced break keeps it.
  auto ops = text::line_break_opportunities("Dòng một\nDòng hai");
  auto again = text::line_break_opportunities("Dòng một\nDòng hai");
  ASSERT_EQ(ops.size(), again.size());
  bool hard = false;
  for (size_t j = 0; j < ops.size(); ++j) hard |= again[j].mandatory && again[j].offset == ops[j].offset;
  EXPECT_TRUE(hard);
}

// text::maps_all remembers per character whether the face maps it: asked again (and for
// characters not remembered, above U+3000) it answers as the first time.
TEST(ShapingMemo, WhetherAFaceMapsEveryCharacterIsAnsweredTheSameWhenRemembered) {
  auto font = text::Font::load(test::kLiberation + "Regular.ttf");
  for (int round = 0; round < 2; ++round) {
    EXPECT_TRUE(text::maps_all(*font, "Hòa Bình, ngày 05 tháng 3 năm 2021 – “Kế hoạch” § 1…")) << round;
    EXPECT_FALSE(text::maps_all(*font, "Kế hoạch 中 năm")) << round;        // U+4E2D: not in the face
    EXPECT_FALSE(text::maps_all(*font, "ký tự \xE2\x82")) << round;  // a UTF-8 sequence cut short
    EXPECT_FALSE(text::maps_all(*font, std::string("ab\xC3", 3))) << round;  // cut UTF-8
    EXPECT_FALSE(text::maps_all(*font, "\u0E01")) << round;  // Thai ko kai (below U+3000, not in the face)
    EXPECT_TRUE(text::maps_all(*font, "")) << round;
  }
}

}  // namespace
