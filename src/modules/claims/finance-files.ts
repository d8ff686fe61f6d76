import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { csvCell } from '../../platform/csv-file.ts';
import type { Translate } from '../../platform/i18n.ts';
import { xlsxStream } from '../../platform/xlsx-stream.ts';
import type { Claim, ItemType } from './claim.ts';
import { claimNumber } from './claim-number.ts';
import { decimalHours, decimalPounds, type MoneyTotals } from './totals.ts';

// The finance export: one row per approved or paid item, then the totals. The same rows
// and totals make the CSV and the spreadsheet, and the totals are those on the screen.
// Each item has its claim number, the one its person sees: never the stored reference,
// a code for the software ("expense:<id>") that means nothing to finance or to people.

export const financeColumns = [
  'person',
  'method',
  'claimNumber',
  'type',
  'activity',
  'date',
  'hours',
  'hourlyRate',
  'preparationHours',
  'preparationRate',
  'miles',
  'mileRate',
  'amount',
  'status',
  'paymentReference',
  'charity',
  'approvedOn',
  'approvedBy',
] as const;
type Column = (typeof financeColumns)[number];

/** Cells are text, or a number of pounds or hours: never a float sum of money. */
type Cell = { text: string } | { pence: number } | { number: number } | { day: string } | null;
export type FinanceRow = Record<Column, Cell>;

const text = (s: string | null | undefined): Cell => (s ? { text: s } : null);
/** A calendar day (YYYY-MM-DD): a real date in the spreadsheet, so it sorts and filters as one. */
const day = (s: string | null | undefined): Cell => (s ? { day: s } : null);

/** A label by its catalogue key. A file of 30,000 rows asks for the same few labels 120,000 times. */
type Label = (key: string) => string;
function remembered(t: Translate): Label {
  const known = new Map<string, string>();
  return (key) => {
    let label = known.get(key);
    if (label === undefined) known.set(key, (label = t(key)));
    return label;
  };
}

export function financeRows(items: readonly Claim[], t: Label): FinanceRow[] {
  return items.map((c) => ({
    person: text(c.personName),
    method: text(t(`claims:way.${c.way}`)),
    claimNumber: text(claimNumber(c.id)),
    type: text(t(`claims:export.type.${c.type}`)),
    activity: text(t(`claims:category.${c.category}`)),
    date: day(c.onDate),
    hours: c.minutes ? { number: decimalHours(c.minutes) } : null,
    hourlyRate: c.minutes && c.ratePence && c.mileTenths === null ? { pence: c.ratePence } : null,
    preparationHours: c.preparationMinutes ? { number: decimalHours(c.preparationMinutes) } : null,
    preparationRate: c.preparationMinutes ? { pence: c.preparationRatePence } : null,
    miles: c.mileTenths !== null ? { number: c.mileTenths / 10 } : null,
    mileRate: c.mileTenths !== null ? { pence: c.ratePence } : null,
    amount: { pence: c.amountPence },
    status: text(t(`claims:status.${c.status}`)),
    paymentReference: text(c.paymentReference),
    charity: text(c.charity),
    approvedOn: day(c.approvedOn),
    approvedBy: text(c.approvedByName),
  }));
}

const totalKinds: Array<ItemType | 'total'> = ['payment', 'expense', 'adjustment', 'total'];

function totalRows(totals: MoneyTotals, t: Label): FinanceRow[] {
  return totalKinds.map((kind) => {
    const row = Object.fromEntries(financeColumns.map((c) => [c, null])) as FinanceRow;
    row.person = { text: t(`claims:export.totalRow.${kind}`) };
    row.amount = { pence: totals[kind] };
    return row;
  });
}

/**
 * Text is always in quotes; numbers and dates never are. So a payment reference "000123"
 * is marked as text, exactly as finance wrote it: a finance system that reads quoted
 * fields as text keeps its zeros, as does LibreOffice with "Format quoted field as text".
 * The tricks that stop Excel dropping the zeros when it opens a CSV with a double-click
 * (="000123", a leading apostrophe or tab, a hidden character) change the value that
 * every other program reads, so a finance import would get a different reference. For
 * Excel there is the spreadsheet download, where such values are text cells.
 */
const financeCell = (cell: Cell) => {
  if (!cell) return '';
  if ('text' in cell) return csvCell(cell.text);
  return 'day' in cell ? cell.day : 'pence' in cell ? decimalPounds(cell.pence) : String(cell.number);
};

const csvLines = (rows: readonly FinanceRow[]) =>
  rows.map((row) => `${financeColumns.map((c) => financeCell(row[c])).join(',')}\r\n`).join('');
// A byte order mark first, so spreadsheet programs read names with accents correctly.
const csvHeader = (t: Label) => `\ufeff${financeColumns.map((c) => csvCell(t(`claims:export.column.${c}`))).join(',')}\r\n`;

export function financeCsv(items: readonly Claim[], totals: MoneyTotals, translate: Translate): string {
  const t = remembered(translate);
  return csvHeader(t) + csvLines(financeRows(items, t)) + csvLines(totalRows(totals, t));
}

/** The same bytes as financeCsv, written a batch at a time as the reader takes them: a county's year is never in memory. */
export function financeCsvStream(batches: AsyncIterable<readonly Claim[]>, totals: MoneyTotals, translate: Translate): Readable {
  const t = remembered(translate);
  async function* text() {
    yield csvHeader(t);
    for await (const batch of batches) yield csvLines(financeRows(batch, t));
    yield csvLines(totalRows(totals, t));
  }
  return Readable.from(text(), { objectMode: false });
}

const moneyColumns = new Set<Column>(['hourlyRate', 'preparationRate', 'mileRate', 'amount']);
// One style object for every cell of a kind: ExcelJS works out a style once for each object
// it is given, and a new object for each cell took half the time of a county's spreadsheet.
const plainStyle: Partial<ExcelJS.Style> = {};
// Text cells are formatted as text ('@'): "000123" stays 000123, and "=SUM(A1)" stays words,
// even when someone edits the cell (a text value in a General cell becomes a number or a
// formula once edited). A text cell is never run as a formula, so it needs no apostrophe.
const textStyle: Partial<ExcelJS.Style> = { numFmt: '@' };
const moneyStyle: Partial<ExcelJS.Style> = { numFmt: '"£"#,##0.00;-"£"#,##0.00' };
const dayStyle: Partial<ExcelJS.Style> = { numFmt: 'dd/mm/yyyy' };
const dayColumns = new Set<Column>(['date', 'approvedOn']);
// A date cell is a moment: midnight UTC of the day, which spreadsheets show as that day.
const dayValue = (iso: string) => {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d));
};

function addSheetRows(sheet: ExcelJS.Worksheet, rows: readonly FinanceRow[]) {
  for (const row of rows) {
    const added = sheet.addRow(
      financeColumns.map((c) => {
        const cell = row[c];
        // Nothing at all, rather than an empty cell: a blank in the spreadsheet.
        if (!cell) return undefined;
        if ('text' in cell) return cell.text;
        if ('day' in cell) return dayValue(cell.day);
        // Whole pence divided once: 1250 / 100 is exactly the 12.5 a spreadsheet shows as £12.50.
        return 'pence' in cell ? cell.pence / 100 : cell.number;
      }),
    );
    added.eachCell((cell, column) => {
      const name = financeColumns[column - 1]!;
      if (moneyColumns.has(name)) cell.style = moneyStyle;
      else if (dayColumns.has(name)) cell.style = dayStyle;
      else cell.style = typeof cell.value === 'string' ? textStyle : plainStyle;
    });
    // Written out and let go: the sheet keeps no row it has written.
    added.commit();
  }
}

/** The spreadsheet, zipped as it is written (platform/xlsx-stream.ts): a county's year is never in memory. */
export function financeXlsxStream(batches: AsyncIterable<readonly Claim[]>, totals: MoneyTotals, translate: Translate): Readable {
  const t = remembered(translate);
  return xlsxStream(async ({ book, caughtUp }) => {
    book.creator = t('common:serviceName');
    const sheet = book.addWorksheet(t('claims:export.sheet'), { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.columns = financeColumns.map(() => ({ width: 16 }));
    const header = sheet.addRow(financeColumns.map((c) => t(`claims:export.column.${c}`)));
    header.font = { bold: true };
    header.commit();
    for await (const batch of batches) {
      addSheetRows(sheet, financeRows(batch, t));
      if (!(await caughtUp(sheet))) return;
    }
    addSheetRows(sheet, totalRows(totals, t));
    sheet.commit();
  });
}
