// A misspelt attribute of a template element: refused at its line:column, with the nearest
// attribute the element takes as a "did you mean" hint (a diagnostic of its own).
#include <gtest/gtest.h>

#include "core/diagnostic.h"
#include "core/error.h"
#include "style/profile.h"

namespace {

const std::vector<std::string> kDirs = {VANBAN_SOURCE_DIR "/templates"};

vanban::Diagnostic first_problem(const std::string& body) {
  try {
    vanban::style::parse_template("<template name=\"t\" extends=\"nd30\">\n" + body + "\n</template>",
                                  VANBAN_SOURCE_DIR "/templates/t.xml", kDirs);
  } catch (const vanban::Error& e) {
    return vanban::diagnostics_of(e).front();
  }
  return {};
}

TEST(TemplateAttributes, AMisspeltAttributeIsRefusedWithTheNearestName) {
  vanban::Diagnostic d = first_problem("<regions>\n  <closing signatrues=\"stacked\"/>\n  <body/>\n</regions>");
  EXPECT_EQ(d.message, "<closing>: unknown attribute \"signatrues\"");
  EXPECT_EQ(d.hint, "did you mean \"signatures\"?");
  EXPECT_EQ(d.line, 3);
  EXPECT_EQ(d.column, 3);
  // Nothing near: no hint.
  vanban::Diagnostic far = first_problem("<regions>\n  <closing colour=\"red\"/>\n</regions>");
  EXPECT_EQ(far.message, "<closing>: unknown attribute \"colour\"");
  EXPECT_EQ(far.hint, "");
}

}  // namespace
