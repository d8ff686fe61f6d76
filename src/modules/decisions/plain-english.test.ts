import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadCatalogue } from '../../platform/i18n.ts';
import { longestSentence, readingEase } from '../../platform/readability.ts';

// What members read when they vote, and the messages that ask them to, must be plain:
// easy words, short sentences. Each group is read as the page reads it.
const c = loadCatalogue('en').decisions as Record<string, any>;
const e = c.errors;
const groups: Record<string, unknown> = {
  'the voting page': [c.vote, c.consent, c.consentHint, c.show.youVoted, c.show.notAsked, c.flash.voted],
  'mistakes when voting': [
    e.responseRequired,
    e.reasonRequired,
    e.choiceRequired,
    e.rankInvalid,
    e.rankTwice,
    e.rankNone,
    e.dotsWhole,
    e.tooManyDots,
    e.noDots,
    e.scoreRequired,
    e.allocateMoney,
    e.overShare,
    e.alreadyVoted,
    e.notOpenYet,
    e.closed,
  ],
  'the invitation': c.notice.invitation.full,
  'the reminder': c.notice.reminder.full,
  texts: [c.notice.invitation.text, c.notice.reminder.text],
  'the home page': c.home,
  'results for members': [
    c.results.notYet,
    c.results.hiddenSmall,
    c.results.hiddenProtect,
    c.results.secretNote,
    c.results.sharpTitle,
    c.headline.consent,
  ],
};
const strings = (o: unknown): string[] => (typeof o === 'string' ? [o] : Object.values(o as object).flatMap(strings));

for (const [name, group] of Object.entries(groups)) {
  test(`members' words are plain: ${name}`, () => {
    const text = strings(group)
      .map((s) => s.replace(/[.?]?$/, '.'))
      .join(' ');
    assert.ok(readingEase(text) >= 75, `reading ease ${readingEase(text).toFixed(0)}`);
    assert.ok(longestSentence(text) <= 15, `a sentence of ${longestSentence(text)} words`);
  });
}
