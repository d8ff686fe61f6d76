import { readIds, signIds } from '../../platform/signed-tokens.ts';

// A survey link that works without signing in: many members never sign in. Like a
// meeting's reply link it carries the round, the person and an expiry, signed with the
// instance's secret under its own purpose (platform/signed-tokens), so a reply link can
// never pass as one.

export type SurveyLink = { roundId: string; personId: string; expiresAt: string };
export type SurveyLinkCheck = { ok: true; link: SurveyLink } | { ok: false; reason: 'invalid' | 'expired' };

export function surveyToken(secret: string, link: SurveyLink): string {
  return signIds(secret, 'survey', [link.roundId, link.personId], link.expiresAt);
}

export function readSurveyToken(secret: string, token: string, now: Date): SurveyLinkCheck {
  const read = readIds(secret, 'survey', token, 2, true, now);
  if (!read.ok) return read;
  return { ok: true, link: { roundId: read.ids[0]!, personId: read.ids[1]!, expiresAt: read.expiresAt! } };
}
