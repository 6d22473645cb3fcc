#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "core/error.h"
#include "style/profile.h"

namespace {

namespace fs = std::filesystem;
using vanban::Error;
using vanban::style::load_template;

const std::vector<std::string> kDirs = {VANBAN_SOURCE_DIR "/templates"};
constexpr double kMm = 72.0 / 25.4;

class TempDir {
 public:
  TempDir() {
    path_ = fs::temp_directory_path() / ("vanban-style-" + std::to_string(::getpid()) + "-" +
                                         std::to_string(counter_++));
    fs::create_directories(path_);
  }
  ~TempDir() { fs::remove_all(path_); }
  std::string write(const std::string& name, const std::string& text) const {
    std::ofstream(path_ / name) << text;
    return (path_ / name).string();
  }
  std::string str() const { return path_.string(); }

 private:
  fs::path path_;
  static inline int counter_ = 0;
};

TEST(Template, KeHoachInheritsTheDecreeProfile) {
  auto tpl = load_template("ke-hoach", kDirs);
  EXPECT_EQ(tpl.name, "ke-hoach");
  EXPECT_EQ(tpl.type_name, "KẾ HOẠCH");
  EXPECT_EQ(tpl.type_abbreviation, "KH");
  EXPECT_EQ(tpl.layout, "administrative-document");
  // ND30-PAGE-1/3
  EXPECT_NEAR(tpl.page.width, 210 * kMm, 1e-9);
  EXPECT_NEAR(tpl.page.height, 297 * kMm, 1e-9);
  EXPECT_NEAR(tpl.page.margin_left, 30 * kMm, 1e-9);
  EXPECT_NEAR(tpl.page.margin_right, 15 * kMm, 1e-9);
  // ND30-BODY-1..3
  const auto& body = tpl.style("body");
  EXPECT_EQ(body.size, 14);
  EXPECT_EQ(body.align, vanban::style::Align::Justify);
  EXPECT_NEAR(body.first_indent, 1.27 * 72 / 2.54, 1e-9);
  EXPECT_GE(body.space_after, 6);
  // A style built on "body" keeps what it does not change.
  const auto& section = tpl.style("section");
  EXPECT_TRUE(section.bold);
  EXPECT_TRUE(section.uppercase);
  EXPECT_EQ(section.size, 14);
  EXPECT_EQ(tpl.numbering_for("point").format, vanban::style::NumberFormat::VietnameseLetter);
  ASSERT_GE(tpl.vietnamese_letters.size(), 6u);
  EXPECT_EQ(tpl.vietnamese_letters[4], "đ");
}

TEST(Template, ChildRefinesAnInheritedStyleAttributeByAttribute) {
  TempDir dir;
  dir.write("base.xml", R"(<template name="base"><style name="body" size="14pt" bold="true"/></template>)");
  std::string child = dir.write("child.xml",
                                R"(<template name="child" extends="base"><style name="body" size="13pt"/></template>)");
  auto tpl = load_template(child, {});
  EXPECT_EQ(tpl.style("body").size, 13);
  EXPECT_TRUE(tpl.style("body").bold);
}

TEST(Template, UnknownAttributeIsReportedWithLineAndColumn) {
  TempDir dir;
  std::string path = dir.write("bad.xml", "<template name=\"bad\">\n  <style name=\"body\" sise=\"14pt\"/>\n</template>\n");
  try {
    load_template(path, {});
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_EQ(e.file(), path);
    EXPECT_EQ(e.line(), 2);
    EXPECT_EQ(e.column(), 3);
    EXPECT_NE(e.message().find("sise"), std::string::npos) << e.what();
  }
}

TEST(Template, LengthWithoutUnitIsAnError) {
  TempDir dir;
  std::string path = dir.write("bad.xml", "<template name=\"bad\"><page margin-top=\"20\"/></template>");
  try {
    load_template(path, {});
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_NE(e.message().find("unit"), std::string::npos) << e.what();
  }
}

TEST(Template, MalformedXmlNamesFileLineColumn) {
  TempDir dir;
  std::string path = dir.write("bad.xml", "<template name=\"bad\">\n<style name=\"x\"\n</template>");
  try {
    load_template(path, {});
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_EQ(e.file(), path);
    EXPECT_GE(e.line(), 2);
    EXPECT_GT(e.column(), 0);
  }
}

TEST(Template, UnknownTemplateNameIsAnError) {
  try {
    load_template("quyet-dinh-khong-co", kDirs);
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), vanban::ErrorKind::Template);
    EXPECT_NE(e.message().find("quyet-dinh-khong-co"), std::string::npos);
  }
}

TEST(Template, CircularExtendsIsAnError) {
  TempDir dir;
  dir.write("a.xml", R"(<template name="a" extends="b"/>)");
  dir.write("b.xml", R"(<template name="b" extends="a"/>)");
  EXPECT_THROW(load_template("a", {dir.str()}), Error);
}

}  // namespace
