// Every sample of samples/ checks clean of errors; the real plan of 2021 keeps its own
// slips as warnings (the jump from III to V among others).
#include <filesystem>

#include "check_test_support.h"

namespace vanban::test {
namespace {

std::vector<std::string> document_samples() {
  std::vector<std::string> out;
  for (const auto& e : std::filesystem::directory_iterator(VANBAN_SOURCE_DIR "/samples")) {
    std::string path = e.path().string();
    bool data = e.path().extension() == ".json" || e.path().extension() == ".xml";
    if (data && read_text(path).find("issuing_agency") != std::string::npos) out.push_back(path);
  }
  std::sort(out.begin(), out.end());
  return out;
}

TEST(CheckSamples, EverySampleChecksWithoutErrors) {
  auto samples = document_samples();
  ASSERT_GE(samples.size(), 30u);
  for (const auto& path : samples) {
    std::string data = read_text(path);
    model::Document d = model::load_document(data, path);
    ASSERT_FALSE(d.template_name.empty()) << path;
    auto found = check::check_document(d, template_named(d.template_name), check::Source{data, path, {}});
    EXPECT_EQ(errors_in(found), 0u) << path << "\n" << listing(found);
    if (getenv("VANBAN_CHECK_VERBOSE")) std::cout << path << "\n" << listing(found);
  }
}


TEST(CheckSamples, DataNamingAnotherTemplateIsAWarning) {
  auto found = check_data(clean_plan(), "bao-cao");
  ASSERT_FALSE(found.empty());
  bool named = false;
  for (const auto& d : found) named = named || (d.field == "template" && d.severity == Severity::Warning);
  EXPECT_TRUE(named) << listing(found);
  // (and the plan's "KH" is not a Báo cáo's "BC")
  EXPECT_EQ(with_rule(found, "ND30-TYPE-2").size(), 1u) << listing(found);
}

}  // namespace
}  // namespace vanban::test
