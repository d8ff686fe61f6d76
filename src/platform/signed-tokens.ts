import { createHmac, timingSafeEqual } from 'node:crypto';

// The one signer behind every link that works without signing in (meeting replies,
// survey answers, personal action links, calendar feeds). A token packs the ids it is for
// as bytes, and optionally an expiry, then 128 bits of an HMAC under the instance's secret
// and a purpose, so a token made for one purpose can never pass as another's.

export const signature = (secret: string, purpose: string, payload: string) =>
  createHmac('sha256', secret).update(`${purpose}\n${payload}`).digest().subarray(0, 16).toString('base64url');

export function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const uuidText = (b: Buffer) => {
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
};

export type TokenCheck = { ok: true; ids: string[]; expiresAt: string | null } | { ok: false; reason: 'invalid' | 'expired' };

/** A token for these UUIDs, good until expiresAt (to the second) when given. */
export function signIds(secret: string, purpose: string, ids: readonly string[], expiresAt: string | null): string {
  if (!ids.every((id) => uuidPattern.test(id))) throw new Error('Signed links are for UUIDs');
  const parts = ids.map((id) => Buffer.from(id.replace(/-/g, ''), 'hex'));
  if (expiresAt !== null) {
    const expires = Buffer.alloc(4);
    expires.writeUInt32BE(Math.ceil(Date.parse(expiresAt) / 1000));
    parts.push(expires);
  }
  const payload = Buffer.concat(parts).toString('base64url');
  return `${payload}.${signature(secret, purpose, payload)}`;
}

/** The ids a token was made for, if it was made by us for this purpose and has not expired. */
export function readIds(secret: string, purpose: string, token: string, count: number, expires: boolean, now: Date): TokenCheck {
  const [payload, signed, extra] = token.split('.');
  if (!payload || !signed || extra !== undefined || !sameText(signed, signature(secret, purpose, payload)))
    return { ok: false, reason: 'invalid' };
  const bytes = Buffer.from(payload, 'base64url');
  if (bytes.length !== count * 16 + (expires ? 4 : 0)) return { ok: false, reason: 'invalid' };
  const ids = Array.from({ length: count }, (_, i) => uuidText(bytes.subarray(i * 16, i * 16 + 16)));
  if (!expires) return { ok: true, ids, expiresAt: null };
  const expiresMs = bytes.readUInt32BE(count * 16) * 1000;
  if (now.getTime() > expiresMs) return { ok: false, reason: 'expired' };
  return { ok: true, ids, expiresAt: new Date(expiresMs).toISOString() };
}
