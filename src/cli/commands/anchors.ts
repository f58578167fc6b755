/**
 * `smime anchors …`: the roots the store trusts. With --fingerprint the file must match the
 * fingerprint checked with the issuer out of band; without it the fingerprint is printed for
 * the user to check.
 */
import type * as pkijs from 'pkijs';
import { parseCertificateFile } from '../../core/keystore/certificate-files';
import { certificateId } from '../../core/keystore/fingerprint';
import { nameToString } from '../../core/cms/attributes';
import { parseOptions } from '../args';
import { UsageError, type CliIo } from '../io';
import { openStore, STORE_OPTION } from '../store';

export const ANCHORS_USAGE = `smime anchors add F.pem [--fingerprint FP] [--store DIR]
  smime anchors list [--store DIR]
  smime anchors remove FINGERPRINT [--store DIR]`;

const subject = (c: pkijs.Certificate) => nameToString(c.subject);

export async function anchorsCommand(argv: string[], io: CliIo): Promise<number> {
  const [sub, ...rest] = argv;
  const [arg, opts] = rest[0] && !rest[0].startsWith('--') ? [rest[0], rest.slice(1)] : [undefined, rest];
  const o = parseOptions(opts, { ...STORE_OPTION, fingerprint: { type: 'string' } });
  if (o.fingerprint !== undefined && sub !== 'add') throw new UsageError('--fingerprint is only for anchors add');
  const trust = await openStore(o.store, io).trust();
  if (sub === 'list') {
    if (arg) throw new UsageError(`unexpected argument "${arg}"`);
    for (const c of trust.userAnchors()) io.stdout(`${certificateId(c)}  ${subject(c)}\n`);
    return 0;
  }
  if (sub === 'add') {
    if (!arg) throw new UsageError('missing certificate file');
    const certs = parseCertificateFile(io.readFile(arg), arg);
    if (certs.length !== 1) throw new UsageError(`${arg} holds ${certs.length} certificates; give one root per file`);
    const id = await trust.addUserAnchor(certs[0], o.fingerprint ?? certificateId(certs[0]));
    io.stdout(`trusted ${id}  ${subject(certs[0])}\n`);
    if (!o.fingerprint) io.stdout('Check this SHA-256 fingerprint with the issuer; remove the anchor if it differs.\n');
    return 0;
  }
  if (sub === 'remove') {
    if (!arg) throw new UsageError('missing FINGERPRINT');
    if (!(await trust.removeUserAnchor(arg))) throw new UsageError(`no trust anchor ${arg}`);
    io.stdout(`removed ${arg}\n`);
    return 0;
  }
  throw new UsageError(`unknown anchors subcommand "${sub ?? ''}"; use add, list or remove`);
}
