import { createHmac, timingSafeEqual } from 'node:crypto';

// Links that work without signing in: a reply to an invitation, a calendar feed. They
// carry what they are for and are signed with the instance's secret, so nothing needs
// storing and nobody can make one for someone else.

const sign = (secret: string, purpose: string, payload: string) =>
  createHmac('sha256', secret).update(`${purpose}\n${payload}`).digest('base64url');

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export type ReplyLink = { meetingId: string; personId: string; expiresAt: string };

/** A reply link for one person and one meeting, good until the meeting ends. */
export function replyToken(secret: string, link: ReplyLink): string {
  const payload = Buffer.from(`${link.meetingId}.${link.personId}.${Date.parse(link.expiresAt)}`).toString('base64url');
  return `${payload}.${sign(secret, 'reply', payload)}`;
}

export type ReplyTokenCheck = { ok: true; link: ReplyLink } | { ok: false; reason: 'invalid' | 'expired' };

export function readReplyToken(secret: string, token: string, now: Date): ReplyTokenCheck {
  const [payload, signature, extra] = token.split('.');
  if (!payload || !signature || extra !== undefined || !sameText(signature, sign(secret, 'reply', payload))) return { ok: false, reason: 'invalid' };
  const [meetingId, personId, expires] = Buffer.from(payload, 'base64url').toString('utf8').split('.');
  const expiresMs = Number(expires);
  if (!meetingId || !personId || !Number.isFinite(expiresMs)) return { ok: false, reason: 'invalid' };
  if (now.getTime() > expiresMs) return { ok: false, reason: 'expired' };
  return { ok: true, link: { meetingId, personId, expiresAt: new Date(expiresMs).toISOString() } };
}

/** A private calendar feed address. Raising the version retires every older address. */
export function calendarToken(secret: string, personId: string, version: number): string {
  return sign(secret, 'calendar', `${personId}.${version}`);
}

export function calendarTokenMatches(secret: string, personId: string, version: number | null, token: string): boolean {
  return version !== null && sameText(token, calendarToken(secret, personId, version));
}
