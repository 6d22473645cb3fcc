// SVG previews through the engine and the command (issue #15): Engine::write_svg on real
// documents, `vanban render … -o out.svg`, and the pixels of each SVG as Chromium draws
// it against the PDF as poppler draws it (tests/e2e/svg_check.py).
#include <gtest/gtest.h>

#include <hb.h>
#include <nlohmann/json.hpp>
#include <pugixml.hpp>

#include <filesystem>
#include <iostream>

#include "cli_harness.h"
#include "core/file_io.h"
#include "engine_fixture.h"

namespace {

namespace fs = std::filesystem;
using namespace vanban;
using test::Dir;
using test::q;
using test::run;

const std::string kSource = VANBAN_SOURCE_DIR;
const std::string kCli = VANBAN_CLI;
const std::string kPlan = kSource + "/samples/ke-hoach-hoa-binh-2021.json";

const Engine& engine() { return test::source_tree_engine(); }

layout::LaidOutDocument lay_out(const std::string& tpl, const std::string& sample) {
  const std::string path = kSource + "/samples/" + sample;
  return engine().lay_out(engine().load_template(tpl), file_io::read_file(path), path, false);
}

// Whether a glyph leaves ink (a space does not).
bool inked(const text::Font& font, uint32_t glyph) {
  hb_glyph_extents_t e;
  return hb_font_get_glyph_extents(font.hb_font(), glyph, &e) && e.width != 0 && e.height != 0;
}

TEST(Svg, EveryPageOfThePlanWithEveryInkedGlyphWhereLayoutPutIt) {
  layout::LaidOutDocument doc = lay_out("ke-hoach", "ke-hoach-hoa-binh-2021.json");
  std::vector<std::string> svgs = engine().write_svg(doc, {});
  ASSERT_EQ(svgs.size(), doc.pages.size());
  ASSERT_GE(svgs.size(), 3u);
  for (size_t p = 0; p < svgs.size(); ++p) {
    pugi::xml_document xml;
    ASSERT_TRUE(xml.load_string(svgs[p].c_str())) << p;
    std::vector<const layout::PositionedGlyph*> expected;
    for (const auto& run : doc.pages[p].runs)
      for (const auto& g : run.glyphs)
        if (inked(*run.font, g.glyph_id)) expected.push_back(&g);
    pugi::xpath_node_set uses = xml.select_nodes("//use");
    ASSERT_EQ(uses.size(), expected.size()) << "page " << p + 1;
    for (size_t i = 0; i < uses.size(); i += 37) {
      EXPECT_NEAR(uses[i].node().attribute("x").as_double(), expected[i]->x, 0.0006) << p << " " << i;
      EXPECT_NEAR(uses[i].node().attribute("y").as_double(), expected[i]->y, 0.0006) << p << " " << i;
    }
    EXPECT_EQ(xml.select_nodes("//line").size(), doc.pages[p].rules.size());
  }
  EXPECT_EQ(engine().write_svg(doc, {}), svgs);  // deterministic
}

TEST(Svg, SignaturesAndPdfaAreForAPdf) {
  layout::LaidOutDocument doc = lay_out("quyet-dinh", "quyet-dinh.json");
  RenderOptions pdfa;
  pdfa.pdfa = true;
  try {
    engine().write_svg(doc, pdfa);
    FAIL() << "PDF/A asked of an SVG";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::Usage);
  }
  RenderOptions signed_;
  signed_.signatures.emplace_back();
  EXPECT_THROW(engine().write_svg(doc, signed_), Error);
}

TEST(Svg, RenderWritesOneFilePerPageAllOrNothing) {
  Dir dir("vanban-svg");
  test::Result r = run(kCli + " render ke-hoach " + q(kPlan) + " -o " + q(dir.file("plan.svg")) + " --format json");
  ASSERT_EQ(r.status, 0) << r.output;
  nlohmann::json result = nlohmann::json::parse(r.output)["result"];
  EXPECT_EQ(result["format"], "svg");
  const size_t pages = lay_out("ke-hoach", "ke-hoach-hoa-binh-2021.json").pages.size();
  ASSERT_EQ(result["files"].size(), pages);
  for (size_t i = 1; i <= pages; ++i) {
    std::string path = dir.file("plan-" + std::to_string(i) + ".svg");
    EXPECT_EQ(result["files"][i - 1], path);
    std::string svg = test::read_bytes(path);
    EXPECT_EQ(svg.rfind("<?xml", 0), 0u) << path;
    EXPECT_NE(svg.find("</svg>"), std::string::npos) << path;
  }
  EXPECT_FALSE(fs::exists(dir.file("plan.svg")));
  EXPECT_FALSE(fs::exists(dir.file("plan-" + std::to_string(pages + 1) + ".svg")));

  // Bad data: nothing written, the files there kept as they were.
  dir.write("bad.json", "{\"template\": \"ke-hoach\", \"header\": ");
  dir.write("old-1.svg", "kept");
  r = run(kCli + " render ke-hoach " + q(dir.file("bad.json")) + " -o " + q(dir.file("old.svg")));
  EXPECT_EQ(r.status, 1) << r.output;
  EXPECT_EQ(test::read_bytes(dir.file("old-1.svg")), "kept");
  EXPECT_FALSE(fs::exists(dir.file("old-2.svg")));
  // A directory that cannot take the files: an error naming it, no temporary left.
  r = run(kCli + " render ke-hoach " + q(kPlan) + " -o " + q(dir.file("missing/plan.svg")));
  EXPECT_EQ(r.status, 1) << r.output;
  EXPECT_NE(r.output.find("missing/plan-1.svg"), std::string::npos) << r.output;
  // Where a later page cannot go (a directory in its place), the earlier pages are not
  // written either.
  fs::create_directory(dir.file("blocked-2.svg"));
  r = run(kCli + " render ke-hoach " + q(kPlan) + " -o " + q(dir.file("blocked.svg")));
  EXPECT_EQ(r.status, 1) << r.output;
  EXPECT_FALSE(fs::exists(dir.file("blocked-1.svg")));
  for (const auto& entry : fs::directory_iterator(dir.path))
    EXPECT_EQ(entry.path().filename().string().find(".vanban-tmp"), std::string::npos) << entry.path();
  // Usage: a signature or --format pdf with an .svg output.
  r = run(kCli + " render ke-hoach " + q(kPlan) + " -o " + q(dir.file("x.svg")) + " --format pdf");
  EXPECT_EQ(r.status, 2) << r.output;
  r = run(kCli + " render ke-hoach " + q(kPlan) + " -o " + q(dir.file("x.svg")) + " --p12 " + q(kPlan));
  EXPECT_EQ(r.status, 2) << r.output;
  EXPECT_NE(r.output.find("SVG"), std::string::npos) << r.output;
  r = run(kCli + " render ke-hoach " + q(kPlan) + " -o " + q(dir.file("x.txt")));
  EXPECT_EQ(r.status, 2) << r.output;
  EXPECT_NE(r.output.find(".svg"), std::string::npos) << r.output;
}

// Writes `<name>.pdf` and `<name>-<n>.svg` of `doc` into `dir`.
void write_pair(const Dir& dir, const std::string& name, const layout::LaidOutDocument& doc) {
  RenderOptions options;
  options.creation_date = "2022-05-15";
  file_io::write_file_atomically(dir.file(name + ".pdf"), engine().write_pdf(doc, options));
  std::vector<std::string> svgs = engine().write_svg(doc, options);
  for (size_t i = 0; i < svgs.size(); ++i)
    file_io::write_file_atomically(dir.file(name + "-" + std::to_string(i + 1) + ".svg"), svgs[i]);
}

// The plan, a filled form, a document of another kind and certificates with an emblem,
// a signature and a seal: each SVG page screenshot by Chromium (one browser start) and
// compared with the PDF's page rasterised by pdftoppm at the same size. The limits on the
// pixel difference are in svg_check.py (and docs/svg.md).
TEST(SvgPixels, EachPageLooksLikeThePdfInChromium) {
  if (!fs::exists("/usr/bin/chromium") || !fs::exists("/usr/bin/chromedriver"))
    GTEST_SKIP() << "chromium and chromium-driver are not installed";
  Dir dir("vanban-svg-pixels");
  write_pair(dir, "plan", lay_out("ke-hoach", "ke-hoach-hoa-binh-2021.json"));
  write_pair(dir, "form", lay_out("phu-luc-1", "phu-luc-1-dang-ky.json"));
  write_pair(dir, "kind", lay_out("quyet-dinh", "quyet-dinh.json"));

  // Two certificates of the sample list, with images.
  for (const char* art : {"emblem", "seal", "signature"}) {
    test::Result r = run("/usr/bin/python3 " + q(kSource + "/tests/tools/make_png.py") + " " + art + " " +
                         q(dir.file(std::string(art) + ".png")));
    ASSERT_EQ(r.status, 0) << r.output;
  }
  style::Template tpl = engine().load_template("giay-khen");
  BatchOptions options;
  options.emblem_png = dir.file("emblem.png");
  options.seal_png = dir.file("seal.png");
  options.signature_png = dir.file("signature.png");
  std::string list = file_io::read_file(kSource + "/samples/danh-sach-khen-thuong.csv");
  list = list.substr(0, list.find('\n', list.find('\n', list.find('\n') + 1) + 1) + 1);  // header and 2 rows
  layout::LaidOutDocument certificates;
  certificates.graphics.push_back(layout::certificate_border(tpl, options.certificate));
  BatchResult rows = engine().certificates(tpl, list, "list.csv", options, [&](size_t, const model::ListRow&, layout::Page& page) {
    certificates.pages.push_back(std::move(page));
  });
  ASSERT_EQ(rows.produced, 2u);
  ASSERT_FALSE(certificates.pages[0].images.empty());
  write_pair(dir, "certificate", certificates);

  const std::string shots = (fs::current_path() / "svg-pixels").string();  // the build tree (ctest)
  test::Result r = run("/usr/bin/python3 " + q(kSource + "/tests/e2e/svg_check.py") + " " + q(dir.path.string()) +
                       " --shots " + q(shots) + " plan form kind certificate" +
                       " --find " + q("plan-1:Kế hoạch số 1374/ BGDĐT ngày 02/1/2020") +
                       " --find " + q("certificate-2:Nguyễn Văn An"));
  EXPECT_EQ(r.status, 0) << r.output;
  std::cout << r.output;
}

}  // namespace
