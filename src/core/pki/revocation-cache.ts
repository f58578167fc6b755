/**
 * In-memory revocation cache: CRLs keyed by URL, validated OCSP answers keyed by certificate
 * id. An entry is served only until its nextUpdate (or a maximum age when the source gives
 * none), judged by the cache's own clock, so stale data is fetched again rather than reused.
 */
import type * as pkijs from 'pkijs';

export interface OcspAnswer {
  status: 'good' | 'revoked' | 'unknown';
  revocationTime?: Date;
  thisUpdate: Date;
  nextUpdate?: Date;
}

export interface RevocationCacheOptions {
  /** Lifetime of entries without nextUpdate. Default one hour. */
  maxAgeMs?: number;
  /** Oldest entries are dropped beyond this. Default 512. */
  maxEntries?: number;
  /** Clock, injectable for tests. */
  now?: () => Date;
}

interface Entry<T> {
  value: T;
  expires: number;
}

export class RevocationCache {
  private readonly crls = new Map<string, Entry<pkijs.CertificateRevocationList>>();
  private readonly ocsp = new Map<string, Entry<OcspAnswer>>();
  private readonly maxAgeMs: number;
  private readonly maxEntries: number;
  private readonly now: () => Date;

  constructor(options: RevocationCacheOptions = {}) {
    this.maxAgeMs = options.maxAgeMs ?? 60 * 60 * 1000;
    this.maxEntries = options.maxEntries ?? 512;
    this.now = options.now ?? (() => new Date());
  }

  getCrl(url: string): pkijs.CertificateRevocationList | undefined {
    return this.get(this.crls, url);
  }

  putCrl(url: string, crl: pkijs.CertificateRevocationList): void {
    this.put(this.crls, url, crl, crl.nextUpdate?.value);
  }

  getOcsp(certId: string): OcspAnswer | undefined {
    return this.get(this.ocsp, certId);
  }

  putOcsp(certId: string, answer: OcspAnswer): void {
    this.put(this.ocsp, certId, answer, answer.nextUpdate);
  }

  clear(): void {
    this.crls.clear();
    this.ocsp.clear();
  }

  get size(): number {
    return this.crls.size + this.ocsp.size;
  }

  private get<T>(map: Map<string, Entry<T>>, key: string): T | undefined {
    const entry = map.get(key);
    if (!entry) return undefined;
    if (this.now().getTime() >= entry.expires) {
      map.delete(key);
      return undefined;
    }
    return entry.value;
  }

  private put<T>(map: Map<string, Entry<T>>, key: string, value: T, nextUpdate: Date | undefined): void {
    const now = this.now().getTime();
    // nextUpdate is when the source promises fresher data; without one, fall back to maxAge.
    const expires = nextUpdate ? nextUpdate.getTime() : now + this.maxAgeMs;
    if (!(expires > now)) return; // already stale: hand it out once, do not keep it
    map.delete(key);
    map.set(key, { value, expires });
    while (map.size > this.maxEntries) {
      const oldest = map.keys().next().value;
      if (oldest === undefined) break;
      map.delete(oldest);
    }
  }
}
