/**
 * The SubjectPublicKeyInfo of a PKCS#8 private key, built from its public fields (RSA
 * modulus/exponent, the EC point stored in the key) so no private value leaves a Uint8Array.
 */
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { parseBer, parsePkiObject } from '../asn1';
import { BadInputError, UnsupportedAlgorithmError } from '../errors';
import { OID } from '../oids';
import { children, isContextTag } from './asn1-helpers';

export function spkiFromPkcs8(pkcs8: Uint8Array): pkijs.PublicKeyInfo {
  const info = parsePkiObject(pkijs.PrivateKeyInfo, pkcs8, 'private key');
  const alg = info.privateKeyAlgorithm.algorithmId;
  if (alg === OID.rsaEncryption) {
    const rsa = info.parsedKey as pkijs.RSAPrivateKey | undefined;
    if (!rsa) throw new BadInputError('RSA private key cannot be parsed');
    const pub = new pkijs.RSAPublicKey({ modulus: rsa.modulus, publicExponent: rsa.publicExponent });
    return new pkijs.PublicKeyInfo({
      algorithm: new pkijs.AlgorithmIdentifier({ algorithmId: OID.rsaEncryption, algorithmParams: new asn1js.Null() }),
      subjectPublicKey: new asn1js.BitString({ valueHex: pub.toSchema().toBER(false) }),
    });
  }
  if (alg === OID.ecPublicKey) {
    const curve = info.privateKeyAlgorithm.algorithmParams;
    if (!(curve instanceof asn1js.ObjectIdentifier)) throw new UnsupportedAlgorithmError('EC key without a named curve');
    const ecKey = parseBer(new Uint8Array(info.privateKey.valueBlock.valueHexView), 'EC private key');
    const field = children(ecKey, 'EC private key').find((n) => isContextTag(n, 1));
    const point = field ? children(field, 'EC public key')[0] : undefined;
    if (!(point instanceof asn1js.BitString)) throw new BadInputError('EC private key does not include its public key');
    return new pkijs.PublicKeyInfo({
      algorithm: new pkijs.AlgorithmIdentifier({
        algorithmId: OID.ecPublicKey,
        algorithmParams: new asn1js.ObjectIdentifier({ value: curve.valueBlock.toString() }),
      }),
      subjectPublicKey: new asn1js.BitString({ valueHex: point.valueBlock.valueHexView.slice().buffer }),
    });
  }
  throw new UnsupportedAlgorithmError(`Unsupported private key algorithm ${alg}`);
}
