// The CMS SignedData of a PAdES signature (ETSI EN 319 142-1, SubFilter
// ETSI.CAdES.detached): detached, SHA-256, signed attributes content-type,
// message-digest and ESS signing-certificate-v2 (no signing-time: PAdES puts the claimed
// time in the signature dictionary's /M), the certificate and its chain; for B-T the
// signature's RFC 3161 timestamp token as the unsigned attribute
// id-aa-signatureTimeStampToken.
#pragma once
#include <string>
#include <string_view>

#include "sign/key.h"

namespace vanban::sign {

// DER of the ContentInfo for a document whose ByteRange digest is `digest` (32 bytes).
// With a `tsa_url`, the timestamp comes from that TSA (Error(Signature) when it fails).
std::string build_cms(const Key& key, std::string_view digest, const std::string& tsa_url);

// An upper bound of build_cms's size without a timestamp: the hole to leave in /Contents.
size_t cms_size_estimate(const Key& key);

}  // namespace vanban::sign
