// C3: safeguarding is everyone's role. Anyone can raise a concern; only the organisation's
// named lead and deputy can read it; every step of its handling is audited; a concern nobody
// acknowledges in time goes to the admins. Messages say a concern is waiting, never what it says.
import type { Config } from '../../config.ts';
import type { Db } from '../../db/connection.ts';
import type { ReferredTo } from '../../db/schema/safeguarding.ts';
import { writeAudit } from '../../platform/audit.ts';
import type { CurrentUser, Role, RoleActor } from '../../platform/auth.ts';
import type { Delivery } from '../../platform/delivery/delivery.ts';
import { Forbidden, NotFound } from '../../platform/errors.ts';
import type { Translate } from '../../platform/i18n.ts';
import { newId } from '../../platform/ids.ts';
import { normaliseMobile } from '../../platform/mobile-number.ts';
import { enqueue } from '../../platform/outbox.ts';
import type { Page } from '../../platform/pagination.ts';
import { formatDateTime, type Clock } from '../../platform/time.ts';
import type { Notices } from '../outbox/notices.ts';
import type { PeopleService, Person } from '../people/service.ts';
import { newReplyCode } from '../replies/reply-codes.ts';
import { sameText, signature } from '../../platform/signed-tokens.ts';
import { acknowledgeBy, isOverdue } from './handling-time.ts';
import * as repo from './repository.ts';

export const referredTos = ['adults', 'children', 'police', 'other'] as const satisfies readonly ReferredTo[];

export type SafeguardingSettings = {
  leadPersonId: string | null;
  deputyPersonId: string | null;
  acknowledgeWithinDays: number;
  outOfHours: string | null;
  localTeam: string | null;
};

export type NewConcern = {
  organisationId: string;
  raisedByPersonId: string | null;
  reporterName: string | null;
  reporterContact: string | null;
  aboutName: string | null;
  whatHappened: string;
  dangerNow: boolean;
};

type Deps = {
  db: Db;
  now: Clock;
  config: Pick<Config, 'publicUrl' | 'sms'>;
  t: Translate;
  delivery: Delivery | null;
  people: Pick<PeopleService, 'getMany' | 'summaries'>;
  staff: { activeStaff(organisationId: string): Promise<Array<{ personId: string; role: Role }>> };
  notices: Notices;
  secret: string;
};

const defaults: SafeguardingSettings = {
  leadPersonId: null,
  deputyPersonId: null,
  acknowledgeWithinDays: 1,
  outOfHours: null,
  localTeam: null,
};

/** A person takes longer than this to read the form and write a concern; a script does not. */
const quickestHumanMs = 3_000;
const formLifeMs = 24 * 3_600_000;

export function makeSafeguardingService({ db, now, config, t, delivery, people, staff, notices, secret }: Deps) {
  async function settingsFor(organisationId: string): Promise<SafeguardingSettings> {
    const row = await repo.settings(db, organisationId);
    if (!row) return defaults;
    return {
      leadPersonId: row.lead_person_id,
      deputyPersonId: row.deputy_person_id,
      acknowledgeWithinDays: Number(row.acknowledge_within_days),
      outOfHours: row.out_of_hours,
      localTeam: row.local_team,
    };
  }

  /** The lead and the deputy, if named; the admins when nobody is, so no concern waits unseen. */
  async function whoToTell(organisationId: string, s: SafeguardingSettings): Promise<string[]> {
    const named = [s.leadPersonId, s.deputyPersonId].filter((id): id is string => Boolean(id));
    if (named.length) return [...new Set(named)];
    return (await staff.activeStaff(organisationId)).filter((a) => a.role === 'admin').map((a) => a.personId);
  }

  const mayHandle = (s: SafeguardingSettings, user: Pick<CurrentUser, 'personId'>) =>
    user.personId === s.leadPersonId || user.personId === s.deputyPersonId;

  async function requireLead(user: RoleActor) {
    const s = await settingsFor(user.organisationId);
    if (!mayHandle(s, user)) throw new Forbidden();
    return s;
  }

  /**
   * "Something is waiting" by each person's own channel, in the same transaction as the
   * change. People are loaded before it: SQLite has one connection.
   */
  async function tell(
    organisationId: string,
    recipients: readonly Person[],
    aboutId: string,
    key: string,
    words: Record<string, unknown>,
    within: Parameters<Notices['send']>[2],
  ) {
    return notices.send(
      {
        organisationId,
        kind: 'safeguarding',
        aboutId,
        projectId: null,
        dedupeKey: (p) => `safeguarding:${key}:${aboutId}:${p.id}`,
        compose: () => ({
          subject: t(`safeguarding:message.${key}.subject`, words),
          full: t(`safeguarding:message.${key}.full`, { link: `${config.publicUrl}/safeguarding`, ...words }),
          text: t(`safeguarding:message.${key}.text`, words),
          say: t(`safeguarding:message.${key}.say`, words),
        }),
      },
      recipients,
      within,
    );
  }

  async function freshReference(organisationId: string) {
    for (;;) {
      const reference = `SG-${newReplyCode()}`;
      if (!(await repo.referenceTaken(db, organisationId, reference))) return reference;
    }
  }

  return {
    settingsFor,

    /** Signed time the form was shown: with a hidden field people leave empty, the check against scripts that works without JavaScript. */
    formStamp(): string {
      const ms = String(now().getTime());
      return `${ms}.${signature(secret, 'safeguarding-form', ms)}`;
    },

    stampProblem(stamp: string | undefined): 'too-quick' | 'stale' | null {
      const [ms, signed] = (stamp ?? '').split('.');
      if (!ms || !signed || !sameText(signed, signature(secret, 'safeguarding-form', ms))) return 'stale';
      const age = now().getTime() - Number(ms);
      if (age < quickestHumanMs) return 'too-quick';
      return age > formLifeMs ? 'stale' : null;
    },

    async staffChoices(organisationId: string) {
      const ids = (await staff.activeStaff(organisationId)).map((a) => a.personId);
      return (await people.summaries(organisationId, ids)).sort((a, b) => a.name.localeCompare(b.name));
    },

    async saveSettings(actor: RoleActor, input: SafeguardingSettings): Promise<'saved' | 'not-staff'> {
      if (actor.role !== 'admin') throw new Forbidden();
      const staffIds = new Set((await staff.activeStaff(actor.organisationId)).map((a) => a.personId));
      for (const id of [input.leadPersonId, input.deputyPersonId]) if (id && !staffIds.has(id)) return 'not-staff';
      const before = await settingsFor(actor.organisationId);
      const at = now();
      await db.transaction().execute(async (trx) => {
        await repo.saveSettings(trx, {
          organisation_id: actor.organisationId,
          lead_person_id: input.leadPersonId,
          deputy_person_id: input.deputyPersonId,
          acknowledge_within_days: input.acknowledgeWithinDays,
          out_of_hours: input.outOfHours,
          local_team: input.localTeam,
          updated_at: at.toISOString(),
        });
        await writeAudit(trx, {
          organisationId: actor.organisationId,
          actorPersonId: actor.personId,
          subjectType: 'safeguarding-settings',
          subjectId: actor.organisationId,
          action: 'changed',
          changes: (Object.keys(input) as Array<keyof SafeguardingSettings>)
            .filter((k) => before[k] !== input[k])
            .map((field) => ({ field, from: before[field], to: input[field] })),
          at,
        });
      });
      return 'saved';
    },

    /** Anyone, signed in or not. Returns the reference to quote. */
    async raise(input: NewConcern): Promise<{ id: string; reference: string }> {
      const s = await settingsFor(input.organisationId);
      const leads = await people.getMany(input.organisationId, await whoToTell(input.organisationId, s));
      const reporter = input.raisedByPersonId ? await people.getMany(input.organisationId, [input.raisedByPersonId]) : [];
      const at = now();
      const id = newId();
      const reference = await freshReference(input.organisationId);
      await db.transaction().execute(async (trx) => {
        await repo.insertConcern(trx, {
          id,
          organisation_id: input.organisationId,
          reference,
          raised_at: at.toISOString(),
          raised_by_person_id: input.raisedByPersonId,
          reporter_name: input.reporterName,
          reporter_contact: input.reporterContact,
          about_name: input.aboutName,
          what_happened: input.whatHappened,
          danger_now: input.dangerNow ? 1 : 0,
          acknowledge_by: acknowledgeBy(at.toISOString(), s.acknowledgeWithinDays),
        });
        await writeAudit(trx, {
          organisationId: input.organisationId,
          actorPersonId: input.raisedByPersonId,
          subjectType: 'safeguarding-concern',
          subjectId: id,
          action: 'raised',
          at,
        });
        await tell(input.organisationId, leads, id, 'waiting', { reference }, trx);
        // The person who raised it is told it arrived: by their own channel when signed in,
        // or at the address or number they gave.
        if (reporter.length) await tell(input.organisationId, reporter, id, 'received', { reference }, trx);
        else if (input.reporterContact) {
          const mobile = input.reporterContact.includes('@') ? null : normaliseMobile(input.reporterContact);
          const channel = input.reporterContact.includes('@') ? 'email' : mobile && config.sms ? 'text' : null;
          if (channel)
            await enqueue(
              trx,
              {
                organisationId: input.organisationId,
                aboutId: id,
                kind: 'safeguarding',
                channel,
                recipient: channel === 'email' ? input.reporterContact : mobile!,
                // Someone with no record here: the organisation's languages, never the page's alone (issue 24).
                compose: () => ({
                  subject: t('safeguarding:message.received.subject', { reference }),
                  bodyText: t(channel === 'email' ? 'safeguarding:message.received.full' : 'safeguarding:message.received.text', {
                    reference,
                    link: `${config.publicUrl}/safeguarding`,
                  }),
                }),
                dedupeKey: `safeguarding:received:${id}`,
              },
              at,
              delivery,
            );
        }
      });
      return { id, reference };
    },

    /** Whether this person is the lead or deputy: the only ones who see concerns. */
    async handles(user: RoleActor) {
      return mayHandle(await settingsFor(user.organisationId), user);
    },

    async list(user: RoleActor, open: boolean, page: Page) {
      await requireLead(user);
      const [items, total] = await Promise.all([
        repo.concernsPage(db, user.organisationId, open, page),
        repo.countConcerns(db, user.organisationId, open),
      ]);
      const at = now();
      return {
        total,
        items: items.map((c) => ({
          id: c.id,
          reference: c.reference,
          raisedAt: c.raised_at,
          acknowledgedAt: c.acknowledged_at,
          referredTo: c.referred_to,
          closedAt: c.closed_at,
          dangerNow: Number(c.danger_now) === 1,
          late: !c.acknowledged_at && isOverdue(c.acknowledge_by, at),
        })),
      };
    },

    /** One concern, for the lead or deputy only; each read is audited. */
    async read(user: RoleActor, id: string) {
      const s = await requireLead(user);
      const c = await repo.concern(db, user.organisationId, id);
      if (!c) throw new NotFound();
      await writeAudit(db, {
        organisationId: user.organisationId,
        actorPersonId: user.personId,
        subjectType: 'safeguarding-concern',
        subjectId: id,
        action: 'read',
        at: now(),
      });
      const names = await people.summaries(
        user.organisationId,
        [c.raised_by_person_id, c.acknowledged_by, c.closed_by].filter((x): x is string => Boolean(x)),
      );
      const nameOf = (pid: string | null) => (pid ? (names.find((n) => n.id === pid)?.name ?? null) : null);
      return {
        id: c.id,
        reference: c.reference,
        raisedAt: c.raised_at,
        raisedBy: nameOf(c.raised_by_person_id),
        reporterName: c.reporter_name,
        reporterContact: c.reporter_contact,
        aboutName: c.about_name,
        whatHappened: c.what_happened,
        dangerNow: Number(c.danger_now) === 1,
        acknowledgeBy: c.acknowledge_by,
        late: !c.acknowledged_at && isOverdue(c.acknowledge_by, now()),
        acknowledgedAt: c.acknowledged_at,
        acknowledgedBy: nameOf(c.acknowledged_by),
        referredAt: c.referred_at,
        referredTo: c.referred_to,
        referralNote: c.referral_note,
        closedAt: c.closed_at,
        closedBy: nameOf(c.closed_by),
        outcome: c.outcome,
        escalatedAt: c.escalated_at,
        localTeam: s.localTeam,
      };
    },

    async acknowledge(user: RoleActor, id: string): Promise<boolean> {
      await requireLead(user);
      return step(user, id, 'acknowledged', 'acknowledged_at', { acknowledged_at: now().toISOString(), acknowledged_by: user.personId });
    },

    async refer(user: RoleActor, id: string, to: ReferredTo, note: string | null): Promise<boolean> {
      await requireLead(user);
      const at = now().toISOString();
      // Referring is also picking it up, if nobody had.
      await repo.updateConcern(db, user.organisationId, id, { acknowledged_at: at, acknowledged_by: user.personId }, 'acknowledged_at');
      return step(user, id, 'referred', 'referred_at', { referred_at: at, referred_to: to, referral_note: note }, [
        { field: 'referred_to', to },
      ]);
    },

    async close(user: RoleActor, id: string, outcome: string): Promise<boolean> {
      await requireLead(user);
      const at = now().toISOString();
      await repo.updateConcern(db, user.organisationId, id, { acknowledged_at: at, acknowledged_by: user.personId }, 'acknowledged_at');
      return step(user, id, 'closed', 'closed_at', { closed_at: at, closed_by: user.personId, outcome });
    },

    /** For the To do page: concerns nobody has picked up, for the lead and deputy only. */
    async waitingFor(user: RoleActor): Promise<number> {
      const s = await settingsFor(user.organisationId);
      return mayHandle(s, user) ? repo.countUnacknowledged(db, user.organisationId) : 0;
    },

    /** Background task: tell the admins about concerns nobody acknowledged in time. */
    async escalateOverdue(limit = 50): Promise<number> {
      const at = now();
      const due = await repo.overdueUnescalated(db, at.toISOString(), limit);
      let escalated = 0;
      for (const c of due) {
        const admins = await people.getMany(
          c.organisation_id,
          (await staff.activeStaff(c.organisation_id)).filter((a) => a.role === 'admin').map((a) => a.personId),
        );
        await db.transaction().execute(async (trx) => {
          const marked = await trx
            .updateTable('safeguarding_concerns')
            .set({ escalated_at: at.toISOString() })
            .where('id', '=', c.id)
            .where('escalated_at', 'is', null)
            .where('acknowledged_at', 'is', null)
            .executeTakeFirst();
          if (Number(marked.numUpdatedRows) !== 1) return;
          await writeAudit(trx, {
            organisationId: c.organisation_id,
            actorPersonId: null,
            subjectType: 'safeguarding-concern',
            subjectId: c.id,
            action: 'escalated',
            at,
          });
          await tell(
            c.organisation_id,
            admins,
            c.id,
            'late',
            { reference: c.reference, since: formatDateTime(at), link: `${config.publicUrl}/organisation/safeguarding` },
            trx,
          );
          escalated++;
        });
      }
      return escalated;
    },
  };

  async function step(
    user: RoleActor,
    id: string,
    action: string,
    unless: 'acknowledged_at' | 'referred_at' | 'closed_at',
    change: Parameters<typeof repo.updateConcern>[3],
    changes: Array<{ field: string; to?: unknown }> = [],
  ): Promise<boolean> {
    if (!(await repo.concern(db, user.organisationId, id))) throw new NotFound();
    return db.transaction().execute(async (trx) => {
      const done = await repo.updateConcern(trx, user.organisationId, id, change, unless);
      if (done)
        await writeAudit(trx, {
          organisationId: user.organisationId,
          actorPersonId: user.personId,
          subjectType: 'safeguarding-concern',
          subjectId: id,
          action,
          changes,
          at: now(),
        });
      return done;
    });
  }
}

export type SafeguardingService = ReturnType<typeof makeSafeguardingService>;
