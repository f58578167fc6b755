/** /playground.html: installs the emulation hook before any iframe loads, then starts the shell. */
import { PlaygroundShell } from './shell';

const root = document.getElementById('playground');
if (root) {
  const shell = new PlaygroundShell(root);
  (window as Window & { smimePlayground?: ReturnType<PlaygroundShell['hook']> }).smimePlayground = shell.hook();
  shell.start().catch((err: unknown) => {
    root.setAttribute('data-error', err instanceof Error ? err.message : String(err));
    root.append(String(err));
  });
}
