/**
 * Certificate requests for a CA: a new key is kept (wrapped) in the keystore as pending, the
 * CSR is handed to the user as PEM, and the issued certificate later completes the identity.
 */
import { createCsr, generateKeyPair, type KeyAlgorithm } from '../core/keystore/generate';
import { parseCertificateFile } from '../core/keystore/certificate-files';
import { toPem } from '../core/pem';
import type { IdentityInfo } from '../ui/host-api';
import { BadInputError } from '../core/errors';
import { identityInfo } from './keys-api';
import type { Stores } from './stores';

export async function requestCertificate(stores: Stores, input: { email: string; commonName: string; algorithm: KeyAlgorithm }): Promise<string> {
  const pair = await generateKeyPair({ algorithm: input.algorithm });
  try {
    const csr = await createCsr({ pkcs8: pair.pkcs8, email: input.email, commonName: input.commonName });
    await stores.keys.addPendingKey(pair.pkcs8);
    return toPem('CERTIFICATE REQUEST', csr);
  } finally {
    pair.pkcs8.fill(0);
  }
}

/** Accepts the CA's answer (PEM/DER/.p7b: leaf first or anywhere, with its chain). */
export async function installIssuedCertificate(stores: Stores, file: Uint8Array): Promise<IdentityInfo> {
  const certificates = parseCertificateFile(file, 'issued certificate');
  for (const certificate of certificates) {
    const others = certificates.filter((c) => c !== certificate);
    const identity = await stores.keys.completePendingKey(certificate, others);
    if (identity) return identityInfo(identity);
  }
  throw new BadInputError('None of these certificates belongs to a key generated here for a certificate request');
}
