// A CSV file that Excel opens as it should: a UTF-8 byte order mark first (without it UK
// Excel reads the bytes as Windows-1252 and names with accents come out wrong), CRLF line
// ends, every text cell in quotes, and a cell that starts with = + - @ given an apostrophe,
// so a spreadsheet never runs a name as a formula (the rule of claims' finance file).

const defused = (s: string) => (/^[=+\-@\t\r]/.test(s) ? `'${s}` : s);
const quoted = (s: string) => `"${s.replace(/"/g, '""')}"`;

export const csvCell = (value: string | number | null | undefined) =>
  value === null || value === undefined ? '' : typeof value === 'number' ? String(value) : quoted(defused(value));

/** The whole file: headings, then one line a row. */
export function csvFile(headings: readonly string[], rows: Iterable<ReadonlyArray<string | number | null | undefined>>): string {
  const lines = [headings.map(csvCell).join(',')];
  for (const row of rows) lines.push(row.map(csvCell).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
