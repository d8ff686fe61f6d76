import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, test } from 'node:test';
import type { ClaimKind, ClaimStatus, ClaimWay } from '../../db/schema/claims.ts';
import { databaseDialects } from '../../../test/helpers/databases.ts';
import { insertMeeting, recordAttendance } from '../../../test/helpers/meetings.ts';
import { anotherOrganisation, organisationWithAdmin, personWithAccount, signedInClient } from '../../../test/helpers/fixtures.ts';
import { makeTestApp, type TestApp } from '../../../test/helpers/test-app.ts';
import { certificateFigures } from './repository.ts';

function pdfText(pdf: Buffer): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'learn-certificate-sources-'));
  try {
    fs.writeFileSync(path.join(dir, 'c.pdf'), pdf);
    execFileSync('/usr/bin/pdftotext', [path.join(dir, 'c.pdf'), path.join(dir, 'c.txt')]);
    return fs.readFileSync(path.join(dir, 'c.txt'), 'utf8').replace(/\s+/g, ' ');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

type Given = { meetings: number; meetingMinutes: number; claimedMinutes: number; swapMinutes: number };
const nothing: Given = { meetings: 0, meetingMinutes: 0, claimedMinutes: 0, swapMinutes: 0 };

// The certificate's "hours given" (P3): every hour Dennis gave that the app records, each hour
// once. One row at a time is added to what the app holds, and the database's figures must move
// by exactly what the row says: a meeting counts once however it was rewarded (credits for
// coming, a claim, both: decision 0015), other claimed time counts, helping another member
// through the time bank counts, and nothing else does.
for (const dialect of databaseDialects()) {
  describe(`certificate of involvement: hours given, each source once (${dialect})`, () => {
    let t: TestApp;
    let org: Awaited<ReturnType<typeof organisationWithAdmin>>;
    let otherOrganisationId: string;
    let dennis: string;
    let grace: string;
    let projectId: string;
    const at = '2026-12-01T09:00:00.000Z';
    const staff = () => ({ organisationId: org.organisationId, personId: org.adminPersonId, role: 'admin' as const });

    beforeEach(async () => {
      t = await makeTestApp({ dialect, startAt: new Date('2026-12-09T10:00:00Z') });
      org = await organisationWithAdmin(t);
      otherOrganisationId = (await anotherOrganisation(t)).organisationId;
      dennis = (await personWithAccount(t, org.organisationId, { fullName: 'Dennis Whitfield', perspectives: ['carer'] })).personId;
      grace = (await personWithAccount(t, org.organisationId, { fullName: 'Grace Okafor', perspectives: ['draws-on-care'] })).personId;
      projectId = await t.services.projects.create(staff(), {
        title: 'Day centre lunches',
        purpose: 'Work together.',
        activities: ['co-design'],
        levelAim: 'transformative',
        stage: 'deciding',
        startDate: '2026-01-05',
      });
    });
    afterEach(() => t.close());

    const meeting = async (title: string, personId: string, status: 'present' | 'apologies', minutes: number | null) => {
      const id = await insertMeeting(t.database.db, {
        organisationId: org.organisationId,
        projectId,
        title,
        purpose: 'Talk it through.',
        startsAt: '2026-12-01T10:00:00.000Z',
        endsAt: '2026-12-01T11:30:00.000Z',
        invitationsSentAt: at,
      });
      await recordAttendance(t.database.db, {
        organisationId: org.organisationId,
        meetingId: id,
        personId,
        status,
        minutesPresent: minutes,
        recordedAt: at,
      });
      return id;
    };

    const claim = async (c: {
      category: string;
      minutes: number;
      status: ClaimStatus;
      preparationMinutes?: number;
      kind?: ClaimKind;
      way?: ClaimWay;
      meetingId?: string;
      correctsClaimId?: string;
      splitFromClaimId?: string;
      personId?: string;
      organisationId?: string;
    }) => {
      const id = randomUUID();
      await t.database.db
        .insertInto('claims')
        .values({
          id,
          organisation_id: c.organisationId ?? org.organisationId,
          person_id: c.personId ?? dennis,
          kind: c.kind ?? 'payment',
          reference: `test:${id}`,
          project_id: null,
          meeting_id: c.meetingId ?? null,
          corrects_claim_id: c.correctsClaimId ?? null,
          split_from_claim_id: c.splitFromClaimId ?? null,
          category: c.category,
          on_date: '2026-12-01',
          minutes: c.minutes,
          preparation_minutes: c.preparationMinutes ?? 0,
          amount_pence: 0,
          way: c.way ?? 'bank-transfer',
          status: c.status,
          created_at: at,
          created_by: org.adminPersonId,
          updated_at: at,
        })
        .execute();
      return id;
    };

    const swap = async (giver: string, receiver: string, minutes: number) => {
      const { ledger } = t.services.timebank;
      const [fromAccountId, toAccountId] = [
        await ledger.personAccountId(org.organisationId, receiver),
        await ledger.personAccountId(org.organisationId, giver),
      ];
      const moved = await ledger.transfer(staff(), { kind: 'exchange', fromAccountId, toAccountId, minutes, memo: 'Fixed a fence' });
      assert.ok(moved.ok, 'the swap is recorded');
      return moved.value;
    };

    test('a table of what Dennis did: each hour he gave counts once, and nothing else counts', async () => {
      const rows: Array<[string, () => Promise<unknown>, Partial<Given>]> = [
        ['a meeting he was at for 90 minutes', () => meeting('Menu tasting', dennis, 'present', 90), { meetings: 1, meetingMinutes: 90 }],
        [
          'time credits for coming to that meeting: the meeting is counted already',
          async () => {
            const [id] = (await t.database.db.selectFrom('meetings').select('id').where('title', '=', 'Menu tasting').execute()).map(
              (m) => m.id,
            );
            await t.services.timebank.ledger.creditPerson(staff(), {
              personId: dennis,
              minutes: 90,
              memo: 'Menu tasting',
              reference: `attendance:${id}:${dennis}`,
              kind: 'attendance',
            });
          },
          {},
        ],
        [
          'a meeting of an hour, and his approved claim for it with its preparation: the meeting counts once',
          async () => {
            const id = await meeting('Budget', dennis, 'present', 60);
            await claim({ category: 'meeting', minutes: 60, preparationMinutes: 30, status: 'approved', meetingId: id });
          },
          { meetings: 1, meetingMinutes: 60 },
        ],
        [
          'a meeting with no times recorded counts as a meeting, without hours',
          () => meeting('Walkabout', dennis, 'present', null),
          { meetings: 1 },
        ],
        ['a meeting he sent apologies for', () => meeting('Visit', dennis, 'apologies', null), {}],
        ['a meeting Grace was at, not him', () => meeting('Garden', grace, 'present', 120), {}],
        [
          'two hours on an interview panel, claimed by hand and approved',
          () => claim({ category: 'recruitment-panel', minutes: 120, status: 'approved' }),
          { claimedMinutes: 120 },
        ],
        [
          'a consultation, paid in time credits: the claim counts, its credits do not add more',
          async () => {
            const id = await claim({ category: 'consultation', minutes: 45, status: 'paid', way: 'time-credits' });
            await t.services.timebank.creditFromOrganisation(staff(), {
              personId: dennis,
              minutes: 45,
              memo: 'Consultation',
              reference: `claim:${id}`,
            });
          },
          { claimedMinutes: 45 },
        ],
        [
          'peer support split to stay within a benefits limit: the two parts share its hour',
          async () => {
            const id = await claim({ category: 'peer-support', minutes: 40, status: 'approved' });
            await claim({ category: 'peer-support', minutes: 20, status: 'approved', way: 'volunteer', splitFromClaimId: id });
          },
          { claimedMinutes: 60 },
        ],
        [
          'an adjustment to the panel claim corrects money, not hours',
          async () => {
            const [panel] = await t.database.db.selectFrom('claims').select('id').where('category', '=', 'recruitment-panel').execute();
            await claim({ category: 'recruitment-panel', minutes: 120, status: 'approved', correctsClaimId: panel!.id });
          },
          {},
        ],
        [
          'training claimed and approved: training has its own line',
          () => claim({ category: 'training', minutes: 180, status: 'approved' }),
          {},
        ],
        [
          'a meeting claimed by hand, with no meeting named: the register counts meetings',
          () => claim({ category: 'meeting', minutes: 90, status: 'approved' }),
          {},
        ],
        ['a claim still waiting', () => claim({ category: 'other', minutes: 100, status: 'submitted' }), {}],
        ['a claim not sent yet', () => claim({ category: 'other', minutes: 100, status: 'draft' }), {}],
        ['a claim not agreed', () => claim({ category: 'other', minutes: 100, status: 'rejected' }), {}],
        [
          'an expense is money spent, not time given',
          () => claim({ category: 'public-transport', minutes: 30, status: 'approved', kind: 'expense' }),
          {},
        ],
        ['Grace’s own claim', () => claim({ category: 'consultation', minutes: 300, status: 'approved', personId: grace }), {}],
        [
          'a claim for him kept by another organisation',
          () => claim({ category: 'consultation', minutes: 500, status: 'approved', organisationId: otherOrganisationId }),
          {},
        ],
        ['he helped Grace for 45 minutes through the time bank', () => swap(dennis, grace, 45), { swapMinutes: 45 }],
        ['Grace helped him: time he got, not time he gave', () => swap(grace, dennis, 50), {}],
        [
          'a swap recorded by mistake and taken back',
          async () => {
            const id = await swap(dennis, grace, 40);
            const undone = await t.services.timebank.ledger.reverse(staff(), id, 'Recorded twice');
            assert.ok(undone.ok);
          },
          {},
        ],
        [
          'a training course staff recorded',
          () => t.services.learn.addTraining(staff(), dennis, { course: 'Recruiting staff together', onDate: '2026-11-03', minutes: 150 }),
          {},
        ],
      ];
      let expected: Given = { ...nothing };
      for (const [name, add, change] of rows) {
        await add();
        expected = {
          meetings: expected.meetings + (change.meetings ?? 0),
          meetingMinutes: expected.meetingMinutes + (change.meetingMinutes ?? 0),
          claimedMinutes: expected.claimedMinutes + (change.claimedMinutes ?? 0),
          swapMinutes: expected.swapMinutes + (change.swapMinutes ?? 0),
        };
        const { meetings, meetingMinutes, claimedMinutes, swapMinutes } = await certificateFigures(
          t.database.db,
          org.organisationId,
          dennis,
        );
        assert.deepEqual({ meetings, meetingMinutes, claimedMinutes, swapMinutes }, expected, name);
      }
      // 150 minutes at meetings, 225 claimed, 45 helping Grace: seven hours given.
      assert.deepEqual(expected, { meetings: 3, meetingMinutes: 150, claimedMinutes: 225, swapMinutes: 45 });

      const admin = await signedInClient(t, org.email);
      const page = await admin.get(`/learn/people/${dennis}/certificate`);
      assert.equal(page.statusCode, 200);
      for (const line of [
        'Gave 7 hours of their time',
        'Took part in 3 meetings',
        'Did 1 training course \\(2.5 hours\\)',
        // Credits for the first meeting, the consultation and helping Grace: what came back, on its own line.
        'Earned 3 hours of time credits',
        'Time given means time at meetings, other work agreed with us',
      ])
        assert.match(page.body, new RegExp(line));
      const pdf = await admin.get(`/learn/people/${dennis}/certificate.pdf`);
      assert.equal(pdf.statusCode, 200);
      const text = pdfText(pdf.rawPayload);
      assert.match(text, /Gave 7 hours of their time/);
      assert.match(text, /Took part in 3 meetings/);
      assert.match(text, /Did 1 training course \(2\.5 hours\)/);
      assert.match(text, /Training has its own line/);
      assert.doesNotMatch(text, /hours at meetings/);
    });
  });
}
