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

/**
 * A letter's address: the person's name first, then where they live. In a residential
 * home or a shared house a letter to "4 Mill Lane" alone may never reach them, and GOV.UK
 * Notify takes the name as address line 1 too. The name is one line even with a comma in
 * it, and is not repeated when the address was typed starting with it.
 */
export function letterAddressLines(name: string | null, address: string, maxLines = Infinity): string[] {
  const person = name?.replace(/\s+/g, ' ').trim();
  if (!person) return addressLines(address, maxLines);
  const rest = addressLines(address);
  const withoutName = rest[0]?.toLowerCase() === person.toLowerCase() ? rest.slice(1) : rest;
  const room = maxLines - 1;
  if (room < 2 && withoutName.length > 1) return [person, withoutName.join(', ')];
  return [person, ...addressLines(withoutName.join('\n'), room)];
}
