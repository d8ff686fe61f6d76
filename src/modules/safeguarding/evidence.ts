// Evidence for the self-assessment's C3 statement (issue 21): were concerns picked up in time?
import { sql } from 'kysely';
import type { CultureEvidenceSource } from '../reviews/culture-evidence.ts';

/**
 * "Concerns acknowledged within the organisation's target: 7 of 8 in the last 12 months",
 * counted in one query. The working-day rule (handling-time.ts) is not redone in SQL: each
 * concern stores the deadline that rule gave it when it was raised (acknowledge_by), so SQL
 * only compares two UTC ISO times, which sort as text on both databases. A concern still
 * inside its time counts neither way: it is not late yet, nor was it picked up in time.
 * Only counts leave here, never a concern's words or who raised it.
 */
export const safeguardingEvidence: CultureEvidenceSource = async (db, organisationId, now, t) => {
  const since = new Date(now.getTime());
  since.setUTCFullYear(since.getUTCFullYear() - 1);
  const nowIso = now.toISOString();
  const row = await db
    .selectFrom('safeguarding_concerns')
    .select([
      (eb) => eb.fn.countAll().as('raised'),
      sql<number>`sum(case when acknowledged_at is not null or acknowledge_by < ${nowIso} then 1 else 0 end)`.as('due'),
      sql<number>`sum(case when acknowledged_at is not null and acknowledged_at <= acknowledge_by then 1 else 0 end)`.as('onTime'),
    ])
    .where('organisation_id', '=', organisationId)
    .where('raised_at', '>=', since.toISOString())
    .where('raised_at', '<=', nowIso)
    .executeTakeFirstOrThrow();
  const raised = Number(row.raised);
  const due = Number(row.due ?? 0);
  const onTime = Number(row.onTime ?? 0);
  const words =
    raised === 0
      ? t('culture-evidence:safeguarding.none')
      : due === 0
        ? t('culture-evidence:safeguarding.notDueYet', { count: raised })
        : t('culture-evidence:safeguarding.onTime', { onTime, due });
  return [{ code: 'C3', words }];
};
