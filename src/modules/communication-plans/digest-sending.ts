// The background task that sends digests (S4): notices a project's plan held wait in the
// outbox (status 'digest'); at their time each person's are gathered into one message by the
// channel the notices were written for, and each notice records the digest it went in.
import type { Db } from '../../db/connection.ts';
import type { Delivery } from '../../platform/delivery/delivery.ts';
import { gatherDigests } from '../../platform/digests.ts';
import type { Translate } from '../../platform/i18n.ts';
import { enqueue, parseAttachments } from '../../platform/outbox.ts';
import type { Clock } from '../../platform/time.ts';
import * as repo from './repository.ts';

type Deps = { db: Db; now: Clock; t: Translate; delivery: Delivery | null };

export function makeDigestSending({ db, now, t, delivery }: Deps) {
  return {
    /** Background task: returns how many digests it queued. */
    async sendDue(batch = 500): Promise<number> {
      const at = now();
      const rows = await repo.heldDue(db, at.toISOString(), batch);
      const { digests, expired } = gatherDigests(
        rows.map((r) => ({
          id: r.id,
          organisationId: r.organisation_id,
          personId: r.person_id,
          channel: r.channel,
          recipient: r.recipient,
          heldUntil: r.held_until ?? '',
          expiresAt: r.expires_at,
          createdAt: r.created_at,
        })),
        at,
        rows.length === batch,
      );
      await repo.markExpired(db, expired);
      const noticeWords = new Map(
        (
          await repo.noticeWords(
            db,
            digests.flatMap((d) => d.noticeIds),
          )
        ).map((w) => [w.id, w]),
      );
      let queued = 0;
      for (const digest of digests) {
        const items = digest.noticeIds.map((id) => noticeWords.get(id)!).filter(Boolean);
        if (items.length === 0) continue;
        const projects = new Set(items.map((i) => i.project_id));
        const short = digest.channel === 'text';
        const separator = short ? '\n\n' : '\n\n----------\n\n';
        // The notices inside were written in the person's language when they were held; the
        // outbox writes the words around them the same way (issue 24).
        const words = () => ({
          subject: t('communication-plans:digest.subject', { count: items.length }),
          bodyText: t(short ? 'communication-plans:digest.introShort' : 'communication-plans:digest.intro', { count: items.length }),
          after: items.map((i) => `${separator}${i.subject}\n${i.body_text}`).join(''),
        });
        await db.transaction().execute(async (trx) => {
          const id = await enqueue(
            trx,
            {
              organisationId: digest.organisationId,
              personId: digest.personId,
              projectId: projects.size === 1 ? [...projects][0]! : null,
              recipientName: items[0]!.recipient_name,
              kind: 'digest',
              channel: digest.channel,
              recipient: digest.recipient,
              compose: words,
              attachments: items.flatMap((i) => parseAttachments(i.attachments)),
              // A notice goes in one digest only, so its id names the digest.
              dedupeKey: `digest:${digest.noticeIds[0]}`,
            },
            at,
            delivery,
          );
          await repo.markGathered(trx, digest.noticeIds, id);
        });
        queued++;
      }
      return queued;
    },
  };
}

export type DigestSending = ReturnType<typeof makeDigestSending>;
