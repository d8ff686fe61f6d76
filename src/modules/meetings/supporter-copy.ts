import type { Translate } from '../../platform/i18n.ts';
import type { MessageWords } from '../../platform/message-languages.ts';
import type { SupporterReader } from '../../platform/supporter-copies.ts';
import type { ReplyContact } from '../replies/reply-words.ts';
import { whenText, whereText } from './messages.ts';
import type { Meeting } from './service.ts';

/**
 * A supporter's copy of an invitation (issue 24). The person's own words ("You are invited")
 * would puzzle the supporter, so the copy speaks to them about the person ("Dennis Whitfield
 * is invited to ..."), in their own language and format: easy read when they read it, and
 * worded for their channel. It says how to reply for the person when the supporter may, and
 * never carries the person's own link or reply code.
 */
export type InvitationCopy = {
  /** The person's full name, as the supporter knows them. */
  person: string;
  organisationName: string;
  meeting: Pick<Meeting, 'title' | 'purpose' | 'startsAt' | 'endsAt' | 'format' | 'venue' | 'joiningDetails'>;
  contact: ReplyContact;
  /** Where a supporter signed in replies for the person. */
  replyForThemLink: string;
};

export function supporterInvitation(t: Translate, supporter: SupporterReader, copy: InvitationCopy): MessageWords {
  const words = supporter.easyRead ? 'easy-read:supporterCopy' : 'supporters:copy';
  const style = supporter.channel === 'text' ? 'text' : supporter.channel === 'phone' ? 'say' : 'full';
  const vars = {
    name: supporter.name,
    person: copy.person,
    organisation: copy.organisationName,
    title: copy.meeting.title,
    when: whenText(t, copy.meeting),
    where: whereText(t, copy.meeting),
    purpose: copy.meeting.purpose,
  };
  return {
    subject: t(`${words}.invitation.subject`, vars),
    bodyText: t(`${words}.invitation.${style}`, { ...vars, howToReply: howToReplyFor(t, words, supporter, copy) }),
  };
}

/**
 * How the supporter replies for the person: signed in (by email or text, when they have an
 * account here), or by telling staff. A web address is no use on paper or read
 * out on a call, and on a call staff take the answer there and then.
 */
function howToReplyFor(t: Translate, words: string, supporter: SupporterReader, copy: InvitationCopy): string {
  const vars = { person: copy.person, phone: copy.contact.phone ?? '', link: copy.replyForThemLink };
  if (!supporter.mayReply) return t(`${words}.reply.theirs`, vars);
  const lines = [t(`${words}.reply.may`, vars)];
  if (supporter.channel === 'phone') return [...lines, t(`${words}.reply.tellUs`, vars)].join('\n');
  const online = supporter.signsIn && (supporter.channel === 'email' || supporter.channel === 'text');
  if (online) lines.push(t(`${words}.reply.online`, vars));
  if (copy.contact.phone) lines.push(t(`${words}.reply.${online ? 'orPhone' : 'phone'}`, vars));
  else if (!online) lines.push(t(`${words}.reply.tellUs`, vars));
  return lines.join('\n');
}
