// The TSA is reached with libcurl rather than a hand-written HTTP POST: public TSAs are
// served over HTTPS as often as HTTP, sit behind redirects and the proxies offices set
// in http_proxy/https_proxy, and need timeouts that a socket loop would have to
// reimplement. libcurl (Debian's, OpenSSL flavour) does all of it and is thread-safe per
// handle.
#include "sign/timestamp.h"

#include <curl/curl.h>
#include <openssl/evp.h>
#include <openssl/rand.h>
#include <openssl/ts.h>

#include <memory>

#include "core/error.h"
#include "core/i18n.h"
#include "sign/key.h"

namespace vanban::sign {

namespace {

constexpr size_t kMaxReply = 1 << 20;

size_t collect(char* data, size_t size, size_t count, void* user) {
  auto* out = static_cast<std::string*>(user);
  if (out->size() + size * count > kMaxReply) return 0;  // a reply this big is not a timestamp
  out->append(data, size * count);
  return size * count;
}

std::string post(const std::string& url, const std::string& body) {
  std::unique_ptr<CURL, void (*)(CURL*)> curl(curl_easy_init(), curl_easy_cleanup);
  if (!curl) throw Error(ErrorKind::Signature, trf("cannot reach the timestamp authority {0}", url));
  std::string reply;
  char error[CURL_ERROR_SIZE] = "";
  curl_slist* headers = curl_slist_append(nullptr, "Content-Type: application/timestamp-query");
  CURL* c = curl.get();
  curl_easy_setopt(c, CURLOPT_URL, url.c_str());
  curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt(c, CURLOPT_POSTFIELDS, body.data());
  curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE, static_cast<long>(body.size()));
  curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, collect);
  curl_easy_setopt(c, CURLOPT_WRITEDATA, &reply);
  curl_easy_setopt(c, CURLOPT_ERRORBUFFER, error);
  curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 1L);
  curl_easy_setopt(c, CURLOPT_MAXREDIRS, 5L);
  curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, 10L);
  curl_easy_setopt(c, CURLOPT_TIMEOUT, 30L);
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);  // threads: no SIGALRM for timeouts
  curl_easy_setopt(c, CURLOPT_USERAGENT, "vanban");
  CURLcode rc = curl_easy_perform(c);
  curl_slist_free_all(headers);
  if (rc != CURLE_OK) {
    throw Error(ErrorKind::Signature, trf("the timestamp authority {0} did not answer: {1}", url,
                                          error[0] ? std::string(error) : std::string(curl_easy_strerror(rc))));
  }
  long status = 0;
  curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
  if (status != 200) {
    throw Error(ErrorKind::Signature, trf("the timestamp authority {0} answered HTTP {1}", url, std::to_string(status)));
  }
  return reply;
}

template <class T, void (*F)(T*)>
struct Free {
  void operator()(T* p) const { F(p); }
};
using ReqPtr = std::unique_ptr<TS_REQ, Free<TS_REQ, TS_REQ_free>>;
using RespPtr = std::unique_ptr<TS_RESP, Free<TS_RESP, TS_RESP_free>>;
using IntPtr = std::unique_ptr<ASN1_INTEGER, Free<ASN1_INTEGER, ASN1_INTEGER_free>>;

}  // namespace

std::string request_timestamp(const std::string& url, std::string_view data) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int digest_len = 0;
  EVP_Digest(data.data(), data.size(), digest, &digest_len, EVP_sha256(), nullptr);

  // TimeStampReq: version 1, the SHA-256 imprint, a random nonce, certReq (the TSA's
  // certificate in the token, so a verifier can check it without fetching it).
  ReqPtr req(TS_REQ_new());
  TS_MSG_IMPRINT* imprint = TS_MSG_IMPRINT_new();
  X509_ALGOR* alg = X509_ALGOR_new();
  X509_ALGOR_set0(alg, OBJ_nid2obj(NID_sha256), V_ASN1_NULL, nullptr);
  TS_MSG_IMPRINT_set_algo(imprint, alg);
  TS_MSG_IMPRINT_set_msg(imprint, digest, static_cast<int>(digest_len));
  TS_REQ_set_msg_imprint(req.get(), imprint);
  TS_MSG_IMPRINT_free(imprint);
  X509_ALGOR_free(alg);
  TS_REQ_set_version(req.get(), 1);
  TS_REQ_set_cert_req(req.get(), 1);
  unsigned char nonce_bytes[8];
  RAND_bytes(nonce_bytes, sizeof nonce_bytes);
  nonce_bytes[0] &= 0x7F;
  BIGNUM* bn = BN_bin2bn(nonce_bytes, sizeof nonce_bytes, nullptr);
  IntPtr nonce(BN_to_ASN1_INTEGER(bn, nullptr));
  BN_free(bn);
  TS_REQ_set_nonce(req.get(), nonce.get());
  unsigned char* der = nullptr;
  int der_len = i2d_TS_REQ(req.get(), &der);
  std::string body(reinterpret_cast<char*>(der), der_len > 0 ? der_len : 0);
  OPENSSL_free(der);

  std::string reply = post(url, body);
  const unsigned char* p = reinterpret_cast<const unsigned char*>(reply.data());
  RespPtr resp(d2i_TS_RESP(nullptr, &p, static_cast<long>(reply.size())));
  if (!resp) {
    openssl_errors();
    throw Error(ErrorKind::Signature, trf("the timestamp authority {0} did not answer with a timestamp", url));
  }
  long status = ASN1_INTEGER_get(TS_STATUS_INFO_get0_status(TS_RESP_get_status_info(resp.get())));
  if (status != 0 && status != 1) {  // granted, grantedWithMods
    throw Error(ErrorKind::Signature, trf("the timestamp authority {0} refused the request (status {1})", url,
                                          std::to_string(status)));
  }
  TS_TST_INFO* info = TS_RESP_get_tst_info(resp.get());
  PKCS7* token = TS_RESP_get_token(resp.get());
  if (!info || !token) throw Error(ErrorKind::Signature, trf("the timestamp authority {0} did not answer with a timestamp", url));
  // The token must be for this request: the same imprint and nonce.
  ASN1_OCTET_STRING* got = TS_MSG_IMPRINT_get_msg(TS_TST_INFO_get_msg_imprint(info));
  const ASN1_INTEGER* got_nonce = TS_TST_INFO_get_nonce(info);
  if (!got || ASN1_STRING_length(got) != static_cast<int>(digest_len) ||
      std::string_view(reinterpret_cast<const char*>(ASN1_STRING_get0_data(got)), digest_len) !=
          std::string_view(reinterpret_cast<const char*>(digest), digest_len) ||
      !got_nonce || ASN1_INTEGER_cmp(got_nonce, nonce.get()) != 0) {
    throw Error(ErrorKind::Signature, trf("the timestamp from {0} is not for this signature", url));
  }
  der = nullptr;
  der_len = i2d_PKCS7(token, &der);
  if (der_len <= 0) throw Error(ErrorKind::Signature, trf("the timestamp authority {0} did not answer with a timestamp", url));
  std::string out(reinterpret_cast<char*>(der), der_len);
  OPENSSL_free(der);
  return out;
}

}  // namespace vanban::sign
