// Open by default (issue 21, C1, V4): members read their projects' impact reports and the
// organisation's review results; staff may keep one report inside the team. The choice is
// per report, written to the audit log, and members are told plainly that staff made it.
import type { Db } from '../../db/connection.ts';
import type { SharedReport } from '../../db/schema/kept-internal.ts';
import { writeAudit } from '../../platform/audit.ts';
import { isStaff, type CurrentUser } from '../../platform/auth.ts';
import { Forbidden } from '../../platform/errors.ts';
import type { Clock } from '../../platform/time.ts';

export type { SharedReport } from '../../db/schema/kept-internal.ts';

type Deps = {
  db: Db;
  now: Clock;
  /** Throws NotFound unless the organisation has this project or review. */
  mustExist: (organisationId: string, report: SharedReport, subjectId: string) => Promise<void>;
};

export function makeKeptInternal({ db, now, mustExist }: Deps) {
  async function isKept(organisationId: string, report: SharedReport, subjectId: string): Promise<boolean> {
    const row = await db
      .selectFrom('kept_internal')
      .select('subject_id')
      .where('organisation_id', '=', organisationId)
      .where('report', '=', report)
      .where('subject_id', '=', subjectId)
      .executeTakeFirst();
    return row !== undefined;
  }

  return {
    isKept,

    /** Staff keep a report inside the team, or open it to members again. Audited only when it changes. */
    async choose(user: CurrentUser, report: SharedReport, subjectId: string, keep: boolean): Promise<void> {
      if (!isStaff(user)) throw new Forbidden();
      await mustExist(user.organisationId, report, subjectId);
      const at = now();
      await db.transaction().execute(async (trx) => {
        const changed = keep
          ? (
              await trx
                .insertInto('kept_internal')
                .values({ organisation_id: user.organisationId, report, subject_id: subjectId, kept_at: at.toISOString() })
                .onConflict((oc) => oc.columns(['organisation_id', 'report', 'subject_id']).doNothing())
                .executeTakeFirst()
            ).numInsertedOrUpdatedRows
          : (
              await trx
                .deleteFrom('kept_internal')
                .where('organisation_id', '=', user.organisationId)
                .where('report', '=', report)
                .where('subject_id', '=', subjectId)
                .executeTakeFirst()
            ).numDeletedRows;
        if (Number(changed ?? 0) === 0) return;
        await writeAudit(trx, {
          organisationId: user.organisationId,
          actorPersonId: user.personId,
          subjectType: report === 'project-impact' ? 'project' : 'review',
          subjectId,
          action: keep ? `${report}-kept-internal` : `${report}-opened-to-members`,
          at,
        });
      });
    },
  };
}

export type KeptInternal = ReturnType<typeof makeKeptInternal>;
