// A county-sized organisation on demand (`npm run demo -- --size county`), for the bench and
// for tests that must show a page does not slow down as data grows. It grows the demo
// council in place, so the demo's sign-ins still work, and writes in batches: it keeps the
// app's rules (every ledger transaction balances, references are unique, states are ones
// the app makes) without going through the app one row at a time.
import { sql, type Insertable } from 'kysely';
import { isPostgres, type Db, type Executor } from '../src/db/connection.ts';
import type { Database } from '../src/db/schema.ts';
import { perspectiveGroupOf } from '../src/platform/perspective-groups.ts';
import { allStatements } from '../src/modules/reviews/vocabulary.ts';
import { attendanceReference } from '../src/modules/timebank/attendance-credits.ts';
import { countyEqualityAnswer } from './demo-equality.ts';
import { moduleSlugs } from '../src/modules/learn/modules.ts';
import { growCountyCommissioning } from './county-commissioning.ts';
import { growCountyCommissioningChecks } from './county-commissioning-checks.ts';

export type CountySizes = {
  people: number;
  projects: number;
  meetings: number;
  attendance: number;
  invitations: number;
  claims: number;
  ledgerEntries: number;
  proposals: number;
  ballots: number;
  reviewAnswers: number;
  outbox: number;
  audit: number;
};

export const countySizes: CountySizes = {
  people: 20_000,
  projects: 1_000,
  meetings: 20_000,
  attendance: 200_000,
  invitations: 300_000,
  claims: 100_000,
  ledgerEntries: 500_000,
  proposals: 5_000,
  ballots: 100_000,
  reviewAnswers: 200_000,
  outbox: 50_000,
  audit: 1_000_000,
};

/** A hundredth of a county: big enough to show growth, quick enough for the tests. */
export const smallSizes: CountySizes = Object.fromEntries(
  Object.entries(countySizes).map(([k, v]) => [k, Math.max(10, Math.round(v / 100))]),
) as CountySizes;

export const sizePresets = { county: countySizes, small: smallSizes } as const;

// A seeded generator, so two runs make the same county.
function randomFrom(seed: number) {
  let s = seed >>> 0;
  const next = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (n: number) => Math.floor(next() * n),
    pick: <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!,
    chance: (p: number) => next() < p,
  };
}

const firstNames = [
  'Ada',
  'Ben',
  'Chloe',
  'Dev',
  'Ella',
  'Faisal',
  'Gwen',
  'Hamza',
  'Iris',
  'Jack',
  'Kiran',
  'Lena',
  'Mo',
  'Nia',
  'Olu',
  'Priya',
  'Rhys',
  'Sara',
  'Tariq',
  'Una',
  'Vik',
  'Wen',
  'Yusuf',
  'Zoe',
];
const lastNames = [
  'Ahmed',
  'Brown',
  'Clarke',
  'Davies',
  'Evans',
  'Fofana',
  'Green',
  'Hughes',
  'Iqbal',
  'Jones',
  'Khan',
  'Lewis',
  'Morgan',
  'Nowak',
  'Osei',
  'Patel',
  'Roberts',
  'Singh',
  'Taylor',
  'Walker',
  'Young',
];
const towns = ['Northby', 'Eastwick', 'Millford', 'Hatherley', 'Stonebridge', 'Ashcombe', 'Kingsmoor', 'Lowfield'];
const topics = [
  'day services',
  'carers breaks',
  'home care',
  'transport',
  'housing support',
  'mental health',
  'dementia care',
  'direct payments',
  'information and advice',
  'lunch clubs',
];
const stages = ['idea', 'planning', 'doing', 'reviewing', 'closed'] as const;
const levels = ['informing', 'consulting', 'co-producing'] as const;
// Weighted towards the people the app exists for.
const perspectiveMix = [
  ...Array<string>(35).fill('draws-on-care'),
  ...Array<string>(25).fill('carer'),
  ...Array<string>(10).fill('family'),
  ...Array<string>(14).fill('community'),
  ...Array<string>(8).fill('practitioner'),
  ...Array<string>(3).fill('manager'),
  ...Array<string>(3).fill('commissioner'),
  ...Array<string>(2).fill('partner'),
];
const day = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString();
const dateOf = (ms: number) => iso(ms).slice(0, 10);
// Ids shaped like the app's (UUID version 4), with the kind of record in the first block.
const kindCodes = new Map<string, string>();
const idOf = (kind: string, n: number) => {
  if (!kindCodes.has(kind)) kindCodes.set(kind, Buffer.from(kind.padEnd(4, '_').slice(0, 4)).toString('hex'));
  return `${kindCodes.get(kind)!}-c0c0-4000-8000-${n.toString(16).padStart(12, '0')}`;
};

let isSuperuser: boolean | undefined;
async function superuser(db: Executor): Promise<boolean> {
  isSuperuser ??= Boolean(
    (await sql<{ rolsuper: boolean }>`select rolsuper from pg_roles where rolname = current_user`.execute(db)).rows[0]?.rolsuper,
  );
  return isSuperuser;
}

/**
 * Writes rows in multi-row inserts, each under the databases' limit on bound values
 * (SQLite 32,766; PostgreSQL 65,535), all of a table in one transaction.
 */
async function insertAll<T extends keyof Database & string>(db: Db, table: T, rows: Iterable<Insertable<Database[T]>>): Promise<number> {
  let count = 0;
  await db.transaction().execute(async (trx) => {
    // PostgreSQL checks each row's foreign keys one by one (1,500 rows a second here). The
    // generator keeps the references right itself, so a superuser skips the checks for
    // this transaction; anyone else waits longer.
    if (isPostgres(trx) && (await superuser(trx))) await sql`set local session_replication_role = replica`.execute(trx);
    let batch: Array<Insertable<Database[T]>> = [];
    let perBatch = 0;
    let organisationId: string | undefined;
    for (const row of rows) {
      organisationId ??= (row as { organisation_id?: string }).organisation_id;
      if (!perBatch) perBatch = Math.max(1, Math.floor(30_000 / Object.keys(row as object).length));
      batch.push(row);
      if (batch.length >= perBatch) {
        await trx
          .insertInto(table)
          .values(batch as never)
          .execute();
        count += batch.length;
        batch = [];
      }
    }
    if (batch.length) {
      await trx
        .insertInto(table)
        .values(batch as never)
        .execute();
      count += batch.length;
    }
    // With the checks skipped the figure-version triggers did not fire either: move the
    // version on here, so a running app does not keep figures from before the new rows.
    if (organisationId && isPostgres(trx) && (await superuser(trx)))
      await trx
        .insertInto('figure_versions')
        .values({ organisation_id: organisationId, version: 1 })
        .onConflict((oc) => oc.column('organisation_id').doUpdateSet({ version: sql`figure_versions.version + 1` }))
        .execute();
  });
  return count;
}

export type CountyResult = Record<string, number>;

/**
 * Adds a county's worth of people, projects and history to an organisation. Past dates run
 * back five years from the clock's today; a tenth of meetings are still to come.
 */
export async function growCounty(
  db: Db,
  organisationId: string,
  staffPersonId: string,
  sizes: CountySizes,
  now: Date,
  log: (line: string) => void = () => {},
): Promise<CountyResult> {
  const r = randomFrom(20_000);
  const today = now.getTime();
  const fiveYears = 5 * 365 * day;
  const created = iso(today - fiveYears - 30 * day);
  const made: CountyResult = {};
  const step = async <T extends keyof Database & string>(table: T, rows: Iterable<Insertable<Database[T]>>) => {
    const started = performance.now();
    made[table] = (made[table] ?? 0) + (await insertAll(db, table, rows));
    log(`  ${table.padEnd(24)} ${String(made[table]).padStart(9)}  ${((performance.now() - started) / 1000).toFixed(1)} s`);
  };

  // People: a realistic mix of perspectives, and many with no email at all.
  const P = sizes.people;
  const personId = (i: number) => idOf('per', i);
  const perspectiveOf: string[] = [];
  for (let i = 0; i < P; i++) perspectiveOf.push(r.pick(perspectiveMix));
  await step(
    'people',
    (function* () {
      for (let i = 0; i < P; i++) {
        const name = `${r.pick(firstNames)} ${r.pick(lastNames)} ${i + 1}`;
        const hasEmail = r.chance(0.6);
        const hasMobile = r.chance(0.6);
        const channels = [hasEmail ? 'email' : null, hasMobile ? 'text' : null, 'phone', r.chance(0.3) ? 'letter' : null].filter(Boolean);
        yield {
          id: personId(i),
          organisation_id: organisationId,
          full_name: name,
          preferred_name: null,
          pronouns: null,
          email: hasEmail ? `person${i + 1}@county.example` : null,
          mobile: hasMobile ? `07700 ${String(100000 + (i % 900000)).padStart(6, '0')}` : null,
          landline: r.chance(0.3) ? '01632 960000' : null,
          address: r.chance(0.5) ? `${1 + r.int(200)} High Street, ${r.pick(towns)}` : null,
          contact_order: JSON.stringify(channels),
          contact_times: null,
          skills: null,
          knowledge: null,
          lived_experience: null,
          interests: r.chance(0.5) ? r.pick(topics) : null,
          time_to_give: null,
          unsuitable_times: null,
          calendar_feed_version: null,
          created_at: created,
          updated_at: created,
        };
      }
    })(),
  );
  await step(
    'person_perspectives',
    (function* () {
      for (let i = 0; i < P; i++) {
        yield { organisation_id: organisationId, person_id: personId(i), perspective: perspectiveOf[i]! };
        if (perspectiveOf[i] === 'draws-on-care' && r.chance(0.15))
          yield { organisation_id: organisationId, person_id: personId(i), perspective: 'community' };
      }
    })(),
  );
  await step(
    'access_needs',
    (function* () {
      for (let i = 0; i < P; i += 3) {
        yield {
          organisation_id: organisationId,
          person_id: personId(i),
          consent_given: 1,
          consent_recorded_at: created,
          consent_recorded_by: staffPersonId,
          formats: JSON.stringify(r.chance(0.4) ? [r.pick(['easy-read', 'large-print', 'audio'])] : []),
          interpreter_language: null,
          physical: JSON.stringify(r.chance(0.5) ? ['step-free'] : []),
          support: JSON.stringify(r.chance(0.2) ? ['support-worker'] : []),
          dietary: null,
          other: null,
          updated_at: created,
        };
      }
    })(),
  );

  // Supporters (issue 17): about one person in 25 has one; most are someone on the register,
  // the rest a contact staff phone; one in ten ended, one in ten due for review.
  const supported = Math.floor(P / 25);
  const supporterKinds = ['family', 'friend', 'carer', 'advocate', 'care-act-advocate', 'support-worker'] as const;
  await step(
    'supporters',
    (function* () {
      for (let n = 0; n < supported; n++) {
        const person = (n * 25) % P;
        const onRegister = n % 5 < 3;
        const consent = n % 4 !== 0;
        yield {
          id: idOf('sup', n),
          organisation_id: organisationId,
          person_id: personId(person),
          supporter_person_id: onRegister ? personId((person + 1) % P) : null,
          contact_name: onRegister ? null : `${r.pick(firstNames)} ${r.pick(lastNames)}`,
          contact_channel: onRegister ? null : ('phone' as const),
          contact_email: null,
          contact_mobile: onRegister ? null : '07700 900000',
          contact_address: null,
          kind: supporterKinds[n % supporterKinds.length]!,
          relationship: null,
          may_copies: n % 2,
          may_reply: 1,
          may_vote: consent ? 1 : 0,
          may_reviews: 1,
          may_claim: n % 3 === 0 ? 1 : 0,
          basis: consent ? ('consent' as const) : ('best-interests' as const),
          consent_how: consent ? 'Face to face' : null,
          basis_made_by: consent ? null : 'Social worker',
          basis_made_on: dateOf(today - 200 * day),
          basis_reference: null,
          review_on: dateOf(today + (n % 10 === 0 ? -10 : 165) * day),
          recorded_by: staffPersonId,
          created_at: iso(today - 200 * day),
          ended_at: n % 10 === 5 ? iso(today - 20 * day) : null,
          ended_by: n % 10 === 5 ? staffPersonId : null,
        };
      }
    })(),
  );

  // Projects, each with its members drawn from the register.
  const J = sizes.projects;
  const projectId = (j: number) => idOf('prj', j);
  const membersPerProject = Math.max(4, Math.min(40, Math.round((sizes.invitations / Math.max(1, sizes.meetings)) * 1.4)));
  const memberOf = (j: number, k: number) => (j * 7919 + k * 104_729) % P;
  const projectStart = (j: number) => today - fiveYears + Math.floor((j / J) * fiveYears * 0.8);
  await step(
    'projects',
    (function* () {
      for (let j = 0; j < J; j++) {
        const start = projectStart(j);
        yield {
          id: projectId(j),
          organisation_id: organisationId,
          title: `${r.pick(topics)[0]!.toUpperCase()}${r.pick(topics).slice(1)} in ${r.pick(towns)} ${j + 1}`,
          purpose: `To make ${r.pick(topics)} work better for the people who use it, together.`,
          activities: JSON.stringify(['design', 'review']),
          level_aim: r.pick(levels),
          stage: j < J * 0.6 ? 'closed' : r.pick(stages),
          start_date: dateOf(start),
          created_at: iso(start),
          updated_at: iso(start),
        };
      }
    })(),
  );
  await step(
    'project_stage_changes',
    (function* () {
      for (let j = 0; j < J; j++) {
        yield {
          id: idOf('psc', j),
          organisation_id: organisationId,
          project_id: projectId(j),
          stage: 'idea',
          changed_on: dateOf(projectStart(j)),
          changed_at: iso(projectStart(j)),
        };
      }
    })(),
  );
  await step(
    'project_members',
    (function* () {
      for (let j = 0; j < J; j++) {
        const seen = new Set<number>();
        for (let k = 0; k < membersPerProject; k++) {
          const p = memberOf(j, k);
          if (seen.has(p)) continue;
          seen.add(p);
          yield {
            organisation_id: organisationId,
            project_id: projectId(j),
            person_id: personId(p),
            role: k === 0 ? ('co-chair' as const) : ('member' as const),
            joined_on: dateOf(projectStart(j)),
          };
        }
      }
    })(),
  );

  // Meetings over five years; a tenth still to come. Invitations go to a project's
  // members, attendance is recorded for meetings that have happened.
  const M = sizes.meetings;
  const meetingId = (m: number) => idOf('mtg', m);
  const projectOfMeeting = (m: number) => m % J;
  const meetingStart = (m: number) => {
    const j = projectOfMeeting(m);
    const from = projectStart(j);
    const span = today + 60 * day - from;
    const at = from + Math.floor(((Math.floor(m / J) + 0.5) / Math.ceil(M / J)) * span);
    return Math.floor(at / day) * day + 10 * 3_600_000;
  };
  await step(
    'meetings',
    (function* () {
      for (let m = 0; m < M; m++) {
        const starts = meetingStart(m);
        yield {
          id: meetingId(m),
          organisation_id: organisationId,
          project_id: projectId(projectOfMeeting(m)),
          title: `Meeting ${Math.floor(m / J) + 1}`,
          purpose: 'To plan the next steps together.',
          starts_at: iso(starts),
          ends_at: iso(starts + 2 * 3_600_000),
          format: r.pick(['online', 'phone', 'hybrid'] as const),
          venue_id: null,
          joining_details: 'Joining details are sent by the facilitator.',
          members_only: 0,
          arrangements: '[]',
          interpreter_languages: null,
          cancelled_at: null,
          invitations_sent_at: iso(starts - 14 * day),
          created_at: iso(starts - 21 * day),
          updated_at: iso(starts - 21 * day),
        };
      }
    })(),
  );
  const invitedPerMeeting = Math.min(membersPerProject, Math.max(1, Math.round(sizes.invitations / M)));
  const presentPerMeeting = Math.min(invitedPerMeeting, Math.max(1, Math.round(sizes.attendance / M)));
  const invitee = (m: number, k: number) => memberOf(projectOfMeeting(m), k);
  const distinctInvitees = (m: number, count: number) => {
    const out: number[] = [];
    const seen = new Set<number>();
    for (let k = 0; out.length < count && k < membersPerProject; k++) {
      const p = invitee(m, k);
      if (!seen.has(p)) out.push(p);
      seen.add(p);
    }
    return out;
  };
  await step(
    'meeting_invitees',
    (function* () {
      for (let m = 0; m < M; m++) {
        const starts = meetingStart(m);
        const past = starts < today;
        for (const p of distinctInvitees(m, invitedPerMeeting)) {
          const reply = r.pick(['yes', 'yes', 'yes', 'no', 'maybe', 'none'] as const);
          yield {
            organisation_id: organisationId,
            meeting_id: meetingId(m),
            person_id: personId(p),
            channel: r.pick(['email', 'text', 'letter', 'phone']),
            invited_at: iso(starts - 14 * day),
            reply,
            replied_at: reply === 'none' ? null : iso(starts - 10 * day),
            reply_recorded_by: null,
            reply_note: null,
            reminded_at: past ? iso(starts - 2 * day) : null,
          };
        }
      }
    })(),
  );
  const pastMeetings: number[] = [];
  for (let m = 0; m < M; m++) if (meetingStart(m) < today) pastMeetings.push(m);
  const attendees = (m: number) => distinctInvitees(m, presentPerMeeting);
  await step(
    'meeting_attendance',
    (function* () {
      for (const m of pastMeetings) {
        const starts = meetingStart(m);
        for (const p of attendees(m)) {
          const present = r.chance(0.85);
          yield {
            organisation_id: organisationId,
            meeting_id: meetingId(m),
            person_id: personId(p),
            status: present ? ('present' as const) : ('apologies' as const),
            arrived_at: present ? iso(starts) : null,
            left_at: present ? iso(starts + 2 * 3_600_000) : null,
            minutes_present: present ? 120 : null,
            recorded_by: staffPersonId,
            recorded_at: iso(starts + 3 * 3_600_000),
          };
        }
      }
    })(),
  );
  await step(
    'meeting_notes',
    (function* () {
      for (const m of pastMeetings) {
        const starts = meetingStart(m);
        yield {
          meeting_id: meetingId(m),
          organisation_id: organisationId,
          discussed: 'What works now, what does not, and what to try next.',
          summary: 'We agreed what to try next and who will do it.',
          updated_at: iso(starts + 4 * 3_600_000),
          updated_by: staffPersonId,
          summary_published_at: iso(starts + 4 * 3_600_000),
        };
      }
    })(),
  );
  await step(
    'meeting_actions',
    (function* () {
      for (const m of pastMeetings) {
        const starts = meetingStart(m);
        yield {
          id: idOf('act', m),
          organisation_id: organisationId,
          meeting_id: meetingId(m),
          what: 'Write up what people said and share it',
          owner_person_id: staffPersonId,
          due_on: dateOf(starts + 14 * day),
          status: starts < today - 60 * day ? ('done' as const) : ('to-do' as const),
          created_at: iso(starts),
          updated_at: iso(starts),
        };
      }
    })(),
  );

  // Claims from attendance: paid for the older ones, waiting for the newest.
  const isLived = (p: number) => perspectiveOf[p] === 'draws-on-care' || perspectiveOf[p] === 'carer';
  let claimNo = 0;
  await step(
    'claims',
    (function* () {
      for (const m of pastMeetings) {
        const starts = meetingStart(m);
        for (const p of attendees(m)) {
          if (claimNo >= sizes.claims) return;
          if (!isLived(p)) continue;
          const old = starts < today - 45 * day;
          const status: 'paid' | 'approved' | 'submitted' = old
            ? r.chance(0.9)
              ? 'paid'
              : 'approved'
            : r.pick(['submitted', 'approved'] as const);
          const at = iso(starts + day);
          const id = idOf('clm', claimNo++);
          yield {
            id,
            organisation_id: organisationId,
            person_id: personId(p),
            kind: 'payment' as const,
            reference: `time:${id}`,
            project_id: projectId(projectOfMeeting(m)),
            meeting_id: meetingId(m),
            category: 'involvement',
            on_date: dateOf(starts),
            minutes: 120,
            preparation_minutes: 0,
            rate_pence: 1500,
            preparation_rate_pence: 0,
            amount_pence: 3000,
            way: r.chance(0.8) ? ('bank-transfer' as const) : ('voucher' as const),
            status,
            created_at: at,
            created_by: staffPersonId,
            submitted_at: at,
            submitted_by: staffPersonId,
            approved_at: status === 'submitted' ? null : at,
            approved_by: status === 'submitted' ? null : staffPersonId,
            approved_on: status === 'submitted' ? null : dateOf(starts + day),
            paid_at: status === 'paid' ? iso(starts + 10 * day) : null,
            paid_by: status === 'paid' ? staffPersonId : null,
            payment_reference: status === 'paid' ? `BACS-${claimNo}` : null,
            updated_at: at,
          };
        }
      }
    })(),
  );

  // The time bank: an account each, and balanced two-line transactions: attendance credits
  // from the organisation, and swaps between people.
  const orgAccount = await db
    .selectFrom('timebank_accounts')
    .select('id')
    .where('organisation_id', '=', organisationId)
    .where('kind', '=', 'organisation')
    .executeTakeFirst();
  const orgAccountId = orgAccount?.id ?? idOf('tba', P);
  if (!orgAccount) {
    await step('timebank_accounts', [
      {
        id: orgAccountId,
        organisation_id: organisationId,
        kind: 'organisation' as const,
        person_id: null,
        name: null,
        created_at: created,
      },
    ]);
  }
  const accountId = (p: number) => idOf('tba', p);
  await step(
    'timebank_accounts',
    (function* () {
      for (let p = 0; p < P; p++) {
        yield {
          id: accountId(p),
          organisation_id: organisationId,
          kind: 'person' as const,
          person_id: personId(p),
          name: null,
          created_at: created,
        };
      }
    })(),
  );
  const transactions = Math.floor(sizes.ledgerEntries / 2);
  type Line = { tx: string; account: string; minutes: number; at: string };
  const lines: Line[] = [];
  await step(
    'timebank_transactions',
    (function* () {
      let t = 0;
      // Attendance credits first, for people who chose them, then swaps.
      for (const m of pastMeetings) {
        const at = iso(meetingStart(m) + 3 * 3_600_000);
        for (const p of attendees(m)) {
          if (t >= transactions / 2) break;
          if (isLived(p)) continue;
          const tx = idOf('tbt', t++);
          lines.push({ tx, account: orgAccountId, minutes: -120, at }, { tx, account: accountId(p), minutes: 120, at });
          yield {
            id: tx,
            organisation_id: organisationId,
            kind: 'attendance' as const,
            memo: 'Time at a meeting',
            reference: attendanceReference(meetingId(m), personId(p)),
            reverses_id: null,
            recorded_by: staffPersonId,
            on_behalf_of: null,
            created_at: at,
          };
        }
      }
      while (t < transactions) {
        const giver = r.int(P);
        const receiver = (giver + 1 + r.int(P - 1)) % P;
        const minutes = 30 * (1 + r.int(6));
        const at = iso(today - fiveYears + Math.floor((t / transactions) * fiveYears));
        const tx = idOf('tbt', t++);
        lines.push({ tx, account: accountId(receiver), minutes: -minutes, at }, { tx, account: accountId(giver), minutes, at });
        yield {
          id: tx,
          organisation_id: organisationId,
          kind: 'exchange' as const,
          memo: 'A swap',
          reference: null,
          reverses_id: null,
          recorded_by: null,
          on_behalf_of: null,
          created_at: at,
        };
      }
    })(),
  );
  await step(
    'timebank_entries',
    (function* () {
      let e = 0;
      for (const l of lines) {
        yield {
          id: idOf('tbe', e++),
          organisation_id: organisationId,
          transaction_id: l.tx,
          account_id: l.account,
          minutes: l.minutes,
          created_at: l.at,
        };
      }
    })(),
  );
  lines.length = 0;

  // Shared decisions: majority and consent questions, each project member free to vote.
  const Q = sizes.proposals;
  const proposalId = (q: number) => idOf('prp', q);
  const votersPerProposal = Math.min(membersPerProject, Math.max(1, Math.round(sizes.ballots / Q)));
  const proposalTimes = (q: number) => {
    const opens = meetingStart(q % M) - 7 * day;
    return { opens, closes: opens + 14 * day };
  };
  const methodOf = (q: number) => (q % 2 === 0 ? ('majority' as const) : ('consent' as const));
  await step(
    'proposals',
    (function* () {
      for (let q = 0; q < Q; q++) {
        const { opens, closes } = proposalTimes(q);
        yield {
          id: proposalId(q),
          organisation_id: organisationId,
          project_id: projectId(projectOfMeeting(q % M)),
          meeting_id: null,
          question: methodOf(q) === 'majority' ? 'Which day suits best for the group?' : 'Shall we try the new plan for six months?',
          background: null,
          method: methodOf(q),
          settings: '{}',
          everyone: 1,
          secret: 0,
          opens_at: iso(opens),
          closes_at: iso(closes),
          invitations_sent_at: iso(opens),
          created_at: iso(opens - day),
          created_by: staffPersonId,
          updated_at: iso(opens - day),
        };
      }
    })(),
  );
  const optionId = (q: number, o: number) => idOf(`op${o}`, q);
  await step(
    'proposal_options',
    (function* () {
      for (let q = 0; q < Q; q++) {
        if (methodOf(q) !== 'majority') continue;
        for (let o = 0; o < 3; o++) {
          yield {
            id: optionId(q, o),
            organisation_id: organisationId,
            proposal_id: proposalId(q),
            position: o + 1,
            title: ['Monday', 'Wednesday', 'Friday'][o]!,
            description: null,
            cost_pence: null,
          };
        }
      }
    })(),
  );
  const votersOf = (q: number) => distinctInvitees(q % M, votersPerProposal);
  const votedQuestions = (function* () {
    for (let q = 0; q < Q; q++) if (proposalTimes(q).opens < today) yield q;
  })();
  const voted = [...votedQuestions];
  await step(
    'proposal_participation',
    (function* () {
      for (const q of voted) {
        for (const p of votersOf(q)) {
          yield {
            organisation_id: organisationId,
            proposal_id: proposalId(q),
            person_id: personId(p),
            voted_at: iso(proposalTimes(q).opens + day),
            recorded_by: null,
            recorded_how: null,
          };
        }
      }
    })(),
  );
  await step(
    'proposal_ballots',
    (function* () {
      let b = 0;
      for (const q of voted) {
        for (const p of votersOf(q)) {
          const body =
            methodOf(q) === 'majority'
              ? { choice: optionId(q, r.int(3)) }
              : r.chance(0.9)
                ? { response: 'agree', reason: null }
                : { response: 'disagree', reason: 'Not sure it will work' };
          yield {
            id: idOf('blt', b++),
            organisation_id: organisationId,
            proposal_id: proposalId(q),
            voter_person_id: personId(p),
            perspective_groups: JSON.stringify([perspectiveGroupOf(perspectiveOf[p]!)]),
            body: JSON.stringify(body),
          };
        }
      }
    })(),
  );

  // Quarterly reviews of the whole organisation, answered by a share of the register.
  const cycles = 20;
  const answersPerCycle = Math.floor(sizes.reviewAnswers / cycles);
  const peoplePerCycle = Math.max(1, Math.min(P, Math.floor(answersPerCycle / allStatements.length)));
  const cycleOpens = (c: number) => today - fiveYears + Math.floor(((c + 1) / (cycles + 1)) * fiveYears);
  await step(
    'review_cycles',
    (function* () {
      for (let c = 0; c < cycles; c++) {
        const opens = cycleOpens(c);
        yield {
          id: idOf('rvc', c),
          organisation_id: organisationId,
          project_id: null,
          title: `Quarterly review ${c + 1}`,
          opens_on: dateOf(opens),
          closes_on: dateOf(opens + 28 * day),
          schedule: 'quarterly' as const,
          gap_threshold_tenths: 10,
          follows_cycle_id: c > 0 ? idOf('rvc', c - 1) : null,
          invitations_sent_at: iso(opens),
          closed_at: iso(opens + 29 * day),
          closed_by: staffPersonId,
          created_at: iso(opens - day),
          created_by: staffPersonId,
        };
      }
    })(),
  );
  await step(
    'review_answers',
    (function* () {
      for (let c = 0; c < cycles; c++) {
        const at = iso(cycleOpens(c) + 7 * day);
        for (let k = 0; k < peoplePerCycle; k++) {
          const p = (c * 3331 + k) % P;
          for (const statement of allStatements) {
            const dontKnow = r.chance(0.05);
            yield {
              organisation_id: organisationId,
              cycle_id: idOf('rvc', c),
              person_id: personId(p),
              statement,
              rating: dontKnow ? null : 1 + r.int(5),
              dont_know: dontKnow ? 1 : 0,
              comment: null,
              way: 'self' as const,
              recorded_by: null,
              updated_at: at,
            };
          }
        }
      }
    })(),
  );

  // Messages already sent, and the history of who did what.
  await step(
    'outbox',
    (function* () {
      for (let o = 0; o < sizes.outbox; o++) {
        const m = o % M;
        const p = invitee(m, 0);
        const at = iso(meetingStart(m) - 14 * day);
        yield {
          id: idOf('obx', o),
          organisation_id: organisationId,
          person_id: personId(p),
          about_id: meetingId(m),
          kind: 'invitation' as const,
          channel: 'email' as const,
          recipient: `person${p + 1}@county.example`,
          subject: 'You are invited to a meeting',
          body_text: 'You are invited. Please tell us if you can come.',
          status: 'sent' as const,
          attempts: 1,
          next_attempt_at: at,
          last_error: null,
          created_at: at,
          sent_at: at,
        };
      }
    })(),
  );
  await step(
    'audit_log',
    (function* () {
      for (let a = 0; a < sizes.audit; a++) {
        const p = a % P;
        yield {
          id: idOf('aud', a),
          organisation_id: organisationId,
          at: iso(today - fiveYears + Math.floor((a / sizes.audit) * fiveYears)),
          actor_person_id: staffPersonId,
          on_behalf_of_person_id: null,
          subject_type: a % 4 === 0 ? 'access-needs' : 'person',
          subject_id: personId(p),
          action: a % 4 === 0 ? 'viewed' : 'updated',
          changes: '[]',
        };
      }
    })(),
  );

  // Polls of times (issue 17): one for every twentieth meeting, three times each, asked of
  // the meeting's invitees. Past ones were decided as that meeting; those still to close
  // are open, with two in three people answered. No random draws: the rows above stay the same.
  const T = Math.max(1, Math.floor(M / 20));
  const pollMeeting = (k: number) => k * 20;
  const pollCloses = (k: number) => meetingStart(pollMeeting(k)) - 10 * day;
  const pollDecided = (k: number) => pollCloses(k) < today;
  const pollAsked = (k: number) => distinctInvitees(pollMeeting(k), invitedPerMeeting);
  const pollAnswered = (k: number, i: number) => pollDecided(k) || i % 3 !== 2;
  await step(
    'time_polls',
    (function* () {
      for (let k = 0; k < T; k++) {
        const m = pollMeeting(k);
        const decided = pollDecided(k);
        yield {
          id: idOf('tpl', k),
          organisation_id: organisationId,
          project_id: projectId(projectOfMeeting(m)),
          title: `Meeting ${Math.floor(m / J) + 1}`,
          purpose: 'To plan the next steps together.',
          format: 'online',
          venue_id: null,
          joining_details: 'Joining details are sent by the facilitator.',
          closes_at: iso(pollCloses(k)),
          status: decided ? ('decided' as const) : ('open' as const),
          chosen_option_id: decided ? idOf('tpo', k * 3) : null,
          meeting_id: decided ? meetingId(m) : null,
          decided_by: decided ? staffPersonId : null,
          decided_at: decided ? iso(pollCloses(k) + day) : null,
          sent_at: iso(pollCloses(k) - 14 * day),
          created_by: staffPersonId,
          created_at: iso(pollCloses(k) - 14 * day),
        };
      }
    })(),
  );
  await step(
    'time_poll_options',
    (function* () {
      for (let k = 0; k < T; k++)
        for (let o = 0; o < 3; o++) {
          const starts = meetingStart(pollMeeting(k)) + o * day;
          yield {
            id: idOf('tpo', k * 3 + o),
            organisation_id: organisationId,
            poll_id: idOf('tpl', k),
            position: o + 1,
            starts_at: iso(starts),
            ends_at: iso(starts + 2 * 3_600_000),
          };
        }
    })(),
  );
  await step(
    'time_poll_invitees',
    (function* () {
      for (let k = 0; k < T; k++)
        for (const [i, p] of pollAsked(k).entries()) {
          const answered = pollAnswered(k, i);
          yield {
            organisation_id: organisationId,
            poll_id: idOf('tpl', k),
            person_id: personId(p),
            answered_at: answered ? iso(pollCloses(k) - 5 * day) : null,
            answered_how: answered ? (i % 5 === 4 ? ('phone' as const) : ('link' as const)) : null,
            answered_by: answered && i % 5 === 4 ? staffPersonId : null,
          };
        }
    })(),
  );
  const pollAnswers = ['yes', 'maybe', 'no'] as const;
  await step(
    'time_poll_answers',
    (function* () {
      for (let k = 0; k < T; k++)
        for (const [i, p] of pollAsked(k).entries()) {
          if (!pollAnswered(k, i)) continue;
          for (let o = 0; o < 3; o++)
            yield {
              organisation_id: organisationId,
              poll_id: idOf('tpl', k),
              option_id: idOf('tpo', k * 3 + o),
              person_id: personId(p),
              answer: pollAnswers[(p + o) % 3]!,
            };
        }
    })(),
  );
  // Unless someone already leads on safeguarding (the demo names its own), the admin does, so
  // the bench, signed in as them, reaches those pages.
  const named = await db
    .selectFrom('safeguarding_settings')
    .select('organisation_id')
    .where('organisation_id', '=', organisationId)
    .executeTakeFirst();
  if (!named)
    await step('safeguarding_settings', [
      {
        organisation_id: organisationId,
        lead_person_id: staffPersonId,
        deputy_person_id: null,
        acknowledge_within_days: 1,
        out_of_hours: null,
        local_team: null,
        updated_at: iso(today),
      },
    ]);
  // Safeguarding concerns (issue 21): one for every hundred people over five years, nine in
  // ten closed after being referred, the newest few still waiting. Raised by a person in
  // turn, so no random draws.
  const S = Math.max(1, Math.floor(P / 100));
  await step(
    'safeguarding_concerns',
    (function* () {
      for (let k = 0; k < S; k++) {
        const raised = today - fiveYears + Math.floor((k / S) * fiveYears);
        const open = k >= S - Math.max(1, Math.floor(S / 10));
        yield {
          id: idOf('sgc', k),
          organisation_id: organisationId,
          reference: `SG-${String(k)
            .padStart(6, '0')
            .replace(/[0125]/g, (d) => ({ '0': 'A', '1': 'B', '2': 'C', '5': 'D' })[d]!)}`,
          raised_at: iso(raised),
          raised_by_person_id: k % 3 === 0 ? null : personId((k * 37) % P),
          reporter_name: k % 3 === 0 ? 'A neighbour' : null,
          reporter_contact: null,
          about_name: null,
          what_happened: 'Someone said they were worried about a person they know.',
          danger_now: 0,
          acknowledge_by: iso(raised + day),
          acknowledged_at: iso(raised + 3_600_000),
          acknowledged_by: staffPersonId,
          referred_at: open ? null : iso(raised + 2 * 3_600_000),
          referred_to: open ? null : ('adults' as const),
          closed_at: open ? null : iso(raised + 14 * day),
          closed_by: open ? null : staffPersonId,
          outcome: open ? null : 'Referred; the council looked into it.',
        };
      }
    })(),
  );
  // Equality monitoring (issue 19): three in five people answered, in the same proportions
  // as the demo, so "who is missing" shows minority ethnic groups and young people
  // under-represented against the area at county size too.
  const answered = (p: number) => p % 5 < 3;
  await step(
    'equality_answers',
    (function* () {
      for (let p = 0; p < P; p++)
        if (answered(p))
          yield {
            ...countyEqualityAnswer(p),
            organisation_id: organisationId,
            person_id: personId(p),
            answered_at: iso(today - 30 * day),
            updated_at: iso(today - 30 * day),
          };
    })(),
  );
  await step(
    'equality_circumstances',
    (function* () {
      for (let p = 0; p < P; p++)
        if (answered(p) && p % 25 === 0)
          yield {
            organisation_id: organisationId,
            person_id: personId(p),
            circumstance: p % 50 === 0 ? 'residential-home' : 'no-organised-group',
          };
    })(),
  );
  // Staff time (issue 22, P4): five years of weekly minutes on up to 200 projects a week, so
  // the summary sums a period out of about 50,000 rows.
  const mondayMs = today - ((new Date(today).getUTCDay() + 6) % 7) * day;
  await step(
    'staff_time_entries',
    (function* () {
      for (let w = 0; w < 260; w++)
        for (let k = 0; k < Math.min(200, sizes.projects); k++)
          yield {
            organisation_id: organisationId,
            person_id: staffPersonId,
            project_id: projectId((w * 7 + k) % sizes.projects),
            week_start: dateOf(mondayMs - w * 7 * day),
            minutes: 15 + ((w + k) % 8) * 15,
            recorded_at: iso(mondayMs - w * 7 * day + 4 * day),
          };
    })(),
  );
  // Words to avoid (issue 24): a list of 500 words of the county's own, as long as a list may
  // be, so the checker and the list's pages are measured at their largest. Its rows make it
  // the organisation's own list (a demo organisation may have started one already).
  await step(
    'plain_word_jargon',
    (function* () {
      for (let n = 0; n < 500; n++)
        yield {
          id: idOf('pwrd', n),
          organisation_id: organisationId,
          word: `county term ${n}`,
          word_key: `county term ${n}`,
          plain: `plain word ${n}`,
          created_at: iso(today - 300 * day),
        };
    })(),
  );
  // Display settings (issue 24): one person in ten has chosen how pages look for them.
  await step(
    'display_settings',
    (function* () {
      for (let p = 0; p < P; p += 10)
        yield {
          organisation_id: organisationId,
          person_id: personId(p),
          text_size: (['large', 'larger', 'usual'] as const)[(p / 10) % 3]!,
          contrast: p % 20 === 0 ? 'high' : 'usual',
          motion: p % 30 === 0 ? 'reduced' : 'usual',
          read_aloud: p % 40 === 0 ? 1 : 0,
          updated_at: iso(today - 20 * day),
        };
    })(),
  );
  // Welsh (issue 24): one person in eight chose a language (most of them Welsh), and every
  // project's purpose has a Welsh version. The organisation's own setting is left as the demo
  // made it.
  await step(
    'language_preferences',
    (function* () {
      for (let p = 0; p < P; p += 8)
        yield {
          organisation_id: organisationId,
          person_id: personId(p),
          language: p % 24 === 0 ? ('en' as const) : ('cy' as const),
          updated_at: iso(today - 30 * day),
        };
    })(),
  );
  await step(
    'welsh_versions',
    (function* () {
      for (let j = 0; j < sizes.projects; j++)
        yield {
          organisation_id: organisationId,
          subject_type: 'project' as const,
          subject_id: projectId(j),
          field: 'purpose' as const,
          text: `Pwrpas prosiect ${j}: gweithio gyda’n gilydd.`,
          updated_at: iso(today - 60 * day),
        };
    })(),
  );
  // Risk logs (issue 21, C3): three risks a project, one past its date to look again, and
  // the organisation's own; the first risk's comments and agreements grow with the people.
  const riskId = (k: number) => idOf('rsk', k);
  const riskCount = sizes.projects * 3 + 10;
  await step(
    'risks',
    (function* () {
      for (let k = 0; k < riskCount; k++)
        yield {
          id: riskId(k),
          organisation_id: organisationId,
          project_id: k < sizes.projects * 3 ? projectId(k % sizes.projects) : null,
          title: `Risk ${k + 1}: ${r.pick(['people cannot get to meetings', 'we decide without the people it affects', 'payments are late', 'papers are not in easy read'])}`,
          affects: 'Members',
          likelihood: r.pick(['unlikely', 'possible', 'likely'] as const),
          severity: r.pick(['minor', 'serious', 'very-serious'] as const),
          plan: 'Talk about it at the next meeting.',
          owner_person_id: personId(k % P),
          review_on: dateOf(today + (k % 3 === 0 ? -10 : 60) * day),
          raised_by: staffPersonId,
          raised_at: iso(today - 90 * day),
          updated_at: iso(today - 90 * day),
        };
    })(),
  );
  await step(
    'risk_comments',
    (function* () {
      for (let p = 0; p < P; p += 10)
        yield {
          id: idOf('rskc', p),
          organisation_id: organisationId,
          risk_id: riskId(0),
          person_id: personId(p),
          kind: 'comment' as const,
          body: 'I think we should talk about this.',
          created_at: iso(today - 30 * day + p * 1000),
        };
    })(),
  );
  await step('risk_decisions', [
    {
      id: idOf('rskd', 0),
      organisation_id: organisationId,
      risk_id: riskId(0),
      decided_on: dateOf(today - 20 * day),
      what: 'Go ahead with the trip',
      why: 'It matters to people',
      recorded_by: staffPersonId,
      recorded_at: iso(today - 20 * day),
    },
  ]);
  await step(
    'risk_decision_agreements',
    (function* () {
      for (let p = 0; p < P; p += 20)
        yield {
          decision_id: idOf('rskd', 0),
          organisation_id: organisationId,
          person_id: personId(p),
          agreed_on: dateOf(today - 20 * day),
          recorded_by: staffPersonId,
        };
    })(),
  );
  // The charter (issue 21, C1, C2): half the people answer the version in force (the demo's,
  // or a first one made here), one in five of them with what they would change.
  const charterInForce = await db
    .selectFrom('charter_versions')
    .select('version')
    .where('organisation_id', '=', organisationId)
    .where('published_at', 'is not', null)
    .orderBy('version', 'desc')
    .executeTakeFirst();
  const charterVersion = charterInForce ? Number(charterInForce.version) : 1;
  if (!charterInForce)
    await step('charter_versions', [
      {
        id: idOf('chv', 0),
        organisation_id: organisationId,
        version: 1,
        meaning: 'We work as equal partners.',
        equality: 'Everyone has the same say.',
        diversity: 'We ask people who are often left out.',
        accessibility: 'Everyone takes part in the way that suits them.',
        reciprocity: 'People get something back.',
        benefits: 'Services that fit people’s lives.',
        outcomes: 'We ask people what changed.',
        commitments: 'Our directors come to meetings.',
        sponsor_person_id: staffPersonId,
        sponsor_role: null,
        updated_at: iso(today - 120 * day),
        updated_by: staffPersonId,
        published_at: iso(today - 120 * day),
        published_by: staffPersonId,
      },
    ]);
  await step(
    'charter_answers',
    (function* () {
      for (let p = 0; p < P; p += 2)
        yield {
          id: idOf('cha', p),
          organisation_id: organisationId,
          version: charterVersion,
          person_id: personId(p),
          answer: p % 10 === 0 ? ('change' as const) : ('agree' as const),
          would_change: p % 10 === 0 ? 'More meetings in the evening.' : null,
          how: p % 4 === 0 ? ('link' as const) : ('sign-in' as const),
          recorded_by: null,
          answered_at: iso(today - 100 * day + p * 1000),
        };
    })(),
  );
  // The directory of community groups (issue 20, S5): one group for every three projects,
  // each reaching two or three groups of people, and an outreach action for every fifth
  // project, a third of them overdue and a third done. No random draws: the rows above stay the same.
  const groupCount = Math.max(10, Math.round(sizes.projects / 3));
  const cgId = (k: number) => idOf('cgrp', k);
  const groupKinds = ['group', 'network', 'place', 'partner'] as const;
  const reaches = [
    'ethnicGroup.gypsy-irish-traveller',
    'circumstances.gypsy-traveller',
    'ethnicGroup.pakistani',
    'ethnicGroup.bangladeshi',
    'religion.muslim',
    'religion.sikh',
    'ageBand.85-plus',
    'ageBand.16-24',
    'unpaidCare.50-plus',
    'circumstances.dementia',
    'circumstances.communicates-differently',
    'circumstances.homeless',
    'sexualOrientation.gay-lesbian',
    'disability.disabled-a-lot',
  ];
  await step(
    'community_groups',
    (function* () {
      for (let k = 0; k < groupCount; k++) {
        const name = `${['Northtown', 'Riverside', 'Hillford', 'Eastwick', 'Millbrook'][k % 5]} ${['lunch club', 'carers network', 'community centre', 'support group', 'youth project', 'faith group'][k % 6]} ${k + 1}`;
        yield {
          id: cgId(k),
          organisation_id: organisationId,
          name,
          name_key: name.toLowerCase(),
          kind: groupKinds[k % 4]!,
          what_they_do: 'Meets every week; happy to pass on news.',
          contact_name: null,
          email: k % 2 ? `group${k + 1}@example.org` : null,
          phone: `01632 96${String(k % 10_000).padStart(4, '0')}`,
          address: null,
          website: null,
          best_way: (['phone', 'email', 'letter', 'in-person', 'text'] as const)[k % 5]!,
          contact_notes: null,
          timebank_partner: k % 25 === 0 ? 1 : 0,
          created_at: created,
          created_by: staffPersonId,
          updated_at: created,
          updated_by: staffPersonId,
        };
      }
    })(),
  );
  await step(
    'community_group_reach',
    (function* () {
      for (let k = 0; k < groupCount; k++)
        for (const reach of new Set([
          reaches[k % reaches.length]!,
          reaches[(k * 3 + 1) % reaches.length]!,
          reaches[(k * 7 + 2) % reaches.length]!,
        ]))
          yield { organisation_id: organisationId, community_group_id: cgId(k), reach };
    })(),
  );
  await step(
    'outreach_actions',
    (function* () {
      for (let p = 0; p < sizes.projects; p += 5) {
        const n = p / 5;
        const closed = n % 3 === 2;
        yield {
          id: idOf('outr', n),
          organisation_id: organisationId,
          project_id: projectId(p),
          reach: reaches[n % reaches.length]!,
          community_group_id: cgId(n % groupCount),
          what: 'Ask the group to come to the next open meeting.',
          owner_person_id: staffPersonId,
          due_on: dateOf(today + (n % 3 === 0 ? -7 : 14) * day),
          result: closed ? ('reached' as const) : null,
          outcome: closed ? 'Two people came and stayed.' : null,
          closed_at: closed ? iso(today - 3 * day) : null,
          closed_by: closed ? staffPersonId : null,
          created_at: iso(today - 40 * day),
          created_by: staffPersonId,
        };
      }
    })(),
  );
  // Buddies (P5): one newcomer in fifty has a buddy (the next person along), started in the
  // last three months, each pairing with three records of help. No random draws.
  const buddyPairs = Math.max(1, Math.floor(P / 50));
  await step(
    'buddy_pairings',
    (function* () {
      for (let k = 0; k < buddyPairs; k++)
        yield {
          id: idOf('bdy', k),
          organisation_id: organisationId,
          newcomer_person_id: personId(k * 50),
          buddy_person_id: personId(k * 50 + 1),
          starts_on: dateOf(today - (10 + (k % 80)) * day),
          ends_on: k % 10 === 9 ? dateOf(today - 2 * day) : null,
          created_at: iso(today - (10 + (k % 80)) * day),
          created_by_person_id: staffPersonId,
        };
    })(),
  );
  await step(
    'buddy_support',
    (function* () {
      for (let k = 0; k < buddyPairs; k++)
        for (let j = 0; j < 3; j++)
          yield {
            id: idOf('bds', k * 3 + j),
            organisation_id: organisationId,
            pairing_id: idOf('bdy', k),
            newcomer_person_id: personId(k * 50),
            buddy_person_id: personId(k * 50 + 1),
            given_on: dateOf(today - (9 - j * 3) * day),
            what: 'Talked before the meeting and went along together.',
            how: (['phone', 'in-person', 'video'] as const)[j]!,
            recorded_by_person_id: staffPersonId,
            recorded_at: iso(today - (9 - j * 3) * day),
          };
    })(),
  );
  // Independent facilitators (issue 22): one project in twenty has one, named a month ago;
  // one naming in five has ended. No random draws.
  await step(
    'independent_facilitator_namings',
    (function* () {
      for (let k = 0; k * 20 < sizes.projects; k++)
        yield {
          id: idOf('ifn', k),
          organisation_id: organisationId,
          person_id: personId((k * 37 + 11) % P),
          project_id: projectId(k * 20),
          meeting_id: null,
          named_by_person_id: staffPersonId,
          named_at: iso(today - 30 * day),
          removed_at: k % 5 === 4 ? iso(today - 3 * day) : null,
        };
    })(),
  );
  // Learn together (issue 22, P3): one person in three has done some modules (1 to 8, the
  // first ones first), one answer in four with a reflection; one person in ten has a course of
  // training recorded. Figures by perspective count about 20,000 completions at county size.
  await step(
    'learn_completions',
    (function* () {
      let n = 0;
      for (let p = 0; p < P; p += 3)
        for (let k = 0; k <= p % moduleSlugs.length; k++)
          yield {
            id: idOf('lrnc', n++),
            organisation_id: organisationId,
            person_id: personId(p),
            slug: moduleSlugs[k]!,
            reflection: n % 4 === 0 ? 'Being asked at the start, not told at the end.' : null,
            how: (['self', 'group', 'staff', 'link'] as const)[n % 4]!,
            recorded_by: n % 4 === 0 ? null : staffPersonId,
            completed_at: iso(today - (n % 300) * day),
          };
    })(),
  );
  await step(
    'learn_training',
    (function* () {
      for (let p = 0, n = 0; p < P; p += 10, n++)
        yield {
          id: idOf('lrnt', n),
          organisation_id: organisationId,
          person_id: personId(p),
          course: n % 2 ? 'Recruiting staff together' : 'Peer mentoring',
          on_date: dateOf(today - (n % 365) * day),
          minutes: 60 + (n % 6) * 30,
          recorded_by: staffPersonId,
          recorded_at: iso(today - (n % 365) * day),
        };
    })(),
  );
  // Easy read (issue 24): one person in twenty reads pages in easy read (half chose it, half
  // asked staff), and one meeting in ten has an easy read summary.
  await step(
    'easy_read_readers',
    (function* () {
      for (let p = 5; p < P; p += 20)
        yield {
          organisation_id: organisationId,
          person_id: personId(p),
          set_by: p % 40 === 5 ? personId(p) : staffPersonId,
          set_at: iso(today - 30 * day),
        };
    })(),
  );
  await step(
    'easy_read_versions',
    (function* () {
      for (let m = 0; m < sizes.meetings; m += 10)
        yield {
          organisation_id: organisationId,
          kind: 'summary' as const,
          subject_id: meetingId(m),
          meeting_id: meetingId(m),
          body: 'We **talked** about the plan.\nWe **agreed** what to do next.',
          written_by: staffPersonId,
          written_at: iso(today - 20 * day),
        };
    })(),
  );
  // Commissioning (issue 23, P6, P7): policy versions, and rounds with bids, panels and scores.
  await growCountyCommissioning(
    db,
    { organisationId, staffPersonId, today, people: P, projects: sizes.projects, perspectiveOf, groupCount, idOf },
    step,
  );
  // After the contract: promises checked in the organisation's reviews; a policy draft members comment on.
  await growCountyCommissioningChecks(
    { organisationId, staffPersonId, today, people: P, projects: sizes.projects, reviewCycles: cycles, idOf },
    step,
  );
  return made;
}

// Sample records for the route parameters: the busiest of each kind in the organisation,
// so a page shows what a county's worst case looks like.
/** Matches the ids growCounty makes, so samples are county records, comparable at every size. */
const countyIds = '%-c0c0-4000-8000-%';

export async function busiestRecords(db: Db, organisationId: string): Promise<Record<string, string | undefined>> {
  const first = async (q: Promise<{ id: string } | undefined>) => (await q)?.id;
  const org = organisationId;
  const project = await first(
    db
      .selectFrom('meetings')
      .select('project_id as id')
      .where('organisation_id', '=', org)
      .where('project_id', 'like', countyIds)
      .groupBy('project_id')
      .orderBy(sql`count(*)`, 'desc')
      .orderBy('project_id')
      .executeTakeFirst(),
  );
  const meeting = await first(
    db
      .selectFrom('meeting_attendance')
      .select('meeting_id as id')
      .where('organisation_id', '=', org)
      .where('meeting_id', 'like', countyIds)
      .groupBy('meeting_id')
      .orderBy(sql`count(*)`, 'desc')
      .orderBy('meeting_id')
      .executeTakeFirst(),
  );
  const person = await first(
    db
      .selectFrom('meeting_attendance')
      .select('person_id as id')
      .where('organisation_id', '=', org)
      .where('person_id', 'like', countyIds)
      .groupBy('person_id')
      .orderBy(sql`count(*)`, 'desc')
      .orderBy('person_id')
      .executeTakeFirst(),
  );
  const any = (
    table:
      | 'proposals'
      | 'review_cycles'
      | 'claims'
      | 'safeguarding_concerns'
      | 'time_polls'
      | 'community_groups'
      | 'outreach_actions'
      | 'buddy_pairings'
      | 'risks'
      | 'commissioning_rounds'
      | 'commissioning_bids',
  ) => first(db.selectFrom(table).select('id').where('organisation_id', '=', org).orderBy('id').executeTakeFirst());
  // The county's first record of a kind when there is one: the same record at every size.
  // Demo records have random ids, so "the first by id" could be a demo record one run and a
  // county record the next; a page's query count must not change with that draw.
  const county = async (table: Parameters<typeof any>[0], kind: string) =>
    (await first(
      db.selectFrom(table).select('id').where('id', '=', idOf(kind, 0)).where('organisation_id', '=', org).executeTakeFirst(),
    )) ?? any(table);
  // Kinds the county does not grow are demo records only, and their ids are random: the one
  // chosen is picked by what it says, so every run of a test visits the same record.
  const stable = (table: 'improvement_actions' | 'lessons' | 'venues' | 'stories' | 'survey_rounds') =>
    db.selectFrom(table).select('id').where('organisation_id', '=', org);
  const surveys = () => first(stable('survey_rounds').orderBy('opens_on').orderBy('phase').orderBy('closes_on').executeTakeFirst());
  return {
    people: person,
    projects: project,
    meetings: meeting,
    proposals: await county('proposals', 'prp'),
    reviews: await county('review_cycles', 'rvc'),
    claims: await county('claims', 'clm'),
    actions: await first(stable('improvement_actions').orderBy('what').executeTakeFirst()),
    lessons: await first(stable('lessons').orderBy('title').executeTakeFirst()),
    venues: await first(stable('venues').orderBy('name').executeTakeFirst()),
    stories: await first(stable('stories').orderBy('title').executeTakeFirst()),
    surveys: await surveys(),
    personId: person,
    meetingId: meeting,
    projectId: project,
    roundId: await surveys(),
    safeguarding: await county('safeguarding_concerns', 'sgc'),
    'time-polls': await county('time_polls', 'tpl'),
    'community-groups': await county('community_groups', 'cgrp'),
    outreach: await county('outreach_actions', 'outr'),
    versions: await first(
      db
        .selectFrom('charter_versions')
        .select('id')
        .where('organisation_id', '=', org)
        .where('published_at', 'is not', null)
        .orderBy('version', 'desc')
        .executeTakeFirst(),
    ),
    risks: await county('risks', 'rsk'),
    buddies: await county('buddy_pairings', 'bdy'),
    // A shipped learning module, the same in every organisation (issue 22, P3).
    learnModule: 'what-is-co-production',
    // Commissioning (issue 23): a county round that is shared with members, and its first bid.
    rounds: await county('commissioning_rounds', 'crnd'),
    bidId: await county('commissioning_bids', 'cbid'),
  };
}

// Every GET page with its parameters filled in, or skipped when there is nothing to fill.
export function pagesToVisit(routes: readonly { method: string; url: string }[], ids: Record<string, string | undefined>) {
  const skip =
    /^\/(assets|build|static)\/|^\/(health|sign-out|sign-in|setup|signed-out)|:token|:fileId|:receiptId|:actionId|:decisionId|:outcomeId/;
  const urls = new Set<string>();
  for (const r of routes) {
    if (r.method !== 'GET' || skip.test(r.url)) continue;
    let ok = true;
    const url = r.url.replace(/\/([^/]+)\/:([A-Za-z]+)/g, (_m, segment: string, name: string) => {
      const id = name === 'id' ? ids[segment] : ids[name];
      if (!id) ok = false;
      return `/${segment}/${id}`;
    });
    if (ok) urls.add(url);
  }
  return [...urls].sort();
}
