import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadCatalogue, makeTranslator } from '../../platform/i18n.ts';
import { longestSentence, readingEase } from '../../platform/readability.ts';
import { asSentence, composeDecisionNotice, composeUpdateNotice, shorten, takingPartText, textMessageLimit } from './messages.ts';

const t = makeTranslator('en');
const link = 'https://coproduce.example.org/projects/3f1c2a7e-0000-4000-8000-000000000001/decisions/3f1c2a7e-0000-4000-8000-000000000002';
const decision = {
  projectTitle: 'Better lunches',
  decided: 'Lunch will start at 12:30',
  why: 'Most people said the bus gets in at 12.',
  decidedOn: '2026-11-20',
  takingPart: {
    invited: 12,
    tookPart: 9,
    byPerspective: [
      { group: 'staff-partners', invited: 3, tookPart: 3 },
      { group: 'draws-on-care', invited: 6, tookPart: 4 },
    ],
  },
  link,
};
const update = {
  projectTitle: 'Better lunches',
  decided: 'Lunch will start at 12:30',
  what: 'Tell the cook',
  whatWeDid: 'The cook starts lunch at 12:30 now.',
  doneOn: '2026-11-25',
  link,
};

test('a decision says what, why, when and who took part, with numbers by group and no names', () => {
  const n = composeDecisionNotice(t, decision, 'Sue');
  assert.equal(n.subject, 'Better lunches: what we decided');
  assert.match(n.full, /^Hello Sue,/);
  assert.match(n.full, /It was made on 20 November 2026\./);
  assert.match(n.full, /We decided:\nLunch will start at 12:30\.\n\nWhy:\nMost people said the bus gets in at 12\.\n/);
  assert.match(n.full, /9 of the 12 people asked took part\.\nPeople who draw on care and support: 4 of 6\.\nStaff and partners: 3 of 3\./);
  assert.ok(n.full.includes(link));
  assert.ok(n.text.includes(link));
  assert.match(n.say, /^Hello Sue\. I am calling about Better lunches\./);
  assert.doesNotMatch(n.say, /https?:/, 'nobody reads a web address out on the phone');
  for (const text of Object.values(n)) assert.doesNotMatch(text, /\{\{|undefined/);
});

test('"you said, we did" says what was decided, the job and what was done', () => {
  const n = composeUpdateNotice(t, update, 'Sue');
  assert.equal(n.subject, 'Better lunches: you said, we did');
  assert.match(
    n.full,
    /You said:\nLunch will start at 12:30\.\n\nThe job was:\nTell the cook\.\n\nWe did:\nThe cook starts lunch at 12:30 now\.\n\nIt was done on 25 November 2026\./,
  );
  assert.match(n.text, /^Better lunches\. You said, we did\. We did: The cook starts lunch at 12:30 now\. See more: https/);
  assert.match(n.say, /You said: Lunch will start at 12:30\. We did: The cook starts lunch at 12:30 now\./);
});

test('a text message fits in two texts, however long the decision, and keeps the whole link', () => {
  const long = 'We will ' + 'change the menu every week and ask everyone what they think '.repeat(20);
  const d = composeDecisionNotice(t, { ...decision, decided: long }, 'Sue');
  assert.ok(d.text.length <= textMessageLimit, `${d.text.length} characters`);
  assert.ok(d.text.endsWith(link));
  assert.match(d.text, /\.\.\. See more:/);
  const u = composeUpdateNotice(t, { ...update, whatWeDid: long }, 'Sue');
  assert.ok(u.text.length <= textMessageLimit, `${u.text.length} characters`);
  assert.ok(u.text.endsWith(link));
  // A short one is sent whole.
  assert.equal(composeDecisionNotice(t, decision, 'Sue').text, `Better lunches. We decided: Lunch will start at 12:30. See more: ${link}`);
});

test('shortening cuts at a word and says it goes on; sentences get a full stop once', () => {
  assert.equal(shorten('one two three four five', 100), 'one two three four five');
  assert.equal(shorten('one two three four five six', 16), 'one two three...');
  assert.equal(shorten('a\n\nb', 10), 'a b');
  assert.equal(asSentence('We agreed'), 'We agreed.');
  assert.equal(asSentence('We agreed!'), 'We agreed!');
  assert.equal(asSentence('Is it "fine?"'), 'Is it "fine?"');
  assert.equal(asSentence('  '), '');
});

test('taking part not counted says so plainly', () => {
  assert.equal(takingPartText(t, null), 'We did not count who took part.');
  assert.equal(takingPartText(t, { invited: 1, tookPart: 1, byPerspective: [] }), '1 of the 1 person asked took part.');
});

test('plain English: every message members get reads easily, with short sentences', () => {
  // Bodies, as the meetings' messages test does: a five-word subject is too short to score.
  const bodies = (n: { full: string; text: string; say: string }) => [n.full, n.text, n.say];
  const texts = [...bodies(composeDecisionNotice(t, decision, 'Sue')), ...bodies(composeUpdateNotice(t, update, 'Sue'))];
  for (const text of texts) {
    assert.ok(readingEase(text) >= 75, `reading ease ${readingEase(text).toFixed(0)}: ${text}`);
    assert.ok(longestSentence(text) <= 15, `a sentence of ${longestSentence(text)} words: ${text}`);
  }
});

// What members read on the log pages must be plain too. Staff-only words (the forms) are left out.
const c = loadCatalogue('en')['decision-log'] as Record<string, any>;
const strings = (o: unknown): string[] => (typeof o === 'string' ? [o] : Object.values(o as object).flatMap(strings));
const groups: Record<string, unknown> = {
  'the log': [c.log.title, c.log.intro, c.log.none, c.log.decidedOn, c.log.link],
  'a decision': [c.field, c.how, c.takingPart, c.show.notesIntro, c.show.back],
  'what happens next': [c.actions, c.status],
  'the home page': c.home,
};
for (const [name, group] of Object.entries(groups)) {
  test(`members' words are plain: ${name}`, () => {
    const text = strings(group)
      .map((s) => s.replace(/[.?:]?$/, '.'))
      .join(' ');
    assert.ok(readingEase(text) >= 75, `reading ease ${readingEase(text).toFixed(0)}`);
    assert.ok(longestSentence(text) <= 15, `a sentence of ${longestSentence(text)} words`);
  });
}

test('every decision-log key used in code and templates exists', async () => {
  const fs = await import('node:fs');
  const path = await import('node:path');
  const dir = path.dirname(new URL(import.meta.url).pathname);
  const files = [
    ...fs
      .readdirSync(dir)
      .filter((f) => /\.(ts|njk)$/.test(f) && !f.endsWith('.test.ts'))
      .map((f) => path.join(dir, f)),
    ...fs.readdirSync(path.join(dir, 'views')).map((f) => path.join(dir, 'views', f)),
  ];
  const missing: string[] = [];
  for (const file of files) {
    for (const m of fs.readFileSync(file, 'utf8').matchAll(/["']decision-log:([a-zA-Z0-9_.-]+)["']/g)) {
      const key = m[1]!;
      if (key.endsWith('.')) continue;
      let node: any = c;
      const parts = key.split('.');
      for (const [i, part] of parts.entries())
        node = i === parts.length - 1 && node?.[part] === undefined ? node?.[`${part}_other`] : node?.[part];
      if (node === undefined) missing.push(`${path.basename(file)}: ${key}`);
    }
  }
  assert.deepEqual(missing, []);
});
