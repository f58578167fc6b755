#!/usr/bin/env bash
# Material only the peer harness needs: legacy (3DES/RC2, SHA-1 MAC) PKCS#12 files, because
# gpgsm 2.2.40 cannot read openssl 3's default PBES2 files. RSA only: gpgsm segfaults on EC p12.
# Output: $PKI_DIR/peers/<family>/{alice,bob}-legacy.p12 (password "test", leaf + intermediate).
set -euo pipefail
out="${PKI_DIR:?}"

for family in rsa2048 rsa3072; do
  src="$out/$family"
  d="$out/peers/$family"
  mkdir -p "$d"
  for who in alice bob; do
    openssl pkcs12 -export -legacy -inkey "$src/$who.key" -in "$src/$who.crt" -certfile "$src/inter.crt" \
      -name "$who ($family)" -passout pass:test -out "$d/$who-legacy.p12"
  done
done
