// For tests only: the decisions world, plus two members who never sign in (one reached by
// letter, one by text), and the organisation's phone number and address for replies.
import { personWithAccount } from '../helpers/fixtures.ts';
import type { TestApp } from '../helpers/test-app.ts';
import { setUpDecisionsWorld } from './decisions.ts';

export type RepliesWorld = Awaited<ReturnType<typeof setUpRepliesWorld>>;

export const replyPhone = '01632 960 123';
export const replyAddress = 'Northshire Council\nFreepost NS 1\nNorthtown';

export async function setUpRepliesWorld(t: TestApp) {
  const w = await setUpDecisionsWorld(t);
  const dora = (
    await personWithAccount(t, w.organisationId, {
      fullName: 'Dora Letter',
      perspectives: ['draws-on-care'],
      address: '1 High Street\nNorthtown',
      contactOrder: ['letter'],
    })
  ).personId;
  const terry = (
    await personWithAccount(t, w.organisationId, {
      fullName: 'Terry Text',
      perspectives: ['carer'],
      mobile: '07700 900222',
      contactOrder: ['text'],
    })
  ).personId;
  for (const id of [dora, terry]) await t.services.projects.addMember(w.admin, w.projectId, id, 'member', '2026-11-01');
  await t.services.organisations.setReplyContact(w.admin, { phone: replyPhone, address: replyAddress });
  const meeting = (startsAt = '2026-12-03T10:30:00.000Z', endsAt = '2026-12-03T12:30:00.000Z') =>
    t.services.meetings.create(w.admin, w.projectId, {
      title: 'Menu planning group',
      purpose: 'Plan the winter menu',
      startsAt,
      endsAt,
      format: 'in-person',
      venueId: null,
      joiningDetails: null,
      membersOnly: false,
      arrangements: [],
      interpreterLanguages: [],
    });
  /** The outbox message of a kind about a thing, for one person. */
  const sentTo = async (aboutId: string, personId: string, kind: string) =>
    t.database.db
      .selectFrom('outbox')
      .selectAll()
      .where('about_id', '=', aboutId)
      .where('person_id', '=', personId)
      .where('kind', '=', kind as never)
      .executeTakeFirstOrThrow();
  return { ...w, ids: { ...w.ids, dora, terry }, meeting, sentTo };
}

/** The six-character code in a letter or text ("ABC 789"), as typed. */
export const codeIn = (body: string) => /code[^:]*: ([346789A-Y]{3} [346789A-Y]{3})/.exec(body)?.[1] ?? null;
/** The personal link's path in a text or email. */
export const actLinkIn = (body: string) => {
  const found = /https?:\/\/[^\s]+\/act\/[^\s]+/.exec(body)?.[0];
  return found ? new URL(found).pathname : null;
};
