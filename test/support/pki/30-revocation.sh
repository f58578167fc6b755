#!/usr/bin/env bash
# Material for the revocation and identity-binding tests, made with the real openssl.
# Revocation leaves need the test server's port in their CRL DP / AIA URLs, so only the
# port-independent part is made here; test/support/revocation-server.ts issues the leaves
# with `openssl ca` at test time.
# Output under $PKI_DIR/revocation/:
#   root.{crt,key}            self-signed root
#   ca.{crt,key}              issuing CA (signs leaves, CRLs, and can answer OCSP itself)
#   responder.{crt,key}       delegated OCSP responder issued by ca (EKU OCSPSigning)
#   responder-noeku.{crt,key} issued by ca without OCSPSigning (must not be accepted)
#   responder-root.{crt,key}  OCSPSigning but issued by root, not by ca (must not be accepted)
#   rogue.{crt,key}           unrelated self-signed key
#   leaf.key                  key shared by all revocation leaves
#   ldap-only.crt             leaf whose only CRL DP is an ldap:// URI
#   email/*.crt               certificates for the e-mail binding and summary tests
set -euo pipefail
d="${PKI_DIR:?}/revocation"
mkdir -p "$d/email"
cd "$d"

key() { openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$1"; }

cat > ext.cnf <<'CNF'
[root]
basicConstraints=critical,CA:TRUE
keyUsage=critical,keyCertSign,cRLSign
subjectKeyIdentifier=hash
[ca]
basicConstraints=critical,CA:TRUE,pathlen:0
keyUsage=critical,keyCertSign,cRLSign
subjectKeyIdentifier=hash
authorityKeyIdentifier=keyid
[responder]
basicConstraints=critical,CA:FALSE
keyUsage=critical,digitalSignature
extendedKeyUsage=OCSPSigning
noCheck=ignored
subjectKeyIdentifier=hash
authorityKeyIdentifier=keyid
[noeku]
basicConstraints=critical,CA:FALSE
keyUsage=critical,digitalSignature
extendedKeyUsage=emailProtection
[ldap]
basicConstraints=critical,CA:FALSE
keyUsage=critical,digitalSignature
extendedKeyUsage=emailProtection
subjectAltName=email:ldap@example.com
crlDistributionPoints=URI:ldap://127.0.0.1/cn=Revocation%20CA?certificateRevocationList
CNF

key root.key
openssl req -new -x509 -key root.key -subj "/O=Revocation Test/CN=Revocation Root" -days 3650 \
  -extensions root -config ext.cnf -out root.crt 2>/dev/null

issue() { # name issuer-prefix subject extension-section serial
  key "$1.key"
  openssl req -new -key "$1.key" -subj "$3" -out "$1.csr"
  openssl x509 -req -in "$1.csr" -CA "$2.crt" -CAkey "$2.key" -set_serial "$5" -days 3000 \
    -extfile ext.cnf -extensions "$4" -out "$1.crt" 2>/dev/null
  rm -f "$1.csr"
}
issue ca root "/O=Revocation Test/CN=Revocation CA" ca 0x10
issue responder ca "/O=Revocation Test/CN=OCSP Responder" responder 0x20
issue responder-noeku ca "/O=Revocation Test/CN=Not A Responder" noeku 0x21
issue responder-root root "/O=Revocation Test/CN=Root-issued Responder" responder 0x22
key rogue.key
openssl req -new -x509 -key rogue.key -subj "/O=Revocation Test/CN=Revocation CA" -days 3650 \
  -extensions responder -config ext.cnf -out rogue.crt 2>/dev/null
key leaf.key
openssl req -new -key leaf.key -subj "/CN=LDAP Leaf" -out ldap.csr
openssl x509 -req -in ldap.csr -CA ca.crt -CAkey ca.key -set_serial 0x30 -days 3000 \
  -extfile ext.cnf -extensions ldap -out ldap-only.crt 2>/dev/null
rm -f ldap.csr

# Identity-binding certificates: issued by ca, only their names and SANs matter.
cd email
cat > ext.cnf <<'CNF'
[two]
subjectAltName=email:first@example.com,email:Second.User@Example.ORG,DNS:www.example.com
[idn_ascii]
subjectAltName=email:info@xn--bcher-kva.example
[case]
subjectAltName=email:Alice@Example.COM
[dnonly]
basicConstraints=CA:FALSE
[both]
subjectAltName=email:san@example.com
[dns]
subjectAltName=DNS:mail.example.com
[utf8]
subjectAltName=@utf8_alt
[utf8_alt]
# A section, not the inline form: its commas would split the value; FORMAT:UTF8 avoids Latin-1.
otherName.1=1.3.6.1.5.5.7.8.9;FORMAT:UTF8,UTF8:jörg@bücher.example
[wild]
subjectAltName=email:*@example.com,email:example.org
[nocn]
subjectAltName=email:only.org@example.com
CNF
openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out leaf.key
mk() { # name subject section
  openssl req -new -utf8 -key leaf.key -subj "$2" -out "$1.csr"
  openssl x509 -req -in "$1.csr" -CA ../ca.crt -CAkey ../ca.key -set_serial "0x$(openssl rand -hex 8)" -days 3000 \
    -extfile ext.cnf -extensions "$3" -out "$1.crt" 2>/dev/null
  rm -f "$1.csr"
}
mk two "/CN=Two Addresses" two
mk idn-ascii "/CN=IDN Domain" idn_ascii
mk case "/CN=Mixed Case" case
mk dnonly "/CN=DN Only/emailAddress=dn.only@example.net" dnonly
mk both "/CN=Both/emailAddress=dn@example.com" both
mk none "/CN=No Address" dns
# Hostile DN: RIGHT-TO-LEFT OVERRIDE, an ESC control character, a comma, a multi-valued RDN.
mk hostile "/O=Acme\\, Inc.+OU=Sales/CN=Mallory $(printf '\xe2\x80\xae')fdp.exe$(printf '\x1b')[2Jx" dns
# RFC 8398 SmtpUTF8Mailbox (openssl refuses non-ASCII in an rfc822Name), readable non-ASCII CN.
mk utf8 "/CN=Jörg Müller" utf8
mk wild "/CN=Wildcard" wild
mk nocn "/O=Only Org" nocn
rm -f leaf.key
