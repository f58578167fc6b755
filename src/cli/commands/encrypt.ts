import { encryptMessage } from '../../core/smime';
import { parseOptions, readInput, writeOutput, oneOf } from '../args';
import { loadCertificateFiles } from '../identity';
import { UsageError, type CliIo } from '../io';

export const ENCRYPT_USAGE =
  'smime encrypt --recipient R.pem [--recipient …] [--self C.pem] [--cipher aes-256-gcm|aes-128-gcm|aes-256-cbc|aes-128-cbc] [--key-transport rsa-pkcs1|rsa-oaep] [--in F] [--out F]';

export async function encryptCommand(argv: string[], io: CliIo): Promise<number> {
  const opts = parseOptions(argv, {
    recipient: { type: 'string', multiple: true },
    self: { type: 'string' },
    cipher: { type: 'string' },
    'key-transport': { type: 'string' },
    in: { type: 'string' },
    out: { type: 'string' },
  });
  const cipher = oneOf(opts.cipher, ['aes-256-gcm', 'aes-128-gcm', 'aes-256-cbc', 'aes-128-cbc'] as const, '--cipher');
  const keyTransport = oneOf(opts['key-transport'], ['rsa-pkcs1', 'rsa-oaep'] as const, '--key-transport');
  const recipients = loadCertificateFiles(opts.recipient, io);
  if (recipients.length === 0) throw new UsageError('encrypt needs at least one --recipient certificate');
  // Encrypt-to-self so the sender can read their own sent mail.
  recipients.push(...loadCertificateFiles(opts.self ? [opts.self] : [], io));
  const encrypted = await encryptMessage(readInput(io, opts.in), recipients, { cipher, keyTransport });
  writeOutput(io, opts.out, encrypted);
  return 0;
}
