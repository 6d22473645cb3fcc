// The SVG writer alone (engine/svg): pages built by hand, the SVG read back with pugixml.
#include <gtest/gtest.h>

#include <hb.h>
#include <pugixml.hpp>

#include <cmath>
#include <limits>
#include <regex>

#include "core/error.h"
#include "core/raster_image.h"
#include "svg/svg_writer.h"
#include "test_fonts.h"
#include "text/shaper.h"

namespace {

using namespace vanban;

const text::Font& regular() { return test::liberation_fonts().face(text::FaceStyle::Regular); }

// A run of `utf8` shaped with `font` at (x, y), natural advances.
layout::TextRun make_run(const text::Font& font, double size, const std::string& utf8, double x, double y) {
  layout::TextRun run;
  run.font = &font;
  run.size = size;
  for (const auto& g : text::shape(font, size, utf8)) {
    run.glyphs.push_back({g.glyph_id, x, y, g.x_advance, ""});
    x += g.x_advance;
  }
  return run;
}

pugi::xml_document parse(const std::string& svg) {
  pugi::xml_document doc;
  pugi::xml_parse_result r = doc.load_string(svg.c_str());
  EXPECT_TRUE(r) << r.description() << "\n" << svg.substr(0, 2000);
  return doc;
}

size_t count(const pugi::xml_document& doc, const char* xpath) { return doc.select_nodes(xpath).size(); }

uint32_t glyph_of(const text::Font& font, char32_t c) {
  hb_codepoint_t gid = 0;
  hb_font_get_nominal_glyph(font.hb_font(), c, &gid);
  return gid;
}

TEST(SvgWriter, PageSizeInMillimetresAndViewBoxInPoints) {
  std::vector<layout::Page> pages(2);
  pages[1].width = 841.8898;  // A4 landscape
  pages[1].height = 595.2756;
  auto svgs = svg::write_svg(pages, {});
  ASSERT_EQ(svgs.size(), 2u);
  auto doc = parse(svgs[0]);
  pugi::xml_node svg = doc.child("svg");
  EXPECT_STREQ(svg.attribute("width").value(), "210mm");
  EXPECT_STREQ(svg.attribute("height").value(), "297mm");
  EXPECT_STREQ(svg.attribute("viewBox").value(), "0 0 595.276 841.89");
  EXPECT_STREQ(svg.attribute("xmlns").value(), "http://www.w3.org/2000/svg");
  auto landscape = parse(svgs[1]);
  EXPECT_STREQ(landscape.child("svg").attribute("width").value(), "297mm");
  EXPECT_STREQ(landscape.child("svg").attribute("viewBox").value(), "0 0 841.89 595.276");
  // A white sheet under everything.
  EXPECT_STREQ(svg.child("rect").attribute("fill").value(), "#ffffff");
}

TEST(SvgWriter, EachGlyphDefinedOncePerPageAndPlacedAtItsPenPosition) {
  layout::Page page;
  page.runs.push_back(make_run(regular(), 13, "ANNA A", 70.5, 100.25));
  ASSERT_EQ(page.runs[0].glyphs.size(), 6u);
  for (size_t i = 0; i < 6; ++i) page.runs[0].glyphs[i].text = std::string(1, "ANNA A"[i]);
  page.runs[0].glyphs[1].text = "N&<";  // escaped in the text layer
  auto doc = parse(svg::write_svg({page}, {})[0]);
  // The text over the glyphs, invisible, to be selected and searched: one <text> a line.
  pugi::xml_node text = doc.select_node("/svg/text").node();
  EXPECT_STREQ(text.child_value(), "AN&<NA A");
  EXPECT_STREQ(text.attribute("x").value(), "70.5");
  EXPECT_STREQ(text.attribute("y").value(), "100.25");
  EXPECT_STREQ(text.attribute("font-size").value(), "13");
  EXPECT_NEAR(text.attribute("textLength").as_double(),
              page.runs[0].glyphs[5].x + page.runs[0].glyphs[5].advance - 70.5, 0.0006);
  EXPECT_NE(std::string(doc.select_node("/svg/style").node().child_value()).find("fill-opacity:0"), std::string::npos);
  // A, N and the space: two outlines (the space has no ink), five uses.
  EXPECT_EQ(count(doc, "/svg/defs/path"), 2u);
  pugi::xpath_node_set uses = doc.select_nodes("/svg/use");
  ASSERT_EQ(uses.size(), 5u);
  EXPECT_STREQ(uses[0].node().attribute("x").value(), "70.5");
  EXPECT_STREQ(uses[0].node().attribute("y").value(), "100.25");
  const auto& glyphs = page.runs[0].glyphs;
  EXPECT_NEAR(uses[4].node().attribute("x").as_double(), glyphs[5].x, 0.0005);
  // The uses name the definitions: A, N, N, A, A.
  std::string a = uses[0].node().attribute("xlink:href").value(), n = uses[1].node().attribute("xlink:href").value();
  EXPECT_NE(a, n);
  EXPECT_EQ(uses[2].node().attribute("xlink:href").value(), n);
  EXPECT_EQ(uses[3].node().attribute("xlink:href").value(), a);
  EXPECT_EQ(uses[4].node().attribute("xlink:href").value(), a);
  EXPECT_TRUE(doc.select_node(("/svg/defs/path[@id='" + a.substr(1) + "']").c_str()));
}

TEST(SvgWriter, GlyphOutlineScaledToTheSizeAndTurnedDownwards) {
  const text::Font& font = regular();
  const double size = 100;
  layout::Page page;
  layout::TextRun run;
  run.font = &font;
  run.size = size;
  const uint32_t h = glyph_of(font, U'H');
  run.glyphs.push_back({h, 0, 0, 0, "H"});
  page.runs.push_back(run);
  auto doc = parse(svg::write_svg({page}, {})[0]);
  std::string d = doc.select_node("/svg/defs/path").node().attribute("d").value();
  // Every coordinate pair of the path: its box must be the glyph's box at 100 pt, y down.
  std::regex number(R"(-?[0-9]+(\.[0-9]+)?)");
  std::vector<double> v;
  for (auto it = std::sregex_iterator(d.begin(), d.end(), number); it != std::sregex_iterator(); ++it)
    v.push_back(std::stod(it->str()));
  ASSERT_GE(v.size(), 8u);
  ASSERT_EQ(v.size() % 2, 0u);  // 'H' is made of straight lines: M and L only
  double x0 = 1e9, x1 = -1e9, y0 = 1e9, y1 = -1e9;
  for (size_t i = 0; i < v.size(); i += 2) {
    x0 = std::min(x0, v[i]), x1 = std::max(x1, v[i]);
    y0 = std::min(y0, v[i + 1]), y1 = std::max(y1, v[i + 1]);
  }
  hb_glyph_extents_t e;
  ASSERT_TRUE(hb_font_get_glyph_extents(font.hb_font(), h, &e));
  const double k = size / font.units_per_em();
  EXPECT_NEAR(x0, e.x_bearing * k, 0.002);
  EXPECT_NEAR(x1, (e.x_bearing + e.width) * k, 0.002);
  EXPECT_NEAR(y0, -e.y_bearing * k, 0.002);              // the top, above the baseline: negative
  EXPECT_NEAR(y1, -(e.y_bearing + e.height) * k, 0.002);  // the foot, on the baseline
  EXPECT_LT(y0, -60);                                      // a capital at 100 pt is ~66 pt tall
}

TEST(SvgWriter, SameGlyphAtTwoSizesTwoDefinitionsAndEveryPageStandsAlone) {
  layout::Page page;
  page.runs.push_back(make_run(regular(), 13, "A", 10, 20));
  page.runs.push_back(make_run(regular(), 14, "A", 10, 40));
  auto svgs = svg::write_svg({page, page}, {});
  for (const auto& s : svgs) {
    auto doc = parse(s);
    EXPECT_EQ(count(doc, "/svg/defs/path"), 2u);
    EXPECT_EQ(count(doc, "/svg/use"), 2u);
  }
  EXPECT_EQ(svgs[0], svgs[1]);
}

TEST(SvgWriter, ColouredTextRulesAndRectanglesAsThePdfDrawsThem) {
  layout::Page page;
  auto red = make_run(regular(), 12, "X", 10, 20);
  red.color = {1, 0, 0};
  page.runs.push_back(red);
  page.rules.push_back({72, 100, 300, 100, 0.75, {}, layout::kArtifact});
  // Three modules of one colour, then one of another: two paths.
  page.rects.push_back({10, 10, 2, 2, {}, layout::kArtifact});
  page.rects.push_back({12, 10, 2, 2, {}, layout::kArtifact});
  page.rects.push_back({10, 12, 2, 2, {}, layout::kArtifact});
  page.rects.push_back({50, 50, 5, 5, {0, 0, 1}, layout::kArtifact});
  auto doc = parse(svg::write_svg({page}, {})[0]);
  EXPECT_TRUE(doc.select_node("/svg/g[@fill='#ff0000']/use"));
  pugi::xml_node line = doc.select_node("/svg/line").node();
  EXPECT_STREQ(line.attribute("x1").value(), "72");
  EXPECT_STREQ(line.attribute("y2").value(), "100");
  EXPECT_STREQ(line.attribute("stroke-width").value(), "0.75");
  EXPECT_STREQ(line.attribute("stroke").value(), "#000000");
  // A rule of width 0 is PDF's thinnest line (one device pixel), not nothing.
  page.rules[0].thickness = 0;
  auto hairline = parse(svg::write_svg({page}, {})[0]);
  EXPECT_STREQ(hairline.select_node("/svg/line").node().attribute("vector-effect").value(), "non-scaling-stroke");
  EXPECT_STREQ(hairline.select_node("/svg/line").node().attribute("stroke-width").value(), "1");
  pugi::xpath_node_set paths = doc.select_nodes("/svg/path");
  ASSERT_EQ(paths.size(), 2u);
  EXPECT_STREQ(paths[0].node().attribute("d").value(), "M10 10h2v2h-2zM12 10h2v2h-2zM10 12h2v2h-2z");
  EXPECT_STREQ(paths[1].node().attribute("fill").value(), "#0000ff");
}

TEST(SvgWriter, SharedGraphicDrawnFirstAndAMissingOneRefused) {
  layout::Graphic border;
  border.width = 595.2756;
  border.height = 841.8898;
  border.rules.push_back({20, 20, 575, 20, 2, {}, layout::kArtifact});
  layout::Page page;
  page.graphics = {0};
  page.rects.push_back({100, 100, 10, 10, {}, layout::kArtifact});
  auto doc = parse(svg::write_svg({page}, {border})[0]);
  pugi::xml_node first = doc.child("svg").child("rect").next_sibling();
  EXPECT_STREQ(first.name(), "g");
  EXPECT_STREQ(first.child("line").attribute("stroke-width").value(), "2");
  page.graphics = {1};
  try {
    svg::write_svg({page}, {border});
    FAIL() << "a missing graphic was accepted";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::Output);
  }
}

TEST(SvgWriter, ImageWithoutItsFileEncodedAsAPngOfTheSamePixels) {
  auto image = std::make_shared<RasterImage>();
  image->width = 3;
  image->height = 2;
  image->rgb = std::string("\xff\x00\x00\x00\xff\x00\x00\x00\xff\x10\x20\x30\x40\x50\x60\x70\x80\x90", 18);
  image->alpha = std::string("\xff\x80\x00\xff\xff\x10", 6);
  layout::Page page;
  page.images.push_back({image, 10, 20, 30, 40, layout::kArtifact});
  page.images.push_back({image, 50, 20, 30, 40, layout::kArtifact});
  auto doc = parse(svg::write_svg({page}, {})[0]);
  pugi::xpath_node_set images = doc.select_nodes("/svg/image");
  ASSERT_EQ(images.size(), 2u);
  pugi::xml_node im = images[0].node();
  EXPECT_STREQ(im.attribute("width").value(), "30");
  EXPECT_STREQ(im.attribute("preserveAspectRatio").value(), "none");
  std::string uri = im.attribute("xlink:href").value();
  const std::string prefix = "data:image/png;base64,";
  ASSERT_EQ(uri.rfind(prefix, 0), 0u);
  EXPECT_EQ(uri, images[1].node().attribute("xlink:href").value());
  // Decode the base64 and the PNG: the same samples come back.
  std::string b64 = uri.substr(prefix.size()), png;
  const std::string table = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  uint32_t acc = 0;
  int bits = 0;
  for (char c : b64) {
    if (c == '=') break;
    acc = (acc << 6) | static_cast<uint32_t>(table.find(c));
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      png += static_cast<char>((acc >> bits) & 0xff);
    }
  }
  RasterImage back = decode_png(png, "svg image");
  EXPECT_EQ(back.width, 3);
  EXPECT_EQ(back.height, 2);
  EXPECT_EQ(back.rgb, image->rgb);
  EXPECT_EQ(back.alpha, image->alpha);
}

TEST(SvgWriter, ImageFromAFileKeepsItsBytes) {
  auto image = std::make_shared<RasterImage>();
  image->width = 1;
  image->height = 1;
  image->rgb = std::string("\0\0\0", 3);
  image->png = "abcd";  // not looked at: embedded as it is (base64 "YWJjZA==")
  layout::Page page;
  page.images.push_back({image, 0, 0, 1, 1, layout::kArtifact});
  auto doc = parse(svg::write_svg({page}, {})[0]);
  EXPECT_STREQ(doc.select_node("/svg/image").node().attribute("xlink:href").value(), "data:image/png;base64,YWJjZA==");
}

TEST(SvgWriter, NumbersThatAreNotPositionsRefused) {
  for (double bad : {std::numeric_limits<double>::quiet_NaN(), std::numeric_limits<double>::infinity(), 1e9}) {
    layout::Page page;
    page.rules.push_back({0, 0, bad, 10, 0.5, {}, layout::kArtifact});
    try {
      svg::write_svg({page}, {});
      FAIL() << "accepted " << bad;
    } catch (const Error& e) {
      EXPECT_EQ(e.kind(), ErrorKind::Layout);
    }
  }
  layout::Page empty_image;
  empty_image.images.push_back({std::make_shared<RasterImage>(), 0, 0, 1, 1, layout::kArtifact});
  EXPECT_THROW(svg::write_svg({empty_image}, {}), Error);
}

TEST(SvgWriter, SamePagesSameBytes) {
  layout::Page page;
  page.runs.push_back(make_run(regular(), 13, "Cộng hòa xã hội chủ nghĩa Việt Nam", 72, 90));
  page.runs.push_back(make_run(test::liberation_fonts().face(text::FaceStyle::Bold), 14, "ĐỘC LẬP", 72, 120));
  page.rules.push_back({72, 125, 200, 125, 0.5, {}, layout::kArtifact});
  auto a = svg::write_svg({page, page}, {});
  auto b = svg::write_svg({page, page}, {});
  EXPECT_EQ(a, b);
  auto doc = parse(a[0]);
  // Vietnamese letters with two marks: HarfBuzz composes them; each needs an outline.
  EXPECT_GT(count(doc, "/svg/defs/path"), 15u);
  EXPECT_EQ(a[0].find("nan"), std::string::npos);
}

}  // namespace
