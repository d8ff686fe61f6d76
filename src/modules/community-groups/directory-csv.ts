import { parse } from 'csv-parse/sync';
import { csvFile } from '../../platform/csv-file.ts';
import { parseForm } from '../../platform/forms.ts';
import { columnLetter } from '../people/csv-import.ts';
import { groupForm, nameKey, type GroupInput } from './group-form.ts';

// The directory as a CSV file, out and back in: the same columns both ways, so a file
// exported, corrected in Excel and imported again adds only the entries that are new.

export const directoryColumns = [
  'name',
  'kind',
  'what_they_do',
  'reach',
  'contact_name',
  'email',
  'phone',
  'address',
  'website',
  'best_way',
  'contact_notes',
  'timebank_partner',
] as const;
export type DirectoryColumn = (typeof directoryColumns)[number];
/** The headings people read, from the catalogue. */
export type Headings = Record<DirectoryColumn, string>;

export const maxImportRows = 2000;

export type ImportProblem = { key: string; vars?: Record<string, string | number> };
/** row: the row number the spreadsheet shows, the headings being row 1. */
export type ImportRow = { row: number; name: string; data: GroupInput | null; problems: ImportProblem[] };
export type DirectoryImport = { fileError: string | null; rows: ImportRow[]; ignoredColumns: string[] };

const refused = (fileError: string): DirectoryImport => ({ fileError, rows: [], ignoredColumns: [] });
const squeeze = (s: string) =>
  s
    .trim()
    .toLowerCase()
    .replace(/[\s_]+/g, ' ');
const listCell = (v: string | undefined) =>
  (v ?? '')
    .split(/[;|]/)
    .map((s) => s.trim())
    .filter(Boolean);
const yes = (v: string | undefined) => /^(yes|y|true|1)$/i.test((v ?? '').trim());

/** Excel's "Unicode text" separates with tabs, and some European settings with semicolons. */
function separatorOf(text: string): string {
  const headingLine = text.slice(0, text.search(/\r|\n|$/));
  if (headingLine.includes(',')) return ',';
  if (headingLine.includes('\t')) return '\t';
  return headingLine.includes(';') ? ';' : ',';
}

/**
 * Reads a CSV file into checked rows; nothing is saved here. A row is refused when a cell is
 * wrong, or when its name is already in the directory (`existing`, as name keys) or earlier
 * in the file: importing the same file twice adds nothing the second time.
 */
export function readDirectoryCsv(text: string, headings: Headings, existing: ReadonlySet<string>): DirectoryImport {
  if (text.includes('\uFFFD')) return refused('community-groups:import.errors.unreadableCharacters');
  if (text.includes('\u0000')) return refused('community-groups:import.errors.notCsv');
  const body = text.replace(/^\uFEFF/, '');
  let records: string[][];
  try {
    records = parse(body, {
      delimiter: separatorOf(body),
      record_delimiter: ['\r\n', '\n', '\r'],
      relax_column_count: true,
      trim: true,
      skip_empty_lines: false,
    }) as string[][];
  } catch {
    return refused('community-groups:import.errors.notCsv');
  }
  // Excel leaves rows of only commas; they are skipped but counted, so row numbers match Excel's.
  const numbered = records.map((cells, i) => ({ row: i + 1, cells })).filter((r) => !r.cells.every((c) => c === ''));
  const [headingRow, ...entries] = numbered;
  if (!headingRow) return refused('community-groups:import.errors.empty');
  const byHeading = new Map<string, DirectoryColumn>();
  for (const c of directoryColumns) {
    byHeading.set(squeeze(c), c);
    byHeading.set(squeeze(headings[c]), c);
  }
  const positions = new Map<DirectoryColumn, number>();
  const ignoredColumns: string[] = [];
  for (const [i, heading] of headingRow.cells.entries()) {
    const column = byHeading.get(squeeze(heading));
    if (column && positions.has(column)) return refused('community-groups:import.errors.sameColumnTwice');
    if (column) positions.set(column, i);
    else if (heading !== '' || entries.some((e) => (e.cells[i] ?? '') !== '')) ignoredColumns.push(heading || columnLetter(i));
  }
  if (!positions.has('name')) return refused('community-groups:import.errors.noNameColumn');
  if (entries.length === 0) return refused('community-groups:import.errors.empty');
  if (entries.length > maxImportRows) return refused('community-groups:import.errors.tooMany');

  const seen = new Set<string>();
  const rows = entries.map(({ row, cells }): ImportRow => {
    const cell = (c: DirectoryColumn) => {
      const at = positions.get(c);
      return at === undefined ? undefined : cells[at];
    };
    const name = cell('name') ?? '';
    const kind = (cell('kind') ?? '').trim().toLowerCase() || 'group';
    const form = parseForm(groupForm, {
      name,
      kind,
      whatTheyDo: cell('what_they_do'),
      reach: listCell(cell('reach')),
      contactName: cell('contact_name'),
      email: cell('email'),
      phone: cell('phone'),
      address: cell('address'),
      website: cell('website'),
      bestWay: (cell('best_way') ?? '').trim().toLowerCase(),
      contactNotes: cell('contact_notes'),
      timebankPartner: yes(cell('timebank_partner')),
    });
    const problems: ImportProblem[] = form.ok ? [] : Object.values(form.errors).map((key) => ({ key }));
    const key = nameKey(name);
    if (key && existing.has(key)) problems.push({ key: 'community-groups:import.errors.alreadyThere' });
    else if (key && seen.has(key)) problems.push({ key: 'community-groups:import.errors.twiceInFile' });
    if (key) seen.add(key);
    return { row, name, data: form.ok && problems.length === 0 ? form.data : null, problems };
  });
  return { fileError: null, rows, ignoredColumns };
}

export type DirectoryCsvRow = GroupInput & { reach: string[] };

/** The directory in the import's own columns; codes for kinds, ways and groups, so it comes back in unchanged. */
export function directoryCsv(headings: Headings, rows: Iterable<DirectoryCsvRow>): string {
  function* lines() {
    for (const r of rows)
      yield [
        r.name,
        r.kind,
        r.whatTheyDo,
        r.reach.join('; '),
        r.contactName,
        r.email,
        r.phone,
        r.address,
        r.website,
        r.bestWay,
        r.contactNotes,
        r.timebankPartner ? 'yes' : 'no',
      ];
  }
  return csvFile(
    directoryColumns.map((c) => headings[c]),
    lines(),
  );
}
