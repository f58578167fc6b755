import { signMessage } from '../../core/smime';
import { parseOptions, readInput, writeOutput, oneOf } from '../args';
import { loadCertificateFiles, loadIdentity, storedSigner, toSigner, usesStore } from '../identity';
import type { CliIo } from '../io';
import { openStore, STORE_OPTION } from '../store';

export const SIGN_USAGE =
  'smime sign (--cert C.pem --key K.pem | --p12 F.p12 --pass-env VAR | [--store DIR] [--identity EMAIL|ID]) [--chain I.pem] [--opaque] [--digest sha256|sha384|sha512] [--pss] [--in F] [--out F]';

const DIGESTS = { sha256: 'SHA-256', sha384: 'SHA-384', sha512: 'SHA-512' } as const;

export async function signCommand(argv: string[], io: CliIo): Promise<number> {
  const opts = parseOptions(argv, {
    cert: { type: 'string' },
    key: { type: 'string' },
    p12: { type: 'string' },
    'pass-env': { type: 'string' },
    chain: { type: 'string', multiple: true },
    opaque: { type: 'boolean' },
    digest: { type: 'string' },
    pss: { type: 'boolean' },
    in: { type: 'string' },
    out: { type: 'string' },
    ...STORE_OPTION,
    identity: { type: 'string' },
  });
  const digest = oneOf(opts.digest, ['sha256', 'sha384', 'sha512'] as const, '--digest');
  const message = readInput(io, opts.in);
  const fromStore = usesStore(opts);
  const signer = fromStore
    ? await storedSigner(openStore(opts.store, io).keys, opts.identity, message)
    : await toSigner(await loadIdentity(opts, io));
  // loadIdentity already appended --chain for key files.
  if (fromStore) signer.chain.push(...loadCertificateFiles(opts.chain, io));
  const signed = await signMessage(message, signer, {
    opaque: opts.opaque,
    digest: digest && DIGESTS[digest],
    rsaScheme: opts.pss ? 'pss' : 'pkcs1',
  });
  writeOutput(io, opts.out, signed);
  return 0;
}
