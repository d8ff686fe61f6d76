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
