// The statements a review asks about: one for each of the guide's nineteen recommendations
// (their codes, see the About this model page) and one for each of the four principles.
// The words live in the catalogue (reviews:statement.<code>); the codes never change.

export const jigsawPieces = ['culture', 'structure', 'practice', 'review'] as const;
export type JigsawPiece = (typeof jigsawPieces)[number];

export const recommendationsByPiece = {
  culture: ['C1', 'C2', 'C3'],
  structure: ['S1', 'S2', 'S3', 'S4', 'S5'],
  practice: ['P1', 'P2', 'P3', 'P4', 'P5', 'P6', 'P7'],
  review: ['V1', 'V2', 'V3', 'V4'],
} as const;
export type RecommendationCode = (typeof recommendationsByPiece)[JigsawPiece][number];
export const recommendationCodes: readonly RecommendationCode[] = jigsawPieces.flatMap((p) => recommendationsByPiece[p]);

export const principles = ['equality', 'diversity', 'accessibility', 'reciprocity'] as const;
export type Principle = (typeof principles)[number];

/**
 * Asked only in the review of a project that had an independent facilitator (issue 22; the
 * guide asks organisations to think about whether one would help). Not a recommendation:
 * it is left out of the pieces' averages and the level.
 */
export const facilitatorStatement = 'independent-facilitator' as const;
/** What a review asks beyond the fixed statements. */
export type ReviewAsks = { independentFacilitator?: boolean };

/** A statement is about a recommendation or a principle, or is the independent facilitator one. */
export type StatementCode = RecommendationCode | Principle | typeof facilitatorStatement;
/** The form's pages: one per jigsaw piece, and one for the principles. */
export const formSections = [...jigsawPieces, 'principles'] as const;
export type FormSection = (typeof formSections)[number];
export const statementsIn = (section: FormSection, asks: ReviewAsks = {}): readonly StatementCode[] =>
  section === 'principles'
    ? principles
    : section === 'practice' && asks.independentFacilitator
      ? [...recommendationsByPiece.practice, facilitatorStatement]
      : recommendationsByPiece[section];
/** The fixed statements every review asks. */
export const allStatements: readonly StatementCode[] = formSections.flatMap((s) => statementsIn(s));
export const sectionOf = (code: StatementCode): FormSection =>
  code === facilitatorStatement ? 'practice' : (formSections.find((s) => statementsIn(s).includes(code)) ?? 'principles');
export const isStatementCode = (s: string): s is StatementCode => (allStatements as readonly string[]).includes(s);

/** 1 Not at all ... 5 Fully. "Don't know" is kept as an answer with no rating. */
export const ratings = [1, 2, 3, 4, 5] as const;
export type Rating = (typeof ratings)[number];
export const dontKnow = 'dont-know';

export const schedules = ['none', 'quarterly', 'six-monthly', 'yearly'] as const;
export type Schedule = (typeof schedules)[number];

export const levels = ['descriptive', 'intermediate', 'transformative'] as const;
export type Level = (typeof levels)[number];

/** How an answer reached us: typed by the person, or told to staff in person or by phone. */
export const answerWays = ['self', 'in-person', 'phone', 'letter'] as const;
export type AnswerWay = (typeof answerWays)[number];

/** Default: flag a statement when staff and people with lived experience differ by 1 point. */
export const defaultGapThresholdTenths = 10;
/** A group's average is shown only when at least this many of that group answered. */
export const fewestToShow = 3;
