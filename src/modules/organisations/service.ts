import type { Db } from '../../db/connection.ts';
import { Conflict } from '../../platform/errors.ts';
import { writeAudit } from '../../platform/audit.ts';
import { newId } from '../../platform/ids.ts';
import type { Clock } from '../../platform/time.ts';
import type { Actor } from '../../platform/auth.ts';
import type { IdentityService } from '../identity/service.ts';
import type { PeopleService } from '../people/service.ts';
import * as repo from './repository.ts';

export type ReplyContact = { phone: string | null; address: string | null };
export type FirstRun = { organisationName: string; area: string; adminName: string; email: string; password: string };

export function makeOrganisationService({
  db,
  now,
  people,
  identity,
}: {
  db: Db;
  now: Clock;
  people: PeopleService;
  identity: IdentityService;
}) {
  // Once true it stays true, so the set-up check costs nothing after the first organisation.
  let setUpKnown = false;

  async function createOrganisation(trx: Parameters<typeof repo.countOrganisations>[0], input: FirstRun): Promise<string> {
    const organisationId = newId();
    await repo.insertOrganisation(trx, {
      id: organisationId,
      name: input.organisationName,
      area: input.area,
      created_at: now().toISOString(),
    });
    const personId = await people.createInTransaction(
      trx,
      { organisationId, personId: null },
      {
        fullName: input.adminName,
        email: input.email,
        perspectives: ['manager'],
        contactOrder: ['email'],
      },
    );
    const accountId = await identity.createAccount(trx, {
      organisationId,
      personId,
      email: input.email,
      role: 'admin',
      password: input.password,
    });
    await writeAudit(trx, {
      organisationId,
      actorPersonId: personId,
      subjectType: 'organisation',
      subjectId: organisationId,
      action: 'set-up',
      at: now(),
    });
    return accountId;
  }
  return {
    async isSetUp(): Promise<boolean> {
      if (setUpKnown) return true;
      setUpKnown = (await repo.countOrganisations(db)) > 0;
      return setUpKnown;
    },

    /** First start only: the organisation, its first admin as a person, and their account. */
    async setUp(input: FirstRun): Promise<string> {
      const accountId = await db.transaction().execute(async (trx) => {
        if ((await repo.countOrganisations(trx)) > 0) throw new Conflict('errors:setupDone');
        return createOrganisation(trx, input);
      });
      setUpKnown = true;
      return accountId;
    },

    /**
     * Another organisation on the same installation (the demo has two). Each sees only
     * its own people and projects; there is no page for this yet.
     */
    async addAnother(input: FirstRun): Promise<string> {
      const accountId = await db.transaction().execute((trx) => createOrganisation(trx, input));
      setUpKnown = true;
      return accountId;
    },

    /** The organisations on this instance, for someone not signed in to choose theirs. */
    async names(): Promise<Array<{ id: string; name: string }>> {
      return repo.organisationNames(db);
    },

    async get(organisationId: string) {
      const row = await repo.findOrganisation(db, organisationId);
      return row ? { id: row.id, name: row.name, area: row.area } : null;
    },

    /** The phone number and postal address letters give for replies without the internet. */
    async replyContact(organisationId: string): Promise<ReplyContact> {
      const row = await repo.findOrganisation(db, organisationId);
      return { phone: row?.reply_phone ?? null, address: row?.reply_address ?? null };
    },

    async setReplyContact(actor: Actor, contact: ReplyContact): Promise<void> {
      await db.transaction().execute(async (trx) => {
        await repo.setReplyContact(trx, actor.organisationId, { reply_phone: contact.phone, reply_address: contact.address });
        await writeAudit(trx, {
          organisationId: actor.organisationId,
          actorPersonId: actor.personId,
          subjectType: 'organisation',
          subjectId: actor.organisationId,
          action: 'reply-contact-changed',
          changes: [
            { field: 'replyPhone', to: contact.phone },
            { field: 'replyAddress', to: contact.address },
          ],
          at: now(),
        });
      });
    },
  };
}
