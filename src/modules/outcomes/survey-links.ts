import { createHmac, timingSafeEqual } from 'node:crypto';

// A survey link that works without signing in: many members never sign in. Like a
// meeting's reply link it carries the round, the person and an expiry, signed with the
// instance's secret under its own purpose, so a reply link can never pass as one.

const sign = (secret: string, payload: string) =>
  createHmac('sha256', secret).update(`survey\n${payload}`).digest().subarray(0, 16).toString('base64url');

const sameText = (a: string, b: string) => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};
const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const uuidBytes = (id: string) => Buffer.from(id.replace(/-/g, ''), 'hex');
const uuidText = (b: Buffer) => {
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
};

export type SurveyLink = { roundId: string; personId: string; expiresAt: string };
export type SurveyLinkCheck = { ok: true; link: SurveyLink } | { ok: false; reason: 'invalid' | 'expired' };

export function surveyToken(secret: string, link: SurveyLink): string {
  if (!uuidPattern.test(link.roundId) || !uuidPattern.test(link.personId)) throw new Error('Survey links are for UUIDs');
  const expires = Buffer.alloc(4);
  expires.writeUInt32BE(Math.ceil(Date.parse(link.expiresAt) / 1000));
  const payload = Buffer.concat([uuidBytes(link.roundId), uuidBytes(link.personId), expires]).toString('base64url');
  return `${payload}.${sign(secret, payload)}`;
}

export function readSurveyToken(secret: string, token: string, now: Date): SurveyLinkCheck {
  const [payload, signature, extra] = token.split('.');
  if (!payload || !signature || extra !== undefined || !sameText(signature, sign(secret, payload))) return { ok: false, reason: 'invalid' };
  const bytes = Buffer.from(payload, 'base64url');
  if (bytes.length !== 36) return { ok: false, reason: 'invalid' };
  const expiresMs = bytes.readUInt32BE(32) * 1000;
  if (now.getTime() > expiresMs) return { ok: false, reason: 'expired' };
  return {
    ok: true,
    link: {
      roundId: uuidText(bytes.subarray(0, 16)),
      personId: uuidText(bytes.subarray(16, 32)),
      expiresAt: new Date(expiresMs).toISOString(),
    },
  };
}
