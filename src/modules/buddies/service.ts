// P5: support to take part. Staff link a buddy (often a member with experience) to a
// newcomer; staff, or the buddy signed in, write down the support offered and given. The
// To do page counts newcomers nobody is supporting yet (rule in newcomers.ts).
import type { Db } from '../../db/connection.ts';
import type { Counted } from '../../platform/counts.ts';
import type { SupportHow } from '../../db/schema/buddies.ts';
import { writeAudit } from '../../platform/audit.ts';
import { isStaff, type RoleActor } from '../../platform/auth.ts';
import { Conflict, Forbidden, NotFound } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import type { Page } from '../../platform/pagination.ts';
import { londonToday, type Clock } from '../../platform/time.ts';
import { isActivePairing, newcomersSince } from './newcomers.ts';
import * as repo from './repository.ts';

export const supportHows = ['phone', 'in-person', 'video', 'message', 'letter'] as const satisfies readonly SupportHow[];

export type Pairing = {
  id: string;
  newcomer: { id: string; name: string };
  buddy: { id: string; name: string };
  startsOn: string;
  endsOn: string | null;
  active: boolean;
};

const nameOf = (full: string, preferred: string | null) => preferred || full;

function mustBeStaff(actor: RoleActor) {
  if (!isStaff(actor)) throw new Forbidden();
}

export function makeBuddiesService({ db, now }: { db: Db; now: Clock }) {
  const today = () => londonToday(now());

  const toPairing = (r: NonNullable<repo.PairingRow>, on: string): Pairing => ({
    id: r.id,
    newcomer: { id: r.newcomer_person_id, name: nameOf(r.newcomer_full_name, r.newcomer_preferred_name) },
    buddy: { id: r.buddy_person_id, name: nameOf(r.buddy_full_name, r.buddy_preferred_name) },
    startsOn: r.starts_on,
    endsOn: r.ends_on,
    active: isActivePairing({ startsOn: r.starts_on, endsOn: r.ends_on }, on),
  });

  /** Staff, the buddy and the newcomer may open a pairing; anyone else is told it is not there. */
  async function readable(actor: RoleActor, id: string) {
    const row = await repo.pairing(db, actor.organisationId, id);
    if (!row) throw new NotFound();
    const pairing = toPairing(row, today());
    if (!isStaff(actor) && actor.personId !== pairing.buddy.id && actor.personId !== pairing.newcomer.id) throw new NotFound();
    return pairing;
  }

  return {
    today,

    async list(actor: RoleActor, active: boolean, page: Page) {
      mustBeStaff(actor);
      const on = today();
      const [rows, total] = await Promise.all([
        repo.pairingsPage(db, actor.organisationId, active, on, page),
        repo.countPairings(db, actor.organisationId, active, on),
      ]);
      return { items: rows.map((r) => toPairing(r, on)), total };
    },

    async newcomerName(actor: RoleActor, personId: string) {
      mustBeStaff(actor);
      const row = await db
        .selectFrom('people')
        .select(['id', 'full_name', 'preferred_name'])
        .where('organisation_id', '=', actor.organisationId)
        .where('id', '=', personId)
        .executeTakeFirst();
      if (!row) throw new NotFound();
      return { id: row.id, name: nameOf(row.full_name, row.preferred_name) };
    },

    /** Links a buddy to a newcomer; refused for the same person twice or a pair already active. */
    async link(actor: RoleActor, input: { newcomerId: string; buddyId: string; startsOn: string }) {
      mustBeStaff(actor);
      if (input.newcomerId === input.buddyId) throw new Conflict('buddies:errors.samePerson');
      const known = await repo.peopleIn(db, actor.organisationId, [input.newcomerId, input.buddyId]);
      if (!known.includes(input.newcomerId)) throw new NotFound();
      if (!known.includes(input.buddyId)) throw new Conflict('buddies:errors.buddyRequired');
      const on = today();
      const current = await repo.activeFor(db, actor.organisationId, input.newcomerId, on);
      if (current.some((p) => p.newcomer_person_id === input.newcomerId && p.buddy_person_id === input.buddyId))
        throw new Conflict('buddies:errors.alreadyPaired');
      const id = newId();
      const at = now();
      await db.transaction().execute(async (trx) => {
        await repo.insertPairing(trx, {
          id,
          organisation_id: actor.organisationId,
          newcomer_person_id: input.newcomerId,
          buddy_person_id: input.buddyId,
          starts_on: input.startsOn,
          created_at: at.toISOString(),
          created_by_person_id: actor.personId,
        });
        await writeAudit(trx, {
          organisationId: actor.organisationId,
          actorPersonId: actor.personId,
          subjectType: 'buddy-pairing',
          subjectId: id,
          action: 'linked',
          changes: [
            { field: 'newcomer_person_id', to: input.newcomerId },
            { field: 'buddy_person_id', to: input.buddyId },
            { field: 'starts_on', to: input.startsOn },
          ],
          at,
        });
      });
      return id;
    },

    async read(actor: RoleActor, id: string, page: Page) {
      const pairing = await readable(actor, id);
      const [rows, total] = await Promise.all([
        repo.supportPage(db, actor.organisationId, id, page),
        repo.countSupport(db, actor.organisationId, id),
      ]);
      return {
        pairing,
        support: rows.map((r) => ({
          id: r.id,
          givenOn: r.given_on,
          what: r.what,
          how: r.how,
          recordedBy: r.recorded_by_full_name ? nameOf(r.recorded_by_full_name, r.recorded_by_preferred_name) : null,
        })),
        total,
        mayRecord: isStaff(actor) || actor.personId === pairing.buddy.id,
        mayEnd: isStaff(actor) && pairing.endsOn === null,
      };
    },

    /** Staff, or the buddy themselves, write down support offered or given. */
    async recordSupport(actor: RoleActor, id: string, input: { givenOn: string; what: string; how: SupportHow }) {
      const pairing = await readable(actor, id);
      if (!isStaff(actor) && actor.personId !== pairing.buddy.id) throw new Forbidden();
      const at = now();
      const supportId = newId();
      await db.transaction().execute(async (trx) => {
        await repo.insertSupport(trx, {
          id: supportId,
          organisation_id: actor.organisationId,
          pairing_id: id,
          newcomer_person_id: pairing.newcomer.id,
          buddy_person_id: pairing.buddy.id,
          given_on: input.givenOn,
          what: input.what,
          how: input.how,
          recorded_by_person_id: actor.personId,
          recorded_at: at.toISOString(),
        });
        await writeAudit(trx, {
          organisationId: actor.organisationId,
          actorPersonId: actor.personId,
          subjectType: 'buddy-pairing',
          subjectId: id,
          action: 'support-recorded',
          changes: [{ field: 'given_on', to: input.givenOn }, { field: 'how', to: input.how }, { field: 'what' }],
          at,
        });
      });
    },

    /** Ends a pairing today; false if it had already ended. */
    async end(actor: RoleActor, id: string) {
      mustBeStaff(actor);
      await readable(actor, id);
      const at = now();
      const on = today();
      return db.transaction().execute(async (trx) => {
        const ended = await repo.endPairing(trx, actor.organisationId, id, on);
        if (ended)
          await writeAudit(trx, {
            organisationId: actor.organisationId,
            actorPersonId: actor.personId,
            subjectType: 'buddy-pairing',
            subjectId: id,
            action: 'ended',
            changes: [{ field: 'ends_on', to: on }],
            at,
          });
        return ended;
      });
    },

    /** For a person's page: their buddy, and the newcomers they support, while active. */
    async forPerson(actor: RoleActor, personId: string) {
      if (!isStaff(actor) && actor.personId !== personId) return { buddies: [], newcomers: [] };
      const on = today();
      const rows = (await repo.activeFor(db, actor.organisationId, personId, on)).map((r) => toPairing(r, on));
      return { buddies: rows.filter((p) => p.newcomer.id === personId), newcomers: rows.filter((p) => p.buddy.id === personId) };
    },

    /** Newcomers nobody is supporting yet, a page at a time, for staff to give each a buddy. */
    async newcomersNeedingBuddy(actor: RoleActor, page: Page) {
      mustBeStaff(actor);
      const on = today();
      const since = newcomersSince(on);
      const [rows, total] = await Promise.all([
        repo.newcomersWithoutBuddyPage(db, actor.organisationId, since, on, page),
        repo.countNewcomersWithoutBuddy(db, actor.organisationId, since, on),
      ]);
      return { items: rows.map((r) => ({ id: r.id, name: nameOf(r.full_name, r.preferred_name) })), total };
    },

    /** The To do line, asked with its other counts: staff only; the organisation's newcomers without an active buddy. */
    newcomersWithoutBuddyCount(actor: RoleActor): Counted {
      if (!isStaff(actor)) return 0;
      const on = today();
      return repo.newcomersWithoutBuddyCount(db, actor.organisationId, newcomersSince(on), on);
    },
  };
}

export type BuddiesService = ReturnType<typeof makeBuddiesService>;
