import { boundFor, type HistoryWindow } from '../../platform/history-window.ts';
import type { Translate } from '../../platform/i18n.ts';
import type { HistoryEntry } from '../people/history-entries.ts';
import type { PeopleService } from '../people/service.ts';
import { describeMinutes } from './duration.ts';
import type { Statements } from './statements.ts';

/**
 * A person's time credits, in and out, as lines of their history of changes: how much, what
 * for, with whom, and who recorded it. Read a window at a time (platform/history-window.ts).
 */
export function makeTimebankHistory({ statements, people, t }: { statements: Statements; people: PeopleService; t: Translate }) {
  return {
    async entries(organisationId: string, organisationName: string, personId: string, window: HistoryWindow): Promise<HistoryEntry[]> {
      const lines = await statements.historyWindow(organisationId, personId, boundFor('timebank', window));
      const ids = [...new Set(lines.flatMap((l) => [l.recordedBy, l.onBehalfOf]).filter((id): id is string => id !== null))];
      const names = new Map((await people.summaries(organisationId, ids)).map((p) => [p.id, p.fullName]));
      return lines.map((l) => {
        const withNames = l.parties.map((p) => (p.kind === 'organisation' ? organisationName : (p.name ?? ''))).join(', ');
        const direction = l.minutes >= 0 ? 'in' : 'out';
        return {
          key: { at: l.at, source: 'timebank', id: l.transactionId },
          at: l.at,
          actorName: l.recordedBy ? (names.get(l.recordedBy) ?? null) : null,
          behalfName: l.onBehalfOf ? (names.get(l.onBehalfOf) ?? null) : null,
          subjectType: 'timebank',
          action: `credits-${direction}`,
          fields: [],
          what: t(`timebank:personHistory.${direction}`, { duration: describeMinutes(t, Math.abs(l.minutes)) }),
          detail: t('timebank:personHistory.detail', {
            kind: t(`timebank:kind.${l.kind}`) + (l.memo ? `: ${l.memo}` : ''),
            with: withNames,
            reversed: l.reversed ? ` (${t('timebank:history.reversed')})` : '',
          }),
        };
      });
    },
  };
}
