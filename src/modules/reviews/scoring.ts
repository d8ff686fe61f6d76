// Scoring a review: averages by group, the gap between staff and people with lived
// experience, and which statements to flag. Pure: no I/O, tested with tables of cases.
//
// Averages are kept in whole tenths of a point (3.7 is 37), worked out with whole numbers,
// so the figure people see, the gap between two figures and the flag all agree: a gap
// shown as 1.0 is flagged when the setting is 1 point, never missed by a rounding error.
import { perspectiveGroupOf, perspectiveGroups, type PerspectiveGroup } from '../../platform/perspective-groups.ts';
import {
  allStatements,
  facilitatorStatement,
  fewestToShow,
  jigsawPieces,
  statementsIn,
  type FormSection,
  type JigsawPiece,
  type Rating,
  type StatementCode,
} from './vocabulary.ts';

/** One answer: a rating from 1 to 5, or null for "don't know". */
export type Answer = { personId: string; code: StatementCode; rating: Rating | null };
/** Who answered: lived experience (draws on care and support, or a carer) and/or staff. */
export type Respondent = { personId: string; perspectives: readonly string[]; staff: boolean };

/** average: one decimal (3.7), null when fewer than 3 of the group gave a rating. */
export type GroupAverage = { average: number | null; answered: number; dontKnow: number };
export type Comparison = {
  livedExperience: GroupAverage;
  staff: GroupAverage;
  everyone: GroupAverage;
  byPerspective: Record<PerspectiveGroup, GroupAverage>;
  /** Staff average minus lived experience average, one decimal; null unless both are shown. */
  gap: number | null;
  /** The groups differ by at least the cycle's gap setting. */
  flagged: boolean;
};
export type StatementResult = { code: StatementCode } & Comparison;
export type PieceResult = { piece: JigsawPiece } & Comparison;
export type Results = {
  overall: Comparison;
  pieces: PieceResult[];
  statements: StatementResult[];
  flagged: StatementCode[];
  respondents: { livedExperience: number; staff: number; everyone: number };
  gapThresholdTenths: number;
};

export const staffPerspectives: readonly string[] = ['practitioner', 'manager', 'commissioner'];
export const isLivedExperience = (r: Respondent) => r.perspectives.some((p) => p === 'draws-on-care' || p === 'carer');
/** Staff: someone with a staff account, or whose perspective is staff's (frontline, manager, commissioner). */
export const isStaff = (r: Respondent) => r.staff || r.perspectives.some((p) => staffPerspectives.includes(p));

/** Whole tenths, rounded half up: sum 11 over 3 answers is 3.666... so 37. */
export const averageTenths = (sum: number, count: number) => Math.floor((20 * sum + count) / (2 * count));

type Tally = { sum: number; ratings: number; people: Set<string>; dontKnow: number };
const emptyTally = (): Tally => ({ sum: 0, ratings: 0, people: new Set(), dontKnow: 0 });

/** One person's answers over some statements, added up (by the database for a long history). */
export type PersonTally = { personId: string; sum: number; ratings: number; dontKnow: number };

function add(tally: Tally, p: PersonTally) {
  tally.sum += p.sum;
  tally.ratings += p.ratings;
  tally.dontKnow += p.dontKnow;
  if (p.ratings > 0) tally.people.add(p.personId);
}

/** Answers added up person by person. */
export function tallyByPerson(answers: readonly Answer[]): PersonTally[] {
  const by = new Map<string, PersonTally>();
  for (const a of answers) {
    const t = by.get(a.personId) ?? { personId: a.personId, sum: 0, ratings: 0, dontKnow: 0 };
    if (a.rating === null) t.dontKnow++;
    else {
      t.sum += a.rating;
      t.ratings++;
    }
    by.set(a.personId, t);
  }
  return [...by.values()];
}

/** The group's average in tenths, or null when fewer than `fewestToShow` people rated. */
function shownTenths(t: Tally): number | null {
  return t.people.size >= fewestToShow ? averageTenths(t.sum, t.ratings) : null;
}

const asGroupAverage = (t: Tally): GroupAverage => {
  const tenths = shownTenths(t);
  return { average: tenths === null ? null : tenths / 10, answered: t.people.size, dontKnow: t.dontKnow };
};

/**
 * Compares the groups over a set of answers. Someone who is both (a carer who is also
 * staff) counts in both groups: people are never just one thing.
 */
export function compare(answers: readonly Answer[], respondents: ReadonlyMap<string, Respondent>, gapThresholdTenths: number): Comparison {
  return compareTallies(tallyByPerson(answers), respondents, gapThresholdTenths);
}

/** The same comparison from each person's totals. */
export function compareTallies(
  tallies: readonly PersonTally[],
  respondents: ReadonlyMap<string, Respondent>,
  gapThresholdTenths: number,
): Comparison {
  const lived = emptyTally();
  const staff = emptyTally();
  const everyone = emptyTally();
  const by = Object.fromEntries(perspectiveGroups.map((g) => [g, emptyTally()])) as Record<PerspectiveGroup, Tally>;
  for (const a of tallies) {
    const who = respondents.get(a.personId);
    if (!who) continue;
    add(everyone, a);
    if (isLivedExperience(who)) add(lived, a);
    if (isStaff(who)) add(staff, a);
    const groups = new Set(who.perspectives.map(perspectiveGroupOf));
    if (who.staff) groups.add('staff-partners');
    for (const g of groups) add(by[g], a);
  }
  const livedTenths = shownTenths(lived);
  const staffTenths = shownTenths(staff);
  const gapTenths = livedTenths === null || staffTenths === null ? null : staffTenths - livedTenths;
  return {
    livedExperience: asGroupAverage(lived),
    staff: asGroupAverage(staff),
    everyone: asGroupAverage(everyone),
    byPerspective: Object.fromEntries(perspectiveGroups.map((g) => [g, asGroupAverage(by[g])])) as Record<PerspectiveGroup, GroupAverage>,
    gap: gapTenths === null ? null : gapTenths / 10,
    flagged: gapTenths !== null && Math.abs(gapTenths) >= gapThresholdTenths,
  };
}

/** Results by statement, by jigsaw piece and overall (the headline gap). */
export function scoreCycle(answers: readonly Answer[], respondents: readonly Respondent[], gapThresholdTenths: number): Results {
  const who = new Map(respondents.map((r) => [r.personId, r]));
  const of = (codes: readonly StatementCode[]) => answers.filter((a) => codes.includes(a.code));
  // The independent facilitator statement shows only where the review asked it (issue 22).
  const asked = answers.some((a) => a.code === facilitatorStatement) ? [...allStatements, facilitatorStatement] : allStatements;
  const statements = asked.map((code): StatementResult => ({ code, ...compare(of([code]), who, gapThresholdTenths) }));
  const pieces = jigsawPieces.map((piece): PieceResult => ({ piece, ...compare(of(statementsIn(piece)), who, gapThresholdTenths) }));
  const answeredBy = new Set(answers.map((a) => a.personId));
  const counted = respondents.filter((r) => answeredBy.has(r.personId));
  return {
    overall: compare(of(allStatements), who, gapThresholdTenths),
    pieces,
    statements,
    flagged: statements.filter((s) => s.flagged).map((s) => s.code),
    respondents: {
      livedExperience: counted.filter(isLivedExperience).length,
      staff: counted.filter(isStaff).length,
      everyone: counted.length,
    },
    gapThresholdTenths,
  };
}

/** Overall, by piece, and who took part, from each person's totals by form section: for comparing many cycles. */
export function scoreTallies(
  bySection: ReadonlyMap<FormSection, readonly PersonTally[]>,
  respondents: readonly Respondent[],
  gapThresholdTenths: number,
): Pick<Results, 'overall' | 'pieces' | 'respondents'> {
  const who = new Map(respondents.map((r) => [r.personId, r]));
  const overall = new Map<string, PersonTally>();
  for (const list of bySection.values()) {
    for (const p of list) {
      const t = overall.get(p.personId) ?? { personId: p.personId, sum: 0, ratings: 0, dontKnow: 0 };
      overall.set(p.personId, {
        personId: p.personId,
        sum: t.sum + p.sum,
        ratings: t.ratings + p.ratings,
        dontKnow: t.dontKnow + p.dontKnow,
      });
    }
  }
  const counted = respondents.filter((r) => overall.has(r.personId));
  return {
    overall: compareTallies([...overall.values()], who, gapThresholdTenths),
    pieces: jigsawPieces.map((piece): PieceResult => ({ piece, ...compareTallies(bySection.get(piece) ?? [], who, gapThresholdTenths) })),
    respondents: {
      livedExperience: counted.filter(isLivedExperience).length,
      staff: counted.filter(isStaff).length,
      everyone: counted.length,
    },
  };
}
