import type { Db } from '../../db/connection.ts';
import { boundFor, type HistoryWindow } from '../../platform/history-window.ts';
import type { Translate } from '../../platform/i18n.ts';
import { formatDate } from '../../platform/time.ts';
import type { HistoryEntry } from '../people/history-entries.ts';
import { itemType } from './claim.ts';
import * as repo from './repository.ts';

/**
 * What happened to a person's claims, as lines of their history of changes: made, sent,
 * approved (and by whom), paid, or not agreed. The amounts stay on each claim's own page.
 * Read a window at a time (platform/history-window.ts).
 */
export function makeClaimHistory({ db, t }: { db: Db; t: Translate }) {
  return {
    async entries(organisationId: string, personId: string, window: HistoryWindow): Promise<HistoryEntry[]> {
      const rows = await repo.claimEventsOfPersonWindow(db, organisationId, personId, boundFor('claim', window));
      return rows.map((r) => {
        const type = itemType({ kind: r.kind, correctsClaimId: r.corrects_claim_id });
        return {
          key: { at: String(r.at), source: 'claim' as const, id: r.event_id },
          at: String(r.at),
          actorName: r.actor_name,
          behalfName: r.behalf_name,
          subjectType: 'claim',
          action: r.action,
          fields: [],
          what: t('claims:history.what', {
            type: t(`claims:itemType.${type}`),
            action: t(`claims:history.action.${r.action}`, { defaultValue: r.action }),
          }),
          detail: t('claims:history.detail', {
            what: t(`claims:category.${r.category}`, { defaultValue: r.category }),
            date: formatDate(r.on_date),
          }),
        };
      });
    },
  };
}
