import { rmSync } from 'node:fs';

export default function globalTeardown() {
  if (process.env.SMIME_PKI_DIR) rmSync(process.env.SMIME_PKI_DIR, { recursive: true, force: true });
}
