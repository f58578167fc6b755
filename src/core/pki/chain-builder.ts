/**
 * Candidate path construction: depth-first from the leaf towards a trust anchor by name
 * chaining, preferring issuers whose subjectKeyIdentifier matches the child's
 * authorityKeyIdentifier. Bounded (depth, candidates, steps) and loop-free, because the
 * certificate pool comes partly from the message an attacker sent.
 */
import { CertInfo } from './extensions';
import { namesEqual } from './names';

export interface BuildLimits {
  maxDepth: number;
  maxChains: number;
  maxSteps: number;
}

export const DEFAULT_BUILD_LIMITS: BuildLimits = { maxDepth: 10, maxChains: 8, maxSteps: 500 };

export interface BuildResult {
  /** Complete chains, leaf first and anchor last, best guesses first. */
  chains: CertInfo[][];
  /** The longest chain that did not reach an anchor (for error reporting). */
  longestPartial: CertInfo[];
}

/** 0 = key ids match, 1 = cannot tell, 2 = they differ (tried last, not dropped). */
function keyIdRank(child: CertInfo, issuer: CertInfo): number {
  if (!child.akiKeyId || !issuer.ski) return 1;
  return child.akiKeyId === issuer.ski ? 0 : 2;
}

function issuersOf(child: CertInfo, candidates: CertInfo[]): CertInfo[] {
  return candidates
    .filter((c) => namesEqual(c.subject, child.issuer))
    .sort((a, b) => keyIdRank(child, a) - keyIdRank(child, b));
}

function dedupe(list: CertInfo[]): CertInfo[] {
  const seen = new Set<string>();
  return list.filter((c) => (seen.has(c.id) ? false : (seen.add(c.id), true)));
}

export function buildChains(leaf: CertInfo, anchors: CertInfo[], pool: CertInfo[], limits = DEFAULT_BUILD_LIMITS): BuildResult {
  const anchorList = dedupe(anchors);
  const anchorIds = new Set(anchorList.map((a) => a.id));
  const intermediates = dedupe(pool).filter((c) => !anchorIds.has(c.id) && c.id !== leaf.id);
  const chains: CertInfo[][] = [];
  let longestPartial: CertInfo[] = [leaf];
  let steps = 0;

  if (anchorIds.has(leaf.id)) return { chains: [[leaf]], longestPartial };

  const extend = (path: CertInfo[]): void => {
    if (chains.length >= limits.maxChains || ++steps > limits.maxSteps) return;
    const current = path[path.length - 1];
    if (path.length > longestPartial.length) longestPartial = path;
    for (const anchor of issuersOf(current, anchorList)) {
      if (chains.length >= limits.maxChains) return;
      chains.push([...path, anchor]);
    }
    if (path.length >= limits.maxDepth) return;
    for (const next of issuersOf(current, intermediates)) {
      // Loop detection: the same certificate, or the same subject and key, never twice.
      if (path.some((p) => p.id === next.id || (namesEqual(p.subject, next.subject) && p.ski !== undefined && p.ski === next.ski))) continue;
      extend([...path, next]);
    }
  };
  extend([leaf]);
  chains.sort((a, b) => chainRank(a) - chainRank(b));
  return { chains, longestPartial };
}

/** Prefers chains whose every link has matching key identifiers, then shorter ones. */
function chainRank(chain: CertInfo[]): number {
  let mismatches = 0;
  for (let i = 0; i + 1 < chain.length; i++) if (keyIdRank(chain[i], chain[i + 1]) === 2) mismatches++;
  return mismatches * 100 + chain.length;
}
