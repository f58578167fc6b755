/**
 * The engine's public surface: what the hosts (Outlook, Thunderbird, CLI) import. Everything
 * here is host-free and runs in browsers, Node and Outlook's JavaScript-only runtime.
 */
export * from './errors';
export type { Verdict, VerdictStatus, SignerReport, EncryptionReport, CertificateSummary } from './verdict';
export { STATUS_PRECEDENCE, BANNER_MAX_LENGTH, worstStatus } from './verdict';
export { signMessage, encryptMessage, decryptMessage, readMessage, displayedProtectedHeaders } from './smime';
export type { SignMessageOptions, DecryptMessageResult, ReadOptions, ReadResult, DisplayedHeader } from './smime';
export type { SignerIdentity } from './cms/sign';
export type { DecryptionKey } from './cms/decrypt';
export { chooseContentCipher, type ContentCipher, type KeyTransport, type EncryptOptions } from './cms/encrypt';
export type { PrivateKeyHandle } from './keys';
export { privateKeyFromPkcs8 } from './keys';
export { loadCertificate, loadCertificates, loadPrivateKeyPkcs8, toPem } from './pem';
export { parseMime, buildMessage, type MimeEntity, type MessageInput, type AttachmentInput } from './mime';
export { summarizeCertificate, displayName } from './pki/certificate-info';
export { certificateEmails, emailMatchesCertificate } from './pki/email-binding';
export { fetcherFromFetch, type HttpFetcher } from './pki/http';
export { createRevocationProvider } from './pki/revocation-fetch';
export { RevocationCache } from './pki/revocation-cache';
export type { RevocationMode } from './pki/validate';
export { readPkcs12, writePkcs12 } from './keystore/pkcs12';
export { KeyStore } from './keystore/key-store';
export { AddressBook } from './keystore/address-book';
export { TrustStore } from './keystore/trust-store';
export { MemoryBackend } from './keystore/memory-backend';
export { IndexedDbBackend } from './keystore/indexeddb-backend';
export type { KeyValueBackend } from './keystore/backend';
export { harvestFromRead } from './keystore/harvest';
export { generateKeyPair, createCsr, createSelfSignedTestIdentity, bindIssuedCertificate } from './keystore/generate';
