import { isStaff, type CurrentUser } from '../../platform/auth.ts';
import type { Clock } from '../../platform/time.ts';
import { NotFound } from '../../platform/errors.ts';
import type { Services } from '../../services.ts';

type Deps = { now: Clock } & Pick<
  Services,
  | 'organisations'
  | 'meetings'
  | 'timebank'
  | 'claims'
  | 'learning'
  | 'outcomes'
  | 'decisionLog'
  | 'proposals'
  | 'reviews'
  | 'todo'
  | 'waitingSwaps'
  | 'papers'
  | 'supporters'
  | 'projects'
>;

/** How many coming meetings the home page lists; the rest are on the meetings pages. */
const nextMeetingsShown = 5;
/** How many swaps to agree and papers the home page lists; the rest are a link away. */
const swapsShown = 5;
const papersShown = 5;
/** How many answered reviews and surveys (each) the home page lists; the count says how many in all. */
const answeredShown = 5;
/** How many people a supporter's home page names; the rest are on "People you support". */
const supportedShown = 5;

/**
 * Everything a person's home page shows, gathered in one call: their next meetings, time
 * credits and claims (reciprocity), actions and surveys (V3, V4), decisions, open votes and
 * reviews (and those they have answered and may still change), swaps to agree and the
 * papers for their next meeting. Staff also see the
 * organisation's overdue actions and how many things wait on their to-do list.
 */
export function makeHomeService(deps: Deps) {
  const {
    now,
    organisations,
    meetings,
    timebank,
    claims,
    learning,
    outcomes,
    decisionLog,
    proposals,
    reviews,
    todo,
    waitingSwaps,
    papers,
    supporters,
    projects,
  } = deps;
  // A person no longer in the meeting's project is not shown its papers; anything else is a fault.
  const papersOf = (user: CurrentUser, meetingId: string) =>
    papers.forMeeting(user, meetingId).catch((e: unknown) => {
      if (e instanceof NotFound) return null;
      throw e;
    });
  return {
    async forUser(user: CurrentUser) {
      const staff = isStaff(user);
      const claimsAsked = claims.waiting(user);
      // Their projects decide which votes and reviews are theirs: asked once for both.
      const projectIds = projects.projectIdsOf(user.organisationId, user.personId);
      const [
        organisation,
        upcoming,
        timeCredits,
        claimsWaiting,
        myActions,
        due,
        openSurveys,
        recentDecisions,
        openProposals,
        openReviews,
        toDo,
        swapsToAgree,
        answeredReviews,
        answeredSurveys,
        supporting,
      ] = await Promise.all([
        organisations.get(user.organisationId),
        meetings.forPerson(user.organisationId, user.personId, now().toISOString()),
        timebank.statements.balanceOf(user.organisationId, user.personId),
        claimsAsked,
        learning.mine(user),
        staff ? learning.actionsDue(user.organisationId) : null,
        outcomes.surveys.openFor(user),
        decisionLog.recent(user),
        proposals.waitingFor(user.organisationId, user.personId, { projectIds }),
        reviews.openFor(user, { projectIds }),
        staff ? todo.forStaff(user, { claimsWaiting: claimsAsked }) : null,
        waitingSwaps.toConfirm(user.organisationId, user.personId, swapsShown),
        reviews.answeredOpenFor(user, answeredShown),
        outcomes.surveys.answeredOpenFor(user, answeredShown),
        // People this person supports (issue 17): the first few, the rest on /supporting.
        supporters.supporting(user, { page: 1, limit: supportedShown, offset: 0 }),
      ]);
      // What they have answered is listed below, not asked for again.
      const [reviewsDone, surveysDone] = await Promise.all([
        reviews.answeredAmong(
          user,
          openReviews.map((c) => c.id),
        ),
        outcomes.surveys.answeredAmong(
          user,
          openSurveys.map((r) => r.id),
        ),
      ]);
      const nextMeetings = upcoming.filter((m) => !m.cancelled).slice(0, nextMeetingsShown);
      const next = nextMeetings[0];
      const nextPapers = next ? await papersOf(user, next.id) : null;
      return {
        organisation,
        staff,
        nextMeetings,
        nextPapers:
          nextPapers && nextPapers.papers.length
            ? { meeting: nextPapers.meeting, papers: nextPapers.papers.slice(0, papersShown), total: nextPapers.papers.length }
            : null,
        swapsToAgree,
        supporting: { people: supporting.supported.map((s) => ({ personId: s.personId, name: s.personName })), total: supporting.total },
        toDo: toDo ? toDo.items.filter((i) => i.count > 0) : null,
        timeCredits,
        claimsWaiting,
        myActions,
        overdueActions: due?.overdue ?? [],
        overdueTotal: due?.overdueTotal ?? 0,
        openSurveys: openSurveys.filter((r) => !surveysDone.has(r.id)),
        recentDecisions,
        openProposals,
        openReviews: openReviews.filter((c) => !reviewsDone.has(c.id)),
        answered: {
          reviews: answeredReviews.cycles,
          surveys: answeredSurveys.rounds,
          total: answeredReviews.total + answeredSurveys.total,
          shown: answeredReviews.cycles.length + answeredSurveys.rounds.length,
        },
      };
    },
  };
}

export type HomeService = ReturnType<typeof makeHomeService>;
