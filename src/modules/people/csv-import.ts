import { parse } from 'csv-parse/sync';
import { parseForm } from '../../platform/forms.ts';
import { columnForHeading, importColumns, templateHeadings, type ImportColumn } from './csv-headings.ts';
import { personForm, type PersonFormData } from './person-form.ts';

export const maxImportRows = 1000;

/** row: the row number the spreadsheet shows, the headings being row 1. */
export type ImportRow = { row: number; name: string; data: PersonFormData | null; errors: Array<{ field: string; key: string }> };
/** A column the import leaves out. heading is '' when the column had none, but had something in it. */
export type IgnoredColumn = { heading: string; letter: string };
export type ImportResult = { fileError: string | null; rows: ImportRow[]; ignoredColumns: IgnoredColumn[] };

const refused = (fileError: string): ImportResult => ({ fileError, rows: [], ignoredColumns: [] });

const listCell = (v: string | undefined) =>
  (v ?? '')
    .split(/[;|]/)
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean);

/** Excel's own column letters: A to Z, then AA, AB and so on. */
export function columnLetter(index: number): string {
  let letters = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

/**
 * Excel's "Unicode text" separates with tabs, and some European settings with semicolons;
 * a semicolon also separates choices inside a cell, so it counts only when the heading
 * row has no comma and no tab.
 */
function separatorOf(text: string): string {
  const headingLine = text.slice(0, text.search(/\r|\n|$/));
  if (headingLine.includes(',')) return ',';
  if (headingLine.includes('\t')) return '\t';
  return headingLine.includes(';') ? ';' : ',';
}

/** Excel leaves rows of only commas at the end of a sheet; they are nobody. */
const isBlank = (record: string[]) => record.every((cell) => cell === '');

/**
 * Reads a CSV file into checked rows. Nothing is saved here: the caller shows the result
 * as a preview and saves only when every row is right.
 */
export function readPeopleCsv(text: string): ImportResult {
  // U+FFFD is what decoding leaves where it met a byte it could not read: the letter is lost.
  if (text.includes('\uFFFD')) return refused('people:import.errors.unreadableCharacters');
  if (text.includes('\u0000')) return refused('people:import.errors.notCsv');
  const body = text.replace(/^\uFEFF/, '');
  let records: string[][];
  try {
    records = parse(body, {
      delimiter: separatorOf(body),
      // Files joined from several places mix line endings; each ending is a new row.
      record_delimiter: ['\r\n', '\n', '\r'],
      relax_column_count: true,
      trim: true,
      skip_empty_lines: false,
    }) as string[][];
  } catch {
    return refused('people:import.errors.notCsv');
  }
  // Blank rows are skipped but still counted, so each row keeps the number Excel shows.
  const numbered = records.map((cells, i) => ({ row: i + 1, cells })).filter((r) => !isBlank(r.cells));
  const [headingRow, ...people] = numbered;
  if (!headingRow) return refused('people:import.errors.empty');

  const positions = new Map<ImportColumn, number>();
  const ignoredColumns: IgnoredColumn[] = [];
  for (const [i, heading] of headingRow.cells.entries()) {
    const column = columnForHeading(heading);
    if (column && positions.has(column)) return refused('people:import.errors.sameColumnTwice');
    if (column) positions.set(column, i);
    else if (heading !== '' || people.some((p) => (p.cells[i] ?? '') !== '')) ignoredColumns.push({ heading, letter: columnLetter(i) });
  }
  if (!positions.has('full_name')) return refused('people:import.errors.noNameColumn');
  if (people.length === 0) return refused('people:import.errors.empty');
  if (people.length > maxImportRows) return refused('people:import.errors.tooMany');

  return {
    fileError: null,
    ignoredColumns,
    rows: people.map(({ row, cells }) => {
      const cell = (column: ImportColumn) => {
        const at = positions.get(column);
        return at === undefined ? undefined : cells[at];
      };
      const order = listCell(cell('contact_order'));
      const form = parseForm(personForm, {
        fullName: cell('full_name'),
        preferredName: cell('preferred_name'),
        pronouns: cell('pronouns'),
        perspectives: listCell(cell('perspectives')),
        email: cell('email'),
        mobile: cell('mobile'),
        landline: cell('landline'),
        address: cell('address'),
        contact1: order[0],
        contact2: order[1],
        contact3: order[2],
        skills: cell('skills'),
        knowledge: cell('knowledge'),
        livedExperience: cell('lived_experience'),
        interests: cell('interests'),
        timeToGive: cell('time_to_give'),
      });
      const name = cell('full_name') ?? '';
      if (form.ok) return { row, name, data: form.data, errors: [] };
      return { row, name, data: null, errors: Object.entries(form.errors).map(([field, key]) => ({ field: field.split('.')[0]!, key })) };
    }),
  };
}

/**
 * The template: headings a person can read, one example row, and a UTF-8 byte order mark
 * so that Excel opens it as UTF-8 rather than guessing Windows-1252.
 */
export function importTemplateCsv(): string {
  const headings = importColumns.map((c) => templateHeadings[c]).join(',');
  return `\uFEFF${headings}\r\n"Sam Example",Sam,they/them,draws-on-care;carer,sam@example.com,07700 900123,,"1 High Street, Northby",email;text,Cooking,,Using day services,Gardening,Two hours a month\r\n`;
}
