/**
 * The one way the core reaches the network: an injected fetcher. Hosts decide how requests
 * leave the device (Outlook passes window.fetch, the CLI Node's fetch), so the core never
 * touches a global fetch and tests can count or refuse requests.
 */
import { concatBytes, toArrayBuffer } from '../bytes';
import { LimitExceededError, SmimeError } from '../errors';

export interface HttpRequest {
  url: string;
  method: 'GET' | 'POST';
  body?: Uint8Array;
  headers?: Record<string, string>;
  timeoutMs: number;
}

export interface HttpResponse {
  status: number;
  body: Uint8Array;
  /** Header names in lower case. */
  headers: Record<string, string>;
}

export type HttpFetcher = (request: HttpRequest) => Promise<HttpResponse>;

/** CRLs of large CAs reach a few MB; anything beyond this is refused rather than buffered. */
export const DEFAULT_MAX_RESPONSE_BYTES = 10 * 1024 * 1024;

export interface FetcherOptions {
  maxResponseBytes?: number;
}

/** Adapts a WHATWG fetch (window.fetch, Node's fetch) to HttpFetcher with a timeout and a size cap. */
export function fetcherFromFetch(fetchFn: typeof fetch, options: FetcherOptions = {}): HttpFetcher {
  const maxBytes = options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
  return async (request) => {
    const controller = typeof AbortController === 'function' ? new AbortController() : undefined;
    let timedOut = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    // The timeout covers the whole exchange, body included, and rejects even where
    // AbortController is missing (the fetch is then merely abandoned).
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        timedOut = true;
        controller?.abort();
        reject(new SmimeError('network', `${request.url}: no answer within ${request.timeoutMs} ms`));
      }, request.timeoutMs);
    });
    const exchange = async (): Promise<HttpResponse> => {
      const response = await fetchFn(request.url, {
        method: request.method,
        headers: request.headers,
        body: request.body ? toArrayBuffer(request.body) : undefined,
        signal: controller?.signal,
        redirect: 'follow',
        credentials: 'omit',
        cache: 'no-store',
      });
      const headers: Record<string, string> = {};
      response.headers.forEach((value, name) => {
        headers[name.toLowerCase()] = value;
      });
      const declared = Number(headers['content-length']);
      if (Number.isFinite(declared) && declared > maxBytes) {
        controller?.abort();
        throw tooLarge(request.url, maxBytes);
      }
      const body = await readCapped(response, maxBytes, request.url, () => controller?.abort());
      return { status: response.status, body, headers };
    };
    try {
      return await Promise.race([exchange(), timeout]);
    } catch (err) {
      if (err instanceof SmimeError) throw err;
      if (timedOut) throw new SmimeError('network', `${request.url}: no answer within ${request.timeoutMs} ms`);
      const detail = err instanceof Error ? err.message : String(err);
      throw new SmimeError('network', `${request.url}: ${detail}`, { cause: err });
    } finally {
      clearTimeout(timer);
    }
  };
}

function tooLarge(url: string, maxBytes: number): LimitExceededError {
  return new LimitExceededError(`${url}: the response is larger than the ${maxBytes}-byte limit`);
}

async function readCapped(response: Response, maxBytes: number, url: string, abort: () => void): Promise<Uint8Array> {
  const reader = response.body?.getReader();
  if (!reader) {
    const whole = new Uint8Array(await response.arrayBuffer());
    if (whole.length > maxBytes) throw tooLarge(url, maxBytes);
    return whole;
  }
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.length;
    if (total > maxBytes) {
      abort();
      await reader.cancel().catch(() => undefined);
      throw tooLarge(url, maxBytes);
    }
    chunks.push(value);
  }
  return concatBytes(...chunks);
}
