/**
 * The same interop paths with less tidy content: LF-only input, 8-bit UTF-8 text, a
 * multipart/mixed with a base64 attachment, and a 2 MiB attachment (pkijs chunking, BER).
 */
import { randomBytes } from 'node:crypto';
import {
  type PeerName, MARKER, mailMessage, opensslEncrypt, opensslSign, ourDecrypt, ourEncrypt, ourSign, ourVerify,
  peerDecryptMessage, peerPool, peerVerifyMessage, sameDecodedEntity, sameEntity, tamper, verdictSummary,
} from '../support/peers';

function attachmentEntity(size: number): Buffer {
  const b64 = (randomBytes(size).toString('base64').match(/.{1,76}/g) ?? []).join('\r\n');
  return Buffer.from(
    'Content-Type: multipart/mixed; boundary="mix-1"\r\n\r\n' +
      `--mix-1\r\nContent-Type: text/plain; charset=us-ascii\r\n\r\nSee attached, ${MARKER}.\r\n` +
      '--mix-1\r\nContent-Type: application/octet-stream; name="data.bin"\r\nContent-Transfer-Encoding: base64\r\n' +
      `Content-Disposition: attachment; filename="data.bin"\r\n\r\n${b64}\r\n--mix-1--\r\n`,
    'latin1',
  );
}

/** `canonical`: CRLF input; `plain`: the marker stays readable even if the signer re-encodes 8-bit text. */
const ENTITIES: { name: string; entity: Buffer; canonical: boolean; plain: boolean }[] = [
  {
    name: 'LF-only text',
    entity: Buffer.from(`Content-Type: text/plain; charset=us-ascii\n\nline one\nline two ${MARKER}\n`, 'latin1'),
    canonical: false,
    plain: true,
  },
  {
    name: '8-bit UTF-8 text',
    entity: Buffer.from(`Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\nGrüße, Ærø, 日本 ${MARKER}\r\n`, 'utf8'),
    canonical: true,
    plain: false,
  },
  { name: 'multipart/mixed with attachment', entity: attachmentEntity(3000), canonical: true, plain: true },
  { name: '2 MiB attachment', entity: attachmentEntity(2 * 1024 * 1024), canonical: true, plain: true },
];

function lfOnly(message: Buffer): Buffer {
  return Buffer.from(message.toString('latin1').replace(/\r\n/g, '\n'), 'latin1');
}

const pool = peerPool();
afterAll(() => pool.dispose());

const PEERS: PeerName[] = ['openssl', 'nss', 'gpgsm'];

describe('our sign → peers, varied content', () => {
  test.each(ENTITIES.flatMap((e) => [false, true].map((opaque) => ({ ...e, opaque }))))(
    '$name opaque=$opaque → openssl, NSS, gpgsm',
    ({ entity, opaque, canonical, plain }) => {
      const input = canonical ? mailMessage(entity) : lfOnly(mailMessage(entity));
      const message = ourSign({ family: 'rsa2048', who: 'alice', message: input, opaque });
      for (const peer of PEERS) {
        const r = peerVerifyMessage(peer, 'rsa2048', message, pool.get('rsa2048'));
        expect(`${peer}: ${r.ok ? 'ok' : r.log}`).toBe(`${peer}: ok`);
        if (plain) expect(r.content.toString('latin1')).toContain(MARKER);
      }
    },
  );
});

describe('openssl sign → our verify, varied content', () => {
  test.each(ENTITIES.filter((e) => e.canonical).flatMap((e) => [true, false].map((detached) => ({ ...e, detached }))))(
    '$name detached=$detached → valid, tampered → not valid',
    ({ entity, detached }) => {
      const message = opensslSign({ family: 'p256', who: 'alice', content: entity, detached });
      expect(verdictSummary(ourVerify('p256', message))).toBe('exit 0, valid');
      expect(ourVerify('p256', tamper(message)).verdict?.status ?? 'no verdict').not.toBe('valid');
    },
  );
});

describe('encryption both ways, varied content (byte-exact)', () => {
  const rows = ENTITIES.filter((e) => e.canonical);
  // 8-bit text may come out re-encoded (the product turns it into quoted-printable), so
  // that row compares the decoded body; the others must be byte-exact.
  test.each(rows)('$name: our encrypt → openssl and NSS decrypt', ({ entity, plain }) => {
    const message = ourEncrypt({ recipients: [{ family: 'rsa2048', who: 'bob' }], message: mailMessage(entity) });
    for (const peer of ['openssl', 'nss'] as PeerName[]) {
      const r = peerDecryptMessage(peer, { family: 'rsa2048', who: 'bob' }, message, pool.get('rsa2048'));
      expect(`${peer}: ${r.ok ? 'ok' : r.log}`).toBe(`${peer}: ok`);
      expect((plain ? sameEntity : sameDecodedEntity)(r.content, entity)).toBe(true);
    }
  });

  test.each(rows)('$name: openssl AES-256-GCM and ECDH → our decrypt', ({ entity }) => {
    const message = opensslEncrypt({ recipients: [{ family: 'p384', who: 'bob' }], content: entity, cipher: 'aes-256-gcm' });
    const r = ourDecrypt({ family: 'p384', who: 'bob' }, message);
    expect(r.status === 0 ? 'ok' : r.stderr).toBe('ok');
    expect(sameEntity(r.stdout, entity)).toBe(true);
  });
});
