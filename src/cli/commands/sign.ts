import { signMessage } from '../../core/smime';
import { parseOptions, readInput, writeOutput, oneOf } from '../args';
import { loadIdentity, toSigner } from '../identity';
import type { CliIo } from '../io';

export const SIGN_USAGE =
  'smime sign (--cert C.pem --key K.pem | --p12 F.p12 --pass-env VAR) [--chain I.pem] [--opaque] [--digest sha256|sha384|sha512] [--pss] [--in F] [--out F]';

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
  });
  const digest = oneOf(opts.digest, ['sha256', 'sha384', 'sha512'] as const, '--digest');
  const identity = await loadIdentity(opts, io);
  const message = readInput(io, opts.in);
  const signed = await signMessage(message, await toSigner(identity), {
    opaque: opts.opaque,
    digest: digest && DIGESTS[digest],
    rsaScheme: opts.pss ? 'pss' : 'pkcs1',
  });
  writeOutput(io, opts.out, signed);
  return 0;
}
