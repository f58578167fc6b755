/**
 * SMIMECapabilities (RFC 8551 §2.5.2): the sender's preference-ordered list of algorithms it
 * can decrypt. We advertise it when signing; the encryption side reads it to pick a cipher.
 */
import * as asn1js from 'asn1js';
import { parseBer } from '../asn1';
import { MalformedInputError } from '../errors';
import { OID } from '../oids';

export interface SmimeCapability {
  oid: string;
  /** DER of the parameters, if any. */
  parameters?: Uint8Array;
}

function der(value: asn1js.AsnType): Uint8Array {
  return new Uint8Array(value.toBER(false));
}

function algorithm(oid: string): asn1js.Sequence {
  return new asn1js.Sequence({ value: [new asn1js.ObjectIdentifier({ value: oid })] });
}

/** RSAES-OAEP-params with SHA-256 and MGF1-SHA-256 (RFC 4055 §4.1); pSourceFunc stays default. */
function oaepSha256Params(): Uint8Array {
  return der(
    new asn1js.Sequence({
      value: [
        new asn1js.Constructed({ idBlock: { tagClass: 3, tagNumber: 0 }, value: [algorithm(OID.sha256)] }),
        new asn1js.Constructed({
          idBlock: { tagClass: 3, tagNumber: 1 },
          value: [
            new asn1js.Sequence({ value: [new asn1js.ObjectIdentifier({ value: OID.mgf1 }), algorithm(OID.sha256)] }),
          ],
        }),
      ],
    }),
  );
}

/**
 * Our preference order: AEAD first (RFC 8551 §2.7), then the CBC ciphers every peer reads
 * (OpenSSL and NSS advertise AES-256/128-CBC), then key-management algorithms. For ECDH the
 * parameters name the key-wrap algorithm (RFC 5753 §7.2).
 */
export const DEFAULT_SMIME_CAPABILITIES: SmimeCapability[] = [
  { oid: OID.aes256GCM },
  { oid: OID.aes128GCM },
  { oid: OID.aes256CBC },
  { oid: OID.aes128CBC },
  { oid: OID.rsaesOaep, parameters: oaepSha256Params() },
  { oid: OID.rsaEncryption },
  { oid: OID.dhSinglePassStdDHsha256kdf, parameters: der(algorithm(OID.aes256Wrap)) },
  { oid: OID.dhSinglePassStdDHsha256kdf, parameters: der(algorithm(OID.aes128Wrap)) },
];

export function encodeSmimeCapabilities(caps: SmimeCapability[]): asn1js.Sequence {
  return new asn1js.Sequence({
    value: caps.map((cap) => {
      const value: asn1js.AsnType[] = [new asn1js.ObjectIdentifier({ value: cap.oid })];
      if (cap.parameters) {
        value.push(parseBer(cap.parameters, `SMIMECapability ${cap.oid} parameters`));
      }
      return new asn1js.Sequence({ value });
    }),
  });
}

/** Reads an SMIMECapabilities attribute value; unknown algorithms are kept as they are. */
export function parseSmimeCapabilities(attrValue: asn1js.AsnType): SmimeCapability[] {
  if (!(attrValue instanceof asn1js.Sequence)) {
    throw new MalformedInputError('SMIMECapabilities is not a SEQUENCE');
  }
  return attrValue.valueBlock.value.map((entry, i) => {
    const parts = entry instanceof asn1js.Sequence ? entry.valueBlock.value : [];
    const id = parts[0];
    if (!(id instanceof asn1js.ObjectIdentifier) || parts.length > 2) {
      throw new MalformedInputError(`SMIMECapability ${i + 1} is not SEQUENCE { OID, parameters OPTIONAL }`);
    }
    const cap: SmimeCapability = { oid: id.valueBlock.toString() };
    if (parts.length === 2) cap.parameters = der(parts[1]);
    return cap;
  });
}
