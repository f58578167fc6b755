import { decryptMessage } from '../../core/smime';
import { parseOptions, readInput, writeOutput } from '../args';
import { loadIdentity, storedDecryptionKeys, toDecryptionKey, usesStore } from '../identity';
import type { CliIo } from '../io';
import { openStore, STORE_OPTION } from '../store';

export const DECRYPT_USAGE =
  'smime decrypt (--cert C.pem --key K.pem | --p12 F.p12 --pass-env VAR | [--store DIR] [--identity EMAIL|ID]) [--in F] [--out F]';

export async function decryptCommand(argv: string[], io: CliIo): Promise<number> {
  const opts = parseOptions(argv, {
    cert: { type: 'string' },
    key: { type: 'string' },
    p12: { type: 'string' },
    'pass-env': { type: 'string' },
    in: { type: 'string' },
    out: { type: 'string' },
    ...STORE_OPTION,
    identity: { type: 'string' },
  });
  // From the store, every identity is offered; the RecipientInfos decide which one opens the message.
  const keys = usesStore(opts)
    ? await storedDecryptionKeys(openStore(opts.store, io).keys, opts.identity)
    : [await toDecryptionKey(await loadIdentity(opts, io))];
  const { message } = await decryptMessage(readInput(io, opts.in), keys);
  writeOutput(io, opts.out, message);
  return 0;
}
