import { attendanceReference } from '../timebank/attendance-credits.ts';
import { isSettled, type Claim } from './claim.ts';
import type { TimebankAccess } from './ports.ts';

/** Each claim paid in time credits has its own transaction, given once (decision 0015). */
export const claimCreditReference = (claimId: string) => `claim:${claimId}`;

/**
 * A settled claim paid in time credits shows what the ledger holds for it, so the claim,
 * the statement and the time bank can never tell a person different things: credits later
 * taken back show as none. One query for any number of claims.
 */
export async function withLedgerCredits(timebank: TimebankAccess, organisationId: string, claims: readonly Claim[]): Promise<Claim[]> {
  const paidInCredits = new Set(claims.filter((c) => isSettled(c) && c.way === 'time-credits').map((c) => c.id));
  if (paidInCredits.size === 0) return [...claims];
  const references = claims
    .filter((c) => paidInCredits.has(c.id))
    .flatMap((c) => [claimCreditReference(c.id), ...(c.meetingId ? [attendanceReference(c.meetingId, c.personId)] : [])]);
  const found = new Map((await timebank.creditsByReference(organisationId, references)).map((r) => [r.reference, r]));
  return claims.map((c) => {
    if (!paidInCredits.has(c.id)) return c;
    // Before decision 0015 a meeting claim's credits carried the attendance reference.
    const earlier = c.meetingId ? found.get(attendanceReference(c.meetingId, c.personId)) : undefined;
    const given = found.get(claimCreditReference(c.id)) ?? (earlier?.kind === 'credit' ? earlier : undefined);
    return { ...c, creditMinutes: given && !given.reversed ? given.minutes : 0 };
  });
}
