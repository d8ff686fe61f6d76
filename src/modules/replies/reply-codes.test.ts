import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { newReplyCode, readReplyCode, replyCodeAlphabet, replyCodeLength, spacedCode } from './reply-codes.ts';

test('the alphabet has no characters that look or sound alike', () => {
  for (const c of '0O1IL5S2Z') assert.ok(!replyCodeAlphabet.includes(c), c);
  assert.equal(new Set(replyCodeAlphabet).size, replyCodeAlphabet.length, 'no character twice');
  assert.equal(replyCodeAlphabet, replyCodeAlphabet.toUpperCase());
});

test('reading a typed code', () => {
  const cases: Array<[string, string, string | null]> = [
    ['as printed', 'ABC 789', 'ABC789'],
    ['lower case and a dash', 'abc-789', 'ABC789'],
    ['spaces anywhere', ' a b c 7 8 9 ', 'ABC789'],
    ['too short', 'ABC78', null],
    ['too long', 'ABC7899', null],
    ['a zero is never in a code', 'ABC780', null],
    ['a letter O is never in a code', 'ABCO89', null],
    ['an L is never in a code', 'ABCL89', null],
    ['nothing', '', null],
    ['not letters', 'ABC!89', null],
  ];
  for (const [name, typed, expected] of cases) assert.equal(readReplyCode(typed), expected, name);
});

test('every new code reads back as itself, printed or typed in halves', () => {
  fc.assert(
    fc.property(
      fc.array(fc.nat({ max: replyCodeAlphabet.length - 1 }), { minLength: replyCodeLength, maxLength: replyCodeLength }),
      (picks) => {
        let i = 0;
        const code = newReplyCode(() => picks[i++]!);
        assert.equal(code.length, replyCodeLength);
        assert.equal(readReplyCode(code), code);
        assert.equal(readReplyCode(spacedCode(code).toLowerCase()), code);
      },
    ),
  );
});
