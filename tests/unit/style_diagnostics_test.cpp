// The template reader reports the problems of every element of a template in one Error,
// with "did you mean" for an element it does not know; an unknown template name lists the
// templates there are.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "core/diagnostic.h"
#include "core/error.h"
#include "style/profile.h"

namespace {

using namespace vanban;

const std::vector<std::string> kDirs = {VANBAN_SOURCE_DIR "/templates"};

std::vector<Diagnostic> problems_of(const std::string& xml) {
  try {
    style::parse_template(xml, "mine.xml", kDirs);
  } catch (const Error& e) {
    return diagnostics_of(e);
  }
  ADD_FAILURE() << "no error";
  return {};
}

TEST(TemplateDiagnostics, EveryBadElementIsReported) {
  auto all = problems_of(R"(<template name="mine" extends="van-ban-hanh-chinh">
  <document-typ name="KẾ HOẠCH"/>
  <style name="mine-body" size="900pt"/>
  <style name="mine-2" base="mine-body" bold="yes"/>
  <page margin-top="20"/>
</template>)");
  ASSERT_EQ(all.size(), 4u);
  EXPECT_EQ(all[0].line, 2);
  EXPECT_EQ(all[0].column, 3);
  EXPECT_EQ(all[0].file, "mine.xml");
  EXPECT_EQ(all[0].message, "unknown element <document-typ>");
  EXPECT_EQ(all[0].hint, "did you mean \"document-type\"?");
  EXPECT_EQ(all[0].kind, ErrorKind::Template);
  EXPECT_EQ(all[1].line, 3);
  EXPECT_NE(all[1].message.find("size out of range"), std::string::npos);
  // mine-2 is based on the bad "mine-body": its own mistake is reported, not "unknown base style".
  EXPECT_EQ(all[2].line, 4);
  EXPECT_NE(all[2].message.find("expected true or false"), std::string::npos) << all[2].message;
  EXPECT_EQ(all[3].line, 5);
}

TEST(TemplateDiagnostics, AnUnknownExtendsSuggestsTheNearestTemplate) {
  auto all = problems_of(R"(<template name="mine" extends="van-ban-hanh-chin"/>)");
  ASSERT_EQ(all.size(), 1u);
  EXPECT_EQ(all[0].hint, "did you mean \"van-ban-hanh-chinh\"?");
  EXPECT_NE(all[0].message.find("the templates there are"), std::string::npos);
  EXPECT_EQ(all[0].file, "mine.xml");
}

TEST(TemplateDiagnostics, TemplateFilesAreFoundByNameFirstDirectoryFirst) {
  auto dir = std::filesystem::temp_directory_path() / ("vanban-tf-" + std::to_string(getpid()));
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "ke-hoach.xml") << "<template/>";
  std::ofstream(dir / "notes.txt") << "x";
  auto files = style::template_files({dir.string(), kDirs[0]});
  std::filesystem::remove_all(dir);
  ASSERT_FALSE(files.empty());
  EXPECT_TRUE(std::is_sorted(files.begin(), files.end()));
  size_t ke_hoach = 0;
  for (const auto& [name, path] : files) {
    EXPECT_NE(name, "notes");
    if (name == "ke-hoach") {
      ++ke_hoach;
      EXPECT_EQ(path, (dir / "ke-hoach.xml").string());
    }
  }
  EXPECT_EQ(ke_hoach, 1u);
}

}  // namespace
