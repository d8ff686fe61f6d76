// P6 and P7: commissioning with people who draw on care. The organisation's commissioning
// policy (written with members, each version kept) says which recommendations providers must
// show and how bids and contracts are checked; each round starts from it. A round's panel
// declares interests before seeing bids, scores each bid alone, then agrees scores together
// with every change recorded, and the result is published to members in the decision log.
import { z } from 'zod';
import type { Db } from '../../db/connection.ts';
import type { RoundKind, RoundStage } from '../../db/schema/commissioning.ts';
import { readsLog, readsOfPeople, writeAudit, type AuditChange } from '../../platform/audit.ts';
import { isStaff, type RoleActor } from '../../platform/auth.ts';
import { Conflict, Forbidden, NotFound } from '../../platform/errors.ts';
import type { CheckedFile } from '../../platform/file-kinds.ts';
import { StoredFileMissing, type FileStore } from '../../platform/files.ts';
import type { Translate } from '../../platform/i18n.ts';
import { newId } from '../../platform/ids.ts';
import { readJson, storedStrings } from '../../platform/json-column.ts';
import type { Page } from '../../platform/pagination.ts';
import type { FileDownload } from '../../platform/serve-file.ts';
import { londonToday, type Clock } from '../../platform/time.ts';
import type { CommunityGroupService } from '../community-groups/service.ts';
import { countScores } from '../decisions/counting/scoring.ts';
import type { DecisionLogService } from '../decision-log/service.ts';
import { cleanCodes, type RecommendationCode } from '../learning/recommendations.ts';
import type { PeopleService } from '../people/service.ts';
import type { ProjectService } from '../projects/service.ts';
import { easyReadGaps, summaryFor, usualFormat, type ReadingFormats } from './bid-formats.ts';
import { panelMakeUp } from './panel-make-up.ts';
import * as repo from './repository.ts';
import {
  bidsFor,
  mayAgree,
  mayChangePanel,
  mayChangeSetUp,
  mayDeclare,
  mayScoreAlone,
  maySeeOthersScores,
  scoringFlow,
} from './scoring-flow.ts';
import { scale } from './vocabulary.ts';
import type { PanelLinks } from './panel-links.ts';
import { recordedHow } from './link-repository.ts';
import type { PanelHow } from '../../db/schema/commissioning.ts';

/** How a panel member's part came when they did not sign in: by their link, or told to staff who wrote it down. */
export type PanelBy = { how: PanelHow; recordedBy: string | null };

export type PolicyInput = {
  codes: RecommendationCode[];
  criteria: Array<{ name: string; weight: number }>;
  bidChecks: string;
  contractChecks: string;
  writtenWith: string;
};
export type RoundInput = {
  title: string;
  kind: RoundKind;
  purpose: string;
  bidsCloseOn: string;
  panelMeetsOn: string;
  decisionBy: string;
  /** The earlier round of the same service, when this one buys it again. */
  followsRoundId?: string | null;
};

const storedCriteria = z.array(z.object({ name: z.string(), weight: z.number().int() }));

function mustBeStaff(actor: RoleActor) {
  if (!isStaff(actor)) throw new Forbidden();
}

/** Whose format staff were shown: it can come from their access needs, so each look is in the history. */
const formatsShown = (formats: ReadonlyMap<string, { easyRead: boolean; largePrint: boolean }>) =>
  [...formats].filter(([, f]) => f.easyRead || f.largePrint).map(([id]) => id);

export function makeCommissioningService({
  db,
  now,
  t,
  people,
  projects,
  files,
  decisionLog,
  communityGroups,
  panelLinks,
  readingFormats = async () => new Map(),
}: {
  db: Db;
  now: Clock;
  t: Translate;
  people: PeopleService;
  projects: ProjectService;
  files: FileStore;
  decisionLog: DecisionLogService;
  communityGroups: CommunityGroupService;
  panelLinks: PanelLinks;
  /** How each panel member reads (easy read, large print), so each is shown a bid's summary in their format. */
  readingFormats?: ReadingFormats;
}) {
  const reads = readsLog({ db, now });
  const audit = (
    actor: RoleActor,
    subjectId: string,
    action: string,
    changes: AuditChange[] = [],
    executor: Db | Parameters<typeof writeAudit>[0] = db,
  ) =>
    writeAudit(executor, {
      organisationId: actor.organisationId,
      actorPersonId: actor.personId,
      subjectType: 'commissioning',
      subjectId,
      action,
      changes,
      at: now(),
    });

  const policyOf = (row: NonNullable<Awaited<ReturnType<typeof repo.latestPolicy>>>) => ({
    version: row.version,
    codes: cleanCodes(readJson(storedStrings, row.codes, 'commissioning_policies.codes')),
    criteria: readJson(storedCriteria, row.criteria, 'commissioning_policies.criteria'),
    bidChecks: row.bid_checks,
    contractChecks: row.contract_checks,
    writtenWith: row.written_with,
    createdAt: row.created_at,
  });

  /** The round, if this person may see it: staff, its panel, or anyone once it is published. */
  async function loadRound(actor: RoleActor, roundId: string) {
    const [row, panel] = await Promise.all([repo.round(db, actor.organisationId, roundId), repo.panel(db, actor.organisationId, roundId)]);
    if (!row) throw new NotFound();
    const me = panel.find((p) => p.person_id === actor.personId) ?? null;
    if (!isStaff(actor) && !me && row.stage !== 'published') throw new NotFound();
    return { row, panel, me };
  }

  async function stateOf(actor: RoleActor, roundId: string) {
    const org = actor.organisationId;
    // Asked together, before loadRound's check: on PostgreSQL each wait is a round trip, and
    // a refused reader is shown none of it.
    const [{ row, panel, me }, criteria, bids, conflicts, scores, agreed] = await Promise.all([
      loadRound(actor, roundId),
      repo.criteria(db, org, roundId),
      repo.bids(db, org, roundId),
      repo.conflicts(db, org, roundId),
      repo.scores(db, org, roundId),
      repo.agreed(db, org, roundId),
    ]);
    const people_ = await people.summaries(
      org,
      panel.map((p) => p.person_id),
    );
    const conflictedBy = new Map<string, string[]>();
    for (const c of conflicts) conflictedBy.set(c.bid_id, [...(conflictedBy.get(c.bid_id) ?? []), c.person_id]);
    const flowBids = bids.map((b) => ({ id: b.id, conflicted: conflictedBy.get(b.id) ?? [] }));
    const scored = new Map<string, Map<string, number>>();
    for (const s of scores) {
      const byBid = scored.get(s.person_id) ?? new Map<string, number>();
      byBid.set(s.bid_id, (byBid.get(s.bid_id) ?? 0) + 1);
      scored.set(s.person_id, byBid);
    }
    const agreedCount = new Map<string, number>();
    for (const a of agreed) agreedCount.set(a.bid_id, (agreedCount.get(a.bid_id) ?? 0) + 1);
    const flowInput = {
      stage: row.stage,
      criteria: criteria.length,
      bids: flowBids,
      panel: panel.map((p) => ({ personId: p.person_id, declared: p.declared_at !== null, agreed: p.agreed_at !== null })),
      scored,
      agreed: agreedCount,
      hasSummary: Boolean(row.summary?.trim()),
    };
    return { row, panel, me, criteria, bids, conflicts, scores, agreed, people: people_, flowInput, flow: scoringFlow(flowInput) };
  }

  /** The panel's figures, by the weighted-scoring rule proposals use: a mean of scores given alone, the agreed score where there is one. */
  function results(state: Awaited<ReturnType<typeof stateOf>>) {
    const sheets = new Map<string, Record<string, Record<string, number>>>();
    for (const s of state.scores) {
      const sheet = sheets.get(s.person_id) ?? {};
      (sheet[s.bid_id] ??= {})[s.criterion_id] = s.score;
      sheets.set(s.person_id, sheet);
    }
    const agreed: Record<string, Record<string, number>> = {};
    for (const a of state.agreed) (agreed[a.bid_id] ??= {})[a.criterion_id] = a.score;
    if (!state.criteria.length || !state.bids.length) return null;
    return countScores(
      state.bids.map((b) => b.id),
      [...sheets].map(([voterId, scores]) => ({ voterId, scores })),
      { criteria: state.criteria.map((c) => ({ id: c.id, weight: c.weight })), scale, agreed },
    );
  }

  /** Issues and sends panel links in one transaction; people and contact are read first (SQLite has one connection). */
  async function sendLinks(actor: RoleActor, row: { id: string; title: string; panel_meets_on: string }, personIds: readonly string[]) {
    if (!personIds.length) return { sent: 0, unreachable: [] as string[] };
    const [list, contact] = await Promise.all([people.getMany(actor.organisationId, personIds), panelLinks.contact(actor.organisationId)]);
    const round = { id: row.id, title: row.title, panelMeetsOn: row.panel_meets_on };
    return db.transaction().execute((trx) => panelLinks.send(trx, actor, round, list, contact));
  }

  function mustBeOnPanel(state: { me: unknown }): asserts state is { me: NonNullable<unknown> } {
    if (!state.me) throw new Forbidden();
  }

  return {
    today: () => londonToday(now()),

    // The policy -------------------------------------------------------------------------

    async policy(actor: RoleActor, version: number | null, page: Page) {
      const row = version ? await repo.policyVersion(db, actor.organisationId, version) : await repo.latestPolicy(db, actor.organisationId);
      if (version && !row) throw new NotFound();
      const versions = await repo.policyVersions(db, actor.organisationId, page);
      return { policy: row ? policyOf(row) : null, versions };
    },

    async currentPolicy(organisationId: string) {
      const row = await repo.latestPolicy(db, organisationId);
      return row ? policyOf(row) : null;
    },

    /** A new version; `also` runs in the same transaction (a published draft is marked with its version). */
    async savePolicy(
      actor: RoleActor,
      input: PolicyInput,
      also?: (trx: Parameters<typeof repo.insertPolicy>[0], version: number) => Promise<void>,
    ): Promise<number> {
      mustBeStaff(actor);
      return db.transaction().execute(async (trx) => {
        const latest = await repo.latestPolicy(trx, actor.organisationId);
        const version = (latest?.version ?? 0) + 1;
        await repo.insertPolicy(trx, {
          id: newId(),
          organisation_id: actor.organisationId,
          version,
          codes: JSON.stringify(input.codes),
          criteria: JSON.stringify(input.criteria),
          bid_checks: input.bidChecks,
          contract_checks: input.contractChecks,
          written_with: input.writtenWith,
          created_by: actor.personId,
          created_at: now().toISOString(),
        });
        await audit(actor, actor.organisationId, 'policy-version-added', [{ field: 'version', to: version }], trx);
        await also?.(trx, version);
        return version;
      });
    },

    // Rounds -----------------------------------------------------------------------------

    async rounds(actor: RoleActor, page: Page) {
      return repo.roundsPage(db, actor.organisationId, page, isStaff(actor) ? null : actor.personId);
    },

    /** A new round with its own project (for panel meetings), starting from the policy's criteria. */
    async createRound(actor: RoleActor, input: RoundInput): Promise<string> {
      mustBeStaff(actor);
      const policy = await repo.latestPolicy(db, actor.organisationId);
      const follows = input.followsRoundId ? await repo.round(db, actor.organisationId, input.followsRoundId) : null;
      if (input.followsRoundId && follows?.stage !== 'published') throw new NotFound();
      const projectId = await projects.create(actor, {
        title: input.title,
        purpose: input.purpose,
        activities: ['co-decision'],
        levelAim: 'transformative',
        stage: 'deciding',
        startDate: londonToday(now()),
      });
      const id = newId();
      const at = now().toISOString();
      const fromPolicy = policy ? policyOf(policy).criteria : [];
      await db.transaction().execute(async (trx) => {
        await repo.insertRound(trx, {
          id,
          organisation_id: actor.organisationId,
          project_id: projectId,
          title: input.title,
          kind: input.kind,
          purpose: input.purpose,
          bids_close_on: input.bidsCloseOn,
          panel_meets_on: input.panelMeetsOn,
          decision_due_on: input.decisionBy,
          policy_version: policy?.version ?? null,
          stage: 'preparing',
          summary: null,
          decision_id: null,
          published_at: null,
          provider_group_id: null,
          follows_round_id: follows?.id ?? null,
          created_by: actor.personId,
          created_at: at,
        });
        await repo.insertCriteria(
          trx,
          fromPolicy.map((c, i) => ({
            id: newId(),
            organisation_id: actor.organisationId,
            round_id: id,
            name: c.name,
            weight: c.weight,
            from_policy: 1,
            position: i,
          })),
        );
        await audit(actor, id, 'round-created', [{ field: 'policyVersion', to: policy?.version ?? null }], trx);
      });
      return id;
    },

    /** Everything the round's page shows this person, and nothing they may not see yet. */
    async view(actor: RoleActor, roundId: string) {
      const state = await stateOf(actor, roundId);
      const { row, me, flow } = state;
      const staff = isStaff(actor);
      const names = new Map(state.people.map((p) => [p.id, p]));
      const mine = me ? new Set(bidsFor(state.flowInput, me.person_id).map((b) => b.id)) : new Set<string>();
      const myConflicts = new Map(state.conflicts.filter((c) => c.person_id === actor.personId).map((c) => [c.bid_id, c.reason]));
      const declared = Boolean(me?.declared_at);
      // A panel member sees bids once they have declared, and never a bid they have an interest in.
      const bidsShown = staff ? state.bids : me && declared ? state.bids.filter((b) => mine.has(b.id)) : [];
      const myScores = new Map<string, number>();
      for (const s of state.scores) if (s.person_id === actor.personId) myScores.set(`${s.bid_id}:${s.criterion_id}`, s.score);
      const counted = maySeeOthersScores(row.stage) ? results(state) : null;
      const toScore = new Map(flow.toScore.map((w) => [w.personId, w.bids.length]));
      // Staff need everyone's format (who waits for an easy read version); a panel member only their own.
      const [recorded, formats, providerName, providers] = await Promise.all([
        staff ? recordedHow(db, actor.organisationId, roundId) : [],
        readingFormats(actor.organisationId, staff ? state.panel.map((p) => p.person_id) : me ? [me.person_id] : []),
        row.provider_group_id ? communityGroups.nameOf(actor.organisationId, row.provider_group_id) : null,
        staff && row.stage === 'published' ? communityGroups.choices(actor, null) : [],
      ]);
      if (staff) await reads.record(actor, readsOfPeople(actor, 'access-needs', 'format-shown-for-panel', formatsShown(formats)));
      const myFormat = (me && formats.get(me.person_id)) || usualFormat;
      const wordsOf = (b: (typeof state.bids)[number]) => ({ summary: b.summary, easyReadSummary: b.easy_read_summary });
      return {
        round: {
          id: row.id,
          projectId: row.project_id,
          title: row.title,
          kind: row.kind,
          purpose: row.purpose,
          bidsCloseOn: row.bids_close_on,
          panelMeetsOn: row.panel_meets_on,
          decisionBy: row.decision_due_on,
          policyVersion: row.policy_version,
          stage: row.stage,
          summary: row.summary,
          decisionId: row.decision_id,
          publishedAt: row.published_at,
          providerGroupId: row.provider_group_id,
          providerName,
          followsRoundId: row.follows_round_id,
        },
        staff,
        flow,
        may: {
          changeSetUp: staff && mayChangeSetUp(row.stage),
          changePanel: staff && mayChangePanel(row.stage),
          declare: Boolean(me) && mayDeclare(row.stage),
          scoreAlone: Boolean(me) && declared && mayScoreAlone(row.stage),
          agree: (Boolean(me) || staff) && mayAgree(row.stage),
        },
        criteria: state.criteria.map((c) => ({ id: c.id, name: c.name, weight: c.weight, fromPolicy: Number(c.from_policy) === 1 })),
        bids: bidsShown.map((b) => ({
          id: b.id,
          bidder: b.bidder,
          summary: b.summary,
          /** The summary as this person reads it: in easy read and or large print when that is their format. */
          shown: summaryFor(wordsOf(b), myFormat),
          /** For staff: the easy read summary as its readers see it, or null when none is written. */
          easyRead: staff && b.easy_read_summary?.trim() ? summaryFor(wordsOf(b), { easyRead: true, largePrint: false }) : null,
          fileName: b.file_name,
          sizeBytes: Number(b.size_bytes),
          scoredByMe: state.criteria.filter((c) => myScores.has(`${b.id}:${c.id}`)).length,
        })),
        /** Every bid's bidder, for declaring interests: names only, no bid is shown before declaring. */
        bidders: state.bids.map((b) => ({ id: b.id, bidder: b.bidder, reason: myConflicts.get(b.id) ?? null })),
        me: me ? { declared, agreed: Boolean(me.agreed_at), conflicts: myConflicts.size } : null,
        myScores: Object.fromEntries(myScores),
        panel: state.panel.map((p) => ({
          personId: p.person_id,
          name: names.get(p.person_id)?.name ?? '',
          perspectives: names.get(p.person_id)?.perspectives ?? [],
          declared: p.declared_at !== null,
          agreed: p.agreed_at !== null,
          // Only staff are told how each member reads, to get their papers right.
          format: staff ? (formats.get(p.person_id) ?? usualFormat) : usualFormat,
          bidsLeft: toScore.get(p.person_id) ?? 0,
          conflicts: state.conflicts.filter((c) => c.person_id === p.person_id).length,
          // Staff see who gave their part by link, and who wrote down what was said on the phone or in a letter.
          recorded: recorded.filter((r) => r.personId === p.person_id),
        })),
        /** For staff: each bid with no easy read version yet, and the panel members who read easy read waiting for it. */
        easyReadGaps:
          staff && row.stage !== 'published'
            ? easyReadGaps(
                state.bids.map((b) => ({
                  id: b.id,
                  ...wordsOf(b),
                  conflicted: state.flowInput.bids.find((f) => f.id === b.id)!.conflicted,
                })),
                state.panel.map((p) => p.person_id),
                formats,
              ).map((g) => ({
                bidId: g.bidId,
                bidder: state.bids.find((b) => b.id === g.bidId)?.bidder ?? '',
                names: g.personIds.map((id) => names.get(id)?.name ?? ''),
              }))
            : [],
        makeUp: panelMakeUp(state.panel.map((p) => ({ perspectives: names.get(p.person_id)?.perspectives ?? [] }))),
        results: counted
          ? {
              maxTotal: counted.maxTotal,
              members: counted.members.map((m) => ({ name: names.get(m.voterId)?.name ?? '', totals: m.totals })),
              options: counted.options.map((o) => ({ ...o, bidder: state.bids.find((b) => b.id === o.option)?.bidder ?? '' })),
            }
          : null,
        providers,
      };
    },

    async addCriterion(actor: RoleActor, roundId: string, input: { name: string; weight: number }) {
      mustBeStaff(actor);
      const { row } = await loadRound(actor, roundId);
      if (!mayChangeSetUp(row.stage)) throw new Conflict('commissioning:errors.setUpClosed');
      const existing = await repo.criteria(db, actor.organisationId, roundId);
      await db.transaction().execute(async (trx) => {
        await repo.insertCriteria(trx, [
          {
            id: newId(),
            organisation_id: actor.organisationId,
            round_id: roundId,
            name: input.name,
            weight: input.weight,
            from_policy: 0,
            position: existing.length,
          },
        ]);
        await audit(
          actor,
          roundId,
          'criterion-added',
          [
            { field: 'name', to: input.name },
            { field: 'weight', to: input.weight },
          ],
          trx,
        );
      });
    },

    async removeCriterion(actor: RoleActor, roundId: string, criterionId: string) {
      mustBeStaff(actor);
      const { row } = await loadRound(actor, roundId);
      if (!mayChangeSetUp(row.stage)) throw new Conflict('commissioning:errors.setUpClosed');
      await db.transaction().execute(async (trx) => {
        if (!(await repo.removeCriterion(trx, actor.organisationId, roundId, criterionId))) throw new NotFound();
        await audit(actor, roundId, 'criterion-removed', [{ field: 'criterion', to: criterionId }], trx);
      });
    },

    async addBid(actor: RoleActor, roundId: string, input: { bidder: string; summary: string }, file: CheckedFile) {
      mustBeStaff(actor);
      const { row } = await loadRound(actor, roundId);
      if (!mayChangeSetUp(row.stage)) throw new Conflict('commissioning:errors.setUpClosed');
      const storedName = await files.put(file.data);
      const id = newId();
      try {
        await db.transaction().execute(async (trx) => {
          await repo.insertBid(trx, {
            id,
            organisation_id: actor.organisationId,
            round_id: roundId,
            bidder: input.bidder,
            summary: input.summary,
            file_name: file.fileName,
            media_type: file.type.mediaType,
            size_bytes: file.data.length,
            stored_name: storedName,
            added_by: actor.personId,
            added_at: now().toISOString(),
          });
          await audit(actor, roundId, 'bid-added', [{ field: 'bid', to: id }], trx);
        });
      } catch (error) {
        await files.remove(storedName);
        throw error;
      }
      return id;
    },

    /** A bid's words for staff writing its easy read version, with the panel members who read easy read. */
    async bidWords(actor: RoleActor, roundId: string, bidId: string) {
      mustBeStaff(actor);
      const { row, panel } = await loadRound(actor, roundId);
      const bid = (await repo.bids(db, actor.organisationId, roundId)).find((b) => b.id === bidId);
      if (!bid) throw new NotFound();
      const ids = panel.map((p) => p.person_id);
      const [formats, names] = await Promise.all([readingFormats(actor.organisationId, ids), people.summaries(actor.organisationId, ids)]);
      await reads.record(actor, readsOfPeople(actor, 'access-needs', 'format-shown-for-panel', formatsShown(formats)));
      return {
        round: { id: row.id, title: row.title, stage: row.stage },
        bid: { id: bid.id, bidder: bid.bidder, summary: bid.summary, easyReadSummary: bid.easy_read_summary },
        readers: names.filter((n) => formats.get(n.id)?.easyRead).map((n) => n.name),
      };
    },

    /** Staff write, change or clear (empty) a bid's easy read summary, until the result is published. */
    async writeEasyRead(actor: RoleActor, roundId: string, bidId: string, text: string) {
      mustBeStaff(actor);
      const { row } = await loadRound(actor, roundId);
      if (row.stage === 'published') throw new Conflict('commissioning:errors.easyReadClosed');
      await db.transaction().execute(async (trx) => {
        if (!(await repo.setEasyReadSummary(trx, actor.organisationId, roundId, bidId, text.trim() || null))) throw new NotFound();
        await audit(actor, roundId, 'bid-easy-read-written', [{ field: 'bid', to: bidId }], trx);
      });
    },

    /**
     * A printed copy of the bids' summaries for one panel member, in their format, for those
     * who take part by letter or phone: only once they have said who they know, and never a
     * bid they have an interest in, as on screen.
     */
    async printCopy(actor: RoleActor, roundId: string, personId: string) {
      mustBeStaff(actor);
      const state = await stateOf(actor, roundId);
      const member = state.panel.find((p) => p.person_id === personId);
      if (!member) throw new NotFound();
      const format = (await readingFormats(actor.organisationId, [personId])).get(personId) ?? usualFormat;
      await reads.record(
        actor,
        readsOfPeople(actor, 'access-needs', 'format-shown-for-panel', formatsShown(new Map([[personId, format]]))),
      );
      const mine = new Set(bidsFor(state.flowInput, personId).map((b) => b.id));
      const declared = member.declared_at !== null;
      return {
        round: { id: state.row.id, title: state.row.title, panelMeetsOn: state.row.panel_meets_on, stage: state.row.stage },
        person: { id: personId, name: state.people.find((p) => p.id === personId)?.name ?? '' },
        format,
        declared,
        criteria: state.criteria.map((c) => ({ name: c.name, weight: c.weight })),
        bids: declared
          ? state.bids
              .filter((b) => mine.has(b.id))
              .map((b) => ({
                id: b.id,
                bidder: b.bidder,
                fileName: b.file_name,
                shown: summaryFor({ summary: b.summary, easyReadSummary: b.easy_read_summary }, format),
              }))
          : [],
      };
    },

    /** A bid's document: for staff, and for panel members who declared and have no interest in it. */
    async bidFile(actor: RoleActor, roundId: string, bidId: string): Promise<FileDownload> {
      const state = await stateOf(actor, roundId);
      const bid = state.bids.find((b) => b.id === bidId);
      if (!bid) throw new NotFound();
      if (!isStaff(actor)) {
        if (!state.me?.declared_at || !bidsFor(state.flowInput, actor.personId).some((b) => b.id === bidId)) throw new NotFound();
      }
      return {
        fileName: bid.file_name,
        mediaType: bid.media_type,
        sizeBytes: Number(bid.size_bytes),
        open: async () => {
          try {
            return await files.read(bid.stored_name);
          } catch (error) {
            if (error instanceof StoredFileMissing) throw new NotFound();
            throw error;
          }
        },
      };
    },

    async addToPanel(actor: RoleActor, roundId: string, personId: string) {
      mustBeStaff(actor);
      const { row } = await loadRound(actor, roundId);
      if (!mayChangePanel(row.stage)) throw new Conflict('commissioning:errors.panelClosed');
      if ((await people.summaries(actor.organisationId, [personId])).length === 0) throw new NotFound();
      const added = await db.transaction().execute(async (trx) => {
        const ok = await repo.addToPanel(trx, actor.organisationId, roundId, personId, now().toISOString());
        if (ok) await audit(actor, roundId, 'panel-member-added', [{ field: 'person', to: personId }], trx);
        return ok;
      });
      if (!added) throw new Conflict('commissioning:errors.alreadyOnPanel');
      // Panel meetings are the round's project's meetings: members of it are invited, and claim, as for any meeting.
      const members = await projects.projectIdsOf(actor.organisationId, personId);
      if (!members.includes(row.project_id)) await projects.addMember(actor, row.project_id, personId, 'member', londonToday(now()));
    },

    async removeFromPanel(actor: RoleActor, roundId: string, personId: string) {
      mustBeStaff(actor);
      const { row } = await loadRound(actor, roundId);
      if (!mayChangePanel(row.stage)) throw new Conflict('commissioning:errors.panelClosed');
      await db.transaction().execute(async (trx) => {
        if (!(await repo.removeFromPanel(trx, actor.organisationId, roundId, personId))) throw new NotFound();
        await audit(actor, roundId, 'panel-member-removed', [{ field: 'person', to: personId }], trx);
      });
    },

    /** A panel member's interests, before any bid is shown: each bid they have an interest in keeps them out of it. */
    async declare(actor: RoleActor, roundId: string, interests: Array<{ bidId: string; reason: string }>, by: PanelBy | null = null) {
      const state = await stateOf(actor, roundId);
      mustBeOnPanel(state);
      if (!mayDeclare(state.row.stage)) throw new Conflict('commissioning:errors.declaringClosed');
      if (interests.some((i) => !state.bids.some((b) => b.id === i.bidId))) throw new NotFound();
      const at = now().toISOString();
      await db.transaction().execute(async (trx) => {
        await repo.replaceConflicts(trx, actor.organisationId, roundId, actor.personId, interests, at);
        await repo.setDeclared(trx, actor.organisationId, roundId, actor.personId, at, by);
        await audit(
          actor,
          roundId,
          'interests-declared',
          [{ field: 'interests', to: interests.map((i) => i.bidId) }, ...(by ? [{ field: 'how', to: by.how }] : [])],
          trx,
        );
      });
    },

    /** Scores one bid alone: every criterion, on the scale. */
    async scoreAlone(actor: RoleActor, roundId: string, bidId: string, scores: Record<string, number>, by: PanelBy | null = null) {
      const state = await stateOf(actor, roundId);
      mustBeOnPanel(state);
      if (!state.me!.declared_at || !bidsFor(state.flowInput, actor.personId).some((b) => b.id === bidId)) throw new NotFound();
      if (!mayScoreAlone(state.row.stage)) throw new Conflict('commissioning:errors.scoringClosed');
      const entries = state.criteria.map((c) => ({ criterionId: c.id, score: scores[c.id]! }));
      if (entries.some((e) => !Number.isInteger(e.score) || e.score < scale.min || e.score > scale.max))
        throw new Error('Every criterion needs a score on the scale');
      await db.transaction().execute(async (trx) => {
        await repo.saveScores(trx, actor.organisationId, roundId, bidId, actor.personId, entries, now().toISOString(), by);
        await audit(actor, roundId, 'scored-alone', [{ field: 'bid', to: bidId }, ...(by ? [{ field: 'how', to: by.how }] : [])], trx);
      });
    },

    /**
     * The panel agrees a score together. Every change is kept with what it was before and why;
     * it also clears everyone's "I agree", since they agreed to scores that have now changed.
     */
    async agreeScore(actor: RoleActor, roundId: string, input: { bidId: string; criterionId: string; score: number; reason: string }) {
      const state = await stateOf(actor, roundId);
      if (!state.me && !isStaff(actor)) throw new Forbidden();
      if (!mayAgree(state.row.stage)) throw new Conflict('commissioning:errors.agreeingClosed');
      if (!state.bids.some((b) => b.id === input.bidId) || !state.criteria.some((c) => c.id === input.criterionId)) throw new NotFound();
      const earlier = state.agreed.find((a) => a.bid_id === input.bidId && a.criterion_id === input.criterionId);
      const alone = state.scores.filter((s) => s.bid_id === input.bidId && s.criterion_id === input.criterionId);
      const mean = alone.length ? Math.round((alone.reduce((sum, s) => sum + s.score, 0) / alone.length) * 10) / 10 : null;
      const before = earlier ? String(earlier.score) : mean === null ? null : String(mean);
      const at = now().toISOString();
      await db.transaction().execute(async (trx) => {
        await repo.saveAgreed(trx, actor.organisationId, roundId, input.bidId, input.criterionId, input.score, at);
        await repo.insertModeration(trx, {
          id: newId(),
          organisation_id: actor.organisationId,
          round_id: roundId,
          bid_id: input.bidId,
          criterion_id: input.criterionId,
          before,
          score: input.score,
          reason: input.reason,
          recorded_by: actor.personId,
          recorded_at: at,
        });
        await repo.setAgreed(trx, actor.organisationId, roundId, null, null);
        await audit(
          actor,
          roundId,
          'score-agreed',
          [
            { field: 'bid', to: input.bidId },
            { field: 'criterion', to: input.criterionId },
          ],
          trx,
        );
      });
    },

    /** A panel member says they agree with the panel's scores as they stand. */
    async agreeWithPanel(actor: RoleActor, roundId: string) {
      const state = await stateOf(actor, roundId);
      mustBeOnPanel(state);
      if (!mayAgree(state.row.stage)) throw new Conflict('commissioning:errors.agreeingClosed');
      if (state.flow.bidsToAgree.length) throw new Conflict('commissioning:errors.scoresNotAgreed');
      await db.transaction().execute(async (trx) => {
        await repo.setAgreed(trx, actor.organisationId, roundId, actor.personId, now().toISOString());
        await audit(actor, roundId, 'agreed-with-panel', [], trx);
      });
    },

    async moderation(actor: RoleActor, roundId: string, page: Page) {
      const { row } = await loadRound(actor, roundId);
      if (!maySeeOthersScores(row.stage)) return { items: [], total: 0 };
      const { items, total } = await repo.moderationPage(db, actor.organisationId, roundId, page);
      return { items: items.map((m) => ({ ...m, by: m.preferred_name || m.full_name })), total };
    },

    async writeSummary(actor: RoleActor, roundId: string, summary: string) {
      mustBeStaff(actor);
      const { row } = await loadRound(actor, roundId);
      if (row.stage !== 'together') throw new Conflict('commissioning:errors.agreeingClosed');
      await db.transaction().execute(async (trx) => {
        await repo.updateRound(trx, actor.organisationId, roundId, { summary });
        await audit(actor, roundId, 'summary-written', [], trx);
      });
    },

    /** Moves the round to its next step when the scoring flow says the step before is done; publishing records the decision. */
    async moveOn(actor: RoleActor, roundId: string): Promise<RoundStage> {
      mustBeStaff(actor);
      const state = await stateOf(actor, roundId);
      const next = state.flow.next;
      if (!next) throw new Conflict('commissioning:errors.notReady');
      const at = now();
      const moved = await db.transaction().execute(async (trx) => {
        const ok = await repo.moveStage(
          trx,
          actor.organisationId,
          roundId,
          state.row.stage,
          next,
          next === 'published' ? at.toISOString() : null,
        );
        if (ok) await audit(actor, roundId, 'stage-moved', [{ field: 'stage', from: state.row.stage, to: next }], trx);
        // Scoring alone is over: the panel's personal links stop with it.
        if (ok && state.row.stage === 'alone') await panelLinks.close(trx, actor.organisationId, roundId);
        return ok;
      });
      if (!moved) throw new Conflict('commissioning:errors.notReady');
      // Scoring alone starts: panel members who cannot sign in are sent their personal link.
      if (next === 'alone') {
        const without = await panelLinks.withoutAccounts(
          actor.organisationId,
          state.panel.map((p) => p.person_id),
        );
        await sendLinks(actor, state.row, without);
      }
      if (next === 'published') {
        const counted = results(state);
        const top = counted?.options.find((o) => o.rank === 1);
        const bidder = state.bids.find((b) => b.id === top?.option)?.bidder ?? '';
        // "You said, we did": the result goes in the decision log and to the round's members.
        const { id } = await decisionLog.recordDecision(actor, {
          projectId: state.row.project_id,
          proposalId: null,
          meetingId: null,
          decided: t('commissioning:decision.decided', { title: state.row.title, bidder }),
          why: state.row.summary ?? '',
          takingPart: null,
        });
        await repo.updateRound(db, actor.organisationId, roundId, { decision_id: id });
      }
      return next;
    },

    /** Staff send one panel member their personal link (they cannot or would rather not sign in). */
    async sendLink(actor: RoleActor, roundId: string, personId: string) {
      mustBeStaff(actor);
      const { row, panel } = await loadRound(actor, roundId);
      if (!panel.some((p) => p.person_id === personId)) throw new NotFound();
      if (!mayDeclare(row.stage)) throw new Conflict('commissioning:errors.scoringClosed');
      const [person] = await people.getMany(actor.organisationId, [personId]);
      const sent = await sendLinks(actor, row, [personId]);
      return { ...sent, name: person?.name ?? '' };
    },

    /** After the contract: the provider's entry in the directory of groups and organisations. */
    async linkProvider(actor: RoleActor, roundId: string, groupId: string | null) {
      mustBeStaff(actor);
      const { row } = await loadRound(actor, roundId);
      if (row.stage !== 'published') throw new Conflict('commissioning:errors.notPublished');
      if (groupId && !(await communityGroups.nameOf(actor.organisationId, groupId))) throw new NotFound();
      await db.transaction().execute(async (trx) => {
        await repo.updateRound(trx, actor.organisationId, roundId, { provider_group_id: groupId });
        await audit(actor, roundId, 'provider-linked', [{ field: 'group', to: groupId }], trx);
      });
    },
  };
}

export type CommissioningService = ReturnType<typeof makeCommissioningService>;
