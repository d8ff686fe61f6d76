// Scoring against weighted criteria, as commissioning panels do (P7: commissioning itself is
// co-produced, e.g. people with lived experience on panels). Every member's totals are shown
// openly, and the panel's result is by default the plain mean of members' totals, so a
// commissioner's score counts exactly as much as anyone else's. A panel may agree a moderated
// score for a criterion after discussion; it then replaces the mean for that criterion, and
// both are shown so the discussion's effect is visible.
import {
  byCodeUnits,
  isWholeNumber,
  oneBallotEach,
  requireDistinct,
  requireSetting,
  sortInvalid,
  type Invalid,
} from './one-ballot-each.ts';
import { rankWithTies } from './ordering.ts';

/** weight: a whole number above 0, so "counts twice as much" means exactly that. */
export type Criterion = { id: string; weight: number };
export type Scale = { min: number; max: number };
/** option id -> criterion id -> score on the scale. */
export type Scores = Readonly<Record<string, Readonly<Record<string, number>>>>;
export type ScoreSheet = { voterId: string; scores: Scores };
export type ScoringSettings = { criteria: readonly Criterion[]; scale: Scale; agreed?: Scores };
export type ScoringInvalidReason = 'unknown-option' | 'unknown-criterion' | 'score-not-on-scale' | 'more-than-one-ballot';
export type OptionScore = {
  option: string;
  /** Members who scored every criterion for this option: the only ones in its mean. */
  scoredBy: number;
  criteria: { criterion: string; weight: number; mean: number | null; agreed: number | null }[];
  meanTotal: number | null;
  /** Agreed score where the panel gave one, the mean otherwise; null while any criterion has neither. */
  moderatedTotal: number | null;
  /** By moderated total; null when there is no total to rank. */
  rank: number | null;
  sharedRank: boolean;
};
export type ScoringResult = {
  maxTotal: number;
  valid: number;
  invalid: Invalid<ScoringInvalidReason>[];
  /** Each member's weighted total per option (null: not scored in full), by voter id. */
  members: { voterId: string; totals: { option: string; total: number | null }[] }[];
  /** A member left out of an option's mean, and the criteria they did not score. */
  missing: { voterId: string; option: string; criteria: string[] }[];
  options: OptionScore[];
};

const onScale = (n: unknown, s: Scale) => isWholeNumber(n) && n >= s.min && n <= s.max;
/** Own keys only: an option called "constructor" must not find Object's. */
const own = (scores: Scores, o: string, c: string): number | undefined =>
  Object.hasOwn(scores, o) && Object.hasOwn(scores[o]!, c) ? scores[o]![c] : undefined;

function check(sheet: ScoreSheet, options: ReadonlySet<string>, criteria: ReadonlySet<string>, scale: Scale): ScoringInvalidReason | null {
  for (const [option, byCriterion] of Object.entries(sheet.scores)) {
    if (!options.has(option)) return 'unknown-option';
    for (const [criterion, score] of Object.entries(byCriterion)) {
      if (!criteria.has(criterion)) return 'unknown-criterion';
      if (!onScale(score, scale)) return 'score-not-on-scale';
    }
  }
  return null;
}

function checkSettings(options: readonly string[], { criteria, scale, agreed = {} }: ScoringSettings): void {
  requireDistinct(options, 'options');
  requireSetting(criteria.length > 0, 'there must be at least one criterion');
  requireDistinct(
    criteria.map((c) => c.id),
    'criteria',
  );
  requireSetting(
    criteria.every((c) => isWholeNumber(c.weight) && c.weight > 0),
    'weights must be whole numbers above 0',
  );
  requireSetting(
    isWholeNumber(scale.min) && isWholeNumber(scale.max) && scale.min < scale.max,
    'the scale must run between two whole numbers',
  );
  for (const [option, byCriterion] of Object.entries(agreed)) {
    requireSetting(options.includes(option), `agreed score for unknown option ${option}`);
    for (const [criterion, score] of Object.entries(byCriterion)) {
      requireSetting(
        criteria.some((c) => c.id === criterion) && onScale(score, scale),
        `agreed score for ${option}/${criterion} must be on the scale`,
      );
    }
  }
}

export function countScores(options: readonly string[], sheets: readonly ScoreSheet[], settings: ScoringSettings): ScoringResult {
  checkSettings(options, settings);
  const { criteria, scale, agreed = {} } = settings;
  const { single, duplicates } = oneBallotEach(sheets);
  const invalid: Invalid<ScoringInvalidReason>[] = [...duplicates];
  const optionSet = new Set(options);
  const criterionSet = new Set(criteria.map((c) => c.id));
  const valid: ScoreSheet[] = [];
  for (const s of single) {
    const reason = check(s, optionSet, criterionSet, scale);
    if (reason) invalid.push({ voterId: s.voterId, reason });
    else valid.push(s);
  }
  valid.sort((a, b) => byCodeUnits(a.voterId, b.voterId));

  const scoreOf = (s: ScoreSheet, o: string, c: string) => own(s.scores, o, c);
  const unscored = (s: ScoreSheet, o: string) => criteria.filter((c) => scoreOf(s, o, c.id) === undefined).map((c) => c.id);
  const totalOf = (s: ScoreSheet, o: string) =>
    unscored(s, o).length ? null : criteria.reduce((sum, c) => sum + c.weight * scoreOf(s, o, c.id)!, 0);

  const members = valid.map((s) => ({ voterId: s.voterId, totals: options.map((option) => ({ option, total: totalOf(s, option) })) }));
  const missing = valid.flatMap((s) =>
    options.map((option) => ({ voterId: s.voterId, option, criteria: unscored(s, option) })).filter((m) => m.criteria.length > 0),
  );

  const unranked = options.map((option): Omit<OptionScore, 'rank' | 'sharedRank'> => {
    // A member who skipped a criterion is left out of the whole option, so the same people
    // stand behind every criterion's mean and the mean total is their weighted sum.
    const full = valid.filter((s) => totalOf(s, option) !== null);
    const n = full.length;
    const sums = criteria.map((c) => full.reduce((sum, s) => sum + scoreOf(s, option, c.id)!, 0));
    const agreedFor = criteria.map((c) => own(agreed, option, c.id) ?? null);
    // One division per figure, from whole numbers: equal totals then compare exactly equal.
    const meanTotal = n ? criteria.reduce((sum, c, i) => sum + c.weight * sums[i]!, 0) / n : null;
    const moderatedNumerator = criteria.reduce(
      (sum, c, i) => sum + c.weight * (agreedFor[i] !== null ? agreedFor[i]! * Math.max(n, 1) : sums[i]!),
      0,
    );
    const complete = n > 0 || agreedFor.every((a) => a !== null);
    return {
      option,
      scoredBy: n,
      criteria: criteria.map((c, i) => ({ criterion: c.id, weight: c.weight, mean: n ? sums[i]! / n : null, agreed: agreedFor[i]! })),
      meanTotal,
      moderatedTotal: complete ? moderatedNumerator / Math.max(n, 1) : null,
    };
  });
  const ranks = new Map(
    rankWithTies(
      unranked.filter((o) => o.moderatedTotal !== null),
      (o) => o.moderatedTotal!,
    ).map((r) => [r.item.option, r]),
  );
  return {
    maxTotal: criteria.reduce((sum, c) => sum + c.weight * scale.max, 0),
    valid: valid.length,
    invalid: sortInvalid(invalid),
    members,
    missing,
    options: unranked.map((o) => ({ ...o, rank: ranks.get(o.option)?.rank ?? null, sharedRank: ranks.get(o.option)?.sharedRank ?? false })),
  };
}
