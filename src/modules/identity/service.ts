import type { Db } from '../../db/connection.ts';
import type { Config } from '../../config.ts';
import type { CurrentUser, Role } from '../../platform/auth.ts';
import { enqueue } from '../../platform/outbox.ts';
import type { Delivery } from '../../platform/delivery/delivery.ts';
import { hashToken, newId, newSecretToken } from '../../platform/ids.ts';
import type { Clock } from '../../platform/time.ts';
import type { Translate } from '../../platform/i18n.ts';
import { writeAudit } from '../../platform/audit.ts';
import * as repo from './repository.ts';
import { hashPassword, verifyPassword } from './passwords.ts';

export const normaliseEmail = (email: string) => email.trim().toLowerCase();

type Ctx = { db: Db; config: Config; now: Clock; delivery: Delivery | null; t: Translate };

export function makeIdentityService({ db, config, now, delivery, t }: Ctx) {
  return {
    async loadUser(accountId: string): Promise<CurrentUser | null> {
      const row = await repo.findUserView(db, accountId);
      if (!row) return null;
      return {
        accountId: row.accountId,
        personId: row.personId,
        organisationId: row.organisationId,
        organisationName: row.organisationName,
        role: row.role,
        name: row.preferredName || row.fullName,
      };
    },

    /** The account id when the email and password match an active account. */
    async checkPassword(email: string, password: string): Promise<string | null> {
      const account = await repo.findAccountByEmail(db, normaliseEmail(email));
      const ok = await verifyPassword(account?.password_hash, password);
      return ok && account ? account.id : null;
    },

    /**
     * Sends a one-time sign-in link if the email belongs to an account. The caller shows
     * the same page either way, so nobody can find out who has an account.
     */
    async sendSignInLink(email: string): Promise<void> {
      const account = await repo.findAccountByEmail(db, normaliseEmail(email));
      if (!account) return;
      const token = newSecretToken();
      const at = now();
      const expires = new Date(at.getTime() + config.signInLinkMinutes * 60_000);
      await db.transaction().execute(async (trx) => {
        await repo.insertSignInToken(trx, hashToken(token), account.id, expires.toISOString());
        await enqueue(
          trx,
          {
            organisationId: account.organisation_id,
            personId: account.person_id,
            kind: 'sign-in',
            channel: 'email',
            recipient: account.email,
            subject: t('identity:linkEmail.subject'),
            bodyText: t('identity:linkEmail.body', {
              link: `${config.publicUrl}/sign-in/link/${token}`,
              minutes: config.signInLinkMinutes,
            }),
            // Sent late (after a failed try) it would be a dead link: the outbox lets it fail instead.
            expiresAt: expires,
          },
          at,
          delivery,
        );
      });
    },

    /** Uses a sign-in link once. Returns the account id, or null when it is wrong, used or old. */
    async useSignInLink(token: string): Promise<string | null> {
      const tokenHash = hashToken(token);
      const row = await repo.findSignInToken(db, tokenHash);
      if (!row) return null;
      const used = await repo.useSignInToken(db, tokenHash, now().toISOString());
      if (!used) return null;
      const user = await repo.findUserView(db, row.account_id);
      return user ? row.account_id : null;
    },

    async isSignInLinkUsable(token: string): Promise<boolean> {
      const row = await repo.findSignInToken(db, hashToken(token));
      return Boolean(row && !row.used_at && row.expires_at > now().toISOString());
    },

    async setPassword(user: CurrentUser, password: string): Promise<void> {
      await repo.setPasswordHash(db, user.accountId, await hashPassword(password));
      await writeAudit(db, {
        organisationId: user.organisationId,
        actorPersonId: user.personId,
        subjectType: 'account',
        subjectId: user.accountId,
        action: 'password-set',
        at: now(),
      });
    },

    async emailInUse(email: string, exceptAccountId?: string): Promise<boolean> {
      return repo.emailInUse(db, normaliseEmail(email), exceptAccountId);
    },

    /** Everyone who can sign in now, with their role: reviews count staff roles as staff. */
    async activeAccounts(organisationId: string, among?: readonly string[]): Promise<Array<{ personId: string; role: Role }>> {
      return (await repo.activeAccounts(db, organisationId, among)).map((a) => ({ personId: a.person_id, role: a.role }));
    },

    async accountForPerson(organisationId: string, personId: string) {
      const row = await repo.findAccountForPerson(db, organisationId, personId);
      return row
        ? { id: row.id, email: row.email, role: row.role, active: row.active === 1, hasPassword: Boolean(row.password_hash) }
        : null;
    },

    /** Used inside another module's transaction (first-run set-up, giving someone sign-in). */
    async createAccount(
      trx: Parameters<typeof repo.insertAccount>[0],
      input: { organisationId: string; personId: string; email: string; role: Role; password?: string },
    ): Promise<string> {
      const id = newId();
      await repo.insertAccount(trx, {
        id,
        organisationId: input.organisationId,
        personId: input.personId,
        email: normaliseEmail(input.email),
        role: input.role,
        passwordHash: input.password ? await hashPassword(input.password) : null,
        at: now().toISOString(),
      });
      return id;
    },

    /**
     * Gives a person sign-in access, or changes it. They get no password: they sign in
     * with an email link and may set a password after.
     */
    async giveAccess(
      actor: { organisationId: string; personId: string | null },
      personId: string,
      accountId: string | null,
      access: { email: string; role: Role; active: boolean },
    ): Promise<void> {
      await db.transaction().execute(async (trx) => {
        const before = accountId ? await repo.findAccountForPerson(trx, actor.organisationId, personId) : undefined;
        let id = accountId;
        if (!id) {
          id = newId();
          await repo.insertAccount(trx, {
            id,
            organisationId: actor.organisationId,
            personId,
            email: normaliseEmail(access.email),
            role: access.role,
            passwordHash: null,
            at: now().toISOString(),
          });
        } else {
          await repo.updateAccount(trx, actor.organisationId, id, {
            role: access.role,
            email: normaliseEmail(access.email),
            active: access.active ? 1 : 0,
          });
        }
        await writeAudit(trx, {
          organisationId: actor.organisationId,
          actorPersonId: actor.personId,
          subjectType: 'account',
          subjectId: id,
          action: before ? 'access-changed' : 'access-given',
          changes: before
            ? [
                ...(before.role !== access.role ? [{ field: 'role', from: before.role, to: access.role }] : []),
                ...(before.email !== normaliseEmail(access.email) ? [{ field: 'email' }] : []),
                ...((before.active === 1) !== access.active ? [{ field: 'active', from: before.active === 1, to: access.active }] : []),
              ]
            : [{ field: 'role', to: access.role }],
          at: now(),
        });
      });
    },

    async updateAccess(
      trx: Parameters<typeof repo.updateAccount>[0],
      organisationId: string,
      accountId: string,
      changes: { role?: Role; email?: string; active?: boolean },
    ) {
      await repo.updateAccount(trx, organisationId, accountId, {
        ...(changes.role ? { role: changes.role } : {}),
        ...(changes.email ? { email: normaliseEmail(changes.email) } : {}),
        ...(changes.active === undefined ? {} : { active: changes.active ? 1 : 0 }),
      });
    },
  };
}

export type IdentityService = ReturnType<typeof makeIdentityService>;
