// sign::sign_pdf on files other programs write: cross-reference streams and object
// streams, an AcroForm of its own with fields (kept), encrypted files and pages that are
// not there (refused with Error(Input)).
#include <gtest/gtest.h>

#include <regex>
#include <vector>

#include "core/error.h"
#include "core/file_io.h"
#include "sign/sign.h"
#include "sign_test_support.h"

namespace {

using namespace vanban;
using test::run_command;

sign::SignOptions at_top_right() {
  sign::SignOptions o;
  o.signing_time = "2021-03-05T09:15:30+07:00";
  o.x = 420;
  o.y = 20;
  o.appearance = test::info_box();
  return o;
}

TEST(SignFiles, AFormWithObjectStreamsKeepsItsFields) {
  std::string plain = test::write_temp("plain.pdf", test::sample_pdf());
  std::string form = test::sign_dir() + "/form.pdf";
  int status = 0;
  std::string out = run_command("/usr/bin/python3 " VANBAN_SOURCE_DIR "/tests/sign/make_form_pdf.py " + plain + " " + form, &status);
  ASSERT_EQ(status, 0) << out;
  std::string original = file_io::read_file(form);
  ASSERT_NE(original.find("/ObjStm"), std::string::npos) << "the input has object streams";
  auto signer = sign::open_signer(test::p12_key("signer"));
  std::string path = test::write_temp("form-signed.pdf", sign::sign_pdf(original, *signer, at_top_right()));
  std::string report = run_command("pdfsig " + path);
  EXPECT_NE(report.find("Signature Validation: Signature is Valid."), std::string::npos) << report;
  EXPECT_NE(report.find("Total document signed"), std::string::npos) << report;
  std::string check = run_command("qpdf --check " + path, &status);
  EXPECT_EQ(status, 0) << check;
  std::string fields = run_command("qpdf --json --json-key=acroform " + path);
  EXPECT_NE(fields.find("\"fullname\": \"name\""), std::string::npos) << fields;
  EXPECT_NE(fields.find("\"fullname\": \"Signature1\""), std::string::npos) << fields;  // the first signature
  EXPECT_NE(fields.find("\"fieldtype\": \"/Tx\""), std::string::npos) << fields;
  EXPECT_NE(fields.find("\"fieldtype\": \"/Sig\""), std::string::npos) << fields;
  EXPECT_EQ(run_command("qpdf --show-npages " + path), "1\n");
  std::string text = run_command("pdftotext " + path + " -");
  EXPECT_NE(text.find("Kế hoạch tổ chức Ngày hội"), std::string::npos) << text;
}

TEST(SignFiles, AnEncryptedFileIsRefused) {
  std::string plain = test::write_temp("plain2.pdf", test::sample_pdf());
  std::string locked = test::sign_dir() + "/locked.pdf";
  int status = 0;
  std::string out = run_command("qpdf --encrypt user owner 256 -- " + plain + " " + locked, &status);
  ASSERT_EQ(status, 0) << out;
  auto signer = sign::open_signer(test::p12_key("signer"));
  test::expect_error([&] { sign::sign_pdf(file_io::read_file(locked), *signer, at_top_right()); }, ErrorKind::Input, "encrypted");
}

TEST(SignFiles, APageThatIsNotThereIsRefused) {
  auto signer = sign::open_signer(test::p12_key("signer"));
  sign::SignOptions o = at_top_right();
  o.page = 3;
  test::expect_error([&] { sign::sign_pdf(test::sample_pdf(), *signer, o); }, ErrorKind::Input, "no page 4");
}

TEST(SignFiles, AnInvisibleSignatureHasAnEmptyRectAndNoAppearance) {
  auto signer = sign::open_signer(test::p12_key("body"));
  sign::SignOptions o = at_top_right();
  o.appearance = {};
  std::string path = test::write_temp("invisible.pdf", sign::sign_pdf(test::sample_pdf(), *signer, o));
  std::string report = run_command("pdfsig " + path);
  EXPECT_NE(report.find("Signature Validation: Signature is Valid."), std::string::npos) << report;
  std::string widgets = run_command("qpdf --json --json-key=acroform " + path);
  EXPECT_NE(widgets.find("\"fieldtype\": \"/Sig\""), std::string::npos) << widgets;
  std::string all = run_command("qpdf --qdf --object-streams=disable " + path + " -");
  EXPECT_NE(all.find("/Rect [\n    0\n    0\n    0\n    0\n  ]"), std::string::npos);
  EXPECT_EQ(all.find("/AP"), std::string::npos);
}

// Damaged files: each refused with an error, none crashes or hangs.
TEST(SignFiles, DamagedFilesAreRefused) {
  auto signer = sign::open_signer(test::p12_key("signer"));
  const std::string good = test::sample_pdf();
  std::vector<std::string> bad;
  for (size_t cut : {size_t(9), good.size() / 4, good.size() / 2, good.size() - 40, good.size() - 8}) {
    bad.push_back(good.substr(0, cut));
  }
  std::string moved = good;  // startxref past the end of the file
  moved.replace(moved.rfind("startxref\n") + 10, 1, "9");
  bad.push_back(moved);
  std::string rootless = good;  // the trailer's /Root names an object that is not there
  size_t root = rootless.rfind("/Root ");
  rootless.replace(root, rootless.find(" R", root) - root, "/Root 999 0");
  bad.push_back(rootless);
  for (const auto& pdf : bad) {
    SCOPED_TRACE(pdf.size());
    try {
      sign::sign_pdf(pdf, *signer, at_top_right());
      ADD_FAILURE() << "a damaged file was signed";
    } catch (const Error& e) {
      EXPECT_EQ(e.kind(), ErrorKind::Input) << e.message();
    }
  }
}

// A page tree whose /Kids names itself ends with an error, not a hang.
TEST(SignFiles, APageTreeLoopIsRefused) {
  std::string pdf = test::sample_pdf();
  std::smatch m;
  ASSERT_TRUE(std::regex_search(pdf, m, std::regex(R"((\d+) 0 obj\s*<<\s*/Type\s*/Pages)")));
  size_t kids = pdf.find("/Kids", m.position(0));
  size_t end = pdf.find(']', kids) + 1;
  std::string self = "/Kids[" + m[1].str() + " 0 R]";
  ASSERT_LE(self.size(), end - kids);
  std::string looped = pdf.substr(0, kids) + self + std::string(end - kids - self.size(), ' ') + pdf.substr(end);
  ASSERT_EQ(looped.size(), pdf.size());
  auto signer = sign::open_signer(test::p12_key("signer"));
  test::expect_error([&] { sign::sign_pdf(looped, *signer, at_top_right()); }, ErrorKind::Input, "no page 1");
}

}  // namespace
