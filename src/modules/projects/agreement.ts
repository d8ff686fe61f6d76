import type { Db } from '../../db/connection.ts';
import { auditWriter, diffFields } from '../../platform/audit.ts';
import { NotFound } from '../../platform/errors.ts';
import type { Clock } from '../../platform/time.ts';
import type { Member } from './service.ts';
import type { Actor } from '../../platform/auth.ts';
import * as repo from './agreement-repository.ts';

export type AgreementText = { meaning: string; principles: string; benefits: string; outcomes: string };
export type Agreement = AgreementText & { version: number; updatedAt: string; updatedByName: string | null };
export type AgreementStatus = Member & { agreedVersion: number | null; agreedAt: string | null; recordedByName: string | null };

/**
 * The project agreement, written by the members together. Each change makes a new
 * version, and agreeing is to one version: after a change, people are asked again.
 */
export function makeAgreementService({ db, now }: { db: Db; now: Clock }) {
  const audit = auditWriter(db, now, 'agreement');

  async function current(organisationId: string, projectId: string): Promise<Agreement | null> {
    const row = await repo.agreementWithEditor(db, organisationId, projectId);
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
        const before = await repo.agreementRow(trx, actor.organisationId, projectId);
        const changes = diffFields((before ?? {}) as Record<string, unknown>, { ...text });
        if (before && changes.length === 0) return before.version;
        const version = (before?.version ?? 0) + 1;
        const values = { ...text, version, updated_at: now().toISOString(), updated_by: actor.personId };
        if (before) await repo.updateAgreement(trx, actor.organisationId, projectId, values);
        else await repo.insertAgreement(trx, { ...values, organisation_id: actor.organisationId, project_id: projectId });
        await audit(actor, projectId, `version-${version}`, changes, null, trx);
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
        await repo.replaceSignature(trx, {
          organisation_id: actor.organisationId,
          project_id: projectId,
          person_id: personId,
          version,
          agreed_at: now().toISOString(),
          recorded_by: onBehalf ? actor.personId : null,
        });
        await audit(actor, projectId, 'agreed', [{ field: 'version', to: version }], onBehalf ? personId : null, trx);
      });
    },

    /** Each member with the latest version they agreed to, if any. */
    async statusFor(organisationId: string, projectId: string, members: Member[]): Promise<AgreementStatus[]> {
      const rows = await repo.signatures(db, organisationId, projectId);
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
