// People write a column's heading in their own way ("E-mail", "Email address", "EMAIL"),
// so a heading is matched on its letters and digits alone, against the spellings below.
// A plain "Phone number" or "Telephone" is taken as a landline: texts go only to a
// mobile, so a number goes there only when the heading says it is a mobile.

/** The columns a file may have, in the order the template gives them. */
export const importColumns = [
  'full_name',
  'preferred_name',
  'pronouns',
  'perspectives',
  'email',
  'mobile',
  'landline',
  'address',
  'contact_order',
  'skills',
  'knowledge',
  'lived_experience',
  'interests',
  'time_to_give',
] as const;

export type ImportColumn = (typeof importColumns)[number];

/** The headings the template uses: what a person reads in their spreadsheet. */
export const templateHeadings: Record<ImportColumn, string> = {
  full_name: 'Full name',
  preferred_name: 'Preferred name',
  pronouns: 'Pronouns',
  perspectives: 'Perspectives',
  email: 'Email',
  mobile: 'Mobile',
  landline: 'Landline',
  address: 'Address',
  contact_order: 'Contact order',
  skills: 'Skills',
  knowledge: 'Knowledge',
  lived_experience: 'Lived experience',
  interests: 'Interests',
  time_to_give: 'Time to give',
};

/** Other spellings, beyond the column's own name and its template heading. */
const otherSpellings: Record<ImportColumn, readonly string[]> = {
  full_name: ['name', 'names', 'full names', 'person', 'person name', 'persons name'],
  preferred_name: ['known as', 'name they use', 'preferred first name', 'nickname', 'likes to be called'],
  pronouns: ['pronoun', 'preferred pronouns'],
  perspectives: ['perspective'],
  email: ['email address', 'email addresses'],
  mobile: [
    'mobile number',
    'mobile phone',
    'mobile phone number',
    'mobile no',
    'mobile phone no',
    'mobile telephone',
    'mobile telephone number',
    'mob',
  ],
  landline: [
    'landline number',
    'landline phone',
    'phone',
    'phone number',
    'phone no',
    'telephone',
    'telephone number',
    'telephone no',
    'tel',
    'tel no',
    'home phone',
    'home phone number',
    'home telephone',
  ],
  address: ['postal address', 'home address', 'full address'],
  contact_order: ['contact preferences', 'contact preference', 'how to contact', 'preferred contact', 'ways to contact'],
  skills: ['skill'],
  knowledge: [],
  lived_experience: [],
  interests: ['interest'],
  time_to_give: ['time available', 'time they can give'],
};

/** "E-mail address " and "email_address" are the same heading. */
export const headingKey = (heading: string) => heading.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');

const columnsByKey = new Map<string, ImportColumn>(
  importColumns.flatMap((column) =>
    [column, templateHeadings[column], ...otherSpellings[column]].map((spelling) => [headingKey(spelling), column] as const),
  ),
);

/** The column a heading means, or null when the import does not know it. */
export const columnForHeading = (heading: string): ImportColumn | null => columnsByKey.get(headingKey(heading)) ?? null;
