import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';

type Db = Kysely<Database>;

export async function listPapers(db: Db, organisationId: string, meetingId: string) {
  return db
    .selectFrom('meeting_papers')
    .select(['id', 'title', 'summary', 'created_at'])
    .where('organisation_id', '=', organisationId)
    .where('meeting_id', '=', meetingId)
    .orderBy('created_at')
    .orderBy('title')
    .execute();
}

/** Every file of every paper of one meeting. */
export async function listMeetingFiles(db: Db, organisationId: string, meetingId: string) {
  return db
    .selectFrom('meeting_paper_files as f')
    .innerJoin('meeting_papers as p', (join) => join.onRef('p.id', '=', 'f.paper_id').onRef('p.organisation_id', '=', 'f.organisation_id'))
    .select(['f.id', 'f.paper_id', 'f.format', 'f.file_name', 'f.media_type', 'f.size_bytes', 'f.uploaded_at'])
    .where('f.organisation_id', '=', organisationId)
    .where('p.meeting_id', '=', meetingId)
    .orderBy('f.uploaded_at')
    .orderBy('f.id')
    .execute();
}

/** One file, only if it belongs to a paper of this meeting in this organisation. */
export async function findMeetingFile(db: Db, organisationId: string, meetingId: string, fileId: string) {
  return db
    .selectFrom('meeting_paper_files as f')
    .innerJoin('meeting_papers as p', (join) => join.onRef('p.id', '=', 'f.paper_id').onRef('p.organisation_id', '=', 'f.organisation_id'))
    .select(['f.id', 'f.paper_id', 'f.format', 'f.file_name', 'f.stored_name', 'f.media_type', 'f.size_bytes', 'p.title as paper_title'])
    .where('f.organisation_id', '=', organisationId)
    .where('p.meeting_id', '=', meetingId)
    .where('f.id', '=', fileId)
    .executeTakeFirst();
}

export async function insertPaper(db: Db, row: Database['meeting_papers']) {
  await db.insertInto('meeting_papers').values(row).execute();
}

/** True when the paper is one of this meeting's in this organisation, and its summary changed. */
export async function updateSummary(db: Db, organisationId: string, meetingId: string, paperId: string, summary: string | null) {
  const result = await db
    .updateTable('meeting_papers')
    .set({ summary })
    .where('organisation_id', '=', organisationId)
    .where('meeting_id', '=', meetingId)
    .where('id', '=', paperId)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function insertFile(db: Db, row: Database['meeting_paper_files']) {
  await db.insertInto('meeting_paper_files').values(row).execute();
}

export async function deleteFile(db: Db, organisationId: string, fileId: string): Promise<boolean> {
  const result = await db
    .deleteFrom('meeting_paper_files')
    .where('organisation_id', '=', organisationId)
    .where('id', '=', fileId)
    .executeTakeFirst();
  return Number(result.numDeletedRows) === 1;
}

export async function paperHasFiles(db: Db, organisationId: string, paperId: string): Promise<boolean> {
  const row = await db
    .selectFrom('meeting_paper_files')
    .select('id')
    .where('organisation_id', '=', organisationId)
    .where('paper_id', '=', paperId)
    .limit(1)
    .executeTakeFirst();
  return Boolean(row);
}

export async function deletePaper(db: Db, organisationId: string, paperId: string) {
  await db.deleteFrom('meeting_papers').where('organisation_id', '=', organisationId).where('id', '=', paperId).execute();
}

/** Papers of every meeting of a project, oldest meeting first. */
export async function papersOfProject(db: Db, organisationId: string, projectId: string) {
  return db
    .selectFrom('meeting_papers as mp')
    .innerJoin('meetings as m', (j) => j.onRef('m.id', '=', 'mp.meeting_id').onRef('m.organisation_id', '=', 'mp.organisation_id'))
    .select(['mp.id', 'mp.title', 'm.id as meeting_id', 'm.title as meeting_title', 'm.starts_at'])
    .where('mp.organisation_id', '=', organisationId)
    .where('m.project_id', '=', projectId)
    .orderBy('m.starts_at')
    .orderBy('mp.title')
    .execute();
}
