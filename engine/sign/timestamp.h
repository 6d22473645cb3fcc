// RFC 3161 timestamps: a TimeStampReq for a SHA-256 imprint POSTed to a TSA over HTTP(S)
// (OpenSSL's HTTP client), the TimeStampResp checked (granted, the same imprint and nonce) and its
// token returned.
#pragma once
#include <string>
#include <string_view>

namespace vanban::sign {

// DER of the TimeStampToken (a CMS ContentInfo) over SHA-256(`data`) from the TSA at
// `url`; Error(Signature) naming the URL when it cannot be had.
std::string request_timestamp(const std::string& url, std::string_view data);

}  // namespace vanban::sign
