#!/usr/bin/env bash
# A SoftHSM2 token for the PKCS#11 tests, made at test time in DIR (its own
# softhsm2.conf: export SOFTHSM2_CONF=DIR/softhsm2.conf before using it): label "vanban",
# user PIN 1234, holding the signer's key and certificate (id 01, label "signer") and the
# test CA's certificate, from the keys of make_keys.sh in KEYS.
#   make_token.sh DIR KEYS
set -euo pipefail
dir="$1"
keys="$2"
module="${VANBAN_SOFTHSM_MODULE:-/usr/lib/softhsm/libsofthsm2.so}"
mkdir -p "$dir/tokens"
printf 'directories.tokendir = %s\nobjectstore.backend = file\nlog.level = ERROR\n' "$dir/tokens" > "$dir/softhsm2.conf"
export SOFTHSM2_CONF="$dir/softhsm2.conf"
softhsm2-util --init-token --free --label vanban --so-pin 87654321 --pin 1234 >/dev/null
openssl pkey -in "$keys/signer.key" -outform DER -out "$dir/signer.key.der"
openssl x509 -in "$keys/signer.crt" -outform DER -out "$dir/signer.crt.der"
openssl x509 -in "$keys/ca.crt" -outform DER -out "$dir/ca.crt.der"
p11() { pkcs11-tool --module "$module" --token-label vanban --login --pin 1234 "$@" >/dev/null 2>&1; }
p11 --write-object "$dir/signer.key.der" --type privkey --id 01 --label signer --usage-sign
p11 --write-object "$dir/signer.crt.der" --type cert --id 01 --label signer
p11 --write-object "$dir/ca.crt.der" --type cert --id 02 --label ca
rm -f "$dir/signer.key.der"
