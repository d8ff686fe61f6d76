// A vote as typed into a plain form (radios, number boxes, one select per option), checked
// and turned into the ballot its counting function takes. Works with JavaScript off: every
// method is a normal form. Errors name the box to fix, and what was typed is kept.
import type { FieldErrors, FormResult } from '../../platform/forms.ts';
import { moneyForInput, parseMoney } from '../../platform/money.ts';
import { consentResponses, type ConsentResponse } from './counting/consent.ts';
import { scoringScale, type ProposalMethod, type ProposalSettings } from './vocabulary.ts';

export type BallotBody =
  | { response: ConsentResponse; reason: string | null }
  | { choice: string | null }
  | { ranking: string[] }
  | { dots: Record<string, number> }
  | { scores: Record<string, Record<string, number>> }
  | { approve: string[] }
  | { allocate: Record<string, number> };

export type BallotProposal = { method: ProposalMethod; settings: ProposalSettings; options: ReadonlyArray<{ id: string }> };

const text = (b: Record<string, unknown>, name: string) => (typeof b[name] === 'string' ? (b[name] as string).trim() : '');
const done = (errors: FieldErrors, body: BallotBody): FormResult<BallotBody> =>
  Object.keys(errors).length ? { ok: false, errors } : { ok: true, data: body };

export function parseBallot(p: BallotProposal, body: unknown): FormResult<BallotBody> {
  const b = (body ?? {}) as Record<string, unknown>;
  const errors: FieldErrors = {};
  const ids = p.options.map((o) => o.id);
  switch (p.method) {
    case 'consent': {
      const response = text(b, 'response');
      if (!(consentResponses as readonly string[]).includes(response))
        return { ok: false, errors: { response: 'decisions:errors.responseRequired' } };
      const reason = text(b, 'reason');
      if ((response === 'disagree' || response === 'block') && !reason) errors.reason = `decisions:errors.reasonRequired.${response}`;
      if (reason.length > 2000) errors.reason = 'errors:tooLong';
      return done(errors, { response: response as ConsentResponse, reason: reason || null });
    }
    case 'majority': {
      const choice = text(b, 'choice');
      if (choice !== 'abstain' && !ids.includes(choice)) return { ok: false, errors: { choice: 'decisions:errors.choiceRequired' } };
      return { ok: true, data: { choice: choice === 'abstain' ? null : choice } };
    }
    case 'ranked-choice': {
      const ranks: Array<{ id: string; rank: number }> = [];
      for (const id of ids) {
        const v = text(b, `rank-${id}`);
        if (v === '') continue;
        const n = Number(v);
        if (!/^\d+$/.test(v) || n < 1 || n > ids.length) errors[`rank-${id}`] = 'decisions:errors.rankInvalid';
        else ranks.push({ id, rank: n });
      }
      const seen = new Map<number, number>();
      for (const r of ranks) seen.set(r.rank, (seen.get(r.rank) ?? 0) + 1);
      for (const r of ranks) if (seen.get(r.rank)! > 1) errors[`rank-${r.id}`] = 'decisions:errors.rankTwice';
      if (ranks.length === 0 && !Object.keys(errors).length) errors[`rank-${ids[0]}`] = 'decisions:errors.rankNone';
      return done(errors, { ranking: ranks.sort((a, c) => a.rank - c.rank).map((r) => r.id) });
    }
    case 'dot-voting': {
      const dots: Record<string, number> = {};
      let total = 0;
      for (const id of ids) {
        const v = text(b, `dots-${id}`);
        if (v === '' || v === '0') continue;
        if (!/^\d{1,4}$/.test(v)) {
          errors[`dots-${id}`] = 'decisions:errors.dotsWhole';
          continue;
        }
        dots[id] = Number(v);
        total += Number(v);
      }
      if (!Object.keys(errors).length && total > (p.settings.dotsEach ?? 0)) errors[`dots-${ids[0]}`] = 'decisions:errors.tooManyDots';
      if (!Object.keys(errors).length && total === 0) errors[`dots-${ids[0]}`] = 'decisions:errors.noDots';
      return done(errors, { dots });
    }
    case 'scoring': {
      const scores: Record<string, Record<string, number>> = {};
      for (const id of ids) {
        scores[id] = {};
        for (const c of p.settings.criteria ?? []) {
          const v = text(b, `score-${id}-${c.id}`);
          const n = Number(v);
          if (v === '' || !/^\d+$/.test(v) || n < scoringScale.min || n > scoringScale.max)
            errors[`score-${id}-${c.id}`] = 'decisions:errors.scoreRequired';
          else scores[id]![c.id] = n;
        }
      }
      return done(errors, { scores });
    }
    case 'budget': {
      if (p.settings.budgetWay === 'approve') {
        const raw = b.approve === undefined || b.approve === '' ? [] : Array.isArray(b.approve) ? b.approve : [b.approve];
        const approve = [...new Set(raw.filter((v): v is string => typeof v === 'string'))];
        if (approve.some((v) => !ids.includes(v))) return { ok: false, errors: { approve: 'errors:invalidChoice' } };
        return { ok: true, data: { approve } };
      }
      // Each person shares out the whole budget as they would spend it.
      const share = p.settings.budgetPence ?? 0;
      const allocate: Record<string, number> = {};
      let total = 0;
      for (const id of ids) {
        const v = text(b, `allocate-${id}`);
        if (v === '') continue;
        const money = parseMoney(v);
        if (!money.ok) {
          errors[`allocate-${id}`] = 'decisions:errors.allocateMoney';
          continue;
        }
        if (money.pence > 0) allocate[id] = money.pence;
        total += money.pence;
      }
      if (!Object.keys(errors).length && total > share) errors[`allocate-${ids[0]}`] = 'decisions:errors.overShare';
      return done(errors, { allocate });
    }
  }
}

/** A stored ballot put back into the form's boxes (for showing someone their own named vote). */
export function ballotFormValues(body: BallotBody): Record<string, unknown> {
  if ('response' in body) return { response: body.response, reason: body.reason ?? '' };
  if ('choice' in body) return { choice: body.choice ?? 'abstain' };
  if ('ranking' in body) return Object.fromEntries(body.ranking.map((id, i) => [`rank-${id}`, String(i + 1)]));
  if ('dots' in body) return Object.fromEntries(Object.entries(body.dots).map(([id, n]) => [`dots-${id}`, String(n)]));
  if ('approve' in body) return { approve: body.approve };
  if ('allocate' in body) return Object.fromEntries(Object.entries(body.allocate).map(([id, p]) => [`allocate-${id}`, moneyForInput(p)]));
  return Object.fromEntries(
    Object.entries(body.scores).flatMap(([o, byC]) => Object.entries(byC).map(([c, n]) => [`score-${o}-${c}`, String(n)])),
  );
}
