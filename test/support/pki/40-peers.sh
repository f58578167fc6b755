#!/usr/bin/env bash
# Material only the peer harness needs: legacy (3DES/RC2, SHA-1 MAC) PKCS#12 files, because
# gpgsm 2.2.40 cannot read openssl 3's default PBES2 files. RSA only: gpgsm segfaults on EC p12.
# Output: $PKI_DIR/peers/<family>/{alice,bob}-legacy.p12 (password "test", leaf + intermediate).
set -euo pipefail
out="${PKI_DIR:?}"

# gpgsm 2.2.40 rejects about 1 in 40 valid legacy files ("decryption failed … shrouded_key_bag"):
# the same key exported again with a fresh salt imports. So each file is checked with gpgsm and
# re-exported until it imports; gpgsm being absent is a failure here, as everywhere in CI.
gpgsm_imports() {
  local home status
  home="$(mktemp -d)"
  echo allow-loopback-pinentry > "$home/gpg-agent.conf"
  status=0
  echo test | gpgsm --homedir "$home" --batch --pinentry-mode loopback --passphrase-fd 0 --import "$1" >/dev/null 2>&1 || status=$?
  gpgconf --homedir "$home" --kill all >/dev/null 2>&1 || true
  rm -rf "$home"
  return "$status"
}

for family in rsa2048 rsa3072; do
  src="$out/$family"
  d="$out/peers/$family"
  mkdir -p "$d"
  for who in alice bob; do
    for attempt in 1 2 3 4 5 6 7 8; do
      openssl pkcs12 -export -legacy -inkey "$src/$who.key" -in "$src/$who.crt" -certfile "$src/inter.crt" \
        -name "$who ($family)" -passout pass:test -out "$d/$who-legacy.p12"
      if gpgsm_imports "$d/$who-legacy.p12"; then break; fi
      if [ "$attempt" = 8 ]; then echo "gpgsm cannot import $d/$who-legacy.p12" >&2; exit 1; fi
    done
  done
done
