#!/usr/bin/env bash
# Base test PKI made with the real openssl: per key family a root, an intermediate
# (pathlen 0) and two end entities (alice, bob) with emailProtection and an rfc822Name SAN.
# Output: $PKI_DIR/<family>/{root,inter,alice,bob}.{crt,key}, {alice,bob}.p12 (password "test"),
# {alice,bob}-chain.pem (leaf + intermediate).
set -euo pipefail
out="${PKI_DIR:?}"

keygen() { # family file
  case "$1" in
    rsa2048) openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$2" 2>/dev/null ;;
    rsa3072) openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:3072 -out "$2" 2>/dev/null ;;
    p256) openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$2" ;;
    p384) openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-384 -out "$2" ;;
  esac
}

for family in rsa2048 rsa3072 p256 p384; do
  d="$out/$family"
  mkdir -p "$d"
  digest=sha256
  [ "$family" = p384 ] && digest=sha384
  case "$family" in rsa*) leafku="digitalSignature,nonRepudiation,keyEncipherment" ;; *) leafku="digitalSignature,nonRepudiation,keyAgreement" ;; esac
  cat > "$d/ext.cnf" <<CNF
[root]
basicConstraints=critical,CA:TRUE
keyUsage=critical,keyCertSign,cRLSign
subjectKeyIdentifier=hash
[inter]
basicConstraints=critical,CA:TRUE,pathlen:0
keyUsage=critical,keyCertSign,cRLSign
subjectKeyIdentifier=hash
authorityKeyIdentifier=keyid
[alice]
basicConstraints=critical,CA:FALSE
keyUsage=critical,$leafku
extendedKeyUsage=emailProtection
subjectAltName=email:alice@example.com
subjectKeyIdentifier=hash
authorityKeyIdentifier=keyid
[bob]
basicConstraints=critical,CA:FALSE
keyUsage=critical,$leafku
extendedKeyUsage=emailProtection
subjectAltName=email:bob@example.com
subjectKeyIdentifier=hash
authorityKeyIdentifier=keyid
CNF
  keygen "$family" "$d/root.key"
  openssl req -new -x509 -key "$d/root.key" -subj "/O=Test PKI/CN=Test Root $family" -days 3650 \
    -"$digest" -extensions root -config "$d/ext.cnf" -out "$d/root.crt" 2>/dev/null
  keygen "$family" "$d/inter.key"
  openssl req -new -key "$d/inter.key" -subj "/O=Test PKI/CN=Test Intermediate $family" -out "$d/inter.csr"
  openssl x509 -req -in "$d/inter.csr" -CA "$d/root.crt" -CAkey "$d/root.key" -set_serial 0x1001 -days 3000 \
    -"$digest" -extfile "$d/ext.cnf" -extensions inter -out "$d/inter.crt" 2>/dev/null
  serial=0x2001
  for who in alice bob; do
    keygen "$family" "$d/$who.key"
    openssl req -new -key "$d/$who.key" -subj "/O=Test PKI/CN=${who^} ($family)/emailAddress=$who@example.com" -out "$d/$who.csr"
    openssl x509 -req -in "$d/$who.csr" -CA "$d/inter.crt" -CAkey "$d/inter.key" -set_serial "$serial" -days 2000 \
      -"$digest" -extfile "$d/ext.cnf" -extensions "$who" -out "$d/$who.crt" 2>/dev/null
    serial=$((serial + 1))
    cat "$d/$who.crt" "$d/inter.crt" > "$d/$who-chain.pem"
    openssl pkcs12 -export -inkey "$d/$who.key" -in "$d/$who.crt" -certfile "$d/inter.crt" \
      -name "$who ($family)" -passout pass:test -out "$d/$who.p12"
  done
  rm -f "$d"/*.csr
done
