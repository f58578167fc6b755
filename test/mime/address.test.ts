import { extractAddrSpec, parseAddressList } from '../../src/core/mime';
import { MalformedInputError } from '../../src/core/errors';

test.each([
  ['alice@example.com', [{ address: 'alice@example.com' }]],
  ['Alice Smith <alice@example.com>', [{ name: 'Alice Smith', address: 'alice@example.com' }]],
  ['"Bob <bob@x>" <alice@y>', [{ name: 'Bob <bob@x>', address: 'alice@y' }]],
  ['"Smith, John" <john@x.org>, jane@y.org', [{ name: 'Smith, John', address: 'john@x.org' }, { address: 'jane@y.org' }]],
  ['undisclosed-recipients:;', []],
  ['Team: a@x, "B" <b@x>; c@y', [{ address: 'a@x' }, { name: 'B', address: 'b@x' }, { address: 'c@y' }]],
  ['carol@x (Carol C.)', [{ name: 'Carol C.', address: 'carol@x' }]],
  ['Dan (the man) <dan@x> (work)', [{ name: 'Dan', address: 'dan@x' }]],
  ['=?utf-8?q?J=C3=B6rg?= <joerg@x.de>', [{ name: 'Jörg', address: 'joerg@x.de' }]],
  ['"=?utf-8?B?w6k=?=" <e@x>', [{ name: 'é', address: 'e@x' }]],
  ['"john doe"@example.com', [{ address: '"john doe"@example.com' }]],
  ['<@relay.x:user@host.x>', [{ address: 'user@host.x' }]],
  ['"quoted \\" escape" <q@x>', [{ name: 'quoted " escape', address: 'q@x' }]],
])('%s', (input, expected) => {
  expect(parseAddressList(input)).toEqual(expected);
});

test('garbage yields [] (or only the valid entries), never throws', () => {
  for (const junk of ['', ',,,', 'not an address', '<<<>>>', '"unterminated', '(((', 'a@', '@b', 'Alice alice@x', ':;:;']) {
    expect(parseAddressList(junk)).toEqual([]);
  }
  expect(parseAddressList('junk, ok@x, <broken')).toEqual([{ address: 'ok@x' }]);
});

test('extractAddrSpec wants exactly one mailbox', () => {
  expect(extractAddrSpec('"Alice, A." <Alice@Example.com>')).toBe('Alice@Example.com');
  expect(() => extractAddrSpec('a@x, b@y')).toThrow(MalformedInputError);
  expect(() => extractAddrSpec('undisclosed-recipients:;')).toThrow(MalformedInputError);
  expect(() => extractAddrSpec('')).toThrow(MalformedInputError);
});
