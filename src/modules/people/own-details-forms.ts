import { z } from 'zod';
import type { Role } from '../../platform/auth.ts';
import { checkboxList, optionalText, requiredText } from '../../platform/forms.ts';
import { perspectivesKept, perspectivesOffered } from './own-perspectives.ts';
import { contactChoice, contactOrderOf, email, phone } from './person-form.ts';
import type { NewPerson } from './service.ts';
import { contactChannels, contactDays, contactParts, type Perspective } from './vocabulary.ts';

// A person's own "Your details": a summary with one short form per part of their record,
// each saved on its own (the GOV.UK check answers pattern). Staff's one long form for
// someone else is person-form.ts.

export const ownDetailSections = ['about', 'reach', 'ways', 'times', 'meetings', 'strengths'] as const;
export type OwnDetailSection = (typeof ownDetailSections)[number];

/** Each section's checkbox fields, kept as lists when the form comes back with an error. */
export const ownDetailListFields: Record<OwnDetailSection, readonly string[]> = {
  about: ['perspectives'],
  reach: [],
  ways: ['optedOut'],
  times: ['contactDays', 'contactParts'],
  meetings: ['unsuitableDays', 'unsuitableParts'],
  strengths: [],
};

/** What one section changes; the rest of the record stays as it is. */
export type OwnDetailsChange = Partial<NewPerson>;

/**
 * The form for one section. The person's role decides which perspectives they may tick;
 * they need at least one, unless staff have set one they are not offered.
 */
export function ownDetailsForm(
  section: OwnDetailSection,
  person: { role: Role; perspectives: readonly Perspective[] },
): z.ZodType<OwnDetailsChange> {
  switch (section) {
    case 'about': {
      const kept = perspectivesKept(person.role, person.perspectives).length;
      return z.object({
        fullName: requiredText('people:own.errors.fullNameRequired', 200),
        preferredName: optionalText(100),
        pronouns: optionalText(50),
        perspectives: checkboxList(perspectivesOffered(person.role)).refine(
          (ps) => ps.length + kept > 0,
          'people:errors.perspectiveRequired',
        ),
      });
    }
    case 'reach':
      return z.object({ email, mobile: phone, landline: phone, address: optionalText(500) });
    case 'ways':
      return z
        .object({ contact1: contactChoice, contact2: contactChoice, contact3: contactChoice, optedOut: checkboxList(contactChannels) })
        .transform((f) => ({ contactOrder: contactOrderOf(f.contact1, f.contact2, f.contact3), optedOut: f.optedOut }));
    case 'times':
      return z
        .object({ contactDays: checkboxList(contactDays), contactParts: checkboxList(contactParts), contactNotes: optionalText(500) })
        .transform((f) => ({ contactTimes: { days: f.contactDays, parts: f.contactParts, notes: f.contactNotes } }));
    case 'meetings':
      return z.object({ unsuitableDays: checkboxList(contactDays), unsuitableParts: checkboxList(contactParts) }).transform((f) => ({
        unsuitableTimes: f.unsuitableDays.length || f.unsuitableParts.length ? { days: f.unsuitableDays, parts: f.unsuitableParts } : null,
      }));
    case 'strengths':
      return z.object({
        skills: optionalText(2000),
        knowledge: optionalText(2000),
        livedExperience: optionalText(2000),
        interests: optionalText(2000),
        timeToGive: optionalText(500),
      });
  }
}
