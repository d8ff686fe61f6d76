import type { Db } from '../../db/connection.ts';
import type { CommunityGroupKind } from '../../db/schema/community-groups.ts';
import { writeAudit, writeAudits } from '../../platform/audit.ts';
import { isStaff, type Actor, type RoleActor } from '../../platform/auth.ts';
import { Forbidden, NotFound } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import type { Page } from '../../platform/pagination.ts';
import type { Clock } from '../../platform/time.ts';
import { directoryCsv, readDirectoryCsv, type DirectoryCsvRow, type Headings } from './directory-csv.ts';
import { nameKey, type ContactInput, type GroupInput } from './group-form.ts';
import * as repo from './repository.ts';

type GroupRow = NonNullable<Awaited<ReturnType<typeof repo.group>>>;

const toInput = (r: GroupRow, reach: string[]): GroupInput => ({
  name: r.name,
  kind: r.kind,
  whatTheyDo: r.what_they_do,
  reach,
  contactName: r.contact_name,
  email: r.email,
  phone: r.phone,
  address: r.address,
  website: r.website,
  bestWay: r.best_way,
  contactNotes: r.contact_notes,
  timebankPartner: Number(r.timebank_partner) === 1,
});

const columnsOf = (input: GroupInput) => ({
  name: input.name,
  name_key: nameKey(input.name),
  kind: input.kind,
  what_they_do: input.whatTheyDo,
  contact_name: input.contactName,
  email: input.email,
  phone: input.phone,
  address: input.address,
  website: input.website,
  best_way: input.bestWay,
  contact_notes: input.contactNotes,
  timebank_partner: input.timebankPartner ? 1 : 0,
});

export type SaveResult = { ok: true; id: string } | { ok: false; errors: Record<string, string> };

/**
 * The directory of community groups, networks, places and partner organisations (S5): who
 * they are, who they reach, how to reach them and who the link is. Staff only. The time
 * bank's partners are entries here with the time bank mark.
 */
export function makeCommunityGroupService({ db, now }: { db: Db; now: Clock }) {
  const staffOnly = (actor: RoleActor) => {
    if (!isStaff(actor)) throw new Forbidden();
  };
  const audit = (actor: Actor, subjectId: string, action: string, at: Date) =>
    writeAudit(db, {
      organisationId: actor.organisationId,
      actorPersonId: actor.personId,
      subjectType: 'community-group',
      subjectId,
      action,
      at,
    });

  async function get(actor: RoleActor, id: string) {
    staffOnly(actor);
    const row = await repo.group(db, actor.organisationId, id);
    if (!row) throw new NotFound();
    const [reach, contacts] = await Promise.all([
      repo.reachOf(db, actor.organisationId, [id]),
      repo.contacts(db, actor.organisationId, id),
    ]);
    return {
      id: row.id,
      ...toInput(row, reach.get(id) ?? []),
      contacts: contacts.map((c) => ({ id: c.id, name: c.name, role: c.role, email: c.email, phone: c.phone })),
    };
  }

  return {
    get,

    async page(actor: RoleActor, filter: repo.GroupFilter, page: Page) {
      staffOnly(actor);
      const [rows, total] = await Promise.all([
        repo.groupsPage(db, actor.organisationId, filter, page),
        repo.countGroups(db, actor.organisationId, filter),
      ]);
      const reach = await repo.reachOf(
        db,
        actor.organisationId,
        rows.map((r) => r.id),
      );
      return {
        total,
        groups: rows.map((r) => ({
          id: r.id,
          name: r.name,
          kind: r.kind as CommunityGroupKind,
          whatTheyDo: r.what_they_do,
          bestWay: r.best_way,
          timebankPartner: Number(r.timebank_partner) === 1,
          reach: reach.get(r.id) ?? [],
        })),
      };
    },

    /** A name already in the directory is refused: one entry per group. */
    async create(actor: RoleActor, input: GroupInput): Promise<SaveResult> {
      staffOnly(actor);
      if (await repo.groupByNameKey(db, actor.organisationId, nameKey(input.name)))
        return { ok: false, errors: { name: 'community-groups:errors.nameTaken' } };
      const id = newId();
      const at = now();
      await db.transaction().execute(async (trx) => {
        await repo.insertGroup(
          trx,
          {
            id,
            organisation_id: actor.organisationId,
            ...columnsOf(input),
            created_at: at.toISOString(),
            created_by: actor.personId,
            updated_at: at.toISOString(),
            updated_by: actor.personId,
          },
          input.reach,
        );
      });
      await audit(actor, id, 'community-group-added', at);
      return { ok: true, id };
    },

    async update(actor: RoleActor, id: string, input: GroupInput): Promise<SaveResult> {
      staffOnly(actor);
      const other = await repo.groupByNameKey(db, actor.organisationId, nameKey(input.name));
      if (other && other.id !== id) return { ok: false, errors: { name: 'community-groups:errors.nameTaken' } };
      const at = now();
      await db.transaction().execute(async (trx) => {
        const changed = await repo.updateGroup(trx, actor.organisationId, id, {
          ...columnsOf(input),
          updated_at: at.toISOString(),
          updated_by: actor.personId,
        });
        if (!changed) throw new NotFound();
        await repo.replaceReach(trx, actor.organisationId, id, input.reach);
      });
      await audit(actor, id, 'community-group-changed', at);
      return { ok: true, id };
    },

    async addContact(actor: RoleActor, groupId: string, input: ContactInput) {
      staffOnly(actor);
      if (!(await repo.group(db, actor.organisationId, groupId))) throw new NotFound();
      const at = now();
      await repo.insertContact(db, {
        id: newId(),
        organisation_id: actor.organisationId,
        community_group_id: groupId,
        name: input.contactName,
        role: input.role,
        email: input.email,
        phone: input.phone,
        created_at: at.toISOString(),
      });
      await audit(actor, groupId, 'community-group-contact-added', at);
    },

    async removeContact(actor: RoleActor, groupId: string, contactId: string) {
      staffOnly(actor);
      if (!(await repo.deleteContact(db, actor.organisationId, groupId, contactId))) throw new NotFound();
      await audit(actor, groupId, 'community-group-contact-removed', now());
    },

    /** Checks a CSV file's rows against the form and the names already in the directory; saves nothing. */
    async readImport(actor: RoleActor, text: string, headings: Headings) {
      staffOnly(actor);
      return readDirectoryCsv(text, headings, await repo.nameKeys(db, actor.organisationId));
    },

    /**
     * Adds the rows of a checked file that have no problems, all in one transaction: either
     * every good row is added or none is. The file is read again here, so rows changed since
     * the preview are checked again.
     */
    async importGood(actor: RoleActor, text: string, headings: Headings) {
      staffOnly(actor);
      const read = readDirectoryCsv(text, headings, await repo.nameKeys(db, actor.organisationId));
      if (read.fileError) return { added: 0, left: 0, fileError: read.fileError };
      const good = read.rows.filter((r) => r.data !== null);
      const at = now();
      const rows = good.map((r) => ({
        row: {
          id: newId(),
          organisation_id: actor.organisationId,
          ...columnsOf(r.data!),
          created_at: at.toISOString(),
          created_by: actor.personId,
          updated_at: at.toISOString(),
          updated_by: actor.personId,
        },
        reach: r.data!.reach,
      }));
      await db.transaction().execute(async (trx) => {
        await repo.insertGroups(trx, rows);
        await writeAudits(
          trx,
          rows.map(({ row }) => ({
            organisationId: actor.organisationId,
            actorPersonId: actor.personId,
            subjectType: 'community-group' as const,
            subjectId: row.id,
            action: 'community-group-imported',
            at,
          })),
        );
      });
      return { added: good.length, left: read.rows.length - good.length, fileError: null };
    },

    /** The whole directory as a CSV file, read a batch at a time. */
    async exportCsv(actor: RoleActor, headings: Headings): Promise<string> {
      staffOnly(actor);
      const rows: DirectoryCsvRow[] = [];
      for (let after = ''; ;) {
        const batch = await repo.exportBatch(db, actor.organisationId, after, 500);
        if (batch.length === 0) break;
        const reach = await repo.reachOf(
          db,
          actor.organisationId,
          batch.map((r) => r.id),
        );
        for (const r of batch) rows.push(toInput(r, reach.get(r.id) ?? []));
        after = batch[batch.length - 1]!.name_key;
      }
      return directoryCsv(headings, rows);
    },

    /** Names for a form's choice of group; groups that reach `reach` first, marked. */
    async choices(actor: RoleActor, reach: string | null) {
      staffOnly(actor);
      return repo.groupChoices(db, actor.organisationId, reach, 1000);
    },

    async nameOf(organisationId: string, id: string): Promise<string | null> {
      return (await repo.group(db, organisationId, id))?.name ?? null;
    },

    // The time bank's partners are the directory's entries with the time bank mark. -------

    async timebankPartners(organisationId: string): Promise<Array<{ id: string; name: string }>> {
      return repo.timebankPartners(db, organisationId);
    },

    /**
     * The directory entry for a partner the time bank names: the entry of that name (marked
     * as a time bank partner if it was not), or a new partner entry.
     */
    async timebankPartner(actor: Actor, ref: { id: string } | { name: string }): Promise<{ id: string; name: string } | null> {
      const at = now();
      if ('id' in ref) {
        const row = await repo.group(db, actor.organisationId, ref.id);
        if (!row) return null;
        if (Number(row.timebank_partner) !== 1)
          await repo.updateGroup(db, actor.organisationId, row.id, {
            timebank_partner: 1,
            updated_at: at.toISOString(),
            updated_by: actor.personId,
          });
        return { id: row.id, name: row.name };
      }
      const name = ref.name.trim().replace(/\s+/g, ' ');
      const found = await repo.groupByNameKey(db, actor.organisationId, nameKey(name));
      if (found) return this.timebankPartner(actor, { id: found.id });
      const id = newId();
      await repo.insertGroup(
        db,
        {
          id,
          organisation_id: actor.organisationId,
          name,
          name_key: nameKey(name),
          kind: 'partner',
          what_they_do: null,
          contact_name: null,
          email: null,
          phone: null,
          address: null,
          website: null,
          best_way: null,
          contact_notes: null,
          timebank_partner: 1,
          created_at: at.toISOString(),
          created_by: actor.personId,
          updated_at: at.toISOString(),
          updated_by: actor.personId,
        },
        [],
      );
      await audit(actor, id, 'community-group-added', at);
      return { id, name };
    },
  };
}

export type CommunityGroupService = ReturnType<typeof makeCommunityGroupService>;
