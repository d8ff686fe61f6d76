import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadCatalogue } from '../../platform/i18n.ts';
import { longestSentence, readingEase } from '../../platform/readability.ts';

// What members read when they answer a survey or tell a story must be plain: easy words,
// short sentences. Each group is read as the page reads it.
const c = loadCatalogue('en').outcomes as Record<string, any>;
const groups: Record<string, unknown> = {
  'the survey message': [c.message.full, c.message.text],
  'answering a survey': [c.answer, c.scale, c.linkProblem, c.flash.answered],
  'telling a story': [
    c.storyForm.titleMine,
    c.storyForm.intro,
    c.storyForm.storyTitle,
    c.storyForm.kind,
    c.storyForm.text,
    c.storyForm.consentText,
    c.storyForm.consent,
    c.storyForm.showName,
    c.storyForm.showNameYes,
    c.storyForm.showNameNo,
    c.storyForm.displayName,
  ],
  'a story and taking it back': [
    c.story.withdrawTitle,
    c.story.withdrawWarning,
    c.story.withdraw,
    c.story.withdrawnText,
    c.flash.withdrawn,
  ],
  results: [c.results.tooFew_other, c.results.noAnswers, c.results.rule],
  'errors members may see': [
    'scoreRequired',
    'storyTitleRequired',
    'kindRequired',
    'textRequired',
    'fileRequired',
    'consentRequired',
    'showNameRequired',
    'displayNameRequired',
  ].map((k) => c.errors[k]),
};
const strings = (o: unknown): string[] => (typeof o === 'string' ? [o] : Object.values(o as object).flatMap(strings));

for (const [name, group] of Object.entries(groups)) {
  test(`members' words are plain: ${name}`, () => {
    const text = strings(group)
      .map((s) => s.replace(/\{\{\w+\}\}/g, 'it').replace(/[.?]?$/, '.'))
      .join(' ');
    assert.ok(readingEase(text) >= 75, `reading ease ${readingEase(text).toFixed(0)}`);
    assert.ok(longestSentence(text) <= 15, `a sentence of ${longestSentence(text)} words`);
  });
}
