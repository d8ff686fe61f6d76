import type { Db } from '../../db/connection.ts';
import type { Delivery } from '../../platform/delivery/delivery.ts';
import type { Translate } from '../../platform/i18n.ts';
import { enqueue } from '../../platform/outbox.ts';
import { databaseRateLimitStore } from '../../platform/rate-limit-store.ts';
import type { Clock } from '../../platform/time.ts';
import { writeAudit } from '../../platform/audit.ts';
import type { Actor } from '../../platform/auth.ts';
import * as repo from './repository.ts';
import * as limits from './limits-repository.ts';
import { failuresBeforeLock, forgetAfterMinutes, lockMinutes, tryStateAt, waitAfterFailures, type TryState } from './lockout.ts';

/**
 * Nobody can flood a person's inbox or phone: links and codes sent to one address are
 * capped per hour, whoever asks and whether or not the address has an account (so the
 * cap tells nothing). Counted in the database, so every machine shares the cap.
 */
export const sendsPerAddressPerHour = 5;

type Ctx = { db: Db; now: Clock; delivery: Delivery | null; t: Translate };

export function makeSignInLimits({ db, now, delivery, t }: Ctx) {
  const perAddress = new (databaseRateLimitStore(db, now))({ method: 'SEND', url: 'sign-in per hour' });
  const countSend = (address: string) =>
    new Promise<number>((resolve, reject) =>
      perAddress.incr(address, (error, result) => (error ? reject(error) : resolve(result?.current ?? 0)), 3_600_000),
    );
  let calls = 0;
  const ago = (minutes: number) => new Date(now().getTime() - minutes * 60_000).toISOString();

  /** Tells the person, by email, that passwords are locked for their address (once per lock). */
  async function tellLocked(address: string, minutes: number) {
    const [first] = await repo.accountsOpenedBy(db, { kind: 'email', address });
    if (!first) return;
    await enqueue(
      db,
      {
        organisationId: first.organisationId,
        kind: 'sign-in',
        channel: 'email',
        recipient: address,
        readerId: first.personId,
        compose: () => ({
          subject: t('identity:lockedEmail.subject'),
          bodyText: t('identity:lockedEmail.body', { tries: failuresBeforeLock, minutes }),
        }),
      },
      now(),
      delivery,
    );
  }

  return {
    /** One more link or code to this address (an email or a mobile): false when it has had its share this hour. */
    async maySendTo(address: string): Promise<boolean> {
      return (await countSend(address)) <= sendsPerAddressPerHour;
    },

    /** Whether a password may be checked for this email now: not while it waits or is locked. */
    async passwordTryState(address: string): Promise<TryState> {
      return tryStateAt(await limits.findLockout(db, address), now());
    },

    /** Counts a wrong password: the wait before the next try, or a lock (and the person told). */
    async wrongPassword(address: string): Promise<TryState> {
      const at = now();
      if (++calls % 200 === 0) await limits.forgetOldLockouts(db, ago(forgetAfterMinutes));
      const { failures, locks } = await limits.countFailure(db, address, at.toISOString(), ago(forgetAfterMinutes));
      if (Number(failures) >= failuresBeforeLock) {
        const minutes = lockMinutes(Number(locks) + 1);
        const until = new Date(at.getTime() + minutes * 60_000);
        if (await limits.lock(db, address, until.toISOString(), failuresBeforeLock)) await tellLocked(address, minutes);
        return tryStateAt(await limits.findLockout(db, address), at);
      }
      const seconds = waitAfterFailures(Number(failures));
      if (seconds > 0) {
        await limits.setNotBefore(db, address, new Date(at.getTime() + seconds * 1000).toISOString());
        return { kind: 'wait', seconds };
      }
      return { kind: 'open' };
    },

    async rightPassword(address: string): Promise<void> {
      await limits.clearLockout(db, address);
    },

    /** When passwords for this person's email are locked, and until when; null when they are not. */
    async lockedUntil(email: string | null): Promise<Date | null> {
      if (!email) return null;
      const state = tryStateAt(await limits.findLockout(db, email), now());
      return state.kind === 'locked' ? state.until : null;
    },

    /** Staff unlock a person's sign-in from their page: the wrong passwords are forgotten, and the history says who. */
    async unlockSignIn(actor: Actor, personId: string): Promise<boolean> {
      const account = await repo.findAccountForPerson(db, actor.organisationId, personId);
      if (!account?.email) return false;
      const email = account.email;
      return db.transaction().execute(async (trx) => {
        if (!(await limits.clearLockout(trx, email))) return false;
        await writeAudit(trx, {
          organisationId: actor.organisationId,
          actorPersonId: actor.personId,
          subjectType: 'account',
          subjectId: account.id,
          action: 'sign-in-unlocked',
          at: now(),
        });
        return true;
      });
    },
  };
}
