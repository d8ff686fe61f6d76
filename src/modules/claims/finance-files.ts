import ExcelJS from 'exceljs';
import type { Translate } from '../../platform/i18n.ts';
import type { Claim, ItemType } from './claim.ts';
import { decimalHours, decimalPounds, type MoneyTotals } from './totals.ts';

// The finance export: one row per approved or paid item, then the totals. The same rows
// and totals make the CSV and the spreadsheet, and the totals are those on the screen.

export const financeColumns = [
  'person',
  'method',
  'reference',
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
type Cell = { text: string } | { pence: number } | { number: number } | null;
export type FinanceRow = Record<Column, Cell>;

const text = (s: string | null | undefined): Cell => (s ? { text: s } : null);

export function financeRows(items: readonly Claim[], t: Translate): FinanceRow[] {
  return items.map((c) => ({
    person: text(c.personName),
    method: text(t(`claims:way.${c.way}`)),
    reference: text(c.reference),
    type: text(t(`claims:export.type.${c.type}`)),
    activity: text(t(`claims:category.${c.category}`)),
    date: text(c.onDate),
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
    approvedOn: text(c.approvedOn),
    approvedBy: text(c.approvedByName),
  }));
}

const totalKinds: Array<ItemType | 'total'> = ['payment', 'expense', 'adjustment', 'total'];

function totalRows(totals: MoneyTotals, t: Translate): FinanceRow[] {
  return totalKinds.map((kind) => {
    const row = Object.fromEntries(financeColumns.map((c) => [c, null])) as FinanceRow;
    row.person = { text: t(`claims:export.totalRow.${kind}`) };
    row.amount = { pence: totals[kind] };
    return row;
  });
}

/** A spreadsheet program runs a cell starting with = + - @ as a formula: names are not formulas. */
const defused = (s: string) => (/^[=+\-@\t\r]/.test(s) ? `'${s}` : s);
const csvCell = (cell: Cell) => {
  if (!cell) return '';
  const value = 'text' in cell ? defused(cell.text) : 'pence' in cell ? decimalPounds(cell.pence) : String(cell.number);
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
};

export function financeCsv(items: readonly Claim[], totals: MoneyTotals, t: Translate): string {
  const header = financeColumns.map((c) => csvCell({ text: t(`claims:export.column.${c}`) })).join(',');
  const lines = [...financeRows(items, t), ...totalRows(totals, t)].map((row) => financeColumns.map((c) => csvCell(row[c])).join(','));
  // A byte order mark, so spreadsheet programs read names with accents correctly.
  return `\ufeff${[header, ...lines].join('\r\n')}\r\n`;
}

export async function financeXlsx(items: readonly Claim[], totals: MoneyTotals, t: Translate): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = t('common:serviceName');
  const sheet = book.addWorksheet(t('claims:export.sheet'));
  sheet.addRow(financeColumns.map((c) => t(`claims:export.column.${c}`))).font = { bold: true };
  const moneyColumns = new Set<Column>(['hourlyRate', 'preparationRate', 'mileRate', 'amount']);
  for (const row of [...financeRows(items, t), ...totalRows(totals, t)]) {
    const added = sheet.addRow(
      financeColumns.map((c) => {
        const cell = row[c];
        if (!cell) return null;
        if ('text' in cell) return cell.text;
        // Whole pence divided once: 1250 / 100 is exactly the 12.5 a spreadsheet shows as £12.50.
        return 'pence' in cell ? cell.pence / 100 : cell.number;
      }),
    );
    financeColumns.forEach((c, i) => {
      if (moneyColumns.has(c)) added.getCell(i + 1).numFmt = '"£"#,##0.00;-"£"#,##0.00';
    });
  }
  sheet.columns.forEach((column) => {
    column.width = 16;
  });
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  return Buffer.from(await book.xlsx.writeBuffer());
}
