import type { Role } from '../../src/platform/auth.ts';
import type { NewPerson } from '../../src/modules/people/service.ts';
import type { TestApp } from './test-app.ts';
import { Client } from './browser-like-client.ts';

export const testPassword = 'correct horse battery staple';

/** An organisation with its first admin, set up through the real first-run service. */
export async function organisationWithAdmin(t: TestApp, name = 'Northshire County Council', email = 'admin@northshire.test') {
  await t.services.organisations.setUp({
    organisationName: name,
    area: 'Northshire',
    adminName: 'Ada Admin',
    email,
    password: testPassword,
  });
  const account = await t.database.db
    .selectFrom('accounts')
    .select(['id', 'organisation_id', 'person_id'])
    .where('email', '=', email)
    .executeTakeFirstOrThrow();
  return { organisationId: account.organisation_id, adminPersonId: account.person_id, adminAccountId: account.id, email };
}

/**
 * A second organisation beside the first. First-run set-up only happens once, so this
 * goes through the same services with the data a second organisation would have.
 */
export async function anotherOrganisation(t: TestApp, name = 'Riverside Carers Trust', email = 'admin@riverside.test') {
  const { newId } = await import('../../src/platform/ids.ts');
  const organisationId = newId();
  await t.database.db
    .insertInto('organisations')
    .values({ id: organisationId, name, area: 'Riverside', created_at: t.now().toISOString() })
    .execute();
  const personId = await t.services.people.create(
    { organisationId, personId: null },
    { fullName: 'Rita Riverside', perspectives: ['manager'], email },
  );
  const accountId = await t.database.db
    .transaction()
    .execute((trx) => t.services.identity.createAccount(trx, { organisationId, personId, email, role: 'admin', password: testPassword }));
  return { organisationId, adminPersonId: personId, adminAccountId: accountId, email };
}

/** A person in an organisation, and optionally an account with a role. */
export async function personWithAccount(
  t: TestApp,
  organisationId: string,
  person: Partial<NewPerson> & { fullName: string },
  account?: { email: string; role: Role },
) {
  const personId = await t.services.people.create(
    { organisationId, personId: null },
    { perspectives: [], ...person, email: person.email ?? account?.email ?? null },
  );
  let accountId: string | undefined;
  if (account) {
    accountId = await t.database.db.transaction().execute((trx) =>
      t.services.identity.createAccount(trx, {
        organisationId,
        personId,
        email: account.email,
        role: account.role,
        password: testPassword,
      }),
    );
  }
  return { personId, accountId };
}

export async function signedInClient(t: TestApp, email: string, password = testPassword): Promise<Client> {
  const client = new Client(t.app);
  await client.get('/sign-in');
  const res = await client.post('/sign-in', { email, password });
  if (res.statusCode !== 303) throw new Error(`sign-in failed for ${email}: ${res.statusCode}`);
  return client;
}
