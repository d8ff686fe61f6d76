// Display settings (issue 24, P1): a person who signs in keeps how pages look for them in
// the database, so it follows them to any device. Only they read or change it: no staff
// page shows it.
import type { Db } from '../../db/connection.ts';
import type { Actor } from '../../platform/auth.ts';
import type { Clock } from '../../platform/time.ts';
import { choicesFromRow, type DisplayChoices } from './choices.ts';
import * as repo from './repository.ts';

type Person = Actor & { personId: string };

export function makeDisplaySettingsService({ db, now }: { db: Db; now: Clock }) {
  return {
    /** The person's saved choices, or null when they have never saved any. */
    async forPerson(person: Person): Promise<DisplayChoices | null> {
      const row = await repo.settingsOf(db, person.organisationId, person.personId);
      return row ? choicesFromRow(row) : null;
    },

    async save(person: Person, choices: DisplayChoices): Promise<void> {
      await repo.saveSettings(db, {
        organisation_id: person.organisationId,
        person_id: person.personId,
        text_size: choices.textSize,
        contrast: choices.contrast,
        motion: choices.motion,
        read_aloud: choices.readAloud ? 1 : 0,
        updated_at: now().toISOString(),
      });
    },
  };
}

export type DisplaySettingsService = ReturnType<typeof makeDisplaySettingsService>;
