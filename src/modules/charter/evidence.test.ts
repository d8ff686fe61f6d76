import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { databaseDialects } from '../../../test/helpers/databases.ts';
import { anotherOrganisation, organisationWithAdmin } from '../../../test/helpers/fixtures.ts';
import { makeTestApp, type TestApp } from '../../../test/helpers/test-app.ts';
import { makeTranslator } from '../../platform/i18n.ts';
import type { RoleActor } from '../../platform/auth.ts';
import type { Perspective } from '../people/vocabulary.ts';
import { charterEvidence } from './evidence.ts';
import { charterParts } from './rules.ts';

// The self-assessment's evidence for C1 and C2: who backs the charter, and how many agreed to
// the version in force by perspective, counted in SQL and protected as every count of people is.
const tr = makeTranslator('en');

for (const dialect of databaseDialects()) {
  describe(`charter evidence for the self-assessment (${dialect})`, () => {
    let t: TestApp;
    let org: Awaited<ReturnType<typeof organisationWithAdmin>>;
    let admin: RoleActor;
    beforeEach(async () => {
      t = await makeTestApp({ dialect });
      org = await organisationWithAdmin(t);
      admin = { organisationId: org.organisationId, personId: org.adminPersonId, role: 'admin' };
    });
    afterEach(() => t.close());

    async function publishVersion() {
      await t.services.charter.startDraft(admin);
      const text = Object.fromEntries(charterParts.map((p) => [p, `Our ${p}`])) as Record<(typeof charterParts)[number], string>;
      await t.services.charter.saveDraft(admin, { ...text, sponsorPersonId: org.adminPersonId, sponsorRole: 'Chief Executive' });
      const published = await t.services.charter.publish(admin);
      assert.ok(published.ok);
      return published.version;
    }

    /** People of one perspective who answer the given version. */
    async function answering(version: number, perspectives: Perspective[], count: number, answer: 'agree' | 'change') {
      const ids = await t.services.people.createMany(
        { organisationId: org.organisationId, personId: null },
        Array.from({ length: count }, (_, i) => ({ fullName: `${perspectives.join(' ')} ${answer} ${i}`, perspectives })),
      );
      for (const personId of ids) {
        const problem = await t.services.charter.answer(null, {
          organisationId: org.organisationId,
          personId,
          version,
          answer,
          wouldChange: answer === 'change' ? 'More evening meetings' : null,
          how: 'link',
          recordedBy: null,
        });
        assert.equal(problem, null);
      }
    }

    // Handed the organisation's small-number rule as the reviews service hands it.
    const evidence = async () =>
      charterEvidence(t.database.db, org.organisationId, t.now(), tr, undefined, await t.services.impact.rule(org.organisationId));

    test('before a charter is published, the evidence says so', async () => {
      assert.deepEqual(await evidence(), [{ code: 'C2', words: 'No co-production charter has been published yet.', href: '/charter' }]);
    });

    test('counts by perspective from the database; someone with two perspectives counts in both groups, once in the total', async () => {
      const version = await publishVersion();
      // The organisation shows exact counts (its own small-number rule: nothing hidden).
      await t.database.db
        .insertInto('impact_settings')
        .values({ organisation_id: org.organisationId, hide_below: 1, round_to: 1, updated_at: t.now().toISOString(), updated_by: null })
        .execute();
      await answering(version, ['draws-on-care'], 17, 'agree');
      await answering(version, ['draws-on-care', 'carer'], 1, 'agree');
      await answering(version, ['carer'], 8, 'agree');
      await answering(version, ['practitioner'], 10, 'agree');
      await answering(version, ['manager'], 4, 'agree');
      await answering(version, ['carer'], 5, 'change');
      // Another organisation's answers never count here.
      const other = await anotherOrganisation(t);
      await t.services.people.create(
        { organisationId: other.organisationId, personId: null },
        { fullName: 'Elsewhere', perspectives: ['carer'] },
      );

      const [c1, c2] = await evidence();
      assert.deepEqual(c1, {
        code: 'C1',
        words: 'The charter (version 1) names Ada Admin, Chief Executive, as its senior sponsor.',
        href: '/charter',
      });
      assert.equal(
        c2!.words,
        'The charter (version 1) is agreed by 40 people: 18 who draw on care and support, 9 carers, 14 staff and partners. 5 said what they would change.',
      );
    });

    test('small groups are protected by the default rule, so nobody can be picked out', async () => {
      const version = await publishVersion();
      await answering(version, ['draws-on-care'], 12, 'agree');
      await answering(version, ['carer'], 3, 'agree');
      await answering(version, ['practitioner'], 14, 'agree');
      await answering(version, ['carer'], 2, 'change');
      const [, c2] = await evidence();
      assert.doesNotMatch(c2!.words, /\b3 carers/, 'three carers are not shown as 3');
      assert.match(c2!.words, /fewer than 8 carers/);
      assert.match(c2!.words, /Fewer than 8 said what they would change/);
      assert.match(c2!.words, /people who draw on care and support \(number not shown\)/);
      // Rounded to 5; and no figure can be worked out from the total and the others.
      assert.match(c2!.words, /is agreed by 30 people/);
      assert.doesNotMatch(c2!.words, /\b(12|14|29)\b/);
    });

    test('a fixed number of queries, however many answered', async () => {
      const version = await publishVersion();
      await answering(version, ['carer'], 30, 'agree');
      // The evidence reads through the database it is handed: count on a wrapper of it.
      const { db } = t.database;
      let executed = 0;
      const watched = db.withPlugin({
        transformQuery: (args) => args.node,
        // Called once per query run (a subquery is part of its query).
        transformResult: async (args) => (executed++, args.result),
      });
      await charterEvidence(watched, org.organisationId, t.now(), tr);
      assert.equal(executed, 3);
    });
  });
}
