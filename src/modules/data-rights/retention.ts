import type { Db, Executor } from '../../db/connection.ts';
import { writeAudit } from '../../platform/audit.ts';
import type { Actor } from '../../platform/auth.ts';
import type { FileStore } from '../../platform/files.ts';
import { londonToday, type Clock } from '../../platform/time.ts';
import { monthsBefore } from './deadline.ts';

// Storage limitation (UK GDPR Article 5(1)(e)): a person's access needs and benefits are
// kept for a set time after their last activity (two years unless the organisation says
// otherwise), and a story only while its teller's consent stands. A background task removes
// what is past its time in batches and says how many records it removed.

export const defaultRetention = { accessNeedsMonths: 24, benefitsMonths: 24 } as const;
export type RetentionSettings = { accessNeedsMonths: number; benefitsMonths: number };

/** Rows one statement removes at most: a county's first run does not hold a long lock. */
export const retentionBatch = 500;

export type RetentionRun = { accessNeeds: number; benefits: number; stories: number };

export function makeRetention({ db, now, files }: { db: Db; now: Clock; files: FileStore }) {
  const settingsFor = async (organisationId: string): Promise<RetentionSettings> => {
    const row = await db
      .selectFrom('retention_settings')
      .select(['access_needs_months', 'benefits_months'])
      .where('organisation_id', '=', organisationId)
      .executeTakeFirst();
    return row ? { accessNeedsMonths: row.access_needs_months, benefitsMonths: row.benefits_months } : { ...defaultRetention };
  };

  return {
    settingsFor,

    async saveSettings(actor: Actor, settings: RetentionSettings): Promise<void> {
      const before = await settingsFor(actor.organisationId);
      const values = {
        access_needs_months: settings.accessNeedsMonths,
        benefits_months: settings.benefitsMonths,
        updated_at: now().toISOString(),
        updated_by: actor.personId,
      };
      await db.transaction().execute(async (trx) => {
        await trx
          .insertInto('retention_settings')
          .values({ organisation_id: actor.organisationId, ...values })
          .onConflict((oc) => oc.column('organisation_id').doUpdateSet(values))
          .execute();
        await writeAudit(trx, {
          organisationId: actor.organisationId,
          actorPersonId: actor.personId,
          subjectType: 'organisation',
          subjectId: actor.organisationId,
          action: 'retention-changed',
          changes: [
            { field: 'accessNeedsMonths', from: before.accessNeedsMonths, to: settings.accessNeedsMonths },
            { field: 'benefitsMonths', from: before.benefitsMonths, to: settings.benefitsMonths },
          ],
          at: now(),
        });
      });
    },

    /** One round of the background task: every organisation's records past their time. Returns how many went. */
    async removeDue(): Promise<number> {
      const organisations = await db.selectFrom('organisations').select('id').execute();
      let total = 0;
      for (const { id } of organisations) {
        const run = await removeDueFor(id, await settingsFor(id));
        const removed = run.accessNeeds + run.benefits + run.stories;
        if (removed === 0) continue;
        total += removed;
        // Counts only: whose records went is not kept, as it would keep them in another form.
        await writeAudit(db, {
          organisationId: id,
          actorPersonId: null,
          subjectType: 'organisation',
          subjectId: id,
          action: 'retention-removed',
          changes: [
            { field: 'accessNeeds', to: run.accessNeeds },
            { field: 'benefits', to: run.benefits },
            { field: 'stories', to: run.stories },
          ],
          at: now(),
        });
      }
      return total;
    },
  };

  async function removeDueFor(organisationId: string, settings: RetentionSettings): Promise<RetentionRun> {
    const today = londonToday(now());
    const accessCutoff = monthsBefore(today, settings.accessNeedsMonths);
    const benefitsCutoff = monthsBefore(today, settings.benefitsMonths);
    const run: RetentionRun = { accessNeeds: 0, benefits: 0, stories: 0 };
    for (;;) {
      const ids = await quietSince(db, 'access_needs', organisationId, accessCutoff);
      if (ids.length > 0)
        await db.transaction().execute(async (trx) => {
          await trx.deleteFrom('access_reviews').where('organisation_id', '=', organisationId).where('person_id', 'in', ids).execute();
          await trx.deleteFrom('access_needs').where('organisation_id', '=', organisationId).where('person_id', 'in', ids).execute();
        });
      run.accessNeeds += ids.length;
      if (ids.length < retentionBatch) break;
    }
    for (;;) {
      const ids = await quietSince(db, 'benefits_records', organisationId, benefitsCutoff);
      if (ids.length > 0)
        await db.deleteFrom('benefits_records').where('organisation_id', '=', organisationId).where('person_id', 'in', ids).execute();
      run.benefits += ids.length;
      if (ids.length < retentionBatch) break;
    }
    // A story is told with consent and kept while it stands: once withdrawn, it goes.
    for (;;) {
      const withdrawn = await db
        .selectFrom('stories')
        .select(['id', 'stored_name'])
        .where('organisation_id', '=', organisationId)
        .where('withdrawn_at', 'is not', null)
        .limit(retentionBatch)
        .execute();
      if (withdrawn.length > 0)
        await db
          .deleteFrom('stories')
          .where('organisation_id', '=', organisationId)
          .where(
            'id',
            'in',
            withdrawn.map((s) => s.id),
          )
          .execute();
      for (const s of withdrawn) if (s.stored_name) await files.remove(s.stored_name);
      run.stories += withdrawn.length;
      if (withdrawn.length < retentionBatch) break;
    }
    return run;
  }
}

/**
 * People whose record in `table` was last changed before `cutoff` and who have done nothing
 * since: their details unchanged, no meeting attended and no claim made after it.
 */
async function quietSince(
  db: Executor,
  table: 'access_needs' | 'benefits_records',
  organisationId: string,
  cutoff: string,
): Promise<string[]> {
  const rows = await db
    .selectFrom(table)
    .select(`${table}.person_id`)
    .where(`${table}.organisation_id`, '=', organisationId)
    .where(`${table}.updated_at`, '<', cutoff)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('people')
            .select('people.id')
            .where('people.organisation_id', '=', organisationId)
            .whereRef('people.id', '=', `${table}.person_id`)
            .where('people.updated_at', '>=', cutoff),
        ),
      ),
    )
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('meeting_attendance')
            .select('meeting_attendance.person_id')
            .where('meeting_attendance.organisation_id', '=', organisationId)
            .whereRef('meeting_attendance.person_id', '=', `${table}.person_id`)
            .where('meeting_attendance.recorded_at', '>=', cutoff),
        ),
      ),
    )
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('claims')
            .select('claims.id')
            .where('claims.organisation_id', '=', organisationId)
            .whereRef('claims.person_id', '=', `${table}.person_id`)
            .where('claims.on_date', '>=', cutoff),
        ),
      ),
    )
    .limit(retentionBatch)
    .execute();
  return rows.map((r) => r.person_id);
}
