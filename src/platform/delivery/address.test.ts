import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { letterAddressLines } from './address.ts';

// Issue 15 (S4): a letter goes to a person, not a house. Dennis lives in a care home; a
// letter to "4 Mill Lane" alone may never reach him.
const cases: Array<{ name: string; person: string | null; address: string; max?: number; lines: string[] }> = [
  {
    name: 'the name comes first, then the address a line each',
    person: 'Dennis Whitfield',
    address: 'The Oaks Care Home, 4 Mill Lane\nNorthby\nNB1 2CD',
    lines: ['Dennis Whitfield', 'The Oaks Care Home', '4 Mill Lane', 'Northby', 'NB1 2CD'],
  },
  {
    name: 'a comma in the name does not split it',
    person: 'Smith, Dennis',
    address: '4 Mill Lane\nNB1 2CD',
    lines: ['Smith, Dennis', '4 Mill Lane', 'NB1 2CD'],
  },
  {
    name: 'an address typed starting with the name does not repeat it',
    person: 'Dennis Whitfield',
    address: 'dennis whitfield\n4 Mill Lane\nNB1 2CD',
    lines: ['Dennis Whitfield', '4 Mill Lane', 'NB1 2CD'],
  },
  {
    name: 'spaces and new lines in the name are tidied',
    person: '  Dennis \n Whitfield ',
    address: '4 Mill Lane',
    lines: ['Dennis Whitfield', '4 Mill Lane'],
  },
  { name: 'no name known: the address alone', person: null, address: '4 Mill Lane, NB1 2CD', lines: ['4 Mill Lane', 'NB1 2CD'] },
  { name: 'a blank name: the address alone', person: ' ', address: '4 Mill Lane', lines: ['4 Mill Lane'] },
  {
    name: "Notify's seven lines: the name, then six, with the postcode alone at the end",
    person: 'Dennis Whitfield',
    address: 'Room 12, The Oaks Care Home, Block B, 4 Mill Lane, Upper Northby, Northby, Northshire, NB1 2CD',
    max: 7,
    lines: ['Dennis Whitfield', 'Room 12', 'The Oaks Care Home', 'Block B', '4 Mill Lane', 'Upper Northby, Northby, Northshire', 'NB1 2CD'],
  },
];

for (const c of cases) {
  test(`letter address: ${c.name}`, () => {
    assert.deepEqual(letterAddressLines(c.person, c.address, c.max), c.lines);
  });
}

test('letter address: the name first, every word of the address in order, the postcode last, never past the limit', () => {
  const name = fc.array(fc.stringMatching(/^[A-Z][a-z]{1,8}$/), { minLength: 1, maxLength: 3 }).map((w) => w.join(' '));
  // Address lines start with a digit, so none is the name.
  const line = fc.array(fc.stringMatching(/^[0-9][A-Za-z0-9]{0,6}$/), { minLength: 1, maxLength: 3 }).map((w) => w.join(' '));
  fc.assert(
    fc.property(name, fc.array(line, { minLength: 1, maxLength: 12 }), fc.integer({ min: 2, max: 9 }), (person, address, max) => {
      const lines = letterAddressLines(person, address.join('\n'), max);
      assert.equal(lines[0], person);
      assert.ok(lines.length <= max, `${lines.length} lines for at most ${max}`);
      const words = (text: string) => text.split(/[\s,]+/).filter(Boolean);
      assert.deepEqual(words(lines.slice(1).join(' ')), words(address.join(' ')));
      if (max > 2) assert.equal(lines.at(-1), address.at(-1));
    }),
  );
});
