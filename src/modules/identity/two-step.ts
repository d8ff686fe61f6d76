import { createHmac, randomInt } from 'node:crypto';
import { generateSecret, generateURI, verify } from 'otplib';
import QRCode from 'qrcode';
import type { Db } from '../../db/connection.ts';
import type { CurrentUser, Role } from '../../platform/auth.ts';
import { writeAudit } from '../../platform/audit.ts';
import { newId } from '../../platform/ids.ts';
import { makeSealer } from '../../platform/sealed-secrets.ts';
import type { Clock } from '../../platform/time.ts';
import * as repo from './two-step-repository.ts';

/**
 * Two-step sign-in with an authenticator app (TOTP, RFC 6238: six digits, 30 seconds, SHA-1,
 * which every common app reads) and ten recovery codes. The app's key is kept sealed; a code
 * is accepted for its own 30 seconds and the one before or after (clocks on phones drift),
 * and never twice: the last step used is stored, and only a later one passes.
 */
export const recoveryCodeCount = 10;
const stepSeconds = 30;
// Without 0/O, 1/I/L: a code written on paper is read back right.
const recoveryAlphabet = 'abcdefghjkmnpqrstuvwxyz23456789';

/** Who must use two-step sign-in: staff, who see sensitive data, when the organisation says so. */
export const mustUseTwoStep = (role: Role, organisationRequires: boolean) => organisationRequires && role !== 'member';

/** The key in groups of four, so it can be typed or read aloud a piece at a time. */
export const groupKey = (key: string) => key.match(/.{1,4}/g)?.join(' ') ?? key;

/** How a sign-in that proved the first step goes on. */
export type SecondStep = 'none' | 'ask-code' | 'set-up' | 'sso-only';

type Ctx = { db: Db; now: Clock; secret: string; appName: string };

export function makeTwoStepService({ db, now, secret, appName }: Ctx) {
  const sealer = makeSealer(secret, 'two-step-app');
  const hashRecovery = (accountId: string, code: string) =>
    createHmac('sha256', secret)
      .update(`recovery:${accountId}:${code.toLowerCase().replace(/[^a-z0-9]/g, '')}`)
      .digest('hex');
  const epoch = () => Math.floor(now().getTime() / 1000);
  // otplib's functional verify is typed for HOTP and TOTP alike: the step is now's plus the drift it found.
  const stepOf = (at: number, delta: number) => Math.floor(at / stepSeconds) + delta;

  const newRecoveryCodes = () =>
    Array.from({ length: recoveryCodeCount }, () => {
      const chars = Array.from({ length: 10 }, () => recoveryAlphabet[randomInt(recoveryAlphabet.length)]).join('');
      return `${chars.slice(0, 5)}-${chars.slice(5)}`;
    });

  async function storeRecoveryCodes(trx: Parameters<typeof repo.replaceRecoveryCodes>[0], user: CurrentUser) {
    const codes = newRecoveryCodes();
    const at = now().toISOString();
    await repo.replaceRecoveryCodes(
      trx,
      codes.map((code) => ({
        id: newId(),
        accountId: user.accountId,
        organisationId: user.organisationId,
        codeHash: hashRecovery(user.accountId, code),
        at,
      })),
    );
    return codes;
  }

  return {
    /** Whether this account's app is set up, and whether it must be. */
    async status(user: CurrentUser) {
      const [app, rules, left] = await Promise.all([
        repo.findAuthenticator(db, user.accountId),
        repo.findSignInSettings(db, user.organisationId),
        repo.countRecoveryCodesLeft(db, user.accountId),
      ]);
      const required = mustUseTwoStep(user.role, rules?.two_step_required === 1);
      return { setUp: Boolean(app?.confirmed_at), required, recoveryCodesLeft: left };
    },

    /**
     * The key being set up for this account (a new one when there is none yet, or `fresh`),
     * as text, as a link for the app and as a QR code drawn on the server (an SVG image).
     */
    async keyToSetUp(user: CurrentUser & { email?: string | null }, fresh = false) {
      const existing = await repo.findAuthenticator(db, user.accountId);
      if (existing?.confirmed_at) return null;
      let key = existing && !fresh ? sealer.open(existing.sealed_secret) : null;
      if (!key) {
        key = generateSecret();
        await repo.putPendingAuthenticator(db, {
          accountId: user.accountId,
          organisationId: user.organisationId,
          sealedSecret: sealer.seal(key),
          at: now().toISOString(),
        });
      }
      const uri = generateURI({ issuer: appName, label: `${user.organisationName} (${user.name})`, secret: key });
      const qrSvg = await QRCode.toString(uri, { type: 'svg', margin: 4, errorCorrectionLevel: 'M' });
      // Drawn on the server and shown as an image: no script, and nothing of the page's own.
      return { key, grouped: groupKey(key), uri, qrDataUrl: `data:image/svg+xml;base64,${Buffer.from(qrSvg).toString('base64')}` };
    },

    /** Checks the first code from the app; when right, two-step sign-in is on and the recovery codes are made (shown once). */
    async confirmSetUp(user: CurrentUser, code: string): Promise<string[] | null> {
      const app = await repo.findAuthenticator(db, user.accountId);
      const key = app && !app.confirmed_at ? sealer.open(app.sealed_secret) : null;
      if (!key) return null;
      const at = epoch();
      const result = await verify({ secret: key, token: code, epoch: at, epochTolerance: stepSeconds });
      if (!result.valid) return null;
      return db.transaction().execute(async (trx) => {
        await repo.confirmAuthenticator(trx, user.accountId, now().toISOString(), stepOf(at, result.delta));
        const codes = await storeRecoveryCodes(trx, user);
        await writeAudit(trx, {
          organisationId: user.organisationId,
          actorPersonId: user.personId,
          subjectType: 'account',
          subjectId: user.accountId,
          action: 'two-step-on',
          at: now(),
        });
        return codes;
      });
    },

    /** New recovery codes; the old ones stop working. */
    async replaceRecoveryCodes(user: CurrentUser): Promise<string[] | null> {
      const app = await repo.findAuthenticator(db, user.accountId);
      if (!app?.confirmed_at) return null;
      return db.transaction().execute(async (trx) => {
        const codes = await storeRecoveryCodes(trx, user);
        await writeAudit(trx, {
          organisationId: user.organisationId,
          actorPersonId: user.personId,
          subjectType: 'account',
          subjectId: user.accountId,
          action: 'two-step-recovery-codes-replaced',
          at: now(),
        });
        return codes;
      });
    },

    /** Turns two-step sign-in off for one's own account; refused when the organisation requires it. */
    async turnOff(user: CurrentUser): Promise<boolean> {
      const rules = await repo.findSignInSettings(db, user.organisationId);
      if (mustUseTwoStep(user.role, rules?.two_step_required === 1)) return false;
      await db.transaction().execute(async (trx) => {
        await repo.deleteTwoStep(trx, user.accountId);
        await writeAudit(trx, {
          organisationId: user.organisationId,
          actorPersonId: user.personId,
          subjectType: 'account',
          subjectId: user.accountId,
          action: 'two-step-off',
          at: now(),
        });
      });
      return true;
    },

    /** The second step of signing in: a code from the app (once only) or an unused recovery code. */
    async checkCode(accountId: string, typed: string): Promise<'app' | 'recovery' | null> {
      const code = typed.replace(/\s/g, '');
      if (/^\d{6}$/.test(code)) {
        const app = await repo.findAuthenticator(db, accountId);
        const key = app?.confirmed_at ? sealer.open(app.sealed_secret) : null;
        if (!key) return null;
        const at = epoch();
        const result = await verify({
          secret: key,
          token: code,
          epoch: at,
          epochTolerance: stepSeconds,
          ...(app?.last_time_step != null ? { afterTimeStep: Number(app.last_time_step) } : {}),
        });
        if (!result.valid) return null;
        return (await repo.claimTimeStep(db, accountId, stepOf(at, result.delta))) ? 'app' : null;
      }
      if (code.replace(/-/g, '').length !== 10) return null;
      return (await repo.useRecoveryCode(db, accountId, hashRecovery(accountId, code), now().toISOString())) ? 'recovery' : null;
    },

    /**
     * What a sign-in must still do once its first step is proved. `via` is how: through the
     * organisation's identity provider ('sso', with whether its token says it used two steps)
     * or here (password, link or text code).
     */
    async secondStepFor(accountId: string, via: { sso: boolean; providerTwoStep?: boolean }): Promise<SecondStep> {
      const rule = await repo.findSignInRule(db, accountId);
      if (!rule) return 'none';
      const staff = rule.role !== 'member';
      if (staff && !via.sso && rule.ssoEnabled === 1 && rule.ssoOnly === 1) return 'sso-only';
      if (via.sso && via.providerTwoStep && rule.acceptProviderTwoStep === 1) return 'none';
      if (rule.appAccountId) return 'ask-code';
      return mustUseTwoStep(rule.role, rule.twoStepRequired === 1) ? 'set-up' : 'none';
    },

    /** The staff account an identity provider's verified address opens in this organisation. */
    async staffAccountForEmail(organisationId: string, email: string): Promise<string | null> {
      return (await repo.findStaffAccountByEmail(db, organisationId, email.trim().toLowerCase()))?.id ?? null;
    },

    async settings(organisationId: string) {
      const row = await repo.findSignInSettings(db, organisationId);
      return { twoStepRequired: row?.two_step_required === 1 };
    },

    async setRequired(actor: CurrentUser, required: boolean) {
      await db.transaction().execute(async (trx) => {
        await repo.setTwoStepRequired(trx, actor.organisationId, required, now().toISOString());
        await writeAudit(trx, {
          organisationId: actor.organisationId,
          actorPersonId: actor.personId,
          subjectType: 'organisation',
          subjectId: actor.organisationId,
          action: 'sign-in-rules-changed',
          changes: [{ field: 'twoStepRequired', to: required }],
          at: now(),
        });
      });
    },
  };
}

export type TwoStepService = ReturnType<typeof makeTwoStepService>;
