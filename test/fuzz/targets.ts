/**
 * The five fuzz targets (issue 6). Each takes one input and either finishes or throws a
 * FuzzCrash. Throwing a typed SmimeError is a correct answer for targets 2–5; target 1
 * (the whole read pipeline) must never throw: every input gets a verdict.
 */
import type * as pkijs from 'pkijs';
import { latin1Encode, toBase64 } from '../../src/core/bytes';
import type { DecryptionKey } from '../../src/core/cms/decrypt';
import { verifySignedData } from '../../src/core/cms/verify';
import { SmimeError } from '../../src/core/errors';
import { readPkcs12 } from '../../src/core/keystore/pkcs12';
import { parseMime, type MimeEntity } from '../../src/core/mime';
import { decryptMessage, readMessage } from '../../src/core/smime';
import { BANNER_MAX_LENGTH, STATUS_PRECEDENCE } from '../../src/core/verdict';

export const TARGETS = ['read-message', 'cms-verify', 'pkcs12', 'mime', 'decrypt'] as const;
export type TargetName = (typeof TARGETS)[number];

export interface TargetContext {
  anchors: pkijs.Certificate[];
  keys: DecryptionKey[];
}

/** Anything other than a typed error or a verdict: the fuzzer's finding. */
export class FuzzCrash extends Error {
  constructor(
    message: string,
    readonly original?: unknown,
  ) {
    super(message);
    this.name = 'FuzzCrash';
  }
}

function describe(err: unknown): string {
  return err instanceof Error ? `${err.name}: ${err.message}\n${err.stack ?? ''}` : String(err);
}

/** Runs `fn`; a SmimeError is an answer, anything else a crash. */
async function typedOnly(fn: () => Promise<unknown> | unknown): Promise<void> {
  try {
    await fn();
  } catch (err) {
    if (err instanceof SmimeError) return;
    throw new FuzzCrash(`untyped exception: ${describe(err)}`, err);
  }
}

/** Touches everything a host would read from a parsed tree (bodies, filenames, text). */
function walk(root: MimeEntity): void {
  const stack = [root];
  while (stack.length > 0) {
    const e = stack.pop() as MimeEntity;
    void e.filename;
    void e.disposition;
    void e.contentId;
    if (e.isMultipart) stack.push(...e.children);
    else void e.text();
  }
}

/**
 * cms-verify input = the OpenSSL cms_verify.c split: 4-byte big-endian DER length, DER,
 * then the detached content (empty → verify as opaque).
 */
export function splitCmsInput(input: Uint8Array): { der: Uint8Array; content?: Uint8Array } {
  if (input.length < 4) return { der: input };
  const len = ((input[0] << 24) | (input[1] << 16) | (input[2] << 8) | input[3]) >>> 0;
  const der = input.subarray(4, 4 + Math.min(len, input.length - 4));
  const rest = input.subarray(4 + der.length);
  return { der, content: rest.length > 0 ? rest : undefined };
}

export function joinCmsInput(der: Uint8Array, content?: Uint8Array): Uint8Array {
  const out = new Uint8Array(4 + der.length + (content?.length ?? 0));
  new DataView(out.buffer).setUint32(0, der.length);
  out.set(der, 4);
  if (content) out.set(content, 4 + der.length);
  return out;
}

/** decrypt input = DER (Auth)EnvelopedData, wrapped into a message the way a mail store holds it. */
export function wrapEncrypted(der: Uint8Array): Uint8Array {
  return latin1Encode(
    'From: alice@example.com\r\nTo: bob@example.com\r\nSubject: fuzz\r\nMIME-Version: 1.0\r\n' +
      'Content-Type: application/pkcs7-mime; smime-type=enveloped-data; name="smime.p7m"\r\n' +
      `Content-Transfer-Encoding: base64\r\n\r\n${toBase64(der, 76)}\r\n`,
  );
}

export async function runTarget(name: TargetName, input: Uint8Array, ctx: TargetContext): Promise<void> {
  switch (name) {
    case 'read-message': {
      let verdict;
      try {
        ({ verdict } = await readMessage(input, { anchors: ctx.anchors, decryptionKeys: ctx.keys, revocation: 'off' }));
      } catch (err) {
        throw new FuzzCrash(`readMessage threw instead of returning a verdict: ${describe(err)}`, err);
      }
      if (!STATUS_PRECEDENCE.includes(verdict.status)) throw new FuzzCrash(`unknown status ${String(verdict.status)}`);
      if (verdict.banner.length > BANNER_MAX_LENGTH) throw new FuzzCrash('banner longer than the Outlook limit');
      return;
    }
    case 'cms-verify': {
      const { der, content } = splitCmsInput(input);
      return typedOnly(() => verifySignedData(der, { detachedContent: content }));
    }
    case 'pkcs12':
      return typedOnly(() => readPkcs12(input, 'test'));
    case 'mime':
      return typedOnly(() => walk(parseMime(input)));
    case 'decrypt':
      return typedOnly(() => decryptMessage(wrapEncrypted(input), ctx.keys));
  }
}
