import assert from 'node:assert/strict';
import { test } from 'node:test';
import { makeTranslator } from './i18n.ts';
import { makeViewEnvironment } from './views.ts';

const env = makeViewEnvironment(makeTranslator('en'));
const render = (template: string, ctx: Record<string, unknown> = {}) => env.renderString(template, ctx);

test('lines keeps line breaks people typed and never trusts their HTML', () => {
  assert.equal(render('{{ v | lines }}', { v: 'Join by phone\n0800 123 <b>' }), 'Join by phone<br>0800 123 &#60;b&#62;');
  assert.equal(render('{{ v | lines }}', { v: null }), '');
});

test('a meeting reads as its date and London times', () => {
  assert.equal(
    render('{{ m | meetingWhen }}', { m: { startsAt: '2026-07-01T09:30:00Z', endsAt: '2026-07-01T11:00:00Z' } }),
    '1 July 2026, 10:30am to midday',
  );
  assert.equal(render('{{ v | clock }}', { v: '2026-12-01T18:05:00Z' }), '6:05pm');
});

test('empty values read as "Not given"', () => {
  for (const v of ['', null, undefined, []]) assert.equal(render('{{ v | orNotGiven }}', { v }), 'Not given');
  assert.equal(render('{{ v | orNotGiven }}', { v: 'Yes' }), 'Yes');
});
