import { PassThrough, type Readable } from 'node:stream';
import ExcelJS from 'exceljs';

// A spreadsheet zipped as it is written, for any download of any size (the finance export,
// a person's copy of their data): each batch of rows goes out before the next is read.
// Whatever goes wrong on the way ends the download (the reader sees it cut short), never
// leaves it waiting; a reader who goes away stops the writing.

export type XlsxWriter = {
  book: ExcelJS.stream.xlsx.WorkbookWriter;
  /**
   * Waits until the zip has taken the sheet's rows so far and the reader has taken the zip's
   * output. False when the reader has gone: stop writing.
   */
  caughtUp(sheet: ExcelJS.Worksheet): Promise<boolean>;
};

/** `write` adds and commits the sheets; the workbook is finished here once it returns. */
export function xlsxStream(write: (writer: XlsxWriter) => Promise<void>): Readable {
  const out = new PassThrough();
  const closed = new Promise<void>((resolve) => out.once('close', resolve));
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true });
  const caughtUp = async (sheet: ExcelJS.Worksheet) => {
    const backlog = zipBacklog(sheet);
    if (backlog?._writableState.needDrain)
      await Promise.race([new Promise((resolve) => backlog.once('drain', () => resolve(null))), closed]);
    else await new Promise((resolve) => setImmediate(resolve));
    if (out.writableNeedDrain) await Promise.race([new Promise((resolve) => out.once('drain', resolve)), closed]);
    return !out.destroyed;
  };
  const run = async () => {
    await write({ book, caughtUp });
    if (out.destroyed) return;
    const done = book.commit();
    // The workbook is done when the reader has it all; a reader gone first would leave it waiting.
    done.catch(() => undefined);
    await Promise.race([done, closed]);
  };
  run().catch((error: unknown) => out.destroy(error instanceof Error ? error : new Error(String(error))));
  return out;
}

type Backlog = { _writableState: { needDrain: boolean }; once(event: 'drain', listener: () => void): unknown };

/**
 * Where a sheet's rows wait for the zip's compressor: a stream of the archiver's, which
 * ExcelJS 4 writes into without ever waiting. Unwatched, a county's whole sheet (40 MB of
 * XML) waited there and was compressed at the end. This is not ExcelJS's documented API:
 * if it is not found, the rows are still written, only not paced.
 */
function zipBacklog(sheet: ExcelJS.Worksheet): Backlog | null {
  const entry = (sheet as unknown as { stream?: { pipes?: Array<Partial<Backlog>> } }).stream?.pipes?.[0];
  return typeof entry?._writableState?.needDrain === 'boolean' && typeof entry.once === 'function' ? (entry as Backlog) : null;
}

/** A sheet name Excel accepts: no : \ / ? * [ ], at most 31 letters, and not one the book has already. */
export function sheetName(wanted: string, taken: Set<string>): string {
  const clean =
    wanted
      .replace(/[:\\/?*[\]]/g, ' ')
      .replace(/^'+|'+$/g, '')
      .trim() || 'Sheet';
  for (let n = 1; ; n++) {
    const suffix = n === 1 ? '' : ` (${n})`;
    const name = clean.slice(0, 31 - suffix.length).trimEnd() + suffix;
    if (!taken.has(name.toLowerCase())) {
      taken.add(name.toLowerCase());
      return name;
    }
  }
}
