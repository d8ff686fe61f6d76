import { parse } from 'csv-parse/sync';
import type { Db } from '../../db/connection.ts';
import { writeAudit } from '../../platform/audit.ts';
import type { RoleActor } from '../../platform/auth.ts';
import { Forbidden } from '../../platform/errors.ts';
import type { Translate } from '../../platform/i18n.ts';
import type { Clock } from '../../platform/time.ts';
import { csvFile } from '../../platform/csv-file.ts';
import { census2021EnglandWales, censusArea } from './census-2021.ts';
import * as repo from './repository.ts';
import { groupingNames, groupings, preferNot, type Grouping } from './vocabulary.ts';

/** The figures "who is missing" compares with, for one grouping: percentages by category. */
export type Benchmark = { area: string; source: string; percents: Record<string, number> };

export type CsvProblem = { key: string; vars: Record<string, string | number> };
export type ReadBenchmarks =
  | { ok: true; rows: Array<{ grouping: Grouping; category: string; hundredths: number }>; groupings: Grouping[] }
  | { ok: false; problems: CsvProblem[] };

const plain = (s: string) => s.trim().toLowerCase().replace(/\s+/g, ' ');

/**
 * Reads an area's figures from CSV: one row per answer, "Question,Answer,Percent", in the
 * words the app shows (or its codes). Every problem is listed with its row number, so a
 * person can mend the lot at once; nothing is saved unless the whole file is right.
 */
export function readBenchmarkCsv(text: string, t: Translate): ReadBenchmarks {
  let records: Array<{ record: string[]; info: { lines: number } }>;
  try {
    records = parse(text.replace(/^\uFEFF/, ''), {
      relax_column_count: true,
      skip_empty_lines: true,
      trim: true,
      info: true,
    }) as unknown as typeof records;
  } catch {
    return { ok: false, problems: [{ key: 'equality:benchmarks.errors.notCsv', vars: {} }] };
  }
  // Excel leaves rows of only commas; a row with no percentage is an answer with no figure.
  const rows = records.filter((r) => r.record.some((cell) => cell !== ''));
  if (rows.length && plain(rows[0]!.record[0] ?? '') === plain(t('equality:benchmarks.csv.question'))) rows.shift();
  if (!rows.some((r) => (r.record[2] ?? '') !== ''))
    return { ok: false, problems: [{ key: 'equality:benchmarks.errors.empty', vars: {} }] };

  const groupingByWords = new Map<string, Grouping>();
  for (const g of groupingNames) {
    groupingByWords.set(plain(g), g);
    groupingByWords.set(plain(t(`equality:grouping.${g}`)), g);
  }
  const problems: CsvProblem[] = [];
  const out: Array<{ grouping: Grouping; category: string; hundredths: number }> = [];
  const seen = new Set<string>();
  rows.forEach(({ record: cells, info }) => {
    const line = info.lines;
    if ((cells[2] ?? '') === '') return;
    const [question = '', answer = '', percent = ''] = cells;
    const grouping = groupingByWords.get(plain(question));
    if (!grouping) return problems.push({ key: 'equality:benchmarks.errors.question', vars: { row: line, question } });
    const choices = [...groupings[grouping], preferNot];
    const category = choices.find((c) => plain(c) === plain(answer) || plain(t(`equality:a.${grouping}.${c}`)) === plain(answer));
    if (!category)
      return problems.push({
        key: 'equality:benchmarks.errors.answer',
        vars: { row: line, answer, question: t(`equality:grouping.${grouping}`) },
      });
    const value = Number(percent.replace(/%$/, '').trim());
    if (!Number.isFinite(value) || value < 0 || value > 100)
      return problems.push({ key: 'equality:benchmarks.errors.percent', vars: { row: line, percent } });
    if (seen.has(`${grouping}/${category}`)) return problems.push({ key: 'equality:benchmarks.errors.twice', vars: { row: line, answer } });
    seen.add(`${grouping}/${category}`);
    out.push({ grouping, category, hundredths: Math.round(value * 100) });
  });
  const named = [...new Set(out.map((r) => r.grouping))];
  for (const g of named) {
    const sum = out.filter((r) => r.grouping === g).reduce((s, r) => s + r.hundredths, 0);
    // Published percentages are rounded: allow a little over 100 in all.
    if (sum > 10_100)
      problems.push({ key: 'equality:benchmarks.errors.overHundred', vars: { question: t(`equality:grouping.${g}`), sum: sum / 100 } });
  }
  return problems.length ? { ok: false, problems } : { ok: true, rows: out, groupings: named };
}

export function makeBenchmarkService({ db, now, t }: { db: Db; now: Clock; t: Translate }) {
  return {
    /** The figures for each grouping: the organisation's own where it imported them, otherwise the England and Wales Census. */
    async current(organisationId: string): Promise<Map<Grouping, Benchmark>> {
      const out = new Map<Grouping, Benchmark>();
      for (const g of groupingNames) {
        const set = census2021EnglandWales[g];
        if (set) out.set(g, { area: censusArea, source: set.table, percents: { ...set.percents } });
      }
      const own = new Map<Grouping, Benchmark>();
      for (const row of await repo.benchmarkRows(db, organisationId)) {
        const g = row.grouping as Grouping;
        const b = own.get(g) ?? { area: row.area, source: row.source, percents: {} };
        b.percents[row.category] = row.hundredths / 100;
        own.set(g, b);
      }
      for (const [g, b] of own) out.set(g, b);
      return out;
    },

    /** The figures as CSV in the import's own shape: a template to fill in. */
    async asCsv(organisationId: string): Promise<string> {
      const current = await this.current(organisationId);
      const rows: Array<[string, string, number | null]> = [];
      for (const g of groupingNames)
        for (const c of [...groupings[g], preferNot])
          rows.push([t(`equality:grouping.${g}`), t(`equality:a.${g}.${c}`), current.get(g)?.percents[c] ?? null]);
      return csvFile(
        [t('equality:benchmarks.csv.question'), t('equality:benchmarks.csv.answer'), t('equality:benchmarks.csv.percent')],
        rows,
      );
    },

    async import(admin: RoleActor, text: string, meta: { area: string; source: string }): Promise<ReadBenchmarks> {
      if (admin.role !== 'admin') throw new Forbidden();
      const read = readBenchmarkCsv(text, t);
      if (!read.ok) return read;
      await db.transaction().execute(async (trx) => {
        await repo.replaceBenchmarks(trx, admin.organisationId, read.groupings, read.rows, {
          ...meta,
          at: now().toISOString(),
          by: admin.personId,
        });
        await writeAudit(trx, {
          organisationId: admin.organisationId,
          actorPersonId: admin.personId,
          subjectType: 'equality',
          subjectId: admin.organisationId,
          action: 'benchmarks-imported',
          changes: read.groupings.map((g) => ({ field: g })),
          at: now(),
        });
      });
      return read;
    },

    async reset(admin: RoleActor): Promise<void> {
      if (admin.role !== 'admin') throw new Forbidden();
      await repo.clearBenchmarks(db, admin.organisationId);
      await writeAudit(db, {
        organisationId: admin.organisationId,
        actorPersonId: admin.personId,
        subjectType: 'equality',
        subjectId: admin.organisationId,
        action: 'benchmarks-reset',
        at: now(),
      });
    },
  };
}

export type BenchmarkService = ReturnType<typeof makeBenchmarkService>;
