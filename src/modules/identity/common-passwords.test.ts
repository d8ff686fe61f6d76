import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { commonPasswordCount, isCommonPassword } from './common-passwords.ts';

describe('common passwords', () => {
  test('the list shipped with the app is loaded, tens of thousands long', () => assert.ok(commonPasswordCount() > 40_000));

  const cases: Array<[string, string, boolean]> = [
    ['on the list as it is', 'qwertyuiop123', true],
    ['on the list, in capitals', 'QAZWSXEDCRFV', true],
    ['a listed word with numbers and marks after', 'Sunshine2026!', true],
    ['a listed word with numbers before', '2026football', true],
    ['a listed word twice', 'passwordpassword', true],
    ['a listed word with spaces in it', 'i love you 2026', true],
    ['only numbers', '123456789012', true],
    ['one or two characters over and over', 'abababababab', true],
    ['a few unrelated words', 'sea kettle orange ladder', false],
    ['the test password', 'correct horse battery staple', false],
    ['words in Welsh', 'ŵyn bach yn y caeau', false],
    ['words in Russian', 'пароль пароль длинный', false],
  ];
  for (const [name, password, common] of cases) test(name, () => assert.equal(isCommonPassword(password), common));

  test('a check is a lookup, not a search: 10,000 checks in well under a second', () => {
    const started = performance.now();
    for (let i = 0; i < 10_000; i++) isCommonPassword(`sea kettle orange ladder ${i}`);
    assert.ok(performance.now() - started < 1000);
  });
});
