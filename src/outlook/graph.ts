/**
 * The three Microsoft Graph calls the add-in makes: submit a MIME message (sendMail with a
 * base64 text/plain body, the only route that keeps S/MIME intact), fetch a message's MIME
 * ($value), and delete the leftover draft. The base URL is Graph, or the dev server's
 * Graph-compatible endpoint in the playground.
 */
import { fromBase64, toBase64 } from '../core/bytes';
import { GraphError, MessageTooLargeError } from './errors';

/** sendMail rejects requests above about 4 MB of base64 (microsoft-graph-docs#13979). */
export const GRAPH_SENDMAIL_LIMIT = 4 * 1024 * 1024;

export const GRAPH_SCOPES = ['Mail.Send', 'Mail.ReadWrite', 'Mail.Read'];

export interface TokenProvider {
  getToken(scopes: string[]): Promise<string>;
}

export function base64Length(byteLength: number): number {
  return 4 * Math.ceil(byteLength / 3);
}

export function checkSendMailSize(mime: Uint8Array, limit = GRAPH_SENDMAIL_LIMIT): void {
  const size = base64Length(mime.length);
  if (size > limit) throw new MessageTooLargeError(size, limit);
}

export class GraphClient {
  constructor(
    private readonly baseUrl: string,
    private readonly tokens: TokenProvider,
    private readonly fetchFn: typeof fetch = (input, init) => fetch(input, init),
  ) {}

  private async request(method: string, path: string, body?: string, contentType?: string): Promise<Response> {
    const token = await this.tokens.getToken(GRAPH_SCOPES);
    const headers: Record<string, string> = { authorization: `Bearer ${token}` };
    if (contentType) headers['content-type'] = contentType;
    const response = await this.fetchFn(`${this.baseUrl.replace(/\/$/, '')}${path}`, { method, headers, body, credentials: 'omit' });
    if (!response.ok) {
      let detail = response.statusText;
      try {
        const json = (await response.json()) as { error?: { code?: string; message?: string } };
        detail = [json.error?.code, json.error?.message].filter(Boolean).join(': ') || detail;
      } catch {
        // Not JSON: keep the status text.
      }
      throw new GraphError(response.status, `Microsoft Graph refused ${method} ${path.split('/').slice(0, 3).join('/')} (${response.status} ${detail})`);
    }
    return response;
  }

  /** POST /me/sendMail with the whole message as base64 (202 Accepted). */
  async sendMime(mime: Uint8Array): Promise<void> {
    checkSendMailSize(mime);
    await this.request('POST', '/me/sendMail', toBase64(mime), 'text/plain');
  }

  /** GET /me/messages/{id}/$value: the message's MIME. */
  async getMime(restId: string): Promise<Uint8Array> {
    const response = await this.request('GET', `/me/messages/${encodeURIComponent(restId)}/$value`);
    return new Uint8Array(await response.arrayBuffer());
  }

  async deleteMessage(restId: string): Promise<void> {
    await this.request('DELETE', `/me/messages/${encodeURIComponent(restId)}`);
  }
}

export { fromBase64 };
