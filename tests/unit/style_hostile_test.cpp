// Templates are XML read with pugixml: only the five XML entities and numeric references
// (an unknown one would be printed as written), and a chain of extends is bounded.
#include <gtest/gtest.h>

#include "core/error.h"
#include "style/profile.h"

namespace {

using namespace vanban;

TEST(TemplateEntities, UnknownEntityIsAnErrorAtItsPosition) {
  std::string xml = "<template name=\"x\" extends=\"giay-khen\">\n  <certificate issuer=\"A &ndash; B\"/>\n</template>";
  try {
    style::parse_template(xml, "x.xml", {VANBAN_SOURCE_DIR "/templates"});
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::Template);
    EXPECT_EQ(e.line(), 2);
    EXPECT_EQ(e.column(), 26);
    EXPECT_NE(e.message().find("&ndash;"), std::string::npos) << e.message();
  }
  // The five and numeric references are fine.
  auto tpl = style::parse_template(
      "<template name=\"x\" extends=\"giay-khen\"><certificate issuer=\"A &amp; B &#8211; C\"/></template>", "x.xml",
      {VANBAN_SOURCE_DIR "/templates"});
  EXPECT_EQ(tpl.certificate.issuer, "A & B – C");
}

}  // namespace
