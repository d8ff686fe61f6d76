// P3: everyone is trained in the principles and values of co-production, and supported to
// learn. Short modules ship with the app (the organisation may put its own words in their
// place); each ends with a question to think about, never a test. A person marks a module
// done when signed in, or staff record it for them (after a group session, or on the
// phone); training the organisation gives is recorded too. Both count on the certificate of
// involvement and in what a person gets back; the organisation sees only counts by
// perspective, protected by its small-number rule.
import type { Db } from '../../db/connection.ts';
import type { LearnHow } from '../../db/schema/learn.ts';
import { writeAudit } from '../../platform/audit.ts';
import { isStaff, mayOpenPersonalRecord, type RoleActor } from '../../platform/auth.ts';
import { Forbidden, NotFound } from '../../platform/errors.ts';
import type { Translate } from '../../platform/i18n.ts';
import { newId } from '../../platform/ids.ts';
import type { KeepFigure } from '../../platform/kept-figures.ts';
import type { Page } from '../../platform/pagination.ts';
import { perspectiveGroups } from '../../platform/perspective-groups.ts';
import { protectTable, type SmallNumberRule } from '../../platform/small-numbers.ts';
import { londonToday, type Clock } from '../../platform/time.ts';
import type { Notices, NoticeResult } from '../outbox/notices.ts';
import type { ReplyContact } from '../organisations/service.ts';
import type { PeopleService } from '../people/service.ts';
import type { ReplyActionService } from '../replies/service.ts';
import { certificateTotals } from './certificate-totals.ts';
import { imagesHaveAltText, plainText, renderModule } from './markdown.ts';
import { isModuleSlug, moduleSlugs, shippedText, type ModuleSlug, type ModuleText } from './modules.ts';
import * as repo from './repository.ts';

type Deps = {
  db: Db;
  now: Clock;
  t: Translate;
  people: Pick<PeopleService, 'get'>;
  organisationName: (organisationId: string) => Promise<string>;
  smallNumberRule: (organisationId: string) => Promise<SmallNumberRule>;
  notices: Notices;
  replyActions: Pick<ReplyActionService, 'issue'>;
  replyContact: (organisationId: string) => Promise<ReplyContact>;
  /** Progress figures kept until completions or perspectives change (decision 0014). */
  keep: KeepFigure;
};

/** A link to a module keeps working for a year: reading can wait for a good day. */
export const learnLinkDays = 365;

export type ModuleEdit = { title: string; body: string; question: string };
export type TrainingInput = { course: string; onDate: string; minutes: number };

function mustBeStaff(actor: RoleActor) {
  if (!isStaff(actor)) throw new Forbidden();
}
function mustBeAdmin(actor: RoleActor) {
  if (actor.role !== 'admin') throw new Forbidden();
}
function slugOf(slug: string): ModuleSlug {
  if (!isModuleSlug(slug)) throw new NotFound();
  return slug;
}

export function makeLearnService({
  db,
  now,
  t,
  people,
  organisationName,
  smallNumberRule,
  notices,
  replyActions,
  replyContact,
  keep,
}: Deps) {
  /** Every module's words for the organisation: its own where it edited one, else the shipped. */
  async function texts(organisationId: string): Promise<ModuleText[]> {
    const own = new Map((await repo.moduleTexts(db, organisationId)).map((r) => [r.slug, r]));
    return moduleSlugs.map((slug) => {
      const shipped = shippedText(t, slug);
      const mine = own.get(slug);
      return mine ? { ...shipped, title: mine.title, body: mine.body, question: mine.question, edited: true } : shipped;
    });
  }

  async function textOf(organisationId: string, slug: ModuleSlug): Promise<ModuleText> {
    const shipped = shippedText(t, slug);
    const mine = await repo.moduleText(db, organisationId, slug);
    return mine ? { ...shipped, title: mine.title, body: mine.body, question: mine.question, edited: true } : shipped;
  }

  async function saveCompletion(
    actor: Pick<RoleActor, 'personId'> | null,
    organisationId: string,
    personId: string,
    slug: ModuleSlug,
    reflection: string | null,
    how: LearnHow,
  ) {
    const at = now();
    await db.transaction().execute(async (trx) => {
      await repo.complete(trx, {
        id: newId(),
        organisation_id: organisationId,
        person_id: personId,
        slug,
        reflection,
        how,
        recorded_by: actor && actor.personId !== personId ? actor.personId : null,
        completed_at: at.toISOString(),
      });
      // Who marked it and how; what they wrote is theirs and stays out of the log.
      await writeAudit(trx, {
        organisationId,
        actorPersonId: actor?.personId ?? null,
        onBehalfOfPersonId: actor && actor.personId !== personId ? personId : null,
        subjectType: 'learn',
        subjectId: personId,
        action: 'module-done',
        changes: [
          { field: 'module', to: slug },
          { field: 'how', to: how },
        ],
        at,
      });
    });
  }

  return {
    /** The modules, with which ones this person has done. Two queries. */
    async modules(user: RoleActor) {
      const [all, done] = await Promise.all([texts(user.organisationId), repo.completionsOf(db, user.organisationId, user.personId)]);
      const doneAt = new Map(done.map((d) => [d.slug, d.completed_at]));
      return all.map((m) => ({ ...m, doneAt: doneAt.get(m.slug) ?? null }));
    },

    /** One module to read, made into safe HTML, with what this person wrote last time. */
    async module(user: RoleActor, slug: string) {
      const s = slugOf(slug);
      const [text, done] = await Promise.all([textOf(user.organisationId, s), repo.completionsOf(db, user.organisationId, user.personId)]);
      const mine = done.find((d) => d.slug === s) ?? null;
      const at = moduleSlugs.indexOf(s);
      return {
        ...text,
        html: renderModule(text.body),
        mine: mine ? { reflection: mine.reflection, doneAt: mine.completed_at } : null,
        next: at < moduleSlugs.length - 1 ? moduleSlugs[at + 1]! : null,
      };
    },

    /** A module for a personal link: the words for the person the link was made for. */
    async moduleFor(organisationId: string, personId: string, slug: string) {
      const s = slugOf(slug);
      const [text, done] = await Promise.all([textOf(organisationId, s), repo.completionsOf(db, organisationId, personId)]);
      const mine = done.find((d) => d.slug === s) ?? null;
      return { ...text, html: renderModule(text.body), mine: mine ? { reflection: mine.reflection, doneAt: mine.completed_at } : null };
    },

    /** The person marks a module done themself, with what they thought if they want to say. */
    async markDone(user: RoleActor, slug: string, reflection: string | null) {
      await saveCompletion(user, user.organisationId, user.personId, slugOf(slug), reflection, 'self');
    },

    /**
     * By a personal link, without signing in: the link names the organisation and the person.
     * Staff who typed the reply code (done with them on the phone or on paper) are named.
     */
    async markDoneByLink(organisationId: string, personId: string, slug: string, reflection: string | null, recordedBy: string | null) {
      const by = recordedBy ? { personId: recordedBy } : null;
      await saveCompletion(by, organisationId, personId, slugOf(slug), reflection, recordedBy ? 'staff' : 'link');
    },

    /** Sends one person a link to one module by their own channel: a link (email, text) or a code (letter, call). */
    async sendLink(
      actor: RoleActor & { organisationName: string },
      personId: string,
      slug: string,
    ): Promise<NoticeResult & { name: string }> {
      mustBeStaff(actor);
      const s = slugOf(slug);
      const [person, text, contact] = await Promise.all([
        people.get(actor.organisationId, personId),
        textOf(actor.organisationId, s),
        replyContact(actor.organisationId),
      ]);
      const at = now();
      const result = await db.transaction().execute(async (trx) => {
        const issued = await replyActions.issue(trx, {
          organisationId: actor.organisationId,
          kind: 'learn',
          aboutId: s,
          personIds: [personId],
          expiresAt: new Date(at.getTime() + learnLinkDays * 86_400_000).toISOString(),
          once: false,
        });
        const { link, code } = issued.get(personId)!;
        const vars = { name: person.name, organisation: actor.organisationName, title: text.title, link, code, phone: contact.phone ?? '' };
        const sent = await notices.send(
          {
            organisationId: actor.organisationId,
            kind: 'learn',
            aboutId: personId,
            projectId: null,
            dedupeKey: (p) => `learn:${s}:${p.id}:${at.toISOString()}`,
            compose: () => ({
              subject: t('learn:send.subject', vars),
              full: t(contact.phone ? 'learn:send.email' : 'learn:send.emailNoPhone', vars),
              text: t('learn:send.text', vars),
              say: t('learn:send.say', vars),
            }),
          },
          [person],
          trx,
        );
        await writeAudit(trx, {
          organisationId: actor.organisationId,
          actorPersonId: actor.personId,
          onBehalfOfPersonId: personId,
          subjectType: 'learn',
          subjectId: personId,
          action: 'link-sent',
          changes: [{ field: 'module', to: s }],
          at,
        });
        return sent;
      });
      return { ...result, name: person.name };
    },

    /** Staff record a module done for someone: in a group session, or told on the phone. */
    async recordFor(actor: RoleActor, personId: string, slug: string, how: 'staff' | 'group', reflection: string | null) {
      mustBeStaff(actor);
      const s = slugOf(slug);
      await people.get(actor.organisationId, personId);
      await saveCompletion(actor, actor.organisationId, personId, s, reflection, how);
    },

    /** The module's words as the admin edits them, with the shipped words beside them. */
    async editable(user: RoleActor, slug: string) {
      mustBeAdmin(user);
      const s = slugOf(slug);
      const text = await textOf(user.organisationId, s);
      return { ...text, plain: plainText(text.body).split('\n'), shipped: shippedText(t, s) };
    },

    /** Saves the organisation's own words; refuses an image with nothing said about what it shows. */
    async saveText(user: RoleActor, slug: string, edit: ModuleEdit): Promise<'saved' | 'image-without-alt'> {
      mustBeAdmin(user);
      const s = slugOf(slug);
      if (!imagesHaveAltText(edit.body)) return 'image-without-alt';
      const at = now();
      await db.transaction().execute(async (trx) => {
        await repo.saveModuleText(trx, {
          organisation_id: user.organisationId,
          slug: s,
          ...edit,
          updated_at: at.toISOString(),
          updated_by: user.personId,
        });
        await writeAudit(trx, {
          organisationId: user.organisationId,
          actorPersonId: user.personId,
          subjectType: 'learn',
          subjectId: s,
          action: 'module-edited',
          changes: [{ field: 'title', to: edit.title }],
          at,
        });
      });
      return 'saved';
    },

    /** Goes back to the words shipped with the app. */
    async resetText(user: RoleActor, slug: string) {
      mustBeAdmin(user);
      const s = slugOf(slug);
      const at = now();
      await db.transaction().execute(async (trx) => {
        await repo.removeModuleText(trx, user.organisationId, s);
        await writeAudit(trx, {
          organisationId: user.organisationId,
          actorPersonId: user.personId,
          subjectType: 'learn',
          subjectId: s,
          action: 'module-reset',
          at,
        });
      });
    },

    /** One person's learning: modules done and training, for staff or the person. */
    async personLearning(user: RoleActor, personId: string, page: Page) {
      if (!mayOpenPersonalRecord(user, personId)) throw new Forbidden();
      const [person, all, done, training] = await Promise.all([
        people.get(user.organisationId, personId),
        texts(user.organisationId),
        repo.completionsOf(db, user.organisationId, personId),
        repo.trainingPage(db, user.organisationId, personId, page),
      ]);
      const doneBy = new Map(done.map((d) => [d.slug, d]));
      return {
        person: { id: person.id, name: person.name },
        self: user.personId === personId,
        modules: all.map((m) => {
          const d = doneBy.get(m.slug);
          return { slug: m.slug, title: m.title, doneAt: d?.completed_at ?? null, how: d?.how ?? null };
        }),
        training,
      };
    },

    async addTraining(actor: RoleActor, personId: string, input: TrainingInput) {
      mustBeStaff(actor);
      await people.get(actor.organisationId, personId);
      const at = now();
      const id = newId();
      await db.transaction().execute(async (trx) => {
        await repo.addTraining(trx, {
          id,
          organisation_id: actor.organisationId,
          person_id: personId,
          course: input.course,
          on_date: input.onDate,
          minutes: input.minutes,
          recorded_by: actor.personId,
          recorded_at: at.toISOString(),
        });
        await writeAudit(trx, {
          organisationId: actor.organisationId,
          actorPersonId: actor.personId,
          onBehalfOfPersonId: personId,
          subjectType: 'learn',
          subjectId: personId,
          action: 'training-recorded',
          changes: [
            { field: 'course', to: input.course },
            { field: 'minutes', to: input.minutes },
          ],
          at,
        });
      });
    },

    /**
     * Who has done which module, by perspective: counts only, under the organisation's
     * small-number rule (a person in two groups counts in each; totals count them once).
     * Five queries whatever the size, and the counts kept until the data under them changes.
     */
    async progress(user: RoleActor) {
      const organisationId = user.organisationId;
      const [all, [cells, rows, columns, any], rule] = await Promise.all([
        texts(organisationId),
        keep(organisationId, 'learn-progress', () =>
          Promise.all([
            repo.doneByModuleAndGroup(db, organisationId),
            repo.doneByModule(db, organisationId),
            repo.anyDoneByGroup(db, organisationId),
            repo.anyDone(db, organisationId),
          ]),
        ),
        smallNumberRule(organisationId),
      ]);
      const cell = (slug: string, g: string) => repo.num(cells.find((c) => c.slug === slug && c.grp === g)?.n);
      const table = protectTable(
        {
          cells: moduleSlugs.map((s) => perspectiveGroups.map((g) => cell(s, g))),
          rowTotals: moduleSlugs.map((s) => repo.num(rows.find((r) => r.slug === s)?.n)),
          columnTotals: perspectiveGroups.map((g) => repo.num(columns.find((c) => c.grp === g)?.n)),
          grandTotal: any.people,
        },
        rule,
      );
      return {
        groups: perspectiveGroups,
        rows: all.map((m, i) => ({ slug: m.slug, title: m.title, cells: table.cells[i]!, total: table.rowTotals[i]! })),
        columnTotals: table.columnTotals,
        grandTotal: table.grandTotal,
        rule,
      };
    },

    /** What people wrote to the reflection questions, without names, for staff and reviews. */
    async reflections(user: RoleActor, slug: string | null, page: Page) {
      mustBeStaff(user);
      const s = slug === null ? null : slugOf(slug);
      const [all, list] = await Promise.all([texts(user.organisationId), repo.reflectionsPage(db, user.organisationId, s, page)]);
      const titles = new Map(all.map((m) => [m.slug, m.title]));
      return {
        modules: all.map((m) => ({ slug: m.slug, title: m.title })),
        items: list.items.map((r) => ({
          id: r.id,
          module: titles.get(r.slug as ModuleSlug) ?? r.slug,
          text: r.reflection ?? '',
          at: r.completed_at,
        })),
        total: list.total,
      };
    },

    /** A person's certificate of involvement: figures added up by the database, then the rule. */
    async certificate(user: RoleActor, personId: string) {
      if (!mayOpenPersonalRecord(user, personId)) throw new Forbidden();
      const [person, organisation, figures, all, done] = await Promise.all([
        people.get(user.organisationId, personId),
        organisationName(user.organisationId),
        repo.certificateFigures(db, user.organisationId, personId),
        texts(user.organisationId),
        repo.completionsOf(db, user.organisationId, personId),
      ]);
      const doneSlugs = new Set(done.map((d) => d.slug));
      return {
        person: { id: person.id, name: person.fullName || person.name },
        organisation,
        issuedOn: londonToday(now()),
        totals: certificateTotals(figures),
        modules: all.filter((m) => doneSlugs.has(m.slug)).map((m) => m.title),
      };
    },

    /** For "what you get back": modules done and training, two numbers. */
    async gotBack(organisationId: string, personId: string) {
      const figures = await repo.certificateFigures(db, organisationId, personId);
      return certificateTotals(figures);
    },
  };
}

export type LearnService = ReturnType<typeof makeLearnService>;
