/**
 * Builders for adversarial inputs (threat checklist §A–§H). Everything is made at test time
 * from the per-run test PKI: messages are signed by our own signer or by openssl, then taken
 * apart and reassembled the way an attacker would.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { parseContentInfo } from '../../src/core/asn1';
import { latin1Decode, latin1Encode, toArrayBuffer, toBase64, utf8Encode } from '../../src/core/bytes';
import { sortSignedAttributes } from '../../src/core/cms/attributes';
import type { SignerIdentity } from '../../src/core/cms/sign';
import { privateKeyFromPkcs8, type SignatureScheme } from '../../src/core/keys';
import { parseMime } from '../../src/core/mime';
import { OID } from '../../src/core/oids';
import { loadCertificate, loadPrivateKeyPkcs8 } from '../../src/core/pem';
import { readMessage, signMessage, type ReadOptions } from '../../src/core/smime';
import type { Verdict } from '../../src/core/verdict';
import { PKI_DIR, readPki } from '../support/fixtures';

export const casePath = (file: string): string => join(PKI_DIR, 'cases', file);
export const caseCert = (name: string): pkijs.Certificate => loadCertificate(new Uint8Array(readFileSync(casePath(`${name}.crt`))));

/** A signer from test/support/pki/20-pki-cases.sh (P-256 or RSA, issued by cases/inter unless said otherwise). */
export async function caseSigner(name: string, chain: string[] = ['inter']): Promise<SignerIdentity> {
  return {
    certificate: caseCert(name),
    chain: chain.map(caseCert),
    key: await privateKeyFromPkcs8(loadPrivateKeyPkcs8(new Uint8Array(readFileSync(casePath(`${name}.key`))))),
  };
}

export async function familySigner(family: string, who = 'alice'): Promise<SignerIdentity> {
  return {
    certificate: loadCertificate(readPki(family, `${who}.crt`)),
    chain: [loadCertificate(readPki(family, 'inter.crt'))],
    key: await privateKeyFromPkcs8(loadPrivateKeyPkcs8(readPki(family, `${who}.key`))),
  };
}

/** Anchors: both the rsa2048 family root and the cases root, so each signer has its real anchor. */
export function anchors(): pkijs.Certificate[] {
  return [loadCertificate(readPki('rsa2048', 'root.crt')), loadCertificate(readPki('p256', 'root.crt')), caseCert('root')];
}

export async function verdictOf(message: Uint8Array | string, options: ReadOptions = {}): Promise<Verdict> {
  const bytes = typeof message === 'string' ? latin1Encode(message) : message;
  const { verdict } = await readMessage(bytes, { anchors: anchors(), revocation: 'off', ...options });
  return verdict;
}

export const CONTENT = 'Content-Type: text/plain; charset=utf-8\r\n\r\nPay Bob 10 EUR.\r\n';

export function header(from = 'Alice <alice@example.com>', extra = ''): string {
  return `From: ${from}\r\nTo: bob@example.com\r\nSubject: Invoice\r\nDate: ${new Date().toUTCString()}\r\n${extra}MIME-Version: 1.0\r\n`;
}

export function plain(from = 'Alice <alice@example.com>', body = CONTENT): Uint8Array {
  return latin1Encode(header(from) + body);
}

export async function signedBy(signer: SignerIdentity, from: string, opaque = false, body = CONTENT): Promise<string> {
  return latin1Decode(await signMessage(plain(from, body), signer, { opaque }));
}

export interface DetachedParts {
  /** Raw bytes of the first body part (headers included), as signed. */
  content: string;
  p7s: Uint8Array;
  micalg: string;
}

export function detachedParts(message: string): DetachedParts {
  const root = parseMime(latin1Encode(message));
  const [content, sig] = root.children;
  return { content: latin1Decode(content.raw), p7s: sig.decodeBody(), micalg: root.contentType.params.micalg ?? 'sha-256' };
}

export function opaqueDer(message: string): Uint8Array {
  return parseMime(latin1Encode(message)).decodeBody();
}

/** Assembles multipart/signed from parts; `params` lets a test lie about protocol or micalg. */
export function multipartSigned(
  from: string,
  parts: { content: string; p7s: Uint8Array },
  params = 'protocol="application/pkcs7-signature"; micalg=sha-256',
  order: 'content-first' | 'signature-first' = 'content-first',
  extraPart?: string,
): string {
  const sig = `Content-Type: application/pkcs7-signature; name="smime.p7s"\r\nContent-Transfer-Encoding: base64\r\n\r\n${toBase64(parts.p7s, 76).replace(/\n/g, '\r\n')}\r\n`;
  const bodies = order === 'content-first' ? [parts.content, sig] : [sig, parts.content];
  if (extraPart !== undefined) bodies.push(extraPart);
  return (
    header(from) +
    `Content-Type: multipart/signed; ${params}; boundary="sig-b"\r\n\r\n` +
    bodies.map((b) => `--sig-b\r\n${b}\r\n`).join('') +
    '--sig-b--\r\n'
  );
}

export function opaqueMessage(from: string, der: Uint8Array, smimeType = 'signed-data', extra = ''): string {
  return (
    header(from, extra) +
    `Content-Type: application/pkcs7-mime; smime-type=${smimeType}; name="smime.p7m"\r\nContent-Transfer-Encoding: base64\r\n\r\n` +
    `${toBase64(der, 76).replace(/\n/g, '\r\n')}\r\n`
  );
}

export function parseSignedData(der: Uint8Array): pkijs.SignedData {
  return new pkijs.SignedData({ schema: parseContentInfo(der).content });
}

export function serialiseSignedData(sd: pkijs.SignedData): Uint8Array {
  const ci = new pkijs.ContentInfo({ contentType: OID.signedData, content: sd.toSchema() });
  return new Uint8Array(ci.toSchema().toBER(false));
}

export function schemeFor(signer: SignerIdentity): SignatureScheme {
  return signer.key.keyType === 'EC' ? { scheme: 'ecdsa', hash: 'SHA-256' } : { scheme: 'rsa-pkcs1', hash: 'SHA-256' };
}

/** Re-signs SignerInfo 0 after `mutate` changed its attributes, as a real (malicious) signer could. */
export async function resign(
  der: Uint8Array,
  signer: SignerIdentity,
  mutate: (attrs: pkijs.Attribute[], sd: pkijs.SignedData) => pkijs.Attribute[],
): Promise<Uint8Array> {
  const sd = parseSignedData(der);
  const si = sd.signerInfos[0];
  const { attributes, setDer } = sortSignedAttributes(mutate(si.signedAttrs?.attributes ?? [], sd));
  si.signedAttrs = new pkijs.SignedAndUnsignedAttributes({ type: 0, attributes });
  si.signature = new asn1js.OctetString({ valueHex: toArrayBuffer(await signer.key.sign(setDer, schemeFor(signer))) });
  return serialiseSignedData(sd);
}

export function setEContent(sd: pkijs.SignedData, content: Uint8Array | undefined): void {
  sd.encapContentInfo = new pkijs.EncapsulatedContentInfo({
    eContentType: sd.encapContentInfo.eContentType,
    ...(content ? { eContent: new asn1js.OctetString({ valueHex: toArrayBuffer(content) }) } : {}),
  });
}

export const text = (s: string): Uint8Array => utf8Encode(s);
