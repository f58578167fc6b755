/**
 * Benchmark: our engine (warm, in-process) next to `openssl cms` (whole process), same inputs,
 * same run. Each of our measurements runs in a fresh child process so its peak RSS is its own.
 *
 *   npm run bench [-- --sizes 1k,1m,25m --runs 5]
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runChild } from './child';
import { makeMessage } from './message';

type Op = 'sign' | 'verify' | 'encrypt' | 'decrypt';
const OPS: Op[] = ['sign', 'verify', 'encrypt', 'decrypt'];
const SIZES: Record<string, number> = { '1k': 1024, '1m': 1024 * 1024, '25m': 25 * 1024 * 1024 };

if (process.argv[2] === '--child') {
  await runChild(process.argv.slice(3));
} else {
  await main();
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const sizeNames = (valueOf(args, '--sizes') ?? '1k,1m,25m').split(',');
  const runsOverride = valueOf(args, '--runs');
  const dir = mkdtempSync(join(tmpdir(), 'smime-bench-'));
  try {
    makePki(dir);
    const rows: string[][] = [];
    for (const name of sizeNames) {
      const size = SIZES[name];
      if (!size) throw new Error(`unknown size ${name}`);
      const runs = runsOverride ? Number(runsOverride) : size > 10_000_000 ? 3 : 7;
      const msg = join(dir, `msg-${name}.eml`);
      const { full, content } = makeMessage(size);
      writeFileSync(msg, full);
      const contentFile = join(dir, `content-${name}.eml`);
      writeFileSync(contentFile, content);
      // Shared inputs made by openssl, so both sides verify/decrypt the very same bytes.
      const headers = ['-from', 'alice@example.com', '-to', 'bob@example.com', '-subject', 'Benchmark'];
      openssl(['cms', '-sign', '-in', contentFile, '-signer', join(dir, 'alice.crt'), '-inkey', join(dir, 'alice.key'), ...headers, '-out', join(dir, `signed-${name}.eml`)]);
      openssl(['cms', '-encrypt', '-aes256', '-in', contentFile, ...headers, '-out', join(dir, `enc-${name}.eml`), join(dir, 'alice.crt')]);
      for (const op of OPS) {
        const ours = measureOurs(op, dir, name, runs);
        const theirs = measureOpenssl(op, dir, name, runs);
        const ratio = ours.ms / theirs.ms;
        rows.push([
          name.toUpperCase().replace('K', ' KB').replace('M', ' MB'),
          op,
          ours.ms.toFixed(1),
          `${ours.peakMiB.toFixed(1)} (${(ours.peakMiB / (size / 1048576)).toFixed(1)}×)`,
          theirs.ms.toFixed(1),
          theirs.rssMiB === undefined ? 'n/a' : theirs.rssMiB.toFixed(1),
          `${ratio.toFixed(2)}×`,
        ]);
        console.error(`  ${name} ${op}: ours ${ours.ms.toFixed(1)} ms, openssl ${theirs.ms.toFixed(1)} ms`);
      }
    }
    printTable(
      ['size', 'op', 'ours warm ms', 'ours peak MiB (× size)', 'openssl ms', 'openssl RSS MiB', 'ours ÷ openssl'],
      rows,
    );
    console.log(`\nopenssl: ${spawnSync('openssl', ['version']).stdout.toString().trim()}; node ${process.version}; ` +
      'ours = median warm in-process time of the whole message operation (MIME + CMS); peak = RSS growth of one operation in a fresh process; ' +
      'openssl = median whole-process wall time of `openssl cms`.');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function valueOf(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

function openssl(args: string[]): void {
  const r = spawnSync('openssl', args, { stdio: ['ignore', 'ignore', 'pipe'] });
  if (r.status !== 0) throw new Error(`openssl ${args.join(' ')}: ${r.stderr}`);
}

function makePki(dir: string): void {
  const ext = join(dir, 'ext.cnf');
  writeFileSync(ext, [
    '[ca]', 'basicConstraints=critical,CA:TRUE', 'keyUsage=critical,keyCertSign,cRLSign', 'subjectKeyIdentifier=hash',
    '[leaf]', 'basicConstraints=critical,CA:FALSE', 'keyUsage=critical,digitalSignature,keyEncipherment',
    'extendedKeyUsage=emailProtection', 'subjectAltName=email:alice@example.com', 'subjectKeyIdentifier=hash', 'authorityKeyIdentifier=keyid', '',
  ].join('\n'));
  const j = (f: string) => join(dir, f);
  openssl(['genpkey', '-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:2048', '-out', j('root.key')]);
  openssl(['req', '-new', '-x509', '-key', j('root.key'), '-subj', '/CN=Bench Root', '-days', '30', '-extensions', 'ca', '-config', ext, '-out', j('root.crt')]);
  openssl(['genpkey', '-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:2048', '-out', j('alice.key')]);
  openssl(['req', '-new', '-key', j('alice.key'), '-subj', '/CN=Alice', '-out', j('alice.csr')]);
  openssl(['x509', '-req', '-in', j('alice.csr'), '-CA', j('root.crt'), '-CAkey', j('root.key'), '-set_serial', '2', '-days', '30', '-extfile', ext, '-extensions', 'leaf', '-out', j('alice.crt')]);
}

interface OurResult { ms: number; peakMiB: number }

/** Time from one child (warm runs), peak memory from another that runs the operation once. */
function measureOurs(op: Op, dir: string, size: string, runs: number): OurResult {
  const child = (n: number) => {
    const r = spawnSync(process.execPath, ['--expose-gc', process.argv[1], '--child', op, dir, size, String(n)], { maxBuffer: 1 << 20 });
    if (r.status !== 0) throw new Error(`bench child ${op} ${size} failed: ${r.stderr}`);
    return JSON.parse(r.stdout.toString()) as OurResult;
  };
  return { ms: child(runs).ms, peakMiB: child(0).peakMiB };
}

interface OpensslResult { ms: number; rssMiB?: number }

function measureOpenssl(op: Op, dir: string, size: string, runs: number): OpensslResult {
  const j = (f: string) => join(dir, f);
  const out = j(`out-${op}`);
  const args: Record<Op, string[]> = {
    sign: ['cms', '-sign', '-in', j(`msg-${size}.eml`), '-signer', j('alice.crt'), '-inkey', j('alice.key'), '-out', out],
    verify: ['cms', '-verify', '-purpose', 'smimesign', '-in', j(`signed-${size}.eml`), '-CAfile', j('root.crt'), '-out', out],
    encrypt: ['cms', '-encrypt', '-aes256', '-in', j(`msg-${size}.eml`), '-out', out, j('alice.crt')],
    decrypt: ['cms', '-decrypt', '-in', j(`enc-${size}.eml`), '-recip', j('alice.crt'), '-inkey', j('alice.key'), '-out', out],
  };
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    openssl(args[op]);
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  let rssMiB: number | undefined;
  if (existsSync('/usr/bin/time')) {
    const r = spawnSync('/usr/bin/time', ['-f', '%M', 'openssl', ...args[op]], { stdio: ['ignore', 'ignore', 'pipe'] });
    const kb = Number(r.stderr.toString().trim().split('\n').pop());
    if (Number.isFinite(kb)) rssMiB = kb / 1024;
  }
  return { ms: median(times), rssMiB };
}

export function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

function printTable(header: string[], rows: string[][]): void {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  console.log(line(header));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const r of rows) console.log(line(r));
}
