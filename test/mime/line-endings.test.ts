import fc from 'fast-check';
import { canonicalizeLineEndings, is7bitClean } from '../../src/core/mime/line-endings';

/** Byte-by-byte reference for the word-at-a-time implementation. */
function reference(bytes: Uint8Array, maxLine: number): boolean {
  let line = 0;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    if (b === 0 || b >= 0x80) return false;
    if (b === 0x0d) {
      if (bytes[i + 1] !== 0x0a) return false;
    } else if (b === 0x0a) {
      if (i === 0 || bytes[i - 1] !== 0x0d) return false;
      line = 0;
    } else if (++line > maxLine) {
      return false;
    }
  }
  return true;
}

const mailish = fc.array(fc.constantFrom(0x41, 0x20, 0x0d, 0x0a, 0x00, 0x09, 0x80, 0xff, 0x2d, 0x0c), { maxLength: 300 });

test('is7bitClean agrees with a byte-by-byte reference at every alignment', () => {
  fc.assert(
    fc.property(mailish, fc.integer({ min: 0, max: 3 }), fc.integer({ min: 1, max: 40 }), (values, offset, maxLine) => {
      const backing = new Uint8Array(values.length + offset);
      backing.set(values, offset);
      const bytes = backing.subarray(offset);
      expect(is7bitClean(bytes, maxLine)).toBe(reference(bytes, maxLine));
    }),
    { numRuns: 3000 },
  );
});

test('canonicalizeLineEndings output is CRLF-only and returns the input itself when already canonical', () => {
  fc.assert(
    fc.property(mailish, (values) => {
      const out = canonicalizeLineEndings(Uint8Array.from(values));
      for (let i = 0; i < out.length; i++) {
        if (out[i] === 0x0a) expect(out[i - 1]).toBe(0x0d);
        if (out[i] === 0x0d) expect(out[i + 1]).toBe(0x0a);
      }
      expect(canonicalizeLineEndings(out)).toBe(out);
    }),
    { numRuns: 2000 },
  );
});
