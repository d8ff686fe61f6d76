import type { Insertable, Updateable } from 'kysely';
import type {
  ExchangeStatus,
  TimebankExchangesTable,
  TimebankListingsTable,
  TimebankPartnerOffersTable,
} from '../../db/schema/timebank.ts';
import type { Executor } from '../../db/connection.ts';

// Offers and requests, the exchanges that follow them, and partners' offers. Every query
// names the organisation: nobody sees another organisation's board.

export async function insertListing(db: Executor, row: Insertable<TimebankListingsTable>) {
  await db.insertInto('timebank_listings').values(row).execute();
}

const listings = (db: Executor, organisationId: string) =>
  db
    .selectFrom('timebank_listings as l')
    .innerJoin('people as p', (j) => j.onRef('p.id', '=', 'l.person_id').onRef('p.organisation_id', '=', 'l.organisation_id'))
    .selectAll('l')
    .select(['p.full_name', 'p.preferred_name'])
    .where('l.organisation_id', '=', organisationId);

export async function findListing(db: Executor, organisationId: string, id: string) {
  return listings(db, organisationId).where('l.id', '=', id).executeTakeFirst();
}

export async function openListings(db: Executor, organisationId: string, limit = 200) {
  return listings(db, organisationId)
    .where('l.closed_at', 'is', null)
    .orderBy('l.created_at', 'desc')
    .orderBy('l.id')
    .limit(limit)
    .execute();
}

export async function closeListing(db: Executor, organisationId: string, id: string, at: string): Promise<boolean> {
  const result = await db
    .updateTable('timebank_listings')
    .set({ closed_at: at, updated_at: at })
    .where('organisation_id', '=', organisationId)
    .where('id', '=', id)
    .where('closed_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function insertExchange(db: Executor, row: Insertable<TimebankExchangesTable>) {
  await db.insertInto('timebank_exchanges').values(row).execute();
}

const exchanges = (db: Executor, organisationId: string) =>
  db
    .selectFrom('timebank_exchanges as x')
    .innerJoin('people as g', (j) => j.onRef('g.id', '=', 'x.giver_person_id').onRef('g.organisation_id', '=', 'x.organisation_id'))
    .innerJoin('people as r', (j) => j.onRef('r.id', '=', 'x.receiver_person_id').onRef('r.organisation_id', '=', 'x.organisation_id'))
    .leftJoin('timebank_listings as l', (j) => j.onRef('l.id', '=', 'x.listing_id').onRef('l.organisation_id', '=', 'x.organisation_id'))
    .selectAll('x')
    .select([
      'g.full_name as giver_full_name',
      'g.preferred_name as giver_preferred_name',
      'r.full_name as receiver_full_name',
      'r.preferred_name as receiver_preferred_name',
      'l.title as listing_title',
      'l.kind as listing_kind',
    ])
    .where('x.organisation_id', '=', organisationId);

export async function findExchange(db: Executor, organisationId: string, id: string) {
  return exchanges(db, organisationId).where('x.id', '=', id).executeTakeFirst();
}

/** A person's exchanges that are not withdrawn, newest first. */
export async function exchangesOfPerson(db: Executor, organisationId: string, personId: string, limit = 100) {
  return exchanges(db, organisationId)
    .where((eb) => eb.or([eb('x.giver_person_id', '=', personId), eb('x.receiver_person_id', '=', personId)]))
    .where('x.status', '!=', 'withdrawn')
    .orderBy('x.updated_at', 'desc')
    .orderBy('x.id')
    .limit(limit)
    .execute();
}

export async function exchangesForListing(db: Executor, organisationId: string, listingId: string) {
  return exchanges(db, organisationId)
    .where('x.listing_id', '=', listingId)
    .where('x.status', '!=', 'withdrawn')
    .orderBy('x.created_at')
    .orderBy('x.id')
    .execute();
}

/** The exchange a person already started on a listing, so a second press does not start another. */
export async function openExchangeOn(db: Executor, organisationId: string, listingId: string, personId: string) {
  return db
    .selectFrom('timebank_exchanges')
    .select('id')
    .where('organisation_id', '=', organisationId)
    .where('listing_id', '=', listingId)
    .where((eb) => eb.or([eb('giver_person_id', '=', personId), eb('receiver_person_id', '=', personId)]))
    .where('status', 'in', ['asked', 'proposed'])
    .executeTakeFirst();
}

/**
 * Changes an exchange only if it is still as the person last saw it (its status, who
 * proposed, how many minutes); false means someone else moved it on first.
 */
export async function moveExchange(
  db: Executor,
  organisationId: string,
  id: string,
  from: { statuses: readonly ExchangeStatus[]; proposedBy?: string; minutes?: number },
  changes: Updateable<TimebankExchangesTable>,
): Promise<boolean> {
  let q = db
    .updateTable('timebank_exchanges')
    .set(changes)
    .where('organisation_id', '=', organisationId)
    .where('id', '=', id)
    .where('status', 'in', [...from.statuses]);
  if (from.proposedBy !== undefined) q = q.where('proposed_by', '=', from.proposedBy);
  if (from.minutes !== undefined) q = q.where('minutes', '=', from.minutes);
  const result = await q.executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function insertPartnerOffer(db: Executor, row: Insertable<TimebankPartnerOffersTable>) {
  await db.insertInto('timebank_partner_offers').values(row).execute();
}

const partnerOffers = (db: Executor, organisationId: string) =>
  db
    .selectFrom('timebank_partner_offers as o')
    .innerJoin('timebank_accounts as a', (j) =>
      j.onRef('a.id', '=', 'o.partner_account_id').onRef('a.organisation_id', '=', 'o.organisation_id'),
    )
    .selectAll('o')
    .select('a.name as partner_name')
    .where('o.organisation_id', '=', organisationId);

export async function activePartnerOffers(db: Executor, organisationId: string) {
  return partnerOffers(db, organisationId).where('o.withdrawn_at', 'is', null).orderBy('a.name').orderBy('o.minutes').execute();
}

export async function findPartnerOffer(db: Executor, organisationId: string, id: string) {
  return partnerOffers(db, organisationId).where('o.id', '=', id).executeTakeFirst();
}

export async function withdrawPartnerOffer(db: Executor, organisationId: string, id: string, at: string): Promise<boolean> {
  const result = await db
    .updateTable('timebank_partner_offers')
    .set({ withdrawn_at: at })
    .where('organisation_id', '=', organisationId)
    .where('id', '=', id)
    .where('withdrawn_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export type ListingRow = NonNullable<Awaited<ReturnType<typeof findListing>>>;
export type ExchangeRow = NonNullable<Awaited<ReturnType<typeof findExchange>>>;
export type PartnerOfferRow = NonNullable<Awaited<ReturnType<typeof findPartnerOffer>>>;
