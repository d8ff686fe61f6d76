import type { Insertable } from 'kysely';
import type { ProposalBallotsTable, ProposalOptionsTable, ProposalParticipationTable, ProposalsTable } from '../../db/schema/decisions.ts';
import type { Executor } from '../../db/connection.ts';

// Every query names the organisation: one organisation never reaches another's proposals.

export async function findProposal(db: Executor, organisationId: string, id: string) {
  return db
    .selectFrom('proposals as x')
    .innerJoin('projects as p', (j) => j.onRef('p.id', '=', 'x.project_id').onRef('p.organisation_id', '=', 'x.organisation_id'))
    .leftJoin('meetings as m', (j) => j.onRef('m.id', '=', 'x.meeting_id').onRef('m.organisation_id', '=', 'x.organisation_id'))
    .selectAll('x')
    .select(['p.title as project_title', 'm.title as meeting_title'])
    .where('x.organisation_id', '=', organisationId)
    .where('x.id', '=', id)
    .executeTakeFirst();
}

export async function projectProposals(db: Executor, organisationId: string, projectId: string) {
  return db
    .selectFrom('proposals')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .where('project_id', '=', projectId)
    .orderBy('closes_at')
    .execute();
}

/** Open proposals in the given projects (the ones a person is in), for their home page. */
export async function openProposalsFor(db: Executor, organisationId: string, personId: string, projectIds: readonly string[], at: string) {
  if (projectIds.length === 0) return [];
  return db
    .selectFrom('proposals as x')
    .select(['x.id', 'x.question', 'x.closes_at', 'x.everyone'])
    .where('x.organisation_id', '=', organisationId)
    .where('x.project_id', 'in', projectIds)
    .where('x.opens_at', '<=', at)
    .where('x.closes_at', '>', at)
    .where((eb) =>
      eb.or([
        eb('x.everyone', '=', 1),
        eb.exists(
          eb
            .selectFrom('proposal_voters as v')
            .select('v.person_id')
            .whereRef('v.proposal_id', '=', 'x.id')
            .where('v.person_id', '=', personId),
        ),
      ]),
    )
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('proposal_participation as pp')
            .select('pp.person_id')
            .whereRef('pp.proposal_id', '=', 'x.id')
            .where('pp.person_id', '=', personId),
        ),
      ),
    )
    .orderBy('x.closes_at')
    .execute();
}

export async function options(db: Executor, organisationId: string, proposalId: string) {
  return db
    .selectFrom('proposal_options')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .where('proposal_id', '=', proposalId)
    .orderBy('position')
    .execute();
}

export async function paperIds(db: Executor, organisationId: string, proposalId: string) {
  return (
    await db
      .selectFrom('proposal_papers')
      .select('paper_id')
      .where('organisation_id', '=', organisationId)
      .where('proposal_id', '=', proposalId)
      .execute()
  ).map((r) => r.paper_id);
}

export async function chosenVoters(db: Executor, organisationId: string, proposalId: string) {
  return (
    await db
      .selectFrom('proposal_voters')
      .select('person_id')
      .where('organisation_id', '=', organisationId)
      .where('proposal_id', '=', proposalId)
      .execute()
  ).map((r) => r.person_id);
}

export async function insertProposal(db: Executor, row: Insertable<ProposalsTable>) {
  await db.insertInto('proposals').values(row).execute();
}

export async function updateProposal(db: Executor, organisationId: string, id: string, changes: Partial<Insertable<ProposalsTable>>) {
  await db.updateTable('proposals').set(changes).where('organisation_id', '=', organisationId).where('id', '=', id).execute();
}

/** Options, papers and chosen voters are replaced whole when the proposal is saved. */
export async function replaceParts(
  db: Executor,
  organisationId: string,
  proposalId: string,
  parts: { options: Insertable<ProposalOptionsTable>[]; paperIds: string[]; voterIds: string[] },
) {
  for (const table of ['proposal_options', 'proposal_papers', 'proposal_voters'] as const) {
    await db.deleteFrom(table).where('organisation_id', '=', organisationId).where('proposal_id', '=', proposalId).execute();
  }
  if (parts.options.length) await db.insertInto('proposal_options').values(parts.options).execute();
  if (parts.paperIds.length)
    await db
      .insertInto('proposal_papers')
      .values(parts.paperIds.map((paper_id) => ({ organisation_id: organisationId, proposal_id: proposalId, paper_id })))
      .execute();
  if (parts.voterIds.length)
    await db
      .insertInto('proposal_voters')
      .values(parts.voterIds.map((person_id) => ({ organisation_id: organisationId, proposal_id: proposalId, person_id })))
      .execute();
}

export async function participation(db: Executor, organisationId: string, proposalId: string) {
  return db
    .selectFrom('proposal_participation as pp')
    .leftJoin('people as r', (j) => j.onRef('r.id', '=', 'pp.recorded_by').onRef('r.organisation_id', '=', 'pp.organisation_id'))
    .selectAll('pp')
    .select('r.full_name as recorder_name')
    .where('pp.organisation_id', '=', organisationId)
    .where('pp.proposal_id', '=', proposalId)
    .execute();
}

export async function hasVoted(db: Executor, organisationId: string, proposalId: string, personId: string) {
  return Boolean(
    await db
      .selectFrom('proposal_participation')
      .select('person_id')
      .where('organisation_id', '=', organisationId)
      .where('proposal_id', '=', proposalId)
      .where('person_id', '=', personId)
      .executeTakeFirst(),
  );
}

/** Who took part and how, in one transaction: both rows, or neither. */
export async function insertVote(db: Executor, taking: Insertable<ProposalParticipationTable>, ballot: Insertable<ProposalBallotsTable>) {
  await db.insertInto('proposal_participation').values(taking).execute();
  await db.insertInto('proposal_ballots').values(ballot).execute();
}

/**
 * A closed secret vote's ballots, written again in a shuffled order with new random ids, in
 * one transaction with the mark that it was done. Until then the rows sit in the order they
 * were written (PostgreSQL keeps them in arrival order, each stamped with its transaction,
 * the same one as the voter's participation row), which someone reading the database
 * could match to the turnout list. Returns false when another request sealed them first.
 */
export async function sealBallots(
  trx: Executor,
  organisationId: string,
  proposalId: string,
  at: string,
  shuffle: <T>(items: T[]) => T[],
  newId: () => string,
): Promise<boolean> {
  // The guarded update comes first: a second request waits on its row lock, then finds it done.
  const marked = await trx
    .updateTable('proposals')
    .set({ ballots_sealed_at: at })
    .where('organisation_id', '=', organisationId)
    .where('id', '=', proposalId)
    .where('ballots_sealed_at', 'is', null)
    .executeTakeFirst();
  if (Number(marked.numUpdatedRows) === 0) return false;
  const rows = await ballots(trx, organisationId, proposalId);
  if (rows.length === 0) return true;
  await trx.deleteFrom('proposal_ballots').where('organisation_id', '=', organisationId).where('proposal_id', '=', proposalId).execute();
  // Rows go in in the shuffled order (a multi-row insert keeps its order on disk), in
  // chunks that stay under SQLite's limit on bound values.
  const shuffled = shuffle(rows).map((row) => ({ ...row, id: newId() }));
  for (let i = 0; i < shuffled.length; i += 500)
    await trx
      .insertInto('proposal_ballots')
      .values(shuffled.slice(i, i + 500))
      .execute();
  return true;
}

/** Secret votes closed before a time whose ballots are not yet sealed, oldest first. */
export async function unsealedClosedSecret(db: Executor, closedBy: string, limit: number) {
  return db
    .selectFrom('proposals')
    .select(['organisation_id', 'id'])
    .where('secret', '=', 1)
    .where('ballots_sealed_at', 'is', null)
    .where('closes_at', '<=', closedBy)
    .orderBy('closes_at')
    .limit(limit)
    .execute();
}

/** Ballots in the order of their random ids: never in the order they arrived. */
export async function ballots(db: Executor, organisationId: string, proposalId: string) {
  return db
    .selectFrom('proposal_ballots')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .where('proposal_id', '=', proposalId)
    .orderBy('id')
    .execute();
}

export async function namedBallot(db: Executor, organisationId: string, proposalId: string, personId: string) {
  return db
    .selectFrom('proposal_ballots')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .where('proposal_id', '=', proposalId)
    .where('voter_person_id', '=', personId)
    .executeTakeFirst();
}
