import type { Db, Executor } from '../../db/connection.ts';
import type { Selectable } from 'kysely';
import type { ProposalsTable } from '../../db/schema/decisions.ts';
import { auditWriter } from '../../platform/audit.ts';
import { isStaff, type CurrentUser, type Actor } from '../../platform/auth.ts';
import { Conflict, NotFound } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import type { Clock } from '../../platform/time.ts';
import type { Member, ProjectService } from '../projects/service.ts';
import type { MeetingService } from '../meetings/service.ts';
import type { PapersService } from '../papers/service.ts';
import type { Scores } from './counting/scoring.ts';
import type { ProposalInput } from './proposal-form.ts';
import * as repo from './repository.ts';
import { methods, statusAt, type ProposalStatus } from './vocabulary.ts';
import { readJson } from '../../platform/json-column.ts';
import { storedScores, storedSettings } from './stored.ts';

export type ProposalOption = { id: string; title: string; description: string | null; costPence: number | null };
export type Proposal = Omit<ProposalInput, 'options'> & {
  id: string;
  projectId: string;
  projectTitle: string;
  meetingTitle: string | null;
  options: ProposalOption[];
  agreedScores: Scores | null;
  invitationsSentAt: string | null;
};

function toProposal(
  row: Selectable<ProposalsTable> & { project_title: string; meeting_title: string | null },
  options: ProposalOption[],
  paperIds: string[],
  voterIds: string[],
): Proposal {
  return {
    id: row.id,
    projectId: row.project_id,
    projectTitle: row.project_title,
    meetingId: row.meeting_id,
    meetingTitle: row.meeting_title,
    question: row.question,
    background: row.background,
    paperIds,
    method: (methods as readonly string[]).includes(row.method) ? row.method : 'consent',
    settings: readJson(storedSettings, row.settings, 'proposals.settings'),
    options,
    everyone: Number(row.everyone) === 1,
    voterIds,
    secret: Number(row.secret) === 1,
    opensAt: row.opens_at,
    closesAt: row.closes_at,
    agreedScores: row.agreed_scores ? readJson(storedScores, row.agreed_scores, 'proposals.agreed_scores') : null,
    invitationsSentAt: row.invitations_sent_at,
  };
}

type Deps = {
  db: Db;
  now: Clock;
  projects: ProjectService;
  meetings: Pick<MeetingService, 'load'>;
  papers: Pick<PapersService, 'ofProject'>;
};

/** Proposals of a project: staff write them before they open; members of the project see them. */
export function makeProposalService({ db, now, projects, meetings, papers }: Deps) {
  async function load(organisationId: string, id: string): Promise<Proposal> {
    const row = await repo.findProposal(db, organisationId, id);
    if (!row) throw new NotFound();
    const [options, paperIds, voterIds] = await Promise.all([
      repo.options(db, organisationId, id),
      repo.paperIds(db, organisationId, id),
      repo.chosenVoters(db, organisationId, id),
    ]);
    return toProposal(
      row,
      options.map((o) => ({
        id: o.id,
        title: o.title,
        description: o.description,
        costPence: o.cost_pence === null ? null : Number(o.cost_pence),
      })),
      paperIds,
      voterIds,
    );
  }

  const audit = auditWriter(db, now, 'proposal');

  /** The meeting, papers and chosen people must all belong to this project; anything else is not found. */
  async function checkParts(organisationId: string, projectId: string, input: ProposalInput) {
    if (input.meetingId && (await meetings.load(organisationId, input.meetingId)).projectId !== projectId) throw new NotFound();
    const projectPapers = new Set((await papers.ofProject(organisationId, projectId)).map((p) => p.id));
    if (input.paperIds.some((id) => !projectPapers.has(id))) throw new NotFound();
    const members = new Set((await projects.members(organisationId, projectId)).map((m) => m.personId));
    if (input.voterIds.some((id) => !members.has(id))) throw new NotFound();
  }

  const parts = (organisationId: string, id: string, input: ProposalInput) => ({
    options: input.options.map((o, i) => ({
      id: o.id ?? newId(),
      organisation_id: organisationId,
      proposal_id: id,
      position: i + 1,
      title: o.title,
      description: o.description,
      cost_pence: o.costPence,
    })),
    paperIds: input.paperIds,
    voterIds: input.voterIds,
  });

  const columns = (input: ProposalInput) => ({
    meeting_id: input.meetingId,
    question: input.question,
    background: input.background,
    method: input.method,
    settings: JSON.stringify(input.settings),
    everyone: input.everyone ? 1 : 0,
    secret: input.secret ? 1 : 0,
    opens_at: input.opensAt,
    closes_at: input.closesAt,
  });

  return {
    load,
    status: (p: Proposal): ProposalStatus => statusAt(p, now()),

    /** Staff see every proposal of their organisation; members only those of their own projects. */
    async getForUser(user: CurrentUser, id: string): Promise<Proposal> {
      const proposal = await load(user.organisationId, id);
      if (!isStaff(user) && !(await projects.isMember(user.organisationId, proposal.projectId, user.personId))) throw new NotFound();
      return proposal;
    },

    async forProject(organisationId: string, projectId: string) {
      const rows = await repo.projectProposals(db, organisationId, projectId);
      const at = now();
      const list = rows.map((r) => ({
        id: r.id,
        question: r.question,
        method: r.method,
        opensAt: r.opens_at,
        closesAt: r.closes_at,
        status: statusAt({ opensAt: r.opens_at, closesAt: r.closes_at }, at),
      }));
      return {
        open: list.filter((p) => p.status === 'open'),
        coming: list.filter((p) => p.status === 'coming'),
        closed: list.filter((p) => p.status === 'closed').reverse(),
      };
    },

    /** Open proposals a person may still vote on. `known`: their projects, when the caller has asked already. */
    async waitingFor(organisationId: string, personId: string, known: { projectIds?: Promise<string[]> } = {}) {
      const projectIds = await (known.projectIds ?? projects.projectIdsOf(organisationId, personId));
      const rows = await repo.openProposalsFor(db, organisationId, personId, projectIds, now().toISOString());
      return rows.map((r) => ({ id: r.id, question: r.question, closesAt: r.closes_at }));
    },

    async paperChoices(organisationId: string, projectId: string) {
      return papers.ofProject(organisationId, projectId);
    },

    /** The people who may take part: every member of the project, or the chosen ones among them. */
    async electorate(organisationId: string, p: Proposal): Promise<Member[]> {
      const members = await projects.members(organisationId, p.projectId);
      return p.everyone ? members : members.filter((m) => p.voterIds.includes(m.personId));
    },

    async create(actor: Actor, projectId: string, input: ProposalInput): Promise<string> {
      await checkParts(actor.organisationId, projectId, input);
      const id = newId();
      const at = now().toISOString();
      await db.transaction().execute(async (trx) => {
        await repo.insertProposal(trx, {
          id,
          organisation_id: actor.organisationId,
          project_id: projectId,
          ...columns(input),
          created_at: at,
          created_by: actor.personId,
          updated_at: at,
        });
        await repo.replaceParts(trx, actor.organisationId, id, parts(actor.organisationId, id, input));
      });
      await audit(actor, id, 'created', [
        { field: 'method', to: input.method },
        { field: 'secret', to: input.secret },
      ]);
      return id;
    },

    /** Only before it opens: once people can vote, the question and options stay as they were. */
    async update(actor: Actor, id: string, input: ProposalInput): Promise<void> {
      const before = await load(actor.organisationId, id);
      if (statusAt(before, now()) !== 'coming') throw new Conflict('decisions:errors.alreadyOpen');
      await checkParts(actor.organisationId, before.projectId, input);
      await db.transaction().execute(async (trx) => {
        await repo.updateProposal(trx, actor.organisationId, id, { ...columns(input), updated_at: now().toISOString() });
        await repo.replaceParts(trx, actor.organisationId, id, parts(actor.organisationId, id, input));
      });
      await audit(actor, id, 'changed');
    },

    /** The scores a panel agreed after talking it through, in place of the mean for those criteria. */
    async agreeScores(actor: Actor, p: Proposal, agreed: Scores): Promise<void> {
      if (statusAt(p, now()) !== 'closed') throw new Conflict('decisions:errors.notClosed');
      await repo.updateProposal(db, actor.organisationId, p.id, { agreed_scores: JSON.stringify(agreed), updated_at: now().toISOString() });
      await audit(actor, p.id, 'scores-agreed');
    },

    /** In the transaction that queues the invitations, so "sent" is never said of unsent ones. */
    async markInvited(organisationId: string, id: string, within: Executor) {
      await repo.updateProposal(within, organisationId, id, { invitations_sent_at: now().toISOString() });
    },

    audit,
  };
}

export type ProposalService = ReturnType<typeof makeProposalService>;
