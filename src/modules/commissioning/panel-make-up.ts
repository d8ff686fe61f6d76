// P7: commissioning itself is co-produced, so an evaluation panel needs people who draw on
// care and support, and carers, on it: not missing, and not a token one or two among many
// professionals. Like "involved from the start" (projects/involvement.ts), this only warns:
// staff see the warning and decide what to do.
import { livedExperiencePerspectives, type Perspective } from '../people/vocabulary.ts';

export type PanelWarning =
  | { kind: 'missing'; perspective: Perspective }
  /** People with lived experience are there, but fewer than a third of the panel, or one alone among three or more. */
  | { kind: 'token'; livedExperience: number; size: number };

export type PanelMakeUp = { size: number; livedExperience: number; warnings: PanelWarning[] };

export function panelMakeUp(members: ReadonlyArray<{ perspectives: readonly string[] }>): PanelMakeUp {
  const size = members.length;
  const has = (p: string) => members.some((m) => m.perspectives.includes(p));
  const livedExperience = members.filter((m) =>
    m.perspectives.some((p) => (livedExperiencePerspectives as readonly string[]).includes(p)),
  ).length;
  const warnings: PanelWarning[] = livedExperiencePerspectives
    .filter((p) => !has(p))
    .map((perspective) => ({ kind: 'missing', perspective }));
  // A third: enough voices that they are not out-numbered into silence; one person alone is a token.
  if (livedExperience > 0 && (livedExperience * 3 < size || (livedExperience === 1 && size >= 3)))
    warnings.push({ kind: 'token', livedExperience, size });
  return { size, livedExperience, warnings };
}
