import type { Db } from '../../db/connection.ts';
import { writeAudit } from '../../platform/audit.ts';
import { newId } from '../../platform/ids.ts';
import type { Clock } from '../../platform/time.ts';
import * as repo from './repository.ts';
import type { ContactChannel, Perspective } from './vocabulary.ts';

/** Who is acting, for the audit log. */
export type Actor = { organisationId: string; personId: string | null };

export type NewPerson = {
  fullName: string;
  preferredName?: string | null;
  pronouns?: string | null;
  perspectives: Perspective[];
  email?: string | null;
  mobile?: string | null;
  landline?: string | null;
  address?: string | null;
  contactOrder?: ContactChannel[];
  contactTimes?: string | null;
  skills?: string | null;
  knowledge?: string | null;
  livedExperience?: string | null;
  interests?: string | null;
  timeToGive?: string | null;
};

export type PersonSummary = { id: string; name: string; fullName: string; perspectives: string[] };

export function makePeopleService({ db, now }: { db: Db; now: Clock }) {
  async function createInTransaction(trx: repo.Executor, actor: Actor, input: NewPerson, onBehalfOf?: string | null): Promise<string> {
    const id = newId();
    const at = now().toISOString();
    await repo.insertPerson(
      trx,
      {
        id,
        organisation_id: actor.organisationId,
        full_name: input.fullName,
        preferred_name: input.preferredName ?? null,
        pronouns: input.pronouns ?? null,
        email: input.email ?? null,
        mobile: input.mobile ?? null,
        landline: input.landline ?? null,
        address: input.address ?? null,
        contact_order: JSON.stringify(input.contactOrder ?? []),
        contact_times: input.contactTimes ?? null,
        skills: input.skills ?? null,
        knowledge: input.knowledge ?? null,
        lived_experience: input.livedExperience ?? null,
        interests: input.interests ?? null,
        time_to_give: input.timeToGive ?? null,
        created_at: at,
        updated_at: at,
      },
      input.perspectives,
    );
    await writeAudit(trx, {
      organisationId: actor.organisationId,
      actorPersonId: actor.personId ?? id,
      onBehalfOfPersonId: onBehalfOf ?? null,
      subjectType: 'person',
      subjectId: id,
      action: 'created',
      changes: Object.keys(input).map((field) => ({ field })),
      at: now(),
    });
    return id;
  }

  return {
    createInTransaction,

    async create(actor: Actor, input: NewPerson): Promise<string> {
      return db.transaction().execute((trx) => createInTransaction(trx, actor, input));
    },

    /** Names and perspectives for people in this organisation; unknown ids are left out. */
    async summaries(organisationId: string, ids: readonly string[]): Promise<PersonSummary[]> {
      if (ids.length === 0) return [];
      const rows = await db
        .selectFrom('people')
        .select(['id', 'full_name', 'preferred_name'])
        .where('organisation_id', '=', organisationId)
        .where('id', 'in', ids)
        .execute();
      const perspectives = await repo.perspectivesFor(db, organisationId, rows.map((r) => r.id));
      return rows.map((r) => ({ id: r.id, fullName: r.full_name, name: r.preferred_name || r.full_name, perspectives: perspectives.get(r.id) ?? [] }));
    },

    /** Everyone in the organisation, for pickers (adding project members). */
    async directory(organisationId: string, filter: repo.PeopleFilter = {}): Promise<PersonSummary[]> {
      const rows = await repo.listPeople(db, organisationId, filter);
      const perspectives = await repo.perspectivesFor(db, organisationId, rows.map((r) => r.id));
      return rows.map((r) => ({ id: r.id, fullName: r.full_name, name: r.preferred_name || r.full_name, perspectives: perspectives.get(r.id) ?? [] }));
    },
  };
}

export type PeopleService = ReturnType<typeof makePeopleService>;
