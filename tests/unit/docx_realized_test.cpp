// The DOCX writer reads the realized document (realize/realized.h), the one layout sets
// for the PDF. A document tree is realized once; vanban's PDF of it (layout, pdf) and
// LibreOffice's layout of its DOCX (fresh profile) are read back by pdfminer
// (tests/e2e/pdf_probe.py) and must agree: a Biên bản's two signatures side by side,
// level, in the same columns, no "Nơi nhận:" without recipients (issue #11: the DOCX
// printed an empty label); a Công văn's Kính gửi, the dashes under the colon; a Công
// điện's sender line and receivers (Mẫu 1.6), a Biên bản's Nơi nhận under THƯ KÝ (Mẫu
// 1.9), a Giấy nghỉ phép's confirmation block at the lower left (Mẫu 1.10).
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>

#include "cli_harness.h"
#include "docx/docx_writer.h"
#include "layout/layout.h"
#include "model/reader.h"
#include "pdf/pdf_writer.h"
#include "realize/realized.h"
#include "style/profile.h"
#include "test_fonts.h"
#include "text/shaper.h"

namespace {

namespace fs = std::filesystem;
using json = nlohmann::json;
using vanban::test::Dir;
using vanban::test::q;
using vanban::test::Result;
using vanban::test::run;
namespace realize = vanban::realize;
namespace model = vanban::model;

const std::string kSource = VANBAN_SOURCE_DIR;

// A kind of document declared by its regions (docs/templates.md), on Mẫu 1.4's styles.
vanban::style::Template kind(const std::string& name, const std::string& regions,
                             const std::string& type = R"(name="BIÊN BẢN" sentence-name="Biên bản" abbreviation="BB")") {
  return vanban::style::parse_template(R"(<template name=")" + name + R"(" extends="van-ban-hanh-chinh">
    <document-type )" + type + R"(/>
    <regions>)" + regions + R"(</regions></template>)",
                                       name + ".xml", {kSource + "/templates"});
}

// A school's document: no recipients; the fields of issue #11 set on the tree.
model::Document school_document(const std::string& subject, const std::string& body) {
  return model::load_document(R"({"issuing_agency": "TRƯỜNG TIỂU HỌC QUANG CHÂU", "place": "Quang Châu",
    "number": {"number": "12", "symbol": "BB-THQC"}, "date": {"day": 5, "month": 3, "year": 2021},
    "subject": ")" + subject + R"(", "body": [{"type": "paragraph", "text": ")" + body + R"("}],
    "signature": {"authority": "HIỆU TRƯỞNG", "signer_name": "Nguyễn Văn Bình"}})",
                              "school.json");
}

// The model's signatures: authority lines and name of each, and how they stand.
void sign(model::Document& d, const std::vector<std::pair<std::vector<std::string>, std::string>>& signatures,
          model::SignatureArrangement arrangement) {
  d.signatures.assign(signatures.size(), {});
  for (size_t i = 0; i < signatures.size(); ++i) {
    d.signatures[i].authority_lines = signatures[i].first;
    d.signatures[i].signer_name = signatures[i].second;
  }
  d.signature_arrangement = arrangement;
}

struct Outputs {
  std::string docx, docx_xml;
  json vanban_spans, libreoffice_spans;  // page 1
  json vanban_pages, libreoffice_pages;  // every page
};

// Realized once; written as vanban's PDF and as DOCX, the DOCX laid out by LibreOffice.
Outputs both(const Dir& dir, const model::Document& d, const vanban::style::Template& tpl, const std::string& name) {
  const auto& fonts = vanban::test::liberation_fonts();
  const realize::Document realized = realize::realize_document(d, tpl, fonts);
  Outputs out;
  vanban::docx::DocxOptions options;
  options.creation_date = "2021-03-05T08:00:00+07:00";
  out.docx = dir.write(name + ".docx", vanban::docx::write_document(realized, fonts, options));
  auto laid_out = vanban::layout::layout_document(realized, fonts);
  std::string pdf = dir.write(name + ".pdf", vanban::pdf::write_pdf(laid_out.pages, laid_out.info, laid_out.graphics));
  std::string log, lo = vanban::test::libreoffice_pdf(out.docx, dir.path / ("lo-" + name), &log);
  EXPECT_FALSE(lo.empty()) << log;
  auto pages = [](const std::string& file) {
    Result r = run("/usr/bin/python3 " + q(kSource + "/tests/e2e/pdf_probe.py") + " " + q(file));
    EXPECT_EQ(r.status, 0) << r.output;
    return json::parse(r.output)["pages"];
  };
  out.vanban_pages = pages(pdf);
  out.libreoffice_pages = pages(lo);
  out.vanban_spans = out.vanban_pages[0]["spans"];
  out.libreoffice_spans = out.libreoffice_pages[0]["spans"];
  // The package as Word needs it (parts, relationships, children in schema order).
  Result c = run("/usr/bin/python3 " + q(kSource + "/tests/e2e/docx_check.py") + " " + q(out.docx));
  EXPECT_EQ(c.status, 0) << c.output;
  EXPECT_TRUE(json::parse(c.output.substr(c.output.find('{')))["problems"].empty()) << c.output;
  Result x = run("unzip -p " + q(out.docx) + " word/document.xml");
  EXPECT_EQ(x.status, 0);
  out.docx_xml = x.output;
  return out;
}

const json* span_starting(const json& spans, const std::string& text) {
  for (const auto& s : spans)
    if (s["text"].get<std::string>().rfind(text, 0) == 0) return &s;
  return nullptr;
}

double centre(const json& span) { return (span["x0"].get<double>() + span["x1"].get<double>()) / 2; }

// Mẫu 1.9: two signatures side by side (two authority lines and one), no recipients. In
// both PDFs: the first authority lines level, the names level, each centred in the
// column realize gave it, the same centres in both to 1 pt and the names as far below the
// first authority line (to 1 pt); no "Nơi nhận" anywhere in the DOCX.
TEST(DocxRealized, TwoSignaturesSideBySideLevelAndNoRecipientsLabel) {
  Dir dir("vanban-docx-realized");
  model::Document d = school_document("Họp hội đồng thi đua khen thưởng năm học 2020 - 2021",
                                      "Cuộc họp kết thúc lúc 11 giờ cùng ngày.");
  sign(d, {{{"TM. TỔ THƯ KÝ", "THƯ KÝ"}, "Lê Thị Hoa"}, {{"CHỦ TỌA"}, "Nguyễn Văn Bình"}},
       model::SignatureArrangement::SideBySide);
  ASSERT_TRUE(d.recipients.empty());
  auto tpl = kind("bien-ban-thu", R"(<header/><title/><body/><closing signatures="side-by-side"/>)");
  Outputs out = both(dir, d, tpl, "bien-ban");
  EXPECT_EQ(out.docx_xml.find("Nơi nhận"), std::string::npos);
  EXPECT_NE(out.docx_xml.find("CHỦ TỌA"), std::string::npos);

  std::map<std::string, double> vanban_centres, vanban_baselines;
  for (const json* spans : {&out.vanban_spans, &out.libreoffice_spans}) {
    const json* left = span_starting(*spans, "TM. TỔ THƯ KÝ");
    const json* right = span_starting(*spans, "CHỦ TỌA");
    const json* left_name = span_starting(*spans, "Lê Thị Hoa");
    const json* right_name = span_starting(*spans, "Nguyễn Văn Bình");
    ASSERT_TRUE(left && right && left_name && right_name) << spans->dump();
    EXPECT_EQ(span_starting(*spans, "Nơi nhận"), nullptr);
    EXPECT_NEAR((*left)["baseline"].get<double>(), (*right)["baseline"].get<double>(), 0.5);
    EXPECT_NEAR((*left_name)["baseline"].get<double>(), (*right_name)["baseline"].get<double>(), 0.5);
    EXPECT_GT((*left_name)["baseline"].get<double>() - (*left)["baseline"].get<double>(), tpl.closing.signature_space);
    EXPECT_LT(centre(*left), centre(*right) - 100);
    for (const json* s : {left, right, left_name, right_name}) {
      std::string text = (*s)["text"];
      if (spans == &out.vanban_spans) {
        vanban_centres[text] = centre(*s);
        vanban_baselines[text] = (*s)["baseline"].get<double>() - (*left)["baseline"].get<double>();
      } else {  // LibreOffice as vanban; the baselines from the first authority line's
        EXPECT_NEAR(centre(*s), vanban_centres[text], 1.0) << text;
        EXPECT_NEAR((*s)["baseline"].get<double>() - (*left)["baseline"].get<double>(), vanban_baselines[text], 1.0) << text;
      }
    }
  }
}

// Two signatures stacked in the signature column, with a Nơi nhận list: "Nơi nhận:" level
// with the first authority line (ND30-NN-3), the second signature under the first's
// name, as far down in LibreOffice's layout as in vanban's PDF (to 1 pt).
TEST(DocxRealized, StackedSignaturesUnderOneAnother) {
  Dir dir("vanban-docx-realized");
  model::Document d = school_document("Kiểm kê tài sản cuối năm 2021", "Biên bản được lập thành hai bản.");
  d.recipients = {"Như trên;", "Lưu: VT."};
  sign(d, {{{"NGƯỜI LẬP BIÊN BẢN"}, "Lê Thị Hoa"}, {{"HIỆU TRƯỞNG"}, "Nguyễn Văn Bình"}},
       model::SignatureArrangement::Stacked);
  auto tpl = kind("bien-ban-xep", R"(<header/><title/><body/><closing signatures="stacked"/>)");
  Outputs out = both(dir, d, tpl, "xep");
  double vanban_second = 0;
  for (const json* spans : {&out.vanban_spans, &out.libreoffice_spans}) {
    const json* label = span_starting(*spans, "Nơi nhận:");
    const json* first = span_starting(*spans, "NGƯỜI LẬP BIÊN BẢN");
    const json* first_name = span_starting(*spans, "Lê Thị Hoa");
    const json* second = span_starting(*spans, "HIỆU TRƯỞNG");
    ASSERT_TRUE(label && first && first_name && second) << spans->dump();
    EXPECT_NEAR((*label)["baseline"].get<double>(), (*first)["baseline"].get<double>(), 0.5);
    EXPECT_NEAR(centre(*second), centre(*first), 1.0);
    EXPECT_GT((*second)["baseline"].get<double>(), (*first_name)["baseline"].get<double>() + 10);
    double below = (*second)["baseline"].get<double>() - (*first)["baseline"].get<double>();
    if (spans == &out.vanban_spans) vanban_second = below;
    else EXPECT_NEAR(below, vanban_second, 1.0);
  }
}

// A Công văn (Mẫu 1.5): "V/v …" under Số; Kính gửi with several recipients, one per line,
// each "- " under the colon (ND30-NN-2), a wrapped one continuing under its text, in
// vanban's PDF and LibreOffice's alike (to 1 pt). One signature and no
// Nơi nhận list: no "Nơi nhận:" label (the DOCX printed an empty one, issue #11).
TEST(DocxRealized, CongVanVvUnderSoKinhGuiDashesUnderTheColonNoEmptyRecipientsLabel) {
  Dir dir("vanban-docx-realized");
  model::Document d = school_document("tổ chức Hội khỏe Phù Đổng cấp trường",
                                      "Thực hiện kế hoạch năm học 2020 - 2021, nhà trường tổ chức Hội khỏe Phù Đổng.");
  d.kinh_gui = {"Ban Giám hiệu nhà trường",
                "Các tổ chuyên môn, giáo viên chủ nhiệm và Tổng phụ trách Đội Thiếu niên Tiền phong Hồ Chí Minh",
                "Ban đại diện cha mẹ học sinh"};
  auto tpl = kind("cong-van-thu", R"(<header subject-under-number="true"/><title type-name="false" subject="false"/>
                                      <kinh-gui/><body/><closing/>)");
  Outputs out = both(dir, d, tpl, "cong-van");
  EXPECT_EQ(out.docx_xml.find("Nơi nhận"), std::string::npos);
  EXPECT_NE(out.docx_xml.find("HIỆU TRƯỞNG"), std::string::npos);
  // The clerk sees the decree's names in Word's style list.
  Result styles = run("unzip -p " + q(out.docx) + " word/styles.xml");
  for (const char* name : {"Kính gửi", "Kính gửi - nơi nhận", "Trích yếu công văn (V/v)"})
    EXPECT_NE(styles.output.find(std::string("<w:name w:val=\"") + name + "\"/>"), std::string::npos) << name;
  const auto& st = tpl.style("kinh-gui");
  const auto& font = vanban::test::liberation_fonts().face(st.bold, st.italic);
  std::vector<double> vanban_dashes, vanban_baselines;
  double vanban_vv = 0;
  for (const json* spans : {&out.vanban_spans, &out.libreoffice_spans}) {
    // ND30-TL-4: "V/v …" under Số, centred in its column, as far below it in both.
    const json* number = span_starting(*spans, "Số:");
    const json* vv = span_starting(*spans, "V/v tổ chức");
    ASSERT_TRUE(number && vv) << spans->dump();
    EXPECT_NEAR(centre(*vv), centre(*number), 1.0);
    double below = (*vv)["baseline"].get<double>() - (*number)["baseline"].get<double>();
    EXPECT_GT(below, 10);
    if (spans == &out.vanban_spans) vanban_vv = below;
    else EXPECT_NEAR(below, vanban_vv, 1.0);

    const json* label = span_starting(*spans, "Kính gửi:");
    ASSERT_TRUE(label) << spans->dump();
    double colon = (*label)["x1"].get<double>() - vanban::text::measure(font, st.size, ":");
    std::vector<double> dashes, baselines;
    double wrapped = 0;  // the long recipient's second line: under its text, after "- "
    for (size_t i = 0; i < spans->size(); ++i) {
      const json& s = (*spans)[i];
      std::string text = s["text"];
      if (text.rfind("- ", 0) == 0 && s["baseline"].get<double>() > (*label)["baseline"].get<double>()) {
        dashes.push_back(s["x0"].get<double>());
        baselines.push_back(s["baseline"].get<double>());
      }
      if (text.rfind("- Các tổ", 0) == 0 && i + 1 < spans->size()) wrapped = (*spans)[i + 1]["x0"].get<double>();
    }
    EXPECT_NEAR(wrapped, colon + vanban::text::measure(font, st.size, "- "), 1.0);
    ASSERT_EQ(dashes.size(), 3u) << spans->dump();
    for (size_t i = 0; i < dashes.size(); ++i) {
      EXPECT_NEAR(dashes[i], colon, 1.0);
      if (spans == &out.vanban_spans) vanban_dashes.push_back(dashes[i]);
      else EXPECT_NEAR(dashes[i], vanban_dashes[i], 1.0);  // LibreOffice as vanban
    }
    // One item a line directly under the label, as many points down in both.
    for (size_t i = 0; i < baselines.size(); ++i) {
      baselines[i] -= (*label)["baseline"].get<double>();
      if (spans == &out.vanban_spans) vanban_baselines.push_back(baselines[i]);
      else EXPECT_NEAR(baselines[i], vanban_baselines[i], 1.0) << i;
    }
  }
}

const vanban::style::Template& shipped(const std::string& name) {
  static std::map<std::string, vanban::style::Template> cache;
  auto it = cache.find(name);
  if (it == cache.end()) it = cache.emplace(name, vanban::style::load_template(name, {kSource + "/templates"})).first;
  return it->second;
}

double baseline(const json& span) { return span["baseline"].get<double>(); }
bool bold(const json& span) { return span["font"].get<std::string>().find("Bold") != std::string::npos; }

// Records each measure of vanban's PDF and checks LibreOffice's against it (to `tolerance`).
struct SameInBoth {
  std::map<std::string, double> vanban;
  bool first_pass = true;
  void operator()(const std::string& what, double value, double tolerance = 1.0) {
    if (first_pass) vanban[what] = value;
    else EXPECT_NEAR(value, vanban[what], tolerance) << what << " (LibreOffice vs vanban)";
  }
};

// Mẫu 1.6 (templates/cong-dien.xml): after the trích yếu, "<authority> điện:" centred and
// bold, "điện" in lower case; then the receivers one per line, "- " at the body's
// first-line indent (1.27 cm), a wrapped line back at the left margin; the same in
// LibreOffice's layout of the DOCX as in vanban's PDF (to 1 pt).
TEST(DocxRealized, CongDienSenderLineThenTheReceiversAtTheBodyIndent) {
  Dir dir("vanban-docx-realized");
  model::Document d = school_document("Về việc ứng phó với bão số 3", "Cho học sinh toàn huyện nghỉ học ngày 07 tháng 9.");
  d.authority = "CHỦ TỊCH ỦY BAN NHÂN DÂN HUYỆN LẠC SƠN";
  d.kinh_gui = {"Trưởng phòng Giáo dục và Đào tạo",
                "Hiệu trưởng các trường mầm non, tiểu học, trung học cơ sở và các cơ sở giáo dục ngoài công lập "
                "trên địa bàn huyện"};
  d.number.symbol = "CĐ-UBND";
  const auto& tpl = shipped("cong-dien");
  Outputs out = both(dir, d, tpl, "cong-dien");
  const double left = tpl.page.margin_left, right = tpl.page.width - tpl.page.margin_right;
  const double indent = tpl.style("body").first_indent;
  ASSERT_NEAR(indent, 36.0, 0.1);  // 1.27 cm
  SameInBoth same;
  for (const json* spans : {&out.vanban_spans, &out.libreoffice_spans}) {
    const json* sender = span_starting(*spans, "CHỦ TỊCH ỦY BAN NHÂN DÂN HUYỆN LẠC SƠN điện:");
    const json* first = span_starting(*spans, "- Trưởng phòng Giáo dục và Đào tạo;");
    const json* second = span_starting(*spans, "- Hiệu trưởng các trường");
    const json* body = span_starting(*spans, "Cho học sinh");
    ASSERT_TRUE(sender && first && second && body) << spans->dump();
    EXPECT_TRUE(bold(*sender));
    EXPECT_NEAR(centre(*sender), (left + right) / 2, 1.0);
    EXPECT_EQ((*sender)["text"].get<std::string>(), "CHỦ TỊCH ỦY BAN NHÂN DÂN HUYỆN LẠC SƠN điện:");
    EXPECT_GT(baseline(*first), baseline(*sender));
    EXPECT_GT(baseline(*body), baseline(*second));
    for (const json* r : {first, second}) {
      EXPECT_NEAR((*r)["x0"].get<double>(), left + indent, 1.0) << (*r)["text"];
      EXPECT_FALSE(bold(*r));
    }
    // The long receiver wraps to the margin, ending in "."; its next line is under it.
    const json* wrapped = nullptr;
    for (const auto& s : *spans)
      if (baseline(s) > baseline(*second) + 1 && baseline(s) < baseline(*body) - 1) wrapped = &s;
    ASSERT_TRUE(wrapped) << spans->dump();
    EXPECT_NEAR((*wrapped)["x0"].get<double>(), left, 1.0);
    EXPECT_EQ((*wrapped)["text"].get<std::string>().back(), '.');
    same("first receiver", baseline(*first) - baseline(*sender));
    same("second receiver", baseline(*second) - baseline(*sender));
    same("body", baseline(*body) - baseline(*sender), 1.5);
    same.first_pass = false;
  }
}

// Mẫu 1.9: THƯ KÝ on the left, CHỦ TỌA on the right, each centred in a half of the text
// width, first lines and names level; "Nơi nhận:" and the list under THƯ KÝ, at the left
// margin, below its name; the same in both PDFs (to 1 pt).
TEST(DocxRealized, BienBanRecipientsUnderTheSecretarysSignature) {
  Dir dir("vanban-docx-realized");
  model::Document d = school_document("Họp Hội đồng sư phạm", "Cuộc họp kết thúc lúc 16 giờ 30 phút.");
  d.omit_number = true;
  sign(d, {{{"THƯ KÝ"}, "Bùi Thị Mai"}, {{"CHỦ TỌA"}, "Phạm Thị Thu Hà"}}, model::SignatureArrangement::Default);
  d.recipients = {"Phòng Giáo dục và Đào tạo huyện Lạc Sơn (để b/c);", "Lưu: VT, hồ sơ."};
  const auto& tpl = shipped("bien-ban");
  Outputs out = both(dir, d, tpl, "bien-ban-noi-nhan");
  const double left = tpl.page.margin_left, width = tpl.page.width - left - tpl.page.margin_right;
  SameInBoth same;
  for (const json* spans : {&out.vanban_spans, &out.libreoffice_spans}) {
    const json* secretary = span_starting(*spans, "THƯ KÝ");
    const json* chair = span_starting(*spans, "CHỦ TỌA");
    const json* secretary_name = span_starting(*spans, "Bùi Thị Mai");
    const json* chair_name = span_starting(*spans, "Phạm Thị Thu Hà");
    const json* label = span_starting(*spans, "Nơi nhận:");
    const json* last = span_starting(*spans, "- Lưu: VT, hồ sơ.");
    ASSERT_TRUE(secretary && chair && secretary_name && chair_name && label && last) << spans->dump();
    EXPECT_NEAR(centre(*secretary), left + width / 4, 1.0);
    EXPECT_NEAR(centre(*chair), left + 3 * width / 4, 1.0);
    EXPECT_NEAR(centre(*secretary_name), left + width / 4, 1.0);
    EXPECT_NEAR(baseline(*secretary), baseline(*chair), 0.5);
    EXPECT_NEAR(baseline(*secretary_name), baseline(*chair_name), 0.5);
    EXPECT_NEAR((*label)["x0"].get<double>(), left, 1.0);
    EXPECT_LT((*label)["x1"].get<double>(), left + width / 2);
    EXPECT_GT(baseline(*label), baseline(*secretary_name) + 12);  // a space under the name
    EXPECT_GT(baseline(*last), baseline(*label));
    same("label", baseline(*label) - baseline(*secretary));
    same("last recipient", baseline(*last) - baseline(*secretary));
    same.first_pass = false;
  }
}

// Mẫu 1.10: the confirmation block "Xác nhận của cơ quan, tổ chức hoặc chính quyền địa
// phương nơi nghỉ phép" (the model's second signature, no name) at the lower left: centred
// in the Nơi nhận column, bold, in the case written, below the Nơi nhận list and the
// signer's name; the same in both PDFs (to 1 pt).
TEST(DocxRealized, GiayNghiPhepConfirmationBlockAtTheLowerLeft) {
  Dir dir("vanban-docx-realized");
  model::Document d = school_document("Cấp giấy nghỉ phép", "Được nghỉ phép trong thời gian 10 ngày.");
  d.number.symbol = "GNP-THQC";
  d.recipients = {"Bà Quách Thị Lan;", "Lưu: VT."};
  sign(d, {{{"HIỆU TRƯỞNG"}, "Phạm Thị Thu Hà"},
           {{"Xác nhận của cơ quan, tổ chức hoặc chính quyền địa phương nơi nghỉ phép"}, ""}},
       model::SignatureArrangement::Default);
  const auto& tpl = shipped("giay-nghi-phep");
  Outputs out = both(dir, d, tpl, "giay-nghi-phep");
  EXPECT_EQ(out.docx_xml.find("XÁC NHẬN"), std::string::npos);
  const double left = tpl.page.margin_left, column = tpl.closing.recipients_width;
  SameInBoth same;
  for (const json* spans : {&out.vanban_spans, &out.libreoffice_spans}) {
    const json* signer = span_starting(*spans, "HIỆU TRƯỞNG");
    const json* name = span_starting(*spans, "Phạm Thị Thu Hà");
    const json* last = span_starting(*spans, "- Lưu: VT.");
    const json* confirm = span_starting(*spans, "Xác nhận của");
    ASSERT_TRUE(signer && name && last && confirm) << spans->dump();
    EXPECT_GT((*signer)["x0"].get<double>(), left + column);
    EXPECT_TRUE(bold(*confirm));
    EXPECT_GT(baseline(*confirm), baseline(*name) + 12);
    EXPECT_GT(baseline(*confirm), baseline(*last) + 12);
    // Every line of the block centred in the Nơi nhận column; the whole text there.
    std::string text;
    for (const auto& s : *spans) {
      if (baseline(s) < baseline(*confirm) - 0.5) continue;
      text += (text.empty() ? "" : " ") + s["text"].get<std::string>();
      EXPECT_NEAR(centre(s), left + column / 2, 1.0) << s["text"];
      EXPECT_LT(s["x1"].get<double>(), left + column + 0.5) << s["text"];
    }
    EXPECT_EQ(text, "Xác nhận của cơ quan, tổ chức hoặc chính quyền địa phương nơi nghỉ phép");
    same("confirmation", baseline(*confirm) - baseline(*signer), 1.5);
    same.first_pass = false;
  }
}

// Mẫu 1.3 (ND30-PL-12): a Quy định attached to its Quyết định starts a new section (page
// and numbering) with the agency and Quốc hiệu header but no Số or date row, then its tên
// loại, Chương and Điều: the same pages and, on page 2, the same lines as far right (to
// 1.5 pt) and as far down (to 3 pt: the header table and paragraph spacing as LibreOffice
// sets them, docs/docx.md) in LibreOffice's layout as in vanban's PDF.
TEST(DocxRealized, AttachedDocumentInItsOwnSectionWithoutSo) {
  Dir dir("vanban-docx-realized");
  model::Document d = school_document("Ban hành Quy định công tác văn thư", "Ban hành kèm theo Quyết định này Quy định.");
  auto block = [](model::BlockKind kind, const std::string& title, const std::string& text, const std::string& path,
                  std::vector<model::Block> children) {
    model::Block b;
    b.kind = kind;
    b.title = {model::Span{title, false, false}};
    if (!text.empty()) b.text = {model::Span{text, false, false}};
    b.field_path = path;
    b.children = std::move(children);
    return b;
  };
  model::Appendix attached;
  attached.type_name = "QUY ĐỊNH";
  attached.title = "Công tác văn thư của nhà trường";
  attached.field_path = "appendices[0]";
  const std::string chapter = "appendices[0].body[0]";
  attached.body = {block(model::BlockKind::Chapter, "Những quy định chung", "", chapter,
                         {block(model::BlockKind::Article, "Đối tượng áp dụng", "Cán bộ, giáo viên của nhà trường.",
                                chapter + ".content[0]", {}),
                          block(model::BlockKind::Article, "Lưu trữ", "Văn bản đến được lưu tại văn thư.",
                                chapter + ".content[1]", {})})};
  d.appendices = {attached};
  auto tpl = kind("quyet-dinh-thu", "<header/><title/><body/><closing/><appendices/>",
                  R"(name="QUYẾT ĐỊNH" sentence-name="Quyết định" abbreviation="QĐ")");
  Outputs out = both(dir, d, tpl, "quy-dinh");
  ASSERT_EQ(out.vanban_pages.size(), 2u);
  ASSERT_EQ(out.libreoffice_pages.size(), 2u);
  std::map<std::string, std::pair<double, double>> vanban_at;  // x0, baseline from the Quốc hiệu's
  for (const json* pages : {&out.vanban_pages, &out.libreoffice_pages}) {
    const json& spans = (*pages)[1]["spans"];
    EXPECT_EQ(span_starting(spans, "Số:"), nullptr);
    const json* national = span_starting(spans, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
    ASSERT_TRUE(national) << spans.dump();
    for (const char* text : {"QUY ĐỊNH", "Chương I", "Điều 1.", "Điều 2."}) {
      const json* s = span_starting(spans, text);
      ASSERT_TRUE(s) << text << spans.dump();
      std::pair<double, double> at{(*s)["x0"].get<double>(),
                                   (*s)["baseline"].get<double>() - (*national)["baseline"].get<double>()};
      if (pages == &out.vanban_pages) {
        vanban_at[text] = at;
      } else {
        EXPECT_NEAR(at.first, vanban_at[text].first, 1.5) << text;
        EXPECT_NEAR(at.second, vanban_at[text].second, 3.0) << text;
      }
    }
  }
}

}  // namespace
