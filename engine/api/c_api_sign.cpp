// The C API's digital signatures (vanban.h: vanban_signature, vanban_sign_options): the
// caller's structs, size-versioned, read into the engine's SignatureRequest.
#include <algorithm>
#include <cstring>

#include "api/c_api_state.h"
#include "core/i18n.h"

namespace vanban::capi {

std::vector<SignatureRequest> signature_requests(const vanban_signature* signatures, size_t count) {
  std::vector<SignatureRequest> out;
  if (!signatures || count == 0) return out;
  // The caller's element size (its header's), never more than ours is read of each.
  const size_t stride = signatures->size ? signatures->size : sizeof(vanban_signature);
  if (stride < offsetof(vanban_signature, p12_path) + sizeof(const char*)) {
    throw Error(ErrorKind::Usage, tr("vanban_signature.size is too small (initialise with VANBAN_SIGNATURE_INIT)"));
  }
  const auto* base = reinterpret_cast<const unsigned char*>(signatures);
  for (size_t i = 0; i < count; ++i) {
    vanban_signature s;
    vanban_signature_init(&s);
    std::memcpy(&s, base + i * stride, std::min(stride, sizeof s));
    int role = 0;
    static_assert(sizeof role == sizeof s.role);
    std::memcpy(&role, &s.role, sizeof role);
    if (role < VANBAN_SIGNER || role > VANBAN_BODY_INFO) {
      throw Error(ErrorKind::Usage, trf("signature {0}: role must be VANBAN_SIGNER, VANBAN_BODY or VANBAN_BODY_INFO", i + 1));
    }
    if ((!s.p12_path || !*s.p12_path) && (!s.pkcs11_module || !*s.pkcs11_module)) {
      throw Error(ErrorKind::Usage, trf("signature {0}: give p12_path or pkcs11_module", i + 1));
    }
    auto text = [](const char* v) { return v ? std::string(v) : std::string(); };
    SignatureRequest r;
    r.key.p12_path = text(s.p12_path);
    r.key.pkcs11_module = text(s.pkcs11_module);
    r.key.token_label = text(s.token_label);
    r.key.key_label = text(s.key_label);
    r.key.key_id = text(s.key_id);
    r.key.secret = text(s.secret);
    r.role = role == VANBAN_BODY        ? layout::SignatureRole::Body
             : role == VANBAN_BODY_INFO ? layout::SignatureRole::BodyInfo
                                        : layout::SignatureRole::Signer;
    r.image_png = text(s.image_png);
    r.image_width_mm = s.image_width_mm;
    r.tsa_url = text(s.tsa_url);
    r.reason = text(s.reason);
    r.location = text(s.location);
    out.push_back(std::move(r));
  }
  return out;
}

}  // namespace vanban::capi

extern "C" {

void vanban_signature_init(vanban_signature* signature) {
  if (!signature) return;
  const vanban_signature init = VANBAN_SIGNATURE_INIT;
  *signature = init;
}

void vanban_sign_options_init(vanban_sign_options* options) {
  if (!options) return;
  std::memset(options, 0, sizeof *options);
  options->size = sizeof *options;
}

}  // extern "C"
