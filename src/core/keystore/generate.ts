/**
 * New keys, certificate requests (PKCS#10) for a CA, throw-away self-signed test identities,
 * and binding a CA-issued certificate back to the key that requested it.
 */
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { parsePkiObject, toDer } from '../asn1';
import { randomBytes, toArrayBuffer } from '../bytes';
import { BadInputError, KeyMismatchError } from '../errors';
import { privateKeyFromPkcs8, type PrivateKeyHandle, type SignatureScheme } from '../keys';
import { OID } from '../oids';
import { pkcs8MatchesCertificate } from './key-match';
import { spkiFromPkcs8 } from './public-key';

export type KeyAlgorithm = 'RSA-2048' | 'RSA-3072' | 'P-256' | 'P-384';

export interface GeneratedKeyPair {
  algorithm: KeyAlgorithm;
  /** Private key; the caller stores it (keystore) and zeroes its copy. */
  pkcs8: Uint8Array;
  /** SubjectPublicKeyInfo DER. */
  spki: Uint8Array;
}

export const TEST_IDENTITY_ORGANIZATION = 'S/MIME add-in TEST IDENTITY — not trusted';

const EXTENSION_REQUEST = '1.2.840.113549.1.9.14';
const EXT = {
  subjectAltName: '2.5.29.17',
  keyUsage: '2.5.29.15',
  extKeyUsage: '2.5.29.37',
  basicConstraints: '2.5.29.19',
  subjectKeyIdentifier: '2.5.29.14',
};

export async function generateKeyPair(options: { algorithm: KeyAlgorithm }): Promise<GeneratedKeyPair> {
  const { algorithm } = options;
  let params: RsaHashedKeyGenParams | EcKeyGenParams;
  if (algorithm === 'RSA-2048' || algorithm === 'RSA-3072') {
    params = {
      name: 'RSASSA-PKCS1-v1_5',
      modulusLength: algorithm === 'RSA-2048' ? 2048 : 3072,
      publicExponent: new Uint8Array([1, 0, 1]),
      hash: 'SHA-256',
    };
  } else if (algorithm === 'P-256' || algorithm === 'P-384') {
    params = { name: 'ECDSA', namedCurve: algorithm };
  } else {
    throw new BadInputError(`Unknown key algorithm ${String(algorithm)}`);
  }
  // Extractable only for this one export; the keystore re-imports it non-extractable.
  const pair = (await crypto.subtle.generateKey(params, true, ['sign', 'verify'])) as CryptoKeyPair;
  const pkcs8 = new Uint8Array(await crypto.subtle.exportKey('pkcs8', pair.privateKey));
  const spki = new Uint8Array(await crypto.subtle.exportKey('spki', pair.publicKey));
  return { algorithm, pkcs8, spki };
}

function signatureFor(key: PrivateKeyHandle): { scheme: SignatureScheme; oid: string; params?: asn1js.AsnType } {
  if (key.keyType === 'RSA') {
    return { scheme: { scheme: 'rsa-pkcs1', hash: 'SHA-256' }, oid: OID.sha256WithRSA, params: new asn1js.Null() };
  }
  if (key.bits > 256) return { scheme: { scheme: 'ecdsa', hash: 'SHA-384' }, oid: OID.ecdsaWithSHA384 };
  return { scheme: { scheme: 'ecdsa', hash: 'SHA-256' }, oid: OID.ecdsaWithSHA256 };
}

function validateEmail(email: string): string {
  const trimmed = email.trim();
  if (!/^[^\s@<>()",;]+@[^\s@<>()",;]+\.[^\s@<>()",;]+$/.test(trimmed)) {
    throw new BadInputError(`"${trimmed}" is not a usable e-mail address`);
  }
  return trimmed;
}

function name(parts: { type: string; value: asn1js.AsnType }[]): pkijs.RelativeDistinguishedNames {
  return new pkijs.RelativeDistinguishedNames({
    typesAndValues: parts.map((p) => new pkijs.AttributeTypeAndValue({ type: p.type, value: p.value as asn1js.Utf8String })),
  });
}

function sanExtension(email: string): pkijs.Extension {
  const san = new pkijs.GeneralNames({ names: [new pkijs.GeneralName({ type: 1, value: email })] });
  return new pkijs.Extension({ extnID: EXT.subjectAltName, critical: false, extnValue: san.toSchema().toBER(false) });
}

function keyUsageExtension(keyType: 'RSA' | 'EC'): pkijs.Extension {
  // digitalSignature (bit 0) + keyEncipherment (bit 2) for RSA, + keyAgreement (bit 4) for EC.
  const bits = keyType === 'RSA' ? { byte: 0xa0, unused: 5 } : { byte: 0x88, unused: 3 };
  const ku = new asn1js.BitString({ valueHex: new Uint8Array([bits.byte]).buffer, unusedBits: bits.unused });
  return new pkijs.Extension({ extnID: EXT.keyUsage, critical: true, extnValue: ku.toBER(false) });
}

function emailProtectionExtension(): pkijs.Extension {
  const eku = new pkijs.ExtKeyUsage({ keyPurposes: [OID.extKeyUsageEmailProtection] });
  return new pkijs.Extension({ extnID: EXT.extKeyUsage, critical: false, extnValue: eku.toSchema().toBER(false) });
}

async function resolveKey(input: { pkcs8?: Uint8Array; key?: PrivateKeyHandle; spki?: Uint8Array }) {
  if (input.pkcs8) {
    return { key: await privateKeyFromPkcs8(input.pkcs8), spki: spkiFromPkcs8(input.pkcs8) };
  }
  if (input.key && input.spki) {
    return { key: input.key, spki: parsePkiObject(pkijs.PublicKeyInfo, input.spki, 'public key') };
  }
  throw new BadInputError('createCsr needs either pkcs8, or a key handle together with its spki');
}

/** pkijs declares encodeTBS protected on CertificationRequest; we sign with our own key handle. */
class UnsignedCsr extends pkijs.CertificationRequest {
  encodedTbs(): Uint8Array {
    return new Uint8Array(this.encodeTBS().toBER(false));
  }
}

/**
 * A PKCS#10 request with subject CN and a SAN rfc822Name, signed SHA-256 (SHA-384 on P-384).
 * Takes PKCS#8, or a keystore handle plus its public key (so stored keys need not be exported).
 */
export async function createCsr(input: {
  pkcs8?: Uint8Array;
  key?: PrivateKeyHandle;
  spki?: Uint8Array;
  email: string;
  commonName: string;
}): Promise<Uint8Array> {
  const email = validateEmail(input.email);
  const { key, spki } = await resolveKey(input);
  const csr = new UnsignedCsr({
    version: 0,
    subject: name([{ type: '2.5.4.3', value: new asn1js.Utf8String({ value: input.commonName || email }) }]),
    subjectPublicKeyInfo: spki,
    attributes: [
      new pkijs.Attribute({
        type: EXTENSION_REQUEST,
        values: [
          new pkijs.Extensions({
            extensions: [sanExtension(email), keyUsageExtension(key.keyType), emailProtectionExtension()],
          }).toSchema(),
        ],
      }),
    ],
  });
  const sig = signatureFor(key);
  csr.signatureAlgorithm = new pkijs.AlgorithmIdentifier({ algorithmId: sig.oid, algorithmParams: sig.params });
  csr.tbsView = csr.encodedTbs();
  const signature = await key.sign(csr.tbsView, sig.scheme);
  csr.signatureValue = new asn1js.BitString({ valueHex: toArrayBuffer(signature) });
  return toDer(csr);
}

export interface TestIdentity {
  pkcs8: Uint8Array;
  certificate: pkijs.Certificate;
}

/**
 * A self-signed identity for trying the add-in out. The organisation name says it is a test
 * identity; path validation never trusts it unless the user adds it as an anchor.
 */
export async function createSelfSignedTestIdentity(input: {
  email: string;
  commonName: string;
  algorithm?: KeyAlgorithm;
  /** Defaults to now; tests pin it. */
  now?: Date;
}): Promise<TestIdentity> {
  const email = validateEmail(input.email);
  const pair = await generateKeyPair({ algorithm: input.algorithm ?? 'RSA-3072' });
  const key = await privateKeyFromPkcs8(pair.pkcs8);
  const spki = parsePkiObject(pkijs.PublicKeyInfo, pair.spki, 'public key');
  const now = input.now ?? new Date();
  const subject = name([
    { type: '2.5.4.10', value: new asn1js.Utf8String({ value: TEST_IDENTITY_ORGANIZATION }) },
    { type: '2.5.4.3', value: new asn1js.Utf8String({ value: input.commonName || email }) },
  ]);
  const serial = randomBytes(16);
  serial[0] = (serial[0] & 0x7f) | 0x01; // positive and non-zero
  const ski = new Uint8Array(await crypto.subtle.digest('SHA-1', spki.subjectPublicKey.valueBlock.valueHexView.slice()));
  const cert = new pkijs.Certificate({
    version: 2,
    serialNumber: new asn1js.Integer({ valueHex: toArrayBuffer(serial) }),
    issuer: subject,
    subject,
    subjectPublicKeyInfo: spki,
    notBefore: new pkijs.Time({ type: 0, value: new Date(now.getTime() - 5 * 60_000) }),
    notAfter: new pkijs.Time({ type: 0, value: new Date(now.getTime() + 365 * 86_400_000) }),
    extensions: [
      new pkijs.Extension({
        extnID: EXT.basicConstraints,
        critical: true,
        extnValue: new pkijs.BasicConstraints({ cA: false }).toSchema().toBER(false),
      }),
      keyUsageExtension(key.keyType),
      emailProtectionExtension(),
      sanExtension(email),
      new pkijs.Extension({
        extnID: EXT.subjectKeyIdentifier,
        critical: false,
        extnValue: new asn1js.OctetString({ valueHex: toArrayBuffer(ski) }).toBER(false),
      }),
    ],
  });
  const sig = signatureFor(key);
  cert.signature = new pkijs.AlgorithmIdentifier({ algorithmId: sig.oid, algorithmParams: sig.params });
  cert.signatureAlgorithm = cert.signature;
  cert.tbsView = new Uint8Array(cert.encodeTBS().toBER(false));
  const signature = await key.sign(cert.tbsView, sig.scheme);
  cert.signatureValue = new asn1js.BitString({ valueHex: toArrayBuffer(signature) });
  // Re-parse so the object carries its exact DER, like any certificate read from a file.
  return { pkcs8: pair.pkcs8, certificate: parsePkiObject(pkijs.Certificate, toDer(cert), 'certificate') };
}

/** Accepts the certificate a CA issued for our request only if it certifies this key. */
export async function bindIssuedCertificate(pkcs8: Uint8Array, certDer: Uint8Array): Promise<pkijs.Certificate> {
  const certificate = parsePkiObject(pkijs.Certificate, certDer, 'issued certificate');
  if (!(await pkcs8MatchesCertificate(pkcs8, certificate))) {
    throw new KeyMismatchError('The issued certificate is for a different key than the one that requested it.');
  }
  return certificate;
}
