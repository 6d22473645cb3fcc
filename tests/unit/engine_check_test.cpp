// Engine::check: the model read as for a render (its errors thrown), then the content rules
// of Decree 30 (engine/check), findings placed in the data and sorted by position.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "vanban/engine.h"

namespace {

using namespace vanban;
const std::string kSource = VANBAN_SOURCE_DIR;

const Engine& engine() {
  static const Engine e(EngineOptions{{kSource + "/templates"}, kSource + "/fonts/fonts.xml", {}, false});
  return e;
}

std::string read(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

TEST(EngineCheck, ThePlanOf2021HasWarningsOnlyTheJumpFromThreeToFiveAmongThem) {
  const std::string path = kSource + "/samples/ke-hoach-hoa-binh-2021.json";
  auto found = engine().check(engine().load_template("ke-hoach"), read(path), path);
  ASSERT_FALSE(found.empty());
  bool jump = false;
  for (const auto& d : found) {
    EXPECT_EQ(d.severity, Severity::Warning) << d.format(true);
    EXPECT_EQ(d.file, path);
    EXPECT_GT(d.line, 0) << d.format(true);
    EXPECT_FALSE(d.rule.empty()) << d.format(true);
    jump = jump || (d.rule == "ND30-NUM-7" && d.message.find("from III to V") != std::string::npos);
  }
  EXPECT_TRUE(jump);
  for (size_t i = 1; i < found.size(); ++i) {
    EXPECT_TRUE(found[i - 1].line < found[i].line ||
                (found[i - 1].line == found[i].line && found[i - 1].column <= found[i].column));
  }
}

TEST(EngineCheck, AMistakeIsAnErrorWithItsRuleAndPlace) {
  const std::string path = kSource + "/tests/data/check/so-ky-hieu.json";
  auto found = engine().check(engine().load_template("ke-hoach"), read(path), "so-ky-hieu.json");
  ASSERT_FALSE(found.empty());
  EXPECT_EQ(found.front().rule, "ND30-SO-2");
  EXPECT_EQ(found.front().severity, Severity::Error);
  EXPECT_EQ(found.front().field, "number.number");
  EXPECT_EQ(found.front().line, 6);
  EXPECT_EQ(found.front().format(), "so-ky-hieu.json:6:15: number.number: the number 5 is below 10: Decree 30 writes it "
                                    "with a leading zero [ND30-SO-2] (write \"05\")");
}

TEST(EngineCheck, DataThatIsNoModelIsThrownAsForARender) {
  const auto tpl = engine().load_template("ke-hoach");
  try {
    engine().check(tpl, "{\n  \"place\": 5\n}", "bad.json");
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_EQ(e.file(), "bad.json");
    EXPECT_GT(e.line(), 0);
  }
  EXPECT_THROW(engine().check(engine().load_template("phu-luc-1"), "{}", "form.json"), Error);
}

}  // namespace
