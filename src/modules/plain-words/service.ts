// P1, P2: the organisation's jargon list and the checker that uses it. Staff get advice on what
// they write for members; the advice never stops them saving.
import type { Db } from '../../db/connection.ts';
import type { RoleActor } from '../../platform/auth.ts';
import { Forbidden } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import type { Page } from '../../platform/pagination.ts';
import type { Clock } from '../../platform/time.ts';
import { adviseOn, type Advice, type JargonEntry } from './advice.ts';
import * as repo from './repository.ts';
import { starterJargon } from './starter-list.ts';

/** A list longer than this is no longer a list of jargon: it keeps each check quick. */
export const maxEntries = 500;
/** The checker reads this much of a text: more than any purpose, summary or charter part. */
export const maxCheckedLength = 10_000;

function mustBeAdmin(actor: RoleActor) {
  if (actor.role !== 'admin') throw new Forbidden();
}

export function makePlainWordsService({ db, now }: { db: Db; now: Clock }) {
  async function jargonFor(organisationId: string): Promise<JargonEntry[]> {
    const rows = await repo.allJargon(db, organisationId, maxEntries);
    if (rows.length) return rows;
    return (await repo.hasOwnList(db, organisationId)) ? [] : [...starterJargon];
  }

  /** Starts the organisation's own list from the starter list, in the same transaction as a change. */
  async function ownList(trx: Parameters<typeof repo.startList>[0], organisationId: string) {
    const at = now().toISOString();
    if (await repo.startList(trx, organisationId, at))
      await repo.insertJargon(
        trx,
        starterJargon.map((e) => ({ id: newId(), organisationId, word: e.word, plain: e.plain, at })),
      );
  }

  return {
    jargonFor,

    /** Advice on each named text; one read of the list for all of them. */
    async advise(organisationId: string, texts: Record<string, string>): Promise<Record<string, Advice>> {
      const jargon = await jargonFor(organisationId);
      return Object.fromEntries(Object.entries(texts).map(([name, text]) => [name, adviseOn(text.slice(0, maxCheckedLength), jargon)]));
    },

    async list(actor: RoleActor, page: Page) {
      mustBeAdmin(actor);
      const own = await repo.jargonPage(db, actor.organisationId, page);
      if (own.total || (await repo.hasOwnList(db, actor.organisationId))) return { ...own, starter: false };
      const sorted = [...starterJargon].sort((a, b) => a.word.localeCompare(b.word));
      return { rows: sorted.slice(page.offset, page.offset + page.limit), total: sorted.length, starter: true };
    },

    async add(actor: RoleActor, entry: JargonEntry): Promise<'added' | 'taken' | 'full'> {
      mustBeAdmin(actor);
      return db.transaction().execute(async (trx) => {
        await ownList(trx, actor.organisationId);
        if (await repo.findWord(trx, actor.organisationId, entry.word.toLowerCase())) return 'taken';
        if ((await repo.countJargon(trx, actor.organisationId)) >= maxEntries) return 'full';
        await repo.insertJargon(trx, [{ id: newId(), organisationId: actor.organisationId, ...entry, at: now().toISOString() }]);
        return 'added';
      });
    },

    /** Takes a word off the list; false when it was not on it. */
    async remove(actor: RoleActor, word: string): Promise<boolean> {
      mustBeAdmin(actor);
      return db.transaction().execute(async (trx) => {
        await ownList(trx, actor.organisationId);
        const found = await repo.findWord(trx, actor.organisationId, word.toLowerCase());
        return found ? repo.deleteJargon(trx, actor.organisationId, found.id) : false;
      });
    },
  };
}

export type PlainWordsService = ReturnType<typeof makePlainWordsService>;
