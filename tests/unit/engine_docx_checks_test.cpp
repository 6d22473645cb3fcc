// A DOCX is not laid out by vanban (issue #14): Engine::render_docx checks what only layout
// checks — a character the fonts lack, a style the template lacks — with
// layout::check_glyphs instead of laying the whole document out. The same errors must
// still come: every string of sample documents (header, body, tables, Kính gửi, marks,
// signatures, Nơi nhận, attached forms) is given, one at a time, a character the fonts
// lack (or one HarfBuzz copes with without a glyph), and the DOCX render must fail exactly
// as laying the document out fails — same kind, message and file — or succeed when it
// succeeds.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <functional>
#include <string>

#include "cli_harness.h"
#include "engine_fixture.h"
#include "layout/glyph_check.h"
#include "layout/layout.h"
#include "style/profile.h"

namespace {

using json = nlohmann::json;
using vanban::Error;
using vanban::test::source_tree_engine;

const std::string kSource = VANBAN_SOURCE_DIR;

// What a step threw: "" when nothing, else kind|message|file|field.
std::string outcome(const std::function<void()>& step) {
  try {
    step();
    return "";
  } catch (const Error& e) {
    return std::to_string(static_cast<int>(e.kind())) + "|" + e.message() + "|" + e.file() + "|" + e.field_path();
  }
}

// Every string value of `j`, by pointer, in document order.
void strings(json& j, std::vector<json*>& out) {
  if (j.is_string()) out.push_back(&j);
  else if (j.is_array() || j.is_object())
    for (auto& v : j) strings(v, out);
}

struct Tally {
  int same_error = 0, both_fine = 0;
};

void compare(const std::string& sample, const std::vector<std::string>& insert, Tally& tally) {
  const auto& engine = source_tree_engine();
  json original = json::parse(vanban::test::read_bytes(kSource + "/samples/" + sample));
  std::vector<json*> all;
  strings(original, all);
  for (size_t i = 0; i < all.size(); ++i) {
    json mutated = original;
    std::vector<json*> its;
    strings(mutated, its);
    const std::string& text = its[i]->get_ref<const std::string&>();
    if (text.empty() || text.size() > 400) continue;
    const std::string& odd = insert[i % insert.size()];
    size_t at = text.size() / 2;  // in the middle, between two characters
    while (at > 0 && (static_cast<unsigned char>(text[at]) & 0xC0) == 0x80) --at;
    *its[i] = text.substr(0, at) + odd + text.substr(at);
    const std::string data = mutated.dump();
    vanban::model::Document doc;
    try {
      doc = engine.load_document(data, sample);
    } catch (const Error&) {
      continue;  // refused before layout (a date, a number, a template name…)
    }
    vanban::style::Template tpl;
    try {
      tpl = engine.load_template(doc.template_name);
    } catch (const Error&) {
      continue;
    }
    vanban::RenderOptions options;
    options.creation_date = "2021-03-05T08:00:00+07:00";
    const std::string laid_out = outcome([&] { engine.layout(doc, tpl); });
    const std::string docx = outcome([&] { engine.render_document(doc, tpl, vanban::OutputFormat::Docx, options); });
    EXPECT_EQ(docx, laid_out) << sample << ": string " << i << " given " << odd << ": " << *its[i];
    if (!laid_out.empty() && laid_out == docx) ++tally.same_error;
    if (laid_out.empty() && docx.empty()) ++tally.both_fine;
  }
}

TEST(DocxChecks, ACharacterTheFontsLackFailsTheDocxAsItFailsTheLayout) {
  // U+4E2D and an emoji: no glyph; U+200B (zero width) and U+2009 (thin space): HarfBuzz
  // hides or substitutes them when the font has no glyph.
  const std::vector<std::string> insert{"中", "\xF0\x9F\x98\x80", "\u200B", "\u2009"};
  Tally tally;
  for (const char* sample : {"ke-hoach-hoa-binh-2021.json", "ke-hoach-hoa-binh-2021-bieu-mau.json",
                             "cong-van-khan-mat.json", "bien-ban.json", "ban-sao.json", "cong-dien.json",
                             "giay-nghi-phep.json"}) {
    compare(sample, insert, tally);
  }
  // Both outcomes were met many times (the comparison is not vacuous).
  EXPECT_GT(tally.same_error, 100) << tally.both_fine;
  EXPECT_GT(tally.both_fine, 20) << tally.same_error;
}

TEST(DocxChecks, AStyleTheTemplateLacksFailsTheDocxAsItFailsTheLayout) {
  const auto& engine = source_tree_engine();
  vanban::model::Document doc =
      engine.load_document(vanban::test::read_bytes(kSource + "/samples/ke-hoach-hoa-binh-2021.json"), "plan.json");
  vanban::style::Template tpl = engine.load_template(doc.template_name);
  // The page number's style, looked up by layout only.
  tpl.page.number_style = "no-such-style";
  const vanban::realize::Document realized = vanban::realize::realize_document(doc, tpl, engine.fonts(), {});
  const std::string laid_out = outcome([&] { vanban::layout::layout_document(realized, engine.fonts()); });
  EXPECT_NE(laid_out, "");
  EXPECT_EQ(outcome([&] { vanban::layout::check_glyphs(realized, engine.fonts()); }), laid_out);
  vanban::RenderOptions options;
  EXPECT_EQ(outcome([&] { engine.render_document(doc, tpl, vanban::OutputFormat::Docx, options); }), laid_out);
}

}  // namespace
