import type { Db } from '../../db/connection.ts';
import { diffFields, writeAudit } from '../../platform/audit.ts';
import type { Clock } from '../../platform/time.ts';
import type { Executor } from '../../db/connection.ts';
import { formatNeeds, physicalNeeds, supportNeeds, type FormatNeed, type PhysicalNeed, type SupportNeed } from './vocabulary.ts';
import { mayOpenPersonalRecord, type RoleActor } from '../../platform/auth.ts';
import { Forbidden } from '../../platform/errors.ts';
import { readJson, storedStrings } from '../../platform/json-column.ts';
import { forgetReview, markReviewed } from './access-review.ts';

export type AccessNeeds = {
  formats: FormatNeed[];
  interpreterLanguage: string | null;
  physical: PhysicalNeed[];
  support: SupportNeed[];
  dietary: string | null;
  other: string | null;
};

export type StoredAccessNeeds = AccessNeeds & { consentRecordedAt: string; consentRecordedByName: string | null; updatedAt: string };

const pick = <T extends string>(known: readonly T[], text: string): T[] =>
  readJson(storedStrings, text, 'access_needs').filter((v): v is T => (known as readonly string[]).includes(v));

export const noAccessNeeds = (): AccessNeeds => ({
  formats: [],
  interpreterLanguage: null,
  physical: [],
  support: [],
  dietary: null,
  other: null,
});

/**
 * Access needs are health-like personal data. They are kept only with the person's
 * consent, every read by someone else is logged, and the log holds field names, never values.
 */
export function makeAccessNeedsService({ db, now }: { db: Db; now: Clock }) {
  const needsQuery = (executor: Executor, organisationId: string) =>
    executor
      .selectFrom('access_needs as n')
      .leftJoin('people as p', (j) => j.onRef('p.id', '=', 'n.consent_recorded_by').onRef('p.organisation_id', '=', 'n.organisation_id'))
      .selectAll('n')
      .select('p.full_name as recorderName')
      .where('n.organisation_id', '=', organisationId);
  type NeedsRow = Awaited<ReturnType<ReturnType<typeof needsQuery>['executeTakeFirst']>>;
  const toStored = (row: NeedsRow): StoredAccessNeeds | null =>
    !row || row.consent_given !== 1
      ? null
      : {
          formats: pick(formatNeeds, row.formats),
          interpreterLanguage: row.interpreter_language,
          physical: pick(physicalNeeds, row.physical),
          support: pick(supportNeeds, row.support),
          dietary: row.dietary,
          other: row.other,
          consentRecordedAt: row.consent_recorded_at,
          consentRecordedByName: row.recorderName,
          updatedAt: row.updated_at,
        };

  async function read(organisationId: string, personId: string, executor: Executor = db): Promise<StoredAccessNeeds | null> {
    return toStored(await needsQuery(executor, organisationId).where('n.person_id', '=', personId).executeTakeFirst());
  }

  /** Needs of several people at once, for planning a meeting; people without consent are left out. */
  async function readMany(organisationId: string, personIds: readonly string[]): Promise<Map<string, StoredAccessNeeds>> {
    if (personIds.length === 0) return new Map();
    const rows = await needsQuery(db, organisationId).where('n.person_id', 'in', personIds).execute();
    return new Map(
      rows.flatMap((r) => {
        const stored = toStored(r);
        return stored ? [[r.person_id, stored] as const] : [];
      }),
    );
  }

  return {
    /**
     * Reads a person's needs, for staff or the person only; a read by anyone but the person
     * is written to the audit log.
     */
    async view(actor: RoleActor, personId: string): Promise<StoredAccessNeeds | null> {
      if (!mayOpenPersonalRecord(actor, personId)) throw new Forbidden();
      const needs = await read(actor.organisationId, personId);
      if (actor.personId !== personId) {
        await writeAudit(db, {
          organisationId: actor.organisationId,
          actorPersonId: actor.personId,
          subjectType: 'access-needs',
          subjectId: personId,
          action: 'viewed',
          at: now(),
        });
      }
      return needs;
    },

    /** For other modules (meetings later) that must plan around needs; not logged as a view by a person. */
    read: (organisationId: string, personId: string) => read(organisationId, personId),
    readMany,

    /** Saves needs with consent, or, when consent is withdrawn, deletes them. */
    async save(actor: RoleActor, personId: string, consent: boolean, needs: AccessNeeds, onBehalfOf: string | null = null): Promise<void> {
      if (!mayOpenPersonalRecord(actor, personId)) throw new Forbidden();
      const at = now().toISOString();
      await db.transaction().execute(async (trx) => {
        const before = await read(actor.organisationId, personId, trx);
        await trx
          .deleteFrom('access_needs')
          .where('organisation_id', '=', actor.organisationId)
          .where('person_id', '=', personId)
          .execute();
        if (consent) {
          await trx
            .insertInto('access_needs')
            .values({
              organisation_id: actor.organisationId,
              person_id: personId,
              consent_given: 1,
              consent_recorded_at: before?.consentRecordedAt ?? at,
              consent_recorded_by: actor.personId,
              formats: JSON.stringify(needs.formats),
              interpreter_language: needs.formats.includes('interpreter') ? needs.interpreterLanguage : null,
              physical: JSON.stringify(needs.physical),
              support: JSON.stringify(needs.support),
              dietary: needs.dietary,
              other: needs.other,
              updated_at: at,
            })
            .execute();
        }
        // AIS review: recording or changing needs starts their year again; withdrawing consent ends it.
        if (consent) await markReviewed(trx, actor.organisationId, personId, actor.personId, now());
        else await forgetReview(trx, actor.organisationId, personId);
        const changes = consent
          ? diffFields({ ...(before ?? noAccessNeeds()) } as Record<string, unknown>, { ...needs }, { hideValues: true })
          : [];
        await writeAudit(trx, {
          organisationId: actor.organisationId,
          actorPersonId: actor.personId,
          onBehalfOfPersonId: onBehalfOf,
          subjectType: 'access-needs',
          subjectId: personId,
          action: consent ? (before ? 'changed' : 'consent-given') : before ? 'consent-withdrawn' : 'no-consent',
          changes,
          at: now(),
        });
      });
    },
  };
}

export type AccessNeedsService = ReturnType<typeof makeAccessNeedsService>;
