// P2: everyone has the information they need, in time, in a form they can use. When a
// meeting's papers are ready each invitee gets every paper in their own format(s) by their
// own channel: links by email or text, a printed pack on the "letters to print" list with
// the date to post it by, or a call. Each version sent to each person is kept, so a second
// press sends only what is new, and staff see who is still waiting. A version that came
// after the meeting's notice date says so.
import { createHash } from 'node:crypto';
import type { Config } from '../../config.ts';
import type { Db } from '../../db/connection.ts';
import type { Database } from '../../db/schema.ts';
import { writeAudit } from '../../platform/audit.ts';
import { isStaff, type CurrentUser } from '../../platform/auth.ts';
import type { Delivery } from '../../platform/delivery/delivery.ts';
import { Forbidden, NotFound } from '../../platform/errors.ts';
import { StoredFileMissing, type FileStore } from '../../platform/files.ts';
import type { Translate } from '../../platform/i18n.ts';
import { newId } from '../../platform/ids.ts';
import { enqueue } from '../../platform/outbox.ts';
import { pageOf } from '../../platform/pagination.ts';
import { formatDate, type Clock } from '../../platform/time.ts';
import { chooseChannel, usableChannels } from '../meetings/channel-choice.ts';
import { addLondonDays, toLondon } from '../meetings/meeting-time.ts';
import { paperFormatFor } from '../meetings/papers-notice.ts';
import type { PaperFormat } from '../meetings/vocabulary.ts';
import type { AccessNeedsService } from '../people/access-needs.ts';
import type { Person } from '../people/service.ts';
import { paperToken, readPaperToken } from './paper-links.ts';
import { postBy } from './post-by.ts';
import type { Download, Paper, PaperFile } from './service.ts';
import * as repo from './sending-repository.ts';

/** How long a paper link works after the meeting ends: time to read the papers again for the notes. */
const linkDaysAfterMeeting = 28;

type MeetingForPapers = { id: string; projectId: string; title: string; startsAt: string; endsAt: string; cancelled: boolean };

/** When a meeting's paper links stop working. */
const linkExpiry = (meeting: { endsAt: string }) => new Date(addLondonDays(meeting.endsAt, linkDaysAfterMeeting)).toISOString();

/** The paper versions a person wants: their format needs, or the standard version when they have none. */
export function wantedFormats(formats: readonly string[]): PaperFormat[] {
  const wanted = formats.flatMap((f) => {
    const paper = paperFormatFor[f as keyof typeof paperFormatFor];
    return paper ? [paper] : [];
  });
  return wanted.length ? [...new Set(wanted)] : ['standard'];
}

/**
 * What one person should have of each paper: the newest version in each format they want,
 * and the formats not there yet. When a paper has none of the print or screen versions they
 * want yet (large print, easy read, audio, BSL video), its standard version goes to them now,
 * so nobody is left without papers; their own format stays missing until it is added, and
 * then goes too. Braille is made to order from its own version: print never stands in for it.
 */
export function versionsFor(papers: readonly Paper[], wanted: readonly PaperFormat[]) {
  const versions: Array<{ paper: Paper; file: PaperFile; fallback: boolean }> = [];
  const missing: Array<{ paper: Paper; format: PaperFormat }> = [];
  const newest = (paper: Paper, format: PaperFormat) => paper.files.filter((f) => f.format === format).at(-1);
  for (const paper of papers) {
    for (const format of wanted) {
      const file = newest(paper, format);
      if (file) versions.push({ paper, file, fallback: false });
      else missing.push({ paper, format });
    }
    const readable = wanted.filter((f) => f !== 'standard' && f !== 'braille');
    const standard = newest(paper, 'standard');
    if (readable.length && standard && !readable.some((f) => newest(paper, f))) versions.push({ paper, file: standard, fallback: true });
  }
  return { versions, missing };
}

export type PaperSendingStatus = {
  personId: string;
  name: string;
  had: Array<{ paperTitle: string; format: string; channel: string; sentAt: string; late: boolean; postBy: string | null }>;
  /** Ready to go (notYetAdded false), or their format of the paper is not there yet. */
  waiting: Array<{ paperTitle: string; format: PaperFormat; notYetAdded: boolean }>;
};

export function makePaperSendingService({
  db,
  now,
  config,
  secret,
  t,
  delivery,
  files,
  meetings,
  people,
  accessNeeds,
  papers,
  easyReaders = async () => new Set<string>(),
}: {
  db: Db;
  now: Clock;
  config: Pick<Config, 'publicUrl' | 'papersNoticeDays' | 'delivery' | 'sms'>;
  secret: string;
  t: Translate;
  delivery: Delivery | null;
  files: FileStore;
  meetings: {
    getForUser(user: CurrentUser, id: string): Promise<MeetingForPapers>;
    invitees(organisationId: string, meetingId: string): Promise<Array<{ personId: string; name: string }>>;
  };
  people: { getMany(organisationId: string, ids: readonly string[]): Promise<Person[]> };
  accessNeeds: Pick<AccessNeedsService, 'readMany'>;
  papers: { listForMeeting(organisationId: string, meetingId: string): Promise<Paper[]> };
  /** Who has made easy read their default (issue 24); people whose format is easy read are known from their needs. */
  easyReaders?: (organisationId: string, personIds: readonly string[]) => Promise<Set<string>>;
}) {
  const usable = usableChannels(config.delivery.kind, config.sms !== null);
  const deadlineOf = (meeting: MeetingForPapers) => Date.parse(addLondonDays(meeting.startsAt, -config.papersNoticeDays));
  const formatName = (format: string) => t(`papers:format.${format}`);

  /** What each invitee should have, what they have had, and what is still to come. */
  async function plan(organisationId: string, meeting: MeetingForPapers) {
    const [invitees, paperList, sendings] = await Promise.all([
      meetings.invitees(organisationId, meeting.id),
      papers.listForMeeting(organisationId, meeting.id),
      repo.sendingsOfMeeting(db, organisationId, meeting.id),
    ]);
    const needs = await accessNeeds.readMany(
      organisationId,
      invitees.map((i) => i.personId),
    );
    const sent = new Set(sendings.map((s) => `${s.person_id}:${s.file_id}`));
    const people = invitees.map((invitee) => {
      const wanted = wantedFormats(needs.get(invitee.personId)?.formats ?? []);
      const { versions, missing } = versionsFor(paperList, wanted);
      return {
        invitee,
        wanted,
        toSend: versions.filter((v) => !sent.has(`${invitee.personId}:${v.file.id}`)),
        waiting: missing.map(({ paper, format }) => ({ paperTitle: paper.title, format })),
      };
    });
    return { people, paperList, sendings };
  }

  /**
   * The papers message in the person's channel. Easy read readers (issue 24) get the easy read
   * wording: the same papers, links and dates, one idea a line. A paper's summary goes under
   * its first version, except by text, which stays short.
   */
  function compose(
    person: Person,
    meeting: MeetingForPapers,
    channel: string,
    versions: Array<{ paper: Paper; file: PaperFile; late: boolean }>,
    easyRead = false,
  ) {
    const key = (usual: string, easy: string) => (easyRead ? `easy-read:message.papers.${easy}` : `paper-sending:${usual}`);
    const date = formatDate(meeting.startsAt);
    const expiresAt = linkExpiry(meeting);
    const summarised = new Set<string>();
    const lines = versions.map(({ paper, file }) => {
      const vars = { title: paper.title, format: formatName(file.format) };
      let line: string;
      const item = file.format === 'braille' ? key('letter.toOrder', 'toOrder') : key('letter.item', 'item');
      if (channel === 'letter') line = t(item, vars);
      else if (channel === 'phone') line = t('paper-sending:line.say', vars);
      else {
        const link = `${config.publicUrl}/papers/${paperToken(secret, { fileId: file.id, personId: person.id, expiresAt })}`;
        line = t(key('line.link', 'link'), { ...vars, link });
      }
      if (channel === 'text' || !paper.summary || summarised.has(paper.id)) return line;
      summarised.add(paper.id);
      return `${line}\n${t(key('line.about', 'about'), { summary: paper.summary })}`;
    });
    const late = versions.filter((v) => v.late).map((v) => v.paper.title);
    const lateLine = late.length ? t(key('late', 'late'), { titles: [...new Set(late)].join(', ') }) : '';
    // Easy read keeps one paper to a block, with a line between.
    const list = lines.join(easyRead && channel !== 'text' ? '\n\n' : '\n');
    const vars = { name: person.name, meeting: meeting.title, date, list, late: lateLine };
    return {
      subject: t(key('subject', 'subject'), vars),
      full: t(channel === 'letter' ? key('letter.full', 'letter') : key('full', 'full'), vars).trim(),
      text: t(key('text', 'text'), vars).trim(),
      say: t(key('say', 'say'), vars).trim(),
    };
  }

  /** Where the meetings the job has read up to: the next run carries on after it. */
  let dueCursor: { startsAt: string; id: string } | null = null;
  const dueBatch = 50;

  /**
   * Sends each invitee the versions of the papers they should have and have not had yet.
   * One transaction: every message and every record of what went, or nothing. The actor is
   * null when the background job sends.
   */
  async function sendMeeting(
    organisationId: string,
    meeting: MeetingForPapers,
    actorPersonId: string | null,
  ): Promise<{ people: number; unreachable: string[] }> {
    const { people: planned } = await plan(organisationId, meeting);
    const due = planned.filter((p) => p.toSend.length > 0);
    const loaded = new Map(
      (
        await people.getMany(
          organisationId,
          due.map((p) => p.invitee.personId),
        )
      ).map((p) => [p.id, p]),
    );
    const readers = await easyReaders(
      organisationId,
      due.map((p) => p.invitee.personId),
    );
    const at = now();
    const deadline = deadlineOf(meeting);
    const postByDate = postBy(toLondon(meeting.startsAt).date);
    const unreachable: string[] = [];
    await db.transaction().execute(async (trx) => {
      const rows: Array<Database['paper_sendings']> = [];
      for (const { invitee, toSend, wanted } of due) {
        const person = loaded.get(invitee.personId);
        const choice = person ? chooseChannel(person, usable) : null;
        if (!person || !choice?.channel) {
          unreachable.push(invitee.name);
          continue;
        }
        const channel = choice.channel === 'in-person' ? 'phone' : choice.channel;
        const versions = toSend.map((v) => ({ ...v, late: Date.parse(v.file.uploadedAt) > deadline }));
        const fileIds = versions.map((v) => v.file.id).sort();
        const outboxId = await enqueue(
          trx,
          {
            organisationId,
            personId: person.id,
            aboutId: meeting.id,
            projectId: meeting.projectId,
            recipientName: person.fullName,
            kind: 'papers',
            channel,
            recipient: choice.channel === 'in-person' ? t('meetings:calls.inPerson') : choice.recipient,
            // Written by the outbox in the person's language, or both (issue 24).
            compose: () => {
              const text = compose(person, meeting, channel, versions, wanted.includes('easy-read') || readers.has(person.id));
              return {
                subject:
                  channel === 'letter'
                    ? t('paper-sending:letter.subject', { date: formatDate(postByDate), meeting: meeting.title })
                    : text.subject,
                bodyText: channel === 'text' ? text.text : channel === 'phone' ? text.say : text.full,
              };
            },
            dedupeKey: `papers:${meeting.id}:${person.id}:${createHash('sha256').update(fileIds.join(',')).digest('base64url').slice(0, 22)}`,
          },
          at,
          delivery,
        );
        for (const v of versions)
          rows.push({
            id: newId(),
            organisation_id: organisationId,
            meeting_id: meeting.id,
            person_id: person.id,
            paper_id: v.paper.id,
            file_id: v.file.id,
            format: v.file.format,
            channel,
            outbox_id: outboxId,
            sent_at: at.toISOString(),
            late: v.late ? 1 : 0,
            post_by: channel === 'letter' ? postByDate : null,
          });
      }
      await repo.insertSendings(trx, rows);
      // A press of the button is always recorded; a run of the job only when it sent something.
      if (actorPersonId !== null || rows.length > 0)
        await writeAudit(trx, {
          organisationId,
          actorPersonId,
          subjectType: 'meeting',
          subjectId: meeting.id,
          action: 'papers-sent',
          changes: [{ field: 'people', to: due.length - unreachable.length }],
          at,
        });
    });
    return { people: due.length - unreachable.length, unreachable };
  }

  return {
    /**
     * Sends each invitee the versions of the papers they should have and have not had yet.
     * Pressing again sends only what is new or changed. One transaction: every message and
     * every record of what went, or nothing.
     */
    async send(user: CurrentUser, meetingId: string): Promise<{ people: number; unreachable: string[] }> {
      if (!isStaff(user)) throw new Forbidden();
      const meeting = await meetings.getForUser(user, meetingId);
      if (meeting.cancelled) throw new NotFound();
      return sendMeeting(user.organisationId, meeting, user.personId);
    },

    /**
     * The background job: once a meeting's papers notice date has come, everyone invited is
     * sent what they have not had, by the same path as the button (so nothing goes twice, and
     * papers added after the date go on the next run, flagged late). Only meetings where
     * someone has a version to come are read, a batch at a time in order of start; the next
     * run carries on after the last, so a meeting that cannot be sent (nobody reachable)
     * never holds up the others. Returns how many people were sent papers.
     */
    async sendDue(batchSize = dueBatch): Promise<number> {
      const at = now();
      // An hour over the notice days allows for a clock change; the exact date is checked below.
      const until = new Date(at.getTime() + config.papersNoticeDays * 86_400_000 + 3_600_000).toISOString();
      const batch = await repo.meetingsWithPapersToSend(db, {
        nowIso: at.toISOString(),
        untilIso: until,
        after: dueCursor,
        limit: batchSize,
      });
      dueCursor = batch.length === batchSize ? { startsAt: batch.at(-1)!.starts_at, id: batch.at(-1)!.id } : null;
      let sent = 0;
      for (const row of batch) {
        const meeting = {
          id: row.id,
          projectId: row.project_id,
          title: row.title,
          startsAt: row.starts_at,
          endsAt: row.ends_at,
          cancelled: false,
        };
        if (deadlineOf(meeting) > at.getTime()) continue;
        sent += (await sendMeeting(row.organisation_id, meeting, null)).people;
      }
      return sent;
    },

    /** For the meeting page (staff): who has had which versions, late or not, and who still waits for what. */
    async statusForMeeting(organisationId: string, meeting: MeetingForPapers): Promise<PaperSendingStatus[]> {
      const { people: planned, paperList, sendings } = await plan(organisationId, meeting);
      const titles = new Map(paperList.map((p) => [p.id, p.title]));
      return planned.map(({ invitee, toSend, waiting }) => ({
        personId: invitee.personId,
        name: invitee.name,
        had: sendings
          .filter((s) => s.person_id === invitee.personId)
          .map((s) => ({
            paperTitle: titles.get(s.paper_id) ?? '',
            format: s.format,
            channel: s.channel,
            sentAt: s.sent_at,
            late: Number(s.late) === 1,
            postBy: s.post_by,
          })),
        waiting: [
          ...toSend.map((v) => ({ paperTitle: v.paper.title, format: v.file.format, notYetAdded: false })),
          ...waiting.map((w) => ({ ...w, notYetAdded: true })),
        ],
      }));
    },

    /**
     * For the To do page: people invited to meetings still to come who have not had every
     * paper in each format they need (the standard one meanwhile does not count), 50 a page.
     * Admins see the organisation's meetings, facilitators those of their projects.
     */
    async papersWaiting(scope: repo.PapersScope, page = 1) {
      const { limit, offset } = pageOf(page);
      const rows = await repo.waitingPage(db, scope, now().toISOString(), limit, offset);
      return rows.map((r) => ({
        meetingId: r.meeting_id,
        meetingTitle: r.title,
        startsAt: r.starts_at,
        personId: r.person_id,
        name: r.preferred_name || r.full_name,
      }));
    },

    countPapersWaiting: (scope: repo.PapersScope) => repo.countWaiting(db, scope, now().toISOString()),
    papersWaitingCount: (scope: repo.PapersScope) => repo.waitingCount(db, scope, now().toISOString()),

    /**
     * The papers a person may open by their personal link (issue 24): each version sent to
     * them, by the same paper link as in the message that brought it. Papers not sent to them
     * yet are left out: their links would not open.
     */
    async sentTo(organisationId: string, meeting: { id: string; endsAt: string }, personId: string) {
      const [paperList, sent] = await Promise.all([
        papers.listForMeeting(organisationId, meeting.id),
        repo.filesSentTo(db, organisationId, meeting.id, personId),
      ]);
      const expiresAt = linkExpiry(meeting);
      return paperList.flatMap((paper) => {
        const files = paper.files
          .filter((f) => sent.has(f.id))
          .map((f) => ({ id: f.id, format: f.format, href: `/papers/${paperToken(secret, { fileId: f.id, personId, expiresAt })}` }));
        return files.length ? [{ id: paper.id, title: paper.title, summary: paper.summary, files }] : [];
      });
    },

    /**
     * A paper by its signed link, without signing in: only the file, only for the person it
     * was sent to, only until it expires. The taking is written to the audit log.
     */
    async openByLink(
      token: string,
    ): Promise<{ ok: true; file: Download; record(): Promise<void> } | { ok: false; reason: 'invalid' | 'expired' }> {
      const check = readPaperToken(secret, token, now());
      if (!check.ok) return check;
      const row = await repo.sentFile(db, check.link.personId, check.link.fileId);
      if (!row) return { ok: false, reason: 'invalid' };
      return {
        ok: true,
        file: {
          id: row.id,
          fileName: row.file_name,
          mediaType: row.media_type,
          sizeBytes: Number(row.size_bytes),
          async open() {
            try {
              return await files.read(row.stored_name);
            } catch (error) {
              if (error instanceof StoredFileMissing) throw new NotFound();
              throw error;
            }
          },
        },
        record: () =>
          writeAudit(db, {
            organisationId: row.organisation_id,
            actorPersonId: check.link.personId,
            subjectType: 'meeting',
            subjectId: row.meeting_id,
            action: 'paper-downloaded',
            changes: [{ field: 'file', to: row.id }],
            at: now(),
          }),
      };
    },
  };
}

export type PaperSendingService = ReturnType<typeof makePaperSendingService>;
