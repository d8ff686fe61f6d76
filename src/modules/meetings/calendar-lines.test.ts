import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { foldLines, unfoldLines } from './calendar-lines.ts';

const octets = (line: string) => Buffer.byteLength(line, 'utf8');
const physicalLines = (text: string) => text.split('\r\n');

test('folding: a table of cases', () => {
  const a75 = `X:${'a'.repeat(73)}`;
  const cases: Array<[name: string, input: string, expected: string]> = [
    ['a short line is left alone', 'SUMMARY:Tea', 'SUMMARY:Tea'],
    ['75 octets exactly is left alone', a75, a75],
    ['76 octets folds once, with CRLF and one space', `${a75}b`, `${a75}\r\n b`],
    ['a £ (2 octets) that would end at octet 76 moves whole to the next line', `X:${'a'.repeat(72)}£`, `X:${'a'.repeat(72)}\r\n £`],
    ['an ë (2 octets) ending at octet 75 stays', `X:${'a'.repeat(71)}ë`, `X:${'a'.repeat(71)}ë`],
    ['a 4-octet emoji is never split', `X:${'a'.repeat(70)}🚌b`, `X:${'a'.repeat(70)}\r\n 🚌b`],
    ['later lines hold 74 octets after their space', `X:${'a'.repeat(73 + 74 + 1)}`, `${a75}\r\n ${'a'.repeat(74)}\r\n a`],
    ['the `ics` package’s character folds with a tab are undone first', 'SUMMARY:ab\r\n\tcd\r\nUID:1', 'SUMMARY:abcd\r\nUID:1'],
    ['each line of a file is folded on its own', `${a75}b\r\n${a75}c\r\n`, `${a75}\r\n b\r\n${a75}\r\n c\r\n`],
  ];
  for (const [name, input, expected] of cases) assert.equal(foldLines(input), expected, name);
});

test('a line of 2-octet characters (£, ë) folds at 75 octets, not at 75 characters', () => {
  const folded = foldLines(`SUMMARY:${'£'.repeat(100)}`);
  assert.deepEqual(physicalLines(folded).map(octets), [74, 75, 61]);
});

// A content line never starts with a space or a tab, so generated lines start with a name.
const contentLine = fc
  .tuple(fc.constantFrom('SUMMARY:', 'LOCATION:', 'X-WR-CALNAME:'), fc.string({ unit: 'binary', maxLength: 400 }))
  .map(([name, value]) => name + value.replace(/[\r\n]/g, ''));

test('property: every physical line is at most 75 octets of whole characters, and unfolding gives back the text', () => {
  fc.assert(
    fc.property(fc.array(contentLine, { minLength: 1, maxLength: 5 }), (lines) => {
      const text = `${lines.join('\r\n')}\r\n`;
      const folded = foldLines(text);
      for (const line of physicalLines(folded)) {
        assert.ok(octets(line) <= 75, `${octets(line)} octets`);
        // A character cut in two would not survive encoding (it would come back as U+FFFD).
        assert.equal(Buffer.from(line, 'utf8').toString('utf8'), line);
      }
      assert.equal(unfoldLines(folded), text);
      assert.equal(foldLines(folded), folded);
    }),
  );
});
