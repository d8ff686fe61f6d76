import type { Db, Executor } from '../../db/connection.ts';
import type { SupporterAction, SupporterBasis, SupporterChannel, SupporterKind } from '../../db/schema/supporters.ts';
import { writeAudit } from '../../platform/audit.ts';
import { isStaff, mayOpenPersonalRecord, type CurrentUser, type RoleActor } from '../../platform/auth.ts';
import { Conflict, Forbidden, NotFound } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import type { Page } from '../../platform/pagination.ts';
import { londonToday, type Clock } from '../../platform/time.ts';
import type { PeopleService } from '../people/service.ts';
import type { ActingFor } from '../../platform/acting-for.ts';
import * as repo from './repository.ts';
import type { SupporterPower } from './vocabulary.ts';

export type SupporterInput = {
  kind: SupporterKind;
  relationship: string | null;
  /** Someone with their own record here; null for a contact staff reach. */
  supporterPersonId: string | null;
  contact: { name: string; channel: SupporterChannel; email: string | null; mobile: string | null; address: string | null } | null;
  powers: SupporterPower[];
  basis: SupporterBasis;
  consentHow: string | null;
  basisMadeBy: string | null;
  basisMadeOn: string;
  basisReference: string | null;
  reviewOn: string;
};

export type Supporter = {
  id: string;
  personId: string;
  personName: string;
  supporterPersonId: string | null;
  name: string;
  kind: SupporterKind;
  relationship: string | null;
  contact: { channel: SupporterChannel | null; email: string | null; mobile: string | null; address: string | null };
  powers: SupporterPower[];
  basis: SupporterBasis;
  consentHow: string | null;
  basisMadeBy: string | null;
  basisMadeOn: string;
  basisReference: string | null;
  reviewOn: string;
  reviewOverdue: boolean;
  recordedByName: string | null;
  createdAt: string;
  endedAt: string | null;
  endedByName: string | null;
};

/** A signed-in supporter allowed to do one thing for one person, as the acting pages need it. */
export type Acting = ActingFor;

const powerColumns = {
  copies: 'may_copies',
  reply: 'may_reply',
  vote: 'may_vote',
  reviews: 'may_reviews',
  claim: 'may_claim',
} as const satisfies Record<SupporterPower, string>;

const powersOf = (row: repo.SupporterRow): SupporterPower[] =>
  (Object.keys(powerColumns) as SupporterPower[]).filter((p) => Number(row[powerColumns[p]]) === 1);

const nameOf = (row: { supporter_full_name: string | null; contact_name: string | null }) =>
  row.supporter_full_name ?? row.contact_name ?? '';

function toSupporter(row: repo.SupporterRow, today: string): Supporter {
  return {
    id: row.id,
    personId: row.person_id,
    personName: row.person_name,
    supporterPersonId: row.supporter_person_id,
    name: nameOf(row),
    kind: row.kind,
    relationship: row.relationship,
    contact: { channel: row.contact_channel, email: row.contact_email, mobile: row.contact_mobile, address: row.contact_address },
    powers: powersOf(row),
    basis: row.basis,
    consentHow: row.consent_how,
    basisMadeBy: row.basis_made_by,
    basisMadeOn: row.basis_made_on,
    basisReference: row.basis_reference,
    reviewOn: row.review_on,
    reviewOverdue: row.ended_at === null && row.review_on <= today,
    recordedByName: row.recorded_by_name,
    createdAt: row.created_at,
    endedAt: row.ended_at ?? null,
    endedByName: row.ended_by_name,
  };
}

/**
 * Supporters (issue 17): who a person chooses to take part with, on what basis, and what
 * each may do. A supporter's pages ask `acting` (or `staffActing`) before doing anything
 * for the person, and the tool keeps the act with `keepAct` inside its own transaction, so
 * every tool checks the same rule and keeps the same record
 * (docs/decisions/0018-supporters.md).
 */
export function makeSupporterService({ db, now, people }: { db: Db; now: Clock; people: PeopleService }) {
  const today = () => londonToday(now());

  /** Staff, or the person themself, may see and end a person's supporters; nobody else. */
  const mayManage = (user: RoleActor, personId: string) => mayOpenPersonalRecord(user, personId);

  /**
   * The record of an act, beside the answer its own module keeps as the person's. Tools
   * call it through `keepAct` with their own transaction, never after it.
   */
  async function recordAct(within: Executor, acting: ActingFor, action: SupporterAction, subjectId: string): Promise<void> {
    const howTold = acting.howTold ?? null;
    // The person's own history says what was done for them and by whom, whichever tool it was.
    await writeAudit(within, {
      organisationId: acting.organisationId,
      actorPersonId: acting.recordedBy ?? acting.supporterPersonId,
      onBehalfOfPersonId: acting.personId,
      subjectType: 'person',
      subjectId: acting.personId,
      action: `supporter-${action}`,
      changes: [{ field: action, to: subjectId }, ...(howTold ? [{ field: 'howTold', to: howTold }] : [])],
      at: now(),
    });
    await repo.insertAct(within, {
      id: newId(),
      organisation_id: acting.organisationId,
      supporter_id: acting.supporterId,
      person_id: acting.personId,
      action,
      subject_id: subjectId,
      how_told: howTold,
      recorded_by: acting.recordedBy ?? null,
      at: now().toISOString(),
    });
  }

  /**
   * A current supporter of this person that staff record an act for: another organisation's
   * is not found; an ended one, or someone else's, is refused.
   */
  async function staffLink(user: CurrentUser, personId: string, supporterId: string) {
    if (!isStaff(user)) throw new Forbidden();
    const row = await repo.findSupporter(db, user.organisationId, supporterId);
    if (!row) throw new NotFound();
    if (row.person_id !== personId || row.ended_at) throw new Forbidden();
    return row;
  }

  return {
    async forPerson(user: CurrentUser, personId: string, page: Page) {
      if (!mayManage(user, personId)) throw new Forbidden();
      const person = await people.get(user.organisationId, personId);
      const [rows, counts] = await Promise.all([
        repo.listSupporters(db, user.organisationId, { personId }, page),
        repo.countSupporters(db, user.organisationId, { personId }),
      ]);
      // The legal basis of a person who lacks capacity is sensitive: staff reads are kept.
      if (isStaff(user) && user.personId !== personId)
        await writeAudit(db, {
          organisationId: user.organisationId,
          actorPersonId: user.personId,
          subjectType: 'person',
          subjectId: personId,
          action: 'supporters-viewed',
          at: now(),
        });
      const day = today();
      return { person, supporters: rows.map((r) => toSupporter(r, day)), total: counts.all, current: counts.current };
    },

    async get(user: CurrentUser, personId: string, id: string): Promise<Supporter> {
      if (!mayManage(user, personId)) throw new Forbidden();
      const row = await repo.findSupporter(db, user.organisationId, id);
      if (!row || row.person_id !== personId) throw new NotFound();
      return toSupporter(row, today());
    },

    /** Staff record a supporter, with the basis for it; the person's history says who and when. */
    async add(user: CurrentUser, personId: string, input: SupporterInput): Promise<string> {
      if (!isStaff(user)) throw new Forbidden();
      await people.get(user.organisationId, personId);
      if (input.supporterPersonId) {
        if (input.supporterPersonId === personId) throw new Conflict('supporters:errors.notThemself');
        await people.get(user.organisationId, input.supporterPersonId);
      }
      const id = newId();
      const has = (p: SupporterPower) => (input.powers.includes(p) ? 1 : 0);
      await db.transaction().execute(async (trx) => {
        await repo.insertSupporter(trx, {
          id,
          organisation_id: user.organisationId,
          person_id: personId,
          supporter_person_id: input.supporterPersonId,
          contact_name: input.contact?.name ?? null,
          contact_channel: input.contact?.channel ?? null,
          contact_email: input.contact?.email ?? null,
          contact_mobile: input.contact?.mobile ?? null,
          contact_address: input.contact?.address ?? null,
          kind: input.kind,
          relationship: input.relationship,
          may_copies: has('copies'),
          may_reply: has('reply'),
          may_vote: has('vote'),
          may_reviews: has('reviews'),
          may_claim: has('claim'),
          basis: input.basis,
          consent_how: input.basis === 'consent' ? input.consentHow : null,
          basis_made_by: input.basis === 'consent' ? null : input.basisMadeBy,
          basis_made_on: input.basisMadeOn,
          basis_reference: input.basis === 'consent' ? null : input.basisReference,
          review_on: input.reviewOn,
          recorded_by: user.personId,
          created_at: now().toISOString(),
        });
        await writeAudit(trx, {
          organisationId: user.organisationId,
          actorPersonId: user.personId,
          subjectType: 'person',
          subjectId: personId,
          action: 'supporter-added',
          changes: [
            { field: 'supporter', to: id },
            { field: 'basis', to: input.basis },
            { field: 'powers', to: input.powers },
          ],
          at: now(),
        });
      });
      return id;
    },

    /** The person, or staff for them, end a supporter at any time; the record stays, ended. */
    async end(user: CurrentUser, personId: string, id: string): Promise<void> {
      const supporter = await this.get(user, personId, id);
      if (supporter.endedAt) throw new Conflict('supporters:errors.alreadyEnded');
      const at = now().toISOString();
      await db.transaction().execute(async (trx) => {
        if (!(await repo.endSupporter(trx, user.organisationId, id, at, user.personId)))
          throw new Conflict('supporters:errors.alreadyEnded');
        await writeAudit(trx, {
          organisationId: user.organisationId,
          actorPersonId: user.personId,
          onBehalfOfPersonId: user.personId === personId ? null : personId,
          subjectType: 'person',
          subjectId: personId,
          action: 'supporter-ended',
          changes: [{ field: 'supporter', to: id }],
          at: now(),
        });
      });
    },

    /**
     * The one check before a supporter acts: a current supporter of this person, in the
     * signed-in person's own organisation, allowed this power. Anything else is refused.
     */
    async acting(user: CurrentUser, personId: string, power: SupporterPower): Promise<Acting> {
      const row = await repo.currentLink(db, user.organisationId, user.personId, personId);
      if (!row || !powersOf(row).includes(power)) throw new Forbidden();
      return {
        organisationId: user.organisationId,
        supporterId: row.id,
        supporterPersonId: user.personId,
        supporterName: nameOf(row),
        personId,
        personName: row.person_name,
        record: recordAct,
      };
    },

    /**
     * Staff recording what a supporter said for the person (a supporter staff contact, who
     * does not sign in): the same check, for the supporter staff chose; staff are the recorder.
     */
    async staffActing(user: CurrentUser, personId: string, supporterId: string, power: SupporterPower): Promise<Acting> {
      const row = await staffLink(user, personId, supporterId);
      if (!powersOf(row).includes(power)) throw new Forbidden();
      return {
        organisationId: user.organisationId,
        supporterId: row.id,
        supporterPersonId: row.supporter_person_id ?? '',
        supporterName: nameOf(row),
        personId,
        personName: row.person_name,
        recordedBy: user.personId,
        record: recordAct,
      };
    },

    /**
     * Who a supporter is, for a record that keeps which supporter gave it (equality answers):
     * their name, and their own record when they have one. Null once the supporter is erased.
     */
    async who(organisationId: string, supporterId: string): Promise<{ name: string; personId: string | null } | null> {
      const row = await repo.findSupporter(db, organisationId, supporterId);
      return row ? { name: nameOf(row), personId: row.supporter_person_id } : null;
    },

    /** A person's current supporters allowed one power, for staff to say who gave an answer. */
    async allowedFor(organisationId: string, personId: string, power: SupporterPower): Promise<Array<{ id: string; name: string }>> {
      const rows = await repo.listSupporters(db, organisationId, { personId }, { limit: 50, offset: 0 });
      return rows.filter((r) => r.ended_at === null && powersOf(r).includes(power)).map((r) => ({ id: r.id, name: nameOf(r) }));
    },

    /**
     * What a supporter may do for a person: the signed-in supporter's own, or (staff, with
     * `supporterId`) those of a supporter who told staff what they did, by phone say.
     */
    async powersFor(user: CurrentUser, personId: string, supporterId?: string) {
      const row = supporterId
        ? await staffLink(user, personId, supporterId)
        : await repo.currentLink(db, user.organisationId, user.personId, personId);
      if (!row) throw new Forbidden();
      return {
        personId,
        personName: row.person_name,
        powers: powersOf(row),
        kind: row.kind,
        supporterId: row.id,
        supporterName: nameOf(row),
      };
    },

    /** "Sarah Whitfield for Dennis Whitfield" for each person someone acted for on one meeting, proposal, claim or review. */
    async actsOn(
      organisationId: string,
      subjectId: string,
    ): Promise<Map<string, { supporterName: string; personName: string; howTold: string | null; recorderName: string; byStaff: boolean }>> {
      const rows = await repo.actsOn(db, organisationId, subjectId);
      // recorderName: who the tool shows as having recorded it (staff, for a supporter without an account).
      return new Map(
        rows.map((r) => [
          r.person_id,
          {
            supporterName: nameOf(r),
            personName: r.person_name,
            howTold: r.how_told,
            recorderName: r.recorder_name ?? nameOf(r),
            byStaff: r.recorder_name !== null,
          },
        ]),
      );
    },

    /** The people a signed-in person supports now, a page at a time. */
    async supporting(user: CurrentUser, page: Page) {
      const which = { supporterPersonId: user.personId };
      const [rows, { all: total }] = await Promise.all([
        repo.listSupporters(db, user.organisationId, which, page),
        repo.countSupporters(db, user.organisationId, which),
      ]);
      const day = today();
      return { supported: rows.map((r) => toSupporter(r, day)), total };
    },

    /** Current supporters whose basis is due for review: a line on staff's To do list, asked with its other counts. */
    reviewsDueCount: (organisationId: string) => repo.supportersCount(db, organisationId, { dueBy: today() }),

    /** The supporters due for review, for staff, a page at a time. */
    async reviewsDuePage(user: CurrentUser, page: Page) {
      if (!isStaff(user)) throw new Forbidden();
      const day = today();
      const which = { dueBy: day };
      const [rows, { all: total }] = await Promise.all([
        repo.listSupporters(db, user.organisationId, which, page),
        repo.countSupporters(db, user.organisationId, which),
      ]);
      return { supporters: rows.map((r) => toSupporter(r, day)), total };
    },
  };
}

export type SupporterService = ReturnType<typeof makeSupporterService>;
