// Where findings are: line:column in the JSON or XML the model came from, inside a text at
// the character; sorted by position. The real plan's III -> V jump is a warning there.
#include <chrono>

#include "check_test_support.h"

namespace vanban::test {
namespace {

TEST(CheckPositions, AFindingInsideATextPointsAtTheCharacter) {
  // "Tỉnh" in the first paragraph: line 10 of the clean plan, after the quote and the words before it.
  std::string json = replaced(clean_plan(), "Ủy ban nhân dân tỉnh", "Ủy ban nhân dân Tỉnh");
  auto found = with_rule(check_data(json), "ND30-CAP-3");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].file, "test.json");
  EXPECT_EQ(found[0].field, "body[0].text");
  size_t line_start = 0;
  for (int l = 1; l < found[0].line; ++l) line_start = json.find('\n', line_start) + 1;
  std::string line = json.substr(line_start, json.find('\n', line_start) - line_start);
  // The column counts code points: the text from the column on starts with "Tỉnh".
  size_t byte = 0;
  for (int c = 1; c < found[0].column; ++c) {
    unsigned char ch = static_cast<unsigned char>(line[byte]);
    byte += ch < 0x80 ? 1 : ch < 0xE0 ? 2 : ch < 0xF0 ? 3 : 4;
  }
  EXPECT_EQ(line.substr(byte, std::string("Tỉnh").size()), "Tỉnh") << found[0].line << ":" << found[0].column;
}

TEST(CheckPositions, EscapesInJsonAreFollowed) {
  std::string json = replaced(clean_plan(), "Thực hiện chỉ đạo của Ủy ban nhân dân tỉnh",
                              R"(Th\u1ef1c hi\u1ec7n \"chỉ đạo\" của Ủy ban nhân dân Tỉnh)");
  auto found = with_rule(check_data(json), "ND30-CAP-3");
  ASSERT_EQ(found.size(), 1u);
  size_t line_start = 0;
  for (int l = 1; l < found[0].line; ++l) line_start = json.find('\n', line_start) + 1;
  // The column counts the source's code points ("\u1ef1" is six of them) up to "Tỉnh".
  std::string before = json.substr(line_start, json.find("Tỉnh", line_start) - line_start);
  size_t code_points = 0;
  for (unsigned char c : before) code_points += (c & 0xC0) != 0x80;
  EXPECT_EQ(static_cast<size_t>(found[0].column), code_points + 1);
}

TEST(CheckPositions, TheRealPlanJumpsFromThreeToFiveAsAWarning) {
  for (const char* name : {"/samples/ke-hoach-hoa-binh-2021.json", "/samples/ke-hoach-hoa-binh-2021.xml"}) {
    std::string path = std::string(VANBAN_SOURCE_DIR) + name;
    std::string data = read_text(path);
    auto found = check::check_document(model::load_document(data, path), template_named("ke-hoach"),
                                       check::Source{data, path, {}});
    EXPECT_EQ(errors_in(found), 0u) << listing(found);
    auto jump = with_rule(found, "ND30-NUM-7");
    ASSERT_EQ(jump.size(), 1u) << listing(found);
    EXPECT_EQ(jump[0].severity, Severity::Warning);
    EXPECT_NE(jump[0].message.find("from III to V"), std::string::npos) << jump[0].message;
    // The label "V" in the source.
    size_t start = 0;
    for (int l = 1; l < jump[0].line; ++l) start = data.find('\n', start) + 1;
    std::string line = data.substr(start, data.find('\n', start) - start);
    EXPECT_NE(line.find("\"V\""), std::string::npos) << line;
    // Sorted by position.
    for (size_t i = 1; i < found.size(); ++i) {
      if (found[i].line == 0) continue;
      EXPECT_TRUE(found[i - 1].line < found[i].line ||
                  (found[i - 1].line == found[i].line && found[i - 1].column <= found[i].column));
    }
  }
}

TEST(CheckPositions, XmlAttributesAndTextsArePlaced) {
  std::string path = std::string(VANBAN_SOURCE_DIR) + "/samples/ke-hoach-hoa-binh-2021.xml";
  std::string xml = replaced(read_text(path), "Căn cứ Kế hoạch số 1374", "Căn cứ khoản 2 điều 5 Kế hoạch số 1374");
  auto found = with_rule(check_data(xml, "ke-hoach", "plan.xml"), "ND30-CAP-9");
  ASSERT_EQ(found.size(), 1u);
  size_t start = 0;
  for (int l = 1; l < found[0].line; ++l) start = xml.find('\n', start) + 1;
  std::string line = xml.substr(start, xml.find('\n', start) - start);
  EXPECT_NE(line.find("<paragraph>Căn cứ khoản 2 điều 5"), std::string::npos) << line;
  EXPECT_EQ(found[0].column, 31) << line;  // 4 spaces, "<paragraph>" (11), "Căn cứ khoản 2 " (15): "điều" at 31
  // In an attribute: the clause title "Yêu cầu. các đơn vị", the finding at "các".
  std::string attr = replaced(read_text(path), R"(<clause title="Yêu cầu">)", R"(<clause title="Yêu cầu. các đơn vị">)");
  auto cap = with_rule(check_data(attr, "ke-hoach", "plan.xml"), "ND30-CAP-1");
  ASSERT_EQ(cap.size(), 1u) << listing(cap);
  start = 0;
  for (int l = 1; l < cap[0].line; ++l) start = attr.find('\n', start) + 1;
  line = attr.substr(start, attr.find('\n', start) - start);
  EXPECT_EQ(cap[0].column, 31) << line;  // 6 spaces, "<clause title=\"" (15), "Yêu cầu. " (9): "các" at 31
}


TEST(CheckPositions, AHugeMinifiedModelIsPlacedQuicklyAndItsFindingsLimited) {
  // 20,000 recipients without their ";" on one line of about 600 KB.
  std::string lines = "[";
  for (int i = 0; i < 20000; ++i) lines += "\"Trường Tiểu học số " + std::to_string(i) + "\",";
  lines += "\"Lưu: VT, VP.\"]";
  std::string json = replaced(clean_plan(), R"(["Bộ GD&ĐT (để b/c);", "Các đơn vị trực thuộc;", "Lưu: VT, VP."])", lines);
  std::string minified;
  for (char c : json)
    if (c != '\n') minified += c;
  auto start = std::chrono::steady_clock::now();
  auto found = check_data(minified);
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  EXPECT_LT(seconds, 5.0);
  ASSERT_EQ(errors_in(found), Diagnostics::kDefaultLimit + 1) << listing(found);  // 50 and "… more errors not shown"
  EXPECT_NE(found.back().message.find("19950 more errors"), std::string::npos) << found.back().message;
  for (size_t i = 0; i + 1 < Diagnostics::kDefaultLimit; ++i) {
    EXPECT_EQ(found[i].line, 1);
    EXPECT_LT(found[i].column, found[i + 1].column);
  }
}


TEST(CheckPositions, WarningsAreLimitedToo) {
  std::string lines = "[";
  for (int i = 0; i < 60; ++i) lines += "\"trường số " + std::to_string(i) + ";\",";
  lines += "\"Lưu: VT, VP.\"]";
  auto found = check_data(replaced(clean_plan(), R"(["Bộ GD&ĐT (để b/c);", "Các đơn vị trực thuộc;", "Lưu: VT, VP."])", lines));
  ASSERT_EQ(found.size(), Diagnostics::kDefaultLimit + 1) << listing(found);
  EXPECT_EQ(errors_in(found), 0u);
  EXPECT_NE(found.back().message.find("10 more warnings"), std::string::npos) << found.back().message;
}

}  // namespace
}  // namespace vanban::test
