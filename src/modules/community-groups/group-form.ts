import { z } from 'zod';
import { checkboxList, optionalText, requiredText } from '../../platform/forms.ts';
import { reachKeys } from './reach.ts';
import { bestWays, groupKinds } from './vocabulary.ts';

// One form for a directory entry, read from the web form and from each row of a CSV file,
// so an imported entry is checked exactly as a typed one.

const email = optionalText(254).refine((v) => v === null || z.email().safeParse(v).success, 'community-groups:errors.email');
const phone = optionalText(40).refine((v) => v === null || /^[0-9+()\-\s.]{6,40}$/.test(v), 'community-groups:errors.phone');
const website = optionalText(300).refine(
  (v) => v === null || /^(https?:\/\/)?[^\s/]+\.[^\s]+$/i.test(v),
  'community-groups:errors.website',
);
// Text with a NUL byte is refused at the edge: PostgreSQL cannot store it.
const noNul = (s: string | null) => s === null || !s.includes('\u0000');

export const groupForm = z
  .object({
    name: requiredText('community-groups:errors.name', 200),
    kind: z.enum(groupKinds, { message: 'community-groups:errors.kind' }),
    whatTheyDo: optionalText(2000),
    reach: checkboxList(reachKeys as [string, ...string[]], 'community-groups:errors.reach'),
    contactName: optionalText(200),
    email,
    phone,
    address: optionalText(500),
    website,
    bestWay: z.preprocess(
      (v) => (v === '' || v === undefined ? null : v),
      z.enum(bestWays, { message: 'community-groups:errors.bestWay' }).nullable(),
    ),
    contactNotes: optionalText(1000),
    timebankPartner: z.preprocess((v) => v === 'yes' || v === 'on' || v === true, z.boolean()),
  })
  .refine((f) => noNul(f.name) && noNul(f.whatTheyDo) && noNul(f.contactNotes) && noNul(f.address) && noNul(f.contactName), {
    message: 'community-groups:errors.unreadable',
    path: ['name'],
  });

export type GroupInput = z.infer<typeof groupForm>;

export const contactForm = z.object({
  contactName: requiredText('community-groups:errors.contactName', 200),
  role: optionalText(200),
  email,
  phone,
});
export type ContactInput = z.infer<typeof contactForm>;

/** The name as the directory compares names: "Northby  Carers' Network" and "northby carers' network" are one entry. */
export const nameKey = (name: string) => name.trim().toLowerCase().replace(/\s+/g, ' ');
