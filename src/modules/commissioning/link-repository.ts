import type { Executor } from '../../db/connection.ts';
import type { PanelHow } from '../../db/schema/commissioning.ts';

/** A panel of eight with a few ways each: this bounds the list all the same. */
const limit = 200;

export type RecordedHow = { personId: string; part: 'declared' | 'scored'; how: PanelHow; by: string | null };

/**
 * How each panel member's declaration and scores came when they did not sign in: by their
 * personal link, or written down by a named member of staff. Two queries for the whole panel.
 */
export async function recordedHow(db: Executor, organisationId: string, roundId: string): Promise<RecordedHow[]> {
  const [scored, declared] = await Promise.all([
    db
      .selectFrom('commissioning_scores as s')
      .leftJoin('people as p', (j) => j.onRef('p.id', '=', 's.recorded_by').on('p.organisation_id', '=', organisationId))
      .select(['s.person_id', 's.how', 'p.full_name', 'p.preferred_name'])
      .distinct()
      .where('s.organisation_id', '=', organisationId)
      .where('s.round_id', '=', roundId)
      .where('s.how', 'is not', null)
      .orderBy('s.person_id')
      .orderBy('s.how')
      .limit(limit)
      .execute(),
    db
      .selectFrom('commissioning_panel as m')
      .leftJoin('people as p', (j) => j.onRef('p.id', '=', 'm.declared_by').on('p.organisation_id', '=', organisationId))
      .select(['m.person_id', 'm.declared_how as how', 'p.full_name', 'p.preferred_name'])
      .where('m.organisation_id', '=', organisationId)
      .where('m.round_id', '=', roundId)
      .where('m.declared_how', 'is not', null)
      .orderBy('m.person_id')
      .limit(limit)
      .execute(),
  ]);
  const row =
    (part: RecordedHow['part']) =>
    (r: (typeof scored)[number]): RecordedHow => ({
      personId: r.person_id,
      part,
      how: r.how!,
      by: r.preferred_name || r.full_name || null,
    });
  return [...declared.map(row('declared')), ...scored.map(row('scored'))];
}
