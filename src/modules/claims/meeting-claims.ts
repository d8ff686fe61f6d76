import type { Db } from '../../db/connection.ts';
import type { CurrentUser } from '../../platform/auth.ts';
import { newId } from '../../platform/ids.ts';
import type { Clock } from '../../platform/time.ts';
import { toLondon } from '../meetings/meeting-time.ts';
import type { MeetingRecordService } from '../meetings/record.ts';
import type { MeetingService } from '../meetings/service.ts';
import type { PeopleService } from '../people/service.ts';
import type { ClaimAccess } from './access.ts';
import type { Claim } from './claim.ts';
import type { RewardsAccess } from './ports.ts';
import * as repo from './repository.ts';
import { claimsFromAttendance, meetingReference, type NoClaimReason } from './time-claims.ts';

type Deps = {
  db: Db;
  now: Clock;
  access: ClaimAccess;
  people: PeopleService;
  meetings: MeetingService;
  meetingRecords: MeetingRecordService;
  rewards: RewardsAccess;
};

export type MeetingClaims = {
  meeting: Awaited<ReturnType<MeetingService['getForUser']>>;
  claims: Claim[];
  /** People present who get no claim (yet), and why. */
  noClaim: Array<{ personId: string; name: string; reason: NoClaimReason }>;
  /** How many claims pressing the button would make now. */
  toMake: number;
  policyFound: boolean;
};

/** Claims made from a meeting's register (S2): one per person present, made once. */
export function makeMeetingClaimsService({ db, now, access, people, meetings, meetingRecords, rewards }: Deps) {
  async function work(user: CurrentUser, meetingId: string) {
    access.staffOnly(user);
    const meeting = await meetings.getForUser(user, meetingId);
    const onDate = toLondon(meeting.startsAt).date;
    const attendance = await meetingRecords.attendance(user.organisationId, meeting.id);
    const present = [...attendance]
      .filter(([, a]) => a.status === 'present')
      .map(([personId, a]) => ({ personId, minutesPresent: a.minutesPresent }));
    const policy = await rewards.policyOn(user.organisationId, onDate);
    const choices = await rewards.rewardChoicesOn(
      user.organisationId,
      present.map((p) => p.personId),
      onDate,
    );
    const alreadyMade = await repo.existingReferences(
      db,
      user.organisationId,
      present.map((p) => meetingReference(meeting.id, p.personId)),
    );
    const result = claimsFromAttendance({
      meetingId: meeting.id,
      onDate,
      present,
      policy,
      preparationMinutes: rewards.preparationMinutes,
      choices,
      alreadyMade,
    });
    return { meeting, policy, ...result };
  }

  return {
    /** What has been made for a meeting, and who was left out and why. */
    async forMeeting(user: CurrentUser, meetingId: string): Promise<MeetingClaims> {
      const { meeting, policy, claims: toMake, none } = await work(user, meetingId);
      const names = new Map(
        (
          await people.summaries(
            user.organisationId,
            none.map((n) => n.personId),
          )
        ).map((p) => [p.id, p.name]),
      );
      return {
        meeting,
        claims: await repo.listClaims(db, user.organisationId, { meetingId: meeting.id }),
        noClaim: none.filter((n) => n.reason !== 'already-made').map((n) => ({ ...n, name: names.get(n.personId) ?? '' })),
        toMake: toMake.length,
        policyFound: policy !== null,
      };
    },

    /**
     * Makes the claims, ready for approval. Pressing twice, or two people at once, makes
     * each claim only once: the reference is unique.
     */
    async makeFromAttendance(user: CurrentUser, meetingId: string): Promise<{ made: number }> {
      const { meeting, claims } = await work(user, meetingId);
      const at = now().toISOString();
      const made: Array<{ id: string; personId: string }> = [];
      await db.transaction().execute(async (trx) => {
        for (const c of claims) {
          const id = newId();
          const inserted = await repo.insertClaimOnce(trx, {
            id,
            organisation_id: user.organisationId,
            person_id: c.personId,
            kind: 'payment',
            reference: c.reference,
            project_id: meeting.projectId,
            meeting_id: meeting.id,
            category: c.activity,
            on_date: c.onDate,
            minutes: c.minutes,
            preparation_minutes: c.preparationMinutes,
            rate_pence: c.ratePence,
            preparation_rate_pence: c.preparationRatePence,
            amount_pence: c.amountPence,
            way: c.way,
            charity: c.charity,
            credit_minutes: c.creditMinutes,
            status: 'submitted',
            created_at: at,
            created_by: user.personId,
            submitted_at: at,
            submitted_by: user.personId,
            updated_at: at,
          });
          if (inserted) made.push({ id, personId: c.personId });
        }
      });
      for (const m of made) await access.audit(user, m, 'made-from-attendance', [{ field: 'meeting', to: meeting.id }], { onBehalf: true });
      return { made: made.length };
    },
  };
}

export type MeetingClaimsService = ReturnType<typeof makeMeetingClaimsService>;
