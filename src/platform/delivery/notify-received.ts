import { z } from 'zod';
import type { DeliveryConfig } from '../../config.ts';
import { notifyClient, notifyProblem } from './notify.ts';
import type { ReceivedText } from './received-text.ts';

type NotifyConfig = Extract<DeliveryConfig, { kind: 'notify' }>;

/** One page of GET /v2/received-text-messages, newest first, up to 250 texts. */
const receivedPage = z.object({
  received_text_messages: z.array(
    z.object({
      id: z.string().min(1),
      user_number: z.string(),
      notify_number: z.string().nullish(),
      content: z.string(),
      created_at: z.string(),
    }),
  ),
});

/** Notify keeps received texts for 7 days: 250 a page, 40 pages is far more than a week of replies. */
const maxPages = 40;

/** Reads texts people sent to the service's number from GOV.UK Notify. */
export type ReceivedTextsReader = {
  /**
   * The texts newer than any already stored, newest first: pages back (older_than) until
   * a page holds a text `isStored` knows, or Notify has no more.
   */
  newTexts(isStored: (providerIds: string[]) => Promise<Set<string>>): Promise<ReceivedText[]>;
};

export function notifyReceivedTexts(config: NotifyConfig): ReceivedTextsReader {
  const client = notifyClient(config);
  return {
    async newTexts(isStored) {
      const found: ReceivedText[] = [];
      let olderThan: string | undefined;
      for (let page = 0; page < maxPages; page++) {
        let data: unknown;
        try {
          data = (await client.getReceivedTexts(olderThan)).data;
        } catch (err) {
          throw new Error(notifyProblem(err, config.timeoutMs).message, { cause: err });
        }
        const texts = receivedPage.parse(data).received_text_messages;
        if (texts.length === 0) break;
        const stored = await isStored(texts.map((x) => x.id));
        for (const x of texts) {
          if (stored.has(x.id)) continue;
          const at = new Date(x.created_at.endsWith('Z') || /[+-]\d\d:\d\d$/.test(x.created_at) ? x.created_at : `${x.created_at}Z`);
          found.push({
            provider: 'notify',
            providerId: x.id,
            from: x.user_number,
            to: x.notify_number ?? null,
            body: x.content,
            receivedAt: Number.isNaN(at.getTime()) ? new Date(0).toISOString() : at.toISOString(),
          });
        }
        if (stored.size > 0) break;
        olderThan = texts.at(-1)!.id;
      }
      return found;
    },
  };
}
