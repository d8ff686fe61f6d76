import { z } from 'zod';
import { formFields } from './forms.ts';

// A form that chooses one of many things (a person, a project) lists them all while the
// organisation is small enough to read down a list. Above that a list is slow to send and to
// use with a screen reader, so staff find the thing by name instead: the form is sent with
// its Find button, comes back with everything kept and up to a page of matches as radios,
// and nothing is saved until the form's own button is pressed. Works with JavaScript off.
// Each kind of thing gives a `FinderSource`; the people and projects finders are built on it.

/** The most matches shown at once; with more, staff type more of the name. */
export const matchesShown = 20;
/** What a name search looks for at most: longer text finds nothing anyway. */
const longestName = 200;

/** One finder field of a form, while finding: what its template shows. */
export type FinderField<Option> = {
  field: string;
  /** What was typed into the name box, to show again. */
  name: string;
  /** True when a name was typed and looked for. */
  searched: boolean;
  /** True when Find was pressed for this field with no name typed. */
  nothingTyped: boolean;
  /** The first page of matches, by name. */
  matches: Option[];
  /** How many match in all. */
  total: number;
  /** The one already chosen when it is not among the matches: it stays chosen. */
  chosen: Option | null;
  /** The id of the one chosen, if any. */
  value: string;
};

/** The finder fields of one form, by field name. */
export type FinderFields<Option> = Record<string, FinderField<Option>>;

/** Where a finder looks: the organisation's things of one kind. */
export type FinderSource<Row extends { id: string }, Option extends { id: string }, Limits> = {
  /** The most a form lists; with more, staff find by name. */
  largestList: number;
  /** Whether the organisation has more than this many: read no further than one past it, never counting a county's all. */
  moreThan(organisationId: string, n: number): Promise<boolean>;
  /** How many match a name, and the first `limit` of them by name. */
  search(organisationId: string, name: string, limits: Limits, limit: number): Promise<{ total: number; rows: Row[] }>;
  /** The rows with these ids, of this organisation only. */
  byIds(organisationId: string, ids: string[]): Promise<Row[]>;
  /** The rows as a form shows them, all at once (one query for all, never one per row). */
  options(organisationId: string, rows: Row[]): Promise<Option[]>;
};

const findButton = z.object({ find: z.string() });
const anId = z.string().uuid();

/** The name a finder box for this field sends. */
export const finderNameField = (field: string) => `${field}-name`;

/** True when the form was sent with a Find button: show it again with matches, save nothing. */
export const isFinding = (body: unknown) => findButton.safeParse(formFields(body)).success;

export function makeFinder<Row extends { id: string }, Option extends { id: string }, Limits>(source: FinderSource<Row, Option, Limits>) {
  const nothing = { total: 0, rows: [] as Row[] };
  return {
    isFinding,

    /**
     * The form's finder fields when the organisation has too many to list: each with the
     * matches for the name typed into it and the one chosen. Null when there are few enough
     * to list, so the form lists them all as before.
     */
    async fields(
      organisationId: string,
      values: Record<string, unknown>,
      fieldNames: readonly string[],
      limits: Limits,
    ): Promise<FinderFields<Option> | null> {
      if (!(await source.moreThan(organisationId, source.largestList))) return null;
      const text = (name: string) => {
        const v = values[name];
        return typeof v === 'string' ? v.trim().slice(0, longestName) : '';
      };
      const pressed = formFields(values).find;
      const wanted = fieldNames.map((field) => {
        const chosen = anId.safeParse(text(field));
        return { field, name: text(finderNameField(field)), value: chosen.success ? chosen.data : '' };
      });
      // A form has one or two finder fields: a query or two each, never one per match.
      const found = await Promise.all(
        wanted.map((w) => (w.name ? source.search(organisationId, w.name, limits, matchesShown) : Promise.resolve(nothing))),
      );
      const foundRows = found.flatMap((f) => f.rows);
      const shownIds = new Set(foundRows.map((r) => r.id));
      const chosenIds = [...new Set(wanted.map((w) => w.value).filter((id) => id && !shownIds.has(id)))];
      const chosenRows = chosenIds.length ? await source.byIds(organisationId, chosenIds) : [];
      const rows = [...new Map([...foundRows, ...chosenRows].map((r) => [r.id, r])).values()];
      const options = new Map((await source.options(organisationId, rows)).map((o) => [o.id, o]));
      return Object.fromEntries(
        wanted.map((w, i) => {
          const matches = found[i]!.rows.map((r) => options.get(r.id)!);
          const field: FinderField<Option> = {
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
