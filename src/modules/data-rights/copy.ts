import { PassThrough, type Readable } from 'node:stream';
import type { Executor } from '../../db/connection.ts';
import type { Translate } from '../../platform/i18n.ts';
import { pdfGrey, pdfHeading, pdfParagraph, taggedPdf } from '../../platform/pdf.ts';
import { formatDateTime } from '../../platform/time.ts';
import { personLinks, type PersonLink } from './person-data-map.ts';
import { asRows, countLinks, linkRows, newestRows, rowsPerRead, type PersonKeys, type Row } from './person-rows.ts';

// A person's copy of everything held about them (UK GDPR Article 15): a JSON file for
// machines, a spreadsheet with every record (spreadsheet-copy.ts) and a tagged PDF for people
// to read or print, all written as the rows are read. A long part of the PDF shows its newest
// records and says where the rest are: a staff member's 50,000 time entries would be 5,000
// pages no one reads, and 20 s to make. Records they made about other people (as staff) are
// counted, not copied: those rows are other people's data (Article 15(4)).

/** The PDF shows at most this many records of a part; the spreadsheet and the JSON file have every one. */
export const pdfRecordsPerPart = 100;

/** A part of the copy: the rows of one table found through one column. */
export type CopySection = { table: string; column: string; count: number; link: PersonLink };

const inCopy = personLinks.filter((l) => !l.notInCopy && !isRecordedBy(l));
const recordedByLinks = personLinks.filter((l) => !l.notInCopy && isRecordedBy(l));
function isRecordedBy(link: PersonLink) {
  return link.erase.kind === 'keep' && link.erase.because === 'recorded-by';
}

/** How many rows each part holds, and how many records they made, counted together. */
export async function copySummary(db: Executor, keys: PersonKeys): Promise<{ sections: CopySection[]; recorded: CopySection[] }> {
  const links = [...inCopy, ...recordedByLinks];
  const counts = await countLinks(db, links, keys);
  const all = links.map((link, i) => ({ table: link.table, column: link.column, link, count: counts[i]! }));
  return { sections: all.slice(0, inCopy.length), recorded: all.slice(inCopy.length).filter((r) => r.count > 0) };
}

export async function personRow(db: Executor, keys: PersonKeys): Promise<Row | undefined> {
  return asRows(db)
    .selectFrom('people')
    .selectAll()
    .where('organisation_id', '=', keys.organisationId)
    .where('id', '=', keys.personId)
    .executeTakeFirst();
}

export type Meta = { organisation: string; generatedAt: Date };

/** The JSON file, as text pieces: rows are read and written a page at a time. */
export async function* jsonCopy(db: Executor, keys: PersonKeys, meta: Meta): AsyncGenerator<string> {
  const { recorded } = await copySummary(db, keys);
  yield `{"about":${JSON.stringify({
    organisation: meta.organisation,
    generatedAt: meta.generatedAt.toISOString(),
    personId: keys.personId,
    note: 'Everything this organisation holds about the person in Coproduce. Each record lists the table it comes from and the column that names the person.',
  })},\n"person":${JSON.stringify((await personRow(db, keys)) ?? null)},\n"records":[`;
  let first = true;
  for (const link of inCopy) {
    yield `${first ? '' : ','}\n{"table":${JSON.stringify(link.table)},"column":${JSON.stringify(link.column)},"rows":[`;
    first = false;
    // A page of rows goes out as one piece: one piece a row cost more in the stream and its
    // compression than writing the row (70,000 records: 3.3 s).
    let piece: string[] = [];
    let firstRow = true;
    for await (const row of linkRows(db, link, keys)) {
      piece.push(`${firstRow ? '' : ','}\n${JSON.stringify(row)}`);
      firstRow = false;
      if (piece.length === rowsPerRead) {
        yield piece.join('');
        piece = [];
      }
    }
    yield `${piece.join('')}]}`;
  }
  yield `],\n"recordsTheyMadeAboutOthers":${JSON.stringify(recorded.map((r) => ({ table: r.table, column: r.column, count: r.count })))}}\n`;
}

/** "full_name" -> "Full name". */
export const columnWords = (column: string) => {
  const words = column.replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
};

export const valueWords = (value: unknown, t: Translate): string => {
  if (value === null || value === undefined || value === '') return t('data-rights:copy.empty');
  if (value instanceof Date) return formatDateTime(value);
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(value)) return formatDateTime(value);
  return String(value);
};

/** The PDF, streamed: each part a heading, each record a paragraph of "Column: value" lines, a long part's newest first. */
export function pdfCopy(db: Executor, keys: PersonKeys, meta: Meta & { personName: string }, t: Translate): Readable {
  const title = t('data-rights:copy.pdfTitle', { name: meta.personName });
  const { doc, root } = taggedPdf({ title, author: meta.organisation, subject: t('data-rights:copy.pdfSubject') });
  const out = new PassThrough();
  doc.pipe(out);
  const record = (row: Row) =>
    pdfParagraph(
      doc,
      root,
      Object.entries(row)
        .map(([k, v]) => `${columnWords(k)}: ${valueWords(v, t)}`)
        .join('\n'),
      { size: 9 },
    );
  void (async () => {
    pdfHeading(doc, root, 'H1', title);
    pdfParagraph(doc, root, t('data-rights:copy.generated', { date: formatDateTime(meta.generatedAt), organisation: meta.organisation }), {
      colour: pdfGrey,
    });
    pdfParagraph(doc, root, t('data-rights:copy.pdfIntro'));
    const { sections, recorded } = await copySummary(db, keys);
    pdfHeading(doc, root, 'H2', t('data-rights:copy.personHeading'));
    const person = await personRow(db, keys);
    if (person) record(person);
    for (const section of sections.filter((s) => s.count > 0)) {
      pdfHeading(
        doc,
        root,
        'H2',
        `${t(`data-rights:table.${section.table}`)} (${t('data-rights:copy.records', { count: section.count })})`,
      );
      if (section.count > pdfRecordsPerPart)
        pdfParagraph(
          doc,
          root,
          t(section.link.newest ? 'data-rights:copy.pdfNewest' : 'data-rights:copy.pdfSome', {
            total: section.count.toLocaleString('en-GB'),
            shown: pdfRecordsPerPart,
          }),
        );
      for (const row of await newestRows(db, section.link, keys, pdfRecordsPerPart)) record(row);
    }
    if (recorded.length > 0) {
      pdfHeading(doc, root, 'H2', t('data-rights:copy.recordedHeading'));
      pdfParagraph(doc, root, t('data-rights:copy.recordedText'));
      for (const r of recorded)
        pdfParagraph(doc, root, `${t(`data-rights:table.${r.table}`)}: ${t('data-rights:copy.records', { count: r.count })}`);
    }
    root.end();
    doc.end();
  })().catch((error: unknown) => out.destroy(error as Error));
  return out;
}
