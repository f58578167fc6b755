import fc from 'fast-check';
import { base64Length, encodeBase64, fromBase64, latin1Decode, toBase64, writeBase64 } from '../../src/core/bytes';

test('base64 matches Node for any bytes and line length, and decodes back', () => {
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 400 }), fc.constantFrom(0, 64, 76, 7), (bytes, lineLength) => {
      const expected = Buffer.from(bytes).toString('base64');
      const encoded = toBase64(bytes, lineLength);
      expect(encoded.replace(/\r\n/g, '')).toBe(expected);
      if (lineLength > 0) {
        for (const line of encoded.split('\r\n').slice(0, -1)) expect(line.length).toBeLessThanOrEqual(lineLength);
        expect(encoded.length === 0 || encoded.endsWith('\r\n')).toBe(true);
      }
      expect(latin1Decode(encodeBase64(bytes, lineLength))).toBe(encoded);
      expect(Buffer.from(fromBase64(encoded))).toEqual(Buffer.from(bytes));
    }),
    { numRuns: 1500 },
  );
});

test('base64 decoding tolerates whitespace and junk, and stops at padding', () => {
  expect(Buffer.from(fromBase64(' SGVs\r\nbG8*= trailing')).toString()).toBe('Hello');
});

test('writeBase64 over split parts equals encodeBase64 of their concatenation', () => {
  fc.assert(
    fc.property(fc.array(fc.uint8Array({ maxLength: 40 }), { maxLength: 6 }), fc.constantFrom(0, 76, 7), (parts, lineLength) => {
      const joined = Uint8Array.from(parts.flatMap((p) => [...p]));
      const expected = encodeBase64(joined, lineLength);
      const out = new Uint8Array(base64Length(joined.length, lineLength) + 3).fill(0xee);
      const end = writeBase64(parts, out, 3, lineLength);
      expect(end).toBe(out.length);
      expect(Buffer.from(out.subarray(3))).toEqual(Buffer.from(expected));
      expect(out[2]).toBe(0xee); // nothing written before the offset
    }),
    { numRuns: 1500 },
  );
});
