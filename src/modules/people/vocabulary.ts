// The fixed choices a person record uses. Labels live in the catalogue (people:perspective.<value>).

export const perspectives = [
  'draws-on-care',
  'carer',
  'family',
  'community',
  'practitioner',
  'manager',
  'commissioner',
  'partner',
] as const;
export type Perspective = (typeof perspectives)[number];

/** People with lived experience: the guide says they must be there from the start. */
export const livedExperiencePerspectives: readonly Perspective[] = ['draws-on-care', 'carer'];
export const hasLivedExperience = (ps: readonly string[]) => ps.some((p) => (livedExperiencePerspectives as readonly string[]).includes(p));

export const contactChannels = ['email', 'text', 'phone', 'letter', 'in-person'] as const;
export type ContactChannel = (typeof contactChannels)[number];

export const formatNeeds = ['easy-read', 'large-print', 'audio', 'bsl', 'interpreter', 'braille'] as const;
export const physicalNeeds = ['step-free', 'accessible-toilet', 'hearing-loop', 'quiet-space', 'breaks'] as const;
export const supportNeeds = ['support-worker', 'travel-help'] as const;
export type FormatNeed = (typeof formatNeeds)[number];
export type PhysicalNeed = (typeof physicalNeeds)[number];
export type SupportNeed = (typeof supportNeeds)[number];

export const contactDays = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export const contactParts = ['morning', 'afternoon', 'evening'] as const;
export type ContactDay = (typeof contactDays)[number];
export type ContactPart = (typeof contactParts)[number];
