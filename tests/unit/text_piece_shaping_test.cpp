// Shaping a string in pieces (text/space_cuts.h, issue #14): text::shape cuts a string
// it has not remembered whole (from 32 bytes) after spaces where the face has nothing
// reaching across, and remembers the pieces. Every glyph, cluster and advance must be what
// HarfBuzz gives for the whole string (text::shape_whole): for the texts of every sample
// (the plan's among them) and the certificate list, as written and upper-cased, in all four
// faces, shaped the first time (pieces shaped together) and again (pieces remembered).
// And the line breaks of the same texts, found by ICU over UTF-16, against ICU over UTF-8.
#include <gtest/gtest.h>
#include <unicode/brkiter.h>
#include <unicode/utext.h>

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "core/error.h"
#include "core/file_io.h"
#include "core/unicode.h"
#include "test_fonts.h"
#include "text/font.h"
#include "text/line_breaker.h"
#include "text/shape_memo.h"
#include "text/shaper.h"
#include "text/space_cuts.h"

namespace {

using namespace vanban;

// Counts the glyphs that differ; reports the first.
int differences(const std::vector<text::ShapedGlyph>& a, const std::vector<text::ShapedGlyph>& b,
                const std::string& what) {
  if (a.size() != b.size()) {
    ADD_FAILURE() << what << ": " << a.size() << " glyphs against " << b.size();
    return 1;
  }
  int wrong = 0;
  for (size_t i = 0; i < a.size(); ++i) {
    // Bit for bit: the PDF's numbers must not move.
    bool same = a[i].glyph_id == b[i].glyph_id && a[i].cluster == b[i].cluster && a[i].x_advance == b[i].x_advance &&
                a[i].x_offset == b[i].x_offset && a[i].y_offset == b[i].y_offset;
    if (!same && wrong++ == 0) ADD_FAILURE() << what << ": glyph " << i << " differs (cluster " << b[i].cluster << ")";
  }
  return wrong;
}

// The string literals of a JSON file or the fields of a CSV line, crudely: enough to get
// the samples' words, accents, punctuation and numbers.
std::vector<std::string> strings_of(const std::string& data, bool csv) {
  std::vector<std::string> out;
  if (csv) {
    std::string field;
    for (char c : data) {
      if (c == ',' || c == '\n' || c == '"') {
        if (!field.empty()) out.push_back(field);
        field.clear();
      } else {
        field += c;
      }
    }
    return out;
  }
  for (size_t i = 0; i < data.size(); ++i) {
    if (data[i] != '"') continue;
    std::string s;
    for (++i; i < data.size() && data[i] != '"'; ++i) {
      if (data[i] == '\\' && i + 1 < data.size()) {
        ++i;
        s += data[i] == 'n' ? ' ' : data[i];
      } else {
        s += data[i];
      }
    }
    if (s.size() > 1 && !unicode::find_invalid_utf8(s)) out.push_back(s);
  }
  return out;
}

// Every sample's strings (and the certificate list's fields).
std::vector<std::string> sample_strings() {
  std::vector<std::string> out;
  for (const auto& entry : std::filesystem::directory_iterator(VANBAN_SOURCE_DIR "/samples")) {
    const bool csv = entry.path().extension() == ".csv";
    if (!csv && entry.path().extension() != ".json") continue;
    for (auto& s : strings_of(file_io::read_file(entry.path().string()), csv)) out.push_back(std::move(s));
  }
  return out;
}

// Long paragraphs made of a sample's strings, so that text::shape takes them in pieces.
std::vector<std::string> paragraphs_of(const std::vector<std::string>& strings) {
  std::vector<std::string> out;
  std::string p;
  for (const auto& s : strings) {
    p += s;
    p += ' ';
    if (p.size() > 2000) {
      out.push_back(p);
      p.clear();
    }
  }
  if (!p.empty()) out.push_back(p + std::string(600, 'x'));
  return out;
}

TEST(PieceShaping, CutsAreRefusedBeforeSpaceKerningPairsAndBytesThatAreNotUtf8) {
  for (const char* face : {"Regular.ttf", "Bold.ttf", "Italic.ttf", "BoldItalic.ttf"}) {
    auto font = text::Font::load(test::kLiberation + face);
    EXPECT_TRUE(text::face_allows_space_cuts(*font)) << face;
  }
  // "space A" is a kerning pair in all four faces: no cut before an A.
  auto cuts = text::space_cuts("ba A co", [](char32_t c) { return c != U'A'; });
  EXPECT_EQ(cuts, (std::vector<size_t>{0, 5}));
  // Never before bytes that are not UTF-8 (a stray continuation byte, an overlong form).
  auto any = [](char32_t) { return true; };
  EXPECT_EQ(text::space_cuts("a \x80" "b c", any), (std::vector<size_t>{0, 5}));
  EXPECT_EQ(text::space_cuts("a \xC1\x81 c", any), (std::vector<size_t>{0, 5}));
  EXPECT_EQ(text::space_cuts("a \xC3\xA0 c", any), (std::vector<size_t>{0, 2, 5}));  // "à"
}

TEST(PieceShaping, EverySamplesTextShapesInPiecesAsWhole) {
  // Long paragraphs (never remembered whole) and each string as written (from 32 bytes,
  // shaped in pieces the first time, then remembered whole too).
  std::vector<std::string> paragraphs = sample_strings();
  for (auto& p : paragraphs_of(paragraphs)) paragraphs.push_back(std::move(p));
  for (size_t i = 0, n = paragraphs.size(); i < n; ++i) {
    paragraphs.push_back(unicode::to_upper_vi(paragraphs[i]));  // headings and titles are upper-cased
  }
  ASSERT_GT(paragraphs.size(), 2000u);
  for (const char* face : {"Regular.ttf", "Bold.ttf", "Italic.ttf", "BoldItalic.ttf"}) {
    auto font = text::Font::load(test::kLiberation + face);  // its own memo, empty
    int wrong = 0;
    for (int round = 0; round < 2; ++round) {  // the first time shaped, then remembered
      for (const auto& p : paragraphs) {
        wrong += differences(text::shape(*font, 13, p), text::shape_whole(*font, 13, p),
                             std::string(face) + ": " + unicode::excerpt(p));
      }
    }
    EXPECT_EQ(wrong, 0) << face;
  }
}

TEST(PieceShaping, TextFullOfKerningPairsWithTheSpaceShapesAsWhole) {
  // Capitals that kern with a space before or after them (A T V W Y L P F, ’), with accents
  // and in every position, long enough to be shaped in pieces.
  std::string p;
  for (int i = 0; i < 30; ++i) p += "A VĂN TÀI Y TẾ W. LÊ P F’ Á À Ả Ã Ạ Ă Ắ Â Ấ T V Y Ý ";
  for (const char* face : {"Regular.ttf", "Bold.ttf", "Italic.ttf", "BoldItalic.ttf"}) {
    auto font = text::Font::load(test::kLiberation + face);
    for (int round = 0; round < 2; ++round) {
      EXPECT_EQ(differences(text::shape(*font, 12, p), text::shape_whole(*font, 12, p), face), 0) << face;
    }
  }
}

TEST(PieceShaping, AMissingGlyphInALongStringNamesTheWholeString) {
  auto loaded = text::Font::load(test::kLiberation + "Regular.ttf");
  const text::Font& font = *loaded;
  std::string p;
  for (int i = 0; i < 40; ++i) p += "Kế hoạch thi đua ";
  text::shape(font, 12, p);  // its pieces remembered: only the last piece is shaped below
  p += "中 cuối";
  std::string whole, pieces;
  try {
    text::shape_whole(font, 12, p);
  } catch (const Error& e) {
    whole = e.what();
  }
  try {
    text::shape(font, 12, p);
  } catch (const Error& e) {
    pieces = e.what();
  }
  EXPECT_NE(whole.find("U+4E2D"), std::string::npos) << whole;
  EXPECT_EQ(pieces, whole);
}

// text::line_break_opportunities hands ICU the text in UTF-16 (faster to walk than UTF-8)
// and maps the boundaries back to bytes: they must be ICU's boundaries over the UTF-8
// text, each with its hard/soft status, less only the tailored joins ("621/BGDĐT",
// "2021-2025": a "/" or "-" before the boundary).
TEST(PieceShaping, LineBreaksOfEverySampleTextAreIcusOverUtf8) {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::BreakIterator> icu(icu::BreakIterator::createLineInstance(icu::Locale("vi"), status));
  ASSERT_TRUE(U_SUCCESS(status));
  std::vector<std::string> texts = sample_strings();
  for (const auto& p : paragraphs_of(texts)) texts.push_back(p);  // long ones too (not remembered)
  texts.push_back("Số: 621/BGDĐT-TĐKT ngày 02/1/2020, giai đoạn 2021-2025\nDòng hai 😀 ký tự ngoài BMP");
  size_t compared = 0;
  for (const auto& t : texts) {
    UText* ut = utext_openUTF8(nullptr, t.data(), static_cast<int64_t>(t.size()), &status);
    icu->setText(ut, status);
    std::vector<text::BreakOpportunity> reference;
    for (int32_t b = icu->next(); b != icu::BreakIterator::DONE; b = icu->next()) {
      const int rule = icu->getRuleStatus();
      reference.push_back({static_cast<size_t>(b), rule >= UBRK_LINE_HARD && rule < UBRK_LINE_HARD_LIMIT});
    }
    icu->setText(icu::UnicodeString());
    utext_close(ut);
    const auto ours = text::line_break_opportunities(t);
    size_t k = 0;
    for (const auto& r : reference) {
      if (k < ours.size() && ours[k].offset == r.offset) {
        EXPECT_EQ(ours[k].mandatory, r.mandatory) << t << " at " << r.offset;
        ++k;
        ++compared;
        continue;
      }
      // Left out: only a tailored join, never a hard break.
      EXPECT_FALSE(r.mandatory) << t << " at " << r.offset;
      EXPECT_TRUE(r.offset > 0 && (t[r.offset - 1] == '/' || t[r.offset - 1] == '-')) << t << " at " << r.offset;
    }
    EXPECT_EQ(k, ours.size()) << t;  // nothing ICU does not give
  }
  EXPECT_GT(compared, 5000u);
}

}  // namespace
