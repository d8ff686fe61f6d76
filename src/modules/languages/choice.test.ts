import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { joinBodies, joinSubjects, messageLanguages, pageLanguage, welshSettings, type WelshSetting } from './choice.ts';
import type { AppLanguage } from '../../platform/i18n.ts';

const pages: Array<[string, WelshSetting, AppLanguage | null, string | undefined, AppLanguage]> = [
  ['Welsh off: English whatever was chosen', 'off', 'cy', 'cy', 'en'],
  ['their own choice beats the cookie', 'english-first', 'cy', 'en', 'cy'],
  ['the switch cookie for someone not signed in', 'english-first', null, 'cy', 'cy'],
  ['a cookie with nonsense is ignored', 'english-first', null, 'fr', 'en'],
  ['nothing chosen, Welsh first', 'welsh-first', null, undefined, 'cy'],
  ['nothing chosen, English first', 'english-first', null, undefined, 'en'],
];
for (const [name, setting, chosen, cookie, expected] of pages)
  test(`page language: ${name}`, () => assert.equal(pageLanguage(setting, chosen, cookie), expected));

const messages: Array<[string, WelshSetting, AppLanguage | null, AppLanguage[]]> = [
  ['Welsh off: English only', 'off', 'cy', ['en']],
  ['chose Welsh: Welsh only', 'english-first', 'cy', ['cy']],
  ['chose English: English only', 'welsh-first', 'en', ['en']],
  ['not chosen, English first: both', 'english-first', null, ['en', 'cy']],
  ['not chosen, Welsh first: both, Welsh on top', 'welsh-first', null, ['cy', 'en']],
];
for (const [name, setting, chosen, expected] of messages)
  test(`message languages: ${name}`, () => assert.deepEqual(messageLanguages(setting, chosen), expected));

test('a message is always in English or Welsh, each at most once, and English whenever Welsh is off', () => {
  fc.assert(
    fc.property(fc.constantFrom(...welshSettings), fc.constantFrom<AppLanguage | null>('en', 'cy', null), (setting, chosen) => {
      const langs = messageLanguages(setting, chosen);
      assert.ok(langs.length >= 1 && new Set(langs).size === langs.length);
      if (setting === 'off') assert.deepEqual(langs, ['en']);
      assert.ok(langs.includes(pageLanguage(setting, chosen, undefined)));
    }),
  );
});

test('bilingual subjects and bodies keep both texts in order, and one subject is not repeated', () => {
  assert.equal(joinSubjects(['Cyfarfod', 'Meeting']), 'Cyfarfod / Meeting');
  assert.equal(joinSubjects(['Coproduce', 'Coproduce']), 'Coproduce');
  const body = joinBodies(['Helo', 'Hello']);
  assert.ok(body.indexOf('Helo') < body.indexOf('Hello'));
});
