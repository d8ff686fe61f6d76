import assert from 'node:assert/strict';
import { test } from 'node:test';
import { z } from 'zod';
import { checkboxList, errorView, optionalText, parseForm, requiredText } from './forms.ts';
import { safeLocalPath } from './redirects.ts';

const schema = z.object({
  name: requiredText('people:errors.nameRequired', 5),
  note: optionalText(10),
  choices: checkboxList(['a', 'b'] as const),
});

test('form fields: trimmed, empty optional text becomes null, one checkbox becomes a list', () => {
  const cases: Array<[Record<string, unknown>, unknown]> = [
    [
      { name: '  Al ', note: '', choices: 'a' },
      { name: 'Al', note: null, choices: ['a'] },
    ],
    [
      { name: 'Al', note: ' hi ', choices: ['a', 'b'] },
      { name: 'Al', note: 'hi', choices: ['a', 'b'] },
    ],
    [{ name: 'Al' }, { name: 'Al', note: null, choices: [] }],
  ];
  for (const [body, expected] of cases) assert.deepEqual(parseForm(schema, body), { ok: true, data: expected });
});

test('form errors: the first message per field, as catalogue keys', () => {
  const result = parseForm(schema, { name: '   ', note: 'x'.repeat(11), choices: ['c'] });
  assert.equal(result.ok, false);
  if (result.ok) return;
  assert.deepEqual(result.errors, { name: 'people:errors.nameRequired', note: 'errors:tooLong', 'choices.0': 'errors:invalidChoice' });
  const view = errorView(result.errors, ((k: string) => `T(${k})`) as never);
  assert.deepEqual(view.errorList[0], { text: 'T(people:errors.nameRequired)', href: '#name' });
  assert.deepEqual(view.errorList[2], { text: 'T(errors:invalidChoice)', href: '#choices' });
});

test('only local paths are followed after sign-in', () => {
  const cases: Array<[unknown, string]> = [
    ['/people', '/people'],
    ['/people?x=1', '/people?x=1'],
    ['//evil.example', '/'],
    ['/\\evil.example', '/'],
    ['https://evil.example', '/'],
    ['', '/'],
    [undefined, '/'],
    [42, '/'],
  ];
  for (const [input, expected] of cases) assert.equal(safeLocalPath(input), expected, String(input));
});
