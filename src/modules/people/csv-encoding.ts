// A CSV file is bytes, and nothing in it says which encoding wrote them. Excel saves
// "CSV UTF-8" with a byte order mark, "CSV (Comma delimited)" as Windows-1252 with none,
// and "Unicode text" as UTF-16 with a mark. So: a mark decides; otherwise text that is
// valid UTF-8 is UTF-8 (Windows-1252 letters such as ë or £ are almost never valid UTF-8
// by chance); anything else is read as Windows-1252, what UK Excel writes.
import iconv from 'iconv-lite';

export type CsvEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';
export type DecodedCsv = { ok: true; text: string; encoding: CsvEncoding } | { ok: false; error: string };

const startsWith = (bytes: Buffer, ...mark: number[]) => mark.every((b, i) => bytes[i] === b);

/** Zip (.xlsx, .ods) and the old binary .xls: a workbook, not a CSV file. */
const isWorkbook = (bytes: Buffer) => startsWith(bytes, 0x50, 0x4b, 0x03, 0x04) || startsWith(bytes, 0xd0, 0xcf, 0x11, 0xe0);

function strictUtf8(bytes: Buffer): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

/**
 * The text of an uploaded file. A byte the encoding has no letter for becomes U+FFFD
 * here, never silently a wrong letter; the reader then refuses the file.
 */
export function decodeCsvBytes(bytes: Buffer): DecodedCsv {
  if (isWorkbook(bytes)) return { ok: false, error: 'people:import.errors.workbook' };
  // TextDecoder drops a byte order mark of its own encoding.
  if (startsWith(bytes, 0xff, 0xfe)) return { ok: true, text: new TextDecoder('utf-16le').decode(bytes), encoding: 'utf-16le' };
  if (startsWith(bytes, 0xfe, 0xff)) return { ok: true, text: new TextDecoder('utf-16be').decode(bytes), encoding: 'utf-16be' };
  if (startsWith(bytes, 0xef, 0xbb, 0xbf)) return { ok: true, text: new TextDecoder('utf-8').decode(bytes), encoding: 'utf-8' };
  const utf8 = strictUtf8(bytes);
  if (utf8 !== null) return { ok: true, text: utf8, encoding: 'utf-8' };
  return { ok: true, text: iconv.decode(bytes, 'windows-1252'), encoding: 'windows-1252' };
}

/**
 * What the import form sent: an uploaded file's bytes, or, when "Add these people" is
 * pressed, the text the preview already read (a form field, so already Unicode).
 */
export function importedCsvText(value: unknown): DecodedCsv {
  const decoded: DecodedCsv = Buffer.isBuffer(value)
    ? decodeCsvBytes(value)
    : { ok: true, text: typeof value === 'string' ? value : '', encoding: 'utf-8' };
  if (decoded.ok && !decoded.text.trim()) return { ok: false, error: 'people:import.errors.noFile' };
  return decoded;
}
