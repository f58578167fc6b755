// Placeholder: implemented in the encryption work.
import { DecryptionError } from '../errors';
export async function rsaPkcs1v15Decrypt(_pkcs8: Uint8Array, _data: Uint8Array): Promise<Uint8Array> {
  throw new DecryptionError();
}
