// A key on a PKCS#11 token (the USB tokens officials sign with; SoftHSM2 in the tests).
//
// The module is loaded and called directly (dlopen, C_GetFunctionList) rather than
// through libp11: signing needs only C_Sign over bytes we prepare, while libp11 hands the
// key to OpenSSL as an ENGINE/RSA_METHOD key, an interface OpenSSL 3 deprecates, and adds
// a library and its locking model between us and the token. The header is p11-kit's
// pkcs11.h (the OASIS interface); no p11-kit code is linked.
#include <dlfcn.h>
#include <openssl/ecdsa.h>
#include <openssl/evp.h>
#include <p11-kit/pkcs11.h>

#include <cctype>
#include <cstring>
#include <mutex>
#include <vector>

#include "core/error.h"
#include "core/i18n.h"
#include "sign/key.h"

namespace vanban::sign {

namespace {

std::string rv_text(CK_RV rv) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "CKR 0x%lX", static_cast<unsigned long>(rv));
  return buf;
}

std::string trimmed(const unsigned char* text, size_t size) {
  std::string s(reinterpret_cast<const char*>(text), size);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\0')) s.pop_back();
  return s;
}

std::string from_hex(const std::string& hex, const std::string& module) {
  std::string out;
  auto nibble = [&](char c) -> int {
    if (std::isdigit(static_cast<unsigned char>(c))) return c - '0';
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    throw Error(ErrorKind::Signature, trf("the key id \"{0}\" is not hexadecimal", hex), module);
  };
  std::string h;
  for (char c : hex) {
    if (c != ':' && c != ' ') h += c;
  }
  if (h.size() % 2) throw Error(ErrorKind::Signature, trf("the key id \"{0}\" is not hexadecimal", hex), module);
  for (size_t i = 0; i < h.size(); i += 2) out += static_cast<char>(nibble(h[i]) * 16 + nibble(h[i + 1]));
  return out;
}

// SHA-256's DigestInfo prefix (RFC 8017 §9.2): CKM_RSA_PKCS signs DigestInfo, which every
// token supports, where CKM_SHA256_RSA_PKCS (hashing on the token) is not everywhere.
const unsigned char kSha256DigestInfo[] = {0x30, 0x31, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01,
                                           0x65, 0x03, 0x04, 0x02, 0x01, 0x05, 0x00, 0x04, 0x20};

class Pkcs11Key final : public Key {
 public:
  explicit Pkcs11Key(const KeySource& source) : module_(source.pkcs11_module) {
    lib_ = dlopen(module_.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (!lib_) {
      const char* why = dlerror();
      throw Error(ErrorKind::Signature, trf("cannot load the PKCS#11 module {0}: {1}", module_, why ? why : ""), module_);
    }
    auto get_list = reinterpret_cast<CK_C_GetFunctionList>(dlsym(lib_, "C_GetFunctionList"));
    if (!get_list || get_list(&f_) != CKR_OK || !f_) {
      close();
      throw Error(ErrorKind::Signature, trf("{0} is not a PKCS#11 module", module_), module_);
    }
    // The module's own OS locking: one Signer may be used from many threads.
    CK_C_INITIALIZE_ARGS args{};
    args.flags = CKF_OS_LOCKING_OK;
    CK_RV rv = f_->C_Initialize(&args);
    if (rv == CKR_OK) {
      finalize_ = true;
    } else if (rv != CKR_CRYPTOKI_ALREADY_INITIALIZED) {
      close();
      throw Error(ErrorKind::Signature, trf("cannot start the PKCS#11 module {0}: {1}", module_, rv_text(rv)), module_);
    }
    try {
      open_key(source);
      read_certificates();
      check_pair();
    } catch (...) {
      close();
      throw;
    }
  }

  ~Pkcs11Key() override { close(); }

  std::string sign_sha256(std::string_view data) const override {
    unsigned char digest[32];
    unsigned int digest_len = 0;
    EVP_Digest(data.data(), data.size(), digest, &digest_len, EVP_sha256(), nullptr);
    std::string input;
    CK_MECHANISM mechanism{CKM_RSA_PKCS, nullptr, 0};
    if (key_type_ == CKK_EC) {
      mechanism.mechanism = CKM_ECDSA;
    } else {
      input.assign(reinterpret_cast<const char*>(kSha256DigestInfo), sizeof kSha256DigestInfo);
    }
    input.append(reinterpret_cast<const char*>(digest), digest_len);
    std::vector<unsigned char> out(2048);
    CK_ULONG len = out.size();
    CK_RV rv;
    {
      // A session runs one operation at a time.
      std::lock_guard<std::mutex> lock(mutex_);
      rv = f_->C_SignInit(session_, &mechanism, key_);
      if (rv == CKR_OK) {
        rv = f_->C_Sign(session_, reinterpret_cast<CK_BYTE_PTR>(input.data()), input.size(), out.data(), &len);
      }
    }
    if (rv != CKR_OK) {
      throw Error(ErrorKind::Signature, trf("the key on token {0} cannot sign: {1}", token_, rv_text(rv)), module_);
    }
    if (key_type_ != CKK_EC) return std::string(reinterpret_cast<char*>(out.data()), len);
    // ECDSA on a token gives r || s; CMS wants the DER Ecdsa-Sig-Value.
    ECDSA_SIG* sig = ECDSA_SIG_new();
    ECDSA_SIG_set0(sig, BN_bin2bn(out.data(), static_cast<int>(len / 2), nullptr),
                   BN_bin2bn(out.data() + len / 2, static_cast<int>(len / 2), nullptr));
    unsigned char* der = nullptr;
    int n = i2d_ECDSA_SIG(sig, &der);
    ECDSA_SIG_free(sig);
    std::string result(reinterpret_cast<char*>(der), n > 0 ? n : 0);
    OPENSSL_free(der);
    return result;
  }

  std::string describe() const override { return trf("token {0} ({1})", token_, module_); }

 private:
  void close() {
    if (session_ != CK_INVALID_HANDLE) f_->C_CloseSession(session_);
    session_ = CK_INVALID_HANDLE;
    // Only the Signer that initialized the module finalizes it.
    if (finalize_) f_->C_Finalize(nullptr);
    finalize_ = false;
    if (lib_) dlclose(lib_);
    lib_ = nullptr;
  }

  std::vector<CK_OBJECT_HANDLE> find(std::vector<CK_ATTRIBUTE> attributes) const {
    std::vector<CK_OBJECT_HANDLE> found;
    if (f_->C_FindObjectsInit(session_, attributes.data(), attributes.size()) != CKR_OK) return found;
    CK_OBJECT_HANDLE h[16];
    CK_ULONG n = 0;
    while (f_->C_FindObjects(session_, h, 16, &n) == CKR_OK && n > 0) found.insert(found.end(), h, h + n);
    f_->C_FindObjectsFinal(session_);
    return found;
  }

  std::string attribute(CK_OBJECT_HANDLE object, CK_ATTRIBUTE_TYPE type) const {
    CK_ATTRIBUTE a{type, nullptr, 0};
    if (f_->C_GetAttributeValue(session_, object, &a, 1) != CKR_OK || a.ulValueLen == CK_UNAVAILABLE_INFORMATION) return {};
    std::string value(a.ulValueLen, '\0');
    a.pValue = value.data();
    if (f_->C_GetAttributeValue(session_, object, &a, 1) != CKR_OK) return {};
    return value;
  }

  // The first token (or the one named) holding the private key asked for, logged in.
  void open_key(const KeySource& source) {
    CK_ULONG count = 0;
    f_->C_GetSlotList(CK_TRUE, nullptr, &count);
    std::vector<CK_SLOT_ID> slots(count);
    if (count && f_->C_GetSlotList(CK_TRUE, slots.data(), &count) != CKR_OK) count = 0;
    slots.resize(count);
    std::string id = source.key_id.empty() ? std::string() : from_hex(source.key_id, module_);
    for (CK_SLOT_ID slot : slots) {
      CK_TOKEN_INFO info;
      if (f_->C_GetTokenInfo(slot, &info) != CKR_OK) continue;
      std::string label = trimmed(info.label, sizeof info.label);
      if (!source.token_label.empty() && label != source.token_label) continue;
      CK_SESSION_HANDLE session;
      if (f_->C_OpenSession(slot, CKF_SERIAL_SESSION, nullptr, nullptr, &session) != CKR_OK) continue;
      session_ = session;
      token_ = label;
      if (info.flags & CKF_LOGIN_REQUIRED) {
        // A token with its own PIN pad takes no PIN from us when none is given.
        bool pad = source.secret.empty() && (info.flags & CKF_PROTECTED_AUTHENTICATION_PATH);
        CK_RV rv = f_->C_Login(session, CKU_USER,
                               pad ? nullptr : reinterpret_cast<CK_UTF8CHAR_PTR>(const_cast<char*>(source.secret.data())),
                               pad ? 0 : source.secret.size());
        if (rv == CKR_PIN_INCORRECT || rv == CKR_PIN_LEN_RANGE || rv == CKR_ARGUMENTS_BAD) {
          throw Error(ErrorKind::Signature, trf("wrong PIN for token {0}", label), module_);
        }
        if (rv == CKR_PIN_LOCKED) throw Error(ErrorKind::Signature, trf("the PIN of token {0} is locked", label), module_);
        if (rv != CKR_OK && rv != CKR_USER_ALREADY_LOGGED_IN) {
          throw Error(ErrorKind::Signature, trf("cannot log in to token {0}: {1}", label, rv_text(rv)), module_);
        }
      }
      CK_OBJECT_CLASS cls = CKO_PRIVATE_KEY;
      std::vector<CK_ATTRIBUTE> want{{CKA_CLASS, &cls, sizeof cls}};
      if (!source.key_label.empty()) want.push_back({CKA_LABEL, const_cast<char*>(source.key_label.data()), source.key_label.size()});
      if (!id.empty()) want.push_back({CKA_ID, id.data(), id.size()});
      auto keys = find(want);
      if (!keys.empty()) {
        key_ = keys.front();
        std::string type = attribute(key_, CKA_KEY_TYPE);
        if (type.size() == sizeof(CK_KEY_TYPE)) std::memcpy(&key_type_, type.data(), sizeof key_type_);
        key_id_ = attribute(key_, CKA_ID);
        key_label_ = attribute(key_, CKA_LABEL);
        return;
      }
      f_->C_CloseSession(session);
      session_ = CK_INVALID_HANDLE;
      if (!source.token_label.empty()) {
        throw Error(ErrorKind::Signature, trf("no such private key on token {0}", label), module_);
      }
    }
    if (!source.token_label.empty()) {
      throw Error(ErrorKind::Signature, trf("no token {0} in the PKCS#11 module {1}", source.token_label, module_), module_);
    }
    throw Error(ErrorKind::Signature, trf("no token with a private key in the PKCS#11 module {0}", module_), module_);
  }

  // The key's certificate (the same CKA_ID, else the same label) and the token's other
  // certificates as the chain.
  void read_certificates() {
    CK_OBJECT_CLASS cls = CKO_CERTIFICATE;
    for (CK_OBJECT_HANDLE h : find({{CKA_CLASS, &cls, sizeof cls}})) {
      std::string der = attribute(h, CKA_VALUE);
      const unsigned char* p = reinterpret_cast<const unsigned char*>(der.data());
      X509Ptr cert(d2i_X509(nullptr, &p, static_cast<long>(der.size())));
      if (!cert) continue;
      bool mine = !key_id_.empty() ? attribute(h, CKA_ID) == key_id_ : attribute(h, CKA_LABEL) == key_label_;
      if (mine && !certificate_) {
        certificate_ = std::move(cert);
      } else {
        chain_.push_back(std::move(cert));
      }
    }
    if (!certificate_) throw Error(ErrorKind::Signature, trf("token {0} holds no certificate for its key", token_), module_);
  }

  // One signature checked with the certificate's public key: the pair belongs together.
  void check_pair() {
    std::string probe = "vanban: does the certificate match the key?";
    std::string sig = sign_sha256(probe);
    EVP_MD_CTX* ctx = EVP_MD_CTX_new();
    bool ok = ctx && EVP_DigestVerifyInit(ctx, nullptr, EVP_sha256(), nullptr, X509_get0_pubkey(certificate_.get())) == 1 &&
              EVP_DigestVerify(ctx, reinterpret_cast<const unsigned char*>(sig.data()), sig.size(),
                               reinterpret_cast<const unsigned char*>(probe.data()), probe.size()) == 1;
    EVP_MD_CTX_free(ctx);
    if (!ok) {
      openssl_errors();
      throw Error(ErrorKind::Signature, trf("the certificate on token {0} does not match its key", token_), module_);
    }
  }

  std::string module_, token_, key_id_, key_label_;
  void* lib_ = nullptr;
  CK_FUNCTION_LIST_PTR f_ = nullptr;
  bool finalize_ = false;
  CK_SESSION_HANDLE session_ = CK_INVALID_HANDLE;
  CK_OBJECT_HANDLE key_ = 0;
  CK_KEY_TYPE key_type_ = CKK_RSA;
  mutable std::mutex mutex_;
};

}  // namespace

std::shared_ptr<const Key> open_pkcs11(const KeySource& source) { return std::make_shared<Pkcs11Key>(source); }

}  // namespace vanban::sign
