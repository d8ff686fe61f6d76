import type { Config } from '../../config.ts';
import type { Db, Executor } from '../../db/connection.ts';
import type { ReplyActionKind } from '../../db/schema/replies.ts';
import { writeAudit, type AuditEntry } from '../../platform/audit.ts';
import { newId } from '../../platform/ids.ts';
import type { Clock } from '../../platform/time.ts';
import { actionToken, readActionToken } from './action-links.ts';
import type { Answerer, AnswerSaved, ShowOnlyKind } from './answerers.ts';
import * as repo from './repository.ts';
import { newReplyCode, readReplyCode } from './reply-codes.ts';

/** One thing one person was asked to do, still open. */
export type LiveAction = {
  id: string;
  organisationId: string;
  personId: string;
  kind: ReplyActionKind;
  aboutId: string;
  code: string | null;
  once: boolean;
  expiresAt: string;
};
export type Issued = { code: string; link: string };
export type ActionCheck = { ok: true; action: LiveAction } | { ok: false; reason: 'invalid' | 'expired' | 'used' };

/** How staff heard the answer they record: said on the phone, written in a letter, or in person. */
export const recordedHows = ['phone', 'letter', 'in-person'] as const;
export type RecordedHow = (typeof recordedHows)[number];
export type RecordedBy = { personId: string; how: RecordedHow };

const subjectOf: Record<ReplyActionKind, AuditEntry['subjectType']> = {
  'meeting-reply': 'meeting',
  vote: 'proposal',
  review: 'review',
  swap: 'timebank',
  survey: 'survey',
  statement: 'rewards',
  'time-poll': 'time-poll',
  equality: 'equality',
  charter: 'charter',
  learn: 'learn',
  commissioning: 'commissioning',
  'commissioning-policy': 'commissioning',
};

/** Kinds a link only shows: never the answer to a text message that comes back. */
export const showOnlyKinds: readonly ShowOnlyKind[] = ['statement'];

/**
 * Personal action links and reply codes (issue 16), one mechanism for every message that
 * asks a person to do something: a link signed for one action of one person, which expires
 * when the thing closes, works once where that matters, and is audited each time it is used.
 */
export function makeReplyActionService({ db, now, config, secret }: { db: Db; now: Clock; config: Config; secret: string }) {
  const linkOf = (id: string) => `${config.publicUrl}/act/${actionToken(secret, id)}`;

  async function uniqueCodes(within: Executor, count: number): Promise<string[]> {
    const codes = new Set<string>();
    while (codes.size < count) {
      const candidates = Array.from({ length: count - codes.size }, () => newReplyCode()).filter((c) => !codes.has(c));
      const taken = await repo.codesTaken(within, candidates);
      for (const c of candidates) if (!taken.has(c)) codes.add(c);
    }
    return [...codes];
  }

  const check = (row: Awaited<ReturnType<typeof repo.findAction>>): ActionCheck => {
    if (!row) return { ok: false, reason: 'invalid' };
    if (row.used_at && Number(row.once) === 1) return { ok: false, reason: 'used' };
    if (row.expires_at <= now().toISOString() || !row.code) return { ok: false, reason: 'expired' };
    return {
      ok: true,
      action: {
        id: row.id,
        organisationId: row.organisation_id,
        personId: row.person_id,
        kind: row.kind,
        aboutId: row.about_id,
        code: row.code,
        once: Number(row.once) === 1,
        expiresAt: row.expires_at,
      },
    };
  };

  return {
    linkOf,

    /**
     * The link and code for each person asked to do one thing, made once and reused by later
     * messages about it. Pass the transaction that queues the messages. Three queries
     * whatever the number of people.
     */
    async issue(
      within: Executor,
      ask: {
        organisationId: string;
        kind: ReplyActionKind;
        aboutId: string;
        personIds: readonly string[];
        expiresAt: string;
        once: boolean;
      },
    ): Promise<Map<string, Issued>> {
      const at = now().toISOString();
      await repo.freeExpiredCodes(within, at);
      await repo.setExpiry(within, ask.organisationId, ask.kind, ask.aboutId, ask.expiresAt);
      const existing = await repo.actionsAbout(within, ask.organisationId, ask.kind, ask.aboutId, ask.personIds);
      const have = new Map(existing.map((r) => [r.person_id, r]));
      const missing = [...new Set(ask.personIds)].filter((id) => !have.has(id));
      const lost = existing.filter((r) => !r.code);
      const codes = await uniqueCodes(within, missing.length + lost.length);
      const out = new Map<string, Issued>();
      for (const r of lost) {
        const code = codes.pop()!;
        await repo.giveCode(within, r.id, code);
        out.set(r.person_id, { code, link: linkOf(r.id) });
      }
      for (const r of existing) if (r.code) out.set(r.person_id, { code: r.code, link: linkOf(r.id) });
      const rows = missing.map((personId) => ({
        id: newId(),
        organisation_id: ask.organisationId,
        person_id: personId,
        kind: ask.kind,
        about_id: ask.aboutId,
        code: codes.pop()!,
        once: ask.once ? 1 : 0,
        expires_at: ask.expiresAt,
        created_at: at,
      }));
      await repo.insertActions(within, rows);
      for (const r of rows) out.set(r.person_id, { code: r.code, link: linkOf(r.id) });
      return out;
    },

    /** The thing closed before its links were due to run out (scoring alone ended): they stop now. */
    async closeAbout(within: Executor, organisationId: string, kind: ReplyActionKind, aboutId: string): Promise<void> {
      await repo.setExpiry(within, organisationId, kind, aboutId, now().toISOString());
    },

    /** Opens a personal link: the one action it stands for, or why not. */
    async open(token: string): Promise<ActionCheck> {
      const id = readActionToken(secret, token);
      return check(id ? await repo.findAction(db, id) : undefined);
    },

    /** Staff type a code from a letter or a call: only their own organisation's codes. */
    async openByCode(organisationId: string, typed: string): Promise<ActionCheck> {
      const code = readReplyCode(typed);
      return check(code ? await repo.findByCode(db, organisationId, code) : undefined);
    },

    /**
     * Saves an answer through the module that owns the action, then uses up a once-only
     * action and writes who answered and how (never what) to the audit log. A vote cannot
     * go twice even between these steps: the ballot itself is one per person.
     */
    async answer(action: LiveAction, answerer: Answerer, body: unknown, recorded: RecordedBy | null): Promise<AnswerSaved> {
      const saved = await answerer.save(action, body, recorded);
      if (!saved.ok) return saved;
      if (action.once) await repo.claimUse(db, action.id, now().toISOString());
      await writeAudit(db, {
        organisationId: action.organisationId,
        actorPersonId: recorded ? recorded.personId : action.personId,
        onBehalfOfPersonId: recorded ? action.personId : null,
        subjectType: subjectOf[action.kind],
        subjectId: action.aboutId,
        action: recorded ? 'answer-recorded-by-code' : 'answer-by-link',
        changes: [{ field: 'how', to: recorded ? recorded.how : 'link' }],
        at: now(),
      });
      return saved;
    },

    /**
     * Someone opened a link that only shows something of theirs (a statement): who it was
     * for and what it showed (which page of it) go to the audit log, under that person.
     * Nobody signed in, so the person is the actor.
     */
    async opened(action: LiveAction, page?: number): Promise<void> {
      await writeAudit(db, {
        organisationId: action.organisationId,
        actorPersonId: action.personId,
        onBehalfOfPersonId: null,
        subjectType: subjectOf[action.kind],
        subjectId: action.personId,
        action: 'opened-by-link',
        changes: [{ field: 'shown', to: `${action.kind}:${action.aboutId}` }, ...(page ? [{ field: 'page', to: page }] : [])],
        at: now(),
      });
    },

    /**
     * The live action this person was asked about most recently, for a text message that
     * comes back with only an answer in it. Null when nothing is open.
     */
    async latestOpenAction(organisationId: string, personId: string): Promise<(LiveAction & { link: string }) | null> {
      const row = await repo.latestLive(db, organisationId, personId, now().toISOString(), showOnlyKinds);
      const checked = check(row);
      return checked.ok ? { ...checked.action, link: linkOf(checked.action.id) } : null;
    },
  };
}

export type ReplyActionService = ReturnType<typeof makeReplyActionService>;
