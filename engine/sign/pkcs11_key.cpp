#include "core/error.h"
#include "core/i18n.h"
#include "sign/key.h"

namespace vanban::sign {

std::shared_ptr<const Key> open_pkcs11(const KeySource& source) {
  throw Error(ErrorKind::Signature, trf("cannot open the PKCS#11 module {0}", source.pkcs11_module));
}

}  // namespace vanban::sign
