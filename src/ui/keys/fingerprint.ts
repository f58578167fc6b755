/**
 * SHA-256 of a certificate file, to show before the user trusts it as an anchor. The host
 * recomputes and compares it (KeysApi.addAnchor), so this only needs to find the DER.
 */
const PEM_CERTIFICATE = /-----BEGIN (?:X509 |TRUSTED )?CERTIFICATE-----([\s\S]*?)-----END (?:X509 |TRUSTED )?CERTIFICATE-----/;

export function certificateDer(file: Uint8Array): Uint8Array | undefined {
  const text = new TextDecoder('latin1').decode(file);
  const pem = PEM_CERTIFICATE.exec(text);
  if (pem) {
    try {
      return Uint8Array.from(atob(pem[1].replace(/\s+/g, '')), (c) => c.charCodeAt(0));
    } catch {
      return undefined;
    }
  }
  // DER: a SEQUENCE tag; anything else is not a single certificate.
  return file[0] === 0x30 ? file : undefined;
}

/** "AB:CD:…" like the core's CertificateSummary.sha256Fingerprint. */
export async function sha256Fingerprint(der: Uint8Array): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', der.slice()));
  return Array.from(digest, (b) => b.toString(16).toUpperCase().padStart(2, '0')).join(':');
}
