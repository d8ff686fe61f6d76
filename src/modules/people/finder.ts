import type { Db } from '../../db/connection.ts';
import { makeFinder, type FinderField as AnyFinderField } from '../../platform/finder.ts';
import * as repo from './repository.ts';

// Forms that choose a person list everyone in a select while the organisation is small
// enough to read down a list; above that staff find the person by name (platform/finder.ts
// says how). This file says where people are looked for and how a match is told apart.

export { finderNameField, matchesShown } from '../../platform/finder.ts';

/** The most people a form lists in a select; with more, staff find the person by name. */
export const largestListOfPeople = 300;

/** A person as a finder shows them: enough to tell two people of the same name apart. */
export type PersonOption = {
  id: string;
  name: string;
  fullName: string;
  perspectives: string[];
  /** The last digits of their mobile or landline, when they have one. */
  phoneEnding: string | null;
};

/** One person field of a form, while finding: what its template shows. */
export type FinderField = AnyFinderField<PersonOption>;

/** The fields of one form, by field name. */
export type FinderFields = Record<string, FinderField>;

/** Only people a form may offer, e.g. those not yet members of a project. */
export type FinderLimits = Pick<repo.PeopleFilter, 'notInProjectId'>;

type PersonRow = { id: string; full_name: string; preferred_name: string | null; mobile: string | null; landline: string | null };

const digitsOf = (phone: string | null) => (phone ?? '').replace(/\D/g, '');

function optionOf(row: PersonRow, perspectives: Map<string, string[]>): PersonOption {
  const phone = digitsOf(row.mobile) || digitsOf(row.landline);
  return {
    id: row.id,
    name: row.preferred_name || row.full_name,
    fullName: row.full_name,
    perspectives: perspectives.get(row.id) ?? [],
    phoneEnding: phone.length >= 4 ? phone.slice(-4) : null,
  };
}

export function makePersonFinder({ db }: { db: Db }) {
  const finder = makeFinder<PersonRow, PersonOption, FinderLimits>({
    largestList: largestListOfPeople,
    moreThan: (organisationId, n) => repo.hasMorePeopleThan(db, organisationId, n),
    /** Matches for one name: one count and one page, however many people match. */
    async search(organisationId, name, limits, limit) {
      const filter = { ...limits, name };
      const [total, rows] = await Promise.all([
        repo.countPeople(db, organisationId, filter),
        repo.listPeople(db, organisationId, { ...filter, limit }),
      ]);
      return { total, rows };
    },
    byIds: (organisationId, ids) => repo.findPeople(db, organisationId, ids),
    async options(organisationId, rows) {
      const perspectives = await repo.perspectivesFor(
        db,
        organisationId,
        rows.map((r) => r.id),
      );
      return rows.map((r) => optionOf(r, perspectives));
    },
  });

  return {
    isFinding: finder.isFinding,

    /**
     * The form's person fields when the organisation is too large to list: each with the
     * matches for the name typed into it and the person chosen. Null for a smaller
     * organisation, whose forms list everyone as before.
     */
    fields: (organisationId: string, values: Record<string, unknown>, fieldNames: readonly string[], limits: FinderLimits = {}) =>
      finder.fields(organisationId, values, fieldNames, limits),
  };
}

export type PersonFinder = ReturnType<typeof makePersonFinder>;
