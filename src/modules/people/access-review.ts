// The Accessible Information Standard (DAPB1605, 2025 edition) has six steps: ask,
// record, flag, share, meet and, new in 2025, review. Needs change (sight fails, a
// person learns to use email, a carer moves away), so a record nobody has checked for a
// year may be wrong. Each person's record carries a date; when it comes we ask them, once,
// by their own channel whether anything has changed. "Nothing has changed", or changing
// the needs, moves the date on a year.
//
// Contact choices (the ways we reach someone, best first, the times that suit, the ways
// they said no to) count as well. The Standard's record is of how to communicate with a
// person, not only of formats and support, and a stale choice is worse than a stale
// format: a letter to someone who now wants texts never arrives. So choosing or changing
// them moves the date on a year too, and someone with contact choices but no access needs
// still has a date: the ask already says "how you want to hear from us".
import type { Config } from '../../config.ts';
import { countNow } from '../../platform/counts.ts';
import type { Db, Executor } from '../../db/connection.ts';
import { writeAudit } from '../../platform/audit.ts';
import { isStaff, mayOpenPersonalRecord, type RoleActor } from '../../platform/auth.ts';
import { Forbidden, NotFound } from '../../platform/errors.ts';
import type { Translate } from '../../platform/i18n.ts';
import { pageOf } from '../../platform/pagination.ts';
import { londonToday, type Clock } from '../../platform/time.ts';
import type { Notices } from '../outbox/notices.ts';
import type { Person } from './service.ts';

/** How long a confirmed record holds before we ask again: the Standard's "at least yearly". */
export const reviewEveryYears = 1;

/**
 * The London date a year after `londonDate` (YYYY-MM-DD). 29 February moves to 1 March,
 * so a review is never set for a day that does not exist.
 */
export function nextReviewDate(londonDate: string): string {
  const [y, m, d] = londonDate.split('-').map(Number) as [number, number, number];
  const next = new Date(Date.UTC(y + reviewEveryYears, m - 1, d));
  if (next.getUTCMonth() !== m - 1) return `${y + reviewEveryYears}-03-01`;
  return next.toISOString().slice(0, 10);
}

/**
 * Starts the year again for one person, inside the caller's transaction: when needs are
 * first recorded, changed, or confirmed as unchanged. The ask for the new date has not gone.
 */
export async function markReviewed(executor: Executor, organisationId: string, personId: string, by: string | null, at: Date) {
  const dueOn = nextReviewDate(londonToday(at));
  const values = { due_on: dueOn, asked_at: null, reviewed_at: at.toISOString(), reviewed_by: by };
  await executor
    .insertInto('access_reviews')
    .values({ organisation_id: organisationId, person_id: personId, ...values })
    .onConflict((oc) => oc.columns(['organisation_id', 'person_id']).doUpdateSet(values))
    .execute();
}

/** The part of a person's record that says how to reach them, for telling whether it changed. */
export type ContactChoices = {
  contactOrder?: readonly string[];
  contactTimes?: { days: readonly string[]; parts: readonly string[]; notes: string | null } | null;
  optedOut?: readonly string[];
};

/**
 * After a person's contact choices changed (already written, in the caller's transaction):
 * the year starts again, or, when nothing is left to review, the date goes.
 */
export async function reviewContactChange(executor: Executor, organisationId: string, personId: string, by: string | null, at: Date) {
  if (await anythingToReview(executor, organisationId, personId)) await markReviewed(executor, organisationId, personId, by, at);
  else await forgetReview(executor, organisationId, personId);
}

/** Whether a person has said how they like to hear from us: then there is something to review. */
export const hasContactChoices = (p: ContactChoices) => (p.contactOrder ?? []).length > 0;

/** Whether two versions of a record differ in how to reach the person (an empty choice is no choice). */
export function contactChoicesChanged(before: ContactChoices, after: ContactChoices): boolean {
  const plain = (p: ContactChoices) =>
    JSON.stringify([
      p.contactOrder ?? [],
      p.contactTimes?.days ?? [],
      p.contactTimes?.parts ?? [],
      p.contactTimes?.notes || null,
      [...(p.optedOut ?? [])].sort(),
    ]);
  return plain(before) !== plain(after);
}

/** Whether there is anything of this person's to review: needs held with consent, or contact choices. */
async function anythingToReview(executor: Executor, organisationId: string, personId: string): Promise<boolean> {
  const [needs, person] = await Promise.all([
    executor
      .selectFrom('access_needs')
      .select('person_id')
      .where('organisation_id', '=', organisationId)
      .where('person_id', '=', personId)
      .executeTakeFirst(),
    executor
      .selectFrom('people')
      .select('contact_order')
      .where('organisation_id', '=', organisationId)
      .where('id', '=', personId)
      .executeTakeFirst(),
  ]);
  return Boolean(needs || (person && person.contact_order !== '[]'));
}

/**
 * Ends the date when nothing is left to review: when consent to hold needs is withdrawn,
 * or contact choices are cleared. Needs still held, or contact choices, keep it.
 */
export async function forgetReview(executor: Executor, organisationId: string, personId: string) {
  if (await anythingToReview(executor, organisationId, personId)) return;
  await executor.deleteFrom('access_reviews').where('organisation_id', '=', organisationId).where('person_id', '=', personId).execute();
}

export type AccessReview = { dueOn: string; askedAt: string | null; reviewedAt: string; due: boolean };
export type OverdueReview = { personId: string; name: string; dueOn: string; askedAt: string | null };

/** How many due asks the job claims at a time, so one round stays short. */
const batchSize = 500;

export function makeAccessReviewService({
  db,
  now,
  config,
  t,
  people,
  notices,
}: {
  db: Db;
  now: Clock;
  config: Pick<Config, 'publicUrl'>;
  t: Translate;
  people: { getMany(organisationId: string, ids: readonly string[]): Promise<Person[]> };
  notices: Notices;
}) {
  const today = () => londonToday(now());
  /** Reviews come due: the organisation's, or (a facilitator's To do) those of members of some projects. */
  const overdue = (organisationId: string, projectIds: readonly string[] | null) => {
    const query = db.selectFrom('access_reviews as r').where('r.organisation_id', '=', organisationId).where('r.due_on', '<=', today());
    if (!projectIds) return query;
    // "in ()" is not SQL: no projects means nobody. Members from the (project, person) key
    // alone (the projects are the organisation's): with the organisation too, SQLite reads
    // all its members by the (organisation, joined) index for each review (seconds at county size).
    return projectIds.length
      ? query.where(({ exists, selectFrom }) =>
          exists(
            selectFrom('project_members as pm')
              .select('pm.person_id')
              .where('pm.project_id', 'in', [...projectIds])
              .whereRef('pm.person_id', '=', 'r.person_id'),
          ),
        )
      : query.where('r.person_id', 'is', null);
  };

  /** Asks one organisation's people whose review is due, claiming each row before its message is queued. */
  async function askIn(organisationId: string, personIds: string[]): Promise<number> {
    const loaded = await people.getMany(organisationId, personIds);
    const at = now();
    return db.transaction().execute(async (trx) => {
      // One guarded update claims the batch: a second worker finds nothing left to claim.
      const claimed = await trx
        .updateTable('access_reviews')
        .set({ asked_at: at.toISOString() })
        .where('organisation_id', '=', organisationId)
        .where('person_id', 'in', personIds)
        .where('asked_at', 'is', null)
        .where('due_on', '<=', londonToday(at))
        .returning(['person_id', 'due_on'])
        .execute();
      const dueOn = new Map(claimed.map((r) => [r.person_id, r.due_on]));
      const toAsk = loaded.filter((p) => dueOn.has(p.id));
      await notices.send(
        {
          organisationId,
          kind: 'access-review',
          aboutId: organisationId,
          projectId: null,
          dedupeKey: (person) => `access-review:${person.id}:${dueOn.get(person.id)}`,
          compose: (person) => {
            const vars = { name: person.name, link: `${config.publicUrl}/people/${person.id}/access-review` };
            return {
              subject: t('access-review:ask.subject'),
              full: t('access-review:ask.full', vars),
              text: t('access-review:ask.text', vars),
              say: t('access-review:ask.say', vars),
            };
          },
        },
        toAsk,
        trx,
      );
      return claimed.length;
    });
  }

  return {
    /** For the background job: asks everyone whose review is due and not yet asked. Each ask goes once. */
    async sendDueAsks(): Promise<number> {
      const due = await db
        .selectFrom('access_reviews')
        .select(['organisation_id', 'person_id'])
        .where('due_on', '<=', today())
        .where('asked_at', 'is', null)
        .orderBy('due_on')
        .limit(batchSize)
        .execute();
      const byOrganisation = new Map<string, string[]>();
      for (const row of due) byOrganisation.set(row.organisation_id, [...(byOrganisation.get(row.organisation_id) ?? []), row.person_id]);
      let asked = 0;
      for (const [organisationId, personIds] of byOrganisation) asked += await askIn(organisationId, personIds);
      return asked;
    },

    /** A person's review date, for them or staff; null when neither needs nor contact choices are recorded. */
    async of(actor: RoleActor, personId: string): Promise<AccessReview | null> {
      if (!mayOpenPersonalRecord(actor, personId)) throw new Forbidden();
      const row = await db
        .selectFrom('access_reviews')
        .select(['due_on', 'asked_at', 'reviewed_at'])
        .where('organisation_id', '=', actor.organisationId)
        .where('person_id', '=', personId)
        .executeTakeFirst();
      return row ? { dueOn: row.due_on, askedAt: row.asked_at, reviewedAt: row.reviewed_at, due: row.due_on <= today() } : null;
    },

    /**
     * "Nothing has changed": said by the person when signed in, or by staff after a call
     * (then it is recorded as on the person's behalf). Moves the date on a year.
     */
    async confirmUnchanged(actor: RoleActor, personId: string): Promise<string> {
      if (!mayOpenPersonalRecord(actor, personId)) throw new Forbidden();
      const at = now();
      return db.transaction().execute(async (trx) => {
        const row = await trx
          .selectFrom('access_reviews')
          .select('person_id')
          .where('organisation_id', '=', actor.organisationId)
          .where('person_id', '=', personId)
          .executeTakeFirst();
        if (!row) throw new NotFound();
        await markReviewed(trx, actor.organisationId, personId, actor.personId, at);
        await writeAudit(trx, {
          organisationId: actor.organisationId,
          actorPersonId: actor.personId,
          onBehalfOfPersonId: isStaff(actor) && actor.personId !== personId ? personId : null,
          subjectType: 'access-needs',
          subjectId: personId,
          action: 'confirmed-unchanged',
          at,
        });
        return nextReviewDate(londonToday(at));
      });
    },

    /** People whose review date has come, oldest first, a page (50) at a time: for the staff To do page. */
    async overdueReviews(organisationId: string, page = 1, projectIds: readonly string[] | null = null): Promise<OverdueReview[]> {
      const { limit, offset } = pageOf(page);
      const rows = await overdue(organisationId, projectIds)
        .innerJoin('people as p', (j) => j.onRef('p.id', '=', 'r.person_id').onRef('p.organisation_id', '=', 'r.organisation_id'))
        .select(['r.person_id', 'r.due_on', 'r.asked_at', 'p.full_name', 'p.preferred_name'])
        .orderBy('r.due_on')
        .orderBy('r.person_id')
        .limit(limit)
        .offset(offset)
        .execute();
      return rows.map((r) => ({ personId: r.person_id, name: r.preferred_name || r.full_name, dueOn: r.due_on, askedAt: r.asked_at }));
    },

    /** How many reviews have come due, counted by the database from the (organisation, date) index. */
    async countOverdueReviews(organisationId: string, projectIds: readonly string[] | null = null): Promise<number> {
      return countNow(db, this.overdueReviewsCount(organisationId, projectIds));
    },

    /** The count above, to be asked with others (platform/counts.ts). */
    overdueReviewsCount(organisationId: string, projectIds: readonly string[] | null = null) {
      return overdue(organisationId, projectIds).select((eb) => eb.fn.countAll<number>().as('n'));
    },
  };
}

export type AccessReviewService = ReturnType<typeof makeAccessReviewService>;
