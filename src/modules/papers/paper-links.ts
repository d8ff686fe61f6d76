import { createHmac, timingSafeEqual } from 'node:crypto';

// A paper sent to someone who never signs in still sits behind permission: the link in
// their email or text opens one file for one person until it expires, and nothing else.
// It is signed with the instance's secret (as meetings' reply links are), under its own
// purpose, so a reply link can never be used as a paper link or the other way round.

const purpose = 'paper';
const sign = (secret: string, payload: string) =>
  createHmac('sha256', secret).update(`${purpose}\n${payload}`).digest().subarray(0, 16).toString('base64url');

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

const isUuid = (id: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id);
const uuidBytes = (id: string) => Buffer.from(id.replace(/-/g, ''), 'hex');
const uuidText = (b: Buffer) => {
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
};

export type PaperLink = { fileId: string; personId: string; expiresAt: string };

/** Packs the file, the person and the expiry into 36 bytes, short enough for a text message. */
export function paperToken(secret: string, link: PaperLink): string {
  if (!isUuid(link.fileId) || !isUuid(link.personId)) throw new Error('Paper links are for UUIDs');
  const expires = Buffer.alloc(4);
  expires.writeUInt32BE(Math.ceil(Date.parse(link.expiresAt) / 1000));
  const payload = Buffer.concat([uuidBytes(link.fileId), uuidBytes(link.personId), expires]).toString('base64url');
  return `${payload}.${sign(secret, payload)}`;
}

export type PaperTokenCheck = { ok: true; link: PaperLink } | { ok: false; reason: 'invalid' | 'expired' };

export function readPaperToken(secret: string, token: string, now: Date): PaperTokenCheck {
  const [payload, signature, extra] = token.split('.');
  if (!payload || !signature || extra !== undefined || !sameText(signature, sign(secret, payload))) return { ok: false, reason: 'invalid' };
  const bytes = Buffer.from(payload, 'base64url');
  if (bytes.length !== 36) return { ok: false, reason: 'invalid' };
  const expiresMs = bytes.readUInt32BE(32) * 1000;
  if (now.getTime() > expiresMs) return { ok: false, reason: 'expired' };
  return {
    ok: true,
    link: {
      fileId: uuidText(bytes.subarray(0, 16)),
      personId: uuidText(bytes.subarray(16, 32)),
      expiresAt: new Date(expiresMs).toISOString(),
    },
  };
}
