// idb checks instanceof IDBRequest & co., so the fake's globals must be installed.
import 'fake-indexeddb/auto';
import * as asn1js from 'asn1js';
import { IDBFactory } from 'fake-indexeddb';
import * as pkijs from 'pkijs';
import { toDer } from '../../src/core/asn1';
import { concatBytes, toArrayBuffer, toHex, utf8Decode } from '../../src/core/bytes';
import { BadInputError, KeyMismatchError, MalformedInputError, UnsupportedAlgorithmError, WrongPasswordError } from '../../src/core/errors';
import type { KeyValueBackend } from '../../src/core/keystore/backend';
import { createSelfSignedTestIdentity } from '../../src/core/keystore/generate';
import { IndexedDbBackend } from '../../src/core/keystore/indexeddb-backend';
import { KeyStore, certificateId } from '../../src/core/keystore/key-store';
import { unwrapPkcs8, wrapPkcs8, generateDeviceKey, PASSPHRASE_ITERATIONS } from '../../src/core/keystore/key-wrap';
import { MemoryBackend } from '../../src/core/keystore/memory-backend';
import { loadPrivateKeyPkcs8 } from '../../src/core/pem';
import { mustRun, pkiPath, readPki } from '../support/fixtures';
import { fixtureCert } from './p12-helpers';

const FAST = 1000; // passphrase KDF iterations in tests; the production default is asserted separately

function alice(family: string) {
  return { pkcs8: loadPrivateKeyPkcs8(readPki(family, 'alice.key')), certificate: fixtureCert(family, 'alice.crt'), chain: [fixtureCert(family, 'inter.crt')] };
}

async function verifyWithCert(cert: pkijs.Certificate, alg: RsaHashedImportParams | EcKeyImportParams, signAlg: AlgorithmIdentifier | EcdsaParams | RsaPssParams, sig: Uint8Array, data: Uint8Array) {
  const pub = await crypto.subtle.importKey('spki', toArrayBuffer(toDer(cert.subjectPublicKeyInfo)), alg, false, ['verify']);
  return crypto.subtle.verify(signAlg, pub, toArrayBuffer(sig), toArrayBuffer(data));
}

/** Every byte the backend holds, flattened, to search for leaked key material. */
async function dumpBackend(backend: KeyValueBackend): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  const walk = (v: unknown) => {
    if (v instanceof Uint8Array) parts.push(v);
    else if (typeof v === 'string') parts.push(new TextEncoder().encode(v));
    else if (v && typeof v === 'object' && !(v instanceof CryptoKey)) Object.values(v).forEach(walk);
  };
  for (const key of await backend.list()) walk(await backend.get(key));
  return concatBytes(...parts);
}

function contains(hay: Uint8Array, needle: Uint8Array): boolean {
  return toHex(hay).includes(toHex(needle));
}

/** The secret scalar inside a PKCS#8 EC key (the public point at its end is public anyway). */
function ecPrivateScalar(pkcs8: Uint8Array): Uint8Array {
  const info = new pkijs.PrivateKeyInfo({ schema: asn1js.fromBER(toArrayBuffer(pkcs8)).result });
  const ec = asn1js.fromBER(info.privateKey.valueBlock.valueHexView.slice().buffer).result as asn1js.Sequence;
  const scalar = (ec.valueBlock.value[1] as asn1js.OctetString).valueBlock.valueHexView;
  expect(scalar.length).toBeGreaterThanOrEqual(32);
  return scalar;
}

function derFromPkcs1(sigRaw: Uint8Array) {
  return sigRaw;
}

describe.each([
  ['memory', () => new MemoryBackend()],
  ['IndexedDB (fake-indexeddb; it clones CryptoKeys)', () => new IndexedDbBackend(`test-${Math.random()}`, new IDBFactory())],
])('KeyStore over %s', (_name, makeBackend) => {
  test('RSA identity: non-extractable keys, sign, OAEP and PKCS#1 v1.5 decrypt, nothing in clear', async () => {
    const backend = makeBackend();
    const store = new KeyStore({ backend });
    const input = alice('rsa2048');
    const identity = await store.importIdentity({ ...input, label: 'Alice work' });
    expect(identity.id).toBe(certificateId(input.certificate));
    expect(identity.emails).toEqual(['alice@example.com']);
    expect(identity.exportable).toBe(true);
    expect((await store.listIdentities()).map((i) => i.label)).toEqual(['Alice work']);

    const handle = await store.getKeyHandle(identity.id);
    expect(handle.keyType).toBe('RSA');
    expect(handle.bits).toBe(2048);
    const data = new TextEncoder().encode('hello');
    const sig = await handle.sign(data, { scheme: 'rsa-pkcs1', hash: 'SHA-256' });
    expect(await verifyWithCert(input.certificate, { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }, 'RSASSA-PKCS1-v1_5', derFromPkcs1(sig), data)).toBe(true);
    const pss = await handle.sign(data, { scheme: 'rsa-pss', hash: 'SHA-384', saltLength: 48 });
    expect(await verifyWithCert(input.certificate, { name: 'RSA-PSS', hash: 'SHA-384' }, { name: 'RSA-PSS', saltLength: 48 }, pss, data)).toBe(true);

    const cek = crypto.getRandomValues(new Uint8Array(32));
    const pub = await crypto.subtle.importKey('spki', toArrayBuffer(toDer(input.certificate.subjectPublicKeyInfo)), { name: 'RSA-OAEP', hash: 'SHA-256' }, false, ['encrypt']);
    const wrappedCek = new Uint8Array(await crypto.subtle.encrypt({ name: 'RSA-OAEP' }, pub, cek));
    expect(toHex(await handle.rsaDecrypt(wrappedCek, { scheme: 'oaep', hash: 'SHA-256', mgfHash: 'SHA-256' }))).toBe(toHex(cek));

    // PKCS#1 v1.5 (what Outlook sends): encrypted by openssl, decrypted through the wrapped PKCS#8.
    const v15 = new Uint8Array(mustRun('openssl', ['pkeyutl', '-encrypt', '-certin', '-inkey', pkiPath('rsa2048', 'alice.crt'), '-pkeyopt', 'rsa_padding_mode:pkcs1'], cek));
    expect(toHex(await handle.rsaDecrypt(v15, { scheme: 'pkcs1v15' }))).toBe(toHex(cek));

    await expect(handle.ecdh({} as CryptoKey)).rejects.toBeInstanceOf(UnsupportedAlgorithmError);

    // G.52: stored CryptoKeys refuse export/wrap; the backend holds no PKCS#8, modulus-private parts or PEM.
    const record = await backend.get<{ cryptoKeys: Record<string, CryptoKey> }>(`identity/${identity.id}`);
    const keys = Object.values(record!.cryptoKeys);
    expect(keys.length).toBe(10);
    for (const key of keys) {
      expect(key.extractable).toBe(false);
      await expect(crypto.subtle.exportKey('pkcs8', key)).rejects.toThrow();
    }
    const dump = await dumpBackend(backend);
    expect(contains(dump, input.pkcs8.subarray(input.pkcs8.length - 64))).toBe(false);
    expect(utf8Decode(dump)).not.toMatch(/PRIVATE KEY/);
  });

  test('EC identity: ECDSA and ECDH through non-extractable keys, no wrapped copy by default', async () => {
    const backend = makeBackend();
    const store = new KeyStore({ backend });
    const input = alice('p256');
    const identity = await store.importIdentity(input);
    expect(identity.exportable).toBe(false);
    expect(identity.namedCurve).toBe('P-256');
    const handle = await store.getKeyHandle(identity.id);
    const data = new Uint8Array([9, 8, 7]);
    const sig = await handle.sign(data, { scheme: 'ecdsa', hash: 'SHA-256' });
    expect(sig[0]).toBe(0x30); // DER ECDSA-Sig-Value
    const peer = (await crypto.subtle.generateKey({ name: 'ECDH', namedCurve: 'P-256' }, false, ['deriveBits'])) as CryptoKeyPair;
    const alicePub = await crypto.subtle.importKey('spki', toArrayBuffer(toDer(input.certificate.subjectPublicKeyInfo)), { name: 'ECDH', namedCurve: 'P-256' }, false, []);
    const z1 = await handle.ecdh(peer.publicKey);
    const z2 = new Uint8Array(await crypto.subtle.deriveBits({ name: 'ECDH', public: alicePub }, peer.privateKey, 256));
    expect(toHex(z1)).toBe(toHex(z2));
    await expect(store.exportPkcs8(identity.id)).rejects.toBeInstanceOf(UnsupportedAlgorithmError);
    expect(contains(await dumpBackend(backend), ecPrivateScalar(input.pkcs8))).toBe(false);
  });

  test('a key that does not match its certificate is refused', async () => {
    const store = new KeyStore({ backend: makeBackend() });
    await expect(store.importIdentity({ ...alice('p256'), pkcs8: loadPrivateKeyPkcs8(readPki('p256', 'bob.key')) })).rejects.toBeInstanceOf(KeyMismatchError);
    expect(await store.listIdentities()).toHaveLength(0);
  });

  test('passphrase layer: backup export needs the right passphrase', async () => {
    const backend = makeBackend();
    const input = alice('rsa2048');
    const store = new KeyStore({ backend, passphrase: 'correct horse', passphraseIterations: FAST });
    const { id } = await store.importIdentity(input);
    expect(toHex(await store.exportPkcs8(id))).toBe(toHex(input.pkcs8));
    const wrong = new KeyStore({ backend, passphrase: 'wrong horse' });
    await expect(wrong.exportPkcs8(id)).rejects.toBeInstanceOf(WrongPasswordError);
    // Signing still works without the passphrase: it uses the stored CryptoKeys.
    const handle = await wrong.getKeyHandle(id);
    await expect(handle.sign(new Uint8Array(1), { scheme: 'rsa-pkcs1', hash: 'SHA-256' })).resolves.toBeDefined();
  });
});

describe('KeyStore over a backend that cannot hold CryptoKeys (file/CLI mode)', () => {
  class PlainBackend extends MemoryBackend {
    override readonly persistsCryptoKeys = false;
  }
  test('needs a passphrase, wraps every key, unwraps per operation', async () => {
    await expect(new KeyStore({ backend: new PlainBackend() }).importIdentity(alice('p384'))).rejects.toBeInstanceOf(BadInputError);
    const backend = new PlainBackend();
    const store = new KeyStore({ backend, passphrase: 'pw', passphraseIterations: FAST });
    const input = alice('p384');
    const { id } = await store.importIdentity(input);
    const record = await backend.get<Record<string, unknown>>(`identity/${id}`);
    expect(record!.cryptoKeys).toBeUndefined();
    const handle = await store.getKeyHandle(id);
    const sig = await handle.sign(new Uint8Array([1]), { scheme: 'ecdsa', hash: 'SHA-384' });
    expect(sig[0]).toBe(0x30);
    const locked = new KeyStore({ backend, passphrase: 'nope' });
    await expect((await locked.getKeyHandle(id)).sign(new Uint8Array([1]), { scheme: 'ecdsa', hash: 'SHA-384' })).rejects.toBeInstanceOf(WrongPasswordError);
  });
});

describe('key wrapping format (G.54)', () => {
  test('defaults: PBKDF2-SHA-256 600,000, 16-byte salt and 12-byte IVs fresh per wrap, both layers', async () => {
    const deviceKey = await generateDeviceKey();
    expect(deviceKey.extractable).toBe(false);
    const pkcs8 = crypto.getRandomValues(new Uint8Array(100));
    const a = await wrapPkcs8(pkcs8, 'id1', { deviceKey, passphrase: 'pw' });
    const b = await wrapPkcs8(pkcs8, 'id1', { deviceKey, passphrase: 'pw' });
    expect(PASSPHRASE_ITERATIONS).toBeGreaterThanOrEqual(600_000);
    expect(a.passphrase!.iterations).toBe(600_000);
    expect(a.passphrase!.salt).toHaveLength(16);
    expect(a.passphraseIv).toHaveLength(12);
    expect(a.deviceIv).toHaveLength(12);
    expect(a.layers).toEqual(['device', 'passphrase']);
    expect(toHex(a.passphrase!.salt)).not.toBe(toHex(b.passphrase!.salt));
    expect(toHex(a.deviceIv!)).not.toBe(toHex(b.deviceIv!));
    expect(toHex(await unwrapPkcs8(a, 'id1', { deviceKey, passphrase: 'pw' }))).toBe(toHex(pkcs8));
    await expect(unwrapPkcs8(a, 'id1', { deviceKey, passphrase: 'px' })).rejects.toBeInstanceOf(WrongPasswordError);
    // Device key is a second factor: passphrase alone is not enough.
    await expect(unwrapPkcs8(a, 'id1', { passphrase: 'pw' })).rejects.toBeInstanceOf(MalformedInputError);
    // Bound to its identity: moving the blob to another record fails.
    await expect(unwrapPkcs8(a, 'id2', { deviceKey, passphrase: 'pw' })).rejects.toThrow();
  });
});

describe('identity selection', () => {
  test('chooseSigningIdentity matches the From address and prefers the newest valid certificate', async () => {
    const store = new KeyStore({ backend: new MemoryBackend() });
    const old = await createSelfSignedTestIdentity({ email: 'me@example.org', commonName: 'Me', algorithm: 'P-256', now: new Date('2026-01-01T00:00:00Z') });
    const newer = await createSelfSignedTestIdentity({ email: 'me@example.org', commonName: 'Me', algorithm: 'P-256', now: new Date('2026-03-01T00:00:00Z') });
    const other = await createSelfSignedTestIdentity({ email: 'you@example.org', commonName: 'You', algorithm: 'P-256', now: new Date('2026-03-01T00:00:00Z') });
    for (const id of [old, newer, other]) await store.importIdentity(id);
    const now = new Date('2026-06-01T00:00:00Z');
    expect((await store.chooseSigningIdentity('me@EXAMPLE.org', now))?.id).toBe(certificateId(newer.certificate));
    expect((await store.chooseSigningIdentity('you@example.org', now))?.id).toBe(certificateId(other.certificate));
    expect(await store.chooseSigningIdentity('nobody@example.org', now)).toBeUndefined();
    // After the first expires (2027-01-01) only the newer one is a candidate; after both, none.
    expect((await store.chooseSigningIdentity('me@example.org', new Date('2027-01-15T00:00:00Z')))?.id).toBe(certificateId(newer.certificate));
    expect(await store.chooseSigningIdentity('me@example.org', new Date('2028-01-01T00:00:00Z'))).toBeUndefined();

    const expiring = await store.expiringIdentities(30, new Date('2026-12-15T00:00:00Z'));
    expect(expiring.map((i) => i.id)).toEqual([certificateId(old.certificate)]);
    expect(await store.expiringIdentities(30, new Date('2026-06-01T00:00:00Z'))).toHaveLength(0);
  });

  test('deleteIdentity removes it', async () => {
    const store = new KeyStore({ backend: new MemoryBackend() });
    const { id } = await store.importIdentity(alice('p256'));
    await store.deleteIdentity(id);
    expect(await store.getIdentity(id)).toBeUndefined();
    await expect(store.getKeyHandle(id)).rejects.toBeInstanceOf(BadInputError);
  });
});
