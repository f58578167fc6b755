/**
 * Seed corpora for the fuzz targets, generated from the per-run test PKI (the same identities
 * the interop tests use) with our own signer/encryptor and the real openssl, plus the context
 * (anchors, decryption keys) the runner needs. Written to `<dir>/<target>/seed-N.bin`.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { concatBytes, latin1Encode, utf8Encode } from '../../src/core/bytes';
import { encryptData } from '../../src/core/cms/encrypt';
import { signData } from '../../src/core/cms/sign';
import { privateKeyFromPkcs8 } from '../../src/core/keys';
import { parseMime } from '../../src/core/mime';
import { loadCertificate, loadPrivateKeyPkcs8 } from '../../src/core/pem';
import { encryptMessage, signMessage } from '../../src/core/smime';
import { joinCmsInput, TARGETS, type TargetName } from './targets';

const CONTENT = 'Content-Type: text/plain; charset=utf-8\r\n\r\nHello Bob,\r\nsee you at 10.\r\n';
const HTML = 'Content-Type: multipart/alternative; boundary="alt"\r\n\r\n--alt\r\nContent-Type: text/plain\r\n\r\nhi\r\n--alt\r\nContent-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n<p>hi=20there</p>=\r\n\r\n--alt--\r\n';

function message(body: string, from = 'Alice <alice@example.com>'): Uint8Array {
  return latin1Encode(`From: ${from}\r\nTo: bob@example.com\r\nSubject: seed\r\nDate: Mon, 2 Mar 2026 10:00:00 +0000\r\nMIME-Version: 1.0\r\n${body}`);
}

function openssl(args: string[], input?: Uint8Array): Uint8Array {
  const r = spawnSync('openssl', args, { input, maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`openssl ${args.join(' ')}: ${r.stderr.toString()}`);
  return new Uint8Array(r.stdout);
}

export async function writeCorpus(pkiDir: string, dir: string): Promise<Record<TargetName, number>> {
  const pki = (family: string, file: string) => join(pkiDir, family, file);
  const read = (family: string, file: string) => new Uint8Array(readFileSync(pki(family, file)));
  const seeds: Record<TargetName, Uint8Array[]> = { 'read-message': [], 'cms-verify': [], pkcs12: [], mime: [], decrypt: [] };

  for (const family of ['rsa2048', 'p256']) {
    const signer = {
      certificate: loadCertificate(read(family, 'alice.crt')),
      chain: [loadCertificate(read(family, 'inter.crt'))],
      key: await privateKeyFromPkcs8(loadPrivateKeyPkcs8(read(family, 'alice.key'))),
    };
    const bob = loadCertificate(read(family, 'bob.crt'));
    for (const body of [CONTENT, HTML]) {
      const detached = await signMessage(message(body), signer);
      const opaque = await signMessage(message(body), signer, { opaque: true });
      const gcm = await encryptMessage(detached, [bob], { cipher: 'aes-256-gcm' });
      const cbc = await encryptMessage(message(body), [bob], { cipher: 'aes-128-cbc' });
      seeds['read-message'].push(detached, opaque, gcm, cbc, message(body));
      seeds.mime.push(detached, gcm);
      const d = await signData(utf8Encode(body), signer, { detached: true });
      const o = await signData(utf8Encode(body), signer, { detached: false });
      seeds['cms-verify'].push(joinCmsInput(d.der, utf8Encode(body)), joinCmsInput(o.der));
      seeds.decrypt.push(await encryptData(utf8Encode(body), [bob], { cipher: 'aes-256-gcm' }));
      seeds.decrypt.push(await encryptData(utf8Encode(body), [bob], { cipher: 'aes-256-cbc' }));
      seeds['read-message'].push(await signMessage(parseMime(gcm).raw, signer)); // encrypt-then-sign
    }
    seeds.pkcs12.push(read(family, 'alice.p12'), read(family, 'bob.p12'));
  }

  // openssl: BER streaming (indefinite lengths, constructed OCTET STRINGs) and its MIME output.
  const content = utf8Encode(CONTENT);
  const signer = ['-signer', pki('rsa2048', 'alice.crt'), '-inkey', pki('rsa2048', 'alice.key')];
  seeds['cms-verify'].push(joinCmsInput(openssl(['cms', '-sign', '-nodetach', '-stream', '-binary', '-outform', 'DER', ...signer], content)));
  seeds.decrypt.push(openssl(['cms', '-encrypt', '-stream', '-binary', '-outform', 'DER', '-aes256', pki('rsa2048', 'bob.crt')], content));
  seeds.decrypt.push(openssl(['cms', '-encrypt', '-binary', '-outform', 'DER', '-aes-128-gcm', pki('p256', 'bob.crt')], content));
  const smime = openssl(['cms', '-sign', ...signer, '-from', 'alice@example.com', '-to', 'bob@example.com', '-subject', 's'], content);
  seeds['read-message'].push(smime);
  // Header protection as older clients sign it: the whole message in a message/rfc822 wrapper.
  const wrapper = concatBytes(latin1Encode('Content-Type: message/rfc822\r\n\r\n'), message(CONTENT));
  seeds['read-message'].push(openssl(['cms', '-sign', '-binary', ...signer, '-from', 'alice@example.com', '-subject', 's'], wrapper));
  seeds.mime.push(smime, message(HTML));

  const counts = {} as Record<TargetName, number>;
  for (const target of TARGETS) {
    mkdirSync(join(dir, target), { recursive: true });
    seeds[target].forEach((s, i) => writeFileSync(join(dir, target, `seed-${i}.bin`), s));
    counts[target] = seeds[target].length;
  }
  mkdirSync(join(dir, 'ctx'), { recursive: true });
  for (const family of ['rsa2048', 'p256']) {
    copyFileSync(pki(family, 'root.crt'), join(dir, 'ctx', `${family}-root.crt`));
    copyFileSync(pki(family, 'bob.crt'), join(dir, 'ctx', `${family}-bob.crt`));
    copyFileSync(pki(family, 'bob.key'), join(dir, 'ctx', `${family}-bob.key`));
  }
  return counts;
}
