import type { Db } from '../../db/connection.ts';
import { NotFound } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import type { Clock } from '../../platform/time.ts';
import * as repo from './repository.ts';
import { venueFeatures, type VenueFeature } from './vocabulary.ts';
import { readJson, storedStrings } from '../../platform/json-column.ts';

export type VenueInput = { name: string; address: string; runBy: string | null; features: VenueFeature[]; notes: string | null };
export type Venue = VenueInput & { id: string };

const known = new Set<string>(venueFeatures);

function toVenue(row: NonNullable<Awaited<ReturnType<typeof repo.findVenue>>>): Venue {
  const features = readJson(storedStrings, row.features, 'venues.features').filter((f): f is VenueFeature => known.has(f));
  return { id: row.id, name: row.name, address: row.address, runBy: row.run_by, features, notes: row.notes };
}

export function makeVenueService({ db, now }: { db: Db; now: Clock }) {
  return {
    async list(organisationId: string): Promise<Venue[]> {
      return (await repo.listVenues(db, organisationId)).map(toVenue);
    },

    async get(organisationId: string, id: string): Promise<Venue> {
      const row = await repo.findVenue(db, organisationId, id);
      if (!row) throw new NotFound();
      return toVenue(row);
    },

    async create(organisationId: string, input: VenueInput): Promise<string> {
      const id = newId();
      const at = now().toISOString();
      await repo.insertVenue(db, {
        id,
        organisation_id: organisationId,
        name: input.name,
        address: input.address,
        run_by: input.runBy,
        features: JSON.stringify(input.features),
        notes: input.notes,
        created_at: at,
        updated_at: at,
      });
      return id;
    },

    async update(organisationId: string, id: string, input: VenueInput): Promise<void> {
      const changed = await repo.updateVenue(db, organisationId, id, {
        name: input.name,
        address: input.address,
        run_by: input.runBy,
        features: JSON.stringify(input.features),
        notes: input.notes,
        updated_at: now().toISOString(),
      });
      if (!changed) throw new NotFound();
    },
  };
}

export type VenueService = ReturnType<typeof makeVenueService>;
