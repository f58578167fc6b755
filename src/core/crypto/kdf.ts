/** ANSI X9.63 KDF (SEC 1 §3.6.1), the KDF of RFC 5753 dhSinglePass-stdDH schemes. */
import { concatBytes, toArrayBuffer } from '../bytes';
import type { DigestName } from '../oids';
import { syncHash } from './sha';

export type KdfHash = DigestName | 'SHA-224';

export async function digest(hash: KdfHash, data: Uint8Array): Promise<Uint8Array> {
  if (hash === 'SHA-224') return syncHash('SHA-224').digest(data);
  return new Uint8Array(await crypto.subtle.digest(hash, toArrayBuffer(data)));
}

export async function x963Kdf(hash: KdfHash, z: Uint8Array, sharedInfo: Uint8Array, length: number): Promise<Uint8Array> {
  const blocks: Uint8Array[] = [];
  let produced = 0;
  for (let counter = 1; produced < length; counter++) {
    const ctr = new Uint8Array(4);
    new DataView(ctr.buffer).setUint32(0, counter);
    const input = concatBytes(z, ctr, sharedInfo);
    const block = await digest(hash, input);
    input.fill(0);
    blocks.push(block);
    produced += block.length;
  }
  const all = concatBytes(...blocks);
  for (const b of blocks) b.fill(0);
  const out = all.slice(0, length);
  all.fill(0);
  return out;
}
