// PAdES B-T: the signature's RFC 3161 timestamp from a local TSA (`openssl ts -reply`
// behind tests/sign/tsa_server.py on the loopback), checked by pdfsig and by
// `openssl ts -verify` against the test CA.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <openssl/cms.h>
#include <openssl/ts.h>

#include <algorithm>
#include <vector>

#include "core/error.h"
#include "sign/sign.h"
#include "sign_test_support.h"

namespace {

using namespace vanban;
using test::run_command;

// The TSA server as a child process: its port read from its first output line; closing
// its standard input stops it.
class LocalTsa {
 public:
  // `options`: tsa_server.py's ("--fail", "503"; "--tls").
  explicit LocalTsa(std::vector<std::string> options = {}) {
    // The keys before the fork: the child must not make a directory (and a CA) of its own.
    std::vector<std::string> args{"python3", VANBAN_SOURCE_DIR "/tests/sign/tsa_server.py", test::sign_dir() + "/keys"};
    args.insert(args.end(), options.begin(), options.end());
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    bool tls = std::find(options.begin(), options.end(), "--tls") != options.end();
    int in[2], out[2];
    if (pipe(in) != 0 || pipe(out) != 0) return;
    pid_ = fork();
    if (pid_ == 0) {
      dup2(in[0], 0);
      dup2(out[1], 1);
      close(in[1]);
      close(out[0]);
      execv("/usr/bin/python3", argv.data());
      _exit(127);
    }
    close(in[0]);
    close(out[1]);
    stdin_ = in[1];
    std::string line;
    char c;
    while (read(out[0], &c, 1) == 1 && c != '\n') line += c;
    close(out[0]);
    url_ = (tls ? "https://localhost:" : "http://127.0.0.1:") + line + "/tsa";
  }
  ~LocalTsa() {
    if (stdin_ >= 0) close(stdin_);
    if (pid_ > 0) waitpid(pid_, nullptr, 0);
  }
  const std::string& url() const { return url_; }

 private:
  pid_t pid_ = -1;
  int stdin_ = -1;
  std::string url_;
};

sign::SignOptions options(const std::string& tsa) {
  sign::SignOptions o;
  o.signing_time = "2021-03-05T09:15:30+07:00";
  o.tsa_url = tsa;
  o.x = 400;
  o.y = 40;
  o.appearance = test::info_box();
  return o;
}

// The CMS in the signature's /Contents hole of a file signed once.
std::string contents_of(const std::string& pdf) {
  size_t at = pdf.rfind("/Contents<") + 10;
  std::string hex = pdf.substr(at, pdf.find('>', at) - at);
  std::string der;
  for (size_t i = 0; i + 1 < hex.size(); i += 2) der += static_cast<char>(std::stoi(hex.substr(i, 2), nullptr, 16));
  return der;
}

TEST(Timestamp, BTSignatureCarriesAValidTimestamp) {
  LocalTsa tsa;
  ASSERT_NE(tsa.url(), "http://127.0.0.1:/tsa");
  auto signer = sign::open_signer(test::p12_key("signer"));
  std::string signed_pdf = sign::sign_pdf(test::sample_pdf(), *signer, options(tsa.url()));
  std::string path = test::write_temp("bt.pdf", signed_pdf);
  std::string report = run_command("pdfsig " + path);
  EXPECT_NE(report.find("Signature Validation: Signature is Valid."), std::string::npos) << report;
  EXPECT_NE(report.find("Total document signed"), std::string::npos) << report;

  // The token, taken out of the unsigned attribute id-aa-signatureTimeStampToken, verifies
  // with `openssl ts -verify` for the signature value against the test CA.
  std::string der = contents_of(signed_pdf);
  const unsigned char* p = reinterpret_cast<const unsigned char*>(der.data());
  CMS_ContentInfo* cms = d2i_CMS_ContentInfo(nullptr, &p, static_cast<long>(der.size()));
  ASSERT_NE(cms, nullptr);
  CMS_SignerInfo* si = sk_CMS_SignerInfo_value(CMS_get0_SignerInfos(cms), 0);
  int at = CMS_unsigned_get_attr_by_NID(si, NID_id_smime_aa_timeStampToken, -1);
  ASSERT_GE(at, 0) << "no timestamp token";
  ASN1_TYPE* value = X509_ATTRIBUTE_get0_type(CMS_unsigned_get_attr(si, at), 0);
  ASSERT_EQ(value->type, V_ASN1_SEQUENCE);
  std::string token(reinterpret_cast<const char*>(value->value.sequence->data), value->value.sequence->length);
  ASN1_OCTET_STRING* signature = CMS_SignerInfo_get0_signature(si);
  std::string sig(reinterpret_cast<const char*>(ASN1_STRING_get0_data(signature)), ASN1_STRING_length(signature));
  CMS_ContentInfo_free(cms);
  std::string token_path = test::write_temp("token.tst", token);
  std::string sig_path = test::write_temp("signature.bin", sig);
  std::string keys = test::sign_dir() + "/keys";
  int status = 0;
  std::string verify = run_command("openssl ts -verify -token_in -in " + token_path + " -data " + sig_path + " -CAfile " +
                                       keys + "/ca.crt -untrusted " + keys + "/tsa.crt",
                                   &status);
  EXPECT_EQ(status, 0) << verify;
  EXPECT_NE(verify.find("Verification: OK"), std::string::npos) << verify;
  // The same token does not verify for other data: the check can fail.
  std::string other = run_command("openssl ts -verify -token_in -in " + token_path + " -data " + token_path +
                                  " -CAfile " + keys + "/ca.crt -untrusted " + keys + "/tsa.crt");
  EXPECT_EQ(other.find("Verification: OK"), std::string::npos) << other;
}

TEST(Timestamp, NoTsaListeningIsASignatureError) {
  std::string url;
  {
    LocalTsa tsa;  // a port that was free and is closed again
    url = tsa.url();
  }
  auto signer = sign::open_signer(test::p12_key("signer"));
  test::expect_error([&] { sign::sign_pdf(test::sample_pdf(), *signer, options(url)); }, ErrorKind::Signature, url);
}

TEST(Timestamp, ATsaAnsweringAnErrorIsASignatureError) {
  LocalTsa tsa({"--fail", "503"});
  auto signer = sign::open_signer(test::p12_key("signer"));
  test::expect_error([&] { sign::sign_pdf(test::sample_pdf(), *signer, options(tsa.url())); }, ErrorKind::Signature, "503");
}

// An https TSA: its certificate checked against the trust store (the test CA, given as
// SSL_CERT_FILE, which OpenSSL reads for its default store) and its host name; without
// the test CA trusted, refused.
TEST(Timestamp, AnHttpsTsaIsReachedAndItsCertificateChecked) {
  LocalTsa tsa({"--tls"});
  ASSERT_EQ(tsa.url().rfind("https://localhost:", 0), 0u) << tsa.url();
  auto signer = sign::open_signer(test::p12_key("signer"));
  setenv("SSL_CERT_FILE", (test::sign_dir() + "/keys/ca.crt").c_str(), 1);
  std::string signed_pdf;
  EXPECT_NO_THROW(signed_pdf = sign::sign_pdf(test::sample_pdf(), *signer, options(tsa.url())));
  std::string report = run_command("pdfsig " + test::write_temp("bt-https.pdf", signed_pdf));
  EXPECT_NE(report.find("Signature Validation: Signature is Valid."), std::string::npos) << report;
  setenv("SSL_CERT_FILE", "/nonexistent/ca.crt", 1);
  test::expect_error([&] { sign::sign_pdf(test::sample_pdf(), *signer, options(tsa.url())); }, ErrorKind::Signature,
                     "certificate verify failed");
  unsetenv("SSL_CERT_FILE");
}

}  // namespace
