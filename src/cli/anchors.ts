/** --anchors DIR|FILE: every certificate in a PEM/DER file, or in each file of a directory. */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type * as pkijs from 'pkijs';
import { loadCertificates } from '../core/pem';
import type { CliIo } from './io';

export function loadAnchors(path: string, io: CliIo): pkijs.Certificate[] {
  if (!statSync(path).isDirectory()) return loadCertificates(io.readFile(path), path);
  return readdirSync(path)
    .filter((name) => /\.(pem|crt|cer|der)$/i.test(name))
    .sort()
    .flatMap((name) => loadCertificates(io.readFile(join(path, name)), join(path, name)));
}
