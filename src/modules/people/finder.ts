import { z } from 'zod';
import type { Db } from '../../db/connection.ts';
import { formFields } from '../../platform/forms.ts';
import * as repo from './repository.ts';

// Forms that choose a person list everyone in a select while the organisation is small
// enough to read down a list. Above that a select is slow to send and to use, so staff find
// the person by name instead: the form is sent with its Find button, comes back with
// everything kept and up to a page of matches as radios, and nothing is saved until the
// form's own button is pressed. Works with JavaScript off.

/** The most people a form lists in a select; with more, staff find the person by name. */
export const largestListOfPeople = 300;
/** The most matches shown at once; with more, staff type more of the name. */
export const matchesShown = 20;
/** What the organisation's name search looks for at most: longer text finds no one anyway. */
const longestName = 200;

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
export type FinderField = {
  field: string;
  /** What was typed into "Find a person by name", to show again. */
  name: string;
  /** True when a name was typed and looked for. */
  searched: boolean;
  /** True when Find was pressed for this field with no name typed. */
  nothingTyped: boolean;
  /** The first page of matches, by name. */
  matches: PersonOption[];
  /** How many people match in all. */
  total: number;
  /** The person already chosen when they are not among the matches: they stay chosen. */
  chosen: PersonOption | null;
  /** The id of the person chosen, if any. */
  value: string;
};

/** The fields of one form, by field name. */
export type FinderFields = Record<string, FinderField>;

/** Only people a form may offer, e.g. those not yet members of a project. */
export type FinderLimits = Pick<repo.PeopleFilter, 'notInProjectId'>;

const findButton = z.object({ find: z.string() });
const personId = z.string().uuid();

/** The name a finder box for this field sends. */
export const finderNameField = (field: string) => `${field}-name`;

const digitsOf = (phone: string | null) => (phone ?? '').replace(/\D/g, '');

function optionOf(
  row: { id: string; full_name: string; preferred_name: string | null; mobile: string | null; landline: string | null },
  perspectives: Map<string, string[]>,
): PersonOption {
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
  /** Matches for one name: one count and one page, however many people match. */
  async function search(organisationId: string, name: string, limits: FinderLimits) {
    const filter = { ...limits, name };
    const [total, rows] = await Promise.all([
      repo.countPeople(db, organisationId, filter),
      repo.listPeople(db, organisationId, { ...filter, limit: matchesShown }),
    ]);
    return { total, rows };
  }

  return {
    /** True when the form was sent with a Find button: show it again with matches, save nothing. */
    isFinding: (body: unknown) => findButton.safeParse(formFields(body)).success,

    /**
     * The form's person fields when the organisation is too large to list: each with the
     * matches for the name typed into it and the person chosen. Null for a smaller
     * organisation, whose forms list everyone as before.
     */
    async fields(
      organisationId: string,
      values: Record<string, unknown>,
      fieldNames: readonly string[],
      limits: FinderLimits = {},
    ): Promise<FinderFields | null> {
      if ((await repo.countPeople(db, organisationId)) <= largestListOfPeople) return null;
      const text = (name: string) => {
        const v = values[name];
        return typeof v === 'string' ? v.trim().slice(0, longestName) : '';
      };
      const pressed = formFields(values).find;
      const wanted = fieldNames.map((field) => {
        const chosen = personId.safeParse(text(field));
        return { field, name: text(finderNameField(field)), value: chosen.success ? chosen.data : '' };
      });
      // A form has one or two person fields: a query or two each, never one per person.
      const found = await Promise.all(
        wanted.map((w) => (w.name ? search(organisationId, w.name, limits) : Promise.resolve({ total: 0, rows: [] }))),
      );
      const foundRows = found.flatMap((f) => f.rows);
      const shownIds = new Set(foundRows.map((r) => r.id));
      const chosenIds = [...new Set(wanted.map((w) => w.value).filter((id) => id && !shownIds.has(id)))];
      const chosenRows = await repo.findPeople(db, organisationId, chosenIds);
      const rows = [...foundRows, ...chosenRows];
      const perspectives = await repo.perspectivesFor(db, organisationId, [...new Set(rows.map((r) => r.id))]);
      const options = new Map(rows.map((r) => [r.id, optionOf(r, perspectives)]));
      return Object.fromEntries(
        wanted.map((w, i) => {
          const matches = found[i]!.rows.map((r) => options.get(r.id)!);
          const field: FinderField = {
            field: w.field,
            name: w.name,
            searched: w.name !== '',
            nothingTyped: pressed === w.field && w.name === '',
            matches,
            total: found[i]!.total,
            chosen: matches.some((m) => m.id === w.value) ? null : (options.get(w.value) ?? null),
            value: w.value,
          };
          return [w.field, field];
        }),
      );
    },
  };
}

export type PersonFinder = ReturnType<typeof makePersonFinder>;
