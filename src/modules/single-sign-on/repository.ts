import type { Executor } from '../../db/connection.ts';

export async function findSettings(db: Executor, organisationId: string) {
  return db.selectFrom('sign_in_settings').selectAll().where('organisation_id', '=', organisationId).executeTakeFirst();
}

/** The organisation whose staff sign in through its provider with addresses at this domain. */
export async function findByEmailDomain(db: Executor, domain: string) {
  return db
    .selectFrom('sign_in_settings')
    .selectAll()
    .where('sso_email_domain', '=', domain)
    .where('sso_enabled', '=', 1)
    .executeTakeFirst();
}

export async function anyEnabled(db: Executor): Promise<boolean> {
  const row = await db.selectFrom('sign_in_settings').select('organisation_id').where('sso_enabled', '=', 1).limit(1).executeTakeFirst();
  return Boolean(row);
}

export async function domainTakenElsewhere(db: Executor, organisationId: string, domain: string): Promise<boolean> {
  const row = await db
    .selectFrom('sign_in_settings')
    .select('organisation_id')
    .where('sso_email_domain', '=', domain)
    .where('organisation_id', '!=', organisationId)
    .executeTakeFirst();
  return Boolean(row);
}

export type ProviderSettings = {
  enabled: boolean;
  issuer: string | null;
  clientId: string | null;
  /** Undefined: keep the stored one. */
  sealedClientSecret?: string;
  emailDomain: string | null;
  ssoOnly: boolean;
  acceptProviderTwoStep: boolean;
};

export async function saveProviderSettings(db: Executor, organisationId: string, s: ProviderSettings, at: string) {
  const values = {
    sso_enabled: s.enabled ? 1 : 0,
    sso_issuer: s.issuer,
    sso_client_id: s.clientId,
    ...(s.sealedClientSecret === undefined ? {} : { sso_sealed_client_secret: s.sealedClientSecret }),
    sso_email_domain: s.emailDomain,
    sso_only: s.ssoOnly ? 1 : 0,
    accept_provider_two_step: s.acceptProviderTwoStep ? 1 : 0,
    updated_at: at,
  };
  await db
    .insertInto('sign_in_settings')
    .values({ organisation_id: organisationId, ...values })
    .onConflict((oc) => oc.column('organisation_id').doUpdateSet(values))
    .execute();
}
