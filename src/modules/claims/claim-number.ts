/**
 * The number a person and finance use to talk about a claim: "C-7F3A-9B21". A claim's
 * stored reference ("expense:<id>", "meeting:<meeting>:<person>") only keeps a claim from
 * being made twice; it is a code for the software, and people never see it.
 *
 * The number is the last eight letters and digits of the claim's id, so it never changes
 * and needs no counter. The end of the id, not its start: a random id is random all
 * through, and ids made in order (the county data, or ids led by a time) differ at the end.
 * Eight of them leave one chance in about 4 billion that two claims share a number; on a
 * payment list finance also has the name, the date and the amount. The "C-" keeps a
 * spreadsheet from reading it as a number ("00001234" losing its zeros, "1234E567"
 * becoming a huge number).
 */
export function claimNumber(id: string): string {
  const tail = id
    .replace(/[^0-9a-z]/gi, '')
    .slice(-8)
    .toUpperCase()
    .padStart(8, '0');
  return `C-${tail.slice(0, 4)}-${tail.slice(4)}`;
}
