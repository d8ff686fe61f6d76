import type { Config } from '../../config.ts';
import { isIndependentFacilitator, isStaff, type CurrentUser } from '../../platform/auth.ts';
import type { Services } from '../../services.ts';
import { formatNeeds, type FormatNeed } from '../people/vocabulary.ts';
import { accessCheckReads, whoseNeedsAreShown } from './access-check.ts';
import { papersNotice } from './papers-notice.ts';
import type { Meeting } from './service.ts';
import { paperFormats, type PaperFormat } from './vocabulary.ts';

/**
 * Everything the meeting page shows. Staff see the access check, the papers' notice
 * period, every invitation and what is left to do by hand; members see the meeting, its
 * papers, their own reply and, once it is published, the summary.
 */
export async function meetingPage(services: Services, config: Config, user: CurrentUser, meeting: Meeting, now: Date) {
  const { meetings, invitations, meetingRecords, papers, accessNeeds } = services;
  // An independent facilitator runs the meeting as staff do (they reached it only by being
  // named on it); the page leaves out what is not theirs: money, planning, the outbox.
  const independent = isIndependentFacilitator(user);
  const staff = isStaff(user) || independent;
  const organisationId = user.organisationId;
  // On PostgreSQL each query waits for its answer, so what does not depend on another is asked together.
  const [invitees, paperList, notes, attendance, related, staffOnly] = await Promise.all([
    meetings.invitees(organisationId, meeting.id),
    papers.listForMeeting(organisationId, meeting.id),
    // The summary in Welsh for a Welsh reader, where staff wrote one (issue 24).
    meetingRecords.notes(organisationId, meeting.id).then((n) => services.languages.readerNotes(organisationId, meeting.id, n)),
    meetingRecords.attendance(organisationId, meeting.id),
    meetings.preMeetings(organisationId, meeting),
    staff
      ? Promise.all([
          services.paperSending.statusForMeeting(organisationId, meeting),
          invitations.handWork(organisationId, meeting.id),
          services.supporters.actsOn(organisationId, meeting.id),
        ])
      : null,
  ]);
  // An independent facilitator is shown a linked meeting (the main one, or a pre-meeting) only
  // when they may open it: named on it or on its project.
  const preMeetings = independent ? await linkedMeetingsTheyRun(services, user, related) : related;
  const mine = invitees.find((i) => i.personId === user.personId) ?? null;
  const past = meeting.endsAt <= now.toISOString();
  const base = {
    meeting,
    staff,
    independent,
    invitees,
    papers: paperList,
    notes,
    mine,
    past,
    paperFormats,
    preMeetings,
    replyLink: mine ? invitations.replyLink(meeting, mine.personId) : null,
  };
  // Members see the easy read summary and decisions staff wrote, when they read in easy read (issue 24).
  if (!staff || !staffOnly)
    return notes.publishedAt ? { ...base, easyReadNotes: await services.easyRead.versionsOfMeeting(organisationId, meeting.id) } : base;

  const inviteeIds = invitees.map((i) => i.personId);
  const needs = await accessNeeds.readMany(organisationId, inviteeIds);
  const check = await meetings.check(organisationId, meeting, { inviteeIds, needs });
  const formatsOf = (personId: string): FormatNeed[] =>
    needs.get(personId)?.formats.filter((f) => (formatNeeds as readonly string[]).includes(f)) ?? [];
  const people = invitees.map((i) => ({ personId: i.personId, name: i.name, formats: formatsOf(i.personId) }));
  const notice = papersNotice({
    startsAt: meeting.startsAt,
    noticeDays: config.papersNoticeDays,
    now: now.toISOString(),
    papers: paperList.map((p) => ({
      id: p.id,
      title: p.title,
      files: p.files.map((f) => ({ format: f.format as PaperFormat, uploadedAt: f.uploadedAt })),
    })),
    people,
  });
  const [paperSending, work, actsOn] = staffOnly;
  // A paper format other than standard shows a format need.
  const formatsShown = paperSending.filter((p) => [...p.had, ...p.waiting].some((x) => x.format !== 'standard')).map((p) => p.personId);
  // The check, the notice and the papers sent name people's needs: whose were shown goes in the audit log.
  await services.readsLog.record(
    user,
    accessCheckReads(user, meeting.id, [...whoseNeedsAreShown(check), ...notice.lacking.map((l) => l.personId), ...formatsShown]),
  );
  const delivery = new Map<string, { id: string; status: string; channel: string; lastError: string | null }>();
  for (const m of work.messages.filter((m) => m.kind === 'invitation')) {
    if (m.person_id && !delivery.has(m.person_id))
      delivery.set(m.person_id, { id: m.id, status: m.status, channel: m.channel, lastError: m.last_error });
  }
  const present = [...attendance.values()].filter((a) => a.status === 'present').length;
  // Replies a supporter gave show as "<supporter> for <person>" (issue 17).
  const supportedBy = Object.fromEntries(actsOn);
  return {
    ...base,
    check,
    notice,
    paperSending,
    noticeDays: config.papersNoticeDays,
    delivery: Object.fromEntries(delivery),
    callsToMake: work.calls.length,
    lettersToPost: work.letters.length,
    failedSends: work.messages.filter((m) => m.status === 'failed' || m.status === 'unknown').length,
    attendanceTaken: attendance.size > 0,
    presentCount: present,
    notInvitedYet: invitees.filter((i) => !i.invitedAt).length,
    supportedBy,
  };
}

type LinkedMeetings = Awaited<ReturnType<Services['meetings']['preMeetings']>>;

async function linkedMeetingsTheyRun(services: Services, user: CurrentUser, related: LinkedMeetings): Promise<LinkedMeetings> {
  const all = [...(related.preparesFor ? [related.preparesFor] : []), ...related.first];
  const runs = await services.independentFacilitators.runnableAmong(user.organisationId, user.personId, all);
  return {
    preparesFor: related.preparesFor && runs.has(related.preparesFor.id) ? related.preparesFor : null,
    first: related.first.filter((m) => runs.has(m.id)),
  };
}
