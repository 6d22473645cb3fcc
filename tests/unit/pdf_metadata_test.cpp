// XMP metadata (pdf/metadata.h) and the catalog entries every file gets: written by
// write_pdf, read back by read_xmp / read_document_info and by qpdf.
#include <gtest/gtest.h>

#include <hb.h>

#include <array>
#include <cstdio>
#include <filesystem>

#include "core/error.h"
#include "core/file_io.h"
#include "pdf/metadata.h"
#include "pdf/output_intent.h"
#include "pdf/pdf_writer.h"
#include "cli_harness.h"
#include "test_fonts.h"

namespace {

using namespace vanban;
namespace fs = std::filesystem;

std::string run(const std::string& command) { return test::run(command).output; }

layout::Page page() {
  const text::Font& font = test::liberation_fonts().face(false, false);
  layout::TextRun run;
  run.font = &font;
  run.size = 14;
  double x = 100;
  for (const char* ch : {"S", "ố"}) {
    hb_buffer_t* b = hb_buffer_create();
    hb_buffer_add_utf8(b, ch, -1, 0, -1);
    hb_buffer_guess_segment_properties(b);
    hb_shape(font.hb_font(), b, nullptr, 0);
    uint32_t gid = hb_buffer_get_glyph_infos(b, nullptr)[0].codepoint;
    hb_buffer_destroy(b);
    double advance = font.glyph_advance(gid) * 14.0 / font.units_per_em();
    run.glyphs.push_back({gid, x, 100, advance, ch});
    x += advance;
  }
  layout::Page p;
  p.runs.push_back(run);
  return p;
}

layout::DocumentInfo sample_info() {
  layout::DocumentInfo info;
  info.title = "Kế hoạch xây dựng <thí điểm> & nhân rộng";
  info.author = "SỞ GIÁO DỤC VÀ ĐÀO TẠO";
  info.subject = "Trích yếu \"có ngoặc\"";
  info.creation_date = "D:20210305083000+07'00'";
  info.identity = {"Kế hoạch", "ke-hoach", "05/KH-SGD&ĐT", "2021-03-05", "Hòa Bình", "SỞ GIÁO DỤC VÀ ĐÀO TẠO",
                   "UBND TỈNH HOÀ BÌNH", "SAO Y"};
  info.signature_slots = {{layout::SignatureRole::Signer, 1, 340.5, 612.25, 170, 56.7},
                          {layout::SignatureRole::Body, 1, 330, 600, 85.04, 85.04},
                          {layout::SignatureRole::BodyInfo, 0, 400, 20, 175.2, 40}};
  return info;
}

void expect_same(const layout::DocumentInfo& got, const layout::DocumentInfo& want) {
  EXPECT_EQ(got.title, want.title);
  EXPECT_EQ(got.author, want.author);
  EXPECT_EQ(got.subject, want.subject);
  EXPECT_EQ(got.creation_date, want.creation_date);
  EXPECT_EQ(got.language, want.language);
  EXPECT_EQ(got.identity.kind, want.identity.kind);
  EXPECT_EQ(got.identity.template_name, want.identity.template_name);
  EXPECT_EQ(got.identity.number, want.identity.number);
  EXPECT_EQ(got.identity.date, want.identity.date);
  EXPECT_EQ(got.identity.place, want.identity.place);
  EXPECT_EQ(got.identity.agency, want.identity.agency);
  EXPECT_EQ(got.identity.parent_agency, want.identity.parent_agency);
  EXPECT_EQ(got.identity.copy_form, want.identity.copy_form);
  ASSERT_EQ(got.signature_slots.size(), want.signature_slots.size());
  for (size_t i = 0; i < want.signature_slots.size(); ++i) {
    const auto &g = got.signature_slots[i], &w = want.signature_slots[i];
    EXPECT_EQ(g.role, w.role) << i;
    EXPECT_EQ(g.page, w.page) << i;
    EXPECT_NEAR(g.x, w.x, 1e-3) << i;
    EXPECT_NEAR(g.y, w.y, 1e-3) << i;
    EXPECT_NEAR(g.width, w.width, 1e-3) << i;
    EXPECT_NEAR(g.height, w.height, 1e-3) << i;
  }
}

TEST(PdfMetadata, PacketReadsBackWhatWasWritten) {
  const layout::DocumentInfo info = sample_info();
  const std::string xmp = pdf::xmp_packet(info, {});
  EXPECT_NE(xmp.find("<xmp:CreateDate>2021-03-05T08:30:00+07:00</xmp:CreateDate>"), std::string::npos) << xmp;
  EXPECT_NE(xmp.find("&lt;thí điểm&gt; &amp; nhân rộng"), std::string::npos);
  EXPECT_EQ(xmp.find("pdfaid:part"), std::string::npos) << "no PDF/A claim unless asked";
  EXPECT_EQ(xmp.find("pdfaExtension:schemas"), std::string::npos) << "the extension schema is PDF/A's";
  auto back = pdf::read_xmp(xmp);
  ASSERT_TRUE(back.has_value());
  expect_same(*back, info);
}

TEST(PdfMetadata, PdfAIdentificationFollowsTheOptions) {
  const auto info = sample_info();
  const std::string u = pdf::xmp_packet(info, {true, pdf::PdfA::A2u});
  EXPECT_NE(u.find("<pdfaid:part>2</pdfaid:part>"), std::string::npos);
  EXPECT_NE(u.find("<pdfaid:conformance>U</pdfaid:conformance>"), std::string::npos);
  EXPECT_NE(u.find("<pdfaSchema:namespaceURI>https://vanban.invalid/ns/document/1.0/</pdfaSchema:namespaceURI>"),
            std::string::npos);
  auto back = pdf::read_xmp(u);
  ASSERT_TRUE(back.has_value());
  expect_same(*back, info);
  const std::string a = pdf::xmp_packet(info, {true, pdf::PdfA::A2a});
  EXPECT_NE(a.find("<pdfaid:conformance>A</pdfaid:conformance>"), std::string::npos);
}

TEST(PdfMetadata, PacketWithoutVanbanNamespaceGivesNothing) {
  EXPECT_FALSE(pdf::read_xmp("<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF "
                             "xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\"><rdf:Description rdf:about=\"\" "
                             "xmlns:dc=\"http://purl.org/dc/elements/1.1/\" dc:format=\"application/pdf\"/></rdf:RDF>"
                             "</x:xmpmeta>")
                   .has_value());
  EXPECT_FALSE(pdf::read_xmp("not xml <<<").has_value());
}

TEST(PdfMetadata, ShortFormAttributesAreRead) {
  auto info = pdf::read_xmp(
      "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">"
      "<rdf:Description rdf:about=\"\" xmlns:v=\"https://vanban.invalid/ns/document/1.0/\" v:Number=\"12/QĐ-UBND\"/>"
      "</rdf:RDF></x:xmpmeta>");
  ASSERT_TRUE(info.has_value());
  EXPECT_EQ(info->identity.number, "12/QĐ-UBND");
}

TEST(PdfMetadata, WrittenFileCarriesMetadataLangAndReadsBack) {
  const auto info = sample_info();
  const std::string bytes = pdf::write_pdf({page(), page()}, info);
  auto back = pdf::read_document_info(bytes);
  ASSERT_TRUE(back.has_value());
  expect_same(*back, info);
  fs::path file = fs::temp_directory_path() / ("vanban-meta-" + std::to_string(getpid()) + ".pdf");
  file_io::write_file_atomically(file.string(), bytes);
  std::string json = run("qpdf --json=1 --json-key=objects " + file.string());
  std::string check = run("qpdf --check " + file.string());
  std::string pdfinfo = run("pdfinfo -meta " + file.string());
  fs::remove(file);
  EXPECT_NE(check.find("No syntax or stream encoding errors"), std::string::npos) << check;
  EXPECT_NE(json.find("\"/Lang\": \"vi-VN\""), std::string::npos);
  EXPECT_NE(json.find("\"/Subtype\": \"/XML\""), std::string::npos);
  EXPECT_EQ(json.find("/OutputIntents"), std::string::npos) << "no output intent unless PDF/A";
  EXPECT_NE(pdfinfo.find("<vanban:Number>05/KH-SGD&amp;ĐT</vanban:Number>"), std::string::npos) << pdfinfo;
}

TEST(PdfMetadata, PdfAFileHasTheSrgbOutputIntent) {
  const std::string bytes = pdf::write_pdf({page()}, sample_info(), {}, {true, pdf::PdfA::A2u});
  EXPECT_NE(bytes.find("/OutputIntents"), std::string::npos);
  EXPECT_NE(bytes.find("/GTS_PDFA1"), std::string::npos);
  const std::string& icc = pdf::srgb_icc_profile();
  ASSERT_GT(icc.size(), 128u);
  EXPECT_EQ(icc.substr(12, 8), "mntrRGB ");  // a display profile of RGB data
  EXPECT_EQ(icc.substr(36, 4), "acsp");
  EXPECT_EQ(pdf::write_pdf({page()}, sample_info(), {}, {true, pdf::PdfA::A2u}), bytes) << "deterministic";
}

TEST(PdfMetadata, WithoutADateTheXmpHasTheInfoDictionarysDate) {
  auto info = sample_info();
  info.creation_date.clear();
  auto back = pdf::read_document_info(pdf::write_pdf({page()}, info));
  ASSERT_TRUE(back.has_value());
  EXPECT_EQ(back->creation_date.substr(0, 4), "D:20") << back->creation_date;
}

TEST(PdfMetadata, NotAPdfIsAnInputError) {
  try {
    pdf::read_document_info("this is not a PDF");
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::Input);
  }
}

}  // namespace
