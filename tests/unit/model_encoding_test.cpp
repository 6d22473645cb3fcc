// core/encoding.h against independent sources: glibc's iconv (TCVN5712-1 and CP1258
// converters, called through iconv(3) here), ICU for UTF-16, and for VNI Windows a chart
// typed below from the VNI rule (a base letter, then one mark byte; cross-checked during
// development against Unikey's VNI-WIN table). Every one of the 134 Vietnamese letters
// both ways.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/diagnostic.h"
#include "core/encoding.h"
#include "core/error.h"
#include "core/syllable.h"
#include "core/unicode.h"
#include "glibc_iconv.h"

namespace {

using namespace vanban;
using namespace vanban::encoding;

// The 67 lower-case letters of Vietnamese beyond ASCII, and their capitals.
const std::vector<std::string> kLower = {
    "á", "à", "ả", "ã", "ạ", "ă", "ắ", "ằ", "ẳ", "ẵ", "ặ", "â", "ấ", "ầ", "ẩ", "ẫ", "ậ", "é", "è", "ẻ", "ẽ", "ẹ", "ê",
    "ế", "ề", "ể", "ễ", "ệ", "í", "ì", "ỉ", "ĩ", "ị", "ó", "ò", "ỏ", "õ", "ọ", "ô", "ố", "ồ", "ổ", "ỗ", "ộ", "ơ", "ớ",
    "ờ", "ở", "ỡ", "ợ", "ú", "ù", "ủ", "ũ", "ụ", "ư", "ứ", "ừ", "ử", "ữ", "ự", "ý", "ỳ", "ỷ", "ỹ", "ỵ", "đ"};
const std::vector<std::string> kUpper = {
    "Á", "À", "Ả", "Ã", "Ạ", "Ă", "Ắ", "Ằ", "Ẳ", "Ẵ", "Ặ", "Â", "Ấ", "Ầ", "Ẩ", "Ẫ", "Ậ", "É", "È", "Ẻ", "Ẽ", "Ẹ", "Ê",
    "Ế", "Ề", "Ể", "Ễ", "Ệ", "Í", "Ì", "Ỉ", "Ĩ", "Ị", "Ó", "Ò", "Ỏ", "Õ", "Ọ", "Ô", "Ố", "Ồ", "Ổ", "Ỗ", "Ộ", "Ơ", "Ớ",
    "Ờ", "Ở", "Ỡ", "Ợ", "Ú", "Ù", "Ủ", "Ũ", "Ụ", "Ư", "Ứ", "Ừ", "Ử", "Ữ", "Ự", "Ý", "Ỳ", "Ỷ", "Ỹ", "Ỵ", "Đ"};

// VNI Windows, typed from the rule: tones after the vowel as acute F9, grave F8, hook FB,
// tilde F5, dot EF; â ê ô as E2 and with a tone E1 E0 E5 E3 E4; ă as EA and E9 E8 FA FC
// EB; í ì ỉ ĩ ị, ỵ, ơ, ư, đ one byte each; capitals take the mark 0x20 lower.
const std::vector<std::string> kVniLower = {
    "a\xF9", "a\xF8", "a\xFB", "a\xF5", "a\xEF", "a\xEA", "a\xE9", "a\xE8", "a\xFA", "a\xFC", "a\xEB", "a\xE2",
    "a\xE1", "a\xE0", "a\xE5", "a\xE3", "a\xE4", "e\xF9", "e\xF8", "e\xFB", "e\xF5", "e\xEF", "e\xE2", "e\xE1",
    "e\xE0", "e\xE5", "e\xE3", "e\xE4", "\xED",  "\xEC",  "\xE6",  "\xF3",  "\xF2",  "o\xF9", "o\xF8", "o\xFB",
    "o\xF5", "o\xEF", "o\xE2", "o\xE1", "o\xE0", "o\xE5", "o\xE3", "o\xE4", "\xF4",  "\xF4\xF9", "\xF4\xF8",
    "\xF4\xFB", "\xF4\xF5", "\xF4\xEF", "u\xF9", "u\xF8", "u\xFB", "u\xF5", "u\xEF", "\xF6", "\xF6\xF9", "\xF6\xF8",
    "\xF6\xFB", "\xF6\xF5", "\xF6\xEF", "y\xF9", "y\xF8", "y\xFB", "y\xF5", "\xEE", "\xF1"};
const std::vector<std::string> kVniUpper = {
    "A\xD9", "A\xD8", "A\xDB", "A\xD5", "A\xCF", "A\xCA", "A\xC9", "A\xC8", "A\xDA", "A\xDC", "A\xCB", "A\xC2",
    "A\xC1", "A\xC0", "A\xC5", "A\xC3", "A\xC4", "E\xD9", "E\xD8", "E\xDB", "E\xD5", "E\xCF", "E\xC2", "E\xC1",
    "E\xC0", "E\xC5", "E\xC3", "E\xC4", "\xCD",  "\xCC",  "\xC6",  "\xD3",  "\xD2",  "O\xD9", "O\xD8", "O\xDB",
    "O\xD5", "O\xCF", "O\xC2", "O\xC1", "O\xC0", "O\xC5", "O\xC3", "O\xC4", "\xD4",  "\xD4\xD9", "\xD4\xD8",
    "\xD4\xDB", "\xD4\xD5", "\xD4\xCF", "U\xD9", "U\xD8", "U\xDB", "U\xD5", "U\xCF", "\xD6", "\xD6\xD9", "\xD6\xD8",
    "\xD6\xDB", "\xD6\xD5", "\xD6\xCF", "Y\xD9", "Y\xD8", "Y\xDB", "Y\xD5", "\xCE", "\xD1"};

const auto& glibc = test::glibc_iconv;

TEST(Encodings, TheLetterListsAreTheVietnameseAlphabet) {
  ASSERT_EQ(kLower.size(), 67u);
  ASSERT_EQ(kUpper.size(), 67u);
  for (size_t i = 0; i < kLower.size(); ++i) EXPECT_EQ(unicode::to_upper_vi(kLower[i]), kUpper[i]);
}

TEST(Encodings, Tcvn3MatchesGlibcForAll134LettersBothWays) {
  for (const auto* letters : {&kLower, &kUpper}) {
    for (const auto& letter : *letters) {
      auto bytes = glibc(letter, "UTF-8", "TCVN5712-1");
      ASSERT_TRUE(bytes) << letter;
      EXPECT_EQ(encode_tcvn3(letter), *bytes) << letter;
      EXPECT_EQ(decode_tcvn3(*bytes), letter) << letter;
    }
  }
  // The lower-case letters are single bytes from 0xA8 on (VN3, what .VnTime draws).
  for (const auto& letter : kLower) {
    auto bytes = encode_tcvn3(letter);
    ASSERT_TRUE(bytes && bytes->size() == 1) << letter;
    EXPECT_GE(static_cast<unsigned char>((*bytes)[0]), 0xA8) << letter;
  }
}

TEST(Encodings, Tcvn3DecodesEveryByteAsGlibcDoes) {
  for (int b = 1; b < 256; ++b) {
    std::string one(1, static_cast<char>(b));
    auto expected = glibc(one, "TCVN5712-1", "UTF-8");
    ASSERT_TRUE(expected) << b;
    EXPECT_EQ(decode_tcvn3(one), unicode::to_nfc(*expected)) << "byte " << b;
  }
  // ../shared/notes/legacy-encodings.md: "Nguyễn Văn Thắng".
  EXPECT_EQ(decode_tcvn3("\x4e\x67\x75\x79\xd4\x6e\x20\x56\xa8\x6e\x20\x54\x68\xbe\x6e\x67"), "Nguyễn Văn Thắng");
  // A tone typed as a combining byte after its vowel composes (NFC).
  EXPECT_EQ(decode_tcvn3("a\xb3"), "á");
}

TEST(Encodings, VniMatchesTheChartForAll134LettersBothWays) {
  ASSERT_EQ(kVniLower.size(), 67u);
  ASSERT_EQ(kVniUpper.size(), 67u);
  for (size_t i = 0; i < 67; ++i) {
    EXPECT_EQ(encode_vni(kLower[i]), kVniLower[i]) << kLower[i];
    EXPECT_EQ(decode_vni(kVniLower[i]), kLower[i]) << kLower[i];
    EXPECT_EQ(encode_vni(kUpper[i]), kVniUpper[i]) << kUpper[i];
    EXPECT_EQ(decode_vni(kVniUpper[i]), kUpper[i]) << kUpper[i];
  }
  EXPECT_EQ(decode_vni("Nguye\xE3n Va\xEAn Tha\xE9ng, tr\xF6\xF4\xF8ng"), "Nguyễn Văn Thắng, trường");
  EXPECT_EQ(decode_vni("\x81"), std::nullopt);  // unassigned in Windows-1252
}

TEST(Encodings, Windows1258ThroughIcuMatchesGlibcForAll134Letters) {
  for (const auto* letters : {&kLower, &kUpper}) {
    for (const auto& letter : *letters) {
      auto bytes = glibc(letter, "UTF-8", "CP1258");  // base (â ê ô ă ơ ư đ precomposed) + a tone byte
      ASSERT_TRUE(bytes) << letter;
      EXPECT_EQ(decode_windows_1258(*bytes), letter) << letter;
    }
  }
  EXPECT_EQ(decode_windows_1258("Nguy\xEA\xDEn"), "Nguyễn");  // ê + combining tilde -> ễ
  EXPECT_EQ(decode_windows_1258("\x81"), std::nullopt);       // unassigned
}

TEST(Syllables, ValidAndInvalidVietnameseWords) {
  for (const char* w : {"Nguyễn", "Văn", "Thắng", "giữa", "gì", "quyết", "khuya", "người", "nghiêng", "huỳnh", "xoong",
                        "ĐỊNH", "trường", "thuở", "a", "oai", "khuỷu", "gìn"})
    EXPECT_TRUE(syllable::is_vietnamese(w)) << w;
  for (const char* w : {"NguyÔn", "Th¾ng", "Vaên", "Thaéng", "qa", "zoo", "báá", "aim", "Müller", "Café", "nghx", "ẫả",
                        "t\xC3\xA1\xCC\x80n" /* two tones: á + combining grave */})
    EXPECT_FALSE(syllable::is_vietnamese(w)) << w;
  auto c = syllable::count_words("Th¸ng Nguyễn abc");  // "abc" is ASCII: not counted
  EXPECT_EQ(c.valid, 1u);
  EXPECT_EQ(c.invalid, 1u);
}

TEST(Decode, EachEncodingIsToldByItsSyllables) {
  const std::string text = "STT,Họ và tên,Đơn vị\n1,Nguyễn Văn Thắng,Trường Tiểu học Hữu Nghị\n2,Bùi Thị Lan,Sở Giáo dục\n";
  auto cp1258 = glibc(text, "UTF-8", "CP1258");
  auto tcvn = glibc(text, "UTF-8", "TCVN5712-1");
  ASSERT_TRUE(cp1258 && tcvn);
  const std::string vni = *encode_vni(text);
  for (auto [bytes, expected] : {std::pair{*cp1258, Encoding::Windows1258}, std::pair{*tcvn, Encoding::Tcvn3},
                                 std::pair{vni, Encoding::Vni}}) {
    Decoded d = decode(bytes, "l.csv");
    EXPECT_EQ(d.encoding, expected) << name(expected);
    EXPECT_EQ(d.text, text) << name(expected);
    EXPECT_TRUE(d.guessed);
  }
  // UTF-8 as it is, a BOM skipped; UTF-16 with a BOM either way, and without one.
  Decoded u8 = decode("\xEF\xBB\xBF" + text, "l.csv");
  EXPECT_EQ(u8.text, text);
  EXPECT_EQ(u8.bom, 3u);
  EXPECT_FALSE(u8.guessed);
  auto le = glibc(text, "UTF-8", "UTF-16LE"), be = glibc(text, "UTF-8", "UTF-16BE");
  ASSERT_TRUE(le && be);
  EXPECT_EQ(decode("\xFF\xFE" + *le, "l.txt").text, text);
  EXPECT_EQ(decode("\xFE\xFF" + *be, "l.txt").text, text);
  EXPECT_EQ(decode(*le, "l.txt").encoding, Encoding::Utf16LE);
  EXPECT_EQ(decode(*le, "l.txt").text, text);
  // Windows-1258's tones as combining bytes: NFC after decoding.
  EXPECT_EQ(decode("Nguy\xEA\xDEn V\xE3n, Nguy\xEA\xDEn", "l.csv").text, "Nguyễn Văn, Nguyễn");
}

TEST(Decode, ABigFileIsJudgedOnItsFirstMebibyteAndDecodedWhole) {
  std::string line = "Nguyễn Văn Thắng, Trường Tiểu học Hữu Nghị\n", text;
  while (text.size() < (2u << 20)) text += line;
  auto cp1258 = glibc(text, "UTF-8", "CP1258");
  ASSERT_TRUE(cp1258);
  Decoded d = decode(*cp1258, "big.csv");
  EXPECT_EQ(d.encoding, Encoding::Windows1258);
  EXPECT_EQ(d.text, text);
  // A byte Windows-1258 does not have, past the first MiB: no other encoding reads the
  // file as Vietnamese, so it is an error, not a half-decoded list.
  EXPECT_THROW(decode(*cp1258 + "\x81\n", "big.csv"), Error);
}

TEST(Decode, UndecodableBytesNameTheFileLineColumnAndTheEncodingsTried) {
  try {
    decode("STT,Name\n1,ab\x81\x8D\x90 q\x9D\n", "junk.csv");
    ADD_FAILURE() << "no error";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::Syntax);
    EXPECT_EQ(e.file(), "junk.csv");
    EXPECT_EQ(e.line(), 2);
    EXPECT_EQ(e.column(), 5);
    for (const char* s : {"UTF-8", "UTF-16", "Windows-1258", "TCVN3 (ABC)", "VNI Windows"})
      EXPECT_NE(e.message().find(s), std::string::npos) << s << ": " << e.message();
    auto all = diagnostics_of(e);
    ASSERT_EQ(all.size(), 1u);
    EXPECT_NE(all[0].hint.find("CSV UTF-8"), std::string::npos) << all[0].hint;
  }
  // UTF-16 with an unpaired surrogate.
  EXPECT_THROW(decode(std::string("\xFF\xFE" "a\0\x00\xD8" "b\0", 8), "u.txt"), Error);
}

TEST(RepairCell, Tcvn3AndVniMojibakeBecomeVietnamese) {
  // TCVN3 bytes read as Windows-1252/Latin-1: "NguyÔn V¨n Th¾ng".
  auto t = repair_cell("NguyÔn V¨n Th¾ng");
  ASSERT_TRUE(t);
  EXPECT_EQ(t->encoding, Encoding::Tcvn3);
  EXPECT_EQ(t->text, "Nguyễn Văn Thắng");
  EXPECT_FALSE(t->capitals);
  auto v = repair_cell("Nguyeãn Vaên Thaéng");
  ASSERT_TRUE(v);
  EXPECT_EQ(v->encoding, Encoding::Vni);
  EXPECT_EQ(v->text, "Nguyễn Văn Thắng");
  // Unicode Vietnamese, ASCII, other languages: left alone.
  for (const char* fine : {"Nguyễn Văn Thắng", "Hà", "Trà Mi", "Café Müller", "Nguyen Van An", "José Ñandú"})
    EXPECT_EQ(repair_cell(fine), std::nullopt) << fine;
}

TEST(RepairCell, VnTimeHCapitalsAreUpperCased) {
  // Typed with .VnTimeH: capitals at the lower-case codes ("NGUYÔN V¡N" shows NGUYỄN VĂN).
  auto caps = repair_cell("NGUYÔN V¡N TH¾NG");
  ASSERT_TRUE(caps);
  EXPECT_TRUE(caps->capitals);
  EXPECT_EQ(caps->text, "NGUYỄN VĂN THẮNG");
  // No ASCII letter to tell by: the column decides (model tests).
  auto unknown = repair_cell("®µ");
  ASSERT_TRUE(unknown);
  EXPECT_TRUE(unknown->case_unknown);
  EXPECT_EQ(unknown->text, "đà");
  // The cell's font says so.
  auto font = repair_cell("nguyÔn v¨n an", font_hint(".VnTimeH"));
  ASSERT_TRUE(font);
  EXPECT_EQ(font->text, "NGUYỄN VĂN AN");
  EXPECT_EQ(font_hint(".VnTime"), FontHint::Tcvn3);
  EXPECT_EQ(font_hint("VNI-Times"), FontHint::Vni);
  EXPECT_EQ(font_hint("Times New Roman"), FontHint::None);
}

}  // namespace
