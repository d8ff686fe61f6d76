import { isStaff, type CurrentUser } from '../../platform/auth.ts';
import type { Clock } from '../../platform/time.ts';
import type { Services } from '../../services.ts';

type Deps = { now: Clock } & Pick<
  Services,
  'organisations' | 'meetings' | 'timebank' | 'claims' | 'learning' | 'outcomes' | 'decisionLog' | 'proposals' | 'reviews'
>;

/** How many coming meetings the home page lists; the rest are on the meetings pages. */
const nextMeetingsShown = 5;

/**
 * Everything a person's home page shows, gathered in one call: their next meetings, time
 * credits and claims (reciprocity), actions and surveys (V3, V4), decisions, open votes and
 * reviews. Staff also see the organisation's overdue actions.
 */
export function makeHomeService(deps: Deps) {
  const { now, organisations, meetings, timebank, claims, learning, outcomes, decisionLog, proposals, reviews } = deps;
  return {
    async forUser(user: CurrentUser) {
      const staff = isStaff(user);
      const [organisation, upcoming, timeCredits, claimsWaiting, myActions, due, openSurveys, recentDecisions, openProposals, openReviews] =
        await Promise.all([
          organisations.get(user.organisationId),
          meetings.forPerson(user.organisationId, user.personId, now().toISOString()),
          timebank.statements.balanceOf(user.organisationId, user.personId),
          claims.waiting(user),
          learning.mine(user),
          staff ? learning.actionsDue(user.organisationId) : null,
          outcomes.surveys.openFor(user),
          decisionLog.recent(user),
          proposals.waitingFor(user.organisationId, user.personId),
          reviews.openFor(user),
        ]);
      return {
        organisation,
        staff,
        nextMeetings: upcoming.filter((m) => !m.cancelled).slice(0, nextMeetingsShown),
        timeCredits,
        claimsWaiting,
        myActions,
        overdueActions: due?.overdue ?? [],
        overdueTotal: due?.overdueTotal ?? 0,
        openSurveys,
        recentDecisions,
        openProposals,
        openReviews,
      };
    },
  };
}

export type HomeService = ReturnType<typeof makeHomeService>;
