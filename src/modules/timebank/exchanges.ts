import type { Db } from '../../db/connection.ts';
import type { ExchangeStatus, ListingKind } from '../../db/schema/timebank.ts';
import { writeAudit } from '../../platform/audit.ts';
import { isStaff, type CurrentUser, type Actor } from '../../platform/auth.ts';
import { Conflict, Forbidden, NotFound } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import type { Clock } from '../../platform/time.ts';
import * as board from './board-repository.ts';
import type { Outcome } from './ledger.ts';
import { refusedAsOutcome, type LedgerService } from './ledger-service.ts';
import type { TellSwap } from './swap-notices.ts';

export type ListingInput = { kind: ListingKind; title: string; description: string; minutes: number };
export type Listing = ListingInput & { id: string; personId: string; personName: string; closed: boolean; createdAt: string };

export type Exchange = {
  id: string;
  listingId: string | null;
  listingTitle: string | null;
  giver: { id: string; name: string };
  receiver: { id: string; name: string };
  status: ExchangeStatus;
  note: string | null;
  minutes: number | null;
  happenedOn: string | null;
  proposedBy: string | null;
  confirmedAt: string | null;
  recordedBy: string | null;
  transactionId: string | null;
};

const toListing = (r: board.ListingRow): Listing => ({
  id: r.id,
  kind: r.kind,
  title: r.title,
  description: r.description,
  minutes: r.minutes,
  personId: r.person_id,
  personName: r.preferred_name || r.full_name,
  closed: r.closed_at !== null,
  createdAt: r.created_at,
});

const toExchange = (r: board.ExchangeRow): Exchange => ({
  id: r.id,
  listingId: r.listing_id,
  listingTitle: r.listing_title,
  giver: { id: r.giver_person_id, name: r.giver_preferred_name || r.giver_full_name },
  receiver: { id: r.receiver_person_id, name: r.receiver_preferred_name || r.receiver_full_name },
  status: r.status,
  note: r.note,
  minutes: r.minutes,
  happenedOn: r.happened_on,
  proposedBy: r.proposed_by,
  confirmedAt: r.confirmed_at,
  recordedBy: r.recorded_by,
  transactionId: r.transaction_id,
});

const moved = () => new Conflict('timebank:conflict.exchange');

/**
 * Offers ("I can help with forms"), requests ("I need help with my garden") and the
 * exchanges that follow. Credits move only when both sides say it happened: one proposes
 * the minutes and the date, the other confirms. Each step tells the other side by their own
 * channel, so nobody has to keep checking the board.
 */
export function makeExchangeService({ db, now, ledger, tell }: { db: Db; now: Clock; ledger: LedgerService; tell: TellSwap }) {
  async function listing(organisationId: string, id: string): Promise<Listing> {
    const row = await board.findListing(db, organisationId, id);
    if (!row) throw new NotFound();
    return toListing(row);
  }

  /** Only the two people in an exchange, and staff, may see it; to anyone else it does not exist. */
  async function get(user: CurrentUser, id: string): Promise<Exchange> {
    const row = await board.findExchange(db, user.organisationId, id);
    if (!row) throw new NotFound();
    const exchange = toExchange(row);
    if (!isStaff(user) && !isParty(exchange, user.personId)) throw new NotFound();
    return exchange;
  }

  const isParty = (x: Exchange, personId: string) => x.giver.id === personId || x.receiver.id === personId;

  /** The exchange as one of its two people; staff who are not in it cannot act for them here. */
  async function asParty(user: CurrentUser, id: string): Promise<Exchange> {
    const exchange = await get(user, id);
    if (!isParty(exchange, user.personId)) throw new Forbidden();
    return exchange;
  }

  /** Yes from one side of a proposed swap, for the minutes they were shown (see confirm). */
  async function confirmAs(
    organisationId: string,
    exchange: Exchange,
    personId: string,
    minutesSeen: number,
    recordedBy: string | null,
  ): Promise<Outcome<string>> {
    const id = exchange.id;
    if (exchange.status !== 'proposed' || exchange.proposedBy === personId || exchange.minutes !== minutesSeen) throw moved();
    const fromAccountId = await ledger.personAccountId(organisationId, exchange.receiver.id);
    const toAccountId = await ledger.personAccountId(organisationId, exchange.giver.id);
    return refusedAsOutcome(() =>
      db.transaction().execute(async (trx) => {
        const at = now().toISOString();
        const guard = { statuses: ['proposed'] as const, proposedBy: exchange.proposedBy!, minutes: minutesSeen };
        if (
          !(await board.moveExchange(trx, organisationId, id, guard, {
            status: 'confirmed',
            confirmed_by: personId,
            confirmed_at: at,
            updated_at: at,
          }))
        )
          throw moved();
        const memo = exchange.listingTitle ?? exchange.note ?? '';
        const transactionId = await ledger.transferIn(
          trx,
          { organisationId, personId: recordedBy ?? personId },
          { kind: 'exchange', fromAccountId, toAccountId, minutes: minutesSeen, memo, onBehalfOf: recordedBy ? personId : null },
        );
        await board.moveExchange(trx, organisationId, id, { statuses: ['confirmed'] }, { transaction_id: transactionId });
        return transactionId;
      }),
    );
  }

  return {
    listing,
    get,

    async post(user: CurrentUser, input: ListingInput): Promise<string> {
      const id = newId();
      const at = now().toISOString();
      await board.insertListing(db, {
        id,
        organisation_id: user.organisationId,
        person_id: user.personId,
        ...input,
        closed_at: null,
        created_at: at,
        updated_at: at,
      });
      return id;
    },

    async board(organisationId: string): Promise<Listing[]> {
      return (await board.openListings(db, organisationId)).map(toListing);
    },

    async close(user: CurrentUser, id: string): Promise<void> {
      const found = await listing(user.organisationId, id);
      if (found.personId !== user.personId && !isStaff(user)) throw new Forbidden();
      await board.closeListing(db, user.organisationId, id, now().toISOString());
    },

    /** "I can help" on a request or "I'd like this" on an offer. Pressing twice finds the first. */
    async respond(user: CurrentUser, listingId: string, note: string | null): Promise<string> {
      const found = await listing(user.organisationId, listingId);
      if (found.personId === user.personId) throw new Forbidden();
      if (found.closed) throw new Conflict('timebank:conflict.closed');
      const open = await board.openExchangeOn(db, user.organisationId, listingId, user.personId);
      if (open) return open.id;
      const id = newId();
      const at = now().toISOString();
      const [giver, receiver] = found.kind === 'offer' ? [found.personId, user.personId] : [user.personId, found.personId];
      const message = await tell(user, {
        exchangeId: id,
        to: found.personId,
        what: found.title,
        news: { event: 'asked', listingKind: found.kind },
        key: 'asked',
      });
      await db.transaction().execute(async (trx) => {
        await board.insertExchange(trx, {
          id,
          organisation_id: user.organisationId,
          listing_id: listingId,
          giver_person_id: giver,
          receiver_person_id: receiver,
          status: 'asked',
          note,
          minutes: null,
          happened_on: null,
          proposed_by: null,
          proposed_at: null,
          confirmed_by: null,
          confirmed_at: null,
          created_at: at,
          updated_at: at,
        });
        await message(trx);
      });
      return id;
    },

    async responses(organisationId: string, listingId: string): Promise<Exchange[]> {
      return (await board.exchangesForListing(db, organisationId, listingId)).map(toExchange);
    },

    async mine(organisationId: string, personId: string): Promise<Exchange[]> {
      return (await board.exchangesOfPerson(db, organisationId, personId)).map(toExchange);
    },

    /** Either side says it happened, with the time it took. Saying it again replaces the first. */
    async propose(user: CurrentUser, id: string, input: { minutes: number; happenedOn: string }): Promise<void> {
      const exchange = await asParty(user, id);
      const at = now().toISOString();
      // The other side is asked to say yes. Saying the same again is no news; a changed
      // proposal is, and its key (what it replaced and what it says) makes it go once.
      const said = (x: { proposedBy: string | null; minutes: number | null; happenedOn: string | null }) =>
        `${x.proposedBy}/${x.minutes}/${x.happenedOn}`;
      const proposal = { proposedBy: user.personId, minutes: input.minutes, happenedOn: input.happenedOn };
      const other =
        exchange.status === 'proposed' && said(exchange) === said(proposal)
          ? null
          : exchange.giver.id === user.personId
            ? exchange.receiver
            : exchange.giver;
      const message = other
        ? await tell(user, {
            exchangeId: id,
            to: other.id,
            what: exchange.listingTitle ?? exchange.note ?? '',
            key: `proposed:${said(exchange)}>${said(proposal)}`,
            news: {
              event: 'proposed',
              minutes: input.minutes,
              happenedOn: input.happenedOn,
              recipientGave: other.id === exchange.giver.id,
            },
          })
        : null;
      await db.transaction().execute(async (trx) => {
        const ok = await board.moveExchange(
          trx,
          user.organisationId,
          id,
          { statuses: ['asked', 'proposed'] },
          {
            status: 'proposed',
            minutes: input.minutes,
            happened_on: input.happenedOn,
            proposed_by: user.personId,
            proposed_at: at,
            updated_at: at,
          },
        );
        if (!ok) throw moved();
        if (message) await message(trx);
      });
    },

    /**
     * The other side agrees, for the minutes they were shown; only then do credits move from
     * the person who got help to the person who gave it. Refused when the person who got
     * help would go below the floor; nothing changes then.
     */
    async confirm(user: CurrentUser, id: string, minutesSeen: number): Promise<Outcome<string>> {
      return confirmAs(user.organisationId, await asParty(user, id), user.personId, minutesSeen, null);
    },

    /** The swap as one of its two people sees it by their personal link; null to anyone else. */
    async forParty(organisationId: string, id: string, personId: string): Promise<Exchange | null> {
      const row = await board.findExchange(db, organisationId, id);
      const exchange = row ? toExchange(row) : null;
      return exchange && isParty(exchange, personId) ? exchange : null;
    },

    /**
     * Saying yes without signing in, by a personal link or to staff who type the reply code:
     * the same as confirm, for that person; staff who record it are named on the ledger.
     */
    async confirmFor(
      party: { organisationId: string; personId: string },
      id: string,
      minutesSeen: number,
      recordedBy: string | null,
    ): Promise<Outcome<string>> {
      const row = await board.findExchange(db, party.organisationId, id);
      if (!row) throw new NotFound();
      const exchange = toExchange(row);
      if (!isParty(exchange, party.personId)) throw new NotFound();
      return confirmAs(party.organisationId, exchange, party.personId, minutesSeen, recordedBy);
    },

    /**
     * "No, that is not right": the proposal is taken back and the swap is open again, so
     * either side can say what really happened. No credits move.
     */
    async declineFor(
      party: { organisationId: string; personId: string },
      id: string,
      minutesSeen: number,
      recordedBy: string | null,
    ): Promise<void> {
      const row = await board.findExchange(db, party.organisationId, id);
      if (!row) throw new NotFound();
      const exchange = toExchange(row);
      if (!isParty(exchange, party.personId)) throw new NotFound();
      if (exchange.status !== 'proposed' || exchange.proposedBy === party.personId || exchange.minutes !== minutesSeen) throw moved();
      const at = now();
      await db.transaction().execute(async (trx) => {
        const guard = { statuses: ['proposed'] as const, proposedBy: exchange.proposedBy!, minutes: minutesSeen };
        const ok = await board.moveExchange(trx, party.organisationId, id, guard, {
          status: 'asked',
          minutes: null,
          happened_on: null,
          proposed_by: null,
          proposed_at: null,
          updated_at: at.toISOString(),
        });
        if (!ok) throw moved();
        await writeAudit(trx, {
          organisationId: party.organisationId,
          actorPersonId: recordedBy ?? party.personId,
          onBehalfOfPersonId: recordedBy ? party.personId : null,
          subjectType: 'timebank',
          subjectId: id,
          action: 'exchange-declined',
          changes: [{ field: 'minutes', from: minutesSeen, to: null }],
          at,
        });
      });
    },

    async withdraw(user: CurrentUser, id: string): Promise<void> {
      await asParty(user, id);
      const ok = await board.moveExchange(
        db,
        user.organisationId,
        id,
        { statuses: ['asked', 'proposed'] },
        { status: 'withdrawn', updated_at: now().toISOString() },
      );
      if (!ok) throw moved();
    },

    /**
     * Staff record an exchange for people who do not sign in. Both people's histories say
     * who recorded it and that it was on their behalf.
     */
    async recordForOthers(
      actor: Actor & { personId: string },
      input: { giverId: string; receiverId: string; minutes: number; happenedOn: string; what: string },
    ): Promise<Outcome<string>> {
      if (input.giverId === input.receiverId) return { ok: false, refusal: 'same-account' };
      const fromAccountId = await ledger.personAccountId(actor.organisationId, input.receiverId);
      const toAccountId = await ledger.personAccountId(actor.organisationId, input.giverId);
      return refusedAsOutcome(() =>
        db.transaction().execute(async (trx) => {
          const id = newId();
          const at = now();
          const transactionId = await ledger.transferIn(trx, actor, {
            kind: 'exchange',
            fromAccountId,
            toAccountId,
            minutes: input.minutes,
            memo: input.what,
            onBehalfOf: input.receiverId,
          });
          await board.insertExchange(trx, {
            id,
            organisation_id: actor.organisationId,
            listing_id: null,
            giver_person_id: input.giverId,
            receiver_person_id: input.receiverId,
            status: 'confirmed',
            note: input.what,
            minutes: input.minutes,
            happened_on: input.happenedOn,
            proposed_by: null,
            proposed_at: null,
            confirmed_by: actor.personId,
            confirmed_at: at.toISOString(),
            transaction_id: transactionId,
            recorded_by: actor.personId,
            created_at: at.toISOString(),
            updated_at: at.toISOString(),
          });
          for (const person of [input.giverId, input.receiverId]) {
            await writeAudit(trx, {
              organisationId: actor.organisationId,
              actorPersonId: actor.personId,
              onBehalfOfPersonId: person,
              subjectType: 'timebank',
              subjectId: id,
              action: 'exchange-recorded',
              changes: [{ field: 'minutes', to: input.minutes }],
              at,
            });
          }
          return id;
        }),
      );
    },
  };
}

export type ExchangeService = ReturnType<typeof makeExchangeService>;
