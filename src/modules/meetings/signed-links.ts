import { createHmac, timingSafeEqual } from 'node:crypto';

// Links that work without signing in: a reply to an invitation, a calendar feed. They
// carry what they are for and are signed with the instance's secret, so nothing needs
// storing and nobody can make one for someone else.

// Text messages must stay short, so a reply link packs two UUIDs and the expiry time
// into 36 bytes and keeps 128 bits of the signature.
const sign = (secret: string, purpose: string, payload: string) =>
  createHmac('sha256', secret).update(`${purpose}\n${payload}`).digest().subarray(0, 16).toString('base64url');

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

const uuidBytes = (id: string) => Buffer.from(id.replace(/-/g, ''), 'hex');
const uuidText = (b: Buffer) => {
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
};
const isUuid = (id: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id);

export type ReplyLink = { meetingId: string; personId: string; expiresAt: string };

/** A reply link for one person and one meeting, good until the meeting ends. */
export function replyToken(secret: string, link: ReplyLink): string {
  if (!isUuid(link.meetingId) || !isUuid(link.personId)) throw new Error('Reply links are for UUIDs');
  const expires = Buffer.alloc(4);
  expires.writeUInt32BE(Math.ceil(Date.parse(link.expiresAt) / 1000));
  const payload = Buffer.concat([uuidBytes(link.meetingId), uuidBytes(link.personId), expires]).toString('base64url');
  return `${payload}.${sign(secret, 'reply', payload)}`;
}

export type ReplyTokenCheck = { ok: true; link: ReplyLink } | { ok: false; reason: 'invalid' | 'expired' };

export function readReplyToken(secret: string, token: string, now: Date): ReplyTokenCheck {
  const [payload, signature, extra] = token.split('.');
  if (!payload || !signature || extra !== undefined || !sameText(signature, sign(secret, 'reply', payload)))
    return { ok: false, reason: 'invalid' };
  const bytes = Buffer.from(payload, 'base64url');
  if (bytes.length !== 36) return { ok: false, reason: 'invalid' };
  const expiresMs = bytes.readUInt32BE(32) * 1000;
  if (now.getTime() > expiresMs) return { ok: false, reason: 'expired' };
  return {
    ok: true,
    link: {
      meetingId: uuidText(bytes.subarray(0, 16)),
      personId: uuidText(bytes.subarray(16, 32)),
      expiresAt: new Date(expiresMs).toISOString(),
    },
  };
}

/** A private calendar feed address. Raising the version retires every older address. */
export function calendarToken(secret: string, personId: string, version: number): string {
  return sign(secret, 'calendar', `${personId}.${version}`);
}

export function calendarTokenMatches(secret: string, personId: string, version: number | null, token: string): boolean {
  return version !== null && sameText(token, calendarToken(secret, personId, version));
}
