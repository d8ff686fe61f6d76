// Rules for stories (V4): a story is kept only with the teller's consent, shown with the
// name they chose or as "Anonymous", and gone from reports once consent is withdrawn.

export type StoryConsent = {
  withdrawnAt: string | null;
  forReports: boolean;
  showName: boolean;
  displayName: string | null;
};

/** A story may be stored only when the teller said yes, and said how to be named. */
export function consentProblems(input: { consent: boolean; showName: boolean | null; displayName: string | null }): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!input.consent) errors.consent = 'outcomes:errors.consentRequired';
  if (input.showName === null) errors.showName = 'outcomes:errors.showNameRequired';
  else if (input.showName && !input.displayName?.trim()) errors.displayName = 'outcomes:errors.displayNameRequired';
  return errors;
}

/** In a report only when consent stands and staff said it can be used. */
export const usableInReports = (story: StoryConsent) => story.withdrawnAt === null && story.forReports;

/** Staff may mark a story for reports only while consent stands. */
export const canMarkForReports = (story: StoryConsent) => story.withdrawnAt === null;

/** The name shown with a story: theirs only if they chose it. */
export const shownName = (story: StoryConsent, anonymous: string) => (story.showName && story.displayName ? story.displayName : anonymous);
