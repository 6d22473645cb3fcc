#include "sign/cms.h"

#include <openssl/cms.h>
#include <openssl/evp.h>

#include <algorithm>
#include <cstring>
#include <memory>
#include <vector>

#include "core/error.h"
#include "core/i18n.h"
#include "sign/timestamp.h"

namespace vanban::sign {

namespace {

struct CmsFree {
  void operator()(CMS_ContentInfo* c) const { CMS_ContentInfo_free(c); }
};

std::string der_of(const X509_ATTRIBUTE* attribute) {
  unsigned char* der = nullptr;
  int n = i2d_X509_ATTRIBUTE(attribute, &der);
  std::string out(reinterpret_cast<char*>(der), n > 0 ? n : 0);
  OPENSSL_free(der);
  return out;
}

// The DER of the signed attributes as the signature covers them: a SET OF Attribute
// (tag 0x31), its elements in DER order (by their encodings, as OpenSSL writes the
// [0] IMPLICIT field of the SignerInfo; RFC 5652 §5.4). OpenSSL offers no public call for
// these bytes outside CMS_SignerInfo_sign, which always adds a signing-time attribute,
// which PAdES forbids.
std::string signed_attributes_der(CMS_SignerInfo* si) {
  std::vector<std::string> items;
  for (int i = 0; i < CMS_signed_get_attr_count(si); ++i) items.push_back(der_of(CMS_signed_get_attr(si, i)));
  std::sort(items.begin(), items.end(), [](const std::string& a, const std::string& b) {
    int c = std::memcmp(a.data(), b.data(), std::min(a.size(), b.size()));
    return c != 0 ? c < 0 : a.size() < b.size();
  });
  std::string body;
  for (const auto& item : items) body += item;
  std::string out = "\x31";
  size_t n = body.size();
  if (n < 0x80) {
    out += static_cast<char>(n);
  } else {
    std::string len;
    for (; n; n >>= 8) len.insert(len.begin(), static_cast<char>(n & 0xFF));
    out += static_cast<char>(0x80 | len.size());
    out += len;
  }
  return out + body;
}

[[noreturn]] void fail(const Key& key) {
  throw Error(ErrorKind::Signature, trf("cannot build the signature with the key in {0}: {1}", key.describe(), openssl_errors()));
}

}  // namespace

size_t cms_size_estimate(const Key& key) {
  size_t size = 2048;  // the structure, algorithms, attributes, issuer and serial
  auto add = [&](X509* cert) {
    int n = i2d_X509(cert, nullptr);
    if (n > 0) size += n;
  };
  add(key.certificate());
  for (const auto& c : key.chain()) add(c.get());
  EVP_PKEY* pub = X509_get0_pubkey(key.certificate());
  size += pub ? EVP_PKEY_get_size(pub) : 1024;
  return size;
}

std::string build_cms(const Key& key, std::string_view digest, const std::string& tsa_url) {
  constexpr unsigned flags = CMS_DETACHED | CMS_BINARY | CMS_PARTIAL | CMS_NOSMIMECAP | CMS_CADES;
  std::unique_ptr<CMS_ContentInfo, CmsFree> cms(CMS_sign(nullptr, nullptr, nullptr, nullptr, flags));
  if (!cms) fail(key);
  // The signer is added with the certificate's public key: the private key may be on a
  // token OpenSSL cannot see, and the signature is made below from the encoded
  // attributes. CMS_CADES adds ESS signing-certificate-v2 (SHA-256 of the certificate).
  CMS_SignerInfo* si = CMS_add1_signer(cms.get(), key.certificate(), X509_get0_pubkey(key.certificate()), EVP_sha256(), flags);
  if (!si) fail(key);
  for (const auto& c : key.chain()) {
    if (X509_cmp(c.get(), key.certificate()) != 0 && !CMS_add1_cert(cms.get(), c.get())) fail(key);
  }
  if (CMS_signed_get_attr_by_NID(si, NID_pkcs9_contentType, -1) < 0 &&
      !CMS_signed_add1_attr_by_NID(si, NID_pkcs9_contentType, V_ASN1_OBJECT, OBJ_nid2obj(NID_pkcs7_data), -1)) {
    fail(key);
  }
  if (!CMS_signed_add1_attr_by_NID(si, NID_pkcs9_messageDigest, V_ASN1_OCTET_STRING, digest.data(),
                                   static_cast<int>(digest.size()))) {
    fail(key);
  }
  std::string signature = key.sign_sha256(signed_attributes_der(si));
  if (!ASN1_STRING_set(CMS_SignerInfo_get0_signature(si), signature.data(), static_cast<int>(signature.size()))) fail(key);

  if (!tsa_url.empty()) {
    // B-T: the TSA timestamps the signature value (ETSI EN 319 122-1 §5.3).
    std::string token = request_timestamp(tsa_url, signature);
    if (!CMS_unsigned_add1_attr_by_NID(si, NID_id_smime_aa_timeStampToken, V_ASN1_SEQUENCE, token.data(),
                                       static_cast<int>(token.size()))) {
      fail(key);
    }
  }
  unsigned char* der = nullptr;
  int n = i2d_CMS_ContentInfo(cms.get(), &der);
  if (n <= 0) fail(key);
  std::string out(reinterpret_cast<char*>(der), n);
  OPENSSL_free(der);
  return out;
}

}  // namespace vanban::sign
