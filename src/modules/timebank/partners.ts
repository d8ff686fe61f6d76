import type { Db } from '../../db/connection.ts';
import { writeAudit } from '../../platform/audit.ts';
import { isStaff, type CurrentUser, type Actor } from '../../platform/auth.ts';
import { NotFound } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import type { Clock } from '../../platform/time.ts';
import * as board from './board-repository.ts';
import type { Outcome } from './ledger.ts';
import type { LedgerService } from './ledger-service.ts';
import type { Statements } from './statements.ts';

/** The partner is an entry of the directory (partnerId), or a name to find or add there. */
export type PartnerOfferInput = ({ partnerId: string } | { partnerName: string }) & { what: string; minutes: number };
export type PartnerOffer = { id: string; partnerName: string; what: string; minutes: number };

/**
 * Partners are entries of the directory of community groups (S5), not a list of the time
 * bank's own: the community-groups module keeps them, and marks those that take credits.
 */
export type PartnerDirectory = {
  timebankPartners(organisationId: string): Promise<Array<{ id: string; name: string }>>;
  timebankPartner(actor: Actor, ref: { id: string } | { name: string }): Promise<{ id: string; name: string } | null>;
};

const toOffer = (r: board.PartnerOfferRow): PartnerOffer => ({
  id: r.id,
  partnerName: r.partner_name ?? '',
  what: r.what,
  minutes: r.minutes,
});

/** A short code to show at the partner's desk; anyone can read it out over the phone. */
export const receiptCode = (transactionId: string) => transactionId.replace(/-/g, '').slice(0, 8).toUpperCase();

/** Partners (a leisure centre, a café) who accept time credits, and what people get for them. */
export function makePartnerService({
  db,
  now,
  ledger,
  statements,
  directory,
}: {
  db: Db;
  now: Clock;
  ledger: LedgerService;
  statements: Statements;
  directory: PartnerDirectory;
}) {
  const audit = (actor: Actor, subjectId: string, action: string, at: Date) =>
    writeAudit(db, { organisationId: actor.organisationId, actorPersonId: actor.personId, subjectType: 'timebank', subjectId, action, at });

  async function offer(organisationId: string, id: string): Promise<PartnerOffer> {
    const row = await board.findPartnerOffer(db, organisationId, id);
    if (!row || row.withdrawn_at !== null) throw new NotFound();
    return toOffer(row);
  }

  return {
    offer,

    async offers(organisationId: string): Promise<PartnerOffer[]> {
      return (await board.activePartnerOffers(db, organisationId)).map(toOffer);
    },

    /** The directory's entries that take time credits, for the staff's choice of partner. */
    partners: (organisationId: string) => directory.timebankPartners(organisationId),

    /** One account per directory entry, so a partner's takings add up in one place. */
    async add(actor: Actor, input: PartnerOfferInput): Promise<string> {
      const partner = await directory.timebankPartner(actor, 'partnerId' in input ? { id: input.partnerId } : { name: input.partnerName });
      if (!partner) throw new NotFound();
      const partnerAccountId = await ledger.partnerAccountId(actor.organisationId, partner);
      const id = newId();
      const at = now();
      await board.insertPartnerOffer(db, {
        id,
        organisation_id: actor.organisationId,
        partner_account_id: partnerAccountId,
        what: input.what,
        minutes: input.minutes,
        withdrawn_at: null,
        created_at: at.toISOString(),
        created_by: actor.personId,
      });
      await audit(actor, id, 'partner-offer-added', at);
      return id;
    },

    async withdraw(actor: Actor, id: string): Promise<void> {
      const at = now();
      if (!(await board.withdrawPartnerOffer(db, actor.organisationId, id, at.toISOString()))) throw new NotFound();
      await audit(actor, id, 'partner-offer-withdrawn', at);
    },

    /** A person spends their own credits on an offer: from their account to the partner's. */
    async spend(user: CurrentUser, offerId: string): Promise<Outcome<string>> {
      const row = await board.findPartnerOffer(db, user.organisationId, offerId);
      if (!row || row.withdrawn_at !== null) throw new NotFound();
      const fromAccountId = await ledger.personAccountId(user.organisationId, user.personId);
      return ledger.transfer(
        { organisationId: user.organisationId, personId: user.personId },
        { kind: 'partner', fromAccountId, toAccountId: row.partner_account_id, minutes: row.minutes, memo: row.what },
      );
    },

    /** What to show the partner: only the person who spent the credits, or staff, may see it. */
    async receipt(user: CurrentUser, transactionId: string) {
      const line = await statements.transaction(user.organisationId, transactionId);
      const payer = line.parties.find((p) => p.minutes < 0);
      const partner = line.parties.find((p) => p.kind === 'partner');
      if (line.kind !== 'partner' || !payer || !partner) throw new NotFound();
      if (payer.personId !== user.personId && !isStaff(user)) throw new NotFound();
      return {
        code: receiptCode(line.transactionId),
        partnerName: partner.name ?? '',
        what: line.memo,
        minutes: partner.minutes,
        at: line.at,
        personName: payer.name ?? '',
        reversed: line.reversed,
      };
    },
  };
}

export type PartnerService = ReturnType<typeof makePartnerService>;
