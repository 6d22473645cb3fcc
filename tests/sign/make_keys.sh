#!/usr/bin/env bash
# Test keys, made at test time (no key is committed): a test CA, a signer's certificate
# (the competent person, RSA; and one with an ECDSA P-256 key) and a body's (the issuing agency), each with its key in a
# PKCS#12 file whose password is "secret", a TSA certificate for `openssl ts` and a TLS
# server certificate for localhost (an https TSA).
#   make_keys.sh DIR     writes DIR/{ca,signer,body,tsa}.{key,crt}, DIR/{signer,signer-ec,signer-legacy,body}.p12
set -euo pipefail
dir="$1"
mkdir -p "$dir"
cd "$dir"
# Test programs running at once share one directory: the first makes the keys.
exec 9>"$dir/.lock"
flock 9
[ -f signer-legacy.p12 ] && [ -f tls.crt ] && [ -f signer-ec.p12 ] && [ -f body.p12 ] && [ -f tsa.crt ] && exit 0
days=3650
openssl req -x509 -newkey rsa:2048 -nodes -keyout ca.key -out ca.crt -days $days -sha256 \
  -subj "/C=VN/O=vanban test CA/CN=vanban Test Root CA" \
  -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" 2>/dev/null
issue() {  # name subject extensions [key algorithm options]
  openssl req -new -newkey "${4:-rsa:2048}" ${5:+-pkeyopt "$5"} -nodes -keyout "$1.key" -out "$1.csr" -subj "$2" -utf8 2>/dev/null
  printf '%s\n' "$3" > "$1.ext"
  openssl x509 -req -in "$1.csr" -CA ca.crt -CAkey ca.key -CAcreateserial -out "$1.crt" -days $days -sha256 \
    -extfile "$1.ext" 2>/dev/null
}
issue signer "/C=VN/O=Sở Giáo dục và Đào tạo/CN=Nguyễn Văn A" \
  "keyUsage=critical,digitalSignature,nonRepudiation"
issue body "/C=VN/O=Sở Giáo dục và Đào tạo/CN=Sở Giáo dục và Đào tạo tỉnh Hòa Bình" \
  "keyUsage=critical,digitalSignature,nonRepudiation"
issue signer-ec "/C=VN/O=Sở Giáo dục và Đào tạo/CN=Trần Thị B" \
  "keyUsage=critical,digitalSignature,nonRepudiation" ec ec_paramgen_curve:P-256
issue tls "/C=VN/O=vanban test CA/CN=localhost" "subjectAltName=DNS:localhost,IP:127.0.0.1"
issue tsa "/C=VN/O=vanban test CA/CN=vanban Test TSA" \
  "$(printf 'keyUsage=critical,digitalSignature\nextendedKeyUsage=critical,timeStamping')"
for who in signer body signer-ec; do
  openssl pkcs12 -export -inkey "$who.key" -in "$who.crt" -certfile ca.crt -name "$who" \
    -passout pass:secret -out "$who.p12"
done
# As older Windows tools export: certificates encrypted with RC2-40.
openssl pkcs12 -export -legacy -inkey signer.key -in signer.crt -certfile ca.crt -name signer \
  -passout pass:secret -out signer-legacy.p12
