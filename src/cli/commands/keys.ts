/**
 * `smime keys …`: the user's identities, correspondents' certificates and trust anchors,
 * kept under $SMIME_HOME. Private keys are wrapped under the passphrase in
 * $SMIME_KEYSTORE_PASSPHRASE; passwords are only ever read from environment variables.
 */
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { toDer } from '../../core/asn1';
import { utf8Encode } from '../../core/bytes';
import { OID } from '../../core/oids';
import { toPem } from '../../core/pem';
import { AddressBook } from '../../core/keystore/address-book';
import { parseCertificateFile } from '../../core/keystore/certificate-files';
import { createCsr, generateKeyPair, type KeyAlgorithm } from '../../core/keystore/generate';
import { KeyStore } from '../../core/keystore/key-store';
import { readPkcs12, writePkcs12 } from '../../core/keystore/pkcs12';
import { TrustStore } from '../../core/keystore/trust-store';
import { certificateId } from '../../core/keystore/fingerprint';
import { parseOptions, oneOf } from '../args';
import { defaultSmimeHome, FileBackend } from '../file-key-store';
import { UsageError, type CliIo } from '../io';

export const KEYS_USAGE = `smime keys import-p12 FILE --pass-env VAR [--label L] | list | export-cert ID [--p7b] [--out F]
         | backup ID --out F --pass-env VAR | generate --email E [--name CN] [--algorithm rsa3072|rsa2048|p256|p384] --csr-out F
         | import-cert FILE | trust add FILE --fingerprint SHA256 | trust list | trust remove SHA256
       (store: $SMIME_HOME or ~/.config/smime; key passphrase: $SMIME_KEYSTORE_PASSPHRASE)`;

const ALGORITHMS = { rsa2048: 'RSA-2048', rsa3072: 'RSA-3072', p256: 'P-256', p384: 'P-384' } as const;

function context(io: CliIo) {
  const backend = new FileBackend(defaultSmimeHome(io.env));
  return {
    backend,
    keys: new KeyStore({ backend, passphrase: io.env.SMIME_KEYSTORE_PASSPHRASE || undefined }),
    book: new AddressBook(backend),
  };
}

function password(io: CliIo, variable: string | undefined): string {
  if (!variable) throw new UsageError('--pass-env VAR is required (the name of the environment variable holding the password)');
  const value = io.env[variable];
  if (value === undefined) throw new UsageError(`environment variable ${variable} is not set`);
  return value;
}

function positional(argv: string[], what: string): [string, string[]] {
  const [first, ...rest] = argv;
  if (!first || first.startsWith('--')) throw new UsageError(`missing ${what}`);
  return [first, rest];
}

/** Matches an identity by full id or a unique prefix of at least 8 hex digits. */
async function findIdentity(keys: KeyStore, id: string) {
  const wanted = id.toLowerCase();
  const matches = (await keys.listIdentities()).filter((i) => i.id === wanted || (wanted.length >= 8 && i.id.startsWith(wanted)));
  if (matches.length !== 1) throw new UsageError(matches.length ? `identity id ${id} is ambiguous` : `no identity with id ${id}`);
  return matches[0];
}

/** A certs-only SignedData (.p7b): certificates and nothing else (G.55). */
function certsOnlyP7b(certs: pkijs.Certificate[]): Uint8Array {
  const signed = new pkijs.SignedData({
    version: 1,
    encapContentInfo: new pkijs.EncapsulatedContentInfo({ eContentType: OID.data }),
    certificates: certs,
  });
  return toDer(new pkijs.ContentInfo({ contentType: OID.signedData, content: signed.toSchema(true) as asn1js.Sequence }));
}

export async function keysCommand(argv: string[], io: CliIo): Promise<number> {
  const [sub, ...rest] = argv;
  const { backend, keys, book } = context(io);
  switch (sub) {
    case 'import-p12': {
      const [file, opts] = positional(rest, 'PKCS#12 file');
      const o = parseOptions(opts, { 'pass-env': { type: 'string' }, label: { type: 'string' } });
      const contents = await readPkcs12(io.readFile(file), password(io, o['pass-env']));
      if (contents.entries.length === 0) throw new UsageError(`${file} contains no private key with its certificate`);
      for (const entry of contents.entries) {
        try {
          const identity = await keys.importIdentity({ ...entry, label: o.label ?? entry.friendlyName });
          io.stdout(`imported ${identity.id} ${JSON.stringify(identity.label)} ${identity.emails.join(',')}\n`);
        } finally {
          entry.pkcs8.fill(0);
        }
      }
      return 0;
    }
    case 'list': {
      parseOptions(rest, {});
      for (const i of await keys.listIdentities()) {
        const until = i.certificate.notAfter.value.toISOString().slice(0, 10);
        io.stdout(`${i.id}  ${i.keyType}${i.namedCurve ? ` ${i.namedCurve}` : ` ${i.bits}`}  until ${until}  ${i.emails.join(',')}  ${JSON.stringify(i.label)}\n`);
      }
      return 0;
    }
    case 'export-cert': {
      const [id, opts] = positional(rest, 'identity id');
      const o = parseOptions(opts, { p7b: { type: 'boolean' }, out: { type: 'string' } });
      const identity = await findIdentity(keys, id);
      const data = o.p7b
        ? certsOnlyP7b([identity.certificate, ...identity.chain])
        : utf8Encode([identity.certificate, ...identity.chain].map((c) => toPem('CERTIFICATE', toDer(c))).join(''));
      if (o.out) io.writeFile(o.out, data);
      else io.stdout(data);
      return 0;
    }
    case 'backup': {
      const [id, opts] = positional(rest, 'identity id');
      const o = parseOptions(opts, { out: { type: 'string' }, 'pass-env': { type: 'string' } });
      if (!o.out) throw new UsageError('backup needs --out FILE');
      const pass = password(io, o['pass-env']);
      const identity = await findIdentity(keys, id);
      const pkcs8 = await keys.exportPkcs8(identity.id);
      try {
        const p12 = await writePkcs12({ pkcs8, certificate: identity.certificate, chain: identity.chain, friendlyName: identity.label }, pass);
        io.writeFile(o.out, p12);
      } finally {
        pkcs8.fill(0);
      }
      io.stdout(`wrote ${o.out}\n`);
      return 0;
    }
    case 'generate': {
      const o = parseOptions(rest, {
        email: { type: 'string' },
        name: { type: 'string' },
        algorithm: { type: 'string' },
        'csr-out': { type: 'string' },
      });
      if (!o.email) throw new UsageError('generate needs --email ADDRESS');
      if (!o['csr-out']) throw new UsageError('generate needs --csr-out FILE');
      const alg = oneOf(o.algorithm, Object.keys(ALGORITHMS) as (keyof typeof ALGORITHMS)[], '--algorithm') ?? 'rsa3072';
      const pair = await generateKeyPair({ algorithm: ALGORITHMS[alg] as KeyAlgorithm });
      try {
        const csr = await createCsr({ pkcs8: pair.pkcs8, email: o.email, commonName: o.name ?? o.email });
        const pendingId = await keys.addPendingKey(pair.pkcs8);
        io.writeFile(o['csr-out'], utf8Encode(toPem('CERTIFICATE REQUEST', csr)));
        io.stdout(`key ${pendingId.slice(0, 16)} stored; send ${o['csr-out']} to your CA, then run: smime keys import-cert CERT\n`);
      } finally {
        pair.pkcs8.fill(0);
      }
      return 0;
    }
    case 'import-cert': {
      const [file, opts] = positional(rest, 'certificate file');
      parseOptions(opts, {});
      const certs = parseCertificateFile(io.readFile(file), file);
      for (const cert of certs) {
        const identity = await keys.completePendingKey(cert, certs.filter((c) => c !== cert));
        if (identity) {
          io.stdout(`identity ${identity.id} ready for ${identity.emails.join(',')}\n`);
          return 0;
        }
      }
      const imported = await book.importCertificates(io.readFile(file));
      for (const cert of imported) io.stdout(`added ${certificateId(cert)} to the address book\n`);
      if (imported.length === 0) io.stdout('no end-entity certificate found (CA certificates go to: smime keys trust add)\n');
      return 0;
    }
    case 'trust': {
      const [action, ...args] = rest;
      const trust = await TrustStore.open(backend);
      if (action === 'list') {
        parseOptions(args, {});
        for (const c of trust.userAnchors()) io.stdout(`${certificateId(c)}  ${subjectCn(c)}\n`);
        return 0;
      }
      if (action === 'add') {
        const [file, opts] = positional(args, 'certificate file');
        const o = parseOptions(opts, { fingerprint: { type: 'string' } });
        if (!o.fingerprint) throw new UsageError('trust add needs --fingerprint SHA256 (checked with the issuer out of band)');
        const [cert] = parseCertificateFile(io.readFile(file), file);
        io.stdout(`trusted ${await trust.addUserAnchor(cert, o.fingerprint)}\n`);
        return 0;
      }
      if (action === 'remove') {
        const [fp, opts] = positional(args, 'fingerprint');
        parseOptions(opts, {});
        if (!(await trust.removeUserAnchor(fp))) throw new UsageError(`no user trust anchor ${fp}`);
        return 0;
      }
      throw new UsageError(`unknown trust action "${action ?? ''}"; use add, list or remove`);
    }
    default:
      throw new UsageError(`unknown keys subcommand "${sub ?? ''}"\nUsage: ${KEYS_USAGE}`);
  }
}

function subjectCn(cert: pkijs.Certificate): string {
  const cn = cert.subject.typesAndValues.find((t) => t.type === '2.5.4.3');
  return cn ? String(cn.value.valueBlock.value) : '';
}
