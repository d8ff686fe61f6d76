// C1, C2: the organisation's co-production charter, written together and agreed by the
// people it is for. Staff draft and publish versions (the words of a published one never
// change); everyone in the organisation answers the current one: they agree, or say what
// they would change. The next draft starts from the current words, beside what people said.
import type { Db } from '../../db/connection.ts';
import type { CharterAnswer, CharterAnswerHow } from '../../db/schema/charter.ts';
import { diffFields, writeAudit } from '../../platform/audit.ts';
import { isStaff, type Role, type RoleActor } from '../../platform/auth.ts';
import { Forbidden, NotFound } from '../../platform/errors.ts';
import type { Translate } from '../../platform/i18n.ts';
import { newId } from '../../platform/ids.ts';
import type { Page } from '../../platform/pagination.ts';
import { countEachTime, type KeepFigure } from '../../platform/kept-figures.ts';
import type { Clock } from '../../platform/time.ts';
import type { Notices, NoticeResult } from '../outbox/notices.ts';
import type { ReplyContact } from '../organisations/service.ts';
import type { PeopleService } from '../people/service.ts';
import type { ReplyActionService } from '../replies/service.ts';
import * as repo from './repository.ts';
import {
  agreementStartsFrom,
  answerProblem,
  charterParts,
  currentVersion,
  draftStartsFrom,
  mayAnswerFor,
  nextVersionNumber,
  principleParts,
  type AgreementStart,
  type AnswerProblem,
  type CharterText,
} from './rules.ts';

export type { CharterAnswer, CharterAnswerHow };
/** A personal link to the charter works for a year; asking again reuses it and shows the newest version. */
export const charterLinkDays = 365;

export type CharterVersion = CharterText & {
  id: string;
  version: number;
  published: boolean;
  publishedAt: string | null;
  updatedAt: string;
  sponsorPersonId: string | null;
  sponsorName: string | null;
  sponsorRole: string | null;
};
export type DraftInput = CharterText & { sponsorPersonId: string | null; sponsorRole: string | null };
export type MyAnswer = {
  answer: CharterAnswer;
  wouldChange: string | null;
  how: CharterAnswerHow;
  recorderName: string | null;
  answeredAt: string;
};
export type GivenAnswer = {
  organisationId: string;
  personId: string;
  version: number;
  answer: CharterAnswer | null;
  wouldChange: string | null;
  how: CharterAnswerHow;
  /** Staff who heard it (a call, a letter); null when the person answered themself. */
  recordedBy: string | null;
};

type Deps = {
  db: Db;
  now: Clock;
  t: Translate;
  people: Pick<PeopleService, 'get' | 'summaries'>;
  staff: { activeStaff(organisationId: string): Promise<Array<{ personId: string; role: Role }>> };
  notices: Notices;
  replyActions: ReplyActionService;
  replyContact: (organisationId: string) => Promise<ReplyContact>;
  keep?: KeepFigure;
};

type VersionRow = NonNullable<Awaited<ReturnType<typeof repo.latest>>>;
const toVersion = (row: VersionRow): CharterVersion => ({
  id: row.id,
  version: Number(row.version),
  published: row.published_at !== null,
  publishedAt: row.published_at,
  updatedAt: row.updated_at,
  sponsorPersonId: row.sponsor_person_id,
  sponsorName: row.sponsorName,
  sponsorRole: row.sponsor_role,
  ...textOf(row),
});
const textOf = (row: CharterText): CharterText => Object.fromEntries(charterParts.map((p) => [p, row[p]])) as CharterText;

export function makeCharterService({ db, now, t, people, staff, notices, replyActions, replyContact, keep = countEachTime }: Deps) {
  const starter = (): CharterText => Object.fromEntries(charterParts.map((p) => [p, t(`charter:starter.${p}`)])) as CharterText;

  async function current(organisationId: string): Promise<CharterVersion | null> {
    const row = await repo.latest(db, organisationId, true);
    return row ? toVersion(row) : null;
  }

  async function draft(organisationId: string): Promise<CharterVersion | null> {
    const row = await repo.latest(db, organisationId, false);
    return row ? toVersion(row) : null;
  }

  const requireStaff = (actor: RoleActor) => {
    if (!isStaff(actor)) throw new Forbidden();
  };

  async function staffChoices(organisationId: string) {
    const ids = (await staff.activeStaff(organisationId)).map((a) => a.personId);
    return (await people.summaries(organisationId, ids)).sort((a, b) => a.name.localeCompare(b.name));
  }

  async function myAnswer(organisationId: string, version: number, personId: string): Promise<MyAnswer | null> {
    const row = await repo.answerOf(db, organisationId, version, personId);
    if (!row) return null;
    return { answer: row.answer, wouldChange: row.would_change, how: row.how, recorderName: row.recorderName, answeredAt: row.answered_at };
  }

  return {
    current,
    draft,
    staffChoices,
    myAnswer,

    /** A published version by its id (drafts are read on the draft page, by staff). */
    async published(organisationId: string, id: string): Promise<CharterVersion> {
      const row = await repo.versionWithNames(db, organisationId, { id });
      if (!row || row.published_at === null) throw new NotFound();
      return toVersion(row);
    },

    /** The draft, started from the current words when there is none yet. */
    async startDraft(actor: RoleActor): Promise<string> {
      requireStaff(actor);
      return db.transaction().execute(async (trx) => {
        const existing = await repo.latest(trx, actor.organisationId, false);
        if (existing) return existing.id;
        const states = (await repo.versionStates(trx, actor.organisationId)).map((s) => ({
          version: Number(s.version),
          published: s.published_at !== null,
        }));
        const inForce = currentVersion(states);
        const published = inForce === null ? null : await repo.versionWithNames(trx, actor.organisationId, { version: inForce });
        const version = nextVersionNumber(states);
        const id = newId();
        await repo.insertVersion(trx, {
          id,
          organisation_id: actor.organisationId,
          version,
          ...draftStartsFrom(published ? textOf(published) : null, starter()),
          sponsor_person_id: published?.sponsor_person_id ?? null,
          sponsor_role: published?.sponsor_role ?? null,
          updated_at: now().toISOString(),
          updated_by: actor.personId,
        });
        await audit(trx, actor, id, `draft-${version}-started`);
        return id;
      });
    },

    async saveDraft(actor: RoleActor, input: DraftInput): Promise<'saved' | 'not-staff' | 'no-draft'> {
      requireStaff(actor);
      if (input.sponsorPersonId && !(await staffChoices(actor.organisationId)).some((s) => s.id === input.sponsorPersonId))
        return 'not-staff';
      return db.transaction().execute(async (trx) => {
        const before = await repo.latest(trx, actor.organisationId, false);
        if (!before) return 'no-draft';
        const change = { ...input };
        const changes = diffFields(
          { ...textOf(before), sponsorPersonId: before.sponsor_person_id, sponsorRole: before.sponsor_role },
          change,
        );
        await repo.updateDraft(trx, actor.organisationId, before.id, {
          ...textOf(input),
          sponsor_person_id: input.sponsorPersonId,
          sponsor_role: input.sponsorRole,
          updated_at: now().toISOString(),
          updated_by: actor.personId,
        });
        if (changes.length)
          await audit(
            trx,
            actor,
            before.id,
            'draft-changed',
            changes.map((c) => ({ field: c.field })),
          );
        return 'saved';
      });
    },

    /** Publishing asks everyone again: answers belong to the version they were given to. */
    async publish(actor: RoleActor): Promise<{ ok: true; version: number } | { ok: false; reason: 'no-draft' | 'no-sponsor' }> {
      requireStaff(actor);
      return db.transaction().execute(async (trx) => {
        const d = await repo.latest(trx, actor.organisationId, false);
        if (!d) return { ok: false, reason: 'no-draft' } as const;
        // C1: a charter is backed by a named senior leader, or it is not ready.
        if (!d.sponsor_person_id) return { ok: false, reason: 'no-sponsor' } as const;
        const at = now().toISOString();
        await repo.updateDraft(trx, actor.organisationId, d.id, { published_at: at, published_by: actor.personId });
        await audit(trx, actor, d.id, `version-${d.version}-published`);
        return { ok: true, version: Number(d.version) } as const;
      });
    },

    async history(organisationId: string, page: Page) {
      const [rows, total] = await Promise.all([repo.publishedPage(db, organisationId, page), repo.countPublished(db, organisationId)]);
      const versions = rows.map((r) => Number(r.version));
      // Kept until an answer changes (charter_answers moves the figure version on): a county's
      // page counts thousands of answers, and people look far more often than they answer.
      const counts = await keep(organisationId, `charter-history|${versions.join(',')}`, () =>
        repo.answerCountsOf(db, organisationId, versions),
      );
      const newest = rows.length && page.offset === 0 ? versions[0]! : null;
      const countsOf = new Map(counts.map((c) => [c.version, c]));
      return {
        total,
        items: rows.map((r) => {
          const version = Number(r.version);
          return {
            id: r.id,
            version,
            publishedAt: r.published_at!,
            agreed: countsOf.get(version)?.agree ?? 0,
            wouldChange: countsOf.get(version)?.change ?? 0,
            current: version === newest,
          };
        }),
      };
    },

    /**
     * Keeps one person's answer to the current version, replacing any earlier one to it.
     * Returns why not, when it cannot be kept.
     */
    async answer(actor: RoleActor | null, given: GivenAnswer): Promise<AnswerProblem | null> {
      if (actor && !mayAnswerFor(actor.role, actor.personId, given.personId)) throw new Forbidden();
      const person = await people.get(given.organisationId, given.personId);
      const cur = await current(given.organisationId);
      const problem = answerProblem(cur?.version ?? null, given.version, given.answer, given.wouldChange);
      if (problem) return problem;
      await db.transaction().execute(async (trx) => {
        await repo.replaceAnswer(trx, {
          id: newId(),
          organisation_id: given.organisationId,
          version: given.version,
          person_id: person.id,
          answer: given.answer!,
          // Kept with an agreement too: nothing a person typed is thrown away.
          would_change: given.wouldChange?.trim() || null,
          how: given.how,
          recorded_by: given.recordedBy,
          answered_at: now().toISOString(),
        });
        await writeAudit(trx, {
          organisationId: given.organisationId,
          actorPersonId: given.recordedBy ?? person.id,
          onBehalfOfPersonId: given.recordedBy ? person.id : null,
          subjectType: 'charter',
          subjectId: cur!.id,
          action: 'answered',
          changes: [
            { field: 'answer', to: given.answer },
            { field: 'how', to: given.how },
          ],
          at: now(),
        });
      });
      return null;
    },

    /** One version's answers for staff, a page at a time, with how many of each. */
    async answers(actor: RoleActor, version: number, only: CharterAnswer | null, page: Page) {
      requireStaff(actor);
      const [rows, counts] = await Promise.all([
        repo.answersPage(db, actor.organisationId, version, only, page),
        repo.answerCounts(db, actor.organisationId, version),
      ]);
      return {
        counts,
        total: only ? counts[only] : counts.agree + counts.change,
        items: rows.map((r) => ({
          personId: r.person_id,
          name: r.name,
          answer: r.answer,
          wouldChange: r.would_change,
          how: r.how,
          recorderName: r.recorderName,
          answeredAt: r.answered_at,
        })),
      };
    },

    /** The charter sent to one person by their own channel: a personal link (email, text) or a code (letter, call). */
    async sendTo(actor: RoleActor & { organisationName: string }, personId: string): Promise<NoticeResult & { name: string }> {
      requireStaff(actor);
      const person = await people.get(actor.organisationId, personId);
      const [cur, contact] = await Promise.all([current(actor.organisationId), replyContact(actor.organisationId)]);
      if (!cur) throw new NotFound();
      const result = await db.transaction().execute(async (trx) => {
        // About the person, not a version: the same link always opens the version published now.
        const issued = await replyActions.issue(trx, {
          organisationId: actor.organisationId,
          kind: 'charter',
          aboutId: personId,
          personIds: [personId],
          expiresAt: new Date(now().getTime() + charterLinkDays * 86_400_000).toISOString(),
          once: false,
        });
        const { link, code } = issued.get(personId)!;
        const vars = { name: person.name, organisation: actor.organisationName, link, code, phone: contact.phone ?? '' };
        const sent = await notices.send(
          {
            organisationId: actor.organisationId,
            kind: 'charter',
            aboutId: personId,
            projectId: null,
            dedupeKey: (p) => `charter:${cur.version}:${p.id}`,
            compose: () => ({
              subject: t('charter:send.subject', vars),
              full: t(contact.phone ? 'charter:send.email' : 'charter:send.emailNoPhone', vars),
              text: t('charter:send.text', vars),
              say: t('charter:send.say', vars),
            }),
          },
          [person],
          trx,
        );
        await audit(trx, actor, cur.id, 'sent', [], personId);
        return sent;
      });
      return { ...result, name: person.name };
    },

    /** What a project's first agreement starts from: the current charter, or nothing before there is one. */
    async agreementStart(organisationId: string): Promise<AgreementStart | null> {
      const cur = await current(organisationId);
      if (!cur) return null;
      const names = Object.fromEntries(principleParts.map((p) => [p, t(`charter:parts.${p}`)])) as Record<
        (typeof principleParts)[number],
        string
      >;
      return agreementStartsFrom(cur, names);
    },
  };

  async function audit(
    within: Parameters<typeof writeAudit>[0],
    actor: RoleActor,
    subjectId: string,
    action: string,
    changes: Array<{ field: string; to?: unknown }> = [],
    onBehalfOf: string | null = null,
  ) {
    await writeAudit(within, {
      organisationId: actor.organisationId,
      actorPersonId: actor.personId,
      onBehalfOfPersonId: onBehalfOf,
      subjectType: 'charter',
      subjectId,
      action,
      changes,
      at: now(),
    });
  }
}

export type CharterService = ReturnType<typeof makeCharterService>;
