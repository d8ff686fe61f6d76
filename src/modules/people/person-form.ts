import { z } from 'zod';
import { checkboxList, optionalText, requiredText } from '../../platform/forms.ts';
import { contactChannels, contactDays, contactParts, perspectives, type ContactChannel } from './vocabulary.ts';

// Loose on purpose: people write numbers in many ways. Only letters are refused.
export const phone = optionalText(40).refine((v) => v === null || /^[0-9+()\-\s.]{6,40}$/.test(v), 'people:errors.phone');
export const email = optionalText(254).refine((v) => v === null || z.email().safeParse(v).success, 'people:errors.email');

/**
 * Without JavaScript nobody can drag items into order, so the form asks for a first,
 * second and third choice; the order is those choices with blanks and repeats dropped.
 */
export const contactChoice = z.preprocess(
  (v) => (v === '' || v === undefined ? null : v),
  z.enum(contactChannels, { message: 'errors:invalidChoice' }).nullable(),
);

/** The ways to contact a person, best first, from up to three choices: blanks and repeats dropped. */
export const contactOrderOf = (...choices: Array<ContactChannel | null>): ContactChannel[] => [
  ...new Set(choices.filter((c): c is ContactChannel => c !== null)),
];

export const personForm = z
  .object({
    fullName: requiredText('people:errors.fullNameRequired', 200),
    preferredName: optionalText(100),
    pronouns: optionalText(50),
    perspectives: checkboxList(perspectives).refine((ps) => ps.length > 0, 'people:errors.perspectiveRequired'),
    email,
    mobile: phone,
    landline: phone,
    address: optionalText(500),
    contact1: contactChoice,
    contact2: contactChoice,
    contact3: contactChoice,
    contactDays: checkboxList(contactDays),
    contactParts: checkboxList(contactParts),
    contactNotes: optionalText(500),
    unsuitableDays: checkboxList(contactDays),
    unsuitableParts: checkboxList(contactParts),
    optedOut: checkboxList(contactChannels),
    skills: optionalText(2000),
    knowledge: optionalText(2000),
    livedExperience: optionalText(2000),
    interests: optionalText(2000),
    timeToGive: optionalText(500),
  })
  .transform(
    ({ contact1, contact2, contact3, contactDays: days, contactParts: parts, contactNotes, unsuitableDays, unsuitableParts, ...rest }) => ({
      ...rest,
      contactOrder: contactOrderOf(contact1, contact2, contact3),
      contactTimes: { days, parts, notes: contactNotes },
      unsuitableTimes: { days: unsuitableDays, parts: unsuitableParts },
    }),
  );

export type PersonFormData = z.infer<typeof personForm>;

/** A stored record shaped as the form's fields, for editing. */
export function personFormValues(
  p: Omit<PersonFormData, 'unsuitableTimes'> & { unsuitableTimes: PersonFormData['unsuitableTimes'] | null },
) {
  return {
    fullName: p.fullName,
    preferredName: p.preferredName,
    pronouns: p.pronouns,
    perspectives: p.perspectives,
    email: p.email,
    mobile: p.mobile,
    landline: p.landline,
    address: p.address,
    contact1: p.contactOrder[0] ?? '',
    contact2: p.contactOrder[1] ?? '',
    contact3: p.contactOrder[2] ?? '',
    contactDays: p.contactTimes.days,
    contactParts: p.contactTimes.parts,
    contactNotes: p.contactTimes.notes,
    unsuitableDays: p.unsuitableTimes?.days ?? [],
    unsuitableParts: p.unsuitableTimes?.parts ?? [],
    optedOut: p.optedOut,
    skills: p.skills,
    knowledge: p.knowledge,
    livedExperience: p.livedExperience,
    interests: p.interests,
    timeToGive: p.timeToGive,
  };
}
