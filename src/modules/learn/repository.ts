import type { Insertable } from 'kysely';
import type { Executor } from '../../db/connection.ts';
import type { LearnCompletionsTable, LearnTrainingTable } from '../../db/schema/learn.ts';
import type { Page } from '../../platform/pagination.ts';
import { perspectiveGroupSql } from '../../platform/perspective-groups.ts';

// Learn together's tables. Every query names the organisation; figures are counted and
// added up by the database, a fixed number of queries whatever the number of people.

type Count = number | string | bigint;
export const num = (n: Count | null | undefined) => Number(n ?? 0);

/** The organisation's own words for any module it edited: eight rows at most. */
export async function moduleTexts(db: Executor, organisationId: string) {
  return db
    .selectFrom('learn_module_texts')
    .select(['slug', 'title', 'body', 'question', 'updated_at'])
    .where('organisation_id', '=', organisationId)
    .execute();
}

export async function moduleText(db: Executor, organisationId: string, slug: string) {
  return db
    .selectFrom('learn_module_texts')
    .select(['slug', 'title', 'body', 'question', 'updated_at'])
    .where('organisation_id', '=', organisationId)
    .where('slug', '=', slug)
    .executeTakeFirst();
}

export async function saveModuleText(
  db: Executor,
  row: { organisation_id: string; slug: string; title: string; body: string; question: string; updated_at: string; updated_by: string },
) {
  const { organisation_id: _o, slug: _s, ...change } = row;
  await db
    .insertInto('learn_module_texts')
    .values(row)
    .onConflict((oc) => oc.columns(['organisation_id', 'slug']).doUpdateSet(change))
    .execute();
}

export async function removeModuleText(db: Executor, organisationId: string, slug: string) {
  await db.deleteFrom('learn_module_texts').where('organisation_id', '=', organisationId).where('slug', '=', slug).execute();
}

/** The modules one person finished: eight rows at most. */
export async function completionsOf(db: Executor, organisationId: string, personId: string) {
  return db
    .selectFrom('learn_completions')
    .select(['slug', 'reflection', 'how', 'completed_at'])
    .where('organisation_id', '=', organisationId)
    .where('person_id', '=', personId)
    .execute();
}

/** Marks a module done once; doing it again keeps the first date and updates what they wrote. */
export async function complete(db: Executor, row: Insertable<LearnCompletionsTable>) {
  const reflection = row.reflection ?? null;
  await db
    .insertInto('learn_completions')
    .values(row)
    .onConflict((oc) =>
      oc
        .columns(['organisation_id', 'person_id', 'slug'])
        .doUpdateSet(
          reflection === null
            ? { how: row.how, recorded_by: row.recorded_by ?? null }
            : { reflection, how: row.how, recorded_by: row.recorded_by ?? null },
        ),
    )
    .execute();
}

export async function addTraining(db: Executor, row: Insertable<LearnTrainingTable>) {
  await db.insertInto('learn_training').values(row).execute();
}

/** One person's recorded training, newest first, a page at a time. */
export async function trainingPage(db: Executor, organisationId: string, personId: string, page: Page) {
  const base = db.selectFrom('learn_training').where('organisation_id', '=', organisationId).where('person_id', '=', personId);
  const [items, total] = await Promise.all([
    base
      .select(['id', 'course', 'on_date', 'minutes'])
      .orderBy('on_date', 'desc')
      .orderBy('id')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    base.select((eb) => eb.fn.countAll<Count>().as('n')).executeTakeFirst(),
  ]);
  return { items, total: num(total?.n) };
}

/** People who finished each module, by perspective group: a person in two groups counts in both. */
export async function doneByModuleAndGroup(db: Executor, organisationId: string) {
  const grouped = db
    .selectFrom('learn_completions as c')
    .innerJoin('person_perspectives as pp', (j) =>
      j.onRef('pp.person_id', '=', 'c.person_id').onRef('pp.organisation_id', '=', 'c.organisation_id'),
    )
    .select(['c.slug', 'c.person_id', perspectiveGroupSql('pp.perspective').as('grp')])
    .where('c.organisation_id', '=', organisationId);
  return db
    .selectFrom(grouped.as('g'))
    .select(['g.slug', 'g.grp', (eb) => eb.fn.count<Count>('g.person_id').distinct().as('n')])
    .groupBy(['g.slug', 'g.grp'])
    .execute();
}

/** People who finished each module, whatever their perspective. */
export async function doneByModule(db: Executor, organisationId: string) {
  return db
    .selectFrom('learn_completions')
    .select(['slug', (eb) => eb.fn.countAll<Count>().as('n')])
    .where('organisation_id', '=', organisationId)
    .groupBy('slug')
    .execute();
}

/** People who finished at least one module, by perspective group. */
export async function anyDoneByGroup(db: Executor, organisationId: string) {
  const grouped = db
    .selectFrom('learn_completions as c')
    .innerJoin('person_perspectives as pp', (j) =>
      j.onRef('pp.person_id', '=', 'c.person_id').onRef('pp.organisation_id', '=', 'c.organisation_id'),
    )
    .select(['c.person_id', perspectiveGroupSql('pp.perspective').as('grp')])
    .where('c.organisation_id', '=', organisationId);
  return db
    .selectFrom(grouped.as('g'))
    .select(['g.grp', (eb) => eb.fn.count<Count>('g.person_id').distinct().as('n')])
    .groupBy('g.grp')
    .execute();
}

/** People who finished at least one module, and how many wrote a reflection. */
export async function anyDone(db: Executor, organisationId: string) {
  const row = await db
    .selectFrom('learn_completions')
    .select([(eb) => eb.fn.count<Count>('person_id').distinct().as('people'), (eb) => eb.fn.count<Count>('reflection').as('reflections')])
    .where('organisation_id', '=', organisationId)
    .executeTakeFirst();
  return { people: num(row?.people), reflections: num(row?.reflections) };
}

/** What people wrote to the reflection questions, newest first, without names. */
export async function reflectionsPage(db: Executor, organisationId: string, slug: string | null, page: Page) {
  let base = db.selectFrom('learn_completions').where('organisation_id', '=', organisationId).where('reflection', 'is not', null);
  if (slug) base = base.where('slug', '=', slug);
  const [items, total] = await Promise.all([
    base
      .select(['id', 'slug', 'reflection', 'completed_at'])
      .orderBy('completed_at', 'desc')
      .orderBy('id')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    base.select((eb) => eb.fn.countAll<Count>().as('n')).executeTakeFirst(),
  ]);
  return { items, total: num(total?.n) };
}

/**
 * Claims whose hours count as time given on the certificate: approved or paid claims for time
 * (not expenses); not for a meeting, whether linked to one or made by hand as one, because
 * the register counts every meeting once whatever was claimed for it (decision 0015); not an
 * adjustment, which corrects money, not hours; and not training, which has its own line. The
 * two parts of a claim split to stay within a benefits limit share its hours, so both count.
 */
export const claimCategoriesNotGiven = ['meeting', 'training'] as const;

/**
 * The certificate's figures for one person, each added up by the database: meetings they
 * were present at and for how long (the meetings module's register), other time given that
 * an approved claim records, time bank swaps in which they helped another member (not taken
 * back), time credits earned for time given (the ledger: credits in, less any taken back),
 * training and modules. Read only, six queries; the modules that own those tables keep
 * writing them.
 */
export async function certificateFigures(db: Executor, organisationId: string, personId: string) {
  const [attendance, claimed, swaps, credits, training, modules] = await Promise.all([
    db
      .selectFrom('meeting_attendance')
      .select([(eb) => eb.fn.countAll<Count>().as('n'), (eb) => eb.fn.sum<Count>('minutes_present').as('minutes')])
      .where('organisation_id', '=', organisationId)
      .where('person_id', '=', personId)
      .where('status', '=', 'present')
      .executeTakeFirst(),
    db
      .selectFrom('claims')
      .select([(eb) => eb.fn.sum<Count>('minutes').as('minutes'), (eb) => eb.fn.sum<Count>('preparation_minutes').as('preparation')])
      .where('organisation_id', '=', organisationId)
      .where('person_id', '=', personId)
      .where('kind', '=', 'payment')
      .where('status', 'in', ['approved', 'paid'])
      .where('meeting_id', 'is', null)
      .where('corrects_claim_id', 'is', null)
      .where('category', 'not in', [...claimCategoriesNotGiven])
      .executeTakeFirst(),
    // A swap moves credits from the person helped to the person who helped: their entry is
    // positive. One a reversal took back did not happen.
    db
      .selectFrom('timebank_entries as e')
      .innerJoin('timebank_accounts as a', (j) => j.onRef('a.id', '=', 'e.account_id').onRef('a.organisation_id', '=', 'e.organisation_id'))
      .innerJoin('timebank_transactions as x', (j) =>
        j.onRef('x.id', '=', 'e.transaction_id').onRef('x.organisation_id', '=', 'e.organisation_id'),
      )
      .select((eb) => eb.fn.sum<Count>('e.minutes').as('minutes'))
      .where('e.organisation_id', '=', organisationId)
      .where('a.person_id', '=', personId)
      .where('a.kind', '=', 'person')
      .where('x.kind', '=', 'exchange')
      .where('e.minutes', '>', 0)
      .where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom('timebank_transactions as r')
              .select('r.id')
              .whereRef('r.reverses_id', '=', 'x.id')
              .whereRef('r.organisation_id', '=', 'x.organisation_id'),
          ),
        ),
      )
      .executeTakeFirst(),
    db
      .selectFrom('timebank_entries as e')
      .innerJoin('timebank_accounts as a', (j) => j.onRef('a.id', '=', 'e.account_id').onRef('a.organisation_id', '=', 'e.organisation_id'))
      .innerJoin('timebank_transactions as x', (j) =>
        j.onRef('x.id', '=', 'e.transaction_id').onRef('x.organisation_id', '=', 'e.organisation_id'),
      )
      .select((eb) => eb.fn.sum<Count>('e.minutes').as('minutes'))
      .where('e.organisation_id', '=', organisationId)
      .where('a.person_id', '=', personId)
      .where((eb) =>
        eb.or([
          eb.and([eb('e.minutes', '>', 0), eb('x.kind', '!=', 'reversal')]),
          eb.and([eb('e.minutes', '<', 0), eb('x.kind', '=', 'reversal')]),
        ]),
      )
      .executeTakeFirst(),
    db
      .selectFrom('learn_training')
      .select([(eb) => eb.fn.countAll<Count>().as('n'), (eb) => eb.fn.sum<Count>('minutes').as('minutes')])
      .where('organisation_id', '=', organisationId)
      .where('person_id', '=', personId)
      .executeTakeFirst(),
    db
      .selectFrom('learn_completions')
      .select((eb) => eb.fn.countAll<Count>().as('n'))
      .where('organisation_id', '=', organisationId)
      .where('person_id', '=', personId)
      .executeTakeFirst(),
  ]);
  return {
    meetings: num(attendance?.n),
    meetingMinutes: num(attendance?.minutes),
    claimedMinutes: num(claimed?.minutes) + num(claimed?.preparation),
    swapMinutes: num(swaps?.minutes),
    creditMinutes: num(credits?.minutes),
    courses: num(training?.n),
    trainingMinutes: num(training?.minutes),
    modules: num(modules?.n),
  };
}
