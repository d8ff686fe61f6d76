import { readIds, sameText, signature, signIds } from '../../platform/signed-tokens.ts';

// Links that work without signing in: a reply to an invitation, a calendar feed. They
// carry what they are for and are signed with the instance's secret (platform/signed-tokens),
// so nothing needs storing and nobody can make one for someone else. A text message must
// stay short: a reply link packs two UUIDs and the expiry time into 36 bytes.

export type ReplyLink = { meetingId: string; personId: string; expiresAt: string };

/** A reply link for one person and one meeting, good until the meeting ends. */
export function replyToken(secret: string, link: ReplyLink): string {
  return signIds(secret, 'reply', [link.meetingId, link.personId], link.expiresAt);
}

export type ReplyTokenCheck = { ok: true; link: ReplyLink } | { ok: false; reason: 'invalid' | 'expired' };

export function readReplyToken(secret: string, token: string, now: Date): ReplyTokenCheck {
  const read = readIds(secret, 'reply', token, 2, true, now);
  if (!read.ok) return read;
  return { ok: true, link: { meetingId: read.ids[0]!, personId: read.ids[1]!, expiresAt: read.expiresAt! } };
}

/** A private calendar feed address. Raising the version retires every older address. */
export function calendarToken(secret: string, personId: string, version: number): string {
  return signature(secret, 'calendar', `${personId}.${version}`);
}

export function calendarTokenMatches(secret: string, personId: string, version: number | null, token: string): boolean {
  return version !== null && sameText(token, calendarToken(secret, personId, version));
}
