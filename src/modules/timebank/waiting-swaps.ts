import type { Db } from '../../db/connection.ts';
import type { Counted } from '../../platform/counts.ts';

// Swaps where one side has said it happened and the other has not yet said yes. Credits
// move only when both agree, so these are what waits: for the person asked, and (to help
// them by phone or in person) for staff. Counted from the (organisation, status) index.

/** Whose swaps staff count: the organisation's, or those of people in some projects. */
export type SwapScope = { organisationId: string; projectIds: readonly string[] | null };

const proposed = (db: Db, organisationId: string) =>
  db.selectFrom('timebank_exchanges as x').where('x.organisation_id', '=', organisationId).where('x.status', '=', 'proposed');

export function makeWaitingSwaps({ db }: { db: Db }) {
  return {
    /**
     * How many swaps wait for a yes: all of the organisation's, or those with someone in these
     * projects; asked with other counts (platform/counts.ts).
     */
    countQuery(scope: SwapScope): Counted {
      let query = proposed(db, scope.organisationId);
      if (scope.projectIds) {
        const projectIds = [...scope.projectIds];
        if (projectIds.length === 0) return 0;
        query = query.where((eb) =>
          eb.exists(
            eb
              .selectFrom('project_members as pm')
              .select('pm.person_id')
              .whereRef('pm.organisation_id', '=', 'x.organisation_id')
              .where('pm.project_id', 'in', projectIds)
              .where((w) =>
                w.or([w('pm.person_id', '=', w.ref('x.giver_person_id')), w('pm.person_id', '=', w.ref('x.receiver_person_id'))]),
              ),
          ),
        );
      }
      return query.select((eb) => eb.fn.countAll<number>().as('n'));
    },

    /** The swaps this person is asked to say yes to (the other side said it happened), oldest first, and how many. */
    async toConfirm(organisationId: string, personId: string, limit = 5) {
      const theirs = proposed(db, organisationId)
        .where((eb) => eb.or([eb('x.giver_person_id', '=', personId), eb('x.receiver_person_id', '=', personId)]))
        .where('x.proposed_by', '!=', personId);
      const [rows, total] = await Promise.all([
        theirs
          .leftJoin('timebank_listings as l', (j) =>
            j.onRef('l.id', '=', 'x.listing_id').onRef('l.organisation_id', '=', 'x.organisation_id'),
          )
          .innerJoin('people as p', (j) => j.onRef('p.id', '=', 'x.proposed_by').onRef('p.organisation_id', '=', 'x.organisation_id'))
          .select(['x.id', 'x.minutes', 'x.note', 'l.title as listing_title', 'p.full_name', 'p.preferred_name'])
          .orderBy('x.proposed_at')
          .orderBy('x.id')
          .limit(limit)
          .execute(),
        theirs.select((eb) => eb.fn.countAll().as('n')).executeTakeFirst(),
      ]);
      return {
        total: Number(total?.n ?? 0),
        swaps: rows.map((r) => ({
          id: r.id,
          minutes: r.minutes ?? 0,
          what: r.listing_title ?? r.note ?? '',
          otherName: r.preferred_name || r.full_name,
        })),
      };
    },
  };
}

export type WaitingSwaps = ReturnType<typeof makeWaitingSwaps>;
