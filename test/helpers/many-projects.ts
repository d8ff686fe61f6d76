import type { TestApp } from './test-app.ts';
import { newId } from '../../src/platform/ids.ts';
import type { ProjectInput } from '../../src/modules/projects/service.ts';
import { organisationWithAdmin, signedInClient } from './fixtures.ts';

// A county has a thousand projects. These help the tests of pages that choose a project to
// give an organisation more than a form lists, and to read the finder's radios as a person would.

/** Adds `count` projects in one insert, called "Project 001 Filler" and so on: only what a project must have. */
export async function addProjects(t: TestApp, organisationId: string, count: number, prefix = 'Project') {
  const at = t.now().toISOString();
  await t.database.db
    .insertInto('projects')
    .values(
      Array.from({ length: count }, (_, i) => ({
        id: newId(),
        organisation_id: organisationId,
        title: `${prefix} ${String(i + 1).padStart(3, '0')} Filler`,
        purpose: 'Filler',
        activities: '[]',
        level_aim: 'descriptive',
        stage: 'setting-up',
        start_date: '2026-01-05',
        created_at: at,
        updated_at: at,
      })),
    )
    .execute();
}

/** The one real project among the fillers: the name a person types to find it. */
export const lunchesProject: ProjectInput = {
  title: 'Better day centre lunches',
  purpose: 'Menus',
  activities: ['co-design'],
  levelAim: 'intermediate',
  stage: 'designing',
  startDate: '2026-01-05',
};

/** An organisation with the lunches project among `fillers` others, and its admin signed in. */
export async function lunchesAmongManyProjects(t: TestApp, fillers: number) {
  const org = await organisationWithAdmin(t);
  const staff = { organisationId: org.organisationId, personId: org.adminPersonId };
  const lunches = await t.services.projects.create(staff, lunchesProject);
  await addProjects(t, org.organisationId, fillers);
  return { org, staff, lunches, admin: await signedInClient(t, org.email) };
}

export type Radio = { value: string; name: string; label: string; checked: boolean };

/** The radios of one field: value, label and whether chosen. */
export function radiosOf(html: string, field: string): Radio[] {
  return html
    .split('<div class="govuk-radios__item">')
    .slice(1)
    .map((item) => {
      const input = /<input[^>]*>/.exec(item)?.[0] ?? '';
      return {
        value: /value="([^"]*)"/.exec(input)?.[1] ?? '',
        name: /name="([^"]*)"/.exec(input)?.[1] ?? '',
        label: /<label[^>]*>\s*([\s\S]*?)\s*<\/label>/.exec(item)?.[1] ?? '',
        checked: /\schecked[\s>]/.test(input),
      };
    })
    .filter((r) => r.name === field);
}

/** True when the page lists every project in a select named `field`. */
export const hasSelectOf = (html: string, field: string) => new RegExp(`<select[^>]*name="${field}"`).test(html);

/** True when a query lists the titles of all the organisation's projects (not some by id, not a page). */
export const readsEveryProject = (sql: string) =>
  /select "id", "title" from "projects"/.test(sql) && !/\blimit\b/.test(sql) && !/"id" (=|in)/.test(sql);
