// The charter's rules (C1, C2), kept apart from I/O so a table of cases can pin them down.
// The charter is the organisation's own: staff keep the pen (they draft and publish), and
// everyone in it, member or staff, answers the version that is published now. A new version
// starts from the words people already agreed, not from a blank page.
import type { Role } from '../../platform/auth.ts';
import type { CharterAnswer } from '../../db/schema/charter.ts';
import { agreeOrChangeProblem, type AgreeOrChangeProblem } from '../../platform/agree-or-change.ts';

/** The parts of the charter, in the order they are read. */
export const charterParts = [
  'meaning',
  'equality',
  'diversity',
  'accessibility',
  'reciprocity',
  'benefits',
  'outcomes',
  'commitments',
] as const;
export type CharterPart = (typeof charterParts)[number];
export type CharterText = Record<CharterPart, string>;

/** The four principles, each as this organisation will practise them. */
export const principleParts = ['equality', 'diversity', 'accessibility', 'reciprocity'] as const satisfies readonly CharterPart[];

export type VersionState = { version: number; published: boolean };

/** The version people answer: the highest published one; null before the first is published. */
export function currentVersion(versions: readonly VersionState[]): number | null {
  const published = versions.filter((v) => v.published).map((v) => v.version);
  return published.length ? Math.max(...published) : null;
}

/** The number a new draft gets: one after every version there is. */
export function nextVersionNumber(versions: readonly VersionState[]): number {
  return versions.reduce((n, v) => Math.max(n, v.version), 0) + 1;
}

/**
 * What the next draft starts from: the published words when there are some (so people
 * change what they know), else the organisation's starter words.
 */
export function draftStartsFrom(published: CharterText | null, starter: CharterText): CharterText {
  return { ...(published ?? starter) };
}

/** Staff draft and publish; a published version never changes (people agreed to those words). */
export function mayEdit(role: Role, published: boolean): boolean {
  return (role === 'admin' || role === 'facilitator') && !published;
}

/**
 * Who may give an answer for whom: anyone for themself, staff for someone who told them
 * (on the phone, by letter, in person). A member never answers for someone else here:
 * supporters act through their own route.
 */
export function mayAnswerFor(role: Role, selfId: string, personId: string): boolean {
  return selfId === personId || role === 'admin' || role === 'facilitator';
}

export type AnswerProblem = 'no-charter' | 'changed-since' | AgreeOrChangeProblem;

/**
 * Whether an answer can be kept: it must be to the version published now (a newer one means
 * words the person has not read), and "I would change" needs what they would change.
 */
export function answerProblem(
  current: number | null,
  answering: number,
  answer: CharterAnswer | null,
  wouldChange: string | null,
): AnswerProblem | null {
  if (current === null) return 'no-charter';
  if (answering !== current) return 'changed-since';
  return agreeOrChangeProblem(answer, wouldChange);
}

export type AgreementStart = { meaning: string; principles: string; benefits: string; outcomes: string };

/**
 * A project's first agreement starts from the charter: the same meaning, the four principles
 * under their names, the benefits and outcomes. The project then makes them its own.
 */
export function agreementStartsFrom(charter: CharterText, principleNames: Record<(typeof principleParts)[number], string>): AgreementStart {
  return {
    meaning: charter.meaning,
    principles: principleParts.map((p) => `${principleNames[p]}: ${charter[p].trim()}`).join('\n\n'),
    benefits: charter.benefits,
    outcomes: charter.outcomes,
  };
}
