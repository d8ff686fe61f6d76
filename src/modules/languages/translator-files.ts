import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { loadCatalogue } from '../../platform/i18n.ts';
import { csvFile } from '../../platform/csv-file.ts';
import { decodeCsvBytes } from '../people/csv-encoding.ts';
import {
  flatten,
  importTranslatorRows,
  localesDir,
  readReviewed,
  reviewedFile,
  translatorHeadings,
  translatorRows,
  unflatten,
  type ImportResult,
  type TranslatorRow,
} from './catalogue.ts';

/**
 * The catalogue as a file for a translator, and back (issue 24). Columns: key, English,
 * Welsh, needs review. The catalogue ships with the app, so the export is offered to every
 * organisation's admins, and the import is a developer's command (scripts/welsh-catalogue.ts)
 * that rewrites src/locales/cy/ and the reviewed list, to be committed like any change.
 */
let shipped: TranslatorRow[] | undefined;
/** The rows of the catalogue this app was built with: read once, it does not change while running. */
export function shippedRows(): TranslatorRow[] {
  return (shipped ??= currentRows());
}

export function currentRows(): TranslatorRow[] {
  const welsh = fs.existsSync(path.join(localesDir, 'cy')) ? flatten(loadCatalogue('cy')) : new Map<string, string>();
  return translatorRows(flatten(loadCatalogue('en')), welsh, readReviewed());
}

export const needsReviewCount = (rows: readonly TranslatorRow[]) => rows.filter((r) => r.needsReview).length;

const cells = (r: TranslatorRow) => [r.key, r.english, r.welsh, r.needsReview ? 'yes' : 'no'];

export function catalogueCsv(rows: readonly TranslatorRow[]): string {
  return csvFile(translatorHeadings, rows.map(cells));
}

export async function catalogueXlsx(rows: readonly TranslatorRow[]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('Catalogue');
  sheet.columns = [
    { header: translatorHeadings[0], key: 'key', width: 40 },
    { header: translatorHeadings[1], key: 'english', width: 60 },
    { header: translatorHeadings[2], key: 'welsh', width: 60 },
    { header: translatorHeadings[3], key: 'review', width: 14 },
  ];
  for (const r of rows) sheet.addRow(cells(r));
  sheet.getRow(1).font = { bold: true };
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  return Buffer.from(await book.xlsx.writeBuffer());
}

export type FileRow = { key: string; welsh: string; needsReview: string };

const headingIndex = (headings: string[], name: string) => headings.findIndex((h) => h.trim().toLowerCase() === name.toLowerCase());

function rowsFromTable(table: string[][]): FileRow[] {
  const [headings = [], ...rest] = table;
  const [key, welsh, review] = [headingIndex(headings, 'key'), headingIndex(headings, 'Welsh'), headingIndex(headings, 'needs review')];
  if (key < 0 || welsh < 0 || review < 0) throw new Error('The file needs the columns key, Welsh and needs review');
  return rest.map((r) => ({ key: r[key] ?? '', welsh: r[welsh] ?? '', needsReview: r[review] ?? '' }));
}

/** A translator's file, CSV (any of Excel's encodings) or XLSX, as rows. */
export async function readTranslatorFile(bytes: Buffer): Promise<FileRow[]> {
  if (bytes[0] === 0x50 && bytes[1] === 0x4b) {
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(bytes as unknown as ArrayBuffer);
    const sheet = book.worksheets[0];
    if (!sheet) return [];
    const table: string[][] = [];
    sheet.eachRow((row) => {
      const values = (row.values as unknown[]).slice(1);
      table.push(
        values.map((v) =>
          v === null || v === undefined
            ? ''
            : typeof v === 'object' && v && 'richText' in v
              ? (v as { richText: Array<{ text: string }> }).richText.map((p) => p.text).join('')
              : String(v),
        ),
      );
    });
    return rowsFromTable(table);
  }
  const decoded = decodeCsvBytes(bytes);
  if (!decoded.ok) throw new Error('The file is not a CSV or XLSX file');
  return rowsFromTable(parse(decoded.text, { relax_column_count: true, skip_empty_lines: true }) as string[][]);
}

/** Checks a translator's rows against the shipped catalogue; writes nothing. */
export function checkImport(rows: readonly FileRow[]): ImportResult {
  const english = flatten(loadCatalogue('en'));
  const welsh = fs.existsSync(path.join(localesDir, 'cy')) ? flatten(loadCatalogue('cy')) : new Map<string, string>();
  return importTranslatorRows(rows, english, welsh, readReviewed());
}

/** Writes a checked import: one file a namespace in src/locales/cy/, and the reviewed list. */
export function writeImport(result: ImportResult, dir = localesDir): void {
  const byNamespace = unflatten(result.welsh, flatten(loadCatalogue('en')));
  fs.mkdirSync(path.join(dir, 'cy'), { recursive: true });
  for (const [ns, entries] of Object.entries(byNamespace))
    fs.writeFileSync(path.join(dir, 'cy', `${ns}.json`), `${JSON.stringify(entries, null, 2)}\n`);
  const sorted = Object.fromEntries(Object.entries(result.reviewed).sort(([a], [b]) => a.localeCompare(b)));
  fs.writeFileSync(dir === localesDir ? reviewedFile : path.join(dir, 'cy-reviewed.json'), `${JSON.stringify(sorted, null, 2)}\n`);
}
