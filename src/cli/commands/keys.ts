/**
 * `smime keys …`: the user's own identities in the store. Keys never leave the store in
 * clear: generate keeps the new key wrapped there and writes only a CSR or certificate, and
 * export-backup writes a password-protected PKCS#12.
 */
import { join } from 'node:path';
import { utf8Encode } from '../../core/bytes';
import { toDer } from '../../core/asn1';
import { toPem } from '../../core/pem';
import { createCsr, createSelfSignedTestIdentity, generateKeyPair } from '../../core/keystore/generate';
import { readPkcs12, writePkcs12 } from '../../core/keystore/pkcs12';
import { oneOf, parseOptions } from '../args';
import { UsageError, type CliIo } from '../io';
import { openStore, passwordFromEnv, requireStorePass, selectIdentities, STORE_OPTION } from '../store';

export const KEYS_USAGE = `smime keys import F.p12 --pass-env VAR [--store DIR]
  smime keys list [--store DIR]
  smime keys generate --email ADDRESS [--self-signed] [--algorithm rsa3072|p256] [--out-dir D] [--store DIR]
  smime keys export-backup [--identity EMAIL|ID] --out F.p12 --pass-env VAR [--store DIR]`;

const ALGORITHMS = { rsa3072: 'RSA-3072', p256: 'P-256' } as const;

function fileArgument(argv: string[], what: string): [string, string[]] {
  const [first, ...rest] = argv;
  if (!first || first.startsWith('--')) throw new UsageError(`missing ${what}`);
  return [first, rest];
}

export async function keysCommand(argv: string[], io: CliIo): Promise<number> {
  const [sub, ...rest] = argv;
  switch (sub) {
    case 'import':
      return importP12(rest, io);
    case 'list':
      return list(rest, io);
    case 'generate':
      return generate(rest, io);
    case 'export-backup':
      return exportBackup(rest, io);
    default:
      throw new UsageError(`unknown keys subcommand "${sub ?? ''}"; use import, list, generate or export-backup`);
  }
}

async function importP12(argv: string[], io: CliIo): Promise<number> {
  const [file, rest] = fileArgument(argv, 'PKCS#12 file');
  const o = parseOptions(rest, { ...STORE_OPTION, 'pass-env': { type: 'string' } });
  const password = passwordFromEnv(io, o['pass-env']);
  requireStorePass(io);
  const { keys } = openStore(o.store, io);
  const contents = await readPkcs12(io.readFile(file), password);
  if (contents.entries.length === 0) throw new UsageError(`${file} contains no private key with its certificate`);
  for (const entry of contents.entries) {
    try {
      const identity = await keys.importIdentity({ ...entry, label: entry.friendlyName });
      io.stdout(`imported ${identity.id} ${identity.emails.join(',')}\n`);
    } finally {
      entry.pkcs8.fill(0);
    }
  }
  return 0;
}

async function list(argv: string[], io: CliIo): Promise<number> {
  const o = parseOptions(argv, STORE_OPTION);
  for (const i of await openStore(o.store, io).keys.listIdentities()) {
    const key = i.namedCurve ?? `RSA-${i.bits}`;
    const until = i.certificate.notAfter.value.toISOString().slice(0, 10);
    io.stdout(`${i.id}  ${key}  until ${until}  ${i.emails.join(',')}  ${JSON.stringify(i.label)}\n`);
  }
  return 0;
}

async function generate(argv: string[], io: CliIo): Promise<number> {
  const o = parseOptions(argv, {
    ...STORE_OPTION,
    email: { type: 'string' },
    'self-signed': { type: 'boolean' },
    algorithm: { type: 'string' },
    'out-dir': { type: 'string' },
  });
  if (!o.email) throw new UsageError('generate needs --email ADDRESS');
  const algorithm = ALGORITHMS[oneOf(o.algorithm, ['rsa3072', 'p256'] as const, '--algorithm') ?? 'rsa3072'];
  requireStorePass(io);
  const { keys } = openStore(o.store, io);
  const outDir = o['out-dir'] ?? '.';
  if (o['self-signed']) {
    const made = await createSelfSignedTestIdentity({ email: o.email, commonName: o.email, algorithm });
    try {
      const identity = await keys.importIdentity({ pkcs8: made.pkcs8, certificate: made.certificate });
      const out = join(outDir, `${o.email}.crt`);
      io.writeFile(out, utf8Encode(toPem('CERTIFICATE', toDer(made.certificate))));
      io.stdout(`identity ${identity.id} stored; self-signed certificate written to ${out}\n`);
    } finally {
      made.pkcs8.fill(0);
    }
    return 0;
  }
  const pair = await generateKeyPair({ algorithm });
  try {
    const csr = await createCsr({ pkcs8: pair.pkcs8, email: o.email, commonName: o.email });
    const pendingId = await keys.addPendingKey(pair.pkcs8);
    const out = join(outDir, `${o.email}.csr`);
    io.writeFile(out, utf8Encode(toPem('CERTIFICATE REQUEST', csr)));
    io.stdout(`key ${pendingId.slice(0, 16)} stored; send ${out} to your CA, then run: smime certs import CERT\n`);
  } finally {
    pair.pkcs8.fill(0);
  }
  return 0;
}

async function exportBackup(argv: string[], io: CliIo): Promise<number> {
  const o = parseOptions(argv, { ...STORE_OPTION, identity: { type: 'string' }, out: { type: 'string' }, 'pass-env': { type: 'string' } });
  if (!o.out) throw new UsageError('export-backup needs --out F.p12');
  const password = passwordFromEnv(io, o['pass-env']);
  if (password.length === 0) throw new UsageError('the backup passphrase must not be empty');
  requireStorePass(io);
  const { keys } = openStore(o.store, io);
  const found = await selectIdentities(keys, o.identity);
  if (found.length === 0) throw new UsageError('the store holds no identity');
  if (found.length > 1 && o.identity === undefined) throw new UsageError('the store holds several identities; choose one with --identity EMAIL|ID');
  const identity = found[0];
  const pkcs8 = await keys.exportPkcs8(identity.id);
  try {
    io.writeFile(o.out, await writePkcs12({ pkcs8, certificate: identity.certificate, chain: identity.chain, friendlyName: identity.label }, password));
  } finally {
    pkcs8.fill(0);
  }
  io.stdout(`wrote ${identity.id} to ${o.out}\n`);
  return 0;
}
