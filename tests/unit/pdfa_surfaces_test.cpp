// PDF/A-2 on every surface vanban writes: the plan (2u untagged, 2a tagged), every document
// kind (samples/*.json with their templates), every form blank and filled, and certificate
// batches (2a), a signed plan — each
// written by pdf::write_pdf / PdfBuilder with WriteOptions::pdfa and checked by
// tests/tools/pdfa_check.py (the ISO 19005-2 clauses docs/pdfa.md lists).
// VANBAN_PDFA_KEEP=<dir> keeps the files.
#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <tuple>

#include "core/file_io.h"
#include "engine_fixture.h"
#include "cli_harness.h"
#include "layout/certificate_layout.h"
#include "pdf/metadata.h"
#include "pdf/pdf_writer.h"
#include "vanban/engine.h"

namespace {

using namespace vanban;
namespace fs = std::filesystem;

const std::string kDate = "D:20241201080000+07'00'";

struct Output {
  fs::path dir;
  bool keep = false;
  Output() {
    const char* k = std::getenv("VANBAN_PDFA_KEEP");
    keep = k && *k;
    dir = keep ? fs::path(k) : fs::temp_directory_path() / ("vanban-pdfa-" + std::to_string(getpid()) + "-" +
                                                            std::to_string(reinterpret_cast<uintptr_t>(this)));
    fs::create_directories(dir);
  }
  ~Output() {
    if (!keep) fs::remove_all(dir);
  }
  std::string write(const std::string& name, const std::string& bytes) {
    std::string path = (dir / name).string();
    file_io::write_file_atomically(path, bytes);
    return path;
  }
};

std::string run(const std::string& command, int* status) {
  test::Result r = test::run(command);
  *status = r.status;
  return r.output;
}

// Runs the checker on `files`; every one must pass at `level` ("2u", "2a").
void expect_pdfa(const std::vector<std::string>& files, const std::string& level = "2u") {
  ASSERT_FALSE(files.empty());
  std::string command = "/usr/bin/python3 " + std::string(VANBAN_SOURCE_DIR) + "/tests/tools/pdfa_check.py";
  for (const auto& f : files) command += " '" + f + "'";
  int status = 0;
  std::string out = run(command, &status);
  EXPECT_EQ(status, 0) << out;
  for (const auto& f : files) EXPECT_NE(out.find(f + ": PDF/A-" + level), std::string::npos) << f << "\n" << out;
}

std::string slurp(const fs::path& p) { return file_io::read_file(p.string()); }

std::string pdfa(const layout::LaidOutDocument& d, pdf::PdfA level = pdf::PdfA::A2u) {
  layout::DocumentInfo info = d.info;
  info.creation_date = kDate;
  return pdf::write_pdf(d.pages, info, d.graphics, {level == pdf::PdfA::A2a, level});
}

const Engine& engine() { return test::source_tree_engine(); }

// The template a sample names ("template": "ke-hoach"), or the form a sample fills
// (phu-luc-1-dang-ky.json -> phu-luc-1).
std::string template_of(const fs::path& sample, const std::string& text) {
  auto at = text.find("\"template\"");
  if (at != std::string::npos) {
    auto q1 = text.find('"', text.find(':', at) + 1), q2 = text.find('"', q1 + 1);
    return text.substr(q1 + 1, q2 - q1 - 1);
  }
  std::string stem = sample.stem().string();
  if (stem.rfind("phu-luc-", 0) == 0) return stem.substr(0, 9);
  return {};
}

TEST(PdfA, ThePlanIsPdfA2u) {
  Output out;
  const fs::path sample = fs::path(VANBAN_SOURCE_DIR) / "samples/ke-hoach-hoa-binh-2021.json";
  const std::string data = slurp(sample);
  auto laid = engine().lay_out(engine().load_template("ke-hoach"), data, sample.string(), false);
  const std::string bytes = pdfa(laid);
  expect_pdfa({out.write("plan-ke-hoach-hoa-binh-2021.pdf", bytes)});
  // The identity layout found is in the file's XMP (vanban namespace).
  auto info = pdf::read_document_info(bytes);
  ASSERT_TRUE(info.has_value());
  EXPECT_EQ(info->language, "vi-VN");
}

// PDF/A-2a asked: claimed only when the file has its structure tree (tagged PDF), and then
// the checker's level-a clauses pass too; without one the file says 2u and is 2u.
TEST(PdfA, ConformanceAIsClaimedOnlyWithAStructureTree) {
  Output out;
  const fs::path sample = fs::path(VANBAN_SOURCE_DIR) / "samples/ke-hoach-hoa-binh-2021.json";
  auto laid = engine().lay_out(engine().load_template("ke-hoach"), slurp(sample), sample.string(), false);
  layout::DocumentInfo info = laid.info;
  info.creation_date = kDate;
  const std::string bytes = pdf::write_pdf(laid.pages, info, laid.graphics, {true, pdf::PdfA::A2a});
  const std::string file = out.write("plan-2a.pdf", bytes);
  const bool tagged = bytes.find("/StructTreeRoot") != std::string::npos;
  EXPECT_TRUE(tagged) << "WriteOptions.tagged writes the structure tree";
  EXPECT_NE(bytes.find(tagged ? "<pdfaid:conformance>A<" : "<pdfaid:conformance>U<"), std::string::npos);
  int status = 0;
  std::string report = run("/usr/bin/python3 " + std::string(VANBAN_SOURCE_DIR) + "/tests/tools/pdfa_check.py '" + file + "'",
                           &status);
  EXPECT_EQ(status, 0) << report;
  EXPECT_NE(report.find(tagged ? "PDF/A-2a" : "PDF/A-2u"), std::string::npos) << report;
}

// Each check of the checker fails on a copy of the plan broken in its clause
// (tests/tools/pdfa_mutations.py), and the plan itself passes.
TEST(PdfA, EveryCheckFailsOnAFileThatBreaksIt) {
  Output out;
  const fs::path sample = fs::path(VANBAN_SOURCE_DIR) / "samples/ke-hoach-hoa-binh-2021.json";
  auto laid = engine().lay_out(engine().load_template("ke-hoach"), slurp(sample), sample.string(), false);
  std::vector<std::string> good = {out.write("plan-good.pdf", pdfa(laid))};
  // A tagged PDF/A-2a file too, when the writer makes one (the level-a mutations).
  layout::DocumentInfo info = laid.info;
  info.creation_date = kDate;
  const std::string a = pdf::write_pdf(laid.pages, info, laid.graphics, {true, pdf::PdfA::A2a});
  if (a.find("<pdfaid:conformance>A<") != std::string::npos) good.push_back(out.write("plan-good-2a.pdf", a));
  for (const auto& file : good) {
    int status = 0;
    std::string report =
        run("/usr/bin/python3 " + std::string(VANBAN_SOURCE_DIR) + "/tests/tools/pdfa_mutations.py '" + file + "'", &status);
    EXPECT_EQ(status, 0) << report;
    EXPECT_NE(report.find(", 0 missed"), std::string::npos) << report;
    EXPECT_EQ(report.find("MISSED"), std::string::npos) << report;
  }
}

TEST(PdfA, EveryDocumentKindAndFilledFormIsPdfA2a) {
  Output out;
  std::vector<std::string> files;
  for (const auto& entry : fs::directory_iterator(fs::path(VANBAN_SOURCE_DIR) / "samples")) {
    if (entry.path().extension() != ".json") continue;
    const std::string data = slurp(entry.path());
    const std::string name = template_of(entry.path(), data);
    if (name.empty()) continue;
    SCOPED_TRACE(entry.path().string());
    auto laid = engine().lay_out(engine().load_template(name), data, entry.path().string(), false);
    files.push_back(out.write(entry.path().stem().string() + ".pdf", pdfa(laid, pdf::PdfA::A2a)));
  }
  EXPECT_GE(files.size(), 35u);
  expect_pdfa(files, "2a");
}

TEST(PdfA, EveryBlankFormIsPdfA2a) {
  Output out;
  std::vector<std::string> files;
  for (const auto& t : engine().templates()) {
    auto tpl = engine().load_template(t.name);
    if (tpl.layout != "form") continue;
    files.push_back(out.write(t.name + "-blank.pdf", pdfa(engine().lay_out(tpl, "", t.name, true), pdf::PdfA::A2a)));
  }
  EXPECT_GE(files.size(), 3u);
  expect_pdfa(files, "2a");
}

TEST(PdfA, FormsFromAListInOneFileArePdfA2a) {
  Output out;
  const fs::path list = fs::path(VANBAN_SOURCE_DIR) / "samples/phu-luc-1-200-truong.csv";
  auto laid = engine().lay_out(engine().load_template("phu-luc-1"), slurp(list), list.string(), false);
  expect_pdfa({out.write("phu-luc-1-200.pdf", pdfa(laid, pdf::PdfA::A2a))}, "2a");
}

TEST(PdfA, ACertificateBatchIsPdfA2a) {
  Output out;
  const fs::path list = fs::path(VANBAN_SOURCE_DIR) / "samples/danh-sach-khen-thuong.csv";
  const std::string csv = slurp(list);
  std::vector<std::string> files;
  for (const char* name : {"giay-khen", "giay-cong-nhan"}) {
    auto tpl = engine().load_template(name);
    BatchOptions options;
    options.jobs = 1;
    layout::DocumentInfo info;
    info.title = name;
    info.creation_date = kDate;
    std::ostringstream bytes;
    {
      pdf::PdfBuilder builder(info, {layout::certificate_border(tpl, options.certificate)}, &bytes,
                              {true, pdf::PdfA::A2a});
      auto result = engine().certificates(tpl, csv, list.string(), options,
                                          [&](size_t, const model::ListRow&, layout::Page& page) { builder.add_page(page); });
      EXPECT_GT(result.produced, 2u);
      builder.finish();
    }
    files.push_back(out.write(std::string(name) + "-batch.pdf", bytes.str()));
  }
  expect_pdfa(files, "2a");
}

// A signed PDF/A stays PDF/A: the plan rendered with PDF/A-2a and signed twice in the
// decree's order (the signer's image, then the body's seal), each an incremental update
// with a widget flagged Print and a normal appearance; pdfsig verifies both.
TEST(PdfA, ASignedPdfAStaysPdfA) {
  Output out;
  const std::string keys = (out.dir / "keys").string();
  int status = 0;
  std::string made = run("bash " + std::string(VANBAN_SOURCE_DIR) + "/tests/sign/make_keys.sh '" + keys + "'", &status);
  ASSERT_EQ(status, 0) << made;
  for (const char* what : {"signature", "seal"}) {
    made = run("/usr/bin/python3 " + std::string(VANBAN_SOURCE_DIR) + "/tests/tools/make_png.py " + what + " '" +
                   (out.dir / (std::string(what) + ".png")).string() + "'",
               &status);
    ASSERT_EQ(status, 0) << made;
  }
  RenderOptions options;
  options.creation_date = "2024-12-01T08:00:00+07:00";
  options.signing_time = "2024-12-01T09:15:00+07:00";
  options.tagged = true;  // PDF/A-2a (tests/tools/pdfa_cli_test.sh signs a 2u file)
  options.pdfa = true;
  for (auto [who, role, image] : {std::tuple{"signer", layout::SignatureRole::Signer, "signature.png"},
                                  std::tuple{"body", layout::SignatureRole::Body, "seal.png"}}) {
    SignatureRequest r;
    r.key.p12_path = keys + "/" + who + ".p12";
    r.key.secret = "secret";
    r.role = role;
    r.image_png = (out.dir / image).string();  // a PNG file
    options.signatures.push_back(r);
  }
  const fs::path sample = fs::path(VANBAN_SOURCE_DIR) / "samples/ke-hoach-hoa-binh-2021.json";
  const std::string bytes = engine().render_pdf("ke-hoach", slurp(sample), sample.string(), options);
  const std::string file = out.write("plan-signed.pdf", bytes);
  expect_pdfa({file}, "2a");
  std::string sigs = run("pdfsig '" + file + "'", &status);
  EXPECT_EQ(status, 0) << sigs;
  EXPECT_NE(sigs.find("Signature #2"), std::string::npos) << sigs;
  size_t valid = 0;
  for (size_t at = 0; (at = sigs.find("Signature is Valid.", at)) != std::string::npos; ++at) ++valid;
  EXPECT_EQ(valid, 2u) << sigs;
  EXPECT_NE(sigs.find("Total document signed"), std::string::npos) << sigs;
  // The XMP written before signing still says what the file is.
  auto info = pdf::read_document_info(bytes);
  ASSERT_TRUE(info.has_value());
  EXPECT_FALSE(info->signature_slots.empty());
}

}  // namespace
