// The header marks, the address footer and the copy block as a reader finds them: the
// plan (Mẫu 1.4) with "MẬT", "HỎA TỐC", "XEM XONG TRẢ LẠI", "DỰ THẢO", an address and a
// SAO Y block, through realize, layout and the PDF writer, and through the DOCX writer
// and LibreOffice; pdfminer (tests/e2e/pdf_probe.py) reads the positions and colours back.
// ND30-MAT-1, ND30-KHAN-1/2, ND30-LH-1, ND30-DC-1, ND30-COPY-1.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <cmath>
#include <filesystem>

#include "cli_harness.h"
#include "core/file_io.h"
#include "docx/docx_writer.h"
#include "layout/layout.h"
#include "model/reader.h"
#include "pdf/pdf_writer.h"
#include "realize/realized.h"
#include "style/profile.h"
#include "marks_samples.h"
#include "test_fonts.h"

namespace {

namespace fs = std::filesystem;
using json = nlohmann::json;
using namespace vanban;
using test::Dir;
using test::q;
using test::Result;
using test::run;

constexpr double kMm = 72.0 / 25.4;
const std::string kSource = VANBAN_SOURCE_DIR;

// The plan's template with a copy block and the address footer in its regions.
const style::Template& tpl() {
  static const style::Template t = [] {
    style::Template t = style::load_template("ke-hoach", {kSource + "/templates"});
    using K = style::RegionSpec::Kind;
    for (K kind : {K::Header, K::Title, K::Body, K::Closing, K::Copy, K::Footer}) {
      style::RegionSpec spec;
      spec.kind = kind;
      t.regions.push_back(spec);
    }
    return t;
  }();
  return t;
}

model::Document marked_plan() {
  std::string bytes;
  std::ifstream in(kSource + "/samples/ke-hoach-hoa-binh-2021.json", std::ios::binary);
  bytes.assign(std::istreambuf_iterator<char>(in), {});
  model::Document d = model::load_document(bytes, "ke-hoach-hoa-binh-2021.json");
  d.appendices.clear();
  d.marks.secrecy = "MẬT";
  d.marks.urgency = "HỎA TỐC";
  d.marks.circulation = "XEM XONG TRẢ LẠI";
  d.marks.draft = true;
  d.address = {"Số 1 đường Trần Hưng Đạo, phường Phương Lâm, thành phố Hòa Bình, tỉnh Hòa Bình",
               "ĐT: 0218.3852.123, E-mail: sgddt@hoabinh.edu.vn"};
  d.copy = test::sample_copy();
  return d;
}

json probe(const std::string& pdf) {
  Result r = run("/usr/bin/python3 " + q(kSource + "/tests/e2e/pdf_probe.py") + " " + q(pdf));
  EXPECT_EQ(r.status, 0) << r.output;
  return json::parse(r.output)["pages"];
}

const json* span_with(const json& page, const std::string& text) {
  for (const auto& s : page["spans"])
    if (s["text"].get<std::string>().find(text) != std::string::npos) return &s;
  return nullptr;
}

bool is_red(const json& color) { return color == json::array({1.0, 0.0, 0.0}); }

// The box the rules of `color` (red or not) draw on a page: outer edges.
struct Box {
  double x0 = 1e9, y0 = 1e9, x1 = -1e9, y1 = -1e9;
  int rules = 0;
};
Box box_of(const json& page, bool red, double top_limit, double bottom_limit) {
  Box b;
  for (const auto& r : page["rules"]) {
    if (is_red(r["color"]) != red) continue;
    double y0 = std::min(r["y0"].get<double>(), r["y1"].get<double>());
    double y1 = std::max(r["y0"].get<double>(), r["y1"].get<double>());
    if (y1 < top_limit || y0 > bottom_limit) continue;
    b.x0 = std::min({b.x0, r["x0"].get<double>(), r["x1"].get<double>()});
    b.x1 = std::max({b.x1, r["x0"].get<double>(), r["x1"].get<double>()});
    b.y0 = std::min(b.y0, y0);
    b.y1 = std::max(b.y1, y1);
    ++b.rules;
  }
  return b;
}

class MarksOutput : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new Dir("vanban-marks");
    const auto& fonts = test::liberation_fonts();
    const realize::Document realized = realize::realize_document(marked_plan(), tpl(), fonts);
    layout::LaidOutDocument laid = layout::layout_document(realized, fonts);
    laid.info.creation_date = "D:20210305000000+07'00'";
    pdf_ = new json(probe(dir_->write("marked.pdf", pdf::write_pdf(laid.pages, laid.info))));
    docx::DocxOptions options;
    options.creation_date = "2021-03-05T08:00:00+07:00";
    docx_path_ = new std::string(dir_->write("marked.docx", docx::write_document(realized, fonts, options)));
  }
  static void TearDownTestSuite() {
    delete pdf_;
    delete docx_path_;
    delete dir_;
  }
  static Dir* dir_;
  static json* pdf_;
  static std::string* docx_path_;
};
Dir* MarksOutput::dir_ = nullptr;
json* MarksOutput::pdf_ = nullptr;
std::string* MarksOutput::docx_path_ = nullptr;

TEST_F(MarksOutput, UrgencyStampRedBoxOfTheDecreeSizeWithItsTextCentred) {
  const json& page = (*pdf_)[0];
  const json* text = span_with(page, "HỎA TỐC");
  ASSERT_TRUE(text);
  EXPECT_TRUE(is_red((*text)["color"])) << (*text)["color"];
  EXPECT_EQ((*text)["font"], "LiberationSerif-Bold");
  Box box = box_of(page, true, 0, 300);
  ASSERT_EQ(box.rules, 4);
  // ND30-KHAN-1: 30 × 8 mm (the strokes' outer edges).
  EXPECT_NEAR((box.x1 - box.x0) / kMm, 30, 0.3);
  EXPECT_NEAR((box.y1 - box.y0) / kMm + 0.75 / kMm, 8, 0.3);
  double cx = ((*text)["x0"].get<double>() + (*text)["x1"].get<double>()) / 2;
  EXPECT_NEAR(cx, (box.x0 + box.x1) / 2, 0.5);
  EXPECT_GT((*text)["top"].get<double>(), box.y0);
  EXPECT_LT((*text)["bottom"].get<double>(), box.y1);
  EXPECT_NEAR(box.x0, tpl().page.margin_left, 0.5);  // ô 10b at the left (ND30-LAYOUT-2)
}

TEST_F(MarksOutput, SecrecyMarkUnderSoAndAboveTheUrgencyStamp) {
  const json& page = (*pdf_)[0];
  const json* number = span_with(page, "Số:");
  const json* secrecy = span_with(page, "MẬT");
  ASSERT_TRUE(number && secrecy);
  EXPECT_EQ((*secrecy)["text"], "MẬT");
  EXPECT_EQ((*secrecy)["font"], "LiberationSerif-Bold");
  EXPECT_GT((*secrecy)["top"].get<double>(), (*number)["bottom"].get<double>());
  Box stamp = box_of(page, true, 0, 300);
  EXPECT_LT((*secrecy)["bottom"].get<double>(), stamp.y0);
  // The title starts below the stamps.
  const json* type = span_with(page, "KẾ HOẠCH");
  ASSERT_TRUE(type);
  EXPECT_GT((*type)["top"].get<double>(), stamp.y1);
}

TEST_F(MarksOutput, CirculationMarkBoxedInTheTopMarginRightOfCentreAndDraftAboveTheTitle) {
  const json& page = (*pdf_)[0];
  const json* mark = span_with(page, "XEM XONG TRẢ LẠI");
  ASSERT_TRUE(mark);
  const auto& pg = tpl().page;
  EXPECT_LT((*mark)["bottom"].get<double>(), pg.margin_top);
  Box box = box_of(page, false, 0, pg.margin_top);
  ASSERT_EQ(box.rules, 4);
  EXPECT_LT(box.x0, (*mark)["x0"].get<double>());
  EXPECT_GT(box.x1, (*mark)["x1"].get<double>());
  double width = pg.width - pg.margin_left - pg.margin_right;
  EXPECT_NEAR((box.x0 + box.x1) / 2, pg.margin_left + 0.715 * width, 0.5);
  const json* draft = span_with(page, "DỰ THẢO");
  const json* type = span_with(page, "KẾ HOẠCH");
  ASSERT_TRUE(draft && type);
  EXPECT_LT((*draft)["bottom"].get<double>(), (*type)["top"].get<double>());
  EXPECT_NEAR(((*draft)["x0"].get<double>() + (*draft)["x1"].get<double>()) / 2,
              ((*type)["x0"].get<double>() + (*type)["x1"].get<double>()) / 2, 0.5);
}

TEST_F(MarksOutput, AddressFooterFullWidthAtTheFootOfPageOneOnly) {
  const auto& pg = tpl().page;
  const json& page = (*pdf_)[0];
  const json* address = span_with(page, "ĐT: 0218.3852.123");
  ASSERT_TRUE(address);
  EXPECT_NEAR((*address)["size"].get<double>(), 12, 0.01);
  EXPECT_EQ((*address)["font"], "LiberationSerif");
  EXPECT_LE((*address)["bottom"].get<double>(), pg.height - pg.margin_bottom + 0.5);
  // ND30-DC-1: the rule spans the whole text width, above the address.
  const json* rule = nullptr;
  for (const auto& r : page["rules"]) {
    if (std::abs(r["x0"].get<double>() - pg.margin_left) < 0.5 &&
        std::abs(r["x1"].get<double>() - (pg.width - pg.margin_right)) < 0.5 && r["y0"].get<double>() > 600) {
      rule = &r;
    }
  }
  ASSERT_TRUE(rule);
  const double rule_y = (*rule)["y0"].get<double>();
  const json* first_line = span_with(page, "Số 1 đường Trần Hưng Đạo");
  ASSERT_TRUE(first_line);
  EXPECT_GT((*first_line)["top"].get<double>(), rule_y);
  // The body stays above the rule.
  for (const auto& s : page["spans"]) {
    if (&s == address || &s == first_line) continue;
    EXPECT_LT(s["bottom"].get<double>(), rule_y) << s["text"];
  }
  ASSERT_GE(pdf_->size(), 2u);
  for (size_t p = 1; p < pdf_->size(); ++p) EXPECT_FALSE(span_with((*pdf_)[p], "ĐT: 0218")) << p;
}

TEST_F(MarksOutput, CopyBlockAfterTheTextUnderAFullWidthRule) {
  const auto& pg = tpl().page;
  const json& last = pdf_->back();
  const json* form = span_with(last, "SAO Y");
  const json* number = span_with(last, "Số: 05/SY-SGDĐT");
  const json* signer = span_with(last, "Nguyễn Văn An");
  ASSERT_TRUE(form && number && signer);
  EXPECT_EQ((*form)["font"], "LiberationSerif-Bold");
  EXPECT_NEAR((*form)["size"].get<double>(), 14, 0.01);
  // The rule across the text width, above the block, below the document's own closing.
  double rule_y = -1;
  for (const auto& r : last["rules"]) {
    if (std::abs(r["x0"].get<double>() - pg.margin_left) < 0.5 &&
        std::abs(r["x1"].get<double>() - (pg.width - pg.margin_right)) < 0.5) {
      rule_y = r["y0"].get<double>();
    }
  }
  ASSERT_GT(rule_y, 0);
  EXPECT_GT((*form)["top"].get<double>(), rule_y);
  EXPECT_GT((*number)["top"].get<double>(), (*form)["bottom"].get<double>());
  EXPECT_GT((*signer)["top"].get<double>(), (*number)["bottom"].get<double>());
  // "SAO Y" in the right column, "Số" in the left.
  EXPECT_GT((*form)["x0"].get<double>(), pg.width / 2);
  EXPECT_LT((*number)["x1"].get<double>(), pg.width / 2);
  // The copied text's signature comes before the rule.
  const json* plan_signer = span_with(last, "Bùi Thị Kim Tuyến");
  if (plan_signer) EXPECT_LT((*plan_signer)["bottom"].get<double>(), rule_y);
}

TEST_F(MarksOutput, DocxPartsInSchemaOrderWithTheFooterOnTheFirstPageOnly) {
  Result r = run("/usr/bin/python3 " + q(kSource + "/tests/e2e/docx_check.py") + " " + q(*docx_path_));
  EXPECT_EQ(r.status, 0) << r.output;
  Result document = run("unzip -p " + q(*docx_path_) + " word/document.xml");
  // The first section's first page has the address, none other inherits it.
  EXPECT_NE(document.output.find("<w:footerReference w:type=\"first\" r:id=\"rIdFooterFirst\"/>"), std::string::npos);
  EXPECT_NE(document.output.find("<w:titlePg/>"), std::string::npos);
  Result footer = run("unzip -p " + q(*docx_path_) + " word/footer1.xml");
  EXPECT_NE(footer.output.find("ĐT: 0218.3852.123"), std::string::npos);
  EXPECT_NE(footer.output.find("<w:pBdr><w:top w:val=\"single\""), std::string::npos);
  Result header = run("unzip -p " + q(*docx_path_) + " word/header2.xml");
  EXPECT_NE(header.output.find("XEM XONG TRẢ LẠI"), std::string::npos);
  EXPECT_NE(header.output.find("w:vertAnchor=\"page\""), std::string::npos);
}

TEST_F(MarksOutput, DocxThroughLibreOfficeStampRedAndFooterOnPageOneOnly) {
  std::string log, pdf = test::libreoffice_pdf(*docx_path_, dir_->path / "lo", &log);
  ASSERT_FALSE(pdf.empty()) << log;
  json pages = probe(pdf);
  ASSERT_GE(pages.size(), 2u);
  const json* stamp = span_with(pages[0], "HỎA TỐC");
  ASSERT_TRUE(stamp);
  EXPECT_TRUE(is_red((*stamp)["color"])) << (*stamp)["color"];
  // The box: a red single border of 30 × 8 mm around the centred text (ND30-KHAN-1/2).
  Box box = box_of(pages[0], true, 0, 300);
  ASSERT_EQ(box.rules, 4);
  EXPECT_NEAR((box.x1 - box.x0) / kMm, 30, 0.3);
  EXPECT_NEAR((box.y1 - box.y0) / kMm, 8, 0.3);
  EXPECT_NEAR(((*stamp)["x0"].get<double>() + (*stamp)["x1"].get<double>()) / 2, (box.x0 + box.x1) / 2, 0.5);
  EXPECT_GT((*stamp)["top"].get<double>(), box.y0);
  EXPECT_LT((*stamp)["bottom"].get<double>(), box.y1);
  const json* secrecy = span_with(pages[0], "MẬT");
  const json* number = span_with(pages[0], "Số:");
  ASSERT_TRUE(secrecy && number);
  EXPECT_GT((*secrecy)["top"].get<double>(), (*number)["bottom"].get<double>());
  EXPECT_LT((*secrecy)["bottom"].get<double>(), (*stamp)["top"].get<double>());
  const json* circulation = span_with(pages[0], "XEM XONG TRẢ LẠI");
  ASSERT_TRUE(circulation);
  EXPECT_LT((*circulation)["bottom"].get<double>(), tpl().page.margin_top);
  const json* address = span_with(pages[0], "ĐT: 0218.3852.123");
  ASSERT_TRUE(address);
  EXPECT_GT((*address)["top"].get<double>(), tpl().page.height / 2);
  for (size_t p = 1; p < pages.size(); ++p) {
    EXPECT_FALSE(span_with(pages[p], "ĐT: 0218")) << p;
    EXPECT_FALSE(span_with(pages[p], "XEM XONG")) << p;
  }
  EXPECT_TRUE(span_with(pages.back(), "SAO Y"));
  EXPECT_TRUE(span_with(pages.back(), "Số: 05/SY-SGDĐT"));
}

}  // namespace
