import { livedExperiencePerspectives, type Perspective } from '../people/vocabulary.ts';
import type { Stage } from './vocabulary.ts';

/**
 * "Involved from the start" (recommendation S1): people who draw on care and support,
 * and carers, should be members from the day a project starts, and at every stage after.
 * Dates are ISO calendar dates (YYYY-MM-DD), so they compare as text.
 */
export type InvolvementInput = {
  startDate: string;
  today: string;
  /** Every stage the project has been in, oldest first; the first is where it began. */
  stageChanges: ReadonlyArray<{ stage: Stage; changedOn: string }>;
  members: ReadonlyArray<{ perspectives: readonly string[]; joinedOn: string }>;
};

export type InvolvementWarning =
  | { kind: 'started-without'; perspective: Perspective }
  | { kind: 'stage-without'; perspective: Perspective; stage: Stage; changedOn: string }
  | { kind: 'none-yet'; perspective: Perspective };

export type Involvement = {
  started: boolean;
  /** For each lived-experience perspective: was someone with it a member on the start date? */
  fromStart: Record<string, boolean>;
  involvedFromStart: boolean;
  warnings: InvolvementWarning[];
};

const hadMemberBy = (input: InvolvementInput, perspective: string, date: string) =>
  input.members.some((m) => m.perspectives.includes(perspective) && m.joinedOn <= date);

export function involvement(input: InvolvementInput): Involvement {
  const started = input.startDate <= input.today;
  const fromStart: Record<string, boolean> = {};
  const warnings: InvolvementWarning[] = [];
  for (const perspective of livedExperiencePerspectives) {
    fromStart[perspective] = hadMemberBy(input, perspective, input.startDate);
    if (!started) {
      // Before the start there is still time: only say nobody has joined yet.
      if (!input.members.some((m) => m.perspectives.includes(perspective))) warnings.push({ kind: 'none-yet', perspective });
      continue;
    }
    if (!fromStart[perspective]) warnings.push({ kind: 'started-without', perspective });
    // Moves after the first stage, on or after the start date, each need them too.
    for (const change of input.stageChanges.slice(1)) {
      if (change.changedOn < input.startDate || change.changedOn > input.today) continue;
      if (!hadMemberBy(input, perspective, change.changedOn)) {
        warnings.push({ kind: 'stage-without', perspective, stage: change.stage, changedOn: change.changedOn });
      }
    }
  }
  return { started, fromStart, involvedFromStart: Object.values(fromStart).every(Boolean), warnings };
}
