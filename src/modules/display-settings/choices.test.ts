import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import {
  choicesFromCookie,
  choicesFromRow,
  contrasts,
  cookieFromChoices,
  displayClasses,
  motions,
  textSizes,
  usualDisplay,
  type DisplayChoices,
} from './choices.ts';

// P1: how a person's display choices travel in a cookie and become classes on the page.

test('a cookie, as a browser may send it, gives these choices', () => {
  const cases: Array<[string, string | undefined, DisplayChoices]> = [
    ['no cookie', undefined, usualDisplay],
    ['an empty cookie', '', usualDisplay],
    [
      'every choice made',
      'text=larger&contrast=high&motion=reduced&aloud=1',
      { textSize: 'larger', contrast: 'high', motion: 'reduced', readAloud: true },
    ],
    ['large text alone', 'text=large', { ...usualDisplay, textSize: 'large' }],
    ['an unknown size is the usual one', 'text=huge&contrast=high', { ...usualDisplay, contrast: 'high' }],
    ['aloud only when 1', 'aloud=yes', usualDisplay],
    ['nonsense', '%%%;;==&&', usualDisplay],
    ['far too long', `text=large&x=${'a'.repeat(300)}`, usualDisplay],
  ];
  for (const [why, cookie, expected] of cases) assert.deepEqual(choicesFromCookie(cookie), expected, why);
});

test('the classes on <html> for each choice; none for the usual look', () => {
  const cases: Array<[DisplayChoices, string]> = [
    [usualDisplay, ''],
    [{ ...usualDisplay, readAloud: true }, ''],
    [{ ...usualDisplay, textSize: 'large' }, 'app-text-large'],
    [{ ...usualDisplay, textSize: 'larger', contrast: 'high' }, 'app-text-larger app-contrast-high'],
    [{ textSize: 'usual', contrast: 'high', motion: 'reduced', readAloud: false }, 'app-contrast-high app-motion-reduced'],
  ];
  for (const [choices, classes] of cases) assert.equal(displayClasses(choices), classes, JSON.stringify(choices));
});

test('a stored row with a value no longer offered reads as the usual one', () => {
  assert.deepEqual(choicesFromRow({ text_size: 'large', contrast: 'high', motion: 'reduced', read_aloud: 1 }), {
    textSize: 'large',
    contrast: 'high',
    motion: 'reduced',
    readAloud: true,
  });
  assert.deepEqual(choicesFromRow({ text_size: 'giant', contrast: 'dark', motion: 'none', read_aloud: 0 }), usualDisplay);
});

const anyChoices = fc.record({
  textSize: fc.constantFrom(...textSizes),
  contrast: fc.constantFrom(...contrasts),
  motion: fc.constantFrom(...motions),
  readAloud: fc.boolean(),
});

test('property: every choice survives the cookie, and the cookie needs no escaping', () => {
  fc.assert(
    fc.property(anyChoices, (choices) => {
      const value = cookieFromChoices(choices);
      assert.match(value, /^[a-z0-9=&]+$/);
      assert.deepEqual(choicesFromCookie(value), { ...choices });
    }),
  );
});

test('property: whatever a cookie holds, the choices are ones the app offers', () => {
  fc.assert(
    fc.property(fc.string(), (value) => {
      const c = choicesFromCookie(value);
      assert.ok(textSizes.includes(c.textSize) && contrasts.includes(c.contrast) && motions.includes(c.motion));
      assert.match(displayClasses(c), /^[a-z -]*$/);
    }),
  );
});
