// The DOCX writer reads the realized document (realize/realized.h): what realize gives
// it is what Word and LibreOffice lay out. Each realized document here is the one
// realize gives a Biên bản (two signatures side by side, no Nơi nhận) or a Công văn
// (Kính gửi with several recipients); LibreOffice (fresh profile) lays the DOCX out and
// pdfminer (tests/e2e/pdf_probe.py) reads the positions back.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>

#include "cli_harness.h"
#include "docx/docx_writer.h"
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

const std::string kSource = VANBAN_SOURCE_DIR;

const vanban::style::Template& plan_template() {
  static const auto tpl = vanban::style::load_template("ke-hoach", {kSource + "/templates"});
  return tpl;
}

realize::Paragraph para(const std::string& id, const std::string& style, const std::string& text,
                        const std::string& label = "") {
  realize::Paragraph p;
  p.id = id;
  p.style = style;
  p.text = {vanban::model::Span{text, false, false}};
  p.label = label;
  return p;
}

double text_width() {
  const auto& pg = plan_template().page;
  return pg.width - pg.margin_left - pg.margin_right;
}

// ô 1-4 and the title of a document of the plan's template.
realize::Document document_start(const std::string& type_name, const std::string& subject) {
  const auto& tpl = plan_template();
  realize::Document d;
  d.tpl = &tpl;
  d.title = subject;
  realize::Header h;
  h.id = "header";
  h.left_width = tpl.header.left_width;
  h.right_width = tpl.header.right_width;
  h.number_gap = tpl.header.number_gap;
  h.space_after = tpl.header.space_after;
  h.left.push_back(para("header.issuing-agency.0", "issuing-agency", "Trường Tiểu học Quang Châu"));
  h.left.back().rule_under = tpl.header.agency_rule;
  h.right.push_back(para("header.national-title", "national-title", tpl.header.national_title));
  h.right.push_back(para("header.motto", "motto", tpl.header.motto));
  h.right.back().rule_under = tpl.header.motto_rule;
  h.number = para("header.number", "number", "Số: 12/BB-THQC");
  h.date = para("header.date", "place-date", "Quang Châu, ngày 05 tháng 3 năm 2021");
  d.regions.push_back(h);
  realize::Flow title;
  title.id = "title";
  title.items.push_back(para("title.type", "document-type", type_name));
  auto s = para("title.subject", "subject", subject);
  s.rule_under = tpl.title.subject_rule;
  s.space_after = tpl.title.space_after;
  title.items.push_back(s);
  d.regions.push_back(title);
  return d;
}

std::string write(const Dir& dir, const realize::Document& d, const std::string& name) {
  vanban::docx::DocxOptions options;
  options.creation_date = "2021-03-05T08:00:00+07:00";
  return dir.write(name, vanban::docx::write_document(d, vanban::test::liberation_fonts(), options));
}

std::string document_xml(const std::string& docx) {
  Result r = run("unzip -p " + q(docx) + " word/document.xml");
  EXPECT_EQ(r.status, 0);
  return r.output;
}

// LibreOffice's layout of `docx`, read back by pdfminer: the spans of page 1.
json libreoffice_spans(const Dir& dir, const std::string& docx) {
  std::string log, pdf = vanban::test::libreoffice_pdf(docx, dir.path / fs::path(docx).stem(), &log);
  EXPECT_FALSE(pdf.empty()) << log;
  Result r = run("/usr/bin/python3 " + q(kSource + "/tests/e2e/pdf_probe.py") + " " + q(pdf));
  EXPECT_EQ(r.status, 0) << r.output;
  return json::parse(r.output)["pages"][0]["spans"];
}

const json* span_starting(const json& spans, const std::string& text) {
  for (const auto& s : spans)
    if (s["text"].get<std::string>().rfind(text, 0) == 0) return &s;
  return nullptr;
}

// A Biên bản's two signatures side by side (Mẫu 1.9), no recipients: the authority lines
// level, the names level, each centred in its own half; no "Nơi nhận:" (issue #11: the
// DOCX printed an empty label).
TEST(DocxRealized, TwoSignaturesSideBySideLevelAndNoRecipientsLabel) {
  Dir dir("vanban-docx-realized");
  realize::Document d = document_start("Biên bản", "Họp hội đồng thi đua khen thưởng năm học 2020 - 2021");
  realize::Flow body;
  body.id = "body";
  body.items.push_back(para("body.0", "body", "Cuộc họp kết thúc lúc 11 giờ cùng ngày."));
  d.regions.push_back(body);
  realize::Closing c;
  c.id = "closing";
  c.space_before = plan_template().closing.space_before;
  c.recipients_width = plan_template().closing.recipients_width;
  c.side_by_side = true;
  const double half = text_width() / 2;
  for (int i = 0; i < 2; ++i) {
    realize::Signature s;
    s.id = "closing.signature." + std::to_string(i);
    s.authority.push_back(para(s.id + ".authority.0", "authority", i == 0 ? "THƯ KÝ" : "CHỦ TỌA"));
    s.name = para(s.id + ".name", "signer", i == 0 ? "Lê Thị Hoa" : "Nguyễn Văn Bình");
    s.space = plan_template().closing.signature_space;
    s.x = i * half;
    s.width = half;
    c.signatures.push_back(s);
  }
  d.regions.push_back(c);
  std::string docx = write(dir, d, "bien-ban.docx");
  EXPECT_EQ(document_xml(docx).find("Nơi nhận"), std::string::npos);

  json spans = libreoffice_spans(dir, docx);
  const json* left = span_starting(spans, "THƯ KÝ");
  const json* right = span_starting(spans, "CHỦ TỌA");
  const json* left_name = span_starting(spans, "Lê Thị Hoa");
  const json* right_name = span_starting(spans, "Nguyễn Văn Bình");
  ASSERT_TRUE(left && right && left_name && right_name) << spans.dump();
  EXPECT_NEAR((*left)["baseline"].get<double>(), (*right)["baseline"].get<double>(), 0.5);
  EXPECT_NEAR((*left_name)["baseline"].get<double>(), (*right_name)["baseline"].get<double>(), 0.5);
  // Each centred in its half of the text width (x from the page's left edge).
  const double margin = plan_template().page.margin_left;
  for (auto [span, column] : {std::pair{left, 0}, std::pair{right, 1}, std::pair{left_name, 0}, std::pair{right_name, 1}}) {
    double centre = ((*span)["x0"].get<double>() + (*span)["x1"].get<double>()) / 2;
    EXPECT_NEAR(centre, margin + (column + 0.5) * half, 1.0) << (*span)["text"];
  }
  // The room to sign between the authority and the name.
  EXPECT_GT((*left_name)["baseline"].get<double>() - (*left)["baseline"].get<double>(),
            plan_template().closing.signature_space);
}

// A Công văn's Kính gửi with several recipients (ND30-NN-2): the label at its indent, the
// dashes one under another under the colon, a wrapped recipient's second line under the
// text after its dash.
TEST(DocxRealized, KinhGuiDashesAlignedUnderTheColon) {
  Dir dir("vanban-docx-realized");
  realize::Document d = document_start("", "V/v tổ chức Hội khỏe Phù Đổng cấp trường");
  std::get<realize::Flow>(d.regions.back()).items.erase(std::get<realize::Flow>(d.regions.back()).items.begin());
  realize::LabelledList list;
  list.id = "kinh-gui";
  list.label = para("kinh-gui.label", "body", "Kính gửi:");
  list.indent = 80;
  const auto& st = plan_template().style("body");
  const auto& font = vanban::test::liberation_fonts().face(st.bold, st.italic);
  list.item_indent = list.indent + vanban::text::measure(font, st.size, "Kính gửi");
  const std::vector<std::string> items = {
      "- Ban Giám hiệu nhà trường;",
      "- Các tổ chuyên môn, giáo viên chủ nhiệm và Tổng phụ trách Đội Thiếu niên Tiền phong Hồ Chí Minh của nhà trường;",
      "- Ban đại diện cha mẹ học sinh."};
  for (size_t i = 0; i < items.size(); ++i)
    list.items.push_back(para("kinh-gui." + std::to_string(i), "body", items[i], "-"));
  realize::Flow flow;
  flow.id = "kinh-gui";
  flow.items.push_back(list);
  flow.items.push_back(para("body.0", "body", "Thực hiện kế hoạch năm học 2020 - 2021, nhà trường tổ chức Hội khỏe Phù Đổng."));
  d.regions.push_back(flow);
  std::string docx = write(dir, d, "cong-van.docx");

  json spans = libreoffice_spans(dir, docx);
  const json* label = span_starting(spans, "Kính gửi:");
  ASSERT_TRUE(label) << spans.dump();
  const double margin = plan_template().page.margin_left;
  EXPECT_NEAR((*label)["x0"].get<double>(), margin + list.indent, 1.0);
  double colon = (*label)["x1"].get<double>() - vanban::text::measure(font, st.size, ":");
  std::vector<double> dashes;
  const json* wrapped = nullptr;
  for (size_t i = 0; i < spans.size(); ++i) {
    std::string text = spans[i]["text"];
    if (text.rfind("- ", 0) == 0) dashes.push_back(spans[i]["x0"].get<double>());
    if (text.rfind("- Các tổ", 0) == 0 && i + 1 < spans.size()) wrapped = &spans[i + 1];
  }
  ASSERT_EQ(dashes.size(), 3u) << spans.dump();
  for (double x : dashes) EXPECT_NEAR(x, colon, 1.0);
  ASSERT_TRUE(wrapped);
  EXPECT_NEAR((*wrapped)["x0"].get<double>(), colon + vanban::text::measure(font, st.size, "- "), 1.0) << (*wrapped)["text"];
}

}  // namespace
