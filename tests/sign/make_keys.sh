#!/usr/bin/env bash
# Test keys, made at test time (no key is committed): a test CA, a signer's certificate
# (the competent person, RSA; and one with an ECDSA P-256 key) and a body's (the issuing agency), each with its key in a
# PKCS#12 file whose password is "secret", and a TSA certificate for `openssl ts`.
#   make_keys.sh DIR     writes DIR/{ca,signer,body,tsa}.{key,crt}, DIR/{signer,signer-ec,body}.p12
set -euo pipefail
dir="$1"
mkdir -p "$dir"
cd "$dir"
[ -f signer.p12 ] && [ -f signer-ec.p12 ] && [ -f body.p12 ] && [ -f tsa.crt ] && exit 0
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
issue tsa "/C=VN/O=vanban test CA/CN=vanban Test TSA" \
  "$(printf 'keyUsage=critical,digitalSignature\nextendedKeyUsage=critical,timeStamping')"
for who in signer body signer-ec; do
  openssl pkcs12 -export -inkey "$who.key" -in "$who.crt" -certfile ca.crt -name "$who" \
    -passout pass:secret -out "$who.p12"
done
