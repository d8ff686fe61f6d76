/** A postal address as typed (one line per row, or commas) split into its lines. */
export function addressLines(address: string, maxLines = Infinity): string[] {
  const lines = address
    .split(/\r?\n|,/)
    .map((l) => l.trim())
    .filter(Boolean);
  if (lines.length <= maxLines || maxLines < 2) return lines;
  // Keep every word, and the postcode alone on the last line where Royal Mail and Notify
  // look for it: the lines that do not fit join the one before it.
  const head = lines.slice(0, maxLines - 2);
  return [...head, lines.slice(maxLines - 2, -1).join(', '), lines[lines.length - 1]!];
}
