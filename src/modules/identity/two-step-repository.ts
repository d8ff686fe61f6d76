import type { Executor } from '../../db/connection.ts';

/** The account's authenticator app, confirmed or still being set up. */
export async function findAuthenticator(db: Executor, accountId: string) {
  return db
    .selectFrom('two_step_authenticators')
    .select(['sealed_secret', 'confirmed_at', 'last_time_step'])
    .where('account_id', '=', accountId)
    .executeTakeFirst();
}

/** Starts (or starts again) setting up an app: an unconfirmed key replaces any earlier one. */
export async function putPendingAuthenticator(
  db: Executor,
  row: { accountId: string; organisationId: string; sealedSecret: string; at: string },
) {
  await db
    .insertInto('two_step_authenticators')
    .values({ account_id: row.accountId, organisation_id: row.organisationId, sealed_secret: row.sealedSecret, created_at: row.at })
    .onConflict((oc) =>
      oc
        .column('account_id')
        .doUpdateSet({ sealed_secret: row.sealedSecret, confirmed_at: null, last_time_step: null, created_at: row.at }),
    )
    .execute();
}

export async function confirmAuthenticator(db: Executor, accountId: string, at: string, timeStep: number) {
  await db
    .updateTable('two_step_authenticators')
    .set({ confirmed_at: at, last_time_step: timeStep })
    .where('account_id', '=', accountId)
    .where('confirmed_at', 'is', null)
    .execute();
}

/**
 * Takes a 30-second step as used. False when it (or a later one) was used already: the same
 * code sent twice, even at the same moment, wins once.
 */
export async function claimTimeStep(db: Executor, accountId: string, timeStep: number): Promise<boolean> {
  const result = await db
    .updateTable('two_step_authenticators')
    .set({ last_time_step: timeStep })
    .where('account_id', '=', accountId)
    .where('confirmed_at', 'is not', null)
    .where((eb) => eb.or([eb('last_time_step', 'is', null), eb('last_time_step', '<', timeStep)]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function deleteTwoStep(db: Executor, accountId: string) {
  await db.deleteFrom('two_step_recovery_codes').where('account_id', '=', accountId).execute();
  await db.deleteFrom('two_step_authenticators').where('account_id', '=', accountId).execute();
}

export async function replaceRecoveryCodes(
  db: Executor,
  codes: Array<{ id: string; accountId: string; organisationId: string; codeHash: string; at: string }>,
) {
  const accountId = codes[0]?.accountId;
  if (!accountId) return;
  await db.deleteFrom('two_step_recovery_codes').where('account_id', '=', accountId).execute();
  await db
    .insertInto('two_step_recovery_codes')
    .values(
      codes.map((c) => ({ id: c.id, account_id: c.accountId, organisation_id: c.organisationId, code_hash: c.codeHash, created_at: c.at })),
    )
    .execute();
}

/** Uses a recovery code once: true only for the one request that marks it used. */
export async function useRecoveryCode(db: Executor, accountId: string, codeHash: string, at: string): Promise<boolean> {
  const result = await db
    .updateTable('two_step_recovery_codes')
    .set({ used_at: at })
    .where('account_id', '=', accountId)
    .where('code_hash', '=', codeHash)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function countRecoveryCodesLeft(db: Executor, accountId: string): Promise<number> {
  const row = await db
    .selectFrom('two_step_recovery_codes')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('account_id', '=', accountId)
    .where('used_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** What decides how an account signs in: its role, whether its app is set up, and its organisation's rules. */
export async function findSignInRule(db: Executor, accountId: string) {
  return db
    .selectFrom('accounts')
    .leftJoin('two_step_authenticators as app', (j) => j.onRef('app.account_id', '=', 'accounts.id').on('app.confirmed_at', 'is not', null))
    .leftJoin('sign_in_settings as rules', 'rules.organisation_id', 'accounts.organisation_id')
    .select([
      'accounts.organisation_id as organisationId',
      'accounts.role as role',
      'app.account_id as appAccountId',
      'rules.two_step_required as twoStepRequired',
      'rules.sso_enabled as ssoEnabled',
      'rules.sso_only as ssoOnly',
      'rules.accept_provider_two_step as acceptProviderTwoStep',
    ])
    .where('accounts.id', '=', accountId)
    .where('accounts.active', '=', 1)
    .executeTakeFirst();
}

export async function findSignInSettings(db: Executor, organisationId: string) {
  return db.selectFrom('sign_in_settings').selectAll().where('organisation_id', '=', organisationId).executeTakeFirst();
}

export async function setTwoStepRequired(db: Executor, organisationId: string, required: boolean, at: string) {
  await db
    .insertInto('sign_in_settings')
    .values({ organisation_id: organisationId, two_step_required: required ? 1 : 0, updated_at: at })
    .onConflict((oc) => oc.column('organisation_id').doUpdateSet({ two_step_required: required ? 1 : 0, updated_at: at }))
    .execute();
}

/** The organisation's active staff account with this email, if any: single sign-on is for staff. */
export async function findStaffAccountByEmail(db: Executor, organisationId: string, email: string) {
  return db
    .selectFrom('accounts')
    .select(['id', 'role'])
    .where('organisation_id', '=', organisationId)
    .where('email', '=', email)
    .where('active', '=', 1)
    .where('role', 'in', ['admin', 'facilitator'])
    .executeTakeFirst();
}
