/** Loads signing/decryption identities from the files a CLI user names, or from the store. */
import type * as pkijs from 'pkijs';
import type { DecryptionKey } from '../core/cms/decrypt';
import type { SignerIdentity } from '../core/cms/sign';
import { KeyMismatchError } from '../core/errors';
import { privateKeyFromPkcs8 } from '../core/keys';
import type { KeyStore, StoredIdentity } from '../core/keystore/key-store';
import { extractAddrSpec, parseMime } from '../core/mime';
import { pkcs8MatchesCertificate } from '../core/keystore/key-match';
import { readPkcs12 } from '../core/keystore/pkcs12';
import { loadCertificate, loadCertificates, loadPrivateKeyPkcs8 } from '../core/pem';
import { UsageError, type CliIo } from './io';
import { selectIdentities } from './store';

export interface IdentityArgs {
  cert?: string;
  key?: string;
  p12?: string;
  'pass-env'?: string;
  chain?: string[];
}

export interface LoadedIdentity {
  certificate: pkijs.Certificate;
  chain: pkijs.Certificate[];
  pkcs8: Uint8Array;
}

export async function loadIdentity(args: IdentityArgs, io: CliIo, optionNames = { cert: '--cert', key: '--key' }): Promise<LoadedIdentity> {
  let identity: LoadedIdentity;
  if (args.p12) {
    if (args.cert || args.key) throw new UsageError(`use either --p12 or ${optionNames.cert}/${optionNames.key}, not both`);
    const passVar = args['pass-env'];
    if (!passVar) throw new UsageError('--p12 needs --pass-env VAR naming the environment variable that holds the password');
    const password = io.env[passVar];
    if (password === undefined) throw new UsageError(`environment variable ${passVar} is not set`);
    const contents = await readPkcs12(io.readFile(args.p12), password);
    const entry = contents.entries[0];
    if (!entry) throw new UsageError(`${args.p12} contains no private key with a certificate`);
    identity = { certificate: entry.certificate, chain: entry.chain, pkcs8: entry.pkcs8 };
  } else {
    if (!args.cert || !args.key) throw new UsageError(`give ${optionNames.cert} and ${optionNames.key}, or --p12`);
    const certificates = loadCertificates(io.readFile(args.cert), args.cert);
    identity = {
      certificate: certificates[0],
      chain: certificates.slice(1),
      pkcs8: loadPrivateKeyPkcs8(io.readFile(args.key), args.key),
    };
    if (!(await pkcs8MatchesCertificate(identity.pkcs8, identity.certificate))) throw new KeyMismatchError();
  }
  for (const file of args.chain ?? []) identity.chain.push(...loadCertificates(io.readFile(file), file));
  return identity;
}

export async function toSigner(identity: LoadedIdentity): Promise<SignerIdentity> {
  return { certificate: identity.certificate, chain: identity.chain, key: await privateKeyFromPkcs8(identity.pkcs8) };
}

export async function toDecryptionKey(identity: LoadedIdentity): Promise<DecryptionKey> {
  return { certificate: identity.certificate, key: await privateKeyFromPkcs8(identity.pkcs8) };
}

export function loadCertificateFiles(files: string[] | undefined, io: CliIo): pkijs.Certificate[] {
  return (files ?? []).flatMap((file) => loadCertificates(io.readFile(file), file));
}

export function loadOneCertificate(file: string, io: CliIo): pkijs.Certificate {
  return loadCertificate(io.readFile(file), file);
}

/** True when the command should take its key from the store rather than from files. */
export function usesStore(args: IdentityArgs & { store?: string; identity?: string }): boolean {
  const fromFiles = args.cert !== undefined || args.key !== undefined || args.p12 !== undefined;
  const fromStore = args.store !== undefined || args.identity !== undefined;
  if (fromFiles && fromStore) throw new UsageError('use either --store/--identity or key files (--cert/--key/--p12), not both');
  return !fromFiles;
}

/** The stored identity to sign with: --identity, else the newest valid one for the message's From address. */
export async function storedSigner(keys: KeyStore, selector: string | undefined, message: Uint8Array): Promise<SignerIdentity> {
  let identity: StoredIdentity | undefined;
  if (selector !== undefined && !selector.includes('@')) {
    identity = (await selectIdentities(keys, selector))[0];
  } else {
    const from = selector ?? fromAddress(message);
    identity = await keys.chooseSigningIdentity(from);
    if (!identity) throw new UsageError(`no valid signing identity for ${from} in the store`);
  }
  return { certificate: identity.certificate, chain: identity.chain, key: await keys.getKeyHandle(identity.id) };
}

/** All stored identities (or the selected ones); decryption picks the one a RecipientInfo names. */
export async function storedDecryptionKeys(keys: KeyStore, selector: string | undefined): Promise<DecryptionKey[]> {
  const identities = await selectIdentities(keys, selector);
  return Promise.all(identities.map(async (i) => ({ certificate: i.certificate, key: await keys.getKeyHandle(i.id) })));
}

function fromAddress(message: Uint8Array): string {
  const from = parseMime(message).headerAll('from');
  if (from.length !== 1) throw new UsageError('the message needs exactly one From header to choose the signing identity (or give --identity)');
  return extractAddrSpec(from[0]);
}
