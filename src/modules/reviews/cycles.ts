// Turning stored cycles into what the rest of the app sees, and which cycles are in a scope.
import type { CycleRow } from './repository.ts';
import type { ReviewAsks, Schedule } from './vocabulary.ts';

export type CycleStatus = 'upcoming' | 'open' | 'closed';
export type CycleSummary = {
  id: string;
  title: string;
  projectId: string | null;
  projectTitle: string | null;
  opensOn: string;
  closesOn: string;
  schedule: Schedule;
  /** upcoming before its opening date; open until staff close it; then closed. */
  status: CycleStatus;
  /** Still open, but its closing date has gone by: staff should close it. Nobody can answer. */
  pastClosing: boolean;
  /** Answers can be given or recorded: open, and not past its closing date. */
  answerable: boolean;
  closedAt: string | null;
  invitationsSentAt: string | null;
  gapThresholdTenths: number;
  followsCycleId: string | null;
  /** Statements asked beyond the fixed set: filled when one cycle is opened (issue 22). */
  asks?: ReviewAsks;
};

/** Which cycles: projectId undefined or null for organisation-wide ones; from/to are YYYY-MM-DD, inclusive. */
export type ReviewScope = { projectId?: string | null; from?: string; to?: string };

export function toCycle(row: CycleRow & { project_title?: string | null }, today: string): CycleSummary {
  const status: CycleStatus = row.closed_at ? 'closed' : today < row.opens_on ? 'upcoming' : 'open';
  return {
    id: row.id,
    title: row.title,
    projectId: row.project_id,
    projectTitle: row.project_title ?? null,
    opensOn: row.opens_on,
    closesOn: row.closes_on,
    schedule: row.schedule,
    status,
    pastClosing: status === 'open' && today > row.closes_on,
    answerable: status === 'open' && today <= row.closes_on,
    closedAt: row.closed_at,
    invitationsSentAt: row.invitations_sent_at,
    gapThresholdTenths: row.gap_threshold_tenths,
    followsCycleId: row.follows_cycle_id,
  };
}

/** Cycles whose open period overlaps the scope's period. */
export const inPeriod = (c: { opensOn: string; closesOn: string }, scope: ReviewScope) =>
  (!scope.from || c.closesOn >= scope.from) && (!scope.to || c.opensOn <= scope.to);

/**
 * The cycle that says where things stand: the latest closed one (by closing date), or if
 * none has closed, the latest one that is open. Upcoming cycles have no answers to show.
 */
export function latestStanding<C extends Pick<CycleSummary, 'status' | 'opensOn' | 'closesOn' | 'closedAt'>>(
  cycles: readonly C[],
): C | null {
  const later = (a: C, b: C, key: 'closesOn' | 'opensOn') =>
    a[key] > b[key] || (a[key] === b[key] && (a.closedAt ?? '') > (b.closedAt ?? '')) ? a : b;
  const closed = cycles.filter((c) => c.status === 'closed');
  if (closed.length > 0) return closed.reduce((a, b) => later(a, b, 'closesOn'));
  const open = cycles.filter((c) => c.status === 'open');
  return open.length > 0 ? open.reduce((a, b) => later(a, b, 'opensOn')) : null;
}
