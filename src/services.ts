import type { Config } from './config.ts';
import type { Db } from './db/connection.ts';
import { makeTranslator } from './platform/i18n.ts';
import type { Clock } from './platform/time.ts';
import { makeIdentityService } from './modules/identity/service.ts';
import { makeOrganisationService } from './modules/organisations/service.ts';
import { makePeopleService } from './modules/people/service.ts';
import { makeProjectService } from './modules/projects/service.ts';
import { makeVenueService } from './modules/venues/service.ts';
import { makeAccessNeedsService } from './modules/people/access-needs.ts';
import { makeAgreementService } from './modules/projects/agreement.ts';

/** The one place services are built and joined together. */
export function makeServices({ db, config, now, deliverable }: { db: Db; config: Config; now: Clock; deliverable: boolean }) {
  const t = makeTranslator('en');
  const identity = makeIdentityService({ db, config, now, deliverable, t });
  const people = makePeopleService({ db, now });
  const organisations = makeOrganisationService({ db, now, people, identity });
  const projects = makeProjectService({ db, now, people });
  const venues = makeVenueService({ db, now });
  const accessNeeds = makeAccessNeedsService({ db, now });
  const agreements = makeAgreementService({ db, now });
  return { db, identity, people, accessNeeds, organisations, projects, agreements, venues, deliverable };
}

export type Services = ReturnType<typeof makeServices>;
