import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { databaseDialects } from '../../../test/helpers/databases.ts';
import { organisationWithAdmin, personWithAccount, signedInClient } from '../../../test/helpers/fixtures.ts';
import { makeTestApp, type TestApp } from '../../../test/helpers/test-app.ts';
import { diskFileStore } from '../../platform/files.ts';
import { newId } from '../../platform/ids.ts';
import type { AccessNeeds } from '../people/access-needs.ts';
import { retentionBatch } from './retention.ts';

// Storage limitation: access needs and benefits go two years (by default) after a person's
// last activity, and a story once its teller withdraws consent. The background task works
// in batches, on the app's clock, and says how many records it removed.

const needs: AccessNeeds = { formats: ['large-print'], interpreterLanguage: null, physical: [], support: [], dietary: null, other: null };
const benefits = { universalCredit: null, esaPermittedWork: true, other: null };

for (const dialect of databaseDialects()) {
  describe(`keeping sensitive records no longer than needed (${dialect})`, () => {
    let t: TestApp;
    let filesDir: string;
    let organisationId: string;
    let staff: { organisationId: string; personId: string; role: 'admin' };
    beforeEach(async () => {
      filesDir = fs.mkdtempSync(path.join(os.tmpdir(), 'coproduce-retention-'));
      t = await makeTestApp({ dialect, env: { FILES_DIR: filesDir }, startAt: new Date('2024-01-10T12:00:00Z') });
      const org = await organisationWithAdmin(t);
      organisationId = org.organisationId;
      staff = { organisationId, personId: org.adminPersonId, role: 'admin' };
    });
    afterEach(async () => {
      await t.close();
      fs.rmSync(filesDir, { recursive: true, force: true });
    });

    const person = async (fullName: string) => (await personWithAccount(t, organisationId, { fullName, perspectives: ['carer'] })).personId;
    const hasNeeds = async (id: string) =>
      !!(await t.database.db.selectFrom('access_needs').select('person_id').where('person_id', '=', id).executeTakeFirst());
    const hasBenefits = async (id: string) =>
      !!(await t.database.db.selectFrom('benefits_records').select('person_id').where('person_id', '=', id).executeTakeFirst());

    test('two years after their last activity their access needs and benefits go; activity since keeps them', async () => {
      const quiet = await person('Quiet Person');
      const busy = await person('Busy Person');
      const recent = await person('Recent Person');
      for (const id of [quiet, busy]) {
        await t.services.accessNeeds.save(staff, id, true, needs);
        await t.services.rewards.saveBenefits(staff, id, true, benefits);
      }
      // A year later Busy Person changes their details; Recent Person tells us their needs.
      t.clock.now = new Date('2025-01-20T12:00:00Z');
      await t.services.people.updateOwn({ organisationId, personId: busy, role: 'member' }, { interests: 'Gardening' });
      await t.services.accessNeeds.save(staff, recent, true, needs);

      // Just under two years after: nothing goes.
      t.clock.now = new Date('2026-01-09T12:00:00Z');
      assert.equal(await t.services.dataRights.retention.removeDue(), 0);
      assert.ok(await hasNeeds(quiet));

      t.clock.now = new Date('2026-01-11T12:00:00Z');
      assert.equal(await t.services.dataRights.retention.removeDue(), 2, 'Quiet Person’s needs and benefits');
      assert.deepEqual([await hasNeeds(quiet), await hasBenefits(quiet)], [false, false]);
      assert.deepEqual([await hasNeeds(busy), await hasBenefits(busy), await hasNeeds(recent)], [true, true, true]);
      const logged = await t.database.db.selectFrom('audit_log').select('changes').where('action', '=', 'retention-removed').execute();
      assert.deepEqual(
        logged.map((l) => JSON.parse(l.changes)),
        [
          [
            { field: 'accessNeeds', to: 1 },
            { field: 'benefits', to: 1 },
            { field: 'stories', to: 0 },
          ],
        ],
      );
      assert.equal(await t.services.dataRights.retention.removeDue(), 0, 'a second round finds nothing');

      // An admin keeps access needs for 6 months only: Recent Person's (a year old) go too.
      const admin = await signedInClient(t, 'admin@northshire.test');
      await admin.get('/data-retention');
      const bad = await admin.post('/data-retention', { accessNeedsMonths: '0', benefitsMonths: 'two' });
      assert.equal(bad.statusCode, 400);
      assert.match(bad.body, /Enter a whole number of months from 1 to 120/);
      assert.match(bad.body, /value="two"/);
      assert.equal((await admin.post('/data-retention', { accessNeedsMonths: '6', benefitsMonths: '24' })).statusCode, 303);
      assert.equal(await t.services.dataRights.retention.removeDue(), 2, 'Busy Person’s and Recent Person’s needs');
      assert.deepEqual([await hasNeeds(busy), await hasBenefits(busy), await hasNeeds(recent)], [false, true, false]);
    });

    test('a withdrawn story and its recording go; a story whose consent stands stays', async () => {
      const teller = await person('Story Teller');
      const projectId = await t.services.projects.create(staff, {
        title: 'Lunches',
        purpose: 'Menus',
        activities: ['co-design'],
        levelAim: 'intermediate',
        stage: 'designing',
        startDate: '2024-01-01',
      });
      const files = diskFileStore(filesDir);
      const story = async (withdrawn: boolean) => {
        const storedName = await files.put(Buffer.from('a voice'));
        const at = t.now().toISOString();
        await t.database.db
          .insertInto('stories')
          .values({
            id: newId(),
            organisation_id: organisationId,
            project_id: projectId,
            teller_person_id: teller,
            title: withdrawn ? 'Taken back' : 'Still shared',
            kind: 'audio',
            body_text: null,
            file_name: 'a.mp3',
            stored_name: storedName,
            media_type: 'audio/mpeg',
            size_bytes: 7,
            told_on: at.slice(0, 10),
            show_name: 0,
            display_name: null,
            consent_given_at: at,
            consent_recorded_by: null,
            for_reports: 0,
            withdrawn_at: withdrawn ? at : null,
            created_at: at,
            created_by: null,
          })
          .execute();
        return storedName;
      };
      const gone = await story(true);
      const kept = await story(false);
      assert.equal(await t.services.dataRights.retention.removeDue(), 1);
      const titles = await t.database.db.selectFrom('stories').select('title').execute();
      assert.deepEqual(
        titles.map((s) => s.title),
        ['Still shared'],
      );
      assert.equal(fs.existsSync(path.join(filesDir, gone)), false);
      assert.equal(fs.existsSync(path.join(filesDir, kept)), true);
    });

    test('a county’s worth goes in batches, none left behind', async () => {
      const many = retentionBatch * 2 + 3;
      const at = t.now().toISOString();
      const ids = Array.from({ length: many }, () => newId());
      for (let i = 0; i < many; i += 250) {
        const slice = ids.slice(i, i + 250);
        await t.database.db
          .insertInto('people')
          .values(
            slice.map((id, n) => ({
              id,
              organisation_id: organisationId,
              full_name: `Person ${i + n}`,
              preferred_name: null,
              pronouns: null,
              email: null,
              mobile: null,
              landline: null,
              address: null,
              contact_order: '[]',
              contact_times: null,
              skills: null,
              knowledge: null,
              lived_experience: null,
              interests: null,
              time_to_give: null,
              unsuitable_times: null,
              calendar_feed_version: null,
              created_at: at,
              updated_at: at,
            })),
          )
          .execute();
        await t.database.db
          .insertInto('access_needs')
          .values(
            slice.map((id) => ({
              organisation_id: organisationId,
              person_id: id,
              consent_given: 1,
              consent_recorded_at: at,
              consent_recorded_by: null,
              formats: '[]',
              interpreter_language: null,
              physical: '[]',
              support: '[]',
              dietary: null,
              other: null,
              updated_at: at,
            })),
          )
          .execute();
      }
      t.clock.now = new Date('2026-06-01T12:00:00Z');
      assert.equal(await t.services.dataRights.retention.removeDue(), many);
      const left = await t.database.db
        .selectFrom('access_needs')
        .select((e) => e.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      assert.equal(Number(left.n), 0);
    });
  });
}
