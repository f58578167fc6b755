import { parseBer } from '../../src/core/asn1';
import { concatBytes } from '../../src/core/bytes';
import { MalformedInputError } from '../../src/core/errors';
import { readPki } from '../support/fixtures';
import { loadCertificate } from '../../src/core/pem';

/** SEQUENCE { SEQUENCE { OID of `length` bytes } } with long-form lengths. */
function nestedOid(length: number): Uint8Array {
  const len = (n: number) => Uint8Array.of(0x84, n >>> 24, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff);
  const oid = concatBytes(Uint8Array.of(0x06), len(length), new Uint8Array(length).fill(0x01));
  const inner = concatBytes(Uint8Array.of(0x30), len(oid.length), oid);
  return concatBytes(Uint8Array.of(0x30), len(inner.length), inner);
}

test('a megabyte-long OBJECT IDENTIFIER is refused before asn1js builds an object per sub-identifier', () => {
  expect(() => parseBer(nestedOid(1_000_000), 'input')).toThrow(MalformedInputError);
  expect(() => parseBer(nestedOid(1_000_000), 'input')).toThrow(/OBJECT IDENTIFIER longer than 128 bytes/);
  expect(parseBer(nestedOid(20), 'input')).toBeDefined();
});

test('ordinary certificates and a PEM chain still parse', () => {
  expect(loadCertificate(readPki('rsa2048', 'alice.crt')).subject.typesAndValues.length).toBeGreaterThan(0);
});

test('a length field larger than the input is malformed, not a resource limit', () => {
  const claim = Uint8Array.of(0x30, 0x84, 0x7f, 0xff, 0xff, 0xff, 0x02, 0x01, 0x00);
  expect(() => parseBer(claim, 'input')).toThrow(MalformedInputError);
});
