import { parse } from 'csv-parse/sync';
import { parseForm } from '../../platform/forms.ts';
import { personForm, type PersonFormData } from './person-form.ts';

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

export const maxImportRows = 1000;

export type ImportRow = { line: number; name: string; data: PersonFormData | null; errors: Array<{ field: string; key: string }> };
export type ImportResult = { fileError: string | null; rows: ImportRow[] };

const listCell = (v: string | undefined) =>
  (v ?? '')
    .split(/[;|]/)
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean);

/**
 * Reads a CSV file into checked rows. Nothing is saved here: the caller shows the result
 * as a preview and saves only when every row is right.
 */
export function readPeopleCsv(text: string): ImportResult {
  let records: Array<Record<string, string>>;
  try {
    records = parse(text.replace(/^\uFEFF/, ''), {
      columns: (header: string[]) =>
        header.map((h) =>
          h
            .trim()
            .toLowerCase()
            .replace(/[\s-]+/g, '_'),
        ),
      skip_empty_lines: true,
      trim: true,
      relax_column_count: true,
    }) as Array<Record<string, string>>;
  } catch {
    return { fileError: 'people:import.errors.notCsv', rows: [] };
  }
  if (records.length === 0) return { fileError: 'people:import.errors.empty', rows: [] };
  if (!('full_name' in records[0]!)) return { fileError: 'people:import.errors.noNameColumn', rows: [] };
  if (records.length > maxImportRows) return { fileError: 'people:import.errors.tooMany', rows: [] };

  return {
    fileError: null,
    rows: records.map((r, i) => {
      const order = listCell(r.contact_order);
      const form = parseForm(personForm, {
        fullName: r.full_name,
        preferredName: r.preferred_name,
        pronouns: r.pronouns,
        perspectives: listCell(r.perspectives),
        email: r.email,
        mobile: r.mobile,
        landline: r.landline,
        address: r.address,
        contact1: order[0],
        contact2: order[1],
        contact3: order[2],
        skills: r.skills,
        knowledge: r.knowledge,
        livedExperience: r.lived_experience,
        interests: r.interests,
        timeToGive: r.time_to_give,
      });
      // Line 1 is the header, so the first person is on line 2, as a spreadsheet shows it.
      const line = i + 2;
      const name = r.full_name ?? '';
      if (form.ok) return { line, name, data: form.data, errors: [] };
      return { line, name, data: null, errors: Object.entries(form.errors).map(([field, key]) => ({ field: field.split('.')[0]!, key })) };
    }),
  };
}

export function importTemplateCsv(): string {
  return `${importColumns.join(',')}\r\n"Sam Example",Sam,they/them,draws-on-care;carer,sam@example.com,07700 900123,,"1 High Street, Northby",email;text,Cooking,,Using day services,Gardening,Two hours a month\r\n`;
}
