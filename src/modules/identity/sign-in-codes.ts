import { createHmac, randomInt, timingSafeEqual } from 'node:crypto';
import type { Db } from '../../db/connection.ts';
import type { Delivery } from '../../platform/delivery/delivery.ts';
import type { Translate } from '../../platform/i18n.ts';
import { newId } from '../../platform/ids.ts';
import { enqueue } from '../../platform/outbox.ts';
import { databaseRateLimitStore } from '../../platform/rate-limit-store.ts';
import type { Clock } from '../../platform/time.ts';
import * as repo from './repository.ts';
import type { Address } from './repository.ts';

/**
 * Signing in by a six-digit code sent by text, for members with a mobile and no email.
 * A code works once, for `codeMinutes`, and allows `codeTries` tries; a new code makes
 * the old one worthless. Six digits are a million choices, so the tries are what keep it
 * safe: `codesPerNumber` in `codeWindowMinutes` caps the guesses at one number to 5 x 3
 * in a quarter of an hour, whoever asks (each client address has its own limit too).
 * The code is kept only as a hash keyed with the app's secret, so a copy of the database
 * cannot be searched for it.
 */
export const codeMinutes = 10;
export const codeTries = 5;
export const codesPerNumber = 3;
export const codeWindowMinutes = 15;

type Ctx = {
  db: Db;
  now: Clock;
  delivery: Delivery | null;
  t: Translate;
  secret: string;
  /** The hourly cap on links and codes to one address (sign-in-limits.ts). */
  maySendTo: (address: string) => Promise<boolean>;
};

export function makeSignInCodes({ db, now, delivery, t, secret, maySendTo }: Ctx) {
  const hashCode = (mobile: string, code: string) => createHmac('sha256', secret).update(`${mobile}:${code}`).digest('hex');
  // The same store as the sign-in forms' limits, counted per number rather than per client.
  const perNumber = new (databaseRateLimitStore(db, now))({ method: 'TEXT', url: 'sign-in code' });
  const countAsk = (mobile: string) =>
    new Promise<number>((resolve, reject) =>
      perNumber.incr(mobile, (error, result) => (error ? reject(error) : resolve(result?.current ?? 0)), codeWindowMinutes * 60_000),
    );

  return {
    /**
     * Texts a code when the number (normalised) opens an account. 'too-many' when the number
     * has asked too often, counted whether or not it has an account, so it tells nothing.
     */
    async sendSignInCode(mobile: string): Promise<'sent' | 'too-many'> {
      if ((await countAsk(mobile)) > codesPerNumber || !(await maySendTo(mobile))) return 'too-many';
      const [first] = await repo.accountsOpenedBy(db, { kind: 'mobile', address: mobile });
      if (!first) return 'sent';
      const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
      const at = now();
      const expires = new Date(at.getTime() + codeMinutes * 60_000);
      await db.transaction().execute(async (trx) => {
        await repo.insertSignInCode(trx, {
          id: newId(),
          mobile,
          codeHash: hashCode(mobile, code),
          expiresAt: expires.toISOString(),
          at: at.toISOString(),
        });
        await enqueue(
          trx,
          {
            organisationId: first.organisationId,
            kind: 'sign-in',
            channel: 'text',
            recipient: mobile,
            readerId: first.personId,
            compose: () => ({
              subject: t('identity:codeText.subject'),
              bodyText: t('identity:codeText.body', { code, minutes: codeMinutes }),
            }),
            expiresAt: expires,
          },
          at,
          delivery,
        );
      });
      return 'sent';
    },

    /** Proof of the number when the code is its newest, unused, in time and within its tries. */
    async useSignInCode(mobile: string, code: string): Promise<Address | null> {
      const row = await repo.newestSignInCode(db, mobile);
      if (!row) return null;
      const at = now().toISOString();
      if (!(await repo.countCodeTry(db, row.id, at, codeTries))) return null;
      const right = timingSafeEqual(Buffer.from(hashCode(mobile, code)), Buffer.from(row.code_hash));
      if (!right || !(await repo.useSignInCode(db, row.id, at))) return null;
      return { kind: 'mobile', address: mobile };
    },
  };
}
