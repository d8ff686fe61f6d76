import { Readable } from 'node:stream';
import type { Db } from '../../db/connection.ts';
import { writeAudit } from '../../platform/audit.ts';
import type { CurrentUser } from '../../platform/auth.ts';
import { Conflict, Forbidden, NotFound } from '../../platform/errors.ts';
import type { FileStore } from '../../platform/files.ts';
import type { Translate } from '../../platform/i18n.ts';
import { londonToday, type Clock } from '../../platform/time.ts';
import { copySummary, jsonCopy, pdfCopy, type CopySection } from './copy.ts';
import { makeErasure, type ErasureResult } from './erasure.ts';
import { personLinks, type KeptBecause } from './person-data-map.ts';
import { countLinks, personKeys, type PersonKeys } from './person-rows.ts';
import { makeDataRequests } from './requests.ts';
import { makeRetention } from './retention.ts';
import { spreadsheetCopy } from './spreadsheet-copy.ts';

// People's rights over their data (issue 18): a copy of everything held about them, requests
// tracked against their deadline, erasure on request and records kept no longer than needed.
// A person may take their own copy; an admin may take it for them (audited), record their
// requests and erase them. No other role sees these pages.

/** The files a copy comes as: JSON for machines, a PDF to read, a spreadsheet with every record. */
export const copyKinds = ['json', 'pdf', 'xlsx'] as const;
export type CopyKind = (typeof copyKinds)[number];

type Deps = { db: Db; now: Clock; t: Translate; files: FileStore; organisationName: (organisationId: string) => Promise<string> };

export type ErasurePlan = {
  deleted: Array<{ table: string; count: number }>;
  emptied: Array<{ table: string; count: number; because: KeptBecause }>;
  kept: Array<{ table: string; count: number; because: KeptBecause }>;
};

export function makeDataRightsService({ db, now, t, files, organisationName }: Deps) {
  const requests = makeDataRequests({ db, now });
  const retention = makeRetention({ db, now, files });
  const erasure = makeErasure({ db, now, files });

  /** Their own record, or any record for an admin, in the user's organisation only. */
  async function open(user: CurrentUser, personId: string): Promise<{ keys: PersonKeys; name: string; erasedOn: string | null }> {
    if (user.personId !== personId && user.role !== 'admin') throw new Forbidden();
    const keys = await personKeys(db, user.organisationId, personId);
    if (!keys) throw new NotFound();
    const [person, erased] = await Promise.all([
      db
        .selectFrom('people')
        .select('full_name')
        .where('organisation_id', '=', user.organisationId)
        .where('id', '=', personId)
        .executeTakeFirstOrThrow(),
      db
        .selectFrom('data_erasures')
        .select('erased_at')
        .where('organisation_id', '=', user.organisationId)
        .where('person_id', '=', personId)
        .executeTakeFirst(),
    ]);
    return { keys, name: person.full_name, erasedOn: erased ? londonToday(new Date(erased.erased_at)) : null };
  }

  /** A copy taken by staff is recorded against the person, as every read of their record is. */
  const auditCopy = (user: CurrentUser, personId: string, format: CopyKind) =>
    writeAudit(db, {
      organisationId: user.organisationId,
      actorPersonId: user.personId,
      subjectType: 'person',
      subjectId: personId,
      action: user.personId === personId ? 'own-data-copied' : 'data-copied',
      changes: [{ field: 'format', to: format }],
      at: now(),
    });

  return {
    requests,
    retention,

    /** The page before the downloads: what is held, part by part, with how many records. */
    async copyPage(
      user: CurrentUser,
      personId: string,
    ): Promise<{ personId: string; name: string; self: boolean; sections: CopySection[]; recorded: CopySection[] }> {
      const { keys, name } = await open(user, personId);
      const summary = await copySummary(db, keys);
      return {
        personId,
        name,
        self: user.personId === personId,
        sections: summary.sections.filter((s) => s.count > 0),
        recorded: summary.recorded,
      };
    },

    /** A download of their copy: each one staff take is written in the person's history. */
    async copyFile(user: CurrentUser, personId: string, kind: CopyKind): Promise<{ fileName: string; body: Readable }> {
      const { keys, name } = await open(user, personId);
      await auditCopy(user, personId, kind);
      const generatedAt = now();
      const meta = { organisation: await organisationName(user.organisationId), generatedAt, personName: name };
      const body =
        kind === 'json'
          ? Readable.from(jsonCopy(db, keys, meta))
          : kind === 'pdf'
            ? pdfCopy(db, keys, meta, t)
            : spreadsheetCopy(db, keys, meta, t);
      return { fileName: `our-data-about-you-${londonToday(generatedAt)}.${kind}`, body };
    },

    /** What an erasure would delete, empty and keep (and why), counted before anything changes. */
    async erasurePlan(user: CurrentUser, personId: string): Promise<{ name: string; erasedOn: string | null; plan: ErasurePlan }> {
      if (user.role !== 'admin') throw new Forbidden();
      const { keys, name, erasedOn } = await open(user, personId);
      const links = personLinks.filter((l) => !(l.erase.kind === 'keep' && l.erase.because === 'recorded-by'));
      const counts = (await countLinks(db, links, keys)).map((count, i) => ({ link: links[i]!, count }));
      // A table reached through two columns (messages by person and by address) is shown once,
      // with the larger count: the same rows are often found both ways.
      const plan: ErasurePlan = { deleted: [], emptied: [], kept: [] };
      const add = <T extends { table: string; count: number }>(list: T[], item: T) => {
        const same = list.find((x) => x.table === item.table);
        if (same) same.count = Math.max(same.count, item.count);
        else list.push(item);
      };
      for (const { link, count } of counts) {
        if (count === 0) continue;
        if (link.erase.kind === 'delete') add(plan.deleted, { table: link.table, count });
        else if (link.erase.kind === 'scrub') add(plan.emptied, { table: link.table, count, because: link.erase.because });
        else add(plan.kept, { table: link.table, count, because: link.erase.because });
      }
      return { name, erasedOn, plan };
    },

    async erase(user: CurrentUser, personId: string, requestId: string | null): Promise<ErasureResult> {
      if (user.role !== 'admin') throw new Forbidden();
      if (user.personId === personId) throw new Conflict('data-rights:erase.notYourself');
      const { erasedOn } = await open(user, personId);
      if (erasedOn) throw new Conflict('data-rights:erase.already');
      if (requestId) {
        const request = await requests.get(user.organisationId, requestId);
        if (!request || request.personId !== personId) throw new NotFound();
      }
      const result = await erasure.erase(
        user,
        personId,
        { person: t('data-rights:removedPerson'), value: t('data-rights:removedValue') },
        requestId,
      );
      if (!result) throw new NotFound();
      if (requestId) await requests.close(user, requestId, 'done');
      return result;
    },
  };
}

export type DataRightsService = ReturnType<typeof makeDataRightsService>;
