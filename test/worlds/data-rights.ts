// For tests only: the impact world (a meeting attended, a payment approved, review and survey
// answers, time credits), with Mo holding data in many more places: a mobile number, access
// needs, benefits, a story with a recording, an expense with a receipt, messages to them, and
// their name typed by staff into a meeting's notes and a message to someone else.
import { diskFileStore } from '../../src/platform/files.ts';
import { newId } from '../../src/platform/ids.ts';
import { signedInClient } from '../helpers/fixtures.ts';
import type { TestApp } from '../helpers/test-app.ts';
import { setUpImpactWorld } from './impact.ts';

export type DataRightsWorld = Awaited<ReturnType<typeof setUpDataRightsWorld>>;

export const mo = { name: 'Mo Member', email: 'mo@example.com', mobile: '07700900456', address: '12 Orchard Row, Northby NB3 4EF' };
const receipt = { name: 'bus ticket.pdf', type: 'application/pdf', content: '%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n' };

export async function setUpDataRightsWorld(t: TestApp) {
  const w = await setUpImpactWorld(t);
  const { organisationId, staff, admin } = w;
  const db = t.database.db;
  const member = { organisationId, personId: w.mo, role: 'member' as const };

  // Their own details changed by them: the history keeps what changed.
  await t.services.people.updateOwn(member, { mobile: mo.mobile, address: mo.address, livedExperience: 'I use a wheelchair' });
  await t.services.accessNeeds.save({ ...staff, role: 'admin' }, w.mo, true, {
    formats: ['easy-read'],
    interpreterLanguage: null,
    physical: ['step-free'],
    support: [],
    dietary: 'No nuts',
    other: 'Needs a quiet room',
  });
  await t.services.rewards.saveBenefits(admin, w.mo, true, {
    universalCredit: { assessmentStartDay: 12 },
    esaPermittedWork: false,
    other: null,
  });
  await t.services.timebank.creditFromOrganisation(staff, {
    personId: w.mo,
    minutes: 60,
    memo: 'Helping at lunch',
    reference: 'test:credit:mo',
  });

  // An expense with its receipt, sent by Mo.
  const moClient = await signedInClient(t, mo.email);
  const [year, month, day] = t.now().toISOString().slice(0, 10).split('-') as [string, string, string];
  await moClient.get('/my-claims/expenses/new');
  const sent = await moClient.upload('/my-claims/expenses/new', 'receipt', receipt, {
    type: 'public-transport',
    amount: '4.80',
    'onDate-day': day,
    'onDate-month': month,
    'onDate-year': year,
    note: `Bus for ${mo.name}`,
    submit: 'yes',
  });
  if (sent.statusCode !== 303) throw new Error(`expense not sent: ${sent.statusCode}`);

  // A story with a recording, told with consent.
  const files = diskFileStore(t.config.filesDir);
  const storedName = await files.put(Buffer.from(`A recording of ${mo.name}`));
  const at = t.now().toISOString();
  await db
    .insertInto('stories')
    .values({
      id: newId(),
      organisation_id: organisationId,
      project_id: w.projectId,
      teller_person_id: w.mo,
      title: 'How lunch got better',
      kind: 'audio',
      body_text: `${mo.name} tells how the menus changed`,
      file_name: 'story.mp3',
      stored_name: storedName,
      media_type: 'audio/mpeg',
      size_bytes: 40,
      told_on: at.slice(0, 10),
      show_name: 1,
      display_name: mo.name,
      consent_given_at: at,
      consent_recorded_by: null,
      for_reports: 1,
      created_at: at,
      created_by: null,
    })
    .execute();

  // Messages to Mo, and one to someone else that names them.
  const message = (personId: string | null, recipient: string, body: string) => ({
    id: newId(),
    organisation_id: organisationId,
    person_id: personId,
    channel: 'email' as const,
    recipient,
    subject: 'Menu tasting',
    body_text: body,
    status: 'sent' as const,
    attempts: 1,
    next_attempt_at: at,
    last_error: null,
    created_at: at,
    sent_at: at,
  });
  await db
    .insertInto('outbox')
    .values([
      message(w.mo, mo.email, `Dear ${mo.name}, you are invited. Reply by text to ${mo.mobile}.`),
      message(w.fay, 'fay@example.com', `${mo.name} said yes to the menu tasting.`),
    ])
    .execute();
  await db
    .insertInto('meeting_notes')
    .values({
      meeting_id: w.meetingId,
      organisation_id: organisationId,
      discussed: `Soup. ${mo.name} asked for more choice.`,
      summary: null,
      updated_at: at,
      updated_by: w.admin.personId,
      summary_published_at: null,
    })
    .execute();
  return { ...w, storedName };
}
