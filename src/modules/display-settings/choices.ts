// How pages look for one person (issue 24, P1: everything accessible to everyone). Each
// choice becomes a class on <html> that the stylesheet answers (src/styles/_display-settings.scss):
// bigger text scales every rem-sized font, higher contrast swaps GOV.UK Frontend's colour
// custom properties, less movement stops transitions and animations. Reading aloud is a
// button that the browser's own speech synthesis drives, so it needs JavaScript; the other
// three work without it. People who sign in keep their choices in a table, everyone else in
// a cookie, written and read here so both say the same thing.
import { z } from 'zod';

export const textSizes = ['usual', 'large', 'larger'] as const;
export const contrasts = ['usual', 'high'] as const;
export const motions = ['usual', 'reduced'] as const;

export type TextSize = (typeof textSizes)[number];
export type Contrast = (typeof contrasts)[number];
export type Motion = (typeof motions)[number];

export type DisplayChoices = { textSize: TextSize; contrast: Contrast; motion: Motion; readAloud: boolean };

export const usualDisplay: DisplayChoices = { textSize: 'usual', contrast: 'usual', motion: 'usual', readAloud: false };

export const displayCookieName = 'coproduce.display';
/** A year: the choice is for this browser until the person changes it. */
export const displayCookieSeconds = 365 * 24 * 60 * 60;

// A cookie is whatever the browser sends: anything unknown falls back to the usual look.
const fromCookie = z.object({
  text: z.enum(textSizes).catch('usual'),
  contrast: z.enum(contrasts).catch('usual'),
  motion: z.enum(motions).catch('usual'),
  aloud: z
    .string()
    .optional()
    .transform((v) => v === '1')
    .catch(false),
});

/** The choices a cookie holds; an absent or damaged cookie is the usual look. */
export function choicesFromCookie(value: string | undefined): DisplayChoices {
  if (!value || value.length > 200) return usualDisplay;
  const fields = Object.fromEntries(new URLSearchParams(value));
  const c = fromCookie.parse(fields);
  return { textSize: c.text, contrast: c.contrast, motion: c.motion, readAloud: c.aloud };
}

/** "text=large&contrast=high&motion=usual&aloud=0": short, and only letters, = and &. */
export function cookieFromChoices(c: DisplayChoices): string {
  return new URLSearchParams({ text: c.textSize, contrast: c.contrast, motion: c.motion, aloud: c.readAloud ? '1' : '0' }).toString();
}

export const isUsual = (c: DisplayChoices) => c.textSize === 'usual' && c.contrast === 'usual' && c.motion === 'usual' && !c.readAloud;

/** The classes on <html>: none for the usual look, so an ordinary page is unchanged. */
export function displayClasses(c: DisplayChoices): string {
  return [
    c.textSize !== 'usual' ? `app-text-${c.textSize}` : '',
    c.contrast !== 'usual' ? `app-contrast-${c.contrast}` : '',
    c.motion !== 'usual' ? `app-motion-${c.motion}` : '',
  ]
    .filter(Boolean)
    .join(' ');
}

/** A stored row's text: a value from an older or damaged row reads as the usual one. */
export function choicesFromRow(row: { text_size: string; contrast: string; motion: string; read_aloud: number | boolean }): DisplayChoices {
  const pick = <T extends string>(list: readonly T[], v: string): T => (list.includes(v as T) ? (v as T) : list[0]!);
  return {
    textSize: pick(textSizes, row.text_size),
    contrast: pick(contrasts, row.contrast),
    motion: pick(motions, row.motion),
    readAloud: Number(row.read_aloud) === 1,
  };
}
