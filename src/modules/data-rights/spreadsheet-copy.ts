import type { Readable } from 'node:stream';
import type ExcelJS from 'exceljs';
import type { Executor } from '../../db/connection.ts';
import type { Translate } from '../../platform/i18n.ts';
import { formatDateTime } from '../../platform/time.ts';
import { sheetName, xlsxStream } from '../../platform/xlsx-stream.ts';
import { columnWords, copySummary, personRow, valueWords, type Meta } from './copy.ts';
import { linkRows, rowsPerRead, type PersonKeys, type Row } from './person-rows.ts';

// The whole copy as a spreadsheet, for people whose copy is too long to read as a PDF: a
// Contents sheet listing the parts, then one sheet a part with every record, one row each.
// It opens in Excel, LibreOffice and Google Sheets, where a long part can be sorted,
// searched and printed. Written as the rows are read, so any size streams.

// Text cells are text ('@'): "=..." in a note stays words, even when someone edits the cell.
// One style object for every cell of a kind, never changed after: ExcelJS sets a cell's font
// on its style object, so a bold row gets style objects of its own.
const styles = {
  text: { numFmt: '@' },
  plain: {},
  boldText: { numFmt: '@', font: { bold: true } },
  boldPlain: { font: { bold: true } },
} satisfies Record<string, Partial<ExcelJS.Style>>;

/** A value as the spreadsheet shows it: numbers stay numbers; times read as in the PDF. */
function cellOf(value: unknown, t: Translate): string | number | undefined {
  if (value === null || value === undefined || value === '') return undefined;
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint') return Number(value);
  return valueWords(value, t);
}

function addRow(sheet: ExcelJS.Worksheet, values: Array<string | number | undefined>, bold = false) {
  const row = sheet.addRow(values);
  row.eachCell((cell) => {
    const text = typeof cell.value === 'string';
    cell.style = bold ? (text ? styles.boldText : styles.boldPlain) : text ? styles.text : styles.plain;
  });
  row.commit();
}

export function spreadsheetCopy(db: Executor, keys: PersonKeys, meta: Meta & { personName: string }, t: Translate): Readable {
  return xlsxStream(async ({ book, caughtUp }) => {
    book.creator = meta.organisation;
    const [{ sections, recorded }, person] = await Promise.all([copySummary(db, keys), personRow(db, keys)]);
    const parts = sections.filter((s) => s.count > 0);
    const taken = new Set<string>();
    const contentsName = sheetName(t('data-rights:copy.sheetContents'), taken);
    const detailsName = sheetName(t('data-rights:copy.personHeading'), taken);
    const names = parts.map((s) => sheetName(t(`data-rights:table.${s.table}`), taken));

    const contents = book.addWorksheet(contentsName);
    contents.columns = [{ width: 60 }, { width: 34 }, { width: 12 }];
    addRow(contents, [t('data-rights:copy.pdfTitle', { name: meta.personName })], true);
    addRow(contents, [t('data-rights:copy.generated', { date: formatDateTime(meta.generatedAt), organisation: meta.organisation })]);
    addRow(contents, [t('data-rights:copy.sheetIntro')]);
    addRow(contents, []);
    addRow(contents, [t('data-rights:copy.part'), t('data-rights:copy.sheet'), t('data-rights:copy.howMany')], true);
    addRow(contents, [t('data-rights:copy.personHeading'), detailsName, 1]);
    parts.forEach((s, i) => addRow(contents, [t(`data-rights:table.${s.table}`), names[i], s.count]));
    if (recorded.length > 0) {
      addRow(contents, []);
      addRow(contents, [t('data-rights:copy.recordedHeading')], true);
      addRow(contents, [t('data-rights:copy.recordedText')]);
      for (const r of recorded) addRow(contents, [t(`data-rights:table.${r.table}`), undefined, r.count]);
    }
    contents.commit();

    const details = book.addWorksheet(detailsName);
    details.columns = [{ width: 28 }, { width: 60 }];
    for (const [column, value] of Object.entries(person ?? {})) addRow(details, [columnWords(column), cellOf(value, t)]);
    details.commit();

    for (const [i, section] of parts.entries()) {
      const sheet = book.addWorksheet(names[i], { views: [{ state: 'frozen', ySplit: 1 }] });
      let written = 0;
      for await (const row of linkRows(db, section.link, keys)) {
        if (written === 0) {
          sheet.columns = Object.keys(row).map(() => ({ width: 22 }));
          addRow(sheet, Object.keys(row).map(columnWords), true);
        }
        addRow(
          sheet,
          Object.values(row as Row).map((v) => cellOf(v, t)),
        );
        if (++written % rowsPerRead === 0 && !(await caughtUp(sheet))) return;
      }
      sheet.commit();
    }
  });
}
