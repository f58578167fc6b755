/**
 * AuthEnvelopedData (RFC 5083), which pkijs lacks:
 *   SEQUENCE { version 0, originatorInfo [0] OPTIONAL, recipientInfos SET,
 *              authEncryptedContentInfo, authAttrs [1] OPTIONAL, mac OCTET STRING,
 *              unauthAttrs [2] OPTIONAL }
 * RecipientInfo and EncryptedContentInfo parsing is delegated to pkijs.
 */
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { MalformedInputError } from '../errors';
import { OID } from '../oids';
import { primitive, node, smallInteger, TAG, type DerNode } from './der-writer';
import { contentInfoNode, encryptedContentInfoNode, recipientInfosNode } from './encrypted-content';

export interface ParsedAuthEnvelopedData {
  recipientInfos: pkijs.RecipientInfo[];
  encryptedContentInfo: pkijs.EncryptedContentInfo;
  mac: Uint8Array;
  /** DER of authAttrs re-tagged as SET OF (RFC 5083 §2.2), the GCM additional data. */
  aad?: Uint8Array;
}

export function buildAuthEnvelopedData(recipientInfos: Uint8Array[], algorithmIdentifier: Uint8Array, ciphertext: Uint8Array, mac: Uint8Array): DerNode {
  const aed = node(
    TAG.sequence,
    smallInteger(0),
    recipientInfosNode(recipientInfos),
    encryptedContentInfoNode(algorithmIdentifier, ciphertext),
    primitive(TAG.octetString, mac),
  );
  return contentInfoNode(OID.authEnvelopedData, aed);
}

function isContext(block: asn1js.BaseBlock | undefined, tag: number): boolean {
  return block !== undefined && block.idBlock.tagClass === 3 && block.idBlock.tagNumber === tag;
}

export function parseAuthEnvelopedData(content: unknown): ParsedAuthEnvelopedData {
  if (!(content instanceof asn1js.Sequence)) throw new MalformedInputError('AuthEnvelopedData is not a SEQUENCE');
  const items = content.valueBlock.value;
  let i = 0;
  const version = items[i++];
  if (!(version instanceof asn1js.Integer) || version.valueBlock.valueDec !== 0) {
    throw new MalformedInputError('AuthEnvelopedData version must be 0');
  }
  if (isContext(items[i], 0)) i++; // originatorInfo: certificates for the originator, not needed to decrypt
  const riSet = items[i++];
  if (!(riSet instanceof asn1js.Set)) throw new MalformedInputError('AuthEnvelopedData recipientInfos are missing');
  const eciNode = items[i++];
  if (!(eciNode instanceof asn1js.Sequence)) throw new MalformedInputError('AuthEnvelopedData content info is missing');
  let aad: Uint8Array | undefined;
  if (isContext(items[i], 1)) {
    const encoded = new Uint8Array(items[i++].valueBeforeDecodeView).slice();
    encoded[0] = TAG.set; // [1] IMPLICIT → SET OF for the MAC input
    aad = encoded;
  }
  const mac = items[i++];
  if (!(mac instanceof asn1js.OctetString)) throw new MalformedInputError('AuthEnvelopedData mac is missing');
  if (isContext(items[i], 2)) i++;
  if (i !== items.length) throw new MalformedInputError('AuthEnvelopedData has unexpected trailing fields');

  try {
    return {
      recipientInfos: riSet.valueBlock.value.map((schema) => new pkijs.RecipientInfo({ schema })),
      encryptedContentInfo: new pkijs.EncryptedContentInfo({ schema: eciNode }),
      mac: new Uint8Array(mac.getValue()),
      aad,
    };
  } catch (err) {
    throw new MalformedInputError(`AuthEnvelopedData has an invalid structure: ${(err as Error).message}`, { cause: err });
  }
}
