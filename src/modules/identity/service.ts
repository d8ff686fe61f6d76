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
import type { Address } from './repository.ts';
import { makeSignInCodes } from './sign-in-codes.ts';
import { hashPassword, verifyPassword } from './passwords.ts';
import { makeSignInLimits } from './sign-in-limits.ts';
import * as limits from './limits-repository.ts';
import type { TryState } from './lockout.ts';
import type { Executor } from '../../db/connection.ts';

/** What a try with a password came to: signed in, wrong, or not checked (waiting or locked). */
export type PasswordTry = { kind: 'right'; proof: Address } | { kind: 'wrong'; then: TryState } | Exclude<TryState, { kind: 'open' }>;

export const normaliseEmail = (email: string) => email.trim().toLowerCase();

type Ctx = { db: Db; config: Config; now: Clock; delivery: Delivery | null; t: Translate; secret: string };

type UserView = Omit<CurrentUser, 'name'> & { fullName: string; preferredName: string | null };
const userOf = ({ fullName, preferredName, ...user }: UserView): CurrentUser => ({ ...user, name: preferredName || fullName });

export function makeIdentityService({ db, config, now, delivery, t, secret }: Ctx) {
  const signInLimits = makeSignInLimits({ db, now, delivery, t });

  /** Proof of the email address when the password is right for an account it opens. */
  async function checkPassword(email: string, password: string): Promise<Address | null> {
    const proof: Address = { kind: 'email', address: normaliseEmail(email) };
    const hashes = new Set((await repo.accountsOpenedBy(db, proof)).map((a) => a.passwordHash));
    // Always one check, so the time taken does not tell whether the address has an account.
    if (hashes.size === 0) hashes.add(null);
    for (const hash of hashes) if (await verifyPassword(hash, password)) return proof;
    return null;
  }

  /**
   * A password try that counts: refused unchecked while the address waits or is locked,
   * and every wrong one counted (lockout.ts). Known and unknown addresses count alike.
   */
  async function tryPassword(email: string, password: string): Promise<PasswordTry> {
    const address = normaliseEmail(email);
    const state = await signInLimits.passwordTryState(address);
    if (state.kind !== 'open') return state;
    const proof = await checkPassword(address, password);
    if (proof) {
      await signInLimits.rightPassword(address);
      return { kind: 'right', proof };
    }
    return { kind: 'wrong', then: await signInLimits.wrongPassword(address) };
  }

  /** Makes a one-time link for an email that opens an account, and queues it in the same transaction. */
  async function sendLinkIn(trx: Executor, address: string): Promise<boolean> {
    const [first] = await repo.accountsOpenedBy(trx, { kind: 'email', address });
    if (!first) return false;
    const token = newSecretToken();
    const at = now();
    const expires = new Date(at.getTime() + config.signInLinkMinutes * 60_000);
    await repo.insertSignInToken(trx, hashToken(token), address, expires.toISOString());
    await enqueue(
      trx,
      {
        // Listed (status only, never the link) under the oldest account's organisation.
        organisationId: first.organisationId,
        kind: 'sign-in',
        channel: 'email',
        recipient: address,
        // In the language of the person whose account it opens (issue 24).
        readerId: first.personId,
        compose: () => ({
          subject: t('identity:linkEmail.subject'),
          bodyText: t('identity:linkEmail.body', {
            link: `${config.publicUrl}/sign-in/link/${token}`,
            minutes: config.signInLinkMinutes,
          }),
        }),
        // Sent late (after a failed try) it would be a dead link: the outbox lets it fail instead.
        expiresAt: expires,
      },
      at,
      delivery,
    );
    return true;
  }

  /** Works through the queue of asks for a link; one round at a time in this process. */
  let linkRound: Promise<number> = Promise.resolve(0);
  async function sendWaitingLinks(): Promise<number> {
    let sent = 0;
    for (;;) {
      const waiting = await limits.waitingLinkRequests(db, 50);
      for (const { id } of waiting) {
        // Taken off the queue and worked on in one transaction: another worker never sends it twice.
        const done = await db.transaction().execute(async (trx) => {
          const claimed = await limits.claimLinkRequest(trx, id);
          return claimed ? sendLinkIn(trx, claimed.email) : false;
        });
        if (done) sent++;
      }
      if (waiting.length < 50) return sent;
    }
  }

  /**
   * A password belongs to an email address: it is set on every account that address opens,
   * and only by someone who proved the address (a link or the old password), never by text.
   */
  async function setPassword(user: CurrentUser, email: string, password: string, keepSessionId: string | null = null): Promise<void> {
    const hash = await hashPassword(password);
    const address = normaliseEmail(email);
    await db.transaction().execute(async (trx) => {
      await repo.setPasswordForEmail(trx, address, hash);
      // Whoever had signed in with the old password is signed out everywhere but here.
      const accounts = await repo.accountsOpenedBy(trx, { kind: 'email', address });
      await limits.endSessionsOf(
        trx,
        accounts.map((a) => a.accountId),
        keepSessionId,
      );
      await limits.clearLockout(trx, address);
      await writeAudit(trx, {
        organisationId: user.organisationId,
        actorPersonId: user.personId,
        subjectType: 'account',
        subjectId: user.accountId,
        action: 'password-set',
        at: now(),
      });
    });
  }

  return {
    ...signInLimits,
    checkPassword,
    tryPassword,

    async loadUser(accountId: string): Promise<CurrentUser | null> {
      const row = await repo.findUserView(db, accountId);
      return row ? userOf(row) : null;
    },

    /** A session's row with its account's user (null when closed), in one query: the session store's read. */
    async readSession(sessionId: string) {
      const found = await repo.findSessionWithUser(db, sessionId);
      if (!found) return { row: undefined, account: { id: null, user: null } };
      const { data, expires_at, signed_in_at, sessionAccountId, ...view } = found;
      // An open account always has its person and organisation (foreign keys), so their columns are set.
      const user = view.accountId ? userOf(view as UserView) : null;
      return { row: { data, expires_at, signed_in_at }, account: { id: sessionAccountId, user } };
    },

    /** The accounts a proven address opens, for the choice of organisation after signing in. */
    async accountsFor(proof: Address) {
      return (await repo.accountsOpenedBy(db, proof)).map((a) => ({
        accountId: a.accountId,
        organisationName: a.organisationName,
        name: a.preferredName || a.fullName,
      }));
    },

    /**
     * Sends a one-time sign-in link now if the email opens an account (tests, and the queue
     * below). The sign-in page asks through requestSignInLink instead.
     */
    async sendSignInLink(email: string): Promise<void> {
      await db.transaction().execute((trx) => sendLinkIn(trx, normaliseEmail(email)));
    },

    /**
     * Asks for a sign-in link: the same one insert whether or not the address has an account,
     * so the page answers at once and in the same time either way; the link is made and
     * queued just after (sendRequestedSignInLinks). 'too-many' past the hourly cap for the address.
     */
    async requestSignInLink(email: string): Promise<'queued' | 'too-many'> {
      const address = normaliseEmail(email);
      if (!(await signInLimits.maySendTo(address))) return 'too-many';
      await limits.insertLinkRequest(db, { id: newId(), email: address, at: now().toISOString() });
      return 'queued';
    },

    /** Makes and queues the links asked for; run after each ask is answered and by the background jobs. */
    sendRequestedSignInLinks(): Promise<number> {
      linkRound = linkRound.catch(() => 0).then(sendWaitingLinks);
      return linkRound;
    },

    /** Uses a sign-in link once: proof of its email address, or null when it is wrong, used or old. */
    async useSignInLink(token: string): Promise<Address | null> {
      const tokenHash = hashToken(token);
      const row = await repo.findSignInToken(db, tokenHash);
      if (!row) return null;
      const used = await repo.useSignInToken(db, tokenHash, now().toISOString());
      return used ? { kind: 'email', address: row.email } : null;
    },

    async isSignInLinkUsable(token: string): Promise<boolean> {
      const row = await repo.findSignInToken(db, hashToken(token));
      return Boolean(row && !row.used_at && row.expires_at > now().toISOString());
    },

    ...makeSignInCodes({ db, now, delivery, t, secret, maySendTo: signInLimits.maySendTo }),

    setPassword,

    /**
     * A person changes their own password. When the address has one already, the current one
     * comes first, and a wrong one counts like a wrong try at sign-in (so a session left open
     * on a shared computer cannot be used to guess it, nor to take the account over).
     */
    async changePassword(
      user: CurrentUser,
      email: string,
      passwords: { current?: string | undefined; password: string },
      keepSessionId: string | null,
    ): Promise<{ kind: 'saved' } | Exclude<PasswordTry, { kind: 'right' }>> {
      const address = normaliseEmail(email);
      const hasOne = (await repo.accountsOpenedBy(db, { kind: 'email', address })).some((a) => a.passwordHash);
      if (hasOne) {
        const tried = await tryPassword(address, passwords.current ?? '');
        if (tried.kind !== 'right') return tried;
      }
      await setPassword(user, address, passwords.password, keepSessionId);
      return { kind: 'saved' };
    },

    /** Which of the addresses another account of this organisation signs in with. Other organisations' accounts are never looked at. */
    async addressesInUseHere(organisationId: string, addresses: { email: string | null; mobile: string | null }, exceptAccountId?: string) {
      return {
        email: addresses.email
          ? await repo.addressInUseHere(db, organisationId, { kind: 'email', address: normaliseEmail(addresses.email) }, exceptAccountId)
          : false,
        mobile: addresses.mobile
          ? await repo.addressInUseHere(db, organisationId, { kind: 'mobile', address: addresses.mobile }, exceptAccountId)
          : false,
      };
    },

    /** Everyone who can sign in now, with their role: reviews count staff roles as staff. */
    async activeAccounts(organisationId: string, among?: readonly string[]): Promise<Array<{ personId: string; role: Role }>> {
      return (await repo.activeAccounts(db, organisationId, among)).map((a) => ({ personId: a.person_id, role: a.role }));
    },

    /** Admins and facilitators who can sign in now. */
    async activeStaff(organisationId: string): Promise<Array<{ personId: string; role: Role }>> {
      return (await repo.activeStaff(db, organisationId)).map((a) => ({ personId: a.person_id, role: a.role }));
    },

    async accountForPerson(organisationId: string, personId: string) {
      const row = await repo.findAccountForPerson(db, organisationId, personId);
      return row
        ? {
            id: row.id,
            email: row.email,
            mobile: row.mobile,
            role: row.role,
            active: row.active === 1,
            hasPassword: Boolean(row.password_hash),
            /** Passwords for their email are locked after too many wrong ones, until then; staff may unlock. */
            lockedUntil: await signInLimits.lockedUntil(row.email),
          }
        : null;
    },

    /** Used inside another module's transaction (first-run set-up, giving someone sign-in). */
    async createAccount(
      trx: Parameters<typeof repo.insertAccount>[0],
      input: { organisationId: string; personId: string; email: string | null; mobile?: string | null; role: Role; password?: string },
    ): Promise<string> {
      const id = newId();
      await repo.insertAccount(trx, {
        id,
        organisationId: input.organisationId,
        personId: input.personId,
        email: input.email ? normaliseEmail(input.email) : null,
        mobile: input.mobile ?? null,
        role: input.role,
        passwordHash: input.password ? await hashPassword(input.password) : null,
        at: now().toISOString(),
      });
      return id;
    },

    /**
     * Gives a person sign-in access, or changes it. They get no password: they sign in
     * with an email link or a code by text, and may set a password after. Whether another
     * organisation uses the address is neither asked nor told (decision 0016).
     */
    async giveAccess(
      actor: { organisationId: string; personId: string | null },
      personId: string,
      accountId: string | null,
      access: { email: string | null; mobile?: string | null; role: Role; active: boolean },
    ): Promise<void> {
      const email = access.email ? normaliseEmail(access.email) : null;
      await db.transaction().execute(async (trx) => {
        const before = accountId ? await repo.findAccountForPerson(trx, actor.organisationId, personId) : undefined;
        let id = accountId;
        if (!id) {
          id = newId();
          await repo.insertAccount(trx, {
            id,
            organisationId: actor.organisationId,
            personId,
            email,
            mobile: access.mobile ?? null,
            role: access.role,
            passwordHash: null,
            at: now().toISOString(),
          });
        } else {
          await repo.updateAccount(trx, actor.organisationId, id, {
            role: access.role,
            email,
            // Left as it is when not given (the demo data gives emails only).
            ...(access.mobile === undefined ? {} : { mobile: access.mobile }),
            active: access.active ? 1 : 0,
          });
          // A new role (or none) takes effect at once: their sessions end, and they sign in again.
          if (before && (before.role !== access.role || (before.active === 1 && !access.active)))
            await limits.endSessionsOf(trx, [id], null);
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
                // Which field changed, never the address itself.
                ...(before.email !== email ? [{ field: 'email' }] : []),
                ...(access.mobile !== undefined && before.mobile !== access.mobile ? [{ field: 'mobile' }] : []),
                ...((before.active === 1) !== access.active ? [{ field: 'active', from: before.active === 1, to: access.active }] : []),
              ]
            : [{ field: 'role', to: access.role }],
          at: now(),
        });
      });
    },
  };
}

export type IdentityService = ReturnType<typeof makeIdentityService>;
