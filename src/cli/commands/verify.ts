import { displayedProtectedHeaders, readMessage, type DisplayedHeader } from '../../core/smime';
import { fetcherFromFetch } from '../../core/pki/http';
import { createRevocationProvider, parseCrl } from '../../core/pki/revocation-fetch';
import type { Verdict } from '../../core/verdict';
import { parseOptions, readInput, oneOf } from '../args';
import { harvestFromRead } from '../../core/keystore/harvest';
import { loadCertificateFiles, loadIdentity, storedDecryptionKeys, toDecryptionKey } from '../identity';
import { loadAnchors } from '../anchors';
import { UsageError, type CliIo } from '../io';
import { openStore, storeCertificates, STORE_OPTION } from '../store';

export const VERIFY_USAGE =
  'smime verify [--trust ROOT.pem …] [--anchors DIR|FILE] [--cert EXTRA.pem …] [--crl F.crl …] [--at ISO-8601] [--revocation off|soft|hard] [--allow-sha1] [--decrypt-with C.pem --key K.pem | --p12 F.p12 --pass-env VAR] [--store DIR] [--json] [--in F]';

export async function verifyCommand(argv: string[], io: CliIo): Promise<number> {
  const opts = parseOptions(argv, {
    trust: { type: 'string', multiple: true },
    anchors: { type: 'string', multiple: true },
    cert: { type: 'string', multiple: true },
    crl: { type: 'string', multiple: true },
    at: { type: 'string' },
    revocation: { type: 'string' },
    'allow-sha1': { type: 'boolean' },
    'decrypt-with': { type: 'string' },
    key: { type: 'string' },
    p12: { type: 'string' },
    'pass-env': { type: 'string' },
    json: { type: 'boolean' },
    in: { type: 'string' },
    ...STORE_OPTION,
  });
  let time: Date | undefined;
  if (opts.at) {
    time = new Date(opts.at);
    if (Number.isNaN(time.getTime())) throw new UsageError(`--at must be an ISO-8601 date (got "${opts.at}")`);
  }
  const revocation = oneOf(opts.revocation, ['off', 'soft', 'hard'] as const, '--revocation') ?? 'soft';
  const decrypting = opts['decrypt-with'] || opts.p12;
  // --store: its anchors and certificates join the ones given, its identities decrypt, and a valid signer is harvested.
  const store = opts.store !== undefined ? openStore(opts.store, io) : undefined;
  const trust = await store?.trust();
  const decryptionKeys = decrypting
    ? [await toDecryptionKey(await loadIdentity({ ...opts, cert: opts['decrypt-with'] }, io, { cert: '--decrypt-with', key: '--key' }))]
    : store ? await storedDecryptionKeys(store.keys, undefined) : [];
  const read = await readMessage(readInput(io, opts.in), {
    anchors: [...loadCertificateFiles(opts.trust, io), ...(opts.anchors ?? []).flatMap((a) => loadAnchors(a, io)), ...(trust?.anchors() ?? [])],
    extraCertificates: [...loadCertificateFiles(opts.cert, io), ...(store && trust ? await storeCertificates(store, trust) : [])],
    crls: (opts.crl ?? []).map((file) => parseCrl(io.readFile(file), file)),
    decryptionKeys,
    time,
    revocation,
    revocationProvider: revocation === 'off' ? undefined : createRevocationProvider({ fetcher: fetcherFromFetch(fetch) }),
    allowSha1: opts['allow-sha1'],
  });
  // The alerts land in the verdict's warnings, printed below.
  if (store) await harvestFromRead(store.book, read, trust);
  const { verdict } = read;
  const signedHeaders = read.protectedHeaders ? displayedProtectedHeaders(read.protectedHeaders) : [];
  io.stdout(opts.json ? `${JSON.stringify(verdict, null, 2)}\n` : formatVerdict(verdict, signedHeaders));
  return verdict.status === 'valid' ? 0 : 1;
}

function formatVerdict(verdict: Verdict, signedHeaders: DisplayedHeader[]): string {
  const lines = [`Status: ${verdict.status}`, verdict.banner];
  for (const h of signedHeaders) lines.push(`Signed header ${h.name}: ${h.value}`);
  for (const [i, s] of verdict.signers.entries()) {
    lines.push(`Signer ${i + 1}: ${s.status} — ${s.certificate?.subject ?? '(no certificate)'}`);
    if (s.certificate) lines.push(`  e-mail: ${s.certificate.emails.join(', ') || '(none)'}; issuer: ${s.certificate.issuer}`);
    lines.push(`  ${s.signatureAlgorithm}${s.signingTime ? `, signed ${s.signingTime}` : ''}`);
    for (const e of s.errors) lines.push(`  - ${e}`);
  }
  for (const e of verdict.encryption) {
    lines.push(`Encryption: ${e.contentAlgorithm}${e.authenticated ? ' (authenticated)' : ' (legacy, not authenticated)'}, ${e.recipientCount} recipient(s)`);
  }
  for (const e of verdict.errors) lines.push(`Error: ${e}`);
  for (const w of verdict.warnings) lines.push(`Warning: ${w}`);
  return `${lines.join('\n')}\n`;
}
