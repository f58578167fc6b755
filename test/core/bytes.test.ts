import fc from 'fast-check';
import { encodeBase64, fromBase64, latin1Decode, toBase64 } from '../../src/core/bytes';

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
