/**
 * EncryptedContentInfo, shared by EnvelopedData and AuthEnvelopedData: writing it with a
 * single primitive [0] (no 1 KiB chunking) and reading it in either primitive or
 * constructed (BER, e.g. `openssl cms -stream`) form.
 */
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { concatBytes } from '../bytes';
import { MalformedInputError } from '../errors';
import { OID } from '../oids';
import { node, primitive, TAG, type DerNode } from './der-writer';

export function encryptedContentInfoNode(algorithmIdentifier: Uint8Array, ciphertext: Uint8Array): DerNode {
  const dataOid = new Uint8Array(new asn1js.ObjectIdentifier({ value: OID.data }).toBER(false));
  return node(TAG.sequence, dataOid, algorithmIdentifier, primitive(TAG.context0Primitive, ciphertext));
}

/** A RecipientInfo SET from already-encoded RecipientInfos. */
export function recipientInfosNode(infos: Uint8Array[]): DerNode {
  return node(TAG.set, ...infos);
}

export function contentInfoNode(contentTypeOid: string, content: DerNode): DerNode {
  const oid = new Uint8Array(new asn1js.ObjectIdentifier({ value: contentTypeOid }).toBER(false));
  return node(TAG.sequence, oid, node(TAG.context0Explicit, content));
}

const MAX_OCTET_NESTING = 8;

function collectOctets(block: asn1js.BaseBlock, out: Uint8Array[], depth: number): void {
  if (depth > MAX_OCTET_NESTING) throw new MalformedInputError('Encrypted content is nested too deeply');
  if (!block.idBlock.isConstructed) {
    out.push((block.valueBlock as unknown as { valueHexView: Uint8Array }).valueHexView);
    return;
  }
  const children = (block as asn1js.Constructed).valueBlock.value;
  for (const child of children) {
    if (child.idBlock.tagClass !== 1 || child.idBlock.tagNumber !== 4) {
      throw new MalformedInputError('Encrypted content contains something other than OCTET STRINGs');
    }
    collectOctets(child, out, depth + 1);
  }
}

/** The ciphertext bytes, concatenating the segments of a constructed encoding. */
export function encryptedContentBytes(eci: pkijs.EncryptedContentInfo): Uint8Array {
  if (!eci.encryptedContent) throw new MalformedInputError('The encrypted content is missing (detached content is not supported)');
  const parts: Uint8Array[] = [];
  collectOctets(eci.encryptedContent, parts, 0);
  return parts.length === 1 ? parts[0] : concatBytes(...parts);
}
