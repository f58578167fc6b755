/**
 * Checking one signature with a certificate's public key through WebCrypto. Done here rather
 * than in pkijs so that the signed bytes, key import and ECDSA encoding are under our control.
 */
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { parsePkiObject, toDer } from '../asn1';
import { toArrayBuffer } from '../bytes';
import { UnsupportedAlgorithmError } from '../errors';
import { OID } from '../oids';
import { curveFromOid, CURVE_BITS, type NamedCurve, type SignatureScheme } from '../keys';
import { ecdsaDerToRaw } from './signature-algorithms';

const DSA_OID = '1.2.840.10040.4.1';
/** Upper bound on signer RSA keys (checklist §4: cap against DoS); 2048–8192 covers real mail. */
export const MAX_RSA_BITS = 8192;

/** Modulus length in bits of an RSA certificate key, or undefined for other keys. */
export function rsaModulusBits(cert: pkijs.Certificate): number | undefined {
  const spki = cert.subjectPublicKeyInfo;
  const alg = spki.algorithm.algorithmId;
  if (alg !== OID.rsaEncryption && alg !== OID.rsassaPss) return undefined;
  let modulus: Uint8Array;
  try {
    // Not pkijs's lazy spki.parsedKey: it parses without our limits and can throw untyped errors.
    modulus = parsePkiObject(pkijs.RSAPublicKey, spki.subjectPublicKey.valueBlock.valueHexView, 'RSA public key').modulus
      .valueBlock.valueHexView;
  } catch {
    return undefined;
  }
  let start = 0;
  while (start < modulus.length && modulus[start] === 0) start++;
  if (start === modulus.length) return 0;
  return (modulus.length - start) * 8 - (Math.clz32(modulus[start]) - 24);
}

function ecCurve(cert: pkijs.Certificate): NamedCurve {
  const params = cert.subjectPublicKeyInfo.algorithm.algorithmParams;
  const oid = params instanceof asn1js.ObjectIdentifier ? params.valueBlock.toString() : '';
  const curve = curveFromOid(oid);
  if (!curve) throw new UnsupportedAlgorithmError(`Unsupported EC curve ${oid || '(not named)'} in the signer certificate`);
  return curve;
}

/** SPKI DER for import; an id-RSASSA-PSS key is re-labelled rsaEncryption, which WebCrypto accepts. */
function spkiDer(cert: pkijs.Certificate): Uint8Array {
  const spki = cert.subjectPublicKeyInfo;
  if (spki.algorithm.algorithmId !== OID.rsassaPss) return toDer(spki);
  const relabelled = new pkijs.PublicKeyInfo({
    algorithm: new pkijs.AlgorithmIdentifier({ algorithmId: OID.rsaEncryption, algorithmParams: new asn1js.Null() }),
    subjectPublicKey: spki.subjectPublicKey,
  });
  return toDer(relabelled);
}

function keyKind(cert: pkijs.Certificate): 'RSA' | 'EC' {
  const alg = cert.subjectPublicKeyInfo.algorithm.algorithmId;
  if (alg === OID.rsaEncryption || alg === OID.rsassaPss) return 'RSA';
  if (alg === OID.ecPublicKey) return 'EC';
  if (alg === DSA_OID) throw new UnsupportedAlgorithmError('DSA signer certificates are not supported');
  throw new UnsupportedAlgorithmError(`Unsupported signer public key algorithm ${alg}`);
}

/**
 * True when `signature` is a valid signature over `data` by the certificate's key. Throws
 * UnsupportedAlgorithmError when the key cannot be used with the scheme at all.
 */
export async function verifyWithCertificate(
  cert: pkijs.Certificate,
  scheme: SignatureScheme,
  data: Uint8Array,
  signature: Uint8Array,
): Promise<boolean> {
  const kind = keyKind(cert);
  const spki = toArrayBuffer(spkiDer(cert));
  if (scheme.scheme === 'ecdsa') {
    if (kind !== 'EC') throw new UnsupportedAlgorithmError('The signature is ECDSA but the signer certificate has an RSA key');
    const namedCurve = ecCurve(cert);
    const raw = ecdsaDerToRaw(signature, Math.ceil(CURVE_BITS[namedCurve] / 8));
    if (!raw) return false;
    const key = await crypto.subtle.importKey('spki', spki, { name: 'ECDSA', namedCurve }, false, ['verify']);
    return crypto.subtle.verify({ name: 'ECDSA', hash: scheme.hash }, key, toArrayBuffer(raw), toArrayBuffer(data));
  }
  if (kind !== 'RSA') throw new UnsupportedAlgorithmError('The signature is RSA but the signer certificate has an EC key');
  // BigSig lesson: check sizes before any crypto call. RFC 8017 §8.2.2: |s| = |n| exactly.
  const bits = rsaModulusBits(cert) ?? 0;
  if (bits > MAX_RSA_BITS) throw new UnsupportedAlgorithmError(`RSA keys above ${MAX_RSA_BITS} bits are not supported (${bits})`);
  if (signature.length !== Math.ceil(bits / 8)) return false;
  if (scheme.scheme === 'rsa-pss') {
    const key = await crypto.subtle.importKey('spki', spki, { name: 'RSA-PSS', hash: scheme.hash }, false, ['verify']);
    return crypto.subtle.verify(
      { name: 'RSA-PSS', saltLength: scheme.saltLength },
      key,
      toArrayBuffer(signature),
      toArrayBuffer(data),
    );
  }
  const key = await crypto.subtle.importKey('spki', spki, { name: 'RSASSA-PKCS1-v1_5', hash: scheme.hash }, false, [
    'verify',
  ]);
  return crypto.subtle.verify('RSASSA-PKCS1-v1_5', key, toArrayBuffer(signature), toArrayBuffer(data));
}
