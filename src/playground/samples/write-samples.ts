/** Node entry: writes the sample set to <out>/public, <out>/private and <out>/mailbox. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { makeSamples } from './make-samples';

const out = process.argv[2];
if (!out) throw new Error('usage: write-samples <out-dir>');
const set = await makeSamples();
const write = (path: string, data: Uint8Array) => {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, data);
};
for (const [name, data] of Object.entries(set.public)) write(join(out, 'public', name), data);
for (const [name, data] of Object.entries(set.private)) write(join(out, 'private', name), data);
for (const m of set.messages) write(join(out, 'mailbox', `${m.id}.eml`), m.eml);
write(join(out, 'samples.json'), new TextEncoder().encode(JSON.stringify(set.messages.map(({ id, expect }) => ({ id, expect })), null, 2)));
