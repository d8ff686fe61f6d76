import { countEachTime, type KeepFigure } from '../../platform/kept-figures.ts';
import type { Db, Executor } from '../../db/connection.ts';
import type { PersonRow } from '../../db/schema.ts';
import { diffFields, writeAudit } from '../../platform/audit.ts';
import { Forbidden, NotFound } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import type { Clock } from '../../platform/time.ts';
import * as repo from './repository.ts';
import { mayOpenPersonalRecord, type Actor, type RoleActor } from '../../platform/auth.ts';
import { ownPerspectives } from './own-perspectives.ts';
import {
  contactChannels,
  contactDays,
  contactParts,
  perspectives as allPerspectives,
  type ContactChannel,
  type ContactDay,
  type ContactPart,
  type Perspective,
} from './vocabulary.ts';
import { z } from 'zod';
import { readJson, storedStrings } from '../../platform/json-column.ts';
import { boundFor, type HistoryWindow } from '../../platform/history-window.ts';
import { historyPageSize, type HistoryEntry } from './history-entries.ts';
import { contactChoicesChanged, hasContactChoices, markReviewed, reviewContactChange } from './access-review.ts';

export type ContactTimes = { days: ContactDay[]; parts: ContactPart[]; notes: string | null };
/** Days, and parts of any day, when meetings do not suit a person. */
export type UnsuitableTimes = { days: ContactDay[]; parts: ContactPart[] };

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
  contactTimes?: ContactTimes | null;
  skills?: string | null;
  knowledge?: string | null;
  livedExperience?: string | null;
  interests?: string | null;
  timeToGive?: string | null;
  unsuitableTimes?: UnsuitableTimes | null;
  optedOut?: ContactChannel[];
};

export type Person = Required<NewPerson> & {
  id: string;
  name: string;
  contactOrder: ContactChannel[];
  contactTimes: ContactTimes;
  optedOut: ContactChannel[];
};
export type PersonSummary = { id: string; name: string; fullName: string; perspectives: string[] };

const pick = <T extends string>(known: readonly T[], values: unknown): T[] =>
  Array.isArray(values) ? values.filter((v): v is T => (known as readonly string[]).includes(v)) : [];

/** Contact and unsuitable times: days and parts of the day, and for contact times a note. */
const storedTimes = z.object({
  days: z.array(z.string()).optional(),
  parts: z.array(z.string()).optional(),
  notes: z.string().nullable().optional(),
});
/** An audit entry's changes: only the names of the fields are read here. */
const storedChanges = z.array(z.object({ field: z.string() }));

function readContactTimes(text: string | null): ContactTimes {
  if (!text) return { days: [], parts: [], notes: null };
  try {
    const v = readJson(storedTimes, text, 'people.contact_times');
    return { days: pick(contactDays, v.days), parts: pick(contactParts, v.parts), notes: typeof v.notes === 'string' ? v.notes : null };
  } catch {
    // Older or imported records may hold plain words; keep them as notes.
    return { days: [], parts: [], notes: text };
  }
}

function readUnsuitableTimes(text: string | null): UnsuitableTimes | null {
  if (!text) return null;
  const v = readJson(storedTimes, text, 'people.unsuitable_times');
  const times = { days: pick(contactDays, v.days), parts: pick(contactParts, v.parts) };
  return times.days.length || times.parts.length ? times : null;
}

function toPerson(row: PersonRow, perspectives: string[]): Person {
  return {
    id: row.id,
    name: row.preferred_name || row.full_name,
    fullName: row.full_name,
    preferredName: row.preferred_name,
    pronouns: row.pronouns,
    // In the vocabulary's order, whatever order the database returns them in.
    perspectives: allPerspectives.filter((p) => perspectives.includes(p)),
    email: row.email,
    mobile: row.mobile,
    landline: row.landline,
    address: row.address,
    contactOrder: pick(contactChannels, readJson(storedStrings, row.contact_order, 'people.contact_order')),
    contactTimes: readContactTimes(row.contact_times),
    skills: row.skills,
    knowledge: row.knowledge,
    livedExperience: row.lived_experience,
    interests: row.interests,
    timeToGive: row.time_to_give,
    unsuitableTimes: readUnsuitableTimes(row.unsuitable_times),
    optedOut: pick(contactChannels, readJson(storedStrings, row.opted_out, 'people.opted_out')),
  };
}

/** The stored columns for a person's details (everything but ids and times). */
function toColumns(input: NewPerson) {
  return {
    full_name: input.fullName,
    preferred_name: input.preferredName ?? null,
    pronouns: input.pronouns ?? null,
    email: input.email ?? null,
    mobile: input.mobile ?? null,
    landline: input.landline ?? null,
    address: input.address ?? null,
    contact_order: JSON.stringify(input.contactOrder ?? []),
    contact_times: input.contactTimes ? JSON.stringify(input.contactTimes) : null,
    skills: input.skills ?? null,
    knowledge: input.knowledge ?? null,
    lived_experience: input.livedExperience ?? null,
    interests: input.interests ?? null,
    time_to_give: input.timeToGive ?? null,
    unsuitable_times:
      input.unsuitableTimes && (input.unsuitableTimes.days.length || input.unsuitableTimes.parts.length)
        ? JSON.stringify(input.unsuitableTimes)
        : null,
    opted_out: JSON.stringify(input.optedOut ?? []),
  };
}

export function makePeopleService({ db, now, keep = countEachTime }: { db: Db; now: Clock; keep?: KeepFigure }) {
  async function createInTransaction(trx: Executor, actor: Actor, input: NewPerson, onBehalfOf?: string | null): Promise<string> {
    const id = newId();
    const at = now().toISOString();
    await repo.insertPerson(
      trx,
      { id, organisation_id: actor.organisationId, ...toColumns(input), created_at: at, updated_at: at },
      input.perspectives,
    );
    // Contact choices are reviewed yearly, as access needs are (access-review.ts).
    if (hasContactChoices(input)) await markReviewed(trx, actor.organisationId, id, actor.personId, now());
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

  async function get(organisationId: string, id: string): Promise<Person> {
    const row = await repo.findPerson(db, organisationId, id);
    if (!row) throw new NotFound();
    const perspectives = await repo.perspectivesFor(db, organisationId, [id]);
    return toPerson(row, perspectives.get(id) ?? []);
  }

  /** Several people at once (one query each for rows and perspectives); unknown ids are left out. */
  async function getMany(organisationId: string, ids: readonly string[]): Promise<Person[]> {
    const [rows, perspectives] = await Promise.all([
      repo.findPeople(db, organisationId, ids),
      repo.perspectivesFor(db, organisationId, ids),
    ]);
    return rows.map((row) => toPerson(row, perspectives.get(row.id) ?? []));
  }

  /** Writes a person's details as they now are, and in the history which fields changed. */
  async function updateFrom(actor: Actor, before: Person, input: NewPerson, onBehalfOf: string | null = null): Promise<void> {
    const { id, name: _name, ...old } = before;
    await db.transaction().execute(async (trx) => {
      await repo.updatePerson(trx, actor.organisationId, id, { ...toColumns(input), updated_at: now().toISOString() });
      await repo.setPerspectives(trx, actor.organisationId, id, input.perspectives);
      // Changed contact choices start the yearly review again, as changed access needs do.
      if (contactChoicesChanged(old, input)) await reviewContactChange(trx, actor.organisationId, id, actor.personId, now());
      const changes = diffFields(old as Record<string, unknown>, { ...input } as Record<string, unknown>);
      if (changes.length === 0) return;
      await writeAudit(trx, {
        organisationId: actor.organisationId,
        actorPersonId: actor.personId,
        onBehalfOfPersonId: onBehalfOf,
        subjectType: 'person',
        subjectId: id,
        action: 'changed',
        changes,
        at: now(),
      });
    });
  }

  return {
    createInTransaction,
    get,
    getMany,

    /** A person's record as the signed-in person may see it: staff see anyone, members only themselves. */
    async getForUser(user: RoleActor, id: string): Promise<Person> {
      if (!mayOpenPersonalRecord(user, id)) throw new Forbidden();
      return get(user.organisationId, id);
    },

    async create(actor: Actor, input: NewPerson): Promise<string> {
      return db.transaction().execute((trx) => createInTransaction(trx, actor, input));
    },

    /** Adds everyone or no one: one bad row leaves the database as it was. */
    async createMany(actor: Actor, inputs: readonly NewPerson[]): Promise<string[]> {
      return db.transaction().execute(async (trx) => {
        const ids: string[] = [];
        for (const input of inputs) ids.push(await createInTransaction(trx, actor, input));
        return ids;
      });
    },

    /**
     * Changes a person's details. onBehalfOf is set when staff make the change at the
     * person's request; the audit log then says so.
     */
    async update(actor: Actor, id: string, input: NewPerson, onBehalfOf: string | null = null): Promise<void> {
      await updateFrom(actor, await get(actor.organisationId, id), input, onBehalfOf);
    },

    /**
     * A person changes one part of their own record. The perspectives they may tick depend
     * on their role; any others stay as staff set them (own-perspectives.ts).
     */
    async updateOwn(user: RoleActor, change: Partial<NewPerson>): Promise<void> {
      const before = await get(user.organisationId, user.personId);
      const { id: _id, name: _name, ...current } = before;
      const perspectives = change.perspectives ? ownPerspectives(user.role, before.perspectives, change.perspectives) : before.perspectives;
      await updateFrom(user, before, { ...current, ...change, perspectives });
    },

    async list(
      organisationId: string,
      filter: repo.PeopleFilter = {},
    ): Promise<Array<PersonSummary & { email: string | null; contactOrder: ContactChannel[] }>> {
      const rows = await repo.listPeople(db, organisationId, filter);
      const perspectives = await repo.perspectivesFor(
        db,
        organisationId,
        rows.map((r) => r.id),
      );
      return rows.map((r) => ({
        id: r.id,
        fullName: r.full_name,
        name: r.preferred_name || r.full_name,
        perspectives: perspectives.get(r.id) ?? [],
        email: r.email,
        contactOrder: pick(contactChannels, readJson(storedStrings, r.contact_order, 'people.contact_order')),
      }));
    },

    async count(organisationId: string, filter: repo.PeopleFilter = {}): Promise<number> {
      // Everyone, under every list of the whole organisation: kept until people change (decision 0014).
      const everyone = !filter.name && !filter.perspective && !filter.projectId && !filter.notInProjectId;
      return everyone
        ? keep(organisationId, 'people|count', () => repo.countPeople(db, organisationId))
        : repo.countPeople(db, organisationId, filter);
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
      const perspectives = await repo.perspectivesFor(
        db,
        organisationId,
        rows.map((r) => r.id),
      );
      return rows.map((r) => ({
        id: r.id,
        fullName: r.full_name,
        name: r.preferred_name || r.full_name,
        perspectives: perspectives.get(r.id) ?? [],
      }));
    },

    /** Everyone in the organisation, for pickers (adding project members). */
    async directory(organisationId: string, filter: repo.PeopleFilter = {}): Promise<PersonSummary[]> {
      const rows = await repo.listPeople(db, organisationId, { limit: 2000, ...filter });
      const perspectives = await repo.perspectivesFor(
        db,
        organisationId,
        rows.map((r) => r.id),
      );
      return rows.map((r) => ({
        id: r.id,
        fullName: r.full_name,
        name: r.preferred_name || r.full_name,
        perspectives: perspectives.get(r.id) ?? [],
      }));
    },

    /** The calendar feed's version for a person found by id alone (the feed's signed link proves who). */
    async calendarFeedOf(personId: string): Promise<{ organisationId: string; version: number | null } | null> {
      const row = await db
        .selectFrom('people')
        .select(['organisation_id', 'calendar_feed_version'])
        .where('id', '=', personId)
        .executeTakeFirst();
      return row ? { organisationId: row.organisation_id, version: row.calendar_feed_version } : null;
    },

    /** Turns on a person's calendar feed, or gives it a new address that retires the old one. */
    async renewCalendarFeed(organisationId: string, personId: string): Promise<number> {
      const person = await repo.findPerson(db, organisationId, personId);
      if (!person) throw new NotFound();
      const version = (person.calendar_feed_version ?? 0) + 1;
      await repo.updatePerson(db, organisationId, personId, { calendar_feed_version: version });
      return version;
    },

    /**
     * The audit trail for one person (their record, access needs and sign-in): the lines
     * nearest the window's key, as a part of their paged history (platform/history-window.ts).
     */
    async history(organisationId: string, personId: string, window: HistoryWindow = { limit: historyPageSize }): Promise<HistoryEntry[]> {
      await get(organisationId, personId);
      // Their record and their account are the subjects. Named as a list, not "or in (subquery)":
      // with the subquery PostgreSQL read a county's whole log (a million rows, 140 ms).
      const accounts = await db
        .selectFrom('accounts')
        .select('id')
        .where('person_id', '=', personId)
        .where('organisation_id', '=', organisationId)
        .execute();
      const subjects = [personId, ...accounts.map((a) => a.id)];
      const bound = boundFor('audit', window);
      const rows = await db
        .selectFrom('audit_log as a')
        .leftJoin('people as actor', (j) =>
          j.onRef('actor.id', '=', 'a.actor_person_id').onRef('actor.organisation_id', '=', 'a.organisation_id'),
        )
        .leftJoin('people as behalf', (j) =>
          j.onRef('behalf.id', '=', 'a.on_behalf_of_person_id').onRef('behalf.organisation_id', '=', 'a.organisation_id'),
        )
        .select([
          'a.id',
          'a.at',
          'a.action',
          'a.subject_type',
          'a.changes',
          'actor.full_name as actorName',
          'behalf.full_name as behalfName',
        ])
        .where('a.organisation_id', '=', organisationId)
        .where('a.subject_id', 'in', subjects)
        .$call((q) => {
          const { at, id } = bound;
          if (!at) return q;
          return q.where((eb) =>
            id
              ? eb.or([eb('a.at', at.op, at.value), eb.and([eb('a.at', '=', at.value), eb('a.id', id.op, id.value)])])
              : eb('a.at', at.op, at.value),
          );
        })
        .orderBy('a.at', bound.order.at)
        .orderBy('a.id', bound.order.id)
        .limit(bound.limit)
        .execute();
      return rows.map((r) => ({
        key: { at: r.at, source: 'audit' as const, id: r.id },
        at: r.at,
        action: r.action,
        subjectType: r.subject_type,
        fields: readJson(storedChanges, r.changes, 'audit_log.changes').map((c) => c.field),
        actorName: r.actorName,
        behalfName: r.behalfName,
      }));
    },
  };
}

export type PeopleService = ReturnType<typeof makePeopleService>;
