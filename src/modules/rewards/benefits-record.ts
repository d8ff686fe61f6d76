import type { Db, Executor } from '../../db/connection.ts';
import { diffFields, writeAudit } from '../../platform/audit.ts';
import type { Clock } from '../../platform/time.ts';
import type { Benefits } from './benefits.ts';
import * as repo from './repository.ts';
import type { Actor } from '../../platform/auth.ts';

export type StoredBenefits = Benefits & { consentRecordedAt: string; consentRecordedByName: string | null; updatedAt: string };

export const noBenefits = (): Benefits => ({ universalCredit: null, esaPermittedWork: false, other: null });

/**
 * Which benefits a person gets is sensitive, like access needs: it is kept only with their
 * consent, "no" deletes it, and each look by someone else is logged with field names only.
 */
export function makeBenefitsRecordService({ db, now }: { db: Db; now: Clock }) {
  async function read(organisationId: string, personId: string, executor: Executor = db): Promise<StoredBenefits | null> {
    const row = await repo.findBenefitsRecord(executor, organisationId, personId);
    if (!row || row.consent_given !== 1) return null;
    return {
      universalCredit:
        row.universal_credit === 1 && row.assessment_start_day !== null ? { assessmentStartDay: row.assessment_start_day } : null,
      esaPermittedWork: row.esa_permitted_work === 1,
      other: row.other,
      consentRecordedAt: row.consent_recorded_at,
      consentRecordedByName: row.recorderName,
      updatedAt: row.updated_at,
    };
  }

  /** Flat names for the audit log, so it can say which parts changed and never what they say. */
  const auditShape = (b: Benefits) => ({
    universalCredit: b.universalCredit !== null,
    assessmentStartDay: b.universalCredit?.assessmentStartDay ?? null,
    esaPermittedWork: b.esaPermittedWork,
    other: b.other,
  });

  return {
    /** Reads a person's benefits; a read by anyone but the person is written to the audit log. */
    async view(actor: Actor, personId: string): Promise<StoredBenefits | null> {
      const benefits = await read(actor.organisationId, personId);
      if (actor.personId !== personId) {
        await writeAudit(db, {
          organisationId: actor.organisationId,
          actorPersonId: actor.personId,
          subjectType: 'benefits',
          subjectId: personId,
          action: 'viewed',
          at: now(),
        });
      }
      return benefits;
    },

    /** For planning a payment; not logged as a person looking, like the meeting access check. */
    read: (organisationId: string, personId: string) => read(organisationId, personId),

    /** Saves with consent, or, when consent is not given or is withdrawn, deletes everything. */
    async save(actor: Actor, personId: string, consent: boolean, benefits: Benefits, onBehalfOf: string | null = null): Promise<void> {
      const at = now().toISOString();
      await db.transaction().execute(async (trx) => {
        const before = await read(actor.organisationId, personId, trx);
        await repo.deleteBenefitsRecord(trx, actor.organisationId, personId);
        if (consent) {
          await repo.insertBenefitsRecord(trx, {
            organisation_id: actor.organisationId,
            person_id: personId,
            consent_given: 1,
            consent_recorded_at: before?.consentRecordedAt ?? at,
            consent_recorded_by: actor.personId,
            universal_credit: benefits.universalCredit ? 1 : 0,
            assessment_start_day: benefits.universalCredit?.assessmentStartDay ?? null,
            esa_permitted_work: benefits.esaPermittedWork ? 1 : 0,
            other: benefits.other,
            updated_at: at,
          });
        }
        const changes = consent ? diffFields(auditShape(before ?? noBenefits()), auditShape(benefits), { hideValues: true }) : [];
        await writeAudit(trx, {
          organisationId: actor.organisationId,
          actorPersonId: actor.personId,
          onBehalfOfPersonId: onBehalfOf,
          subjectType: 'benefits',
          subjectId: personId,
          action: consent ? (before ? 'changed' : 'consent-given') : before ? 'consent-withdrawn' : 'no-consent',
          changes,
          at: now(),
        });
      });
    },
  };
}

export type BenefitsRecordService = ReturnType<typeof makeBenefitsRecordService>;
