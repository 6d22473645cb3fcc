// Where layout puts the signatures of an electronic document, and what it says the document
// is (layout/signature_slots.h), for every kind: the slots measured against the laid-out
// glyphs of the authority lines and the name; the identity from the model.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>

#include "cli_harness.h"
#include "engine_fixture.h"
#include "layout/signature_appearance.h"
#include "layout/signature_slots.h"
#include "model/recipient_list.h"

namespace vanban {
namespace {

using layout::SignatureRole;

using test::read_bytes;

const std::string kSamples = std::string(VANBAN_SOURCE_DIR) + "/samples/";

layout::LaidOutDocument lay_out(const std::string& tpl, const std::string& sample) {
  const Engine& e = test::source_tree_engine();
  return e.lay_out(e.load_template(tpl), read_bytes(kSamples + sample), sample, false);
}

// The text of a page's runs whose glyphs lie in [x0, x1] horizontally, with their ink top and
// baseline: what is above and below a slot.
struct Line {
  std::string text;
  double baseline;
};
std::vector<Line> lines_in(const layout::Page& page, double x0, double x1) {
  std::vector<Line> out;
  for (const auto& run : page.runs) {
    if (run.glyphs.empty() || run.glyphs.front().x < x0 - 1 || run.glyphs.front().x > x1) continue;
    std::string text;
    for (const auto& g : run.glyphs) text += g.text;
    if (!out.empty() && std::abs(out.back().baseline - run.glyphs.front().y) < 0.01) out.back().text += text;
    else out.push_back({text, run.glyphs.front().y});
  }
  return out;
}

TEST(SignatureSlots, ThePlansSignerBetweenItsAuthorityAndItsName) {
  const auto doc = lay_out("ke-hoach", "ke-hoach-hoa-binh-2021.json");
  const auto& slots = doc.info.signature_slots;
  ASSERT_EQ(slots.size(), 3u);
  const auto& signer = slots[0];
  EXPECT_EQ(signer.role, SignatureRole::Signer);
  EXPECT_EQ(slots[1].role, SignatureRole::Body);
  EXPECT_EQ(slots[2].role, SignatureRole::BodyInfo);
  // ND30-ESIG-1: the last line above the room is the authority, the first under it the name.
  const auto lines = lines_in(doc.pages.at(signer.page), signer.x, signer.x + signer.width);
  const Line* above = nullptr;
  const Line* below = nullptr;
  for (const auto& l : lines) {
    if (l.baseline < signer.y && (!above || l.baseline > above->baseline)) above = &l;
    if (l.baseline > signer.y + signer.height && (!below || l.baseline < below->baseline)) below = &l;
  }
  ASSERT_TRUE(above && below);
  EXPECT_EQ(above->text, "GIÁM ĐỐC");
  EXPECT_EQ(below->text, "Bùi Thị Kim Tuyến");
  EXPECT_GT(signer.height, 40);  // the room the template keeps to sign (≈ 2 cm and more)
  EXPECT_LT(below->baseline - (signer.y + signer.height), 20);  // the name right under it
  // ND30-ESIG-2: the body's slot is the left third of the signer's.
  EXPECT_DOUBLE_EQ(slots[1].x, signer.x);
  EXPECT_DOUBLE_EQ(slots[1].width, signer.width / 3);
  EXPECT_DOUBLE_EQ(slots[1].y, signer.y);
  // ND30-ESIG-4..6: the information box, 77 × 9 mm, ending at the right margin, in the top margin.
  const auto& info = slots[2];
  EXPECT_EQ(info.page, 0);
  EXPECT_NEAR(info.width, 77 * layout::kPointsPerMm, 1e-9);
  EXPECT_NEAR(info.height, 9 * layout::kPointsPerMm, 1e-9);
  EXPECT_NEAR(info.x + info.width, 595.2756 - 42.5197, 1e-3);
  EXPECT_NEAR(info.y + info.height, 56.6929 - layout::kPointsPerMm, 1e-3);
  // Slots are the info's only: the pages keep none.
  for (const auto& p : doc.pages) EXPECT_TRUE(p.signature_slots.empty());
}

TEST(SignatureSlots, TheIdentityOfTheDocument) {
  const auto plan = lay_out("ke-hoach", "ke-hoach-hoa-binh-2021.json").info.identity;
  EXPECT_EQ(plan.kind, "Kế hoạch");
  EXPECT_EQ(plan.template_name, "ke-hoach");
  EXPECT_EQ(plan.number, "/KH-SGD&ĐT");  // the number left blank, the symbol printed
  EXPECT_EQ(plan.date, "");             // the day left blank: no ISO date
  EXPECT_EQ(plan.place, "Hòa Bình");
  EXPECT_EQ(plan.agency, "SỞ GIÁO DỤC VÀ ĐÀO TẠO");
  EXPECT_EQ(plan.parent_agency, "UBND TỈNH HOÀ BÌNH");
  const auto decision = lay_out("quyet-dinh", "quyet-dinh.json").info.identity;
  EXPECT_FALSE(decision.number.empty());
  EXPECT_EQ(decision.number.find("Số"), std::string::npos);
  EXPECT_EQ(decision.date.size(), 10u);  // 2021-03-05
  // ND30-EDOC-4: an electronic copy is the copy: its form, number, date and copying body.
  const auto copy = lay_out("ban-sao", "ban-sao.json").info.identity;
  EXPECT_EQ(copy.copy_form, "SAO Y");
  EXPECT_EQ(copy.number, "05/SY-PGDĐT");
  EXPECT_EQ(copy.date, "2024-05-27");
  EXPECT_EQ(copy.agency, "PHÒNG GIÁO DỤC VÀ ĐÀO TẠO");
}

TEST(SignatureSlots, ACopySignsOnlyItsOwnClosing) {
  const auto doc = lay_out("ban-sao", "ban-sao.json");
  int signers = 0;
  for (const auto& s : doc.info.signature_slots) {
    if (s.role != SignatureRole::Signer) continue;
    ++signers;
    const auto lines = lines_in(doc.pages.at(s.page), s.x, s.x + s.width);
    bool copy_signer = false;
    for (const auto& l : lines) copy_signer = copy_signer || (l.text == "Đinh Công Sáu" && l.baseline > s.y + s.height);
    EXPECT_TRUE(copy_signer) << "the slot is the copy's, over its signer's name";
  }
  EXPECT_EQ(signers, 1);
}

TEST(SignatureSlots, EverySampleHasItsSlots) {
  for (const auto& entry : std::filesystem::directory_iterator(kSamples)) {
    const std::string name = entry.path().filename().string();
    if (entry.path().extension() != ".json") continue;
    const std::string data = read_bytes(entry.path().string());
    const size_t at = data.find("\"template\": \"");
    if (at == std::string::npos) continue;
    const std::string tpl = data.substr(at + 13, data.find('"', at + 13) - at - 13);
    const Engine& e = test::source_tree_engine();
    const auto t = e.load_template(tpl);
    if (t.layout != "administrative-document") continue;
    SCOPED_TRACE(name);
    const auto doc = e.lay_out(t, data, name, false);
    int signer = 0, body = 0, info = 0;
    for (const auto& s : doc.info.signature_slots) {
      signer += s.role == SignatureRole::Signer;
      body += s.role == SignatureRole::Body;
      info += s.role == SignatureRole::BodyInfo;
      EXPECT_GE(s.page, 0);
      EXPECT_LT(s.page, static_cast<int>(doc.pages.size()));
      EXPECT_GT(s.width, 0);
      EXPECT_GT(s.height, 0);
    }
    EXPECT_EQ(info, 1);
    EXPECT_EQ(body, 1);  // one seal, on the competent person's signature
    EXPECT_GE(signer, 1);
    EXPECT_FALSE(doc.info.identity.kind.empty());
    EXPECT_EQ(doc.info.identity.template_name, tpl);
  }
}

TEST(SignatureSlots, FormsHaveTheInformationBoxOnly) {
  const Engine& e = test::source_tree_engine();
  const auto doc = e.lay_out(e.load_template("phu-luc-1"), "", "blank", true);
  ASSERT_EQ(doc.info.signature_slots.size(), 1u);  // ND30-PL-8: an appendix in a separate file
  EXPECT_EQ(doc.info.signature_slots[0].role, SignatureRole::BodyInfo);
  EXPECT_EQ(doc.info.identity.template_name, "phu-luc-1");
}

TEST(SignatureSlots, ACertificateKeepsItsSlotsOnItsPageScaledWithIt) {
  const Engine& e = test::source_tree_engine();
  const auto tpl = e.load_template("giay-khen");
  model::ListRow row;
  row.row = 2;
  row.fields = {{"ho_ten", "Bùi Thị Lan"}, {"so_quyet_dinh", "125/QĐ-SGDĐT"}, {"ngay_quyet_dinh", "15/05/2022"}};
  layout::CertificateOptions a4, a3;
  a3.scale = std::sqrt(2.0);
  const auto p4 = layout::certificate_page(tpl, row, a4, e.fonts());
  const auto p3 = layout::certificate_page(tpl, row, a3, e.fonts());
  ASSERT_EQ(p4.signature_slots.size(), 3u);
  ASSERT_EQ(p3.signature_slots.size(), 3u);
  for (size_t i = 0; i < 3; ++i) {
    EXPECT_NEAR(p3.signature_slots[i].x, p4.signature_slots[i].x * std::sqrt(2.0), 1e-6);
    EXPECT_NEAR(p3.signature_slots[i].width, p4.signature_slots[i].width * std::sqrt(2.0), 1e-6);
  }
  const auto& s = p4.signature_slots[0];
  EXPECT_EQ(s.role, SignatureRole::Signer);
  EXPECT_NEAR(s.width, tpl.certificate.signature_width, 1e-9);
  const auto id = layout::certificate_identity(tpl, row);
  EXPECT_EQ(id.kind, "Giấy khen");
  EXPECT_EQ(id.number, "125/QĐ-SGDĐT");
  EXPECT_EQ(id.date, "2022-05-15");
}

TEST(SignatureAppearance, TheInformationBoxSays) {
  layout::DocumentIdentity id;
  id.number = "05/KH-SGD&ĐT";
  EXPECT_EQ(layout::information_text(id, "2021-03-05T09:15:30+07:00"), "Số: 05/KH-SGD&ĐT; 2021-03-05T09:15:30+07:00");
  id.copy_form = "SAO Y";
  id.agency = "PHÒNG GIÁO DỤC VÀ ĐÀO TẠO";
  EXPECT_EQ(layout::information_text(id, "2024-05-27T10:00:00+07:00"),
            "Sao y; Phòng giáo dục và đào tạo; 2024-05-27T10:00:00+07:00");
  const auto a = layout::information_appearance(layout::information_box(style::Page{}), id, "2024-05-27T10:00:00+07:00",
                                                test::source_tree_engine().fonts());
  ASSERT_FALSE(a.drawing.runs.empty());
  for (const auto& run : a.drawing.runs) {
    EXPECT_EQ(run.size, 10);                              // ND30-ESIG-4: size 10
    EXPECT_EQ(run.color, layout::Color{});                // black
    EXPECT_EQ(run.font, &test::source_tree_engine().fonts().face(false, false));  // upright regular
    for (const auto& g : run.glyphs) {
      EXPECT_GE(g.x, 0);
      EXPECT_LE(g.x + g.advance, a.drawing.width + 1e-6);
    }
  }
}

// ND30-ESIG-2: the seal at its real size (its width in mm, else its pHYs), over the left third.
TEST(SignatureAppearance, TheSealAtItsRealSizeOverTheLeftThird) {
  auto seal = std::make_shared<RasterImage>();
  seal->width = seal->height = 100;
  seal->rgb.assign(100 * 100 * 3, '\0');
  for (size_t i = 0; i < 100 * 100; ++i) seal->rgb[3 * i] = static_cast<char>(220);  // red
  seal->alpha.assign(100 * 100, '\0');
  layout::SignatureSlot slot{SignatureRole::Body, 2, 300, 500, 60, 50};
  std::vector<Diagnostic> warnings;
  const auto a = layout::seal_appearance(slot, seal, 36, 0, "seal.png", &warnings);
  EXPECT_TRUE(warnings.empty());
  EXPECT_EQ(a.page, 2);
  EXPECT_NEAR(a.drawing.width, 36 * layout::kPointsPerMm, 1e-9);
  EXPECT_NEAR(a.x + a.drawing.width, 360, 1e-9);  // its right edge at the end of the left third
  EXPECT_NEAR(a.y + a.drawing.height / 2, 525, 1e-9);
  // Not red, not transparent, no size: said, and drawn at the default size.
  auto black = std::make_shared<RasterImage>(*seal);
  black->rgb.assign(100 * 100 * 3, '\0');
  black->alpha.clear();
  warnings.clear();
  const auto b = layout::seal_appearance(slot, black, 0, 100, "black.png", &warnings);
  EXPECT_EQ(warnings.size(), 3u);
  for (const auto& w : warnings) EXPECT_EQ(w.rule, "ND30-ESIG-2");
  EXPECT_NEAR(b.drawing.width, 100, 1e-9);
}

}  // namespace
}  // namespace vanban
