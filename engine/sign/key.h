// The signing keys behind sign::Signer: a certificate with its chain and a private key
// that signs the SHA-256 digest of some bytes, in a PKCS#12 file (p12_key.cpp) or on a
// PKCS#11 token (pkcs11_key.cpp).
#pragma once
#include <openssl/x509.h>

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "sign/sign.h"

namespace vanban::sign {

struct X509Free {
  void operator()(X509* x) const { X509_free(x); }
};
using X509Ptr = std::unique_ptr<X509, X509Free>;

class Key : public Signer {
 public:
  std::string subject_name() const override;
  X509* certificate() const { return certificate_.get(); }
  // The other certificates of the chain (intermediate and root CAs), as the key's
  // container holds them.
  const std::vector<X509Ptr>& chain() const { return chain_; }
  // The signature of SHA-256(data) as CMS wants it for the certificate's key type:
  // RSA PKCS#1 v1.5 (rsaEncryption), or ECDSA as a DER Ecdsa-Sig-Value.
  virtual std::string sign_sha256(std::string_view data) const = 0;
  // What the container is called in messages: the file or the token.
  virtual std::string describe() const = 0;

 protected:
  X509Ptr certificate_;
  std::vector<X509Ptr> chain_;
};

std::shared_ptr<const Key> open_p12(const KeySource& source);
std::shared_ptr<const Key> open_pkcs11(const KeySource& source);

// The OpenSSL error queue as one line (and the queue emptied), for a message's details.
std::string openssl_errors();

}  // namespace vanban::sign
