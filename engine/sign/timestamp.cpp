// The TSA is reached with OpenSSL's own HTTP client (OSSL_HTTP_transfer, OpenSSL 3), which
// the signing stage already links: HTTP/1.x POST with a timeout, the proxies offices set in
// http_proxy/https_proxy/no_proxy, and HTTPS through a TLS BIO (the server's certificate
// checked against the system's trust store and its host name). libcurl would do the same
// but brings a dozen libraries of its own into a static link of libvanban.a (nghttp2,
// ssh2, ldap, rtmp… whose -dev packages Debian's libcurl does not even pull in).
#include "sign/timestamp.h"

#include <openssl/evp.h>
#include <openssl/err.h>
#include <openssl/http.h>
#include <openssl/rand.h>
#include <openssl/ssl.h>
#include <openssl/ts.h>
#include <openssl/x509v3.h>

#include <ctime>
#include <memory>

#include "core/error.h"
#include "core/i18n.h"
#include "sign/key.h"

namespace vanban::sign {

namespace {

constexpr size_t kMaxReply = 1 << 20;  // a reply bigger than this is not a timestamp
constexpr int kTimeout = 30;           // seconds, connection and exchange together

struct Tls {
  SSL_CTX* ctx = nullptr;
  std::string host;
  BIO* pushed = nullptr;  // the TLS BIO put on a connection we opened (ours to free)
};

// Called by OSSL_HTTP_transfer once connected: for https, a TLS BIO pushed on the socket,
// verifying the server's certificate and host name.
BIO* tls_on_connect(BIO* bio, void* arg, int connect, int detail) {
  if (!connect || !detail) return bio;
  auto* tls = static_cast<Tls*>(arg);
  BIO* sbio = BIO_new_ssl(tls->ctx, 1);
  SSL* ssl = nullptr;
  if (!sbio || BIO_get_ssl(sbio, &ssl) <= 0 || !ssl || !SSL_set_tlsext_host_name(ssl, tls->host.c_str()) ||
      !SSL_set1_host(ssl, tls->host.c_str())) {
    BIO_free(sbio);
    return nullptr;
  }
  tls->pushed = sbio;
  return BIO_push(sbio, bio);
}

// A TCP connection to host:port, made once within the timeout: a refused connection fails
// at once (OSSL_HTTP_transfer, connecting itself, retries a refused one until its timeout).
BIO* connect_to(const char* host, const char* port, const std::string& url) {
  BIO* bio = BIO_new_connect(host);
  if (!bio) throw Error(ErrorKind::Signature, trf("the timestamp authority {0} did not answer: {1}", url, openssl_errors()));
  BIO_set_conn_port(bio, port);
  BIO_set_nbio(bio, 1);
  time_t deadline = time(nullptr) + kTimeout;
  int rv = BIO_do_connect(bio);
  while (rv <= 0 && BIO_should_retry(bio)) {
    if (BIO_wait(bio, deadline, 100) <= 0) break;
    rv = BIO_do_connect(bio);
  }
  if (rv <= 0) {
    BIO_free_all(bio);
    throw Error(ErrorKind::Signature, trf("the timestamp authority {0} did not answer: {1}", url, openssl_errors()));
  }
  return bio;
}

std::string post(const std::string& url, const std::string& body) {
  char *host = nullptr, *port = nullptr, *path = nullptr;
  int use_ssl = 0;
  if (!OSSL_HTTP_parse_url(url.c_str(), &use_ssl, nullptr, &host, &port, nullptr, &path, nullptr, nullptr)) {
    openssl_errors();
    throw Error(ErrorKind::Signature, trf("\"{0}\" is not an http:// or https:// address of a timestamp authority", url));
  }
  std::unique_ptr<char, void (*)(void*)> free_host(host, [](void* p) { OPENSSL_free(p); });
  std::unique_ptr<char, void (*)(void*)> free_port(port, [](void* p) { OPENSSL_free(p); });
  std::unique_ptr<char, void (*)(void*)> free_path(path, [](void* p) { OPENSSL_free(p); });
  Tls tls;
  tls.host = host;
  std::unique_ptr<SSL_CTX, void (*)(SSL_CTX*)> ctx(nullptr, SSL_CTX_free);
  if (use_ssl) {
    ctx.reset(SSL_CTX_new(TLS_client_method()));
    if (!ctx || !SSL_CTX_set_default_verify_paths(ctx.get()) || !SSL_CTX_set_min_proto_version(ctx.get(), TLS1_2_VERSION)) {
      throw Error(ErrorKind::Signature, trf("the timestamp authority {0} did not answer: {1}", url, openssl_errors()));
    }
    SSL_CTX_set_verify(ctx.get(), SSL_VERIFY_PEER, nullptr);
    tls.ctx = ctx.get();
  }
  ERR_clear_error();
  // Through a proxy (http_proxy, https_proxy, no_proxy) OpenSSL connects; else we do.
  BIO* connection = OSSL_HTTP_adapt_proxy(nullptr, nullptr, host, use_ssl) ? nullptr : connect_to(host, port, url);
  BIO* request = BIO_new_mem_buf(body.data(), static_cast<int>(body.size()));
  BIO* reply = OSSL_HTTP_transfer(nullptr, host, port, path, use_ssl, nullptr, nullptr, connection, nullptr,
                                  use_ssl ? tls_on_connect : nullptr, &tls, 0, nullptr,
                                  "application/timestamp-query", request, nullptr, 1, kMaxReply, kTimeout, 0);
  BIO_free(request);
  if (connection) {
    if (tls.pushed) {
      BIO_pop(tls.pushed);
      BIO_free(tls.pushed);
    }
    BIO_free_all(connection);
  }
  if (!reply) throw Error(ErrorKind::Signature, trf("the timestamp authority {0} did not answer: {1}", url, openssl_errors()));
  std::string out;
  char buf[4096];
  for (int n; (n = BIO_read(reply, buf, sizeof buf)) > 0;) out.append(buf, n);
  BIO_free(reply);
  return out;
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
