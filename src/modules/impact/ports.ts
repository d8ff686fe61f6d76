// What the impact report uses of other modules' services: a Pick of each real service type,
// and those modules' own types, so nothing here can drift from what they return.
import type { LearningService } from '../learning/service.ts';
import type { OutcomesService } from '../outcomes/outcome-services.ts';
import type { ReviewService } from '../reviews/service.ts';

export type { DueAction } from '../learning/service.ts';
export type { OutcomeBeforeAfter, ScaleSummary } from '../outcomes/service.ts';
export type { ReportableStory } from '../outcomes/story-service.ts';
export type { ReviewStanding as Standing } from '../reviews/service.ts';
export type { Comparison } from '../reviews/scoring.ts';
export { jigsawPieces, type JigsawPiece } from '../reviews/vocabulary.ts';

export type ReviewsPort = Pick<ReviewService, 'standing'>;
export type LearningPort = Pick<LearningService, 'actionsDue'>;
export type OutcomesPort = Pick<OutcomesService, 'beforeAfter' | 'reportableStories' | 'countReportableStories'>;
