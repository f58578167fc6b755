/**
 * EFAIL malleability gadgets (threat checklist E33): changing CBC ciphertext to inject chosen
 * plaintext turns the block before the injection into 16 random bytes. Mail content is text
 * (7-bit, UTF-8 or a legacy charset; attachments base64), and text never contains most C0
 * control characters, so one of them is a sign of tampering. About 83% of random blocks hold
 * one, and an exfiltration needs several gadget blocks. A heuristic: it warns, it never
 * changes the verdict.
 */

/** 1 for the C0 controls and DEL that text never uses; TAB, LF, VT, FF, CR and ESC (ISO-2022-JP) are text. */
const FOREIGN_CONTROL = new Uint8Array(256);
for (let b = 0; b < 0x20; b++) FOREIGN_CONTROL[b] = 1;
for (const b of [0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x1b]) FOREIGN_CONTROL[b] = 0;
FOREIGN_CONTROL[0x7f] = 1;
/** Content that may legitimately hold any byte; then the heuristic cannot tell. */
const BINARY_PART = /content-transfer-encoding\s*:\s*binary/i;

/** True when a CBC plaintext holds a byte that neither text nor a 7-bit transfer encoding produces. */
export function looksLikeCbcGadget(plaintext: Uint8Array): boolean {
  let found = false;
  for (let i = 0; i < plaintext.length; i++) {
    if (FOREIGN_CONTROL[plaintext[i]]) {
      found = true;
      break;
    }
  }
  // Only then pay for the text scan: binary parts may hold any byte.
  return found && !BINARY_PART.test(new TextDecoder('latin1').decode(plaintext));
}
