// tests/data/check/: models with the mistakes offices make, each with the findings it must
// give (expected.txt: "<file>: RULE/E RULE/W …", E an error, W a warning; the exact set).
#include <set>

#include "check_test_support.h"

namespace vanban::test {
namespace {

const std::string kDir = VANBAN_SOURCE_DIR "/tests/data/check/";

TEST(CheckDataFiles, EachFileGivesExactlyItsFindings) {
  std::istringstream manifest(read_text(kDir + "expected.txt"));
  std::string line;
  size_t files = 0;
  while (std::getline(manifest, line)) {
    if (line.empty() || line[0] == '#') continue;
    size_t colon = line.find(':');
    ASSERT_NE(colon, std::string::npos) << line;
    const std::string file = line.substr(0, colon);
    std::set<std::string> expected;
    std::istringstream words(line.substr(colon + 1));
    for (std::string w; words >> w;) expected.insert(w);
    const std::string data = read_text(kDir + file);
    ASSERT_FALSE(data.empty()) << file;
    model::Document d = model::load_document(data, file);
    auto found = check::check_document(d, template_named(d.template_name), check::Source{data, file, {}});
    std::set<std::string> got;
    for (const auto& f : found) {
      got.insert(f.rule + (f.severity == Severity::Error ? "/E" : "/W"));
      EXPECT_GT(f.line, 0) << file << ": " << f.format(true);
    }
    EXPECT_EQ(got, expected) << file << "\n" << listing(found);
    if (getenv("VANBAN_CHECK_VERBOSE")) std::cout << file << "\n" << listing(found);
    ++files;
  }
  EXPECT_GE(files, 6u);
}

}  // namespace
}  // namespace vanban::test
