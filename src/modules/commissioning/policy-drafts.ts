// P6, "written with members": the next version of the commissioning policy starts as a draft
// that members comment on (signed in, by a personal link, or told to staff on the phone or by
// letter). Staff read the comments beside the draft while they change it; publishing makes it
// the next version, which then shows what people said and what changed.
import { z } from 'zod';
import type { Db } from '../../db/connection.ts';
import type { PolicyCommentHow } from '../../db/schema/commissioning.ts';
import { agreeOrChangeProblem, type AgreeOrChange, type AgreeOrChangeProblem } from '../../platform/agree-or-change.ts';
import { writeAudit } from '../../platform/audit.ts';
import { isStaff, type RoleActor } from '../../platform/auth.ts';
import { Forbidden, NotFound } from '../../platform/errors.ts';
import type { Translate } from '../../platform/i18n.ts';
import { newId } from '../../platform/ids.ts';
import { readJson, storedStrings } from '../../platform/json-column.ts';
import type { Page } from '../../platform/pagination.ts';
import type { Clock } from '../../platform/time.ts';
import { cleanCodes } from '../learning/recommendations.ts';
import type { Notices, NoticeResult } from '../outbox/notices.ts';
import type { ReplyContact } from '../organisations/service.ts';
import type { PeopleService } from '../people/service.ts';
import type { ReplyActionService } from '../replies/service.ts';
import { policyChanges } from './policy-changes.ts';
import * as repo from './policy-drafts-repository.ts';
import type { CommissioningService, PolicyInput } from './service.ts';

/** A personal link to the draft works for 90 days; it always opens the draft being written then. */
export const draftLinkDays = 90;
const storedCriteria = z.array(z.object({ name: z.string(), weight: z.number().int() }));

export type CommentProblem = 'no-draft' | 'draft-changed' | AgreeOrChangeProblem;
export type GivenComment = {
  organisationId: string;
  personId: string;
  draftId: string;
  answer: AgreeOrChange | null;
  wouldChange: string | null;
  how: PolicyCommentHow;
  /** Staff who heard it (a call, a letter); null when the person commented themself. */
  recordedBy: string | null;
};

type DraftRow = NonNullable<Awaited<ReturnType<typeof repo.draft>>>;
const draftOf = (row: DraftRow) => ({
  id: row.id,
  codes: cleanCodes(readJson(storedStrings, row.codes, 'commissioning_policy_drafts.codes')),
  criteria: readJson(storedCriteria, row.criteria, 'commissioning_policy_drafts.criteria'),
  bidChecks: row.bid_checks,
  contractChecks: row.contract_checks,
  writtenWith: row.written_with,
  updatedAt: row.updated_at,
  publishedVersion: row.published_version,
});
export type PolicyDraft = ReturnType<typeof draftOf>;

export function makePolicyDraftService({
  db,
  now,
  t,
  commissioning,
  people,
  notices,
  replyActions,
  replyContact,
}: {
  db: Db;
  now: Clock;
  t: Translate;
  commissioning: Pick<CommissioningService, 'currentPolicy' | 'policy' | 'savePolicy'>;
  people: Pick<PeopleService, 'get'>;
  notices: Notices;
  replyActions: ReplyActionService;
  replyContact: (organisationId: string) => Promise<ReplyContact>;
}) {
  const requireStaff = (actor: RoleActor) => {
    if (!isStaff(actor)) throw new Forbidden();
  };
  const audit = (
    within: Parameters<typeof writeAudit>[0],
    organisationId: string,
    actorId: string,
    action: string,
    onBehalfOf: string | null = null,
    changes: Array<{ field: string; to?: unknown }> = [],
  ) =>
    writeAudit(within, {
      organisationId,
      actorPersonId: actorId,
      onBehalfOfPersonId: onBehalfOf,
      subjectType: 'commissioning',
      subjectId: organisationId,
      action,
      changes,
      at: now(),
    });

  async function openDraft(organisationId: string): Promise<PolicyDraft | null> {
    const row = await repo.draft(db, organisationId, { open: true });
    return row ? draftOf(row) : null;
  }

  async function myComment(organisationId: string, draftId: string, personId: string) {
    const row = await repo.commentOf(db, organisationId, draftId, personId);
    return row ? { answer: row.answer, wouldChange: row.words, how: row.how, commentedAt: row.commented_at } : null;
  }

  async function commentList(organisationId: string, draftId: string, page: Page) {
    const [rows, counts] = await Promise.all([
      repo.commentsPage(db, organisationId, draftId, page),
      repo.commentCounts(db, organisationId, draftId),
    ]);
    return {
      counts,
      total: counts.agree + counts.change,
      items: rows.map((r) => ({
        name: r.preferred_name || r.name,
        answer: r.answer,
        wouldChange: r.words,
        how: r.how,
        recorderName: r.recorderName,
        commentedAt: r.commented_at,
      })),
    };
  }

  return {
    draft: openDraft,
    myComment,

    /** The draft, started from the policy in force (or from nothing before the first version). */
    async startDraft(actor: RoleActor): Promise<string> {
      requireStaff(actor);
      const current = await commissioning.currentPolicy(actor.organisationId);
      return db.transaction().execute(async (trx) => {
        const existing = await repo.draft(trx, actor.organisationId, { open: true });
        if (existing) return existing.id;
        const id = newId();
        await repo.insertDraft(trx, {
          id,
          organisation_id: actor.organisationId,
          codes: JSON.stringify(current?.codes ?? ['P6', 'P7']),
          criteria: JSON.stringify(current?.criteria ?? []),
          bid_checks: current?.bidChecks ?? '',
          contract_checks: current?.contractChecks ?? '',
          written_with: current?.writtenWith ?? '',
          published_version: null,
          updated_by: actor.personId,
          updated_at: now().toISOString(),
        });
        await audit(trx, actor.organisationId, actor.personId, 'policy-draft-started');
        return id;
      });
    },

    async saveDraft(actor: RoleActor, input: PolicyInput): Promise<boolean> {
      requireStaff(actor);
      return db.transaction().execute(async (trx) => {
        const d = await repo.draft(trx, actor.organisationId, { open: true });
        if (!d) return false;
        await repo.updateDraft(trx, actor.organisationId, d.id, {
          codes: JSON.stringify(input.codes),
          criteria: JSON.stringify(input.criteria),
          bid_checks: input.bidChecks,
          contract_checks: input.contractChecks,
          written_with: input.writtenWith,
          updated_by: actor.personId,
          updated_at: now().toISOString(),
        });
        await audit(trx, actor.organisationId, actor.personId, 'policy-draft-changed');
        return true;
      });
    },

    /** The draft becomes the next version, in one transaction; its comments stay with it. */
    async publish(actor: RoleActor, input: PolicyInput): Promise<number | null> {
      requireStaff(actor);
      const d = await openDraft(actor.organisationId);
      if (!d) return null;
      return commissioning.savePolicy(actor, input, async (trx, version) => {
        if (!(await repo.updateDraft(trx, actor.organisationId, d.id, { published_version: version }))) throw new NotFound();
      });
    },

    /** Keeps one person's comment on the draft, replacing any earlier one; says why not when it cannot. */
    async comment(actor: RoleActor | null, given: GivenComment): Promise<CommentProblem | null> {
      if (actor && actor.personId !== given.personId && !isStaff(actor)) throw new Forbidden();
      const person = await people.get(given.organisationId, given.personId);
      const d = await openDraft(given.organisationId);
      if (!d) return 'no-draft';
      if (d.id !== given.draftId) return 'draft-changed';
      const problem = agreeOrChangeProblem(given.answer, given.wouldChange);
      if (problem) return problem;
      await db.transaction().execute(async (trx) => {
        await repo.replaceComment(trx, {
          id: newId(),
          organisation_id: given.organisationId,
          draft_id: d.id,
          person_id: person.id,
          answer: given.answer!,
          words: given.wouldChange?.trim() || null,
          how: given.how,
          recorded_by: given.recordedBy,
          commented_at: now().toISOString(),
        });
        await audit(
          trx,
          given.organisationId,
          given.recordedBy ?? person.id,
          'policy-draft-commented',
          given.recordedBy ? person.id : null,
          [
            { field: 'answer', to: given.answer },
            { field: 'how', to: given.how },
          ],
        );
      });
      return null;
    },

    /** The draft's comments, for staff beside the draft. */
    async comments(actor: RoleActor, draftId: string, page: Page) {
      requireStaff(actor);
      return commentList(actor.organisationId, draftId, page);
    },

    /**
     * What a version shows about how it was written: what changed from the version before,
     * and what people said about the draft that became it (everyone may read both).
     */
    async versionNotes(actor: RoleActor, version: number, page: Page) {
      const [row, thisOne, before] = await Promise.all([
        repo.draft(db, actor.organisationId, { version }),
        commissioning.policy(actor, version, { page: 1, limit: 1, offset: 0 }),
        version > 1 ? commissioning.policy(actor, version - 1, { page: 1, limit: 1, offset: 0 }) : null,
      ]);
      const changes = thisOne.policy ? policyChanges(before?.policy ?? null, thisOne.policy) : [];
      const said = row ? await commentList(actor.organisationId, row.id, page) : null;
      // Members read what was said, not who said it: only staff see names.
      if (said && !isStaff(actor)) said.items = said.items.map((c) => ({ ...c, name: '', recorderName: null }));
      return { changes, said, first: version === 1 };
    },

    /** The draft sent to one person by their own channel: a personal link (email, text) or a code (letter, call). */
    async sendTo(actor: RoleActor & { organisationName: string }, personId: string): Promise<NoticeResult & { name: string }> {
      requireStaff(actor);
      const person = await people.get(actor.organisationId, personId);
      const [d, contact] = await Promise.all([openDraft(actor.organisationId), replyContact(actor.organisationId)]);
      if (!d) throw new NotFound();
      const result = await db.transaction().execute(async (trx) => {
        // About the person, not the draft: the same link opens whichever draft is being written.
        const issued = await replyActions.issue(trx, {
          organisationId: actor.organisationId,
          kind: 'commissioning-policy',
          aboutId: personId,
          personIds: [personId],
          expiresAt: new Date(now().getTime() + draftLinkDays * 86_400_000).toISOString(),
          once: false,
        });
        const { link, code } = issued.get(personId)!;
        const vars = { name: person.name, organisation: actor.organisationName, link, code, phone: contact.phone ?? '' };
        const sent = await notices.send(
          {
            organisationId: actor.organisationId,
            kind: 'commissioning-policy',
            aboutId: personId,
            projectId: null,
            dedupeKey: (p) => `commissioning-policy:${d.id}:${p.id}`,
            compose: () => ({
              subject: t('policy-drafts:send.subject', vars),
              full: t(contact.phone ? 'policy-drafts:send.email' : 'policy-drafts:send.emailNoPhone', vars),
              text: t('policy-drafts:send.text', vars),
              say: t('policy-drafts:send.say', vars),
            }),
          },
          [person],
          trx,
        );
        await audit(trx, actor.organisationId, actor.personId, 'policy-draft-sent', personId);
        return sent;
      });
      return { ...result, name: person.name };
    },
  };
}

export type PolicyDraftService = ReturnType<typeof makePolicyDraftService>;
