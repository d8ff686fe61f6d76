// P7: a panel scores each bid alone first, so nobody's score leans on anyone else's, then
// meets and agrees the scores together, then the result is published. This rule says where a
// round is, what each step allows, and who or what the next step is waiting for. The stored
// stage only moves forward, and only when this rule says the step before it is done.
import type { RoundStage } from '../../db/schema/commissioning.ts';

export type FlowInput = {
  stage: RoundStage;
  criteria: number;
  bids: ReadonlyArray<{ id: string; conflicted: readonly string[] }>;
  panel: ReadonlyArray<{ personId: string; declared: boolean; agreed: boolean }>;
  /** How many criteria each person has scored for each bid: person id -> bid id -> count. */
  scored: ReadonlyMap<string, ReadonlyMap<string, number>>;
  /** How many criteria have an agreed score, by bid id. */
  agreed: ReadonlyMap<string, number>;
  hasSummary: boolean;
};

export type FlowBlock =
  | 'no-bids'
  | 'no-criteria'
  | 'no-panel'
  | 'not-declared'
  | 'not-scored'
  | 'not-agreed-scores'
  | 'not-agreed-by-all'
  | 'no-summary'
  | 'published';

export type Flow = {
  stage: RoundStage;
  /** The stage the round can move to now, or null with what it waits for. */
  next: RoundStage | null;
  blocks: FlowBlock[];
  /** Panel members who have not declared, have bids left to score alone, or have not agreed. */
  toDeclare: string[];
  toScore: Array<{ personId: string; bids: string[] }>;
  toAgree: string[];
  /** Bids with a criterion the panel has not agreed a score for yet. */
  bidsToAgree: string[];
};

const order: readonly RoundStage[] = ['preparing', 'alone', 'together', 'published'];

/** Bids this person may see and score: never one they declared an interest in. */
export const bidsFor = (input: Pick<FlowInput, 'bids'>, personId: string) => input.bids.filter((b) => !b.conflicted.includes(personId));

export function scoringFlow(input: FlowInput): Flow {
  const toDeclare = input.panel.filter((p) => !p.declared).map((p) => p.personId);
  const toScore = input.panel
    .map((p) => ({
      personId: p.personId,
      bids: bidsFor(input, p.personId)
        .filter((b) => (input.scored.get(p.personId)?.get(b.id) ?? 0) < input.criteria)
        .map((b) => b.id),
    }))
    .filter((p) => p.bids.length > 0);
  const toAgree = input.panel.filter((p) => !p.agreed).map((p) => p.personId);
  const bidsToAgree = input.bids.filter((b) => (input.agreed.get(b.id) ?? 0) < input.criteria).map((b) => b.id);

  const blocks: FlowBlock[] = [];
  switch (input.stage) {
    case 'preparing':
      if (input.bids.length === 0) blocks.push('no-bids');
      if (input.criteria === 0) blocks.push('no-criteria');
      if (input.panel.length === 0) blocks.push('no-panel');
      break;
    case 'alone':
      if (toDeclare.length) blocks.push('not-declared');
      if (toScore.length) blocks.push('not-scored');
      break;
    case 'together':
      if (bidsToAgree.length) blocks.push('not-agreed-scores');
      if (toAgree.length) blocks.push('not-agreed-by-all');
      if (!input.hasSummary) blocks.push('no-summary');
      break;
    case 'published':
      blocks.push('published');
  }
  const next = blocks.length ? null : order[order.indexOf(input.stage) + 1]!;
  return { stage: input.stage, next, blocks, toDeclare, toScore, toAgree, bidsToAgree };
}

/** What each stage allows. Scores given alone are hidden from the rest of the panel until the panel meets. */
export const mayDeclare = (stage: RoundStage) => stage === 'preparing' || stage === 'alone';
export const mayScoreAlone = (stage: RoundStage) => stage === 'alone';
export const maySeeOthersScores = (stage: RoundStage) => stage === 'together' || stage === 'published';
export const mayAgree = (stage: RoundStage) => stage === 'together';
/** Bids, criteria and the panel are set while preparing; a panel member may still be added while scoring alone. */
export const mayChangeSetUp = (stage: RoundStage) => stage === 'preparing';
export const mayChangePanel = (stage: RoundStage) => stage === 'preparing' || stage === 'alone';
