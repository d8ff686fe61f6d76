import type { Db } from '../../db/connection.ts';
import { makeFinder, type FinderField } from '../../platform/finder.ts';
import * as repo from './repository.ts';

// Forms that choose a project (a claim's project, a learning action's, an impact report's)
// list every project while there are few enough to read down a list; a county has a
// thousand, so above that staff find the project by name (platform/finder.ts says how).

/** The most projects a form lists; with more, staff find the project by name. */
export const largestListOfProjects = 100;

/** A project as a finder shows it. */
export type ProjectOption = { id: string; title: string };

/** One project field of a form, while finding: what its template shows. */
export type ProjectFinderField = FinderField<ProjectOption>;

export function makeProjectFinder({ db }: { db: Db }) {
  const finder = makeFinder<ProjectOption, ProjectOption, Record<string, never>>({
    largestList: largestListOfProjects,
    moreThan: (organisationId, n) => repo.hasMoreProjectsThan(db, organisationId, n),
    async search(organisationId, name, _limits, limit) {
      const [total, rows] = await Promise.all([
        repo.countProjectsByName(db, organisationId, name),
        repo.projectsByName(db, organisationId, name, limit),
      ]);
      return { total, rows };
    },
    byIds: (organisationId, ids) => repo.projectTitlesOf(db, organisationId, ids),
    options: async (_organisationId, rows) => rows,
  });

  return {
    isFinding: finder.isFinding,

    /**
     * The form's project fields when the organisation has too many projects to list: each
     * with the matches for the name typed into it and the project chosen. Null when there
     * are few enough, so the form lists them all as before.
     */
    fields: (organisationId: string, values: Record<string, unknown>, fieldNames: readonly string[]) =>
      finder.fields(organisationId, values, fieldNames, {}),
  };
}

export type ProjectFinder = ReturnType<typeof makeProjectFinder>;
