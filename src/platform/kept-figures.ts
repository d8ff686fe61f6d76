import type { Db } from '../db/connection.ts';
import { singleFlight } from './single-flight.ts';
import type { Clock } from './time.ts';

/**
 * A count kept by this process until the organisation's data changes. The database moves
 * the organisation's figure version on whenever a table that figures are counted from
 * changes (triggers, migration 2026-12-06T0100), so the check costs one small query and
 * stays right across workers and machines. The version is read before counting: a change
 * made during a count leaves a newer version, and the next request counts again.
 */
export type KeepFigure = <T>(
  organisationId: string,
  key: string,
  count: () => Promise<T>,
  /** When time alone changes the answer (a meeting starts): the instant the kept answer stops being right. */
  goodUntil?: (answer: T) => string | null,
) => Promise<T>;

/** Keeps nothing: counts each time (a source asked outside a request, as in its own tests). */
export const countEachTime: KeepFigure = (_organisationId, _key, count) => count();

type Kept = { version: string; answer: unknown; until: string | null };

/** Enough for every page's figures of a few busy organisations; the least recently used go first. */
const defaultLimit = 500;

export function keptFigures({ db, now, limit = defaultLimit }: { db: Db; now: Clock; limit?: number }): KeepFigure {
  const kept = new Map<string, Kept>();
  const shared = singleFlight();
  // A page with several kept figures (the home page, the To do) asks for them at once: they
  // share one read of the version, as concurrent counts share one count.
  const reading = singleFlight();

  function versionOf(organisationId: string): Promise<string> {
    return reading(organisationId, async () => {
      const row = await db.selectFrom('figure_versions').select('version').where('organisation_id', '=', organisationId).executeTakeFirst();
      return String(row?.version ?? 0);
    });
  }

  return async function keep(organisationId, key, count, goodUntil) {
    const version = await versionOf(organisationId);
    const slot = `${organisationId}|${key}`;
    const found = kept.get(slot);
    if (found && found.version === version && (found.until === null || now().toISOString() < found.until)) {
      // Refresh its place: the map's order is the order of last use.
      kept.delete(slot);
      kept.set(slot, found);
      return found.answer as Awaited<ReturnType<typeof count>>;
    }
    const answer = await shared(`${slot}|${version}`, count);
    kept.delete(slot);
    kept.set(slot, { version, answer, until: goodUntil ? goodUntil(answer) : null });
    while (kept.size > limit) kept.delete(kept.keys().next().value as string);
    return answer;
  };
}
