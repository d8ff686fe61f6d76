import type { Insertable, Updateable } from 'kysely';
import type { Executor } from '../../db/connection.ts';
import type { Database } from '../../db/schema.ts';

// The agreement's tables: one current text per project, and who agreed to which version.

export async function agreementWithEditor(db: Executor, organisationId: string, projectId: string) {
  return db
    .selectFrom('project_agreements as a')
    .leftJoin('people as p', (j) => j.onRef('p.id', '=', 'a.updated_by').onRef('p.organisation_id', '=', 'a.organisation_id'))
    .selectAll('a')
    .select('p.full_name as updatedByName')
    .where('a.organisation_id', '=', organisationId)
    .where('a.project_id', '=', projectId)
    .executeTakeFirst();
}

export async function agreementRow(db: Executor, organisationId: string, projectId: string) {
  return db
    .selectFrom('project_agreements')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .where('project_id', '=', projectId)
    .executeTakeFirst();
}

export async function updateAgreement(
  db: Executor,
  organisationId: string,
  projectId: string,
  values: Updateable<Database['project_agreements']>,
) {
  await db
    .updateTable('project_agreements')
    .set(values)
    .where('organisation_id', '=', organisationId)
    .where('project_id', '=', projectId)
    .execute();
}

export async function insertAgreement(db: Executor, row: Insertable<Database['project_agreements']>) {
  await db.insertInto('project_agreements').values(row).execute();
}

/** One signature per person and version: agreeing twice keeps the later time. */
export async function replaceSignature(db: Executor, row: Insertable<Database['agreement_signatures']>) {
  await db
    .deleteFrom('agreement_signatures')
    .where('organisation_id', '=', row.organisation_id)
    .where('project_id', '=', row.project_id)
    .where('person_id', '=', row.person_id)
    .where('version', '=', row.version)
    .execute();
  await db.insertInto('agreement_signatures').values(row).execute();
}

export async function signatures(db: Executor, organisationId: string, projectId: string) {
  return db
    .selectFrom('agreement_signatures as s')
    .leftJoin('people as r', (j) => j.onRef('r.id', '=', 's.recorded_by').onRef('r.organisation_id', '=', 's.organisation_id'))
    .select(['s.person_id', 's.version', 's.agreed_at', 'r.full_name as recordedByName'])
    .where('s.organisation_id', '=', organisationId)
    .where('s.project_id', '=', projectId)
    .orderBy('s.version', 'desc')
    .execute();
}
