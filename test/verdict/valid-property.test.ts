/**
 * Property: `valid` occurs only when every predicate holds. Random damage to a correctly
 * signed message must never produce a `valid` verdict for content, sender or signer other
 * than the original; and a `valid` verdict always has only valid signers and no errors.
 */
import fc from 'fast-check';
import { concatBytes, latin1Decode, latin1Encode } from '../../src/core/bytes';
import { readMessage, signMessage } from '../../src/core/smime';
import { STATUS_PRECEDENCE, worstStatus, type Verdict, type VerdictStatus } from '../../src/core/verdict';
import { plainMessage, rootOf, signerFor } from '../smime/helpers';

const BODY = 'Hello Bob,\r\n\r\nsee you at 10.\r\n';

function assertValidMeansEverythingHolds(verdict: Verdict): void {
  if (verdict.status !== 'valid') return;
  expect(verdict.signers.length).toBeGreaterThan(0);
  expect(verdict.signers.every((s) => s.status === 'valid')).toBe(true);
  expect(verdict.errors).toEqual([]);
  expect(verdict.from).toBeDefined();
  for (const s of verdict.signers) expect(s.certificate?.emails).toContain(sameMailbox(verdict.from));
}

/** Domains compare case-insensitively, local parts exactly (RFC 5321). */
function sameMailbox(address: string | undefined): string | undefined {
  if (!address) return address;
  const at = address.lastIndexOf('@');
  return `${address.slice(0, at)}@${address.slice(at + 1).toLowerCase()}`;
}

test('worstStatus: valid only when every finding is valid; nothing found is not-signed', () => {
  const status = fc.constantFrom(...STATUS_PRECEDENCE);
  fc.assert(
    fc.property(fc.array(status, { maxLength: 8 }), (statuses: VerdictStatus[]) => {
      const worst = worstStatus(statuses);
      expect(worst === 'valid').toBe(statuses.length > 0 && statuses.every((s) => s === 'valid'));
      for (const s of statuses) expect(STATUS_PRECEDENCE.indexOf(worst)).toBeLessThanOrEqual(STATUS_PRECEDENCE.indexOf(s));
    }),
    { numRuns: 500 },
  );
});

describe('mutations of a signed message', () => {
  let signed: Uint8Array;
  const options = { anchors: [rootOf('p256')], revocation: 'off' as const };

  beforeAll(async () => {
    signed = await signMessage(plainMessage(), await signerFor('p256'));
    const { verdict } = await readMessage(signed, options);
    expect(verdict.status).toBe('valid'); // the baseline the mutations start from
  });

  type Mutation =
    | { kind: 'flip'; at: number; bit: number }
    | { kind: 'insert'; at: number; bytes: Uint8Array }
    | { kind: 'delete'; at: number; length: number }
    | { kind: 'header'; line: string };

  const mutation: fc.Arbitrary<Mutation> = fc.oneof(
    fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), bit: fc.integer({ min: 0, max: 7 }) }),
    fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), bytes: fc.uint8Array({ minLength: 1, maxLength: 40 }) }),
    fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 60 }) }),
    fc.record({
      kind: fc.constant('header' as const),
      line: fc.constantFrom('From: Mallory <mallory@example.org>', 'Sender: mallory@example.org', 'Content-Type: text/html', 'From: alice@example.com'),
    }),
  );

  function apply(m: Mutation): Uint8Array {
    const at = 'at' in m ? m.at % signed.length : 0;
    switch (m.kind) {
      case 'flip': {
        const out = signed.slice();
        out[at] ^= 1 << m.bit;
        return out;
      }
      case 'insert':
        return concatBytes(signed.subarray(0, at), m.bytes, signed.subarray(at));
      case 'delete':
        return concatBytes(signed.subarray(0, at), signed.subarray(Math.min(signed.length, at + m.length)));
      case 'header':
        return concatBytes(latin1Encode(`${m.line}\r\n`), signed);
    }
  }

  test('valid only with the original content, sender and signer', async () => {
    await fc.assert(
      fc.asyncProperty(mutation, async (m) => {
        const damaged = apply(m);
        const { verdict, content } = await readMessage(damaged, options);
        assertValidMeansEverythingHolds(verdict);
        if (verdict.status === 'valid') {
          expect(sameMailbox(verdict.from)).toBe('alice@example.com');
          expect(content?.text()).toBe(BODY);
        }
        // A changed byte inside the signed entity can never be valid.
        const text = latin1Decode(signed);
        const start = text.indexOf('\r\n\r\n', text.indexOf('Content-Type: text/plain')) + 4;
        if (m.kind === 'flip' && m.at % signed.length >= start && m.at % signed.length < start + BODY.length - 2) {
          expect(verdict.status).not.toBe('valid');
        }
      }),
      { numRuns: 150 },
    );
  });
});
