import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { copiedKinds, withoutPersonalLinks } from './supporter-copies.ts';

// A supporter's copy keeps the words but never what lets its holder answer as the person.
describe('copies for supporters', () => {
  const cases: Array<[string, string, string]> = [
    ['a web address', 'Reply here: https://coproduce.example/reply/abc.def thanks', 'Reply here: (link for them only) thanks'],
    ['a reply code in a text', 'Can you come? Your code: ABC 789', 'Can you come? Your code: (code for them only)'],
    [
      'a letter with phone and code',
      'Phone 01234 567890. Tell us your reply code: X7K 4MP',
      'Phone 01234 567890. Tell us your reply code: (code for them only)',
    ],
    ['ordinary words kept', 'Lunch at 12:30pm in the Mill Room', 'Lunch at 12:30pm in the Mill Room'],
    ['two links', 'http://a.example/1 and http://b.example/2', '(link for them only) and (link for them only)'],
  ];
  for (const [name, text, expected] of cases) test(name, () => assert.equal(withoutPersonalLinks(text), expected));

  test('sign-in links and codes, statements and safeguarding messages are never copied', () => {
    for (const kind of ['sign-in', 'statement', 'safeguarding'] as const) assert.ok(!(copiedKinds as readonly string[]).includes(kind));
  });
});
