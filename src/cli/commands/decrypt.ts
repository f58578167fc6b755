import { decryptMessage } from '../../core/smime';
import { parseOptions, readInput, writeOutput } from '../args';
import { loadIdentity, toDecryptionKey } from '../identity';
import type { CliIo } from '../io';

export const DECRYPT_USAGE = 'smime decrypt (--cert C.pem --key K.pem | --p12 F.p12 --pass-env VAR) [--in F] [--out F]';

export async function decryptCommand(argv: string[], io: CliIo): Promise<number> {
  const opts = parseOptions(argv, {
    cert: { type: 'string' },
    key: { type: 'string' },
    p12: { type: 'string' },
    'pass-env': { type: 'string' },
    in: { type: 'string' },
    out: { type: 'string' },
  });
  const key = await toDecryptionKey(await loadIdentity(opts, io));
  const { message } = await decryptMessage(readInput(io, opts.in), [key]);
  writeOutput(io, opts.out, message);
  return 0;
}
