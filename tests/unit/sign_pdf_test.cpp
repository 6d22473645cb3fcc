// sign::sign_pdf with PKCS#12 keys, checked by poppler's pdfsig and qpdf: a valid
// PAdES signature covering the whole file, two signatures in the decree's order (the
// signer, then the body: ND30-ESIG-1, ND30-ESIG-2), a changed byte detected, clear errors.
#include <gtest/gtest.h>

#include <chrono>
#include <regex>
#include <thread>
#include <vector>

#include "core/error.h"
#include "sign/sign.h"
#include "sign_test_support.h"

namespace {

using namespace vanban;
using test::run_command;

sign::SignOptions options_at(double x, double y, const layout::Drawing& look = test::info_box()) {
  sign::SignOptions o;
  o.signing_time = "2021-03-05T09:15:30+07:00";
  o.reason = "Ký ban hành";
  o.location = "Hòa Bình";
  o.page = 0;
  o.x = x;
  o.y = y;
  o.appearance = look;
  return o;
}

// pdfsig prints the signing time in the local time zone: UTC here.
std::string pdfsig(const std::string& path, int* status = nullptr) { return run_command("TZ=UTC pdfsig " + path, status); }

int count(const std::string& text, const std::string& what) {
  int n = 0;
  for (size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

TEST(SignPdf, OneSignatureIsValidAndCoversTheWholeFile) {
  auto signer = sign::open_signer(test::p12_key("signer"));
  EXPECT_EQ(signer->subject_name(), "Nguyễn Văn A");
  std::string original = test::sample_pdf();
  std::string signed_pdf = sign::sign_pdf(original, *signer, options_at(400, 40));
  ASSERT_EQ(signed_pdf.compare(0, original.size(), original), 0) << "an incremental update keeps the original bytes";
  std::string path = test::write_temp("one.pdf", signed_pdf);
  std::string report = pdfsig(path);
  EXPECT_NE(report.find("Signature Validation: Signature is Valid."), std::string::npos) << report;
  EXPECT_NE(report.find("Total document signed"), std::string::npos) << report;
  EXPECT_NE(report.find("Signer Certificate Common Name: Nguyễn Văn A"), std::string::npos) << report;
  EXPECT_NE(report.find("ETSI.CAdES.detached"), std::string::npos) << report;
  EXPECT_NE(report.find("Signing Time: Mar 05 2021 02:15:30"), std::string::npos) << report;  // 09:15:30+07:00
  int status = 0;
  std::string check = run_command("qpdf --check " + path, &status);
  EXPECT_EQ(status, 0) << check;
  // The signature dictionary's strings: Vietnamese reason and place, the claimed time.
  std::string objects = run_command("qpdf --json --json-key=qpdf " + path);
  EXPECT_NE(objects.find(R"("/Reason": "u:Ký ban hành")"), std::string::npos) << objects;
  EXPECT_NE(objects.find(R"("/Location": "u:Hòa Bình")"), std::string::npos);
  EXPECT_NE(objects.find(R"("/M": "u:D:20210305091530+07'00'")"), std::string::npos);
}

TEST(SignPdf, SignerThenBodyBothValidTheLastCoveringTheWholeFile) {
  auto signer = sign::open_signer(test::p12_key("signer"));
  auto body = sign::open_signer(test::p12_key("body"));
  std::string once = sign::sign_pdf(test::sample_pdf(), *signer, options_at(300, 600));
  std::string twice = sign::sign_pdf(once, *body, options_at(280, 610));
  std::string path = test::write_temp("two.pdf", twice);
  std::string report = pdfsig(path);
  EXPECT_EQ(count(report, "Signature is Valid."), 2) << report;
  EXPECT_EQ(count(report, "Total document signed"), 1) << report;
  EXPECT_NE(report.find("Signature #1:\n  - Signature Field Name: Signature1"), std::string::npos) << report;
  EXPECT_NE(report.find("Signature #2:\n  - Signature Field Name: Signature2"), std::string::npos) << report;
  // The last signature covers every byte, the first ends where the second update begins.
  EXPECT_NE(report.find("Signer Certificate Common Name: Sở Giáo dục và Đào tạo tỉnh Hòa Bình"), std::string::npos);
  std::string fields = run_command("qpdf --json --json-key=acroform " + path);
  EXPECT_EQ(count(fields, "\"fieldtype\": \"/Sig\""), 2) << fields;
  // The check the surfaces' tests use (tests/sign/check_signatures.sh) agrees, and fails
  // for a wrong count.
  const std::string check = "bash " VANBAN_SOURCE_DIR "/tests/sign/check_signatures.sh " + path;
  int status = -1;
  std::string said = run_command(check + " 2", &status);
  EXPECT_EQ(status, 0) << said;
  run_command(check + " 1", &status);
  EXPECT_EQ(status, 1);
}

TEST(SignPdf, AChangedByteIsDetected) {
  auto signer = sign::open_signer(test::p12_key("signer"));
  std::string signed_pdf = sign::sign_pdf(test::sample_pdf(), *signer, options_at(400, 40));
  // A byte of the page's content stream (inside the signed range), changed.
  size_t at = signed_pdf.find("stream\n") + 20;
  std::string tampered = signed_pdf;
  tampered[at] = static_cast<char>(tampered[at] ^ 0x01);
  std::string report = pdfsig(test::write_temp("tampered.pdf", tampered));
  EXPECT_EQ(report.find("Signature is Valid."), std::string::npos) << report;
  EXPECT_NE(report.find("Signature Validation: Digest Mismatch."), std::string::npos) << report;
  // And a byte after the /Contents hole: the last stream of the update (the appearance).
  at = signed_pdf.rfind("endstream") - 5;
  ASSERT_GT(at, signed_pdf.rfind("/Contents<"));
  tampered = signed_pdf;
  tampered[at] = static_cast<char>(tampered[at] ^ 0x01);
  report = pdfsig(test::write_temp("tampered2.pdf", tampered));
  EXPECT_NE(report.find("Signature Validation: Digest Mismatch."), std::string::npos) << report;
}

TEST(SignPdf, AFixedTimeGivesTheSameBytes) {
  auto signer = sign::open_signer(test::p12_key("signer"));
  std::string pdf = test::sample_pdf();
  EXPECT_EQ(sign::sign_pdf(pdf, *signer, options_at(400, 40)), sign::sign_pdf(pdf, *signer, options_at(400, 40)));
}

TEST(SignPdf, TheWidgetIsWhereAskedWithItsAppearance) {
  auto signer = sign::open_signer(test::p12_key("signer"));
  std::string path = test::write_temp("widget.pdf", sign::sign_pdf(test::sample_pdf(), *signer, options_at(400, 40)));
  std::string json = run_command("qpdf --json --json-key=acroform " + path);
  std::smatch m;
  ASSERT_TRUE(std::regex_search(json, m, std::regex(R"("annotation": \{[^}]*"object": "(\d+) 0 R")"))) << json;
  std::string widget = run_command("qpdf --show-object=" + m[1].str() + " " + path);
  // A4 is 841.89 pt high: top-left (400, 40) and 160 x 30 give [400 771.89 560 801.89].
  EXPECT_NE(widget.find("/Rect [ 400 771.8898 560 801.8898 ]"), std::string::npos) << widget;
  EXPECT_NE(widget.find("/F 4"), std::string::npos) << widget;
  ASSERT_TRUE(std::regex_search(widget, m, std::regex(R"(/AP << /N (\d+) 0 R >>)"))) << widget;
  // The appearance: a form of the drawing's size whose text is the drawing's.
  std::string form = run_command("qpdf --show-object=" + m[1].str() + " --filtered-stream-data " + path);
  EXPECT_NE(form.find("BT"), std::string::npos) << form;
  std::string dict = run_command("qpdf --show-object=" + m[1].str() + " " + path);
  EXPECT_NE(dict.find("/BBox [ 0 0 160 30 ]"), std::string::npos) << dict;
  EXPECT_NE(dict.find("/Font"), std::string::npos) << dict;
  std::string text = run_command("pdftotext -layout " + path + " -");
  EXPECT_NE(text.find("Kế hoạch tổ chức Ngày hội"), std::string::npos) << text;
}

// The signer's signature image (ND30-ESIG-1): a blue stroke on a transparent ground,
// drawn in the widget's appearance with its transparency as an /SMask.
TEST(SignPdf, ASignatureImageIsDrawnWithItsTransparency) {
  auto image = std::make_shared<RasterImage>();
  image->width = 40;
  image->height = 20;
  image->rgb.assign(40 * 20 * 3, '\0');
  image->alpha.assign(40 * 20, '\0');
  for (int x = 0; x < 40; ++x) {
    int y = 10 + (x % 7) - 3;
    image->rgb[(y * 40 + x) * 3 + 2] = static_cast<char>(0xC0);  // blue
    image->alpha[y * 40 + x] = static_cast<char>(0xFF);
  }
  layout::Drawing look;
  look.width = 120;
  look.height = 60;
  look.images.push_back({image, 10, 5, 100, 50});
  auto signer = sign::open_signer(test::p12_key("signer"));
  std::string path = test::write_temp("image.pdf", sign::sign_pdf(test::sample_pdf(), *signer, options_at(300, 600, look)));
  EXPECT_NE(pdfsig(path).find("Signature is Valid."), std::string::npos);
  std::string all = run_command("qpdf --qdf --object-streams=disable " + path + " -");
  EXPECT_NE(all.find("/SMask"), std::string::npos);
  EXPECT_NE(all.find("/Subtype /Image"), std::string::npos);
  // Rendered: blue pixels where the widget is (x 300..420, y 600..660 pt from the top).
  std::string shot = run_command("pdftoppm -singlefile -r 72 -x 300 -y 600 -W 120 -H 60 " + path + " " + test::sign_dir() + "/image-crop");
  ASSERT_TRUE(shot.empty()) << shot;
  std::string ppm = file_io::read_file(test::sign_dir() + "/image-crop.ppm");
  size_t blue = 0;
  for (size_t i = ppm.size() - 120 * 60 * 3; i + 2 < ppm.size(); i += 3) {
    auto r = static_cast<unsigned char>(ppm[i]), b = static_cast<unsigned char>(ppm[i + 2]);
    if (b > 100 && r < 100) ++blue;
  }
  EXPECT_GT(blue, 50u);
}

TEST(SignPdf, OneP12SignerFromManyThreads) {
  auto signer = sign::open_signer(test::p12_key("body"));
  std::string pdf = test::sample_pdf();
  std::string expected = sign::sign_pdf(pdf, *signer, options_at(400, 40));
  std::vector<std::string> results(4);
  std::vector<std::thread> threads;
  for (auto& r : results) threads.emplace_back([&] { r = sign::sign_pdf(pdf, *signer, options_at(400, 40)); });
  for (auto& t : threads) t.join();
  for (const auto& r : results) EXPECT_EQ(r, expected);
}

TEST(SignPdf, AnEcdsaKeySignsToo) {
  auto signer = sign::open_signer(test::p12_key("signer-ec"));
  std::string path = test::write_temp("ec.pdf", sign::sign_pdf(test::sample_pdf(), *signer, options_at(400, 40)));
  std::string report = pdfsig(path);
  EXPECT_NE(report.find("Signature Validation: Signature is Valid."), std::string::npos) << report;
  EXPECT_NE(report.find("Signer Certificate Common Name: Trần Thị B"), std::string::npos) << report;
}

TEST(SignPdf, WrongPasswordIsASignatureError) {
  test::expect_error([&] { sign::open_signer(test::p12_key("signer", "wrong")); }, ErrorKind::Signature, "wrong password");
  test::expect_error([&] { sign::open_signer(test::p12_key("signer", "wrong")); }, ErrorKind::Signature, "signer.p12");
}

TEST(SignPdf, AnRc2EncryptedFileIsExplained) {
  test::expect_error([&] { sign::open_signer(test::p12_key("signer-legacy")); }, ErrorKind::Signature,
                     "old algorithm (such as RC2)");
}

TEST(SignPdf, NotAPkcs12FileIsASignatureError) {
  sign::KeySource k;
  k.p12_path = test::write_temp("not.p12", "this is not a key");
  test::expect_error([&] { sign::open_signer(k); }, ErrorKind::Signature, "not a PKCS#12 file");
}

TEST(SignPdf, NotAPdfIsAnInputError) {
  auto signer = sign::open_signer(test::p12_key("signer"));
  test::expect_error([&] { sign::sign_pdf("not a pdf at all", *signer, options_at(0, 0)); }, ErrorKind::Input, "the PDF cannot be signed");
}

TEST(SignPdf, AMalformedSigningTimeIsNamed) {
  auto signer = sign::open_signer(test::p12_key("signer"));
  sign::SignOptions o = options_at(0, 0);
  o.signing_time = "5/3/2021 9:15";
  test::expect_error([&] { sign::sign_pdf(test::sample_pdf(), *signer, o); }, ErrorKind::Input, "5/3/2021 9:15");
}

}  // namespace
