/**
 * An in-memory HostApi for UI tests, configured by the page's query string and recording every
 * call in `window.__calls` so the test can assert which API methods the UI used.
 */
import type { CertificateSummary, VerdictStatus } from '../../src/core/verdict';
import type { ComposePolicy, HostApi, IdentityInfo, ProgressListener, ReadPaneState, RecipientStatus, SendResult } from '../../src/ui/host-api';
import { ALICE, ROOT, certificate, hostileHtml, mixedVerdict, verdictFor } from './fixtures';

export interface Call {
  method: string;
  args: unknown[];
}

export interface FakeControls {
  calls: Call[];
  fireItemChanged(next: string): void;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function slowly(onProgress: ProgressListener | undefined, label: string, ms: number): Promise<void> {
  for (let i = 1; i <= 4; i++) {
    await sleep(ms / 4);
    onProgress?.({ label, fraction: i / 4 });
  }
}

function smimeError(code: string, message: string): Error {
  return Object.assign(new Error(message), { code });
}

/** The read state for a scenario name: a VerdictStatus, or one of the special cases. */
function readState(scenario: string, leakBase: string): ReadPaneState {
  if (scenario === 'not-smime') return { kind: 'not-smime', subject: 'Hello' };
  if (scenario === 'error') return { kind: 'error', message: 'The message could not be read.' };
  if (scenario === 'efail') {
    return {
      kind: 'verdict',
      verdict: verdictFor('not-signed'),
      content: { html: hostileHtml(leakBase), text: 'plain', attachments: [] },
      canSaveSenderCertificate: false,
      certificateAlerts: [],
    };
  }
  if (scenario === 'mixed') {
    return { kind: 'verdict', verdict: mixedVerdict(), canSaveSenderCertificate: false, certificateAlerts: [] };
  }
  if (scenario === 'text') {
    return {
      kind: 'verdict',
      verdict: verdictFor('valid'),
      content: { text: `<b>not bold</b> <img src="${leakBase}/leak-text">`, attachments: [] },
      canSaveSenderCertificate: false,
      certificateAlerts: [],
    };
  }
  if (scenario === 'protected-headers') {
    return {
      kind: 'verdict',
      verdict: verdictFor('valid'),
      protectedHeaders: [
        { name: 'From', value: 'Alice <alice@example.com>' },
        { name: 'Subject', value: '<img src="' + leakBase + '/leak-header"> Schön' },
      ],
      content: { text: 'Wrapped body.', attachments: [] },
      canSaveSenderCertificate: false,
      certificateAlerts: [],
    };
  }
  const status = scenario as VerdictStatus;
  return {
    kind: 'verdict',
    verdict: verdictFor(status),
    content: {
      html: '<p>Hello Bob, <b>see the report</b>.</p>',
      attachments: [{ id: 'a1', name: 'report.pdf', contentType: 'application/pdf', size: 48_213 }],
    },
    canSaveSenderCertificate: true,
    certificateAlerts: status === 'untrusted' ? ["Alice's certificate changed since the last message."] : [],
  };
}

export function createFakeHost(params: URLSearchParams, leakBase: string): { host: HostApi; controls: FakeControls } {
  const calls: Call[] = [];
  const record = (method: string, ...args: unknown[]) => calls.push({ method, args });
  const itemListeners = new Set<() => void>();
  let scenario = params.get('read') ?? 'valid';
  let policy: ComposePolicy = { sign: true, encrypt: true };
  const carol = certificate('carol@example.com', 'Carol Example');
  let carolKnown = false;
  const testIdentity: IdentityInfo = {
    id: 'id-test',
    label: 'Test Tess',
    emails: ['tess@example.com'],
    certificate: certificate('tess@example.com', 'Test Tess', 'CN=Test Tess'),
    isTestIdentity: true,
    expiresInDays: 12,
  };
  const aliceIdentity: IdentityInfo = { id: 'id-alice', label: 'Alice Example', emails: ['alice@example.com'], certificate: ALICE, isTestIdentity: false, expiresInDays: 300 };
  let identities: IdentityInfo[] = params.get('identity') === 'none' ? [] : [aliceIdentity, testIdentity];
  let certificates: CertificateSummary[] = [certificate('bob@example.com', 'Bob Example')];
  let anchors: { certificate: CertificateSummary; source: 'deployment' | 'user' }[] = [{ certificate: ROOT, source: 'deployment' }];

  const host: HostApi = {
    hostName: 'playground',
    theme: () => (params.get('theme') === 'dark' ? 'dark' : 'light'),
    read: {
      async loadCurrentItem(onProgress) {
        record('loadCurrentItem');
        await slowly(onProgress, 'Verifying…', Number(params.get('readDelay') ?? 0));
        if (scenario === 'throw') throw new Error('Host failed to read the item.');
        return readState(scenario, leakBase);
      },
      async loadMessageBytes(bytes) {
        // The dropped/chosen file's first line names the scenario to show, e.g. "scenario: invalid".
        const named = /^scenario: ([a-z-]+)/.exec(new TextDecoder().decode(bytes.subarray(0, 64)))?.[1] ?? 'valid';
        record('loadMessageBytes', bytes.length);
        return readState(named, leakBase);
      },
      onItemChanged(listener) {
        itemListeners.add(listener);
        return () => itemListeners.delete(listener);
      },
      async saveSenderCertificate() {
        record('saveSenderCertificate');
      },
      async saveAttachment(id) {
        record('saveAttachment', id);
      },
    },
    compose: {
      async getPolicy() {
        record('getPolicy');
        return policy;
      },
      async setPolicy(p) {
        record('setPolicy', p);
        policy = p;
      },
      async signingIdentity() {
        record('signingIdentity');
        return identities[0];
      },
      async checkRecipients(): Promise<RecipientStatus[]> {
        record('checkRecipients');
        return [
          { address: 'bob@example.com', certificate: certificates[0] },
          carolKnown ? { address: 'carol@example.com', certificate: carol } : { address: 'carol@example.com', problem: 'No certificate for carol@example.com' },
        ];
      },
      async sendSecurely(options, onProgress): Promise<SendResult> {
        record('sendSecurely', options);
        await slowly(onProgress, 'Encrypting…', Number(params.get('sendDelay') ?? 800));
        if (policy.encrypt && !carolKnown && !options.signOnlyIfMissingCertificates) {
          return { kind: 'blocked', reason: 'Missing certificates', missingCertificates: ['carol@example.com'] };
        }
        return { kind: 'sent', via: 'graph' };
      },
      async saveAsEml(onProgress) {
        record('saveAsEml');
        await slowly(onProgress, 'Building…', 400);
        return { kind: 'saved-eml', fileName: 'message.eml' };
      },
    },
    keys: {
      async listIdentities() {
        record('listIdentities');
        return identities;
      },
      async importPkcs12(file, password) {
        record('importPkcs12', file.length, password);
        await sleep(400);
        if (password !== 'correct') throw smimeError('wrong-password', 'The password is wrong or the file is damaged.');
        const imported: IdentityInfo = { ...aliceIdentity, id: 'id-imported', label: 'Imported Ivy', emails: ['ivy@example.com'] };
        identities = [...identities, imported];
        return [imported];
      },
      async createTestIdentity(email, commonName) {
        record('createTestIdentity', email, commonName);
        const created: IdentityInfo = { ...testIdentity, id: `id-${email}`, label: commonName, emails: [email], expiresInDays: 365 };
        identities = [...identities, created];
        return created;
      },
      async exportBackup(identityId, passphrase) {
        record('exportBackup', identityId, passphrase);
        return new Uint8Array([0x30, 0x00]);
      },
      async deleteIdentity(identityId) {
        record('deleteIdentity', identityId);
        identities = identities.filter((i) => i.id !== identityId);
      },
      async listCertificates() {
        record('listCertificates');
        return certificates;
      },
      async importCertificates(file) {
        record('importCertificates', file.length);
        carolKnown = true;
        certificates = [...certificates, carol];
        return [carol];
      },
      async removeCertificate(fp) {
        record('removeCertificate', fp);
        certificates = certificates.filter((c) => c.sha256Fingerprint !== fp);
      },
      async listAnchors() {
        record('listAnchors');
        return anchors;
      },
      async addAnchor(file, confirmedFingerprint) {
        record('addAnchor', file.length, confirmedFingerprint);
        const added = { ...certificate('user-ca@example.com', 'User CA'), sha256Fingerprint: confirmedFingerprint };
        anchors = [...anchors, { certificate: added, source: 'user' }];
        return added;
      },
      async removeAnchor(fp) {
        record('removeAnchor', fp);
        anchors = anchors.filter((a) => a.certificate.sha256Fingerprint !== fp);
      },
    },
  };
  return {
    host,
    controls: {
      calls,
      fireItemChanged(next) {
        scenario = next;
        itemListeners.forEach((l) => l());
      },
    },
  };
}
