import type { Db } from '../../db/connection.ts';
import { diffFields, writeAudit } from '../../platform/audit.ts';
import { NotFound } from '../../platform/errors.ts';
import type { Clock } from '../../platform/time.ts';
import type { Member } from './service.ts';
import type { Actor } from '../../platform/auth.ts';

export type AgreementText = { meaning: string; principles: string; benefits: string; outcomes: string };
export type Agreement = AgreementText & { version: number; updatedAt: string; updatedByName: string | null };
export type AgreementStatus = Member & { agreedVersion: number | null; agreedAt: string | null; recordedByName: string | null };

/**
 * The project agreement, written by the members together. Each change makes a new
 * version, and agreeing is to one version: after a change, people are asked again.
 */
export function makeAgreementService({ db, now }: { db: Db; now: Clock }) {
  async function current(organisationId: string, projectId: string): Promise<Agreement | null> {
    const row = await db
      .selectFrom('project_agreements as a')
      .leftJoin('people as p', (j) => j.onRef('p.id', '=', 'a.updated_by').onRef('p.organisation_id', '=', 'a.organisation_id'))
      .selectAll('a')
      .select('p.full_name as updatedByName')
      .where('a.organisation_id', '=', organisationId)
      .where('a.project_id', '=', projectId)
      .executeTakeFirst();
    if (!row) return null;
    return {
      version: row.version,
      meaning: row.meaning,
      principles: row.principles,
      benefits: row.benefits,
      outcomes: row.outcomes,
      updatedAt: row.updated_at,
      updatedByName: row.updatedByName,
    };
  }

  return {
    current,

    async save(actor: Actor, projectId: string, text: AgreementText): Promise<number> {
      return db.transaction().execute(async (trx) => {
        const before = await trx
          .selectFrom('project_agreements')
          .selectAll()
          .where('organisation_id', '=', actor.organisationId)
          .where('project_id', '=', projectId)
          .executeTakeFirst();
        const changes = diffFields((before ?? {}) as Record<string, unknown>, { ...text });
        if (before && changes.length === 0) return before.version;
        const version = (before?.version ?? 0) + 1;
        const values = { ...text, version, updated_at: now().toISOString(), updated_by: actor.personId };
        if (before) {
          await trx
            .updateTable('project_agreements')
            .set(values)
            .where('organisation_id', '=', actor.organisationId)
            .where('project_id', '=', projectId)
            .execute();
        } else {
          await trx
            .insertInto('project_agreements')
            .values({ ...values, organisation_id: actor.organisationId, project_id: projectId })
            .execute();
        }
        await writeAudit(trx, {
          organisationId: actor.organisationId,
          actorPersonId: actor.personId,
          subjectType: 'agreement',
          subjectId: projectId,
          action: `version-${version}`,
          changes,
          at: now(),
        });
        return version;
      });
    },

    /**
     * Records that a member agrees to the current version. recordedBy is set when staff
     * record it for someone (after a meeting, say, or a phone call).
     */
    async agree(actor: Actor, projectId: string, personId: string, version: number): Promise<void> {
      const agreement = await current(actor.organisationId, projectId);
      // Agreeing to a version someone has since changed would agree to words not seen.
      if (!agreement || agreement.version !== version) throw new NotFound();
      const onBehalf = actor.personId !== personId;
      await db.transaction().execute(async (trx) => {
        await trx
          .deleteFrom('agreement_signatures')
          .where('organisation_id', '=', actor.organisationId)
          .where('project_id', '=', projectId)
          .where('person_id', '=', personId)
          .where('version', '=', version)
          .execute();
        await trx
          .insertInto('agreement_signatures')
          .values({
            organisation_id: actor.organisationId,
            project_id: projectId,
            person_id: personId,
            version,
            agreed_at: now().toISOString(),
            recorded_by: onBehalf ? actor.personId : null,
          })
          .execute();
        await writeAudit(trx, {
          organisationId: actor.organisationId,
          actorPersonId: actor.personId,
          onBehalfOfPersonId: onBehalf ? personId : null,
          subjectType: 'agreement',
          subjectId: projectId,
          action: 'agreed',
          changes: [{ field: 'version', to: version }],
          at: now(),
        });
      });
    },

    /** Each member with the latest version they agreed to, if any. */
    async statusFor(organisationId: string, projectId: string, members: Member[]): Promise<AgreementStatus[]> {
      const rows = await db
        .selectFrom('agreement_signatures as s')
        .leftJoin('people as r', (j) => j.onRef('r.id', '=', 's.recorded_by').onRef('r.organisation_id', '=', 's.organisation_id'))
        .select(['s.person_id', 's.version', 's.agreed_at', 'r.full_name as recordedByName'])
        .where('s.organisation_id', '=', organisationId)
        .where('s.project_id', '=', projectId)
        .orderBy('s.version', 'desc')
        .execute();
      const latest = new Map<string, (typeof rows)[number]>();
      for (const r of rows) if (!latest.has(r.person_id)) latest.set(r.person_id, r);
      return members.map((m) => {
        const s = latest.get(m.personId);
        return { ...m, agreedVersion: s?.version ?? null, agreedAt: s?.agreed_at ?? null, recordedByName: s?.recordedByName ?? null };
      });
    },

    async requireExists(organisationId: string, projectId: string): Promise<Agreement> {
      const a = await current(organisationId, projectId);
      if (!a) throw new NotFound();
      return a;
    },
  };
}

export type AgreementService = ReturnType<typeof makeAgreementService>;
