/** The `smime` executable: wires runCli to the real process. */
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { runCli } from './run';
import type { CliIo } from './io';

const io: CliIo = {
  readFile: (path) => new Uint8Array(readFileSync(path)),
  // Write to a temporary name and rename, so a failure never leaves a half-written message.
  writeFile: (path, data) => {
    const temp = `${path}.${process.pid}.tmp`;
    writeFileSync(temp, data);
    renameSync(temp, path);
  },
  readStdin: () => new Uint8Array(readFileSync(0)),
  stdout: (data) => process.stdout.write(data),
  stderr: (text) => process.stderr.write(text),
  env: process.env,
};

process.exitCode = await runCli(process.argv.slice(2), io);
