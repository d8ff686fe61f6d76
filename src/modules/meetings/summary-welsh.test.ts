import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { databaseDialects } from '../../../test/helpers/databases.ts';
import { organisationWithAdmin, personWithAccount, signedInClient } from '../../../test/helpers/fixtures.ts';
import { menuTasting } from '../../../test/helpers/meetings.ts';
import { makeTestApp, type TestApp } from '../../../test/helpers/test-app.ts';
import { inLanguage, makeTranslator } from '../../platform/i18n.ts';
import { summaryForReader, type SentSummary } from './messages.ts';

// Issue 24: a meeting summary's decisions and actions can have a Welsh wording beside the
// English. A Welsh reader is sent staff's Welsh, and where there is none, the English marked
// in Welsh as "in English only"; an English reader never sees the Welsh.
const tr = makeTranslator('en');
const cy = (key: string, options: Record<string, unknown> = {}) => inLanguage('cy', () => tr(key, options));
const inEnglishOnly = (text: string) => cy('meetings:message.summary.itemInEnglish', { text });

const summary: SentSummary = {
  discussed: 'We tasted four soups.',
  discussedWelsh: 'Blason ni bedwar cawl.',
  decisions: [
    { text: 'Leek soup on Mondays', welsh: 'Cawl cennin ar ddydd Llun' },
    { text: 'A soft food choice every day', welsh: null },
    { text: 'Bread from the local baker', welsh: '   ' },
  ],
  actions: [
    { what: 'Tell the cook', whatWelsh: 'Dweud wrth y cogydd', ownerName: 'Sue', dueOn: '2027-01-10' },
    { what: 'Print the menu', whatWelsh: null, ownerName: null, dueOn: null },
  ],
};

const cases: Array<{ name: string; welsh: boolean; summary: SentSummary; expected: ReturnType<typeof summaryForReader> }> = [
  {
    name: 'an English reader gets the English, whatever Welsh there is',
    welsh: false,
    summary,
    expected: {
      discussed: 'We tasted four soups.',
      decisions: ['Leek soup on Mondays', 'A soft food choice every day', 'Bread from the local baker'],
      actions: ['Tell the cook (Sue) by 10 January 2027', 'Print the menu'],
    },
  },
  {
    name: 'a Welsh reader gets staff’s Welsh, and the English marked in Welsh where there is none (blank counts as none)',
    welsh: true,
    summary,
    expected: {
      discussed: 'Blason ni bedwar cawl.',
      decisions: ['Cawl cennin ar ddydd Llun', inEnglishOnly('A soft food choice every day'), inEnglishOnly('Bread from the local baker')],
      actions: [
        `Dweud wrth y cogydd ${cy('meetings:summary.who', { name: 'Sue' })} ${cy('meetings:summary.byWhen', { date: '10 Ionawr 2027' })}`,
        inEnglishOnly('Print the menu'),
      ],
    },
  },
  {
    name: 'a Welsh reader of a summary written only in English is told so at the top and for each item',
    welsh: true,
    summary: { discussed: 'We met.', decisions: [{ text: 'Meet again' }], actions: [{ what: 'Book a room' }] },
    expected: {
      discussed: `${cy('meetings:message.summary.englishOnly')}\n\nWe met.`,
      decisions: [inEnglishOnly('Meet again')],
      actions: [inEnglishOnly('Book a room')],
    },
  },
  {
    name: 'nothing decided stays nothing',
    welsh: true,
    summary: { discussed: 'We met.', discussedWelsh: 'Cwrddon ni.', decisions: [], actions: [] },
    expected: { discussed: 'Cwrddon ni.', decisions: [], actions: [] },
  },
];

for (const c of cases)
  test(`summary for a reader: ${c.name}`, () => {
    const language = c.welsh ? 'cy' : 'en';
    assert.deepEqual(
      inLanguage(language, () => summaryForReader(tr, c.summary, c.welsh)),
      c.expected,
    );
  });

test('the Welsh marker is Welsh, and names the English it gives', () => {
  assert.match(inEnglishOnly('Print the menu'), /^Yn Saesneg yn unig: Print the menu$/);
});

for (const dialect of databaseDialects()) {
  describe(`Welsh decisions and actions in the summary (${dialect})`, () => {
    let t: TestApp;
    let org: Awaited<ReturnType<typeof organisationWithAdmin>>;
    let people: Record<'gwen' | 'dewi' | 'erin', string>;
    let meetingId: string;
    const staff = () => ({ organisationId: org.organisationId, personId: org.adminPersonId });

    beforeEach(async () => {
      t = await makeTestApp({ dialect, startAt: new Date('2026-12-09T10:00:00Z') });
      org = await organisationWithAdmin(t);
      const person = async (fullName: string, email: string) =>
        (
          await personWithAccount(
            t,
            org.organisationId,
            { fullName, perspectives: ['draws-on-care'], contactOrder: ['email'] },
            { email, role: 'member' },
          )
        ).personId;
      people = {
        gwen: await person('Gwenllian Ŵyn', 'gwen@example.com'),
        dewi: await person('Dewi Pritchard', 'dewi@example.com'),
        erin: await person('Erin English', 'erin@example.com'),
      };
      ({ meetingId } = await menuTasting(t, staff(), { members: Object.values(people) }));
    });
    afterEach(() => t.close());

    /** Staff write the notes, two decisions (one with Welsh) and two actions (one with Welsh), then send. */
    const writeAndSend = async () => {
      const admin = await signedInClient(t, org.email);
      const page = async () => (await admin.get(`/meetings/${meetingId}/notes`)).body;
      await page();
      assert.equal((await admin.post(`/meetings/${meetingId}/notes`, { discussed: 'We tasted four soups.', summary: '' })).statusCode, 303);
      await page();
      // A Welsh wording without its English keeps what was typed, and saves nothing.
      const bad = await admin.post(`/meetings/${meetingId}/decisions`, { text: '', textWelsh: 'Cawl cennin ŵ' });
      assert.equal(bad.statusCode, 400);
      await page();
      const decisions: Array<Record<string, string>> = [
        { text: 'Leek soup on Mondays', textWelsh: 'Cawl cennin ar ddydd Llun' },
        { text: 'A soft food choice every day', textWelsh: '' },
      ];
      for (const d of decisions) {
        assert.equal((await admin.post(`/meetings/${meetingId}/decisions`, d)).statusCode, 303);
        await page();
      }
      const actions: Array<Record<string, string>> = [
        {
          what: 'Tell the cook',
          whatWelsh: 'Dweud wrth y cogydd',
          ownerPersonId: people.dewi,
          'dueOn-day': '10',
          'dueOn-month': '1',
          'dueOn-year': '2027',
        },
        { what: 'Print the menu', whatWelsh: '', ownerPersonId: '', 'dueOn-day': '', 'dueOn-month': '', 'dueOn-year': '' },
      ];
      for (const a of actions) {
        assert.equal((await admin.post(`/meetings/${meetingId}/actions`, a)).statusCode, 303);
        await page();
      }
      return { admin, bad, notesPage: await page(), sent: await admin.post(`/meetings/${meetingId}/summary`, {}) };
    };
    const summaryTo = async (personId: string) =>
      (
        await t.database.db
          .selectFrom('outbox')
          .select('body_text')
          .where('kind', '=', 'summary')
          .where('about_id', '=', meetingId)
          .where('person_id', '=', personId)
          .executeTakeFirstOrThrow()
      ).body_text;

    test('staff write Welsh beside each decision and action; each reader gets their language, English-only parts said so in Welsh', async () => {
      await t.services.languages.saveSetting(staff(), 'english-first');
      await t.services.languages.chooseFor(org.organisationId, people.gwen, 'cy');
      await t.services.languages.chooseFor(org.organisationId, people.erin, 'en');
      const { bad, notesPage, sent } = await writeAndSend();
      assert.match(bad.body, /Cawl cennin ŵ/, 'the Welsh typed is shown again');
      assert.match(notesPage, /The decision in Welsh/);
      assert.match(notesPage, /lang="cy">Cawl cennin ar ddydd Llun</);
      assert.match(notesPage, /lang="cy">Dweud wrth y cogydd</);
      assert.equal(sent.statusCode, 303);

      const notes = await t.services.meetingRecords.notes(org.organisationId, meetingId);
      assert.deepEqual(notes.decisions.map((d) => [d.text, d.welsh]).sort(), [
        ['A soft food choice every day', null],
        ['Leek soup on Mondays', 'Cawl cennin ar ddydd Llun'],
      ]);
      assert.deepEqual(notes.actions.map((a) => [a.what, a.whatWelsh]).sort(), [
        ['Print the menu', null],
        ['Tell the cook', 'Dweud wrth y cogydd'],
      ]);

      const gwen = await summaryTo(people.gwen);
      const table: Array<[string, string, boolean]> = [
        ['the Welsh decision', '- Cawl cennin ar ddydd Llun', true],
        ['the decision without Welsh, said so', `- ${inEnglishOnly('A soft food choice every day')}`, true],
        ['the Welsh action, who and by when in Welsh', `- Dweud wrth y cogydd (Dewi Pritchard) erbyn 10 Ionawr 2027`, true],
        ['the action without Welsh, said so', `- ${inEnglishOnly('Print the menu')}`, true],
        ['no English decision given as if it were Welsh', '- Leek soup on Mondays', false],
        ['no English "who and by when"', 'by 10 January 2027', false],
      ];
      for (const [name, text, present] of table) assert.equal(gwen.includes(text), present, `Gwen: ${name}`);

      const erin = await summaryTo(people.erin);
      for (const text of [
        '- Leek soup on Mondays',
        '- A soft food choice every day',
        '- Tell the cook (Dewi Pritchard) by 10 January 2027',
        '- Print the menu',
      ])
        assert.ok(erin.includes(text), `Erin: ${text}`);
      assert.doesNotMatch(erin, /Cawl|Dweud|Saesneg/, 'no Welsh for an English reader');

      // Dewi has not chosen: both, English first, the Welsh half as Gwen's.
      const dewi = await summaryTo(people.dewi);
      assert.match(dewi, /- Leek soup on Mondays[\s\S]*- Cawl cennin ar ddydd Llun/);
      assert.ok(dewi.includes(`- ${inEnglishOnly('Print the menu')}`));

      // On the meeting's page, Gwen (Welsh) sees the same: Welsh where written, else marked English.
      const page = (await (await signedInClient(t, 'gwen@example.com')).get(`/meetings/${meetingId}`)).body;
      assert.match(page, /<li>Cawl cennin ar ddydd Llun<\/li>/);
      assert.match(page, /Yn Saesneg yn unig: <span lang="en">A soft food choice every day<\/span>/);
      assert.match(page, /<li>Dweud wrth y cogydd/);
      const erinPage = (await (await signedInClient(t, 'erin@example.com')).get(`/meetings/${meetingId}`)).body;
      assert.match(erinPage, /<li>Leek soup on Mondays<\/li>/);
      assert.doesNotMatch(erinPage, /Cawl cennin|Saesneg yn unig/);
    });

    test('an organisation without Welsh shows no Welsh fields and keeps no Welsh posted', async () => {
      const { notesPage, sent } = await writeAndSend();
      assert.doesNotMatch(notesPage, /The decision in Welsh|in Welsh \(if you can\)/);
      assert.equal(sent.statusCode, 303);
      const notes = await t.services.meetingRecords.notes(org.organisationId, meetingId);
      assert.deepEqual(
        notes.decisions.map((d) => d.welsh),
        [null, null],
      );
      assert.deepEqual(
        notes.actions.map((a) => a.whatWelsh),
        [null, null],
      );
      const gwen = await summaryTo(people.gwen);
      assert.doesNotMatch(gwen, /Cawl|Saesneg/);
      assert.ok(gwen.includes('- Tell the cook (Dewi Pritchard) by 10 January 2027'));
    });
  });
}
