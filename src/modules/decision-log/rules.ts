// Pure rules of the decision log: who took part, when an action is overdue, and how far
// the follow-up has got. No I/O, so every case is tested in rules.test.ts.
import { perspectiveGroups } from '../../platform/perspective-groups.ts';

export const actionStatuses = ['not-started', 'in-progress', 'done'] as const;
export type ActionStatus = (typeof actionStatuses)[number];

export type GroupTakingPart = { group: string; invited: number; tookPart: number };
/** Numbers only: the log never names who voted, so secret votes stay secret. */
export type TakingPart = { invited: number; tookPart: number; byPerspective: GroupTakingPart[] };

export type TakingPartProblem = 'not-whole-numbers' | 'more-than-invited' | 'unknown-group' | 'group-twice';

const whole = (n: unknown) => typeof n === 'number' && Number.isInteger(n) && n >= 0 && n <= 1_000_000;

/** Why a count of who took part cannot be right, or null when it can. */
export function takingPartProblem(tp: TakingPart): TakingPartProblem | null {
  const rows = [tp, ...tp.byPerspective];
  if (!rows.every((r) => whole(r.invited) && whole(r.tookPart))) return 'not-whole-numbers';
  if (rows.some((r) => r.tookPart > r.invited)) return 'more-than-invited';
  const groups = tp.byPerspective.map((g) => g.group);
  if (groups.some((g) => !(perspectiveGroups as readonly string[]).includes(g))) return 'unknown-group';
  if (new Set(groups).size !== groups.length) return 'group-twice';
  return null;
}

/** Groups in the usual order (people who draw on care first), leaving out groups nobody was invited from. */
export function groupsToShow(tp: TakingPart): GroupTakingPart[] {
  const order = (g: string) => (perspectiveGroups as readonly string[]).indexOf(g);
  return tp.byPerspective.filter((g) => g.invited > 0 || g.tookPart > 0).sort((a, b) => order(a.group) - order(b.group));
}

/** Late means the due date has passed (London dates) and the action is not done. Due today is not late. */
export function isOverdue(action: { status: ActionStatus; dueOn: string }, today: string): boolean {
  return action.status !== 'done' && action.dueOn < today;
}

export type Progress = { total: number; done: number; inProgress: number; notStarted: number; overdue: number };

export function progressOf(actions: ReadonlyArray<{ status: ActionStatus; dueOn: string }>, today: string): Progress {
  const count = (s: ActionStatus) => actions.filter((a) => a.status === s).length;
  return {
    total: actions.length,
    done: count('done'),
    inProgress: count('in-progress'),
    notStarted: count('not-started'),
    overdue: actions.filter((a) => isOverdue(a, today)).length,
  };
}

/** An action moves forward only: once done, its "what we did" has gone out and it stays done. */
export function canChangeStatus(from: ActionStatus): boolean {
  return from !== 'done';
}

/** The first London date inside "the last N days" ending today: today and the N-1 days before. */
export function windowStart(today: string, days: number): string {
  const d = new Date(`${today}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() - (days - 1));
  return d.toISOString().slice(0, 10);
}
