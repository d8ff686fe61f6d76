import type { Db } from '../../db/connection.ts';
import type { EqualityRecordedHow } from '../../db/schema/equality.ts';
import { keepAct, type ActingFor } from '../../platform/acting-for.ts';
import { writeAudit, type ReadsLog } from '../../platform/audit.ts';
import { isStaff, type RoleActor } from '../../platform/auth.ts';
import { Forbidden, NotFound } from '../../platform/errors.ts';
import type { Translate } from '../../platform/i18n.ts';
import { pageOf } from '../../platform/pagination.ts';
import type { Clock } from '../../platform/time.ts';
import type { Notices, NoticeResult } from '../outbox/notices.ts';
import type { ReplyContact } from '../organisations/service.ts';
import type { PeopleService } from '../people/service.ts';
import type { ReplyActionService } from '../replies/service.ts';
import type { EqualityAnswers } from './answers-form.ts';
import * as repo from './repository.ts';
import { disabilityOf, ethnicHighOf, singleQuestionNames, type EthnicGroup } from './vocabulary.ts';

export type { EqualityRecordedHow };
/** How staff heard the answers they type in. */
export const staffHows = ['phone', 'letter', 'in-person', 'supporter'] as const;
export type StaffHow = (typeof staffHows)[number];

/** A personal link or paper code for the questions works for a year; asking again reuses it. */
export const questionsLinkDays = 365;

export type SavedAnswers = {
  answers: EqualityAnswers;
  recordedHow: EqualityRecordedHow;
  recordedByName: string | null;
  /** The supporter they last answered with on the supporter's pages (null when not, or that supporter's record is gone). */
  supporterName: string | null;
  /** True when staff typed in what that supporter told them, rather than the supporter themself. */
  supporterThroughStaff: boolean;
  answeredAt: string;
  updatedAt: string;
};

type Deps = {
  db: Db;
  now: Clock;
  t: Translate;
  people: PeopleService;
  notices: Notices;
  readsLog: ReadsLog;
  replyActions: ReplyActionService;
  replyContact: (organisationId: string) => Promise<ReplyContact>;
  /** Who a supporter is, from the supporters module; null once their record is erased. */
  supporterOf: (organisationId: string, supporterId: string) => Promise<{ name: string; personId: string | null } | null>;
};

/**
 * Equality monitoring answers (issue 19): voluntary, asked apart from the profile, and kept
 * private. A person sees, changes and withdraws their own; staff may type in answers given
 * on paper, by phone, in person or with a supporter, recorded as such; only an equality lead
 * (every admin, and staff an admin names) may ever see one person's answers, and each time
 * they do it goes in the audit log. Everyone else sees only protected counts.
 */
export function makeEqualityService(deps: Deps) {
  const { db, now, t, people, notices, readsLog, replyActions, replyContact, supporterOf } = deps;

  async function load(organisationId: string, personId: string): Promise<SavedAnswers | null> {
    // The same two queries whether or not they have answered, and whoever typed them in.
    const [row, circumstances] = await Promise.all([
      repo.findAnswers(db, organisationId, personId),
      repo.findCircumstances(db, organisationId, personId),
    ]);
    if (!row) return null;
    const recordedByName = row.recorded_by ? row.recorder_preferred_name || row.recorder_full_name || null : null;
    // A third query only for answers given with a supporter, on the page of one person's answers.
    const supporter = row.supporter_id ? await supporterOf(organisationId, row.supporter_id) : null;
    return {
      answers: {
        ageBand: row.age_band,
        sex: row.sex,
        genderIdentity: row.gender_identity,
        sexualOrientation: row.sexual_orientation,
        ethnicGroup: row.ethnic_group,
        religion: row.religion,
        longTermCondition: row.long_term_condition,
        activityLimitation: row.activity_limitation,
        unpaidCare: row.unpaid_care,
        circumstances: Number(row.circumstances_answered) === 1 ? circumstances : null,
      },
      recordedHow: row.recorded_how,
      recordedByName,
      supporterName: supporter?.name ?? null,
      supporterThroughStaff: Boolean(supporter && row.recorded_by !== supporter.personId),
      answeredAt: row.answered_at,
      updatedAt: row.updated_at,
    };
  }

  async function mayView(actor: RoleActor): Promise<boolean> {
    if (actor.role === 'admin') return true;
    if (actor.role !== 'facilitator') return false;
    return repo.isLead(db, actor.organisationId, actor.personId);
  }

  const audit = (organisationId: string, actorPersonId: string | null, personId: string, action: string, how?: string) =>
    writeAudit(db, {
      organisationId,
      actorPersonId,
      onBehalfOfPersonId: actorPersonId && actorPersonId !== personId ? personId : null,
      subjectType: 'equality',
      subjectId: personId,
      action,
      // Never the answers: only how they came in.
      changes: how ? [{ field: 'how', to: how }] : [],
      at: now(),
    });

  return {
    /** A person's own answers, for them to see and change. Their own look is not audited. */
    async mine(organisationId: string, personId: string): Promise<SavedAnswers | null> {
      return load(organisationId, personId);
    },

    /**
     * Saves a person's answers in place of any before. `by` is the staff member who typed
     * them in (null when the person answered themselves), with how they heard them; or the
     * supporter they answered with (`supporter`, decision 0018), whose act is kept beside
     * the answers in the same transaction.
     */
    async save(
      organisationId: string,
      personId: string,
      answers: EqualityAnswers,
      recorded: { how: EqualityRecordedHow; by: string | null; supporter?: ActingFor },
    ): Promise<void> {
      await people.get(organisationId, personId);
      const at = now().toISOString();
      const before = await repo.findAnswers(db, organisationId, personId);
      const circumstances = answers.circumstances ?? [];
      await db.transaction().execute(async (trx) => {
        await repo.replaceAnswers(
          trx,
          {
            organisation_id: organisationId,
            person_id: personId,
            age_band: answers.ageBand,
            sex: answers.sex,
            gender_identity: answers.genderIdentity,
            sexual_orientation: answers.sexualOrientation,
            ethnic_group: answers.ethnicGroup,
            ethnic_high:
              answers.ethnicGroup === null || answers.ethnicGroup === 'prefer-not'
                ? answers.ethnicGroup
                : ethnicHighOf(answers.ethnicGroup as EthnicGroup),
            religion: answers.religion,
            long_term_condition: answers.longTermCondition,
            activity_limitation: answers.activityLimitation,
            disability: disabilityOf(answers.longTermCondition, answers.activityLimitation),
            unpaid_care: answers.unpaidCare,
            circumstances_answered: answers.circumstances === null ? 0 : 1,
            recorded_how: recorded.how,
            recorded_by: recorded.by,
            supporter_id: recorded.supporter?.supporterId ?? null,
            answered_at: before?.answered_at ?? at,
            updated_at: at,
          },
          circumstances,
        );
        await writeAudit(trx, {
          organisationId,
          actorPersonId: recorded.by ?? personId,
          onBehalfOfPersonId: recorded.by ? personId : null,
          subjectType: 'equality',
          subjectId: personId,
          action: 'answers-saved',
          changes: [{ field: 'how', to: recorded.how }],
          at: now(),
        });
        await keepAct(trx, recorded.supporter, 'equality', personId);
      });
    },

    /**
     * Withdrawal deletes the answers. `by` is staff, or the supporter (`supporter`), when
     * the person asked them to. A supporter's act is kept whether or not there was anything
     * to delete: what they pressed is the record, not what the person had answered.
     */
    async withdraw(organisationId: string, personId: string, by: string | null, supporter?: ActingFor): Promise<boolean> {
      const deleted = await db.transaction().execute(async (trx) => {
        const gone = await repo.deleteAnswers(trx, organisationId, personId);
        if (gone)
          await writeAudit(trx, {
            organisationId,
            actorPersonId: by ?? personId,
            onBehalfOfPersonId: by ? personId : null,
            subjectType: 'equality',
            subjectId: personId,
            action: 'answers-withdrawn',
            at: now(),
          });
        await keepAct(trx, supporter, 'equality', personId);
        return gone;
      });
      return deleted;
    },

    mayView,

    /** One person's answers, for an equality lead only; each look is written to the audit log. */
    async answersFor(actor: RoleActor, personId: string): Promise<SavedAnswers | null> {
      if (!(await mayView(actor))) throw new Forbidden();
      await people.get(actor.organisationId, personId);
      const saved = await load(actor.organisationId, personId);
      await readsLog.record(actor, [{ subjectType: 'equality', subjectId: personId, action: 'answers-viewed' }]);
      return saved;
    },

    /** The questions sent to a person by their own way of hearing from us, with a personal link (email, text) or a code (letter, call). */
    async sendQuestions(actor: RoleActor & { organisationName: string }, personId: string): Promise<NoticeResult & { name: string }> {
      if (!isStaff(actor)) throw new Forbidden();
      const person = await people.get(actor.organisationId, personId);
      const contact = await replyContact(actor.organisationId);
      const result = await db.transaction().execute(async (trx) => {
        const issued = await replyActions.issue(trx, {
          organisationId: actor.organisationId,
          kind: 'equality',
          aboutId: personId,
          personIds: [personId],
          expiresAt: new Date(now().getTime() + questionsLinkDays * 86_400_000).toISOString(),
          once: false,
        });
        const { link, code } = issued.get(personId)!;
        const vars = {
          name: person.name,
          organisation: actor.organisationName,
          link,
          code,
          phone: contact.phone ?? '',
          days: questionsLinkDays,
        };
        const sent = await notices.send(
          {
            organisationId: actor.organisationId,
            kind: 'equality',
            aboutId: personId,
            // Nothing to do with any project: only admins read it in the outbox.
            projectId: null,
            dedupeKey: (p) => `equality:${p.id}:${now().toISOString().slice(0, 10)}`,
            compose: () => ({
              subject: t('equality:send.subject', vars),
              full: t(contact.phone ? 'equality:send.email' : 'equality:send.emailNoPhone', vars),
              text: t('equality:send.text', vars),
              say: t('equality:send.say', vars),
            }),
          },
          [person],
          trx,
        );
        await writeAudit(trx, {
          organisationId: actor.organisationId,
          actorPersonId: actor.personId,
          subjectType: 'equality',
          subjectId: personId,
          action: 'questions-sent',
          at: now(),
        });
        return sent;
      });
      return { ...result, name: person.name };
    },

    /** A paper form for one person: the questions to tick and a reply code staff type in when it comes back. */
    async paperForm(actor: RoleActor, personId: string) {
      if (!isStaff(actor)) throw new Forbidden();
      const person = await people.get(actor.organisationId, personId);
      const issued = await db.transaction().execute((trx) =>
        replyActions.issue(trx, {
          organisationId: actor.organisationId,
          kind: 'equality',
          aboutId: personId,
          personIds: [personId],
          expiresAt: new Date(now().getTime() + questionsLinkDays * 86_400_000).toISOString(),
          once: false,
        }),
      );
      await audit(actor.organisationId, actor.personId, personId, 'paper-form-printed');
      return {
        person: { id: person.id, name: person.name, fullName: person.fullName, address: person.address },
        code: issued.get(personId)!.code,
        contact: await replyContact(actor.organisationId),
      };
    },

    /** Whether a person is one of this organisation's staff, to name them an equality lead. */
    leads: {
      async list(admin: RoleActor, page: number) {
        if (admin.role !== 'admin') throw new Forbidden();
        const p = pageOf(page);
        const [rows, total, candidates] = await Promise.all([
          repo.listLeads(db, admin.organisationId, p.limit, p.offset),
          repo.countLeads(db, admin.organisationId),
          repo.facilitatorsWithoutRight(db, admin.organisationId),
        ]);
        const name = (r: { full_name: string; preferred_name: string | null }) => r.preferred_name || r.full_name;
        return {
          leads: rows.map((r) => ({ personId: r.person_id, name: name(r), givenAt: r.given_at })),
          total,
          page: p.page,
          candidates: candidates.map((c) => ({ personId: c.id, name: name(c) })),
        };
      },
      async give(admin: RoleActor, personId: string): Promise<void> {
        if (admin.role !== 'admin') throw new Forbidden();
        const role = await repo.staffRole(db, admin.organisationId, personId);
        if (role !== 'facilitator') throw new NotFound();
        await repo.addLead(db, admin.organisationId, personId, admin.personId, now().toISOString());
        await audit(admin.organisationId, admin.personId, personId, 'equality-lead-given');
      },
      async take(admin: RoleActor, personId: string): Promise<void> {
        if (admin.role !== 'admin') throw new Forbidden();
        if (await repo.removeLead(db, admin.organisationId, personId))
          await audit(admin.organisationId, admin.personId, personId, 'equality-lead-taken');
      },
    },

    /** For a person's page: only whether the questions can be answered, never whether they were. */
    questionNames: singleQuestionNames,
  };
}

export type EqualityService = ReturnType<typeof makeEqualityService>;
