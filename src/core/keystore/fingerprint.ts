/** Certificate fingerprints as stable record ids: lower-case hex SHA-256 of the DER. */
import type * as pkijs from 'pkijs';
import { toDer } from '../asn1';
import { toHex } from '../bytes';
import { syncHash } from '../crypto/sha';

export function certificateId(certificate: pkijs.Certificate): string {
  return toHex(syncHash('SHA-256').digest(toDer(certificate)));
}

/** Accepts "AB:CD:…", "abcd…" or with spaces, as users paste them; returns lower-case hex. */
export function normalizeFingerprint(text: string): string {
  return text.replace(/[\s:]/g, '').toLowerCase();
}
