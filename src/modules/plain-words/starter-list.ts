import type { JargonEntry } from './advice.ts';

// The jargon list an organisation starts with (issue 24, P1). It is the organisation's own
// data from the first change an admin makes, so it lives here and not in the catalogue:
// the catalogue itself must never use these words (see src/platform/i18n.test.ts).
export const starterJargon: readonly JargonEntry[] = [
  { word: 'service user', plain: 'person who draws on care and support' },
  { word: 'stakeholder', plain: 'people who take part, or people it matters to' },
  { word: 'co-design', plain: 'plan it together' },
  { word: 'capacity', plain: 'time, or how much we can do' },
  { word: 'outcomes framework', plain: 'what we want to change, and how we will know' },
  { word: 'commissioning', plain: 'deciding which services to pay for' },
  { word: 'engagement', plain: 'taking part, or talking with people' },
  { word: 'deliverables', plain: 'what we will do' },
  { word: 'going forward', plain: 'from now on' },
  { word: 'leverage', plain: 'use' },
  { word: 'signpost', plain: 'tell people where to get help' },
  { word: 'holistic', plain: 'looking at the whole of a person’s life' },
  { word: 'person-centred', plain: 'built around what the person wants' },
  { word: 'key performance indicators', plain: 'the things we count to see how we are doing' },
  { word: 'intervention', plain: 'help or support' },
  { word: 'cohort', plain: 'group' },
  { word: 'multi-agency', plain: 'with other services' },
  { word: 'best practice', plain: 'what works well' },
  { word: 'client', plain: 'person' },
  { word: 'patient', plain: 'person' },
  { word: 'empower', plain: 'support people to choose' },
  { word: 'touch base', plain: 'talk' },
];
