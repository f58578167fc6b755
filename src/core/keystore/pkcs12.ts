/**
 * PKCS#12 (RFC 7292) import and export. The reader walks the ASN.1 itself rather than
 * through pkijs' PFX classes, because those throw on unknown bag types and cannot decrypt
 * the legacy 3DES/RC2 files Windows and gpgsm still write.
 *
 * Policy (threat checklist G.53): a file without a MAC is refused unless the caller opts
 * in; a wrong password fails before anything is returned; every private key must come
 * with its certificate (KeyMismatchError otherwise), so no half-usable identity is imported.
 */
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { parseBer, parsePkiObject, toDer } from '../asn1';
import { bytesEqual, randomBytes, toArrayBuffer, utf8Encode } from '../bytes';
import {
  KeyMismatchError,
  LimitExceededError,
  MalformedInputError,
  SmimeError,
  UnsupportedAlgorithmError,
  WrongPasswordError,
} from '../errors';
import { OID, digestNameFromOid, DIGEST_OID, type DigestName } from '../oids';
import { children, explicitInner, isContextTag, octets, oidOf, smallInteger } from './asn1-helpers';
import { pkcs8MatchesCertificate } from './key-match';
import { MAX_ITERATIONS, pbeDecrypt, pbes2Encrypt } from './pbe';
import { bmpPassword, pkcs12Kdf, PKCS12_KDF_ID } from './pkcs12-kdf';

export interface Pkcs12Entry {
  pkcs8: Uint8Array;
  certificate: pkijs.Certificate;
  /** Other certificates from the file that chain above `certificate`, nearest issuer first. */
  chain: pkijs.Certificate[];
  /** Control characters and bidi overrides removed; still untrusted text, escape it in UI. */
  friendlyName?: string;
}

export interface Pkcs12Contents {
  entries: Pkcs12Entry[];
  certificates: pkijs.Certificate[];
  macVerified: boolean;
}

export const MAX_PKCS12_BYTES = 10 * 1024 * 1024;
/** A real PKCS#12 (a key and a few certificates) has a few thousand ASN.1 nodes at most. */
const PKCS12_ASN1_LIMITS = { maxContentLength: MAX_PKCS12_BYTES, maxNodes: 50_000 };
export const DEFAULT_PKCS12_ITERATIONS = 600_000;
const MIN_WRITE_ITERATIONS = 100_000;
const MAX_BAG_NESTING = 4;

const BAG = {
  key: '1.2.840.113549.1.12.10.1.1',
  shroudedKey: '1.2.840.113549.1.12.10.1.2',
  cert: '1.2.840.113549.1.12.10.1.3',
  safeContents: '1.2.840.113549.1.12.10.1.6',
};
const X509_CERT_TYPE = '1.2.840.113549.1.9.22.1';
const FRIENDLY_NAME = '1.2.840.113549.1.9.20';
const LOCAL_KEY_ID = '1.2.840.113549.1.9.21';
const PBMAC1 = '1.2.840.113549.1.5.14';

interface RawKey {
  pkcs8: Uint8Array;
  localKeyId?: Uint8Array;
  friendlyName?: string;
}
interface RawCert {
  certificate: pkijs.Certificate;
  localKeyId?: Uint8Array;
  friendlyName?: string;
}
interface Collected {
  keys: RawKey[];
  certs: RawCert[];
}

export async function readPkcs12(
  bytes: Uint8Array,
  password: string,
  options: { allowNoMac?: boolean } = {},
): Promise<Pkcs12Contents> {
  if (bytes.length > MAX_PKCS12_BYTES) throw new LimitExceededError(`PKCS#12 file is larger than ${MAX_PKCS12_BYTES} bytes`);
  const collected: Collected = { keys: [], certs: [] };
  let macVerified = false;
  try {
    const pfx = children(parseBer(bytes, 'PKCS#12 file', PKCS12_ASN1_LIMITS), 'PKCS#12 file');
    if (smallInteger(pfx[0], 'PKCS#12 version', 1000) !== 3) throw new MalformedInputError('PKCS#12 version is not 3');
    const [typeNode, contentNode] = children(pfx[1], 'PKCS#12 authSafe');
    const type = oidOf(typeNode, 'PKCS#12 authSafe type');
    if (type === OID.signedData) {
      throw new UnsupportedAlgorithmError('PKCS#12 files protected by a public-key signature are not supported');
    }
    if (type !== OID.data) throw new MalformedInputError(`PKCS#12 authSafe has unexpected type ${type}`);
    const authSafe = octets(explicitInner(contentNode, 0, 'PKCS#12 authSafe'), 'PKCS#12 authSafe');

    if (pfx[2]) {
      await verifyMac(pfx[2], authSafe, password);
      macVerified = true;
    } else if (!options.allowNoMac) {
      throw new MalformedInputError('The PKCS#12 file has no integrity MAC; refusing to import it');
    }

    for (const info of children(parseBer(authSafe, 'PKCS#12 AuthenticatedSafe', PKCS12_ASN1_LIMITS), 'PKCS#12 AuthenticatedSafe')) {
      const [ctype, content] = children(info, 'PKCS#12 ContentInfo');
      const ctypeOid = oidOf(ctype, 'PKCS#12 ContentInfo type');
      if (ctypeOid === OID.data) {
        const safe = octets(explicitInner(content, 0, 'PKCS#12 data'), 'PKCS#12 data');
        await collectBags(safe, password, collected, 0);
      } else if (ctypeOid === '1.2.840.113549.1.7.6') {
        const safe = await decryptEncryptedData(explicitInner(content, 0, 'PKCS#12 encryptedData'), password);
        if (safe) {
          await collectBags(safe, password, collected, 0, !macVerified);
          safe.fill(0);
        }
      } else if (ctypeOid === OID.envelopedData) {
        throw new UnsupportedAlgorithmError('PKCS#12 files with public-key privacy mode are not supported');
      }
    }
    return { entries: await pairEntries(collected), certificates: collected.certs.map((c) => c.certificate), macVerified };
  } catch (err) {
    for (const key of collected.keys) key.pkcs8.fill(0);
    if (err instanceof SmimeError) throw err;
    throw new MalformedInputError(`The PKCS#12 file is damaged: ${(err as Error).message}`, { cause: err });
  }
}

async function verifyMac(macData: asn1js.AsnType, authSafe: Uint8Array, password: string): Promise<void> {
  const [digestInfo, saltNode, iterNode] = children(macData, 'PKCS#12 MacData');
  const [algorithm, digestNode] = children(digestInfo, 'PKCS#12 MAC');
  const [algOid, algParams] = children(algorithm, 'PKCS#12 MAC algorithm');
  const oid = oidOf(algOid, 'PKCS#12 MAC algorithm');
  const expected = octets(digestNode, 'PKCS#12 MAC value');

  if (oid === PBMAC1) {
    const ok = await pbmac1(algParams, authSafe, password, expected);
    if (!ok) throw new WrongPasswordError();
    return;
  }
  const hash = digestNameFromOid(oid);
  if (!hash) throw new UnsupportedAlgorithmError(`Unsupported PKCS#12 MAC algorithm ${oid}`);
  const salt = octets(saltNode, 'PKCS#12 MAC salt');
  const iterations = iterNode ? smallInteger(iterNode, 'PKCS#12 MAC iteration count', MAX_ITERATIONS) : 1;
  if (iterations < 1) throw new MalformedInputError('PKCS#12 MAC iteration count is zero');
  // OpenSSL and NSS disagree on how an empty password is encoded; accept either.
  const candidates = password === '' ? [bmpPassword(''), new Uint8Array(0)] : [bmpPassword(password)];
  const length = expected.length;
  for (const pw of candidates) {
    const key = pkcs12Kdf(hash, pw, salt, PKCS12_KDF_ID.mac, iterations, hashLength(hash));
    pw.fill(0);
    const mac = await hmac(hash, key, authSafe);
    key.fill(0);
    if (mac.length === length && bytesEqual(mac, expected)) return;
  }
  throw new WrongPasswordError();
}

/** RFC 9579 PBMAC1: PBKDF2 (UTF-8 password) keyed HMAC; MacData's own salt/iterations are ignored. */
async function pbmac1(params: asn1js.AsnType | undefined, data: Uint8Array, password: string, expected: Uint8Array) {
  const [kdf, scheme] = children(params, 'PBMAC1 parameters');
  const [kdfOid, kdfParams] = children(kdf, 'PBMAC1 key derivation');
  if (oidOf(kdfOid, 'PBMAC1 key derivation') !== '1.2.840.113549.1.5.12') {
    throw new UnsupportedAlgorithmError('PBMAC1 with a key derivation other than PBKDF2 is not supported');
  }
  const fields = children(kdfParams, 'PBKDF2 parameters');
  const salt = octets(fields[0], 'PBKDF2 salt');
  const iterations = smallInteger(fields[1], 'PBKDF2 iteration count', MAX_ITERATIONS);
  const keyLength = smallInteger(fields[2], 'PBKDF2 key length', 128);
  const prf = fields[3] ? hmacHash(oidOf(children(fields[3], 'PRF')[0], 'PRF')) : 'SHA-1';
  const macHash = hmacHash(oidOf(children(scheme, 'PBMAC1 MAC scheme')[0], 'PBMAC1 MAC scheme'));
  if (iterations < 1 || keyLength < 1) throw new MalformedInputError('PBMAC1 parameters are invalid');
  const base = await crypto.subtle.importKey('raw', toArrayBuffer(utf8Encode(password)), 'PBKDF2', false, ['deriveBits']);
  const key = new Uint8Array(
    await crypto.subtle.deriveBits({ name: 'PBKDF2', salt: toArrayBuffer(salt), iterations, hash: prf }, base, keyLength * 8),
  );
  const mac = await hmac(macHash, key, data);
  key.fill(0);
  return mac.length === expected.length && bytesEqual(mac, expected);
}

const HMAC_OIDS: Record<string, DigestName> = {
  '1.2.840.113549.2.7': 'SHA-1',
  '1.2.840.113549.2.9': 'SHA-256',
  '1.2.840.113549.2.10': 'SHA-384',
  '1.2.840.113549.2.11': 'SHA-512',
};
function hmacHash(oid: string): DigestName {
  const name = HMAC_OIDS[oid];
  if (!name) throw new UnsupportedAlgorithmError(`Unsupported HMAC algorithm ${oid}`);
  return name;
}

function hashLength(hash: DigestName): number {
  return { 'SHA-1': 20, 'SHA-256': 32, 'SHA-384': 48, 'SHA-512': 64 }[hash];
}

async function hmac(hash: DigestName, key: Uint8Array, data: Uint8Array): Promise<Uint8Array> {
  const k = await crypto.subtle.importKey('raw', toArrayBuffer(key), { name: 'HMAC', hash }, false, ['sign']);
  return new Uint8Array(await crypto.subtle.sign('HMAC', k, toArrayBuffer(data)));
}

async function decryptEncryptedData(node: asn1js.AsnType, password: string): Promise<Uint8Array | undefined> {
  const [, eci] = children(node, 'PKCS#12 EncryptedData');
  const [, algorithm, content] = children(eci, 'PKCS#12 EncryptedContentInfo');
  if (!content) return undefined;
  if (!isContextTag(content, 0)) throw new MalformedInputError('PKCS#12 EncryptedContentInfo has no [0] content');
  return pbeDecrypt(algorithm, octets(content, 'PKCS#12 encrypted content'), password);
}

/**
 * Adds the bags in one SafeContents. `decryptedWithoutMac` marks plaintext no MAC vouched
 * for: garbage there means a wrong password rather than a damaged file.
 */
async function collectBags(
  safeContents: Uint8Array,
  password: string,
  out: Collected,
  depth: number,
  decryptedWithoutMac = false,
): Promise<void> {
  if (depth > MAX_BAG_NESTING) throw new LimitExceededError('PKCS#12 bags are nested too deeply');
  let bags: asn1js.AsnType[];
  try {
    bags = children(parseBer(safeContents, 'PKCS#12 SafeContents', PKCS12_ASN1_LIMITS), 'PKCS#12 SafeContents');
  } catch (err) {
    if (decryptedWithoutMac) throw new WrongPasswordError();
    throw err;
  }
  for (const bag of bags) {
    const [idNode, valueNode, attrNode] = children(bag, 'PKCS#12 SafeBag');
    const bagId = oidOf(idNode, 'PKCS#12 bag type');
    const value = explicitInner(valueNode, 0, 'PKCS#12 bag value');
    const attrs = readAttributes(attrNode);
    if (bagId === BAG.key) {
      out.keys.push({ pkcs8: toDer(parsePkiObject(pkijs.PrivateKeyInfo, toBer(value), 'PKCS#12 key bag')), ...attrs });
    } else if (bagId === BAG.shroudedKey) {
      const [algorithm, encrypted] = children(value, 'PKCS#12 shrouded key bag');
      const pkcs8 = await pbeDecrypt(algorithm, octets(encrypted, 'PKCS#12 shrouded key'), password);
      try {
        parsePkiObject(pkijs.PrivateKeyInfo, pkcs8, 'PKCS#12 private key');
      } catch (err) {
        pkcs8.fill(0);
        // A PBES1 file without a MAC decrypts to noise under a wrong password ~1/256 of the time.
        if (decryptedWithoutMac || out.keys.length === 0) throw new WrongPasswordError();
        throw err;
      }
      out.keys.push({ pkcs8, ...attrs });
    } else if (bagId === BAG.cert) {
      const [certType, certValue] = children(value, 'PKCS#12 cert bag');
      if (oidOf(certType, 'PKCS#12 cert type') !== X509_CERT_TYPE) continue;
      const der = octets(explicitInner(certValue, 0, 'PKCS#12 certificate'), 'PKCS#12 certificate');
      out.certs.push({ certificate: parsePkiObject(pkijs.Certificate, der, 'PKCS#12 certificate'), ...attrs });
    } else if (bagId === BAG.safeContents) {
      await collectBags(toBer(value), password, out, depth + 1, decryptedWithoutMac);
    }
    // CRL, secret and unknown bags carry nothing we import.
  }
}

function toBer(node: asn1js.AsnType): Uint8Array {
  return new Uint8Array(node.toBER(false));
}

function readAttributes(node: asn1js.AsnType | undefined): { localKeyId?: Uint8Array; friendlyName?: string } {
  const result: { localKeyId?: Uint8Array; friendlyName?: string } = {};
  if (!node) return result;
  for (const attr of children(node, 'PKCS#12 bag attributes')) {
    const [typeNode, values] = children(attr, 'PKCS#12 bag attribute');
    const type = oidOf(typeNode, 'PKCS#12 attribute type');
    const first = values ? children(values, 'PKCS#12 attribute values')[0] : undefined;
    if (!first) continue;
    if (type === LOCAL_KEY_ID) result.localKeyId = octets(first, 'localKeyId');
    if (type === FRIENDLY_NAME && 'value' in first.valueBlock && typeof first.valueBlock.value === 'string') {
      result.friendlyName = sanitizeFriendlyName(first.valueBlock.value);
    }
  }
  return result;
}

/** Strips control characters, bidi overrides and zero-width marks that could spoof a UI label. */
export function sanitizeFriendlyName(name: string): string | undefined {
  // eslint-disable-next-line no-control-regex
  const cleaned = name.replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069\u061c\ufeff]/g, '');
  const trimmed = cleaned.trim().slice(0, 256);
  return trimmed || undefined;
}

async function pairEntries(collected: Collected): Promise<Pkcs12Entry[]> {
  const entries: Pkcs12Entry[] = [];
  for (const key of collected.keys) {
    let match: RawCert | undefined;
    const byId = key.localKeyId ? collected.certs.find((c) => c.localKeyId && bytesEqual(c.localKeyId, key.localKeyId!)) : undefined;
    if (byId) {
      if (!(await pkcs8MatchesCertificate(key.pkcs8, byId.certificate))) {
        throw new KeyMismatchError('The PKCS#12 file pairs a private key with a certificate for a different key.');
      }
      match = byId;
    } else {
      for (const c of collected.certs) {
        if (await pkcs8MatchesCertificate(key.pkcs8, c.certificate)) {
          match = c;
          break;
        }
      }
    }
    if (!match) throw new KeyMismatchError('The PKCS#12 file contains a private key without its certificate.');
    const others = collected.certs.filter((c) => c !== match).map((c) => c.certificate);
    const entry: Pkcs12Entry = { pkcs8: key.pkcs8, certificate: match.certificate, chain: buildChain(match.certificate, others) };
    const friendlyName = key.friendlyName ?? match.friendlyName;
    if (friendlyName) entry.friendlyName = friendlyName;
    entries.push(entry);
  }
  return entries;
}

/** Follows issuer → subject names upward; signatures are the path validator's job, not ours. */
export function buildChain(leaf: pkijs.Certificate, pool: pkijs.Certificate[]): pkijs.Certificate[] {
  const chain: pkijs.Certificate[] = [];
  const remaining = [...pool];
  let current = leaf;
  while (remaining.length > 0) {
    if (bytesEqual(toDer(current.issuer), toDer(current.subject))) break; // self-signed: top reached
    const issuerDer = toDer(current.issuer);
    const index = remaining.findIndex((c) => bytesEqual(toDer(c.subject), issuerDer));
    if (index < 0) break;
    current = remaining.splice(index, 1)[0];
    chain.push(current);
  }
  return chain;
}

export interface WritePkcs12Options {
  /** PBKDF2 and MAC iteration count; at least 100,000. */
  iterations?: number;
}

/**
 * Writes PBES2 (PBKDF2-HMAC-SHA-256, AES-256-CBC) for key and certificates and an
 * HMAC-SHA-256 MAC keyed through the PKCS#12 KDF: the layout OpenSSL 3 writes, which
 * both openssl and NSS pk12util import.
 */
export async function writePkcs12(
  entry: { pkcs8: Uint8Array; certificate: pkijs.Certificate; chain?: pkijs.Certificate[]; friendlyName?: string },
  password: string,
  options: WritePkcs12Options = {},
): Promise<Uint8Array> {
  const iterations = options.iterations ?? DEFAULT_PKCS12_ITERATIONS;
  if (!Number.isInteger(iterations) || iterations < MIN_WRITE_ITERATIONS || iterations > MAX_ITERATIONS) {
    throw new LimitExceededError(`PKCS#12 iterations must be between ${MIN_WRITE_ITERATIONS} and ${MAX_ITERATIONS}`);
  }
  if (!(await pkcs8MatchesCertificate(entry.pkcs8, entry.certificate))) throw new KeyMismatchError();

  const certDer = toDer(entry.certificate);
  const localKeyId = new Uint8Array(await crypto.subtle.digest('SHA-1', toArrayBuffer(certDer)));
  const friendlyName = entry.friendlyName !== undefined ? sanitizeFriendlyName(entry.friendlyName) : undefined;
  const attrs = bagAttributes(localKeyId, friendlyName);

  const certBags = [certBag(certDer, attrs), ...(entry.chain ?? []).map((c) => certBag(toDer(c)))];
  const certsPlain = der(new asn1js.Sequence({ value: certBags }));
  const certsEnc = await pbes2Encrypt(certsPlain, password, { iterations });

  const keyEnc = await pbes2Encrypt(entry.pkcs8, password, { iterations });
  const keyBag = safeBag(
    BAG.shroudedKey,
    new asn1js.Sequence({ value: [keyEnc.algorithm, new asn1js.OctetString({ valueHex: toArrayBuffer(keyEnc.ciphertext) })] }),
    attrs,
  );
  const keyContents = der(new asn1js.Sequence({ value: [keyBag] }));

  const authSafe = der(
    new asn1js.Sequence({
      value: [
        contentInfo(
          '1.2.840.113549.1.7.6',
          new asn1js.Sequence({
            value: [
              new asn1js.Integer({ value: 0 }),
              new asn1js.Sequence({
                value: [
                  new asn1js.ObjectIdentifier({ value: OID.data }),
                  certsEnc.algorithm,
                  new asn1js.Primitive({ idBlock: { tagClass: 3, tagNumber: 0 }, valueHex: toArrayBuffer(certsEnc.ciphertext) }),
                ],
              }),
            ],
          }),
        ),
        contentInfo(OID.data, new asn1js.OctetString({ valueHex: toArrayBuffer(keyContents) })),
      ],
    }),
  );

  const macHash: DigestName = 'SHA-256';
  const salt = randomBytes(16);
  const pw = bmpPassword(password);
  const macKey = pkcs12Kdf(macHash, pw, salt, PKCS12_KDF_ID.mac, iterations, 32);
  pw.fill(0);
  const mac = await hmac(macHash, macKey, authSafe);
  macKey.fill(0);

  const pfx = new asn1js.Sequence({
    value: [
      new asn1js.Integer({ value: 3 }),
      contentInfo(OID.data, new asn1js.OctetString({ valueHex: toArrayBuffer(authSafe) })),
      new asn1js.Sequence({
        value: [
          new asn1js.Sequence({
            value: [
              new asn1js.Sequence({ value: [new asn1js.ObjectIdentifier({ value: DIGEST_OID[macHash] }), new asn1js.Null()] }),
              new asn1js.OctetString({ valueHex: toArrayBuffer(mac) }),
            ],
          }),
          new asn1js.OctetString({ valueHex: toArrayBuffer(salt) }),
          new asn1js.Integer({ value: iterations }),
        ],
      }),
    ],
  });
  return der(pfx);
}

function der(node: asn1js.AsnType): Uint8Array {
  return new Uint8Array(node.toBER(false));
}

function contentInfo(type: string, content: asn1js.AsnType): asn1js.Sequence {
  return new asn1js.Sequence({
    value: [
      new asn1js.ObjectIdentifier({ value: type }),
      new asn1js.Constructed({ idBlock: { tagClass: 3, tagNumber: 0 }, value: [content] }),
    ],
  });
}

function safeBag(bagId: string, value: asn1js.AsnType, attributes?: asn1js.Set): asn1js.Sequence {
  const fields: asn1js.AsnType[] = [
    new asn1js.ObjectIdentifier({ value: bagId }),
    new asn1js.Constructed({ idBlock: { tagClass: 3, tagNumber: 0 }, value: [value] }),
  ];
  if (attributes) fields.push(attributes);
  return new asn1js.Sequence({ value: fields });
}

function certBag(certDer: Uint8Array, attributes?: asn1js.Set): asn1js.Sequence {
  const value = new asn1js.Sequence({
    value: [
      new asn1js.ObjectIdentifier({ value: X509_CERT_TYPE }),
      new asn1js.Constructed({
        idBlock: { tagClass: 3, tagNumber: 0 },
        value: [new asn1js.OctetString({ valueHex: toArrayBuffer(certDer) })],
      }),
    ],
  });
  return safeBag(BAG.cert, value, attributes);
}

function bagAttributes(localKeyId: Uint8Array, friendlyName?: string): asn1js.Set {
  const attrs: asn1js.AsnType[] = [];
  if (friendlyName) {
    attrs.push(
      new asn1js.Sequence({
        value: [
          new asn1js.ObjectIdentifier({ value: FRIENDLY_NAME }),
          new asn1js.Set({ value: [new asn1js.BmpString({ value: friendlyName })] }),
        ],
      }),
    );
  }
  attrs.push(
    new asn1js.Sequence({
      value: [
        new asn1js.ObjectIdentifier({ value: LOCAL_KEY_ID }),
        new asn1js.Set({ value: [new asn1js.OctetString({ valueHex: toArrayBuffer(localKeyId) })] }),
      ],
    }),
  );
  return new asn1js.Set({ value: attrs });
}
