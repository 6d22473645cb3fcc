// The C API's signing (issue #13) through the shared library: vanban_render with
// signatures, vanban_sign on a file, size-versioned vanban_signature arrays, clear statuses.
// Keys are made at test time (tests/sign/make_keys.sh); pdfsig judges the files.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

#include "../cli_harness.h"
#include "vanban/vanban.h"

namespace {

namespace fs = std::filesystem;
const std::string kSource = VANBAN_SOURCE_DIR;

struct Keys {
  fs::path dir = fs::temp_directory_path() / ("vanban-capi-sign-" + std::to_string(getpid()));
  Keys() {
    fs::create_directories(dir);
    EXPECT_EQ(vanban::test::run("bash " + kSource + "/tests/sign/make_keys.sh " + dir.string()).status, 0);
  }
  ~Keys() { fs::remove_all(dir); }
  std::string p12(const char* who) const { return (dir / (std::string(who) + ".p12")).string(); }
  std::string file(const char* name) const { return (dir / name).string(); }
};

const Keys& keys() {
  static Keys k;
  return k;
}

std::string pdfsig(const std::string& pdf_path) { return vanban::test::run("pdfsig " + pdf_path + " 2>/dev/null").output; }

size_t count(const std::string& text, const std::string& what) {
  size_t n = 0;
  for (size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

std::string plan() { return vanban::test::read_bytes(kSource + "/samples/ke-hoach-hoa-binh-2021.json"); }

// Renders the plan with `o` and writes it to `path`; pdfsig's report of it ("" when it did not render).
std::string render_signed(vanban_engine* e, const vanban_render_options& o, const std::string& path) {
  const std::string data = plan();
  unsigned char* pdf = nullptr;
  size_t size = 0;
  const vanban_status status = vanban_render(e, "ke-hoach", data.data(), data.size(), &o, &pdf, &size);
  EXPECT_EQ(status, VANBAN_OK) << vanban_errmsg(e);
  if (status != VANBAN_OK) return {};
  std::FILE* f = std::fopen(path.c_str(), "wb");
  std::fwrite(pdf, 1, size, f);
  std::fclose(f);
  vanban_free(pdf);
  return pdfsig(path);
}

struct Engine {
  vanban_engine* e = nullptr;
  Engine() { EXPECT_EQ(vanban_engine_open(nullptr, nullptr, &e), VANBAN_OK) << vanban_errmsg(e); }
  ~Engine() { vanban_engine_close(e); }
};

TEST(CapiSign, RenderSignedByTheSignerThenTheBody) {
  Engine engine;
  const std::string signer = keys().p12("signer"), body = keys().p12("body");
  vanban_signature s[2] = {VANBAN_SIGNATURE_INIT, VANBAN_SIGNATURE_INIT};
  s[0].p12_path = signer.c_str();
  s[0].secret = "secret";
  s[1].p12_path = body.c_str();
  s[1].secret = "secret";
  s[1].role = VANBAN_BODY;
  vanban_render_options o;
  vanban_render_options_init(&o);
  o.creation_date = "2021-03-05";
  o.signing_time = "2021-03-05T09:15:30+07:00";
  o.signatures = s;
  o.signature_count = 2;
  const std::string report = render_signed(engine.e, o, keys().file("plan.signed.pdf"));
  EXPECT_EQ(count(report, "Signature is Valid."), 2u) << report;
  EXPECT_EQ(count(report, "Total document signed"), 1u) << report;
  EXPECT_NE(report.find("Nguyễn Văn A"), std::string::npos) << report;
}

TEST(CapiSign, SignFileWithTheInformationBox) {
  Engine engine;
  vanban_render_options o;
  vanban_render_options_init(&o);
  o.creation_date = "2021-03-05";
  const std::string plain = keys().file("plan.pdf"), signed_path = keys().file("plan.info.pdf");
  const std::string data_path = kSource + "/samples/ke-hoach-hoa-binh-2021.json";
  ASSERT_EQ(vanban_render_file(engine.e, "ke-hoach", data_path.c_str(), plain.c_str(), &o), VANBAN_OK);
  const std::string body = keys().p12("body");
  vanban_signature s;
  vanban_signature_init(&s);
  s.p12_path = body.c_str();
  s.secret = "secret";
  s.role = VANBAN_BODY_INFO;
  vanban_sign_options so;
  vanban_sign_options_init(&so);
  so.signatures = &s;
  so.signature_count = 1;
  so.signing_time = "2021-03-05T09:15:30+07:00";
  ASSERT_EQ(vanban_sign_file(engine.e, plain.c_str(), signed_path.c_str(), &so), VANBAN_OK) << vanban_errmsg(engine.e);
  const std::string report = pdfsig(signed_path);
  EXPECT_EQ(count(report, "Signature is Valid."), 1u) << report;
  EXPECT_EQ(count(report, "Total document signed"), 1u) << report;
}

TEST(CapiSign, WrongPasswordIsASignatureErrorNamingTheFile) {
  Engine engine;
  const std::string signer = keys().p12("signer");
  vanban_signature s = VANBAN_SIGNATURE_INIT;
  s.p12_path = signer.c_str();
  s.secret = "not the password";
  vanban_render_options o;
  vanban_render_options_init(&o);
  o.signatures = &s;
  o.signature_count = 1;
  const std::string data = plan();
  unsigned char* pdf = nullptr;
  size_t size = 0;
  EXPECT_EQ(vanban_render(engine.e, "ke-hoach", data.data(), data.size(), &o, &pdf, &size), VANBAN_ESIGN);
  EXPECT_EQ(pdf, nullptr);
  const std::string where = std::string(vanban_errmsg(engine.e)) + vanban_error_file(engine.e);
  EXPECT_NE(where.find("signer.p12"), std::string::npos) << where;
}

TEST(CapiSign, BadRoleOrNoKeyIsMisuse) {
  Engine engine;
  vanban_signature s = VANBAN_SIGNATURE_INIT;
  s.role = static_cast<vanban_signature_role>(7);
  s.p12_path = "x.p12";
  vanban_sign_options so;
  vanban_sign_options_init(&so);
  so.signatures = &s;
  so.signature_count = 1;
  const char pdf[] = "%PDF-1.7\n";
  unsigned char* out = nullptr;
  size_t size = 0;
  EXPECT_EQ(vanban_sign(engine.e, pdf, sizeof pdf, &so, &out, &size), VANBAN_EMISUSE);
  s.role = VANBAN_SIGNER;
  s.p12_path = nullptr;
  EXPECT_EQ(vanban_sign(engine.e, pdf, sizeof pdf, &so, &out, &size), VANBAN_EMISUSE);
  so.signature_count = 0;
  EXPECT_EQ(vanban_sign(engine.e, pdf, sizeof pdf, &so, &out, &size), VANBAN_EMISUSE);
  EXPECT_EQ(out, nullptr);
}

// A caller built against a header whose vanban_signature ended before `role`: the array's
// stride is its size, and the fields it does not know take their defaults (the signer).
TEST(CapiSign, OlderSignatureStructsAreReadByTheirSize) {
  Engine engine;
  struct Old {
    size_t size;
    const char *p12_path, *pkcs11_module, *token_label, *key_label, *key_id, *secret;
  };
  const std::string signer = keys().p12("signer"), body = keys().p12("body");
  Old old[2] = {{sizeof(Old), signer.c_str(), nullptr, nullptr, nullptr, nullptr, "secret"},
                {sizeof(Old), body.c_str(), nullptr, nullptr, nullptr, nullptr, "secret"}};
  static_assert(sizeof(Old) == offsetof(vanban_signature, role));
  vanban_render_options o;
  vanban_render_options_init(&o);
  o.signatures = reinterpret_cast<const vanban_signature*>(old);
  o.signature_count = 2;
  const std::string report = render_signed(engine.e, o, keys().file("old.pdf"));
  EXPECT_EQ(count(report, "Signature is Valid."), 2u) << report;
  EXPECT_NE(report.find("Hòa Bình"), std::string::npos) << report;  // the second, the body's key
}

}  // namespace
