import { sql } from 'kysely';
import { isPostgres, type Db, type Executor } from '../../db/connection.ts';
import { writeAudit } from '../../platform/audit.ts';
import type { FileStore } from '../../platform/files.ts';
import type { Clock } from '../../platform/time.ts';
import { keptWhole, personColumnsEmptied, personLinks } from './person-data-map.ts';
import { asRows, eraseLink, personKeys, rowsPerRead, type PersonKeys } from './person-rows.ts';

// Erasure on request (UK GDPR Article 17), in one transaction: the person's sensitive
// records, uploaded files and the words of messages to them go; records that keep totals
// right or that the law says to keep stay, pointing at the same person row, now emptied and
// named "A person who was removed". Their values are taken out of the audit history, and
// any copy of their name, email or phone number typed into another record is replaced.
// The erasure itself is audited with no values. See docs/decisions/0020-erasure-and-retention.md.

export type ErasureResult = { rowsChanged: number; filesRemoved: number };

/** Words an erasure leaves in place of what it removed. */
export type RemovedWords = { person: string; value: string };

export function makeErasure({ db, now, files }: { db: Db; now: Clock; files: FileStore }) {
  return {
    async erase(
      actor: { organisationId: string; personId: string },
      personId: string,
      words: RemovedWords,
      requestId: string | null,
    ): Promise<ErasureResult | null> {
      const { organisationId } = actor;
      const textColumns = await textColumnsByTable(db);
      const result = await db.transaction().execute(async (trx) => {
        const keys = await personKeys(trx, organisationId, personId);
        if (!keys) return null;
        const person = await trx
          .selectFrom('people')
          .select(['full_name', 'address'])
          .where('organisation_id', '=', organisationId)
          .where('id', '=', personId)
          .executeTakeFirstOrThrow();
        const storedFiles = await filesOf(trx, keys);
        const storyIds = await trx
          .selectFrom('stories')
          .select('id')
          .where('organisation_id', '=', organisationId)
          .where('teller_person_id', '=', personId)
          .execute();
        let rowsChanged = await stripAuditValues(trx, keys, [personId, ...storyIds.map((s) => s.id)]);
        for (const link of personLinks) rowsChanged += await eraseLink(trx, link, keys);
        await trx
          .updateTable('people')
          .set({ ...personColumnsEmptied, full_name: words.person, updated_at: now().toISOString() })
          .where('organisation_id', '=', organisationId)
          .where('id', '=', personId)
          .execute();
        const needles = [person.full_name, person.address ?? '', ...keys.emails, ...keys.phones].filter((v) => v.trim().length >= 3);
        rowsChanged += await replaceEverywhere(trx, textColumns, organisationId, needles, keys, words.value);
        await trx
          .insertInto('data_erasures')
          .values({
            organisation_id: organisationId,
            person_id: personId,
            erased_at: now().toISOString(),
            erased_by: actor.personId,
            request_id: requestId,
          })
          .execute();
        await writeAudit(trx, {
          organisationId,
          actorPersonId: actor.personId,
          subjectType: 'person',
          subjectId: personId,
          action: 'erased',
          at: now(),
        });
        return { rowsChanged, storedFiles };
      });
      if (!result) return null;
      // After the commit: a file removed before a rollback could not be brought back.
      for (const name of result.storedFiles) await files.remove(name);
      return { rowsChanged: result.rowsChanged, filesRemoved: result.storedFiles.length };
    },
  };
}

/** The stored names of files they uploaded or that are about them: story recordings and receipts. */
async function filesOf(db: Executor, keys: PersonKeys): Promise<string[]> {
  const [stories, receipts] = await Promise.all([
    db
      .selectFrom('stories')
      .select('stored_name')
      .where('organisation_id', '=', keys.organisationId)
      .where('teller_person_id', '=', keys.personId)
      .where('stored_name', 'is not', null)
      .execute(),
    keys.claimIds.length === 0
      ? Promise.resolve([])
      : db
          .selectFrom('claim_receipts')
          .select('stored_name')
          .where('organisation_id', '=', keys.organisationId)
          .where('claim_id', 'in', keys.claimIds)
          .execute(),
  ]);
  return [...stories, ...receipts].map((r) => r.stored_name).filter((n): n is string => !!n);
}

/**
 * Audit entries about the person (or their stories, or done for them) keep which fields
 * changed and lose the values. Entries come a page at a time by id; entries that end up the
 * same are changed by one statement, so the work grows with the kinds of change, not the rows.
 */
async function stripAuditValues(db: Executor, keys: PersonKeys, subjectIds: string[]): Promise<number> {
  let changed = 0;
  let after = '';
  for (;;) {
    const page = await db
      .selectFrom('audit_log')
      .select(['id', 'changes'])
      .where('organisation_id', '=', keys.organisationId)
      .where((eb) => eb.or([eb('subject_id', 'in', subjectIds), eb('on_behalf_of_person_id', '=', keys.personId)]))
      .where('changes', '<>', '[]')
      .where('id', '>', after)
      .orderBy('id')
      .limit(rowsPerRead)
      .execute();
    const byStripped = new Map<string, string[]>();
    for (const row of page) {
      const stripped = fieldsOnly(row.changes);
      if (stripped === row.changes) continue;
      byStripped.set(stripped, [...(byStripped.get(stripped) ?? []), row.id]);
    }
    for (const [changes, ids] of byStripped) {
      await db
        .updateTable('audit_log')
        .set({ changes })
        .where('organisation_id', '=', keys.organisationId)
        .where('id', 'in', ids)
        .execute();
      changed += ids.length;
    }
    if (page.length < rowsPerRead) return changed;
    after = page[page.length - 1]!.id;
  }
}

/** An audit entry's changes with the field names kept and every value dropped. */
export function fieldsOnly(changes: string): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(changes);
  } catch {
    return '[]';
  }
  if (!Array.isArray(parsed)) return '[]';
  const fields = parsed.map((c: unknown) => ({ field: String((c as { field?: unknown } | null)?.field ?? '') }));
  const stripped = JSON.stringify(fields);
  return stripped === changes ? changes : stripped;
}

type TextColumns = Map<string, { columns: string[]; scoped: boolean }>;

/** Every table's text columns, read from the database itself, so tables added later are covered. */
async function textColumnsByTable(db: Db): Promise<TextColumns> {
  const out: TextColumns = new Map();
  // PostgreSQL lists every schema's tables; only the app's own (the current schema) count.
  const schema = isPostgres(db)
    ? (await sql<{ schema: string }>`select current_schema() as schema`.execute(db)).rows[0]?.schema
    : undefined;
  for (const table of await db.introspection.getTables()) {
    if (table.name.startsWith('kysely_') || (schema && table.schema !== schema)) continue;
    const columns = table.columns.filter((c) => /char|text|clob|json/i.test(c.dataType)).map((c) => c.name);
    if (columns.length === 0) continue;
    out.set(table.name, { columns, scoped: table.columns.some((c) => c.name === 'organisation_id') });
  }
  return out;
}

/**
 * Their name, address, email addresses and phone numbers typed into any other record (a
 * meeting note, an audit entry, a message to someone else) are replaced, one statement per
 * table. In tables that belong to no organisation (sign-in), only their email and phone
 * are matched: a name there could be someone else's.
 */
async function replaceEverywhere(
  db: Executor,
  tables: TextColumns,
  organisationId: string,
  needles: string[],
  keys: PersonKeys,
  replacement: string,
): Promise<number> {
  let changed = 0;
  const contacts = new Set([...keys.emails, ...keys.phones]);
  for (const [table, { columns, scoped }] of tables) {
    if (keptWhole.has(table)) continue;
    const found = scoped ? needles : needles.filter((n) => contacts.has(n));
    if (found.length === 0) continue;
    const replaced = (column: string) =>
      found.reduce((inner, needle) => sql<string>`replace(${inner}, ${needle}, ${replacement})`, sql<string>`${sql.ref(column)}`);
    let query = asRows(db)
      .updateTable(table)
      .set(Object.fromEntries(columns.map((c) => [c, replaced(c)])))
      .where((eb) => eb.or(columns.map((c) => sql<boolean>`${replaced(c)} <> ${sql.ref(c)}`)));
    if (scoped) query = query.where('organisation_id', '=', organisationId);
    const result = await query.executeTakeFirst();
    changed += Number(result.numUpdatedRows);
  }
  return changed;
}
