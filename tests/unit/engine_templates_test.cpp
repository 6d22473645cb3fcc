// The templates an engine finds (Engine::templates: name, kind, path) and the error of a
// template name it cannot find: the templates there are, the nearest as "did you mean".
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "core/diagnostic.h"
#include "vanban/engine.h"

namespace {

namespace fs = std::filesystem;
using namespace vanban;

const std::string kSource = VANBAN_SOURCE_DIR;

EngineOptions options(std::vector<std::string> dirs = {kSource + "/templates"}) {
  EngineOptions o;
  o.template_dirs = std::move(dirs);
  o.font_manifest = kSource + "/fonts/fonts.xml";
  return o;
}

const TemplateInfo* find(const std::vector<TemplateInfo>& all, const std::string& name) {
  auto it = std::find_if(all.begin(), all.end(), [&](const TemplateInfo& t) { return t.name == name; });
  return it == all.end() ? nullptr : &*it;
}

TEST(EngineTemplates, EveryTemplateWithTheKindItsFileDeclares) {
  Engine engine(options());
  auto all = engine.templates();
  size_t files = 0;
  for (const auto& f : fs::directory_iterator(kSource + "/templates")) files += f.path().extension() == ".xml";
  EXPECT_EQ(all.size(), files - 1);  // nd30.xml is abstract: a base, not a template to render with
  EXPECT_EQ(find(all, "nd30"), nullptr);
  EXPECT_TRUE(std::is_sorted(all.begin(), all.end(), [](auto& a, auto& b) { return a.name < b.name; }));
  const std::pair<const char*, const char*> kinds[] = {
      {"ke-hoach", "Kế hoạch"}, {"cong-van", "Công văn"}, {"phu-luc-1", "Phụ lục 1"}, {"giay-khen", "Giấy khen"},
      // What the file says (kind="…"), where its type name would mislead.
      {"quyet-dinh", "Quyết định (Mẫu 1.2)"}, {"ban-sao", "Bản sao (Mẫu 3.1)"},
      {"giay-cong-nhan", "Giấy công nhận"},
      {"van-ban-hanh-chinh", "Văn bản hành chính (tên loại theo dữ liệu)"}};
  for (auto [name, kind] : kinds) {
    const TemplateInfo* t = find(all, name);
    ASSERT_NE(t, nullptr) << name;
    EXPECT_EQ(t->kind, kind) << name;
    EXPECT_EQ(t->path, kSource + "/templates/" + name + ".xml");
  }
}

TEST(EngineTemplates, TheFirstDirectoryWinsAName) {
  fs::path dir = fs::temp_directory_path() / ("vanban-templates-" + std::to_string(getpid()));
  fs::create_directories(dir);
  std::ofstream(dir / "ke-hoach.xml") << R"(<template name="ke-hoach" extends="van-ban-hanh-chinh">
  <document-type name="KẾ HOẠCH LIÊN TỊCH" sentence-name="Kế hoạch liên tịch" abbreviation="KHLT"/>
</template>)";
  std::ofstream(dir / "rieng.xml") << R"(<template name="rieng" extends="nd30">
  <document-type name="THÔNG BÁO" abbreviation="TB"/>
</template>)";
  // A certificate without kind=: its title in sentence case.
  std::ofstream(dir / "bang-khen.xml") << R"(<template name="bang-khen" extends="giay-khen">
  <certificate title="BẰNG KHEN"/>
</template>)";
  Engine engine(options({dir.string(), kSource + "/templates"}));
  auto all = engine.templates();
  fs::remove_all(dir);
  ASSERT_NE(find(all, "ke-hoach"), nullptr);
  EXPECT_EQ(find(all, "ke-hoach")->kind, "Kế hoạch liên tịch");
  EXPECT_EQ(find(all, "ke-hoach")->path, (dir / "ke-hoach.xml").string());
  ASSERT_NE(find(all, "rieng"), nullptr);
  EXPECT_EQ(find(all, "rieng")->kind, "Thông báo");  // no sentence-name: the type name in sentence case
  ASSERT_NE(find(all, "bang-khen"), nullptr);
  EXPECT_EQ(find(all, "bang-khen")->kind, "Bằng khen");  // giay-khen's kind= is not inherited
  EXPECT_EQ(std::count_if(all.begin(), all.end(), [](auto& t) { return t.name == "ke-hoach"; }), 1);
}

// A template is read once and kept while its files are unchanged: a change to the file it
// extends (same size: only the time tells) is seen at the next load, as is one to itself.
TEST(EngineTemplates, KeptWhileItsFilesAreUnchangedReadAgainWhenOneChanges) {
  fs::path dir = fs::temp_directory_path() / ("vanban-template-cache-" + std::to_string(getpid()));
  fs::create_directories(dir);
  auto write_base = [&](const char* name) {
    std::ofstream(dir / "co-so.xml") << "<template name=\"co-so\" extends=\"nd30\">\n  <document-type name=\"" << name
                                     << "\" abbreviation=\"TB\"/>\n</template>\n";
  };
  write_base("THÔNG BÁO");
  std::ofstream(dir / "rieng.xml") << R"(<template name="rieng" extends="co-so"><page width="210mm"/></template>)";
  Engine engine(options({dir.string(), kSource + "/templates"}));
  auto first = engine.shared_template("rieng");
  EXPECT_EQ(first->type_name, "THÔNG BÁO");
  EXPECT_EQ(engine.shared_template("rieng"), first);  // kept, not read again
  write_base("TỜ TRÌNH");                            // the same number of bytes
  fs::last_write_time(dir / "co-so.xml", fs::last_write_time(dir / "co-so.xml") + std::chrono::seconds(2));
  auto second = engine.shared_template("rieng");
  EXPECT_NE(second, first);
  EXPECT_EQ(second->type_name, "TỜ TRÌNH");
  EXPECT_EQ(engine.load_template("rieng").type_name, "TỜ TRÌNH");
  fs::remove(dir / "rieng.xml");  // gone: an error, not the kept one
  EXPECT_THROW(engine.shared_template("rieng"), Error);
  fs::remove_all(dir);
}

TEST(EngineTemplates, AnUnknownNameListsTheTemplatesAndSuggestsTheNearest) {
  Engine engine(options());
  try {
    engine.load_template("ke-hoac");
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::Template);
    auto all = diagnostics_of(e);
    ASSERT_EQ(all.size(), 1u);
    EXPECT_EQ(all[0].hint, "did you mean \"ke-hoach\"?");
    EXPECT_NE(all[0].message.find("unknown template \"ke-hoac\""), std::string::npos);
    EXPECT_NE(all[0].message.find("the templates there are ban-ghi-nho, ban-sao,"), std::string::npos) << all[0].message;
    EXPECT_NE(all[0].message.find("quyet-dinh"), std::string::npos);
    EXPECT_EQ(all[0].message.find("nd30"), std::string::npos);  // an abstract base: not one to render with
    EXPECT_NE(e.message().find("(did you mean \"ke-hoach\"?)"), std::string::npos) << e.message();
  }
  // Nothing near: the list, no hint.
  try {
    engine.load_template("zzzzzzzz");
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_EQ(diagnostics_of(e).at(0).hint, "");
    EXPECT_NE(e.message().find("giay-khen"), std::string::npos);
  }
}

}  // namespace
