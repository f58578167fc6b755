/** messages.getRaw answers a File (data_format "File", TB 117+) or a binary string (older default). */
import type { MessengerApi } from './types/messenger';

export async function fetchRawMessage(messenger: MessengerApi, messageId: number): Promise<Uint8Array> {
  // decrypt: false — we verify and decrypt ourselves; Thunderbird's plaintext has no signature to check.
  const raw = await messenger.messages.getRaw(messageId, { data_format: 'File', decrypt: false });
  if (typeof raw !== 'string') return new Uint8Array(await raw.arrayBuffer());
  const bytes = new Uint8Array(raw.length);
  for (let i = 0; i < raw.length; i++) bytes[i] = raw.charCodeAt(i) & 0xff;
  return bytes;
}
