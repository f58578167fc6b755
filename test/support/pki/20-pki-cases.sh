#!/usr/bin/env bash
# Negative and edge-case certificates for test/pki/path-cases.test.ts, made with the real
# openssl. A P-256 root and intermediate (pathlen 0) sign leaves through `openssl ca` so
# dates can be set explicitly and CRLs generated. Output: $PKI_DIR/cases/*.crt, *.crl.
set -euo pipefail
d="${PKI_DIR:?}/cases"
rm -rf "$d"
mkdir -p "$d/db"
cd "$d"

ec() { openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$1"; }
rsa() { openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:"$2" -out "$1" 2>/dev/null; }

cat > ext.cnf <<'CNF'
[root]
basicConstraints=critical,CA:TRUE
keyUsage=critical,keyCertSign,cRLSign
subjectKeyIdentifier=hash
[inter]
basicConstraints=critical,CA:TRUE,pathlen:0
keyUsage=critical,keyCertSign,cRLSign
subjectKeyIdentifier=hash
authorityKeyIdentifier=keyid
[ca_plain]
basicConstraints=critical,CA:TRUE
keyUsage=critical,keyCertSign,cRLSign
subjectKeyIdentifier=hash
authorityKeyIdentifier=keyid
[ca_nobc]
keyUsage=critical,keyCertSign,cRLSign
subjectKeyIdentifier=hash
authorityKeyIdentifier=keyid
[ca_nc]
basicConstraints=critical,CA:TRUE
keyUsage=critical,keyCertSign,cRLSign
nameConstraints=critical,permitted;email:example.com
subjectKeyIdentifier=hash
authorityKeyIdentifier=keyid
[ca_crit]
basicConstraints=critical,CA:TRUE
keyUsage=critical,keyCertSign,cRLSign
1.3.6.1.4.1.55555.1=critical,ASN1:NULL
subjectKeyIdentifier=hash
authorityKeyIdentifier=keyid
[leaf]
basicConstraints=critical,CA:FALSE
keyUsage=critical,digitalSignature,nonRepudiation,keyAgreement
extendedKeyUsage=emailProtection
subjectAltName=email:${ENV::EMAIL}
subjectKeyIdentifier=hash
authorityKeyIdentifier=keyid
[leaf_rsa_enc]
basicConstraints=critical,CA:FALSE
keyUsage=critical,keyEncipherment
extendedKeyUsage=emailProtection
subjectAltName=email:${ENV::EMAIL}
authorityKeyIdentifier=keyid
[leaf_rsa]
basicConstraints=critical,CA:FALSE
keyUsage=critical,digitalSignature,keyEncipherment
extendedKeyUsage=emailProtection
subjectAltName=email:${ENV::EMAIL}
authorityKeyIdentifier=keyid
[leaf_server]
basicConstraints=critical,CA:FALSE
keyUsage=critical,digitalSignature
extendedKeyUsage=serverAuth
subjectAltName=email:${ENV::EMAIL}
authorityKeyIdentifier=keyid
[leaf_anyeku]
basicConstraints=critical,CA:FALSE
keyUsage=critical,digitalSignature
extendedKeyUsage=anyExtendedKeyUsage
subjectAltName=email:${ENV::EMAIL}
authorityKeyIdentifier=keyid
[leaf_noeku]
basicConstraints=critical,CA:FALSE
keyUsage=critical,digitalSignature
subjectAltName=email:${ENV::EMAIL}
authorityKeyIdentifier=keyid
[leaf_crit]
basicConstraints=critical,CA:FALSE
keyUsage=critical,digitalSignature
extendedKeyUsage=emailProtection
subjectAltName=email:${ENV::EMAIL}
1.3.6.1.4.1.55555.2=critical,ASN1:NULL
authorityKeyIdentifier=keyid
[leaf_crldp]
basicConstraints=critical,CA:FALSE
keyUsage=critical,digitalSignature
extendedKeyUsage=emailProtection
subjectAltName=email:${ENV::EMAIL}
crlDistributionPoints=URI:http://127.0.0.1:9/inter.crl
authorityKeyIdentifier=keyid
[leaf_fakeca]
basicConstraints=critical,CA:FALSE
keyUsage=critical,digitalSignature,keyCertSign
extendedKeyUsage=emailProtection
subjectAltName=email:${ENV::EMAIL}
subjectKeyIdentifier=hash
authorityKeyIdentifier=keyid
[selfsigned]
basicConstraints=critical,CA:FALSE
keyUsage=critical,digitalSignature
extendedKeyUsage=emailProtection
subjectAltName=email:self@example.com
CNF

# `openssl ca` needs a database per signing CA; the policy accepts any DN as given.
ca_conf() { # name cert key
  mkdir -p "db/$1"
  : > "db/$1/index.txt"
  echo 1000 > "db/$1/serial"
  echo 01 > "db/$1/crlnumber"
  cat > "db/$1/ca.cnf" <<CNF
[ca]
default_ca=this
[this]
database=$d/db/$1/index.txt
new_certs_dir=$d/db/$1
serial=$d/db/$1/serial
crlnumber=$d/db/$1/crlnumber
crl_extensions=crl_ext
certificate=$d/$2
private_key=$d/$3
default_md=sha256
default_days=3000
default_crl_days=30
policy=any
unique_subject=no
preserve=yes
[crl_ext]
authorityKeyIdentifier=keyid
[any]
commonName=supplied
organizationName=optional
emailAddress=optional
CNF
}

EMAIL=unused@example.com
export EMAIL
ec root.key
openssl req -new -x509 -key root.key -subj "/O=Cases/CN=Cases Root" -days 3650 -sha256 \
  -extensions root -config ext.cnf -out root.crt 2>/dev/null
ec other-root.key
openssl req -new -x509 -key other-root.key -subj "/O=Cases/CN=Other Root" -days 3650 -sha256 \
  -extensions root -config ext.cnf -out other-root.crt 2>/dev/null
ca_conf root root.crt root.key

ca_cert() { # issuer-db name subject section key [extra ca args...]
  local db="$1" name="$2" subj="$3" section="$4" key="$5"
  shift 5
  openssl req -new -key "$key" -subj "$subj" -out "$name.csr"
  openssl ca -batch -config "db/$db/ca.cnf" -in "$name.csr" -out "$name.crt" -notext \
    -extfile ext.cnf -extensions "$section" "$@" 2>/dev/null
  rm -f "$name.csr"
}

ec inter.key
ca_cert root inter "/O=Cases/CN=Cases Intermediate" inter inter.key
ca_conf inter inter.crt inter.key
ec plainca.key
ca_cert root plainca "/O=Cases/CN=Cases Plain CA" ca_plain plainca.key
ca_conf plainca plainca.crt plainca.key
ec nobc.key
ca_cert root nobc "/O=Cases/CN=Cases CA Without BasicConstraints" ca_nobc nobc.key
ca_conf nobc nobc.crt nobc.key
ec ncca.key
ca_cert root ncca "/O=Cases/CN=Cases Name-Constrained CA" ca_nc ncca.key
ca_conf ncca ncca.crt ncca.key
ec critca.key
ca_cert root critca "/O=Cases/CN=Cases Critical-Extension CA" ca_crit critca.key
ca_conf critca critca.crt critca.key
# A sub-CA below the pathlen-0 intermediate: anything it issues violates pathLenConstraint.
ec subca.key
ca_cert inter subca "/O=Cases/CN=Cases Sub CA" ca_plain subca.key
ca_conf subca subca.crt subca.key

leaf() { # db name email section [key-kind] [extra ca args...]
  local db="$1" name="$2" email="$3" section="$4" kind="${5:-ec}"
  shift 4
  [ $# -gt 0 ] && shift
  case "$kind" in
    ec) ec "$name.key" ;;
    rsa2048) rsa "$name.key" 2048 ;;
    rsa1024) rsa "$name.key" 1024 ;;
  esac
  EMAIL="$email" ca_cert "$db" "$name" "/O=Cases/CN=${name}/emailAddress=${email}" "$section" "$name.key" "$@"
}

leaf inter good good@example.com leaf
leaf inter eku-server server@example.com leaf_server
leaf inter ku-encipher-only kuenc@example.com leaf_rsa_enc rsa2048
leaf inter rsa-sign rsasign@example.com leaf_rsa rsa2048
leaf inter crit-leaf crit@example.com leaf_crit
leaf inter expired expired@example.com leaf ec -startdate 20200101000000Z -enddate 20210101000000Z
leaf inter not-yet-valid future@example.com leaf ec -startdate 20990101000000Z -enddate 20991231000000Z
leaf inter sha1 sha1@example.com leaf ec -md sha1
leaf inter rsa1024 weak@example.com leaf_rsa rsa1024
leaf inter revoked revoked@example.com leaf
leaf inter crldp crldp@example.com leaf_crldp
leaf inter anyeku anyeku@example.com leaf_anyeku
leaf inter noeku noeku@example.com leaf_noeku
leaf inter fakeca fakeca@example.com leaf_fakeca
leaf subca pathlen pathlen@example.com leaf
leaf plainca plain plain@example.com leaf
leaf nobc nobc-leaf nobcleaf@example.com leaf
leaf critca crit-inter-leaf critinter@example.com leaf
leaf ncca nc-ok carol@example.com leaf
leaf ncca nc-bad-san mallory@evil.org leaf
# SAN inside the permitted domain, but the subject DN's emailAddress is not.
ec nc-bad-dn.key
EMAIL=carol@example.com ca_cert ncca nc-bad-dn "/O=Cases/CN=nc-bad-dn/emailAddress=mallory@evil.org" leaf nc-bad-dn.key
# An end-entity certificate (CA:FALSE) used as an issuer.
ca_conf fakeca fakeca.crt fakeca.key
leaf fakeca under-fakeca victim@example.com leaf

ec selfsigned.key
openssl req -new -x509 -key selfsigned.key -subj "/O=Cases/CN=Self Signed/emailAddress=self@example.com" -days 3000 \
  -sha256 -extensions selfsigned -config ext.cnf -out selfsigned.crt 2>/dev/null

# CRLs: intermediate CRL revoking "revoked"; a stale one; the root's CRL (nothing revoked).
openssl ca -batch -config db/inter/ca.cnf -revoke revoked.crt -crl_reason keyCompromise 2>/dev/null
openssl ca -batch -config db/inter/ca.cnf -gencrl -out inter.crl.pem 2>/dev/null
openssl ca -batch -config db/inter/ca.cnf -gencrl -crl_lastupdate 20200101000000Z -crl_nextupdate 20200201000000Z \
  -out inter-stale.crl.pem 2>/dev/null
openssl ca -batch -config db/root/ca.cnf -gencrl -out root.crl.pem 2>/dev/null
for f in inter inter-stale root; do openssl crl -in "$f.crl.pem" -outform DER -out "$f.crl"; done
rm -f ./*.crl.pem
