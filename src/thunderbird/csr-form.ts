/**
 * The options page's certificate-request form (the shared keys view has no CSR step): create
 * a key + PKCS#10 request for a CA, then install the certificate the CA returns. Plain DOM,
 * text only (no innerHTML), so nothing the user or a CA supplies is parsed as markup.
 */
import type { KeyAlgorithm } from '../core/keystore/generate';
import { describeError } from './errors';
import { installIssuedCertificate, requestCertificate } from './csr';
import { downloadBytes } from '../ui/common/files';
import type { Stores } from './stores';

const ALGORITHMS: KeyAlgorithm[] = ['RSA-3072', 'RSA-2048', 'P-256', 'P-384'];

function el<K extends keyof HTMLElementTagNameMap>(doc: Document, tag: K, props: Partial<HTMLElementTagNameMap[K]> = {}): HTMLElementTagNameMap[K] {
  return Object.assign(doc.createElement(tag), props);
}

export function renderCsrForm(root: HTMLElement, stores: Stores, onChanged: () => void = () => {}): void {
  const doc = root.ownerDocument;
  const section = el(doc, 'section', { className: 'csr' });
  const status = el(doc, 'p', { className: 'csr-status' });
  status.setAttribute('role', 'status');
  const email = el(doc, 'input', { type: 'email', name: 'email', required: true, placeholder: 'you@example.com' });
  const name = el(doc, 'input', { type: 'text', name: 'commonName', placeholder: 'Your name' });
  const algorithm = el(doc, 'select', { name: 'algorithm' });
  for (const a of ALGORITHMS) algorithm.append(el(doc, 'option', { value: a, textContent: a }));
  const output = el(doc, 'textarea', { readOnly: true, rows: 8, name: 'csr' });
  const form = el(doc, 'form');
  const label = (text: string, input: HTMLElement) => {
    const l = el(doc, 'label', { textContent: `${text} ` });
    l.append(input);
    return l;
  };
  form.append(label('E-mail', email), label('Name', name), label('Key', algorithm), el(doc, 'button', { type: 'submit', textContent: 'Create certificate request' }));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    status.textContent = 'Generating key…';
    requestCertificate(stores, { email: email.value, commonName: name.value, algorithm: algorithm.value as KeyAlgorithm })
      .then((pem) => {
        output.value = pem;
        downloadBytes(new TextEncoder().encode(pem), 'request.csr', 'application/pkcs10', doc);
        status.textContent = 'Request created. Send it to your CA, then install the certificate it returns below.';
      })
      .catch((err: unknown) => (status.textContent = describeError(err)));
  });
  const issued = el(doc, 'input', { type: 'file', name: 'issued', accept: '.crt,.cer,.pem,.p7b,.p7c' });
  issued.addEventListener('change', () => {
    const file = issued.files?.[0];
    if (!file) return;
    file
      .arrayBuffer()
      .then((buffer) => installIssuedCertificate(stores, new Uint8Array(buffer)))
      .then((identity) => {
        status.textContent = `Installed identity ${identity.label}.`;
        onChanged();
      })
      .catch((err: unknown) => (status.textContent = describeError(err)));
  });
  section.append(el(doc, 'h2', { textContent: 'Request a certificate from a CA' }), form, output, label('Install issued certificate', issued), status);
  root.append(section);
}
