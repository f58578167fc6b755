// Types for server.mjs (used by the e2e tests).
export interface DevServer {
  url: string;
  mailbox: { dir: string };
  close(): Promise<void>;
}
export function startDevServer(options: {
  root: string;
  port?: number;
  host?: string;
  tls?: { cert: Uint8Array; key: Uint8Array };
  mailboxDir: string;
  seedDir?: string;
  production?: boolean;
}): Promise<DevServer>;
