import type { Translate } from '../../platform/i18n.ts';
import { formatClock, formatDate } from '../../platform/time.ts';
import type { Channel } from './vocabulary.ts';
import type { Meeting } from './service.ts';

// What people are sent about a meeting, worded for each channel: a text message must be
// short; a letter and an email can say everything; a call needs words staff can read out.

export type MessageKind = 'invitation' | 'reminder' | 'summary' | 'change' | 'cancellation';
export type Composed = { subject: string; bodyText: string };

export function whenText(t: Translate, meeting: Pick<Meeting, 'startsAt' | 'endsAt'>): string {
  return t('meetings:when', { date: formatDate(meeting.startsAt), start: formatClock(meeting.startsAt), end: formatClock(meeting.endsAt) });
}

export function whereText(t: Translate, meeting: Pick<Meeting, 'format' | 'venue' | 'joiningDetails'>): string {
  const parts: string[] = [];
  if (meeting.venue) parts.push(`${meeting.venue.name}, ${meeting.venue.address.replace(/\s*\n\s*/g, ', ')}`);
  if (meeting.joiningDetails) parts.push(meeting.joiningDetails);
  return parts.length ? parts.join('. ') : t(`meetings:format.${meeting.format}`);
}

export type MeetingMessage = {
  kind: MessageKind;
  channel: Channel;
  name: string;
  organisationName: string;
  meeting: Meeting;
  replyLink: string;
  calendarLink: string;
  /** For summaries: what was talked about, decided, and what happens next. */
  summary?: { discussed: string; decisions: string[]; actions: string[] };
  /** The person reads in easy read (issue 24): invitations and reminders come in easy read words. */
  easyRead?: boolean;
};

/** The kinds with an easy read wording; a summary's easy read text is written by staff. */
export const easyReadKinds: readonly MessageKind[] = ['invitation', 'reminder', 'change', 'cancellation'];

/** One decision of a summary, and the Welsh staff wrote beside it (issue 24). */
export type SummaryDecision = { text: string; welsh?: string | null };
/** One thing that happens next; "who" and "by when" are worded in each reader's language. */
export type SummaryAction = { what: string; whatWelsh?: string | null; ownerName?: string | null; dueOn?: string | null };

/**
 * What a summary says. `discussedWelsh` and each item's Welsh are what staff wrote beside the
 * English (issue 24); where there is none, the Welsh says plainly that it is in English only.
 */
export type SentSummary = { discussed: string; discussedWelsh?: string | null; decisions: SummaryDecision[]; actions: SummaryAction[] };

/**
 * A summary's words for the language being written: in Welsh, staff's Welsh for each part they
 * wrote one for, and the English marked "in English only" (in Welsh) for each part they did not,
 * so a Welsh reader never meets English without being told why.
 */
export function summaryForReader(t: Translate, summary: SentSummary, welsh: boolean): NonNullable<MeetingMessage['summary']> {
  const inReaders = (english: string, written: string | null | undefined) =>
    welsh ? written?.trim() || t('meetings:message.summary.itemInEnglish', { text: english }) : english;
  const discussed = welsh
    ? summary.discussedWelsh?.trim() || `${t('meetings:message.summary.englishOnly')}\n\n${summary.discussed}`
    : summary.discussed;
  return {
    discussed,
    decisions: summary.decisions.map((d) => inReaders(d.text, d.welsh)),
    actions: summary.actions.map((a) =>
      [
        inReaders(a.what, a.whatWelsh),
        a.ownerName ? t('meetings:summary.who', { name: a.ownerName }) : '',
        a.dueOn ? t('meetings:summary.byWhen', { date: formatDate(a.dueOn) }) : '',
      ]
        .filter(Boolean)
        .join(' '),
    ),
  };
}

/** Where a message's words are in the catalogue: the easy read ones when the person reads them. */
export const messageKey = (kind: MessageKind, easyRead: boolean | undefined, part: string) =>
  easyRead && easyReadKinds.includes(kind) ? `easy-read:message.${kind}.${part}` : `meetings:message.${kind}.${part}`;

export function composeMeetingMessage(t: Translate, m: MeetingMessage): Composed {
  const vars = {
    name: m.name,
    organisation: m.organisationName,
    title: m.meeting.title,
    when: whenText(t, m.meeting),
    where: whereText(t, m.meeting),
    purpose: m.meeting.purpose,
    replyLink: m.replyLink,
    calendarLink: m.calendarLink,
  };
  const style = m.channel === 'text' ? 'text' : m.channel === 'phone' || m.channel === 'in-person' ? 'say' : 'full';
  const subject = t(messageKey(m.kind, m.easyRead, 'subject'), vars);
  if (m.kind !== 'summary' || !m.summary) return { subject, bodyText: t(messageKey(m.kind, m.easyRead, style), vars) };
  const none = t('meetings:message.summary.none');
  const decisions = m.summary.decisions.length ? m.summary.decisions.map((d) => `- ${d}`).join('\n') : none;
  const actions = m.summary.actions.length ? m.summary.actions.map((a) => `- ${a}`).join('\n') : none;
  return { subject, bodyText: t(`meetings:message.summary.${style}`, { ...vars, discussed: m.summary.discussed, decisions, actions }) };
}
