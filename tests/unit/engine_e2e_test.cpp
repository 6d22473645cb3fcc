// End-to-end: render the sample plan with the `vanban` command and read the PDF back
// with independent tools (pdftotext, pdffonts, qpdf, pdfminer through
// tests/e2e/pdf_probe.py). Each test checks a Decree 30 rule against the decree's own
// numbers (../shared/spec/nd30.md), not against the template's values.
#include <gtest/gtest.h>

#include "cli_harness.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <regex>
#include <sstream>

namespace {

namespace fs = std::filesystem;
using json = nlohmann::json;
using vanban::test::Result;
using vanban::test::run;
const auto& quote = vanban::test::q;

constexpr double kMm = 72.0 / 25.4;
const std::string kSource = VANBAN_SOURCE_DIR;
const std::string kCli = VANBAN_CLI;
const std::string kSample = kSource + "/samples/ke-hoach-hoa-binh-2021.json";
const std::string kSampleXml = kSource + "/samples/ke-hoach-hoa-binh-2021.xml";
const std::string kReference = std::string(VANBAN_SHARED_DIR) + "/reference/ke-hoach-2021-restored.txt";

using vanban::test::read_bytes;

fs::path temp_dir() { return vanban::test::fresh_temp_dir("vanban-e2e"); }

std::string render(const std::string& data, const fs::path& out, const std::string& extra = "--date 2021-03-05") {
  Result r = run(quote(kCli) + " render ke-hoach " + quote(data) + " -o " + quote(out.string()) + " " + extra);
  EXPECT_EQ(r.status, 0) << r.output;
  return out.string();
}

// The sample rendered once per output path for the read-back tests: vanban's own PDF,
// and vanban's DOCX laid out by LibreOffice (headless, a fresh profile per call). The
// same Decree 30 checks run on both.
struct Rendering {
  std::shared_ptr<vanban::test::Dir> scratch;  // removed when the test program ends
  fs::path dir;
  std::string pdf;
  json doc;
};

Result libreoffice_pdf(const std::string& docx, const fs::path& out_dir) {
  fs::path profile = out_dir / "lo-profile";
  return run("timeout 180 soffice -env:UserInstallation=file://" + profile.string() +
             " --headless --convert-to pdf --outdir " + quote(out_dir.string()) + " " + quote(docx));
}

class Rendered : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    static std::map<std::string, Rendering> cache;
    auto it = cache.find(GetParam());
    if (it == cache.end()) {
      Rendering r;
      r.scratch = std::make_shared<vanban::test::Dir>("vanban-e2e");
      r.dir = r.scratch->path;
      if (GetParam() == "vanban-pdf") {
        r.pdf = render(kSample, r.dir / "ke-hoach.pdf");
      } else {
        std::string docx = render(kSample, r.dir / "ke-hoach.docx");
        Result lo = libreoffice_pdf(docx, r.dir);
        ASSERT_EQ(lo.status, 0) << lo.output;
        r.pdf = (r.dir / "ke-hoach.pdf").string();
      }
      Result probe = run("/usr/bin/python3 " + quote(kSource + "/tests/e2e/pdf_probe.py") + " " + quote(r.pdf));
      ASSERT_EQ(probe.status, 0) << probe.output;
      r.doc = json::parse(probe.output);
      it = cache.emplace(GetParam(), std::move(r)).first;
    }
    current_ = &it->second;
    pdf_ = &current_->pdf;
    doc_ = &current_->doc;
  }
  static inline Rendering* current_ = nullptr;
  static inline std::string* pdf_ = nullptr;
  static inline json* doc_ = nullptr;

  static const json& pages() { return (*doc_)["pages"]; }
  // vanban's own PDF is held to `own`; LibreOffice's layout of the DOCX to `libreoffice`
  // (docs/docx.md says where and why LibreOffice differs).
  double tolerance(double own, double libreoffice) const { return GetParam() == "vanban-pdf" ? own : libreoffice; }
  bool own_pdf() const { return GetParam() == "vanban-pdf"; }

  // The first span on `page` whose text starts with `prefix`.
  static const json& span(size_t page, const std::string& prefix) {
    for (const auto& s : pages()[page]["spans"]) {
      if (s["text"].get<std::string>().rfind(prefix, 0) == 0) return s;
    }
    static const json none;
    ADD_FAILURE() << "no span starting with \"" << prefix << "\" on page " << page + 1;
    return none;
  }
  static std::string font(const json& s) { return s.is_null() ? "" : s["font"].get<std::string>(); }
  static bool bold(const json& s) { return font(s).find("Bold") != std::string::npos; }
  static bool italic(const json& s) { return font(s).find("Italic") != std::string::npos; }
  static double width(const json& s) { return s["x1"].get<double>() - s["x0"].get<double>(); }
  static double centre(const json& s) { return (s["x0"].get<double>() + s["x1"].get<double>()) / 2; }
  // The rule nearest below `baseline` (within 12 pt) that passes under x = `centre_x`, or null.
  static const json* rule_below(size_t page, double baseline, double centre_x) {
    const json* best = nullptr;
    for (const auto& r : pages()[page]["rules"]) {
      double y = r["y0"].get<double>();
      double lo = std::min(r["x0"].get<double>(), r["x1"].get<double>());
      double hi = std::max(r["x0"].get<double>(), r["x1"].get<double>());
      if (centre_x < lo || centre_x > hi) continue;
      if (y > baseline && y < baseline + 12 && (!best || y < (*best)["y0"].get<double>())) best = &r;
    }
    return best;
  }
};

using vanban::test::collapse_spaces;

// Lines of `text` without page numbers (digit-only lines) and dotted leader lines.
std::string comparable(const std::string& text) {
  std::istringstream in(text);
  std::string line, out;
  static const std::regex page_number(R"(^\s*\d+\s*$)");
  static const std::regex leaders(R"(^\s*(…|\.)+\s*$)");
  while (std::getline(in, line)) {
    if (std::regex_match(line, page_number) || std::regex_match(line, leaders)) continue;
    out += line + "\n";
  }
  return collapse_spaces(out);
}

// --- text round trip -----------------------------------------------------------------

TEST_P(Rendered, CopiedTextIsTheRestoredPlanWordForWord) {
  // The text area only (below the top margin, where the page numbers are).
  Result text = run("pdftotext -raw -enc UTF-8 -x 0 -y 57 -W 596 -H 785 " + quote(*pdf_) + " -");
  ASSERT_EQ(text.status, 0) << text.output;
  std::string reference = read_bytes(kReference);
  reference = reference.substr(0, reference.find("=== EDITOR'S NOTES"));
  std::string got = comparable(text.output), want = comparable(reference);
  if (!own_pdf()) {
    // LibreOffice reads the header table row by row ("Số:" after the Tiêu ngữ): the
    // header's lines are checked on their own, the rest in order.
    size_t g = got.find("KẾ HOẠCH"), w = want.find("KẾ HOẠCH");
    ASSERT_NE(g, std::string::npos);
    std::istringstream lines(reference);
    std::string line;
    for (int i = 0; i < 6 && std::getline(lines, line); ++i)
      EXPECT_NE(got.substr(0, g).find(collapse_spaces(line)), std::string::npos) << line;
    got = got.substr(g);
    want = want.substr(w);
  }
  EXPECT_EQ(got, want);
}

TEST_P(Rendered, FontsAreEmbeddedSubsetsWithUnicodeMaps) {
  if (!own_pdf()) GTEST_SKIP() << "LibreOffice's PDF export picks its own font encodings";
  Result fonts = run("pdffonts " + quote(*pdf_));
  ASSERT_EQ(fonts.status, 0) << fonts.output;
  std::istringstream in(fonts.output);
  std::string line;
  int count = 0;
  std::getline(in, line);
  std::getline(in, line);
  while (std::getline(in, line)) {
    ++count;
    EXPECT_NE(line.find("CID TrueType"), std::string::npos) << line;
    EXPECT_NE(line.find("Identity-H"), std::string::npos) << line;
    EXPECT_TRUE(std::regex_search(line, std::regex(R"(yes\s+yes\s+yes)"))) << "emb sub uni: " << line;
    EXPECT_TRUE(std::regex_search(line, std::regex(R"(^[A-Z]{6}\+LiberationSerif)"))) << line;
  }
  EXPECT_EQ(count, 4) << fonts.output;  // regular, bold, italic, bold italic
}

TEST_P(Rendered, QpdfFindsNoErrors) {
  Result check = run("qpdf --check " + quote(*pdf_));
  EXPECT_EQ(check.status, 0) << check.output;
  EXPECT_NE(check.output.find("No syntax or stream encoding errors"), std::string::npos) << check.output;
}

// --- page (ND30-PAGE-1..3) -----------------------------------------------------------

TEST_P(Rendered, EveryPageIsA4PortraitAndTextStaysInsideTheMargins) {
  ASSERT_GE(pages().size(), 5u);
  for (size_t p = 0; p < pages().size(); ++p) {
    const auto& page = pages()[p];
    EXPECT_NEAR(page["width"].get<double>(), 210 * kMm, 0.5);
    EXPECT_NEAR(page["height"].get<double>(), 297 * kMm, 0.5);
    double left = 1e9, right = 0, top = 1e9, bottom = 0;
    for (const auto& s : page["spans"]) {
      if (s["baseline"].get<double>() < 20 * kMm) continue;  // the page number in the top margin
      left = std::min(left, s["x0"].get<double>());
      right = std::max(right, s["x1"].get<double>());
      top = std::min(top, s["top"].get<double>());
      bottom = std::max(bottom, s["bottom"].get<double>());
    }
    // Left 30-35 mm, right 15-20 mm, top and bottom 20-25 mm: the text may not
    // come closer to an edge than the smallest margin.
    EXPECT_GE(left, 30 * kMm - 0.5) << "page " << p + 1;
    EXPECT_LE(right, (210 - 15) * kMm + 0.5) << "page " << p + 1;
    EXPECT_GE(top, 20 * kMm - tolerance(0.5, 1.5)) << "page " << p + 1;
    EXPECT_LE(bottom, (297 - 20) * kMm + 0.5) << "page " << p + 1;
  }
}

// --- header (ND30-QH, ND30-CQ, ND30-SO, ND30-DATE) ---------------------------------

TEST_P(Rendered, HeaderElementsHaveTheDecreesSizeWeightAndSlant) {
  const json& parent = span(0, "UBND TỈNH HOÀ BÌNH");
  EXPECT_FALSE(bold(parent));
  EXPECT_FALSE(italic(parent));
  EXPECT_GE(parent["size"].get<double>(), 12);
  EXPECT_LE(parent["size"].get<double>(), 13);
  const json& agency = span(0, "SỞ GIÁO DỤC VÀ ĐÀO TẠO");
  EXPECT_TRUE(bold(agency));
  EXPECT_GE(agency["size"].get<double>(), 12);
  EXPECT_LE(agency["size"].get<double>(), 13);
  const json& number = span(0, "Số:");
  EXPECT_FALSE(bold(number));
  EXPECT_FALSE(italic(number));
  EXPECT_EQ(number["size"].get<double>(), 13);
  const json& national = span(0, "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM");
  EXPECT_TRUE(bold(national));
  EXPECT_FALSE(italic(national));
  const json& motto = span(0, "Độc lập - Tự do - Hạnh phúc");
  EXPECT_TRUE(bold(motto));
  EXPECT_GE(motto["size"].get<double>(), 13);
  EXPECT_LE(motto["size"].get<double>(), 14);
  const json& date = span(0, "Hòa Bình, ngày");
  EXPECT_TRUE(italic(date));
  EXPECT_FALSE(bold(date));
  // ND30-PAGE-8: one coherent set, QH 13 / TN 14 / date 14 or QH 12 / TN 13 / date 13.
  double qh = national["size"], tn = motto["size"], dt = date["size"];
  EXPECT_TRUE((qh == 13 && tn == 14 && dt == 14) || (qh == 12 && tn == 13 && dt == 13))
      << qh << "/" << tn << "/" << dt;
}

TEST_P(Rendered, HeaderColumnsAreCentredAndSoLineSharesTheDatesBaseline) {
  const json& parent = span(0, "UBND TỈNH HOÀ BÌNH");
  const json& agency = span(0, "SỞ GIÁO DỤC VÀ ĐÀO TẠO");
  const json& number = span(0, "Số:");
  EXPECT_NEAR(centre(parent), centre(agency), 0.5);
  EXPECT_NEAR(centre(number), centre(agency), 0.5);
  const json& national = span(0, "CỘNG HOÀ");
  const json& motto = span(0, "Độc lập");
  const json& date = span(0, "Hòa Bình, ngày");
  EXPECT_NEAR(centre(national), centre(motto), 0.5);
  EXPECT_NEAR(centre(date), centre(motto), tolerance(0.5, 1.0));
  EXPECT_LT(centre(agency), centre(national));  // ô 2 left, ô 1 right
  EXPECT_LT(parent["baseline"].get<double>(), agency["baseline"].get<double>());
  EXPECT_LT(national["baseline"].get<double>(), motto["baseline"].get<double>());
  // ND30-DATE-4: the place and date on the same line as Số.
  EXPECT_NEAR(number["baseline"].get<double>(), date["baseline"].get<double>(), tolerance(0.05, 0.5));
  // ND30-QH-5: Quốc hiệu and Tiêu ngữ at single spacing, no blank line between.
  EXPECT_LT(motto["baseline"].get<double>() - national["baseline"].get<double>(), 1.5 * 14);
}

TEST_P(Rendered, AgencyRuleIsAThirdToAHalfOfTheNameAndCentred) {
  const json& agency = span(0, "SỞ GIÁO DỤC VÀ ĐÀO TẠO");
  const json* rule = rule_below(0, agency["baseline"], centre(agency));
  ASSERT_NE(rule, nullptr);
  double length = std::abs((*rule)["x1"].get<double>() - (*rule)["x0"].get<double>());
  EXPECT_GE(length, width(agency) / 3 - 0.2);
  EXPECT_LE(length, width(agency) / 2 + 0.2);
  EXPECT_NEAR(((*rule)["x0"].get<double>() + (*rule)["x1"].get<double>()) / 2, centre(agency), 0.5);
  EXPECT_LT((*rule)["y0"].get<double>(), span(0, "Số:")["top"].get<double>());
}

TEST_P(Rendered, MottoRuleIsExactlyTheMottosWidth) {
  const json& motto = span(0, "Độc lập - Tự do - Hạnh phúc");
  const json* rule = rule_below(0, motto["baseline"], centre(motto));
  ASSERT_NE(rule, nullptr);
  EXPECT_NEAR(std::min((*rule)["x0"].get<double>(), (*rule)["x1"].get<double>()), motto["x0"].get<double>(), 0.3);
  EXPECT_NEAR(std::max((*rule)["x0"].get<double>(), (*rule)["x1"].get<double>()), motto["x1"].get<double>(), 0.3);
  EXPECT_LT((*rule)["y0"].get<double>(), span(0, "Hòa Bình, ngày")["top"].get<double>());
}

// --- title (ND30-TL-1..3) ------------------------------------------------------------

TEST_P(Rendered, TypeAndSubjectAreBoldCentredWithARuleUnderThem) {
  double text_centre = (30 * kMm + (210 - 15) * kMm) / 2;
  const json& type = span(0, "KẾ HOẠCH");
  EXPECT_TRUE(bold(type));
  EXPECT_GE(type["size"].get<double>(), 13);
  EXPECT_LE(type["size"].get<double>(), 14);
  EXPECT_NEAR(centre(type), text_centre, 0.5);
  const json& subject = span(0, "Xây dựng, nhân rộng");
  EXPECT_TRUE(bold(subject));
  EXPECT_FALSE(italic(subject));
  EXPECT_NEAR(centre(subject), text_centre, 0.5);
  EXPECT_GT(subject["baseline"].get<double>(), type["baseline"].get<double>());
  // The subject may wrap: the rule is under its last line.
  double last_baseline = subject["baseline"];
  double widest = width(subject);
  for (const auto& s : pages()[0]["spans"]) {
    if (bold(s) && s["size"] == subject["size"] && s["baseline"].get<double>() > last_baseline &&
        s["baseline"].get<double>() < last_baseline + 25) {
      last_baseline = s["baseline"];
      widest = std::max(widest, width(s));
    }
  }
  const json* rule = rule_below(0, last_baseline, text_centre);
  ASSERT_NE(rule, nullptr);
  double length = std::abs((*rule)["x1"].get<double>() - (*rule)["x0"].get<double>());
  EXPECT_GE(length, widest / 3 - 0.2);
  EXPECT_LE(length, widest / 2 + 0.2);
  EXPECT_NEAR(((*rule)["x0"].get<double>() + (*rule)["x1"].get<double>()) / 2, text_centre, 0.5);
}

// --- body (ND30-BODY-1..4, ND30-NUM) ------------------------------------------------

struct BodyLine {
  size_t page;
  double x0, x1, baseline;
  std::string text;
};

// Lines of 14 pt regular body text (first span of each baseline) on every page.
std::vector<BodyLine> body_lines(const json& pages) {
  std::vector<BodyLine> lines;
  for (size_t p = 0; p < pages.size(); ++p) {
    std::map<long, BodyLine> by_baseline;
    for (const auto& s : pages[p]["spans"]) {
      if (s["size"].get<double>() != 14 || s["baseline"].get<double>() < 20 * kMm) continue;
      long key = std::lround(s["baseline"].get<double>() * 100);
      auto it = by_baseline.find(key);
      if (it == by_baseline.end()) {
        by_baseline[key] = {p, s["x0"], s["x1"], s["baseline"], s["text"]};
      } else {
        it->second.x0 = std::min(it->second.x0, s["x0"].get<double>());
        it->second.x1 = std::max(it->second.x1, s["x1"].get<double>());
        it->second.text += s["text"].get<std::string>();
      }
    }
    for (auto& [k, l] : by_baseline) lines.push_back(l);
  }
  return lines;
}

TEST_P(Rendered, BodyIsJustifiedWithAFirstLineIndentOf1To127Cm) {
  const double left = 30 * kMm, right = (210 - 15) * kMm;
  auto lines = body_lines(pages());
  int full = 0, indented = 0;
  for (size_t i = 0; i + 1 < lines.size(); ++i) {
    const auto& l = lines[i];
    const auto& next = lines[i + 1];
    bool next_starts_paragraph = next.x0 > left + 5;  // an indented line starts a paragraph
    if (l.text.rfind("- ", 0) == 0 || l.text.rfind("+ ", 0) == 0) {
      ++indented;
      double indent = l.x0 - left;
      EXPECT_GE(indent, 1.0 * 72 / 2.54 - 0.3) << l.text;
      EXPECT_LE(indent, 1.27 * 72 / 2.54 + 0.3) << l.text;
    }
    // A line followed by a continuation line of the same paragraph reaches the right margin.
    if (!next_starts_paragraph && next.page == l.page && std::abs(next.x0 - left) < 0.5 && l.x1 > right - 40) {
      ++full;
      EXPECT_NEAR(l.x1, right, tolerance(0.6, 2.0)) << "not justified: " << l.text;
    }
  }
  EXPECT_GT(full, 40);
  EXPECT_GT(indented, 20);
}

TEST_P(Rendered, LineSpacingIsSingleToOneAndAHalfWithAtLeast6PtBetweenParagraphs) {
  auto lines = body_lines(pages());
  const double single = 14 * (1825.0 + 443 + 87) / 2048;  // Liberation Serif = Times New Roman
  const double left = 30 * kMm;
  std::vector<double> within, between;
  size_t first_appendix_page = pages().size();
  for (size_t p = 0; p < pages().size() && first_appendix_page == pages().size(); ++p)
    for (const auto& s : pages()[p]["spans"])
      if (s["text"].get<std::string>().rfind("Phụ lục", 0) == 0) first_appendix_page = p;
  for (size_t i = 0; i + 1 < lines.size(); ++i) {
    if (lines[i].page != lines[i + 1].page || lines[i].page >= first_appendix_page) continue;
    if (lines[i].x0 > left + 60 || lines[i + 1].x0 > left + 60) continue;  // the signature column
    double gap = lines[i + 1].baseline - lines[i].baseline;
    (std::abs(lines[i + 1].x0 - left) < 0.5 ? within : between).push_back(gap);
  }
  ASSERT_FALSE(within.empty());
  ASSERT_FALSE(between.empty());
  double pitch = *std::min_element(within.begin(), within.end());
  EXPECT_GE(pitch, single - 0.1);
  EXPECT_LE(pitch, 1.5 * single + 0.1);
  for (double g : within) EXPECT_NEAR(g, pitch, 0.05);
  for (double g : between) EXPECT_GE(g, pitch + 6 - 0.05);
}

TEST_P(Rendered, SectionHeadingsAreBoldCapsAndNeverLastOnAPage) {
  int headings = 0;
  for (size_t p = 0; p < pages().size(); ++p) {
    const auto& spans = pages()[p]["spans"];
    double last_baseline = 0;
    for (const auto& s : spans) last_baseline = std::max(last_baseline, s["baseline"].get<double>());
    for (const auto& s : spans) {
      std::string t = s["text"];
      if (std::regex_search(t, std::regex(R"(^(I|II|III|IV|V|VI)\. [A-ZĐ])"))) {
        ++headings;
        EXPECT_TRUE(bold(s)) << t;
        EXPECT_LT(s["baseline"].get<double>(), last_baseline - 1) << "heading last on page " << p + 1 << ": " << t;
      }
    }
  }
  EXPECT_EQ(headings, 4);  // I, II, III, V
}

// --- page numbers (ND30-PAGE-9, ND30-PAGE-11) ---------------------------------------

TEST_P(Rendered, PageNumbersAreCentredInTheTopMarginFromPage2AndRestartPerAppendix) {
  const double centre_x = (30 * kMm + (210 - 15) * kMm) / 2;
  int expected = 0;
  int appendix_pages = 0;
  for (size_t p = 0; p < pages().size(); ++p) {
    bool appendix_start = false;
    for (const auto& s : pages()[p]["spans"]) {
      if (s["text"].get<std::string>().rfind("Phụ lục", 0) == 0 && s["baseline"].get<double>() < 45 * kMm) {
        appendix_start = true;
      }
    }
    expected = (p == 0 || appendix_start) ? 1 : expected + 1;
    appendix_pages += appendix_start;
    const json* number = nullptr;
    for (const auto& s : pages()[p]["spans"]) {
      if (s["baseline"].get<double>() < 20 * kMm) number = &s;
    }
    if (expected == 1) {
      EXPECT_EQ(number, nullptr) << "page " << p + 1 << " shows a number";
      continue;
    }
    ASSERT_NE(number, nullptr) << "page " << p + 1 << " has no number";
    EXPECT_EQ((*number)["text"].get<std::string>(), std::to_string(expected)) << "page " << p + 1;
    EXPECT_NEAR(centre(*number), centre_x, 0.5);
    EXPECT_FALSE(bold(*number));
    EXPECT_FALSE(italic(*number));
    EXPECT_GE((*number)["size"].get<double>(), 13);
    EXPECT_LE((*number)["size"].get<double>(), 14);
  }
  EXPECT_EQ(appendix_pages, 3);
}

// --- Nơi nhận and signature (ND30-NN-3/4, ND30-SIG-2..4) -----------------------------

TEST_P(Rendered, RecipientsAndSignatureShareAPageWithTheirFirstLinesLevel) {
  size_t page = pages().size();
  for (size_t p = 0; p < pages().size() && page == pages().size(); ++p) {
    for (const auto& s : pages()[p]["spans"]) {
      if (s["text"] == "Nơi nhận:") page = p;
    }
  }
  ASSERT_LT(page, pages().size());
  const json& label = span(page, "Nơi nhận:");
  EXPECT_TRUE(bold(label));
  EXPECT_TRUE(italic(label));
  EXPECT_EQ(label["size"].get<double>(), 12);
  EXPECT_NEAR(label["x0"].get<double>(), 30 * kMm, 0.5);
  const json& title = span(page, "GIÁM ĐỐC");
  EXPECT_TRUE(bold(title));
  EXPECT_NEAR(title["baseline"].get<double>(), label["baseline"].get<double>(), tolerance(0.05, 0.5));
  EXPECT_GT(centre(title), 105 * kMm);  // right half
  const json& signer = span(page, "Bùi Thị Kim Tuyến");
  EXPECT_TRUE(bold(signer));
  EXPECT_NEAR(centre(signer), centre(title), 0.5);
  EXPECT_GT(signer["baseline"].get<double>() - title["baseline"].get<double>(), 20 * kMm);  // room to sign
  int recipients = 0;
  for (const auto& s : pages()[page]["spans"]) {
    if (s["text"].get<std::string>().rfind("- ", 0) == 0 && s["size"].get<double>() == 11) {
      ++recipients;
      EXPECT_FALSE(bold(s));
      EXPECT_FALSE(italic(s));
      EXPECT_NEAR(s["x0"].get<double>(), 30 * kMm, 0.5);
      EXPECT_GT(s["baseline"].get<double>(), label["baseline"].get<double>());
    }
  }
  EXPECT_EQ(recipients, 7);
}

// --- appendices (ND30-PL-2..4, ND30-PL-10) ------------------------------------------

TEST_P(Rendered, EachAppendixStartsANewPageWithLabelTitleReferenceAndRule) {
  int found = 0;
  for (size_t p = 0; p < pages().size(); ++p) {
    const auto& spans = pages()[p]["spans"];
    for (size_t i = 0; i < spans.size(); ++i) {
      std::string t = spans[i]["text"];
      if (!std::regex_match(t, std::regex(R"(Phụ lục \d)"))) continue;
      ++found;
      const json& label = spans[i];
      EXPECT_TRUE(bold(label));
      EXPECT_EQ(label["size"].get<double>(), 14);
      EXPECT_LT(label["top"].get<double>(), 20 * kMm + 20) << "not at the top of page " << p + 1;
      const json& title = spans[i + 1];
      EXPECT_TRUE(bold(title));
      std::string tt = title["text"];
      EXPECT_EQ(tt, std::string(tt));  // upper case is checked by the text round trip
      size_t r = i + 2;
      while (r < spans.size() && !italic(spans[r])) ++r;
      ASSERT_LT(r, spans.size()) << "no reference line on page " << p + 1;
      const json& reference = spans[r];
      for (size_t t = i + 1; t < r; ++t) EXPECT_TRUE(bold(spans[t])) << "title line not bold";
      EXPECT_TRUE(italic(reference));
      EXPECT_EQ(reference["text"].get<std::string>().rfind("(Kèm theo Kế hoạch số", 0), 0u);
      double last = reference["baseline"];
      for (const auto& s : spans) {
        if (italic(s) && s["baseline"].get<double>() > last && s["baseline"].get<double>() < last + 25) last = s["baseline"];
      }
      EXPECT_NE(rule_below(p, last, (30 * kMm + (210 - 15) * kMm) / 2), nullptr) << "no rule under the reference line on page " << p + 1;
    }
  }
  EXPECT_EQ(found, 3);
}

INSTANTIATE_TEST_SUITE_P(Outputs, Rendered, ::testing::Values("vanban-pdf", "libreoffice-docx"),
                         [](const auto& info) { return info.param == "vanban-pdf" ? "Pdf" : "DocxInLibreOffice"; });

// --- determinism, input forms ------------------------------------------------------------

TEST(Render, FixedDateGivesByteIdenticalOutputAndAnotherDateDoesNot) {
  fs::path dir = temp_dir();
  std::string a = read_bytes(render(kSample, dir / "a.pdf"));
  std::string b = read_bytes(render(kSample, dir / "b.pdf"));
  std::string c = read_bytes(render(kSample, dir / "c.pdf", "--date 2021-03-06"));
  EXPECT_FALSE(a.empty());
  EXPECT_TRUE(a == b);
  EXPECT_FALSE(a == c);
  fs::remove_all(dir);
}

TEST(Render, XmlModelGivesTheSamePdfAsJson) {
  fs::path dir = temp_dir();
  std::string a = read_bytes(render(kSample, dir / "a.pdf"));
  std::string b = read_bytes(render(kSampleXml, dir / "b.pdf"));
  EXPECT_FALSE(a.empty());
  EXPECT_TRUE(a == b);
  fs::remove_all(dir);
}

TEST(Render, DecomposedInputGivesTheSamePdfAsPrecomposed) {
  fs::path dir = temp_dir();
  std::string nfd = (dir / "nfd.json").string();
  Result convert = run("/usr/bin/python3 -c \"import sys,unicodedata; open(sys.argv[2],'w').write("
                    "unicodedata.normalize('NFD', open(sys.argv[1]).read()))\" " +
                    quote(kSample) + " " + quote(nfd));
  ASSERT_EQ(convert.status, 0) << convert.output;
  ASSERT_NE(read_bytes(nfd), read_bytes(kSample));
  std::string a = read_bytes(render(kSample, dir / "a.pdf"));
  std::string b = read_bytes(render(nfd, dir / "b.pdf"));
  EXPECT_TRUE(a == b);
  fs::remove_all(dir);
}

// --- errors: message with file and position, status 1, nothing written -------------

struct Failure {
  int status;
  std::string message;
  bool output_exists;
  std::string output_after;
};

Failure fail_render(const std::string& data_text, const std::string& extra = "", bool existing_output = false,
                    const std::string& template_name = "ke-hoach") {
  fs::path dir = temp_dir();
  std::string data = (dir / "data.json").string();
  std::ofstream(data, std::ios::binary) << data_text;
  fs::path out = dir / "out.pdf";
  if (existing_output) std::ofstream(out) << "previous";
  Result r = run(quote(kCli) + " render " + template_name + " " + quote(data) + " -o " + quote(out.string()) + " " + extra);
  Failure f{r.status, r.output, fs::exists(out), fs::exists(out) ? read_bytes(out.string()) : ""};
  size_t files = 0;
  for (auto& e : fs::directory_iterator(dir)) { (void)e; ++files; }
  EXPECT_EQ(files, existing_output ? 2u : 1u) << "a stray file was left in the output directory";
  fs::remove_all(dir);
  return f;
}

std::string sample_with(const std::string& from, const std::string& to) {
  std::string s = read_bytes(kSample);
  size_t at = s.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  return s.replace(at, from.size(), to);
}

TEST(RenderErrors, MalformedJsonNamesFileLineAndColumn) {
  std::string text = "{\n  \"issuing_agency\": \"SỞ\",\n  \"place\" \"Hòa Bình\"\n}\n";
  Failure f = fail_render(text, "", true);
  EXPECT_EQ(f.status, 1);
  EXPECT_TRUE(std::regex_search(f.message, std::regex(R"(data\.json:3:\d+: )"))) << f.message;
  EXPECT_EQ(f.output_after, "previous");  // the existing output is not clobbered
}

TEST(RenderErrors, WrongTypeNamesTheFieldPath) {
  Failure f = fail_render(sample_with("\"month\": 3", "\"month\": \"ba\""));
  EXPECT_EQ(f.status, 1);
  EXPECT_NE(f.message.find("date.month"), std::string::npos) << f.message;
  EXPECT_TRUE(std::regex_search(f.message, std::regex(R"(data\.json:\d+:\d+: )"))) << f.message;
  EXPECT_FALSE(f.output_exists);
}

TEST(RenderErrors, MissingFieldNamesTheFieldPath) {
  Failure f = fail_render(sample_with("\"signer_name\"", "\"signer\""));
  EXPECT_EQ(f.status, 1);
  EXPECT_NE(f.message.find("signature"), std::string::npos) << f.message;
  EXPECT_FALSE(f.output_exists);
}

TEST(RenderErrors, InvalidUtf8IsReportedWithItsPosition) {
  Failure f = fail_render(sample_with("Hòa Bình", "H\xC3\x28" "a Bình"));
  EXPECT_EQ(f.status, 1);
  EXPECT_TRUE(std::regex_search(f.message, std::regex(R"(data\.json:\d+:\d+: .*UTF-8)"))) << f.message;
  EXPECT_FALSE(f.output_exists);
}

TEST(RenderErrors, UnknownTemplateIsNamed) {
  Failure f = fail_render(read_bytes(kSample), "", false, "quyet-dinh-khong-co");
  EXPECT_EQ(f.status, 1);
  EXPECT_NE(f.message.find("quyet-dinh-khong-co"), std::string::npos) << f.message;
  EXPECT_FALSE(f.output_exists);
}

TEST(RenderErrors, MissingFontIsNamed) {
  fs::path empty = temp_dir();
  Failure f = fail_render(read_bytes(kSample), "--font-dir " + quote(empty.string()), true);
  EXPECT_EQ(f.status, 1);
  EXPECT_NE(f.message.find(empty.string()), std::string::npos) << f.message;
  EXPECT_NE(f.message.find("times"), std::string::npos) << f.message;
  EXPECT_EQ(f.output_after, "previous");
  fs::remove_all(empty);
}

TEST(RenderErrors, CharacterTheFontLacksIsNamed) {
  Failure f = fail_render(sample_with("Bùi Thị Kim Tuyến", "Bùi Thị Kim Tuyến 中"));
  EXPECT_EQ(f.status, 1);
  EXPECT_NE(f.message.find("U+4E2D"), std::string::npos) << f.message;
  EXPECT_FALSE(f.output_exists);
}

}  // namespace

namespace {

TEST(Schema, TheSampleMatchesTheJsonSchemaAndABadValueDoesNot) {
  const std::string check =
      "/usr/bin/python3 -c \"import json,sys,jsonschema; s=json.load(open(sys.argv[1])); d=json.load(open(sys.argv[2])); "
      "jsonschema.validate(d, s); d['date']['month']='ba'; "
      "bad=jsonschema.Draft202012Validator(s).is_valid(d); sys.exit(3 if bad else 0)\" ";
  Result r = run(check + quote(kSource + "/docs/schema/document.schema.json") + " " + quote(kSample));
  EXPECT_EQ(r.status, 0) << r.output;
}

}  // namespace
