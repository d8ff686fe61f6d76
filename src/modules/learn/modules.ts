import type { Translate } from '../../platform/i18n.ts';

/**
 * The short modules shipped with the app (P3), in the order people are offered them. Their
 * words are in the catalogue (learn.json, "modules"), so they can be translated; an
 * organisation may put its own words in their place. Slugs are part of addresses others
 * link to (/learn/being-on-a-commissioning-panel): never rename one.
 */
export const moduleSlugs = [
  'what-is-co-production',
  'the-four-principles',
  'the-three-levels',
  'the-jigsaw',
  'rewards-and-benefits',
  'accessible-meetings',
  'being-a-supporter',
  'being-on-a-commissioning-panel',
] as const;
export type ModuleSlug = (typeof moduleSlugs)[number];

export const isModuleSlug = (s: string): s is ModuleSlug => (moduleSlugs as readonly string[]).includes(s);

export type ModuleText = { slug: ModuleSlug; title: string; summary: string; body: string; question: string; edited: boolean };

/** The shipped words of one module. */
export function shippedText(t: Translate, slug: ModuleSlug): ModuleText {
  return {
    slug,
    title: t(`learn:modules.${slug}.title`),
    summary: t(`learn:modules.${slug}.summary`),
    body: t(`learn:modules.${slug}.body`),
    question: t(`learn:modules.${slug}.question`),
    edited: false,
  };
}
