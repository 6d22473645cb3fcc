// A key in a PKCS#12 file (.p12/.pfx): the private key, its certificate and the chain.
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pkcs12.h>

#include <cstring>

#include "core/error.h"
#include "core/file_io.h"
#include "core/i18n.h"
#include "sign/key.h"

namespace vanban::sign {

std::string openssl_errors() {
  std::string out;
  const char* data = nullptr;
  int flags = 0;
  while (unsigned long e = ERR_get_error_all(nullptr, nullptr, nullptr, &data, &flags)) {
    // A system error (a refused connection) carries errno as its reason.
    const char* reason = ERR_SYSTEM_ERROR(e) ? std::strerror(ERR_GET_REASON(e)) : ERR_reason_error_string(e);
    if (!out.empty()) out += "; ";
    out += reason ? reason : "error " + std::to_string(e);
    if (data && *data && (flags & ERR_TXT_STRING)) out += std::string(" (") + data + ")";
  }
  return out;
}

std::string Key::subject_name() const {
  X509_NAME* name = X509_get_subject_name(certificate_.get());
  int i = X509_NAME_get_index_by_NID(name, NID_commonName, -1);
  if (i < 0) return {};
  unsigned char* utf8 = nullptr;
  int n = ASN1_STRING_to_UTF8(&utf8, X509_NAME_ENTRY_get_data(X509_NAME_get_entry(name, i)));
  if (n < 0) return {};
  std::string out(reinterpret_cast<char*>(utf8), n);
  OPENSSL_free(utf8);
  return out;
}

namespace {

class P12Key final : public Key {
 public:
  P12Key(std::string path, EVP_PKEY* pkey, X509* cert, STACK_OF(X509) * ca) : path_(std::move(path)), pkey_(pkey) {
    certificate_.reset(cert);
    // PKCS12_parse gives the CA certificates in the file's order; the chain keeps it.
    for (int i = 0; ca && i < sk_X509_num(ca); ++i) chain_.emplace_back(sk_X509_value(ca, i));
    sk_X509_free(ca);
  }
  ~P12Key() override { EVP_PKEY_free(pkey_); }

  // EVP_DigestSign with a context of its own per call: OpenSSL 3 lets threads share the
  // key this way.
  std::string sign_sha256(std::string_view data) const override {
    EVP_MD_CTX* ctx = EVP_MD_CTX_new();
    std::string sig;
    size_t len = 0;
    bool ok = ctx && EVP_DigestSignInit(ctx, nullptr, EVP_sha256(), nullptr, pkey_) == 1 &&
              EVP_DigestSign(ctx, nullptr, &len, reinterpret_cast<const unsigned char*>(data.data()), data.size()) == 1;
    if (ok) {
      sig.resize(len);
      ok = EVP_DigestSign(ctx, reinterpret_cast<unsigned char*>(sig.data()), &len,
                          reinterpret_cast<const unsigned char*>(data.data()), data.size()) == 1;
      sig.resize(len);
    }
    EVP_MD_CTX_free(ctx);
    if (!ok) throw Error(ErrorKind::Signature, trf("the key in {0} cannot sign: {1}", path_, openssl_errors()), path_);
    return sig;
  }
  std::string describe() const override { return path_; }

 private:
  std::string path_;
  EVP_PKEY* pkey_;
};

}  // namespace

std::shared_ptr<const Key> open_p12(const KeySource& source) {
  const std::string& path = source.p12_path;
  std::string bytes = file_io::read_file(path, 1 << 20);
  const unsigned char* p = reinterpret_cast<const unsigned char*>(bytes.data());
  PKCS12* p12 = d2i_PKCS12(nullptr, &p, static_cast<long>(bytes.size()));
  if (!p12) {
    ERR_clear_error();
    throw Error(ErrorKind::Signature, trf("{0} is not a PKCS#12 file (.p12, .pfx)", path), path);
  }
  if (!PKCS12_verify_mac(p12, source.secret.c_str(), static_cast<int>(source.secret.size()))) {
    PKCS12_free(p12);
    ERR_clear_error();
    throw Error(ErrorKind::Signature, trf("wrong password for the key in {0}", path), path);
  }
  EVP_PKEY* pkey = nullptr;
  X509* cert = nullptr;
  STACK_OF(X509)* ca = nullptr;
  int ok = PKCS12_parse(p12, source.secret.c_str(), &pkey, &cert, &ca);
  PKCS12_free(p12);
  if (!ok) {
    std::string why = openssl_errors();
    // Files exported by older Windows and CA tools encrypt the certificates with RC2-40,
    // which OpenSSL 3 reads only with its "legacy" provider; loading that would change
    // the process's OpenSSL configuration for every library in it, so the user is told
    // how to convert the file instead.
    if (why.find("unsupported") != std::string::npos) {
      throw Error(ErrorKind::Signature,
                  trf("{0} is encrypted with an old algorithm (such as RC2) that OpenSSL 3 does not read; export it "
                      "again with AES: openssl pkcs12 -legacy -in OLD.p12 -nodes | openssl pkcs12 -export -out NEW.p12",
                      path),
                  path);
    }
    throw Error(ErrorKind::Signature, trf("cannot read the key in {0}: {1}", path, why), path);
  }
  auto key = std::make_shared<P12Key>(path, pkey, cert, ca);
  if (!pkey) throw Error(ErrorKind::Signature, trf("{0} holds no private key", path), path);
  if (!cert) throw Error(ErrorKind::Signature, trf("{0} holds no certificate for its key", path), path);
  if (X509_check_private_key(cert, pkey) != 1) {
    ERR_clear_error();
    throw Error(ErrorKind::Signature, trf("the certificate in {0} does not match its private key", path), path);
  }
  return key;
}

}  // namespace vanban::sign
