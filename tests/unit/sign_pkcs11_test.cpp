// Keys on a PKCS#11 token: a SoftHSM2 token made at test time (tests/sign/make_token.sh)
// holding the signer's key and certificate; the signature checked with pdfsig.
#include <gtest/gtest.h>
#include <stdlib.h>

#include <thread>
#include <vector>

#include "core/error.h"
#include "sign/sign.h"
#include "sign_test_support.h"

namespace {

using namespace vanban;
using test::run_command;

const char* kModule = "/usr/lib/softhsm/libsofthsm2.so";

class Pkcs11 : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    std::string dir = test::sign_dir() + "/token";
    int status = 0;
    std::string out = run_command("bash " VANBAN_SOURCE_DIR "/tests/sign/make_token.sh " + dir + " " + test::sign_dir() + "/keys", &status);
    ASSERT_EQ(status, 0) << out;
    setenv("SOFTHSM2_CONF", (dir + "/softhsm2.conf").c_str(), 1);
  }

  static sign::KeySource token(const std::string& pin = "1234") {
    sign::KeySource k;
    k.pkcs11_module = kModule;
    k.token_label = "vanban";
    k.key_label = "signer";
    k.secret = pin;
    return k;
  }
};

TEST_F(Pkcs11, ASignatureMadeOnTheTokenIsValid) {
  auto signer = sign::open_signer(token());
  EXPECT_EQ(signer->subject_name(), "Nguyễn Văn A");
  sign::SignOptions o;
  o.signing_time = "2021-03-05T09:15:30+07:00";
  o.x = 400;
  o.y = 40;
  o.appearance = test::info_box();
  std::string path = test::write_temp("token.pdf", sign::sign_pdf(test::sample_pdf(), *signer, o));
  std::string report = run_command("pdfsig " + path);
  EXPECT_NE(report.find("Signature Validation: Signature is Valid."), std::string::npos) << report;
  EXPECT_NE(report.find("Total document signed"), std::string::npos) << report;
  EXPECT_NE(report.find("Signer Certificate Common Name: Nguyễn Văn A"), std::string::npos) << report;
}

TEST_F(Pkcs11, TheKeyFoundByIdOrAloneOnTheToken) {
  sign::KeySource by_id = token();
  by_id.key_label.clear();
  by_id.key_id = "01";
  EXPECT_EQ(sign::open_signer(by_id)->subject_name(), "Nguyễn Văn A");
  sign::KeySource first = token();
  first.key_label.clear();
  first.token_label.clear();
  EXPECT_EQ(sign::open_signer(first)->subject_name(), "Nguyễn Văn A");
}

TEST_F(Pkcs11, OneSignerFromManyThreads) {
  auto signer = sign::open_signer(token());
  std::string pdf = test::sample_pdf();
  sign::SignOptions o;
  o.signing_time = "2021-03-05T09:15:30+07:00";
  std::string expected = sign::sign_pdf(pdf, *signer, o);
  std::vector<std::string> results(4);
  std::vector<std::thread> threads;
  for (auto& r : results) threads.emplace_back([&] { r = sign::sign_pdf(pdf, *signer, o); });
  for (auto& t : threads) t.join();
  for (const auto& r : results) EXPECT_EQ(r, expected);  // RSA PKCS#1 v1.5: the same bytes
}

TEST_F(Pkcs11, AWrongPinIsASignatureError) {
  test::expect_error([&] { sign::open_signer(token("0000")); }, ErrorKind::Signature, "wrong PIN for token vanban");
}

TEST_F(Pkcs11, AMissingKeyOrTokenIsNamed) {
  sign::KeySource k = token();
  k.key_label = "nobody";
  test::expect_error([&] { sign::open_signer(k); }, ErrorKind::Signature, "no such private key on token vanban");
  k = token();
  k.token_label = "other";
  test::expect_error([&] { sign::open_signer(k); }, ErrorKind::Signature, "no token other");
  k = token();
  k.pkcs11_module = "/nonexistent/module.so";
  test::expect_error([&] { sign::open_signer(k); }, ErrorKind::Signature, "/nonexistent/module.so");
}

}  // namespace
