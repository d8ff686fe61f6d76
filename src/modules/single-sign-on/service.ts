import * as oidc from 'openid-client';
import type { Db } from '../../db/connection.ts';
import type { CurrentUser } from '../../platform/auth.ts';
import { writeAudit } from '../../platform/audit.ts';
import { makeSealer } from '../../platform/sealed-secrets.ts';
import type { Clock } from '../../platform/time.ts';
import * as repo from './repository.ts';

/**
 * Staff sign in with their organisation's identity provider (Microsoft Entra ID, Google
 * Workspace, any OpenID Connect provider) by the authorization code flow with PKCE, state
 * and nonce (openid-client does the checks). The provider's answer opens the staff account
 * of that organisation whose email matches the ID token's verified email; nothing else.
 * Whether a person may still sign in is the provider's to say: removed there, refused here.
 */

/** amr values (RFC 8176) that mean the provider asked for more than a password. */
export const twoStepAmr = new Set(['mfa', 'otp', 'hwk', 'swk', 'sms', 'tel', 'fpt', 'face', 'iris', 'retina', 'vbm', 'sc', 'pin']);
export const providerUsedTwoSteps = (amr: unknown) => Array.isArray(amr) && amr.some((v) => typeof v === 'string' && twoStepAmr.has(v));

/**
 * Whether the provider vouches for the email address: OpenID Connect's email_verified, or
 * Microsoft Entra ID's xms_edov ("email domain owner verified"), which Entra sends instead
 * when the optional claim is added; Entra never sends email_verified.
 */
export const emailVerified = (claims: Record<string, unknown>) =>
  claims.email_verified === true ||
  claims.email_verified === 'true' ||
  claims.xms_edov === true ||
  claims.xms_edov === 'true' ||
  claims.xms_edov === 1;

/** What the session keeps between sending a person to the provider and their coming back. */
export type PendingSso = { organisationId: string; state: string; nonce: string; verifier: string; authorizationUrl: string };

export type SsoResult =
  | { ok: true; organisationId: string; accountId: string; email: string; providerTwoStep: boolean }
  | { ok: false; reason: 'provider-refused' | 'email-not-verified' | 'no-account' | 'not-set-up' | 'failed' };

type Ctx = {
  db: Db;
  now: Clock;
  secret: string;
  publicUrl: string;
  allowHttpIssuers: boolean;
  staffAccountForEmail: (organisationId: string, email: string) => Promise<string | null>;
};

export const callbackPath = '/sign-in/sso/callback';

export function makeSingleSignOnService({ db, now, secret, publicUrl, allowHttpIssuers, staffAccountForEmail }: Ctx) {
  const sealer = makeSealer(secret, 'sso-client-secret');
  // Discovery once per organisation and settings version, not on every sign-in.
  const discovered = new Map<string, { version: string; config: Promise<oidc.Configuration> }>();

  function providerConfig(row: NonNullable<Awaited<ReturnType<typeof repo.findSettings>>>) {
    const cached = discovered.get(row.organisation_id);
    if (cached && cached.version === row.updated_at) return cached.config;
    const clientSecret = row.sso_sealed_client_secret ? sealer.open(row.sso_sealed_client_secret) : null;
    if (!row.sso_issuer || !row.sso_client_id || !clientSecret) return Promise.reject(new Error('single sign-on is not set up'));
    const config = oidc.discovery(new URL(row.sso_issuer), row.sso_client_id, clientSecret, undefined, {
      timeout: 10,
      ...(allowHttpIssuers && row.sso_issuer.startsWith('http:') ? { execute: [oidc.allowInsecureRequests] } : {}),
    });
    // A failed discovery is tried again next time, not kept.
    config.catch(() => discovered.delete(row.organisation_id));
    discovered.set(row.organisation_id, { version: row.updated_at, config });
    return config;
  }

  return {
    redirectUri: `${publicUrl}${callbackPath}`,

    async anyEnabled() {
      return repo.anyEnabled(db);
    },

    /** The organisation's settings as its admin sees them: the client secret only as "set". */
    async settings(organisationId: string) {
      const row = await repo.findSettings(db, organisationId);
      return {
        enabled: row?.sso_enabled === 1,
        issuer: row?.sso_issuer ?? '',
        clientId: row?.sso_client_id ?? '',
        hasClientSecret: Boolean(row?.sso_sealed_client_secret),
        emailDomain: row?.sso_email_domain ?? '',
        ssoOnly: row?.sso_only === 1,
        acceptProviderTwoStep: row?.accept_provider_two_step === 1,
      };
    },

    /** Whether the issuer answers as an OpenID Connect provider (its discovery document), before it is saved. */
    async issuerAnswers(issuer: string, clientId: string): Promise<boolean> {
      try {
        await oidc.discovery(new URL(issuer), clientId, undefined, undefined, {
          timeout: 10,
          ...(allowHttpIssuers && issuer.startsWith('http:') ? { execute: [oidc.allowInsecureRequests] } : {}),
        });
        return true;
      } catch {
        return false;
      }
    },

    async domainTakenElsewhere(organisationId: string, domain: string) {
      return repo.domainTakenElsewhere(db, organisationId, domain.toLowerCase());
    },

    /** Saves the provider; a blank client secret keeps the one stored. */
    async saveSettings(
      actor: CurrentUser,
      s: {
        enabled: boolean;
        issuer: string | null;
        clientId: string | null;
        clientSecret: string | null;
        emailDomain: string | null;
        ssoOnly: boolean;
        acceptProviderTwoStep: boolean;
      },
    ) {
      await db.transaction().execute(async (trx) => {
        const before = await repo.findSettings(trx, actor.organisationId);
        await repo.saveProviderSettings(
          trx,
          actor.organisationId,
          {
            enabled: s.enabled,
            issuer: s.issuer,
            clientId: s.clientId,
            ...(s.clientSecret ? { sealedClientSecret: sealer.seal(s.clientSecret) } : {}),
            emailDomain: s.emailDomain?.toLowerCase() ?? null,
            ssoOnly: s.ssoOnly,
            acceptProviderTwoStep: s.acceptProviderTwoStep,
          },
          now().toISOString(),
        );
        await writeAudit(trx, {
          organisationId: actor.organisationId,
          actorPersonId: actor.personId,
          subjectType: 'organisation',
          subjectId: actor.organisationId,
          action: 'sign-in-rules-changed',
          // What changed, never the secret itself.
          changes: [
            ...((before?.sso_enabled === 1) !== s.enabled ? [{ field: 'ssoEnabled', to: s.enabled }] : []),
            ...((before?.sso_issuer ?? null) !== s.issuer ? [{ field: 'ssoIssuer', to: s.issuer }] : []),
            ...((before?.sso_client_id ?? null) !== s.clientId ? [{ field: 'ssoClientId', to: s.clientId }] : []),
            ...(s.clientSecret ? [{ field: 'ssoClientSecret' }] : []),
            ...((before?.sso_email_domain ?? null) !== (s.emailDomain?.toLowerCase() ?? null)
              ? [{ field: 'ssoEmailDomain', to: s.emailDomain }]
              : []),
            ...((before?.sso_only === 1) !== s.ssoOnly ? [{ field: 'ssoOnly', to: s.ssoOnly }] : []),
            ...((before?.accept_provider_two_step === 1) !== s.acceptProviderTwoStep
              ? [{ field: 'acceptProviderTwoStep', to: s.acceptProviderTwoStep }]
              : []),
          ],
          at: now(),
        });
      });
    },

    /**
     * Where to send someone who typed this work email: the provider of the organisation that
     * signs in its staff with that domain, or null. The answer depends on the domain alone,
     * never on whether the address has an account.
     */
    async start(email: string): Promise<PendingSso | null | 'unreachable'> {
      const domain = email.trim().toLowerCase().split('@')[1] ?? '';
      const row = domain ? await repo.findByEmailDomain(db, domain) : undefined;
      if (!row) return null;
      let config: oidc.Configuration;
      try {
        config = await providerConfig(row);
      } catch {
        return 'unreachable';
      }
      const verifier = oidc.randomPKCECodeVerifier();
      const state = oidc.randomState();
      const nonce = oidc.randomNonce();
      const url = oidc.buildAuthorizationUrl(config, {
        redirect_uri: `${publicUrl}${callbackPath}`,
        scope: 'openid email profile',
        response_type: 'code',
        code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
        code_challenge_method: 'S256',
        state,
        nonce,
        login_hint: email.trim(),
      });
      return { organisationId: row.organisation_id, state, nonce, verifier, authorizationUrl: url.href };
    },

    /** The provider's answer at the callback address, checked, turned into the account it opens. */
    async finish(pending: PendingSso, callbackQuery: string): Promise<SsoResult> {
      const params = new URLSearchParams(callbackQuery);
      if (params.has('error')) return { ok: false, reason: 'provider-refused' };
      const row = await repo.findSettings(db, pending.organisationId);
      if (!row || row.sso_enabled !== 1) return { ok: false, reason: 'not-set-up' };
      let claims: Record<string, unknown> | undefined;
      try {
        const config = await providerConfig(row);
        const tokens = await oidc.authorizationCodeGrant(config, new URL(`${publicUrl}${callbackPath}?${params.toString()}`), {
          pkceCodeVerifier: pending.verifier,
          expectedState: pending.state,
          expectedNonce: pending.nonce,
          idTokenExpected: true,
        });
        const idToken = tokens.claims();
        claims = idToken;
        // Some providers put the email in the ID token (Google), others only at userinfo.
        if (idToken && idToken.email === undefined) {
          claims = { ...(await oidc.fetchUserInfo(config, tokens.access_token, idToken.sub)), amr: idToken.amr };
        }
      } catch {
        return { ok: false, reason: 'failed' };
      }
      if (!claims) return { ok: false, reason: 'failed' };
      const email = typeof claims.email === 'string' ? claims.email.trim().toLowerCase() : '';
      // Only an address the provider vouches for: an unverified one could be anyone's.
      if (!email || !emailVerified(claims)) return { ok: false, reason: 'email-not-verified' };
      const accountId = await staffAccountForEmail(pending.organisationId, email);
      if (!accountId) return { ok: false, reason: 'no-account' };
      await writeAudit(db, {
        organisationId: pending.organisationId,
        actorPersonId: null,
        subjectType: 'account',
        subjectId: accountId,
        action: 'signed-in-with-provider',
        at: now(),
      });
      return { ok: true, organisationId: pending.organisationId, accountId, email, providerTwoStep: providerUsedTwoSteps(claims.amr) };
    },
  };
}

export type SingleSignOnService = ReturnType<typeof makeSingleSignOnService>;
