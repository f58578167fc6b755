/** Certificates from the files people exchange: .cer/.crt (DER or PEM, bundles) and .p7b/.p7c (certs-only SignedData). */
import * as pkijs from 'pkijs';
import { parseContentInfo, parsePkiObject } from '../asn1';
import { latin1Decode } from '../bytes';
import { MalformedInputError, SmimeError } from '../errors';
import { OID } from '../oids';
import { isPem, parsePem } from '../pem';

export function parseCertificateFile(bytes: Uint8Array, what = 'certificate file'): pkijs.Certificate[] {
  if (isPem(bytes)) {
    const out: pkijs.Certificate[] = [];
    for (const block of parsePem(latin1Decode(bytes))) {
      if (/CERTIFICATE$/.test(block.label)) out.push(parsePkiObject(pkijs.Certificate, block.der, what));
      else if (block.label === 'PKCS7' || block.label === 'CMS') out.push(...certsOnly(block.der, what));
    }
    if (out.length === 0) throw new MalformedInputError(`${what} contains no certificate`);
    return out;
  }
  try {
    return [parsePkiObject(pkijs.Certificate, bytes, what)];
  } catch (err) {
    if (!(err instanceof SmimeError)) throw err;
    return certsOnly(bytes, what);
  }
}

function certsOnly(der: Uint8Array, what: string): pkijs.Certificate[] {
  const info = parseContentInfo(der);
  if (info.contentType !== OID.signedData) throw new MalformedInputError(`${what} is neither a certificate nor a PKCS#7 bundle`);
  let signed: pkijs.SignedData;
  try {
    signed = new pkijs.SignedData({ schema: info.content });
  } catch (err) {
    throw new MalformedInputError(`${what} has an invalid PKCS#7 structure`, { cause: err });
  }
  const certs = (signed.certificates ?? []).filter((c): c is pkijs.Certificate => c instanceof pkijs.Certificate);
  if (certs.length === 0) throw new MalformedInputError(`${what} contains no certificate`);
  return certs;
}
