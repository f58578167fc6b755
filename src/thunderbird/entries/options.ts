import { renderCsrForm } from '../csr-form';
import { startPage } from './page';

const { stores, messenger } = startPage('keys');
const csr = document.getElementById('csr');
if (csr) renderCsrForm(csr, stores, () => void messenger.runtime.sendMessage({ type: 'stores-changed' }).catch(() => undefined));
