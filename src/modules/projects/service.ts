import type { Db } from '../../db/connection.ts';
import type { Clock } from '../../platform/time.ts';
import type { PeopleService } from '../people/service.ts';

// Placeholder: the projects module is being built (issue 2).
export function makeProjectService(_deps: { db: Db; now: Clock; people: PeopleService }) {
  return {};
}
