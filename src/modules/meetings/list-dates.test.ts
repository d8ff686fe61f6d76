import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { databaseDialects } from '../../../test/helpers/databases.ts';
import { organisationWithAdmin, signedInClient } from '../../../test/helpers/fixtures.ts';
import { makeTestApp, type TestApp } from '../../../test/helpers/test-app.ts';
import { newId } from '../../platform/ids.ts';
import { listDates } from './list-dates.ts';

// Issue 16: the meetings list's dates are typed in GOV.UK date boxes; links carry them in
// ISO form; a date typed wrong is kept with an error and never filters.
const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#39;/g, "'")
    .replace(/\s+/g, ' ');
const none = { day: '', month: '', year: '' };

test('the list dates: boxes, ISO links, and what is wrong', () => {
  const cases: Array<[string, Record<string, string>, Partial<ReturnType<typeof listDates>>]> = [
    ['nothing', {}, { from: undefined, to: undefined, errors: {} }],
    [
      'typed boxes',
      { 'from-day': '5', 'from-month': '1', 'from-year': '2026', 'to-day': '19', 'to-month': '01', 'to-year': '2026' },
      { from: '2026-01-05', to: '2026-01-19', errors: {} },
    ],
    ['an ISO link', { from: '2026-01-05', to: '2026-01-19' }, { from: '2026-01-05', to: '2026-01-19', errors: {} }],
    ['an impossible ISO link is left out quietly', { from: '2026-02-31', to: 'nonsense' }, { from: undefined, to: undefined, errors: {} }],
    [
      'typed boxes win over a link',
      { from: '2026-01-05', 'from-day': '6', 'from-month': '1', 'from-year': '2026' },
      { from: '2026-01-06', errors: {} },
    ],
    [
      '31 February',
      { 'from-day': '31', 'from-month': '2', 'from-year': '2026' },
      { from: undefined, errors: { from: 'meeting-list:errors.fromInvalid' } },
    ],
    [
      'a box left empty',
      { 'to-day': '3', 'to-month': '', 'to-year': '2026' },
      { to: undefined, errors: { to: 'meeting-list:errors.toInvalid' } },
    ],
    ['a two-figure year', { 'to-day': '3', 'to-month': '4', 'to-year': '26' }, { errors: { to: 'meeting-list:errors.toInvalid' } }],
    [
      'to before from',
      { from: '2026-03-01', 'to-day': '1', 'to-month': '2', 'to-year': '2026' },
      { from: '2026-03-01', to: undefined, errors: { to: 'meeting-list:errors.toBeforeFrom' } },
    ],
  ];
  for (const [name, query, expected] of cases) {
    const got = listDates(query);
    for (const [key, value] of Object.entries(expected)) assert.deepEqual(got[key as keyof typeof got], value, `${name}: ${key}`);
  }
  assert.deepEqual(listDates({ 'from-day': '31', 'from-month': 'Feb', 'from-year': '2026' }).boxes, {
    from: { day: '31', month: 'Feb', year: '2026' },
    to: none,
  });
  assert.deepEqual(listDates({ from: '2026-01-05' }).boxes.from, { day: '5', month: '1', year: '2026' });
});

for (const dialect of databaseDialects()) {
  describe(`the meetings list's date boxes (${dialect})`, () => {
    let t: TestApp;
    beforeEach(async () => {
      t = await makeTestApp({ dialect });
      const { organisationId, adminPersonId } = await organisationWithAdmin(t);
      const projectId = await t.services.projects.create({ organisationId, personId: adminPersonId }, {
        title: 'Bus routes',
        purpose: 'Routes',
        activities: ['co-design'],
        levelAim: 'intermediate',
        stage: 'planning',
        startDate: '2026-01-01',
      } as never);
      const start = Date.parse('2026-01-05T10:00:00Z');
      await t.database.db
        .insertInto('meetings')
        .values(
          Array.from({ length: 60 }, (_v, i) => {
            const startsAt = new Date(start + i * 86_400_000).toISOString();
            return {
              id: newId(),
              organisation_id: organisationId,
              project_id: projectId,
              title: `Planning ${i + 1}`,
              purpose: 'Talk',
              starts_at: startsAt,
              ends_at: new Date(Date.parse(startsAt) + 3_600_000).toISOString(),
              format: 'in-person' as const,
              venue_id: null,
              joining_details: null,
              members_only: 0,
              arrangements: '[]',
              interpreter_languages: null,
              cancelled_at: null,
              invitations_sent_at: null,
              created_at: t.now().toISOString(),
              updated_at: t.now().toISOString(),
            };
          }),
        )
        .execute();
    });
    afterEach(() => t.close());

    test('typed dates filter, an ISO link still works, and a wrong date is kept with an error', async () => {
      const admin = await signedInClient(t, 'admin@northshire.test');
      const form = (await admin.get('/meetings')).body;
      assert.match(form, /name="from-day"/);
      assert.match(form, /name="to-year"/);
      assert.doesNotMatch(form, /type="date"/);

      const typed = await admin.get('/meetings?from-day=10&from-month=1&from-year=2026&to-day=19&to-month=1&to-year=2026');
      assert.equal(typed.statusCode, 200);
      assert.match(text(typed.body), /10 meetings/);
      assert.match(typed.body, /name="from-day" type="text" value="10"/);

      // The To do page's links, and page 2 of a long list, keep the ISO form.
      const linked = await admin.get('/meetings?from=2026-01-10&to=2026-01-19');
      assert.match(text(linked.body), /10 meetings/);
      assert.match(linked.body, /name="to-day" type="text" value="19"/);
      const paged = (await admin.get('/meetings?from-day=1&from-month=1&from-year=2026')).body;
      assert.match(paged, /href="\/meetings\?from=2026-01-01&amp;page=2"/);
      assert.match(text((await admin.get('/meetings?from=2026-01-01&page=2')).body), /Planning 10 /);

      const wrong = await admin.get('/meetings?from-day=31&from-month=2&from-year=2026&to-day=19&to-month=1&to-year=2026');
      assert.equal(wrong.statusCode, 400);
      assert.match(text(wrong.body), /There is a problem/);
      assert.match(text(wrong.body), /Enter a real date in 'From', like 27 3 2027/);
      assert.match(wrong.body, /name="from-day" type="text" value="31"/);
      assert.match(wrong.body, /govuk-input--error[^>]*name="from-day"|name="from-day"[^>]*govuk-input--error|from-day[^>]*error/);
      assert.match(text(wrong.body), /15 meetings/, 'only the good date filters: 5 to 19 January');

      const backwards = await admin.get('/meetings?from=2026-01-19&to-day=10&to-month=1&to-year=2026');
      assert.equal(backwards.statusCode, 400);
      assert.match(text(backwards.body), /The 'To' date must be the same as or after the 'From' date/);
      assert.equal((await admin.get('/meetings?from=2026-02-31')).statusCode, 200, 'a broken link shows the list');
    });
  });
}
