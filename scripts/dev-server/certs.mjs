// HTTPS for https://localhost:3000: office-addin-dev-certs generateCertificates() only (never
// its trust-store install); offline or failing, a self-signed certificate from openssl.
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { execFileSync } from 'node:child_process';

const OFFICE_DIR = join(homedir(), '.office-addin-dev-certs');

export async function devCertificates() {
  const cert = join(OFFICE_DIR, 'localhost.crt');
  const key = join(OFFICE_DIR, 'localhost.key');
  const ca = join(OFFICE_DIR, 'ca.crt');
  if (!existsSync(cert) || !existsSync(key)) {
    try {
      const { generateCertificates } = await import('office-addin-dev-certs');
      await generateCertificates(ca, cert, key, 30);
    } catch {
      // Fall through to the openssl fallback below.
    }
  }
  if (existsSync(cert) && existsSync(key)) {
    return { cert: readFileSync(cert), key: readFileSync(key), ca: existsSync(ca) ? readFileSync(ca) : undefined, caPath: existsSync(ca) ? ca : cert };
  }
  const dir = resolve('.tmp/certs');
  mkdirSync(dir, { recursive: true });
  const fbCert = join(dir, 'localhost.crt');
  const fbKey = join(dir, 'localhost.key');
  if (!existsSync(fbCert)) {
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-sha256', '-days', '30', '-subj', '/CN=localhost', '-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1', '-keyout', fbKey, '-out', fbCert], { stdio: 'ignore' });
  }
  return { cert: readFileSync(fbCert), key: readFileSync(fbKey), caPath: fbCert };
}
