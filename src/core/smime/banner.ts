/**
 * The one-line banner (≤ 150 characters, Outlook's notification limit). It always names the
 * signer's certificate address, never a display name, so a spoofed From cannot borrow trust.
 */
import { BANNER_MAX_LENGTH, type SignerReport, type Verdict } from '../verdict';

export function composeBanner(verdict: Verdict): string {
  const signer = authorOf(verdict.signers);
  const who = signer?.certificate?.emails[0] ?? signer?.certificate?.subject ?? 'an unknown signer';
  const from = verdict.from ?? 'the sender';
  const encrypted = verdict.encryption.length > 0;
  let text: string;
  switch (verdict.status) {
    case 'valid':
      text = `${encrypted ? 'Encrypted and signed' : 'Signed'} by ${who}. Signature valid; certificate trusted.`;
      break;
    case 'invalid':
      text = signer
        ? `INVALID signature: the message was changed after ${who} signed it, or the signature is broken.`
        : 'INVALID signature: this message cannot be trusted.';
      break;
    case 'untrusted':
      text = `Signed by ${who}, but the certificate is not trusted.`;
      break;
    case 'expired':
      text = `Signed by ${who}, but the certificate was not valid at the time checked (expired).`;
      break;
    case 'revoked':
      text = `Signed by ${who}, but the certificate has been REVOKED.`;
      break;
    case 'revocation-unknown':
      text = `Signed by ${who}; the certificate's revocation status could not be checked.`;
      break;
    case 'sender-mismatch':
      text = `WARNING: signed by ${who}, not by ${from} as the message claims.`;
      break;
    case 'weak-algorithm':
      text = `Signed by ${who} with a weak algorithm; the signature cannot be relied on.`;
      break;
    case 'partially-signed':
      text = 'Only part of this message is signed; the rest could have been written by anyone.';
      break;
    case 'not-signed':
      if (signer) text = `Signed by ${who} (signature covers encrypted content only; author of the content unknown).`;
      else text = encrypted ? 'Encrypted but not signed: anyone could have written this message.' : 'This message is not signed.';
      break;
    case 'malformed':
      text = 'This message is malformed and cannot be verified.';
      break;
    case 'encrypted-no-key':
      text = 'This message is encrypted, and none of your keys can decrypt it.';
      break;
    case 'decrypt-failed':
      text = 'This message could not be decrypted.';
      break;
  }
  return truncate(text, BANNER_MAX_LENGTH);
}

/** The signer that matters most for the banner: the first one with the worst status. */
function authorOf(signers: SignerReport[]): SignerReport | undefined {
  return signers.find((s) => s.status !== 'valid') ?? signers[0];
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
