// <regions> and numbering schemes in templates: read in order, unknown values refused
// with the file's line:column.
#include <gtest/gtest.h>

#include "core/error.h"
#include "style/profile.h"

namespace {

using vanban::Error;
using vanban::style::NumberFormat;
using vanban::style::RegionSpec;

const std::vector<std::string> kDirs = {VANBAN_SOURCE_DIR "/templates"};

vanban::style::Template parse(const std::string& body) {
  return vanban::style::parse_template("<template name=\"t\" extends=\"nd30\">\n" + body + "\n</template>",
                                       VANBAN_SOURCE_DIR "/templates/t.xml", kDirs);
}

// The error of parsing `body`, as "line:column message".
std::string error_of(const std::string& body) {
  try {
    parse(body);
  } catch (const Error& e) {
    return std::to_string(e.line()) + ":" + std::to_string(e.column()) + " " + e.message();
  }
  return "(no error)";
}

TEST(TemplateRegions, ReadInPrintOrderWithTheirAttributes) {
  auto tpl = parse(R"(<regions>
  <header number="optional" subject-under-number="true"/>
  <kinh-gui label="Kính gửi:"/>
  <preamble decision-word="QUYẾT ĐỊNH:"/>
  <body/>
  <closing signatures="stacked"/>
  <appendices/>
</regions>)");
  ASSERT_EQ(tpl.regions.size(), 6u);
  EXPECT_EQ(tpl.regions[0].kind, RegionSpec::Kind::Header);
  EXPECT_EQ(tpl.regions[0].number, "optional");
  EXPECT_TRUE(tpl.regions[0].subject_under_number);
  EXPECT_EQ(tpl.regions[1].kind, RegionSpec::Kind::KinhGui);
  EXPECT_EQ(tpl.regions[1].label, "Kính gửi:");
  EXPECT_EQ(tpl.regions[2].decision_word, "QUYẾT ĐỊNH:");
  EXPECT_EQ(tpl.regions[3].kind, RegionSpec::Kind::Body);
  EXPECT_EQ(tpl.regions[4].signatures, "stacked");
  EXPECT_EQ(tpl.regions[4].source_line, 7);  // line 1 is <template>
  EXPECT_EQ(tpl.regions[5].kind, RegionSpec::Kind::Appendices);
  // None declared: empty (realize uses Mẫu 1.4's).
  EXPECT_TRUE(parse("").regions.empty());
}

TEST(TemplateRegions, UnknownRegionsAndValuesAreErrorsWithLineAndColumn) {
  EXPECT_EQ(error_of("<regions>\n  <signature/>\n</regions>").substr(0, 4), "3:3 ");
  EXPECT_NE(error_of("<regions>\n  <signature/>\n</regions>").find("unknown region <signature>"), std::string::npos);
  std::string bad = error_of("<regions><header number=\"maybe\"/></regions>");
  EXPECT_EQ(bad.substr(0, 5), "2:10 ") << bad;
  EXPECT_NE(bad.find("none, optional, required"), std::string::npos) << bad;
  EXPECT_NE(error_of("<regions><closing signatures=\"diagonal\"/></regions>").find("side-by-side"), std::string::npos);
  EXPECT_NE(error_of("<regions><title colour=\"red\"/></regions>").find("unknown attribute \"colour\""), std::string::npos);
  EXPECT_NE(error_of("<regions><body/><body/></regions>").find("declared twice"), std::string::npos);
  EXPECT_NE(error_of("<regions/>").find("declares no region"), std::string::npos);
}

// Mẫu 1.6: the receivers labelled by the sender ("<authority> điện:"), each set as its
// style indents it; Mẫu 1.10: a confirmation block at the lower left. Defaults: Kính gửi's.
TEST(TemplateRegions, KinhGuiLabelledByTheAuthorityAndAConfirmationBlock) {
  auto tpl = parse(R"(<regions>
  <kinh-gui label-from="authority" label-suffix=" điện:" label-style="authority-line" item-style="body"
            item-indent="style" same-line="false"/>
  <body/>
  <closing confirmation="below-left" confirmation-style="authority"/>
</regions>)");
  const RegionSpec& k = tpl.regions[0];
  EXPECT_EQ(k.label_from, "authority");
  EXPECT_EQ(k.label_suffix, " điện:");
  EXPECT_EQ(k.label_style, "authority-line");
  EXPECT_EQ(k.item_style, "body");
  EXPECT_EQ(k.item_indent, "style");
  EXPECT_FALSE(k.same_line);
  EXPECT_EQ(tpl.regions[2].confirmation, "below-left");
  EXPECT_EQ(tpl.regions[2].confirmation_style, "authority");
  const RegionSpec plain = parse("<regions><kinh-gui/><closing/></regions>").regions[0];
  EXPECT_EQ(plain.label_style, "kinh-gui");
  EXPECT_EQ(plain.item_style, "kinh-gui-item");
  EXPECT_EQ(plain.item_indent, "under-colon");
  EXPECT_TRUE(plain.same_line);
  EXPECT_EQ(parse("<regions><closing/></regions>").regions[0].confirmation, "");

  EXPECT_NE(error_of(R"(<regions><kinh-gui item-indent="right"/></regions>)").find("style, under-colon"),
            std::string::npos);
  EXPECT_NE(error_of(R"(<regions><kinh-gui label-from="subject"/></regions>)").find("authority"), std::string::npos);
  EXPECT_NE(error_of(R"(<regions><kinh-gui label="Kính gửi:" label-from="authority"/></regions>)").find("exclude"),
            std::string::npos);
  EXPECT_NE(error_of(R"(<regions><kinh-gui label-suffix=" điện:"/></regions>)").find("needs label-from"),
            std::string::npos);
  EXPECT_NE(error_of(R"(<regions><closing confirmation="top-right"/></regions>)").find("below-left"), std::string::npos);
}

TEST(TemplateRegions, NumberingSchemesBesideTheKindsDefaults) {
  auto tpl = vanban::style::load_template("ke-hoach", kDirs);
  EXPECT_EQ(tpl.numbering_for("part").format, NumberFormat::Roman);
  EXPECT_EQ(tpl.numbering_for("part").label_style, "part-label");
  const auto& ordinal = tpl.numbering_schemes.at("part:ordinal");
  EXPECT_EQ(ordinal.format, NumberFormat::Ordinal);
  EXPECT_EQ(ordinal.scheme, "ordinal");
  EXPECT_EQ(ordinal.prefix, "Phần ");
  EXPECT_TRUE(tpl.numbering_schemes.at("clause:outline").outline);
  EXPECT_EQ(tpl.numbering_schemes.at("section:muc").prefix, "Mục ");
  EXPECT_EQ(tpl.numbering_for("article").prefix, "Điều ");
  for (const char* s : {"part-label", "part-title", "chapter-label", "chapter-title", "section-label", "section-title",
                        "article", "subject-under-number", "kinh-gui", "authority-line", "preamble", "decision-word"}) {
    EXPECT_TRUE(tpl.styles.count(s)) << s;
  }
  EXPECT_NE(error_of("<numbering kind=\"part\" format=\"words\"/>").find("ordinal"), std::string::npos);
  EXPECT_EQ(error_of("<numbering kind=\"tiểu mục\"/>").substr(0, 4), "2:1 ");
  EXPECT_NE(error_of("<numbering kind=\"clause\" outline=\"yes\"/>").find("true or false"), std::string::npos);
}

}  // namespace
