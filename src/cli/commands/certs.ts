/**
 * `smime certs …`: correspondents' certificates (the address book). Importing the
 * certificate a CA issued for a key made by `smime keys generate` completes that identity.
 */
import { parseCertificateFile } from '../../core/keystore/certificate-files';
import { certificateId } from '../../core/keystore/fingerprint';
import { parseOptions } from '../args';
import { UsageError, type CliIo } from '../io';
import { openStore, STORE_OPTION } from '../store';

export const CERTS_USAGE = `smime certs import F.cer|F.pem|F.p7b [--store DIR]
  smime certs list [--store DIR]
  smime certs remove FINGERPRINT [--store DIR]`;

export async function certsCommand(argv: string[], io: CliIo): Promise<number> {
  const [sub, ...rest] = argv;
  const [arg, opts] = rest[0] && !rest[0].startsWith('--') ? [rest[0], rest.slice(1)] : [undefined, rest];
  const store = openStore(parseOptions(opts, STORE_OPTION).store, io);
  if (sub === 'list') {
    if (arg) throw new UsageError(`unexpected argument "${arg}"`);
    for (const e of await store.book.list()) {
      const until = e.certificate.notAfter.value.toISOString().slice(0, 10);
      io.stdout(`${e.fingerprint}  ${e.addresses.join(',')}  until ${until}  ${e.source}${e.preferredForEncryption ? ' preferred' : ''}\n`);
    }
    return 0;
  }
  if (!arg) throw new UsageError(sub === 'remove' ? 'missing FINGERPRINT' : sub === 'import' ? 'missing certificate file' : `unknown certs subcommand "${sub ?? ''}"; use import, list or remove`);
  if (sub === 'remove') {
    if (!(await store.book.remove(arg))) throw new UsageError(`no certificate ${arg} in the address book`);
    io.stdout(`removed ${arg}\n`);
    return 0;
  }
  if (sub !== 'import') throw new UsageError(`unknown certs subcommand "${sub}"; use import, list or remove`);
  const bytes = io.readFile(arg);
  const certs = parseCertificateFile(bytes, arg);
  for (const cert of certs) {
    // Only touches the key store (and needs its passphrase) when a pending key matches.
    const identity = await store.keys.completePendingKey(cert, certs.filter((c) => c !== cert));
    if (identity) {
      io.stdout(`identity ${identity.id} ready for ${identity.emails.join(',')}\n`);
      return 0;
    }
  }
  const imported = await store.book.importCertificates(bytes);
  for (const cert of imported) io.stdout(`added ${certificateId(cert)} to the address book\n`);
  if (imported.length === 0) throw new UsageError(`${arg} holds only CA certificates; trust a root with: smime anchors add`);
  return 0;
}
