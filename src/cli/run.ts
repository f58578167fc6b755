/** Dispatches `smime <command>` and turns every expected failure into one line on stderr. */
import { SmimeError } from '../core/errors';
import { anchorsCommand, ANCHORS_USAGE } from './commands/anchors';
import { certsCommand, CERTS_USAGE } from './commands/certs';
import { decryptCommand, DECRYPT_USAGE } from './commands/decrypt';
import { encryptCommand, ENCRYPT_USAGE } from './commands/encrypt';
import { keysCommand, KEYS_USAGE } from './commands/keys';
import { signCommand, SIGN_USAGE } from './commands/sign';
import { verifyCommand, VERIFY_USAGE } from './commands/verify';
import { UsageError, type CliIo } from './io';

const COMMANDS: Record<string, (argv: string[], io: CliIo) => Promise<number>> = {
  sign: signCommand,
  encrypt: encryptCommand,
  decrypt: decryptCommand,
  verify: verifyCommand,
  keys: keysCommand,
  certs: certsCommand,
  anchors: anchorsCommand,
};

export const USAGE = `Usage:
  ${SIGN_USAGE}
  ${ENCRYPT_USAGE}
  ${DECRYPT_USAGE}
  ${VERIFY_USAGE}
  ${KEYS_USAGE}
  ${CERTS_USAGE}
  ${ANCHORS_USAGE}

Messages are whole RFC 5322 messages (file or standard input); output goes to --out or standard output.
The store (--store DIR, default $SMIME_HOME or ~/.config/smime) keeps keys encrypted under the
passphrase in $SMIME_STORE_PASS; other passwords are read from the variable --pass-env names.
sign and decrypt use the store when no key files are given: sign picks the identity for the From
address, decrypt the one the message is encrypted to; verify --store also harvests the signer's certificate.
verify exits 0 only when the verdict is "valid" (1 otherwise); errors exit 2.
`;

export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === '-h' || command === 'help') {
    io.stdout(USAGE);
    return command ? 0 : 2;
  }
  const handler = COMMANDS[command];
  if (!handler) {
    io.stderr(`smime: unknown command "${command}"\n${USAGE}`);
    return 2;
  }
  try {
    return await handler(rest, io);
  } catch (err) {
    io.stderr(`smime ${command}: ${errorLine(err)}\n`);
    return 2;
  }
}

function errorLine(err: unknown): string {
  if (err instanceof UsageError || err instanceof SmimeError) return err.message;
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'ENOENT' || code === 'EACCES' || code === 'EISDIR') return (err as Error).message;
  return `internal error: ${err instanceof Error ? err.message : String(err)}`;
}
