// Digital signatures, PAdES baseline (ETSI EN 319 142-1) B-B and B-T: a signed signature
// field added to a PDF as an incremental update (so a file is signed again in the decree's
// order: the signer, then the body), its CMS built by OpenSSL (SHA-256,
// signing-certificate-v2, the certificate chain), a key from a PKCS#12 file or a PKCS#11
// token, B-T adding an RFC 3161 timestamp of the signature from a TSA.
#pragma once
#include <memory>
#include <string>
#include <string_view>

#include "layout/frame.h"

namespace vanban::sign {

// Where the key is: a PKCS#12 file, or a PKCS#11 token (the USB tokens officials sign with).
struct KeySource {
  std::string p12_path;        // a PKCS#12 file (.p12/.pfx): key, certificate and chain
  std::string pkcs11_module;   // else: a PKCS#11 module, "/usr/lib/softhsm/libsofthsm2.so"
  std::string token_label;     // the token; empty: the first token holding a private key
  std::string key_label;       // the key's CKA_LABEL; empty: the token's first private key
  std::string key_id;          // or its CKA_ID, in hex
  std::string secret;          // the PKCS#12 password or the token's PIN (never a command-line argument)
};

// A key with its certificate and chain, opened once and used for many signatures.
// Thread-safe: sign_pdf may be called with one Signer from many threads.
class Signer {
 public:
  virtual ~Signer() = default;
  virtual std::string subject_name() const = 0;  // the certificate's subject CN
};

// Opens the key; Error(Signature) naming the file or token when it cannot be used
// (wrong password or PIN, no private key, a certificate that does not match the key).
std::shared_ptr<const Signer> open_signer(const KeySource& source);

struct SignOptions {
  std::string field_name;                // the signature field's /T; empty: "Signature<n>"
  std::string reason, location, contact; // /Reason, /Location, /ContactInfo
  // The claimed signing time (/M), ISO 8601 with its offset: "2021-03-05T09:15:30+07:00";
  // empty: now, in Vietnam time (+07:00). With a fixed time and no TSA the bytes are the
  // same each time.
  std::string signing_time;
  std::string tsa_url;                   // B-T: the signature's RFC 3161 timestamp from this TSA
  // The widget: on page `page` (0-based) at x, y (top-left, y downwards, pt, from the
  // top-left corner of the page as shown: its CropBox, else its MediaBox) of the size of
  // `appearance`, which is drawn in it. An appearance of width 0: an invisible signature.
  int page = 0;
  double x = 0, y = 0;
  layout::Drawing appearance;
};

// `pdf` followed by one more revision that adds a signed signature field (its widget on
// the page, the AcroForm with /SigFlags 3), the signature covering the whole file.
// Error(Signature) when the key cannot sign or the TSA does not answer; Error(Input) when
// `pdf` is not a PDF that can be updated (encrypted, damaged).
std::string sign_pdf(std::string_view pdf, const Signer& signer, const SignOptions& options);

}  // namespace vanban::sign
