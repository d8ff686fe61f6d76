import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { sql } from 'kysely';
import { databaseDialects } from '../../../test/helpers/databases.ts';
import { personWithAccount } from '../../../test/helpers/fixtures.ts';
import { makeTestApp, type TestApp } from '../../../test/helpers/test-app.ts';
import { afterClosing, during, setUpDecisionsWorld, type DecisionsWorld } from '../../../test/worlds/decisions.ts';

// Issue 18: a secret vote's ballots must not keep the order people voted in. While voting
// is open nothing shows them; at closing they are written again in a shuffled order, and
// only then counted.
for (const dialect of databaseDialects()) {
  describe(`sealed secret ballots (${dialect})`, () => {
    let t: TestApp;
    let w: DecisionsWorld;
    beforeEach(async () => {
      t = await makeTestApp({ dialect });
      w = await setUpDecisionsWorld(t);
    });
    afterEach(() => t.close());

    /** 24 voters, each leaving a reason that says when they voted. */
    async function secretVoteWithVoters() {
      const voters: string[] = [];
      for (let i = 1; i <= 24; i++) {
        const { personId } = await personWithAccount(t, w.organisationId, { fullName: `Voter ${i}`, perspectives: ['draws-on-care'] });
        await t.services.projects.addMember(w.admin, w.projectId, personId, 'member', '2026-11-01');
        voters.push(personId);
      }
      const id = await w.propose({ question: 'Secret: move the lunch club?', secret: true });
      t.clock.now = during;
      const p = await t.services.proposals.load(w.organisationId, id);
      for (const [i, personId] of voters.entries())
        await t.services.votes.castFor(
          w.organisationId,
          p,
          personId,
          { response: i % 3 ? 'agree' : 'disagree', reason: `vote ${i + 1}` },
          null,
        );
      return id;
    }

    /** The reasons in the order the rows lie in the table: PostgreSQL's heap order, SQLite's key order. */
    async function physicalOrder(id: string): Promise<string[]> {
      const order = dialect === 'postgres' ? sql`ctid` : sql`id`;
      const rows = await sql<{ body: string }>`select body from proposal_ballots where proposal_id = ${id} order by ${order}`.execute(
        t.database.db,
      );
      return rows.rows.map((r) => JSON.parse(r.body).reason as string);
    }

    const voteOrder = Array.from({ length: 24 }, (_, i) => `vote ${i + 1}`);

    test('at closing the ballots are written again in a shuffled order, with new ids, and count the same', async () => {
      const id = await secretVoteWithVoters();
      const before = await t.database.db.selectFrom('proposal_ballots').select(['id', 'body']).where('proposal_id', '=', id).execute();
      if (dialect === 'postgres') {
        // The weakness being closed: rows lie in arrival order, stamped with the voter's own transaction.
        assert.deepEqual(await physicalOrder(id), voteOrder);
        const stamps = await sql<{ same: number }>`
          select count(*)::int as same from proposal_ballots b join proposal_participation p
            on p.proposal_id = b.proposal_id and p.xmin::text = b.xmin::text where b.proposal_id = ${id}`.execute(t.database.db);
        assert.equal(stamps.rows[0]!.same, 24);
      }
      assert.equal(await t.services.votes.sealClosed(), 0, 'nothing is sealed while voting is open');

      t.clock.now = afterClosing;
      const p = await t.services.proposals.load(w.organisationId, id);
      const results = await t.services.votes.results(w.organisationId, p);
      assert.equal(results.taking.tookPartCount, 24);

      const after = await t.database.db.selectFrom('proposal_ballots').select(['id', 'body']).where('proposal_id', '=', id).execute();
      assert.equal(after.length, 24);
      const oldIds = new Set(before.map((b) => b.id));
      assert.ok(
        after.every((b) => !oldIds.has(b.id)),
        'every ballot has a new id',
      );
      assert.deepEqual(after.map((b) => b.body).sort(), before.map((b) => b.body).sort(), 'the same ballots, so the same count');
      // 24 rows in vote order again by chance: one in 24! (about 6 x 10^23).
      assert.notDeepEqual(await physicalOrder(id), voteOrder);
      if (dialect === 'postgres') {
        const stamps = await sql<{ same: number }>`
          select count(*)::int as same from proposal_ballots b join proposal_participation p
            on p.proposal_id = b.proposal_id and p.xmin::text = b.xmin::text where b.proposal_id = ${id}`.execute(t.database.db);
        assert.equal(stamps.rows[0]!.same, 0, 'no ballot shares a transaction with a voter any more');
      }
      const sealed = await t.database.db.selectFrom('proposals').select('ballots_sealed_at').where('id', '=', id).executeTakeFirstOrThrow();
      assert.equal(sealed.ballots_sealed_at, afterClosing.toISOString());

      // Reading the results again changes nothing.
      await t.services.votes.results(w.organisationId, p);
      const again = await t.database.db.selectFrom('proposal_ballots').select('id').where('proposal_id', '=', id).execute();
      assert.deepEqual(again.map((b) => b.id).sort(), after.map((b) => b.id).sort());
    });

    test('the background task seals secret votes nobody has looked at yet, once, and leaves named votes alone', async () => {
      const secret = await secretVoteWithVoters();
      const named = await w.propose({ question: 'Named: new cook?' });
      t.clock.now = during;
      const np = await t.services.proposals.load(w.organisationId, named);
      await t.services.votes.castFor(w.organisationId, np, w.ids.mo, { response: 'agree', reason: null }, null);
      const namedBefore = await t.database.db.selectFrom('proposal_ballots').select('id').where('proposal_id', '=', named).execute();

      t.clock.now = afterClosing;
      assert.equal(await t.services.votes.sealClosed(), 1);
      assert.equal(await t.services.votes.sealClosed(), 0);
      assert.notDeepEqual(await physicalOrder(secret), voteOrder);
      const namedAfter = await t.database.db.selectFrom('proposal_ballots').select('id').where('proposal_id', '=', named).execute();
      assert.deepEqual(namedAfter, namedBefore);
    });
  });
}
