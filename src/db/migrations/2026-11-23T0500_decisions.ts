import { SqliteAdapter, sql, type Kysely } from 'kysely';

// Shared decisions: proposals of a project, their options and papers, who may take part,
// who took part, and the ballots. Secret ballots carry no person and no time.
export async function up(db: Kysely<any>): Promise<void> {
  const sqlite = db.getExecutor().adapter instanceof SqliteAdapter;
  await db.schema
    .createTable('proposals')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('project_id', 'text', (c) => c.notNull().references('projects.id'))
    .addColumn('meeting_id', 'text', (c) => c.references('meetings.id'))
    .addColumn('question', 'text', (c) => c.notNull())
    .addColumn('background', 'text')
    .addColumn('method', 'text', (c) => c.notNull())
    .addColumn('settings', 'text', (c) => c.notNull())
    .addColumn('everyone', 'integer', (c) => c.notNull())
    .addColumn('secret', 'integer', (c) => c.notNull())
    .addColumn('opens_at', 'text', (c) => c.notNull())
    .addColumn('closes_at', 'text', (c) => c.notNull())
    .addColumn('agreed_scores', 'text')
    .addColumn('invitations_sent_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('proposals_project').on('proposals').columns(['organisation_id', 'project_id', 'closes_at']).execute();

  await db.schema
    .createTable('proposal_options')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('proposal_id', 'text', (c) => c.notNull().references('proposals.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('cost_pence', 'integer')
    .execute();
  await db.schema.createIndex('proposal_options_proposal').on('proposal_options').columns(['proposal_id', 'position']).execute();

  await db.schema
    .createTable('proposal_papers')
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('proposal_id', 'text', (c) => c.notNull().references('proposals.id'))
    .addColumn('paper_id', 'text', (c) => c.notNull().references('meeting_papers.id'))
    .addPrimaryKeyConstraint('proposal_papers_pk', ['proposal_id', 'paper_id'])
    .execute();

  await db.schema
    .createTable('proposal_voters')
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('proposal_id', 'text', (c) => c.notNull().references('proposals.id'))
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id'))
    .addPrimaryKeyConstraint('proposal_voters_pk', ['proposal_id', 'person_id'])
    .execute();

  await db.schema
    .createTable('proposal_participation')
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('proposal_id', 'text', (c) => c.notNull().references('proposals.id'))
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('voted_at', 'text', (c) => c.notNull())
    .addColumn('recorded_by', 'text')
    .addColumn('recorded_how', 'text')
    // One vote each: a second attempt, even at the same moment, is refused by the database.
    .addPrimaryKeyConstraint('proposal_participation_pk', ['proposal_id', 'person_id'])
    .execute();

  // Secret ballots have no person and no time. On SQLite the table is WITHOUT ROWID, so rows
  // are stored in the order of their random ids, not the order votes arrived in.
  let ballots = db.schema
    .createTable('proposal_ballots')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('proposal_id', 'text', (c) => c.notNull().references('proposals.id'))
    .addColumn('voter_person_id', 'text', (c) => c.references('people.id'))
    .addColumn('perspective_groups', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    // A named ballot once per person; secret ballots (no person) are kept to one each by
    // proposal_participation, written in the same transaction.
    .addUniqueConstraint('proposal_ballots_voter', ['proposal_id', 'voter_person_id']);
  if (sqlite) ballots = ballots.modifyEnd(sql`without rowid`);
  await ballots.execute();
  await db.schema.createIndex('proposal_ballots_proposal').on('proposal_ballots').columns(['organisation_id', 'proposal_id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'proposal_ballots',
    'proposal_participation',
    'proposal_voters',
    'proposal_papers',
    'proposal_options',
    'proposals',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
