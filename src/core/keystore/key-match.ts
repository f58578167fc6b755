/**
 * Does this private key belong to this certificate? Compared on public values (RSA
 * modulus/exponent, EC point), with a sign-then-verify proof when a PKCS#8 EC key omits
 * its public point. Never exposes key bytes.
 */
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { parseBer, parsePkiObject, toDer } from '../asn1';
import { bytesEqual, randomBytes, toArrayBuffer } from '../bytes';
import { curveFromOid } from '../keys';
import { OID } from '../oids';
import { children, isContextTag } from './asn1-helpers';

function unsignedInt(node: asn1js.Integer | undefined): Uint8Array {
  const bytes = node?.valueBlock.valueHexView ?? new Uint8Array(0);
  let start = 0;
  while (start < bytes.length - 1 && bytes[start] === 0) start++;
  return bytes.subarray(start);
}

function oidParam(params: unknown): string {
  return params instanceof asn1js.ObjectIdentifier ? params.valueBlock.toString() : '';
}

export async function pkcs8MatchesCertificate(pkcs8: Uint8Array, certificate: pkijs.Certificate): Promise<boolean> {
  const info = parsePkiObject(pkijs.PrivateKeyInfo, pkcs8, 'private key');
  const spki = certificate.subjectPublicKeyInfo;
  const keyAlg = info.privateKeyAlgorithm.algorithmId;
  const certAlg = spki.algorithm.algorithmId;
  const isRsa = (oid: string) => oid === OID.rsaEncryption || oid === OID.rsassaPss;

  if (isRsa(keyAlg) && isRsa(certAlg)) {
    const priv = info.parsedKey as pkijs.RSAPrivateKey | undefined;
    const pub = spki.parsedKey as pkijs.RSAPublicKey | undefined;
    if (!priv || !pub) return false;
    return (
      bytesEqual(unsignedInt(priv.modulus), unsignedInt(pub.modulus)) &&
      bytesEqual(unsignedInt(priv.publicExponent), unsignedInt(pub.publicExponent))
    );
  }

  if (keyAlg === OID.ecPublicKey && certAlg === OID.ecPublicKey) {
    const curve = oidParam(info.privateKeyAlgorithm.algorithmParams);
    if (!curve || curve !== oidParam(spki.algorithm.algorithmParams)) return false;
    const certPoint = spki.subjectPublicKey.valueBlock.valueHexView;
    const ecKey = parseBer(new Uint8Array(info.privateKey.valueBlock.valueHexView), 'EC private key');
    const publicField = children(ecKey, 'EC private key').find((n) => isContextTag(n, 1));
    const bitString = publicField ? children(publicField, 'EC public key')[0] : undefined;
    if (bitString instanceof asn1js.BitString) {
      return bytesEqual(new Uint8Array(bitString.valueBlock.valueHexView), new Uint8Array(certPoint));
    }
    return signVerifyProof(pkcs8, certificate, curve);
  }
  return false;
}

async function signVerifyProof(pkcs8: Uint8Array, certificate: pkijs.Certificate, curveOid: string): Promise<boolean> {
  const namedCurve = curveFromOid(curveOid);
  if (!namedCurve) return false;
  const alg = { name: 'ECDSA', namedCurve };
  const challenge = randomBytes(32);
  try {
    const priv = await crypto.subtle.importKey('pkcs8', toArrayBuffer(pkcs8), alg, false, ['sign']);
    const pub = await crypto.subtle.importKey(
      'spki',
      toArrayBuffer(toDer(certificate.subjectPublicKeyInfo)),
      alg,
      false,
      ['verify'],
    );
    const sig = await crypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, priv, toArrayBuffer(challenge));
    return await crypto.subtle.verify({ name: 'ECDSA', hash: 'SHA-256' }, pub, sig, toArrayBuffer(challenge));
  } catch {
    return false;
  }
}
