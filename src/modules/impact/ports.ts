// What the impact report needs from other modules' services, and no more. The real
// services (reviews, learning, outcomes, meetings, claims, time bank) fit these shapes;
// services.ts passes them in.

export type GroupAverage = { average: number | null; answered: number; dontKnow: number };
export type Comparison = {
  livedExperience: GroupAverage;
  staff: GroupAverage;
  everyone: GroupAverage;
  gap: number | null;
  flagged: boolean;
};
export type JigsawPiece = 'culture' | 'structure' | 'practice' | 'review';
export const jigsawPieces: readonly JigsawPiece[] = ['culture', 'structure', 'practice', 'review'];

export type Standing = {
  cycle: { id: string; title: string; projectId: string | null; opensOn: string; closesOn: string; status: string };
  overall: Comparison;
  pieces: Array<{ piece: JigsawPiece } & Comparison>;
  flagged: readonly string[];
  respondents: { livedExperience: number; staff: number; everyone: number };
  level: { level: 'descriptive' | 'intermediate' | 'transformative' | null };
  levelReasons: string[];
};

export type ReviewsPort = {
  standing(organisationId: string, scope?: { projectId?: string | null; from?: string; to?: string }): Promise<Standing | null>;
};

export type DueAction = {
  id: string;
  what: string;
  ownerName: string;
  dueOn: string;
  overdue: boolean;
  daysOverdue: number;
  projectTitle: string | null;
  recommendations: readonly string[];
  href: string;
};
export type LearningPort = {
  actionsDue(organisationId: string, opts?: { projectId?: string }): Promise<{ overdue: DueAction[]; dueSoon: DueAction[] }>;
};

export type ScaleSummary = { n: number; average: number | null };
export type OutcomeBeforeAfter =
  | {
      outcomeId: string;
      projectId: string;
      projectTitle: string;
      title: string;
      measure: 'scale';
      question: string;
      before: ScaleSummary;
      after: ScaleSummary;
      change: number | null;
    }
  | {
      outcomeId: string;
      projectId: string;
      projectTitle: string;
      title: string;
      measure: 'count';
      unit: string;
      series: Array<{ on: string; value: number; note: string | null }>;
      first: number | null;
      last: number | null;
    };
export type ReportableStory = {
  id: string;
  projectId: string;
  projectTitle: string;
  title: string;
  toldOn: string;
  displayName: string;
  anonymous: boolean;
  kind: 'text' | 'audio' | 'video';
  text: string | null;
  fileUrl: string | null;
};
type Period = { projectId?: string; from?: string; to?: string };
export type OutcomesPort = {
  beforeAfter(organisationId: string, opts?: Period): Promise<OutcomeBeforeAfter[]>;
  reportableStories(organisationId: string, opts?: Period): Promise<ReportableStory[]>;
};
