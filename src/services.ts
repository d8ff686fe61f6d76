import type { Config } from './config.ts';
import type { Db } from './db/connection.ts';
import { makeTranslator, type Translate } from './platform/i18n.ts';
import type { Clock } from './platform/time.ts';
import type { Delivery } from './platform/delivery/delivery.ts';
import { makeIdentityService } from './modules/identity/service.ts';
import { makeSafeguardingService } from './modules/safeguarding/service.ts';
import { makeStaffTimeService } from './modules/staff-time/service.ts';
import { makePlainWordsService } from './modules/plain-words/service.ts';
import { makeDisplaySettingsService } from './modules/display-settings/service.ts';
import { makeIndependentFacilitatorService } from './modules/independent-facilitators/service.ts';
import { makeEasyReadService } from './modules/easy-read/service.ts';
import { easyReadMessageReaders } from './modules/easy-read/message-readers.ts';
import { makeBuddiesService } from './modules/buddies/service.ts';
import { staffTimeEvidence } from './modules/staff-time/evidence.ts';
import { makeCommissioningService } from './modules/commissioning/service.ts';
import { commissioningEvidence } from './modules/commissioning/evidence.ts';
import { makePanelLinks } from './modules/commissioning/panel-links.ts';
import { readingFormatsFrom } from './modules/commissioning/bid-formats.ts';
import { panelLinkAnswerer } from './modules/commissioning/panel-link-answerer.ts';
import { makeProviderCheckService } from './modules/commissioning/provider-checks.ts';
import { makePolicyDraftService } from './modules/commissioning/policy-drafts.ts';
import { policyDraftAnswerer } from './modules/commissioning/policy-draft-reply.ts';
import { makeLanguageService } from './modules/languages/service.ts';
import { makeLearnService } from './modules/learn/service.ts';
import { learnEvidence } from './modules/learn/evidence.ts';
import { buddiesEvidence } from './modules/buddies/evidence.ts';
import { learnAnswerer } from './modules/learn/reply-action.ts';
import { makeRiskService } from './modules/risks/service.ts';
import { makeCharterService } from './modules/charter/service.ts';
import { charterAnswerer } from './modules/charter/reply-action.ts';
import { makeTwoStepService } from './modules/identity/two-step.ts';
import { makeSingleSignOnService } from './modules/single-sign-on/service.ts';
import { makeOrganisationService } from './modules/organisations/service.ts';
import { makePeopleService } from './modules/people/service.ts';
import { makePersonFinder } from './modules/people/finder.ts';
import { makeProjectFinder } from './modules/projects/finder.ts';
import { makeProjectService } from './modules/projects/service.ts';
import { makeVenueService } from './modules/venues/service.ts';
import { makeAccessNeedsService } from './modules/people/access-needs.ts';
import { makeAccessReviewService } from './modules/people/access-review.ts';
import { makeAgreementService } from './modules/projects/agreement.ts';
import { makeOutboxService } from './modules/outbox/service.ts';
import { makeMeetingService } from './modules/meetings/service.ts';
import { makeInvitationService } from './modules/meetings/invitations.ts';
import { makeMeetingRecordService } from './modules/meetings/record.ts';
import { makePapersService } from './modules/papers/service.ts';
import { makePaperSendingService } from './modules/papers/sending.ts';
import { makeTimebankService } from './modules/timebank/service.ts';
import { diskFileStore } from './platform/files.ts';
import { makeRewardsService } from './modules/rewards/service.ts';
import { makeClaimServices } from './modules/claims/claim-services.ts';
import { makeNotices } from './modules/outbox/notices.ts';
import { makeLearningService } from './modules/learning/service.ts';
import { makeOutcomesService } from './modules/outcomes/outcome-services.ts';
import { makeReviewService } from './modules/reviews/service.ts';
import type { CultureEvidenceSource } from './modules/reviews/culture-evidence.ts';
import { safeguardingEvidence } from './modules/safeguarding/evidence.ts';
import { charterEvidence } from './modules/charter/evidence.ts';
import { riskEvidence } from './modules/risks/evidence.ts';
import { makeKeptInternal } from './modules/impact/kept-internal.ts';
import { NotFound } from './platform/errors.ts';
import { makeHomeService } from './modules/pages/home.ts';
import { makeMeetingList } from './modules/meetings/meeting-list.ts';
import { makeWaitingSwaps } from './modules/timebank/waiting-swaps.ts';
import { makeToDoService } from './modules/todo/service.ts';
import { makeImpactService } from './modules/impact/service.ts';
import { keptFigures, type KeepFigure } from './platform/kept-figures.ts';
import { readsLog } from './platform/audit.ts';
import { makeDecisionLogService } from './modules/decision-log/service.ts';
import { makeProposalService } from './modules/decisions/service.ts';
import { makeVotingService } from './modules/decisions/voting.ts';
import { makeReplyActionService } from './modules/replies/service.ts';
import { makeTextService } from './modules/texts/service.ts';
import { notifyReceivedTexts } from './platform/delivery/notify-received.ts';
import { meetingReplyAnswerer } from './modules/meetings/reply-action.ts';
import { ballotAnswerer } from './modules/decisions/ballot-action.ts';
import { voteByNumber } from './modules/decisions/vote-by-number.ts';
import { reviewAnswerer } from './modules/reviews/review-action.ts';
import { swapAnswerer } from './modules/timebank/swap-action.ts';
import { makeStatementSending } from './modules/claims/statement-action.ts';
import { surveyAnswerer } from './modules/outcomes/survey-action.ts';
import { makeDataRightsService } from './modules/data-rights/service.ts';
import { makeTimePollService } from './modules/time-polls/service.ts';
import { timePollAnswerer, timePollByText } from './modules/time-polls/reply-action.ts';
import { makeSupporterService } from './modules/supporters/service.ts';
import { makeEqualityService } from './modules/equality/service.ts';
import { makeBenchmarkService } from './modules/equality/benchmarks.ts';
import { makeWhoIsMissing } from './modules/equality/who-is-missing.ts';
import { equalityAnswerer } from './modules/equality/reply-action.ts';
import { makeCommunityGroupService } from './modules/community-groups/service.ts';
import { makeOutreachService } from './modules/community-groups/outreach.ts';
import { makeCommunicationPlanService } from './modules/communication-plans/service.ts';
import { makeDigestSending } from './modules/communication-plans/digest-sending.ts';

/**
 * The one place services are built and joined together. Null delivery: messages stay in
 * the app. The secret signs links that work without signing in (replies, calendars).
 */
export function makeServices({
  db,
  config,
  now,
  delivery,
  secret,
  keep = keptFigures({ db, now }),
}: {
  db: Db;
  config: Config;
  now: Clock;
  delivery: Delivery | null;
  secret: string;
  /** Where counts of the organisation's figures are kept between requests; tests may watch it. */
  keep?: KeepFigure;
}) {
  const t = makeTranslator('en');
  const identity = makeIdentityService({ db, config, now, delivery, t, secret });
  // Two-step sign-in and the organisation's identity provider (issue 18, decision 0019).
  const twoStep = makeTwoStepService({ db, now, secret, appName: 'Coproduce' });
  const singleSignOn = makeSingleSignOnService({
    db,
    now,
    secret,
    publicUrl: config.publicUrl,
    allowHttpIssuers: config.ssoAllowHttpIssuer,
    staffAccountForEmail: (organisationId, email) => twoStep.staffAccountForEmail(organisationId, email),
  });
  const people = makePeopleService({ db, now, keep });
  // Easy read (issue 24, P1): who reads in easy read, and easy read summaries and decisions.
  const easyRead = makeEasyReadService({ db, now, people });
  // The directory of community groups (issue 20, S5); the time bank's partners are entries of it.
  const communityGroups = makeCommunityGroupService({ db, now });
  // Who each person takes part with, and what they may do for them (issue 17).
  const supporters = makeSupporterService({ db, now, people });
  const personFinder = makePersonFinder({ db });
  const projectFinder = makeProjectFinder({ db });
  const organisations = makeOrganisationService({ db, now, people, identity });
  const projects = makeProjectService({ db, now, people });
  const venues = makeVenueService({ db, now });
  const accessNeeds = makeAccessNeedsService({ db, now });
  const agreements = makeAgreementService({ db, now });
  const outbox = makeOutboxService({ db, now, projects });
  const notices = makeNotices({ now, config, delivery, t });
  const accessReviews = makeAccessReviewService({ db, now, config, t, people, notices });
  // The access check reads which paper versions exist; papers are built on meetings, so late.
  // Independent facilitators (issue 22): who is named on which project or meeting.
  const independentFacilitators = makeIndependentFacilitatorService({ db, now });
  const meetings = makeMeetingService({
    db,
    now,
    people,
    projects,
    venues,
    accessNeeds,
    paperFormatsReady: (organisationId, meetingId) => papers.formatsReady(organisationId, meetingId),
    independentMayRun: (organisationId, personId, meeting) => independentFacilitators.mayRun(organisationId, personId, meeting),
  });
  const organisationName = async (organisationId: string) => (await organisations.get(organisationId))?.name ?? '';
  // Personal action links and reply codes, for every message that asks someone to act (issue 16).
  const replyActions = makeReplyActionService({ db, now, config, secret });
  const replyContact = (organisationId: string) => organisations.replyContact(organisationId);
  const invitations = makeInvitationService({
    db,
    now,
    config,
    secret,
    delivery,
    t,
    people,
    projects,
    meetings,
    organisationName,
    replyActions,
    replyContact,
    // Easy read wording for invitations, reminders and summaries: by default or by format (issue 24).
    easyReaders: easyReadMessageReaders(easyRead, accessNeeds),
  });
  // Welsh (issue 24): the organisation's setting, each person's language, Welsh versions.
  const languages = makeLanguageService({ db, now });
  const meetingRecords = makeMeetingRecordService({ db, now, people, languages });
  // When can everyone come? (issue 17): a poll of times that ends in a meeting.
  const timePolls = makeTimePollService({
    db,
    now,
    t,
    config,
    people,
    projects,
    venues,
    meetings,
    invitations,
    identity,
    accessNeeds,
    notices,
    readsLog: readsLog({ db, now }),
    replyActions,
    replyContact,
    organisationName,
  });
  // Texts people send back: by Notify (fetched by the background job) or posted by Twilio.
  const texts = makeTextService({
    db,
    now,
    people,
    invitations,
    notifyTexts: config.delivery.kind === 'notify' ? notifyReceivedTexts(config.delivery) : null,
    latestQuestion: async (organisationId, personId) => replyActions.latestOpenAction(organisationId, personId),
    // Read when a text arrives, long after the votes below are built.
    answerByNumber: (action, n) => voteByNumber({ t, proposals, votes }, action, n),
    answerByText: timePollByText({ t, polls: timePolls }),
  });
  // Attendance credits give way to an approved claim for the same meeting (decision 0015):
  // claims and rewards are built on the time bank, so it reads them late.
  const timebank = makeTimebankService({
    db,
    now,
    keep,
    people,
    meetings,
    meetingRecords,
    notices,
    t,
    publicUrl: config.publicUrl,
    replies: { actions: replyActions, contact: replyContact, config },
    meetingClaims: {
      settledByClaim: (organisationId, meetingId, personIds) =>
        claimServices.claims.settledForMeeting(organisationId, meetingId, personIds),
      rule: (organisationId) => rewards.meetingCreditsRule(organisationId),
    },
    directory: communityGroups,
  });
  const papers = makePapersService({ db, now, files: diskFileStore(config.filesDir), meetings, maxUploadBytes: config.maxUploadBytes });
  const paperSending = makePaperSendingService({
    db,
    now,
    config,
    secret,
    t,
    delivery,
    files: diskFileStore(config.filesDir),
    meetings,
    people,
    accessNeeds,
    papers,
    easyReaders: (organisationId, personIds) => easyRead.readersAmong(organisationId, personIds),
  });
  const rewards = makeRewardsService({ db, now, people });
  const claimServices = makeClaimServices({
    db,
    now,
    t,
    people,
    projects,
    meetings,
    meetingRecords,
    rewards,
    timebank,
    files: diskFileStore(config.filesDir),
    maxUploadBytes: config.maxUploadBytes,
  });
  // A person's statement sent to them, with a link that shows it without signing in (issue 16).
  const statementSending = makeStatementSending({ db, now, t, config, people, timebank, notices, replyActions });
  const proposals = makeProposalService({ db, now, projects, meetings, papers });
  const votes = makeVotingService({ db, now, config, t, people, proposals, notices, replyActions, replyContact });
  const decisionLog = makeDecisionLogService({ db, now, t, publicUrl: config.publicUrl, people, projects, notices });
  // Open by default (issue 21, C1, V4): which reports staff keep from members.
  const keptInternal = makeKeptInternal({
    db,
    now,
    mustExist: async (organisationId, report, id) => {
      if (report === 'review-results') await reviews.load(organisationId, id);
      else if (!(await projects.exists(organisationId, id))) throw new NotFound();
    },
  });
  // Reviews use the evidence (issue 21): the one place the culture evidence sources are joined.
  const cultureEvidence: CultureEvidenceSource[] = [
    charterEvidence,
    riskEvidence,
    safeguardingEvidence,
    staffTimeEvidence,
    learnEvidence,
    buddiesEvidence,
    commissioningEvidence,
  ];
  const reviews = makeReviewService({
    db,
    now,
    keep,
    t,
    config,
    people,
    projects,
    notices,
    identity,
    replyActions,
    replyContact,
    evidence: cultureEvidence,
    smallNumberRule: (organisationId) => impact.rule(organisationId),
    keptFromMembers: (organisationId, cycleId) => keptInternal.isKept(organisationId, 'review-results', cycleId),
    hadIndependentFacilitator: (organisationId, projectId) => independentFacilitators.projectHadOne(organisationId, projectId),
  });
  const learning = makeLearningService({ db, now, people, projects });
  const outcomes = makeOutcomesService({
    db,
    now,
    config,
    secret,
    t,
    notices,
    people,
    projects,
    files: diskFileStore(config.filesDir),
    replies: { actions: replyActions, contact: replyContact },
  });
  const impact = makeImpactService({
    db,
    now,
    keep,
    projects,
    meetings,
    claims: claimServices.claims,
    budgets: claimServices.budgets,
    timebank,
    reviews,
    learning,
    outcomes,
    keptInternal,
  });
  // People's rights over their data (issue 18): copies, requests, erasure and retention.
  const dataRights = makeDataRightsService({ db, now, t, files: diskFileStore(config.filesDir), organisationName });
  // Safeguarding concerns (issue 21, C3): anyone raises one; the named lead and deputy handle it.
  const safeguarding = makeSafeguardingService({ db, now, config, t, delivery, people, staff: identity, notices, secret });
  // Staff time for co-production (issue 22, P4): time given by role against time used.
  const staffTime = makeStaffTimeService({ db, now });
  // Commissioning with people who draw on care (issue 23, P6, P7): the policy, rounds and panels.
  const commissioning = makeCommissioningService({
    db,
    now,
    t,
    people,
    projects,
    files: diskFileStore(config.filesDir),
    decisionLog,
    communityGroups,
    // Panel members who never sign in take part by a personal link (P7).
    panelLinks: makePanelLinks({ now, t, config, identity, notices, replyActions, replyContact }),
    // Each panel member reads a bid's summary in their format: easy read, large print (P7).
    readingFormats: readingFormatsFrom(easyRead.readersAmong, accessNeeds.readMany),
  });
  // After the contract: the organisation's reviews check the provider kept its bid's promises (issue 23).
  const providerChecks = makeProviderCheckService({ db, now, commissioning, reviews, people });
  // P6 "written with members": drafts of the commissioning policy that members comment on.
  const policyDrafts = makePolicyDraftService({ db, now, t, commissioning, people, notices, replyActions, replyContact });
  // Plain words (issue 24, P1, P2): advice on what staff write for members, and the jargon list.
  const plainWords = makePlainWordsService({ db, now });
  // How pages look for each person who signs in (issue 24).
  const displaySettings = makeDisplaySettingsService({ db, now });
  // Buddies for newcomers (issue 22, P5): who supports whom, and the help given.
  const buddies = makeBuddiesService({ db, now });
  // Learn together (issue 22, P3): short modules, training recorded, the certificate of involvement.
  const learn = makeLearnService({
    db,
    now,
    t,
    people,
    organisationName,
    smallNumberRule: (organisationId) => impact.rule(organisationId),
    notices,
    replyActions,
    replyContact,
    keep,
  });
  // Risk logs made with members (issue 21, C3): each project's and the organisation's.
  const risks = makeRiskService({ db, now, people, projects, staff: identity });
  // The co-production charter (issue 21, C1, C2): written together, agreed by sign-in, link or code.
  const charter = makeCharterService({ db, now, t, people, staff: identity, notices, replyActions, replyContact, keep });
  // Equality monitoring and who is missing (issue 19): answers only equality leads see, counts for staff.
  const equality = makeEqualityService({
    db,
    now,
    t,
    people,
    notices,
    readsLog: readsLog({ db, now }),
    replyActions,
    replyContact,
    supporterOf: (organisationId, supporterId) => supporters.who(organisationId, supporterId),
  });
  const equalityBenchmarks = makeBenchmarkService({ db, now, t });
  const whoIsMissing = makeWhoIsMissing({
    db,
    projects,
    benchmarks: equalityBenchmarks,
    smallNumberRule: (organisationId) => impact.rule(organisationId),
    keep,
  });
  // Outreach to close the gaps who is missing shows (issue 20, S5).
  const outreach = makeOutreachService({ db, now, people, projects, staff: identity });
  // Each project's communication plan (issue 20, S4), and the digests its plan asks for.
  const communicationPlans = makeCommunicationPlanService({ db, now, projects, keep });
  const digests = makeDigestSending({ db, now, t, delivery });
  const meetingList = makeMeetingList({ db, projects, keep });
  const waitingSwaps = makeWaitingSwaps({ db });
  const todo = makeToDoService({
    db,
    now,
    projects,
    meetingList,
    waitingSwaps,
    claims: claimServices.claims,
    waitingElsewhere: {
      overdueReviewsCount: (organisationId, projectIds) => accessReviews.overdueReviewsCount(organisationId, projectIds),
      overdueReviewsPage: (organisationId, projectIds, page) => accessReviews.overdueReviews(organisationId, page, projectIds),
      papersWaitingCount: (organisationId, projectIds) => paperSending.papersWaitingCount({ organisationId, projectIds }),
      papersWaitingPage: (organisationId, projectIds, page) => paperSending.papersWaiting({ organisationId, projectIds }, page),
      textsToDealWith: (organisationId) => texts.toDealWithCount(organisationId),
      overdueDataRequests: (organisationId) => dataRights.requests.countQuery(organisationId, { status: 'overdue' }),
      supporterReviewsDue: (organisationId) => supporters.reviewsDueCount(organisationId),
      timePollsWaiting: (organisationId, projectIds, kind) => timePolls.waitingCount({ organisationId, projectIds }, kind),
      concernsWaiting: (user) => safeguarding.waitingFor(user),
      overdueOutreach: (user, projectIds) => outreach.overdueCount(user, projectIds ?? undefined),
      risksToLookAt: (user, projectIds) => risks.dueCount(user, projectIds ?? undefined),
      planNotMet: (user) => communicationPlans.notMetCount(user),
      newcomersWithoutBuddy: (user) => buddies.newcomersWithoutBuddyCount(user),
    },
  });
  const home = makeHomeService({
    now,
    organisations,
    meetings,
    timebank,
    claims: claimServices.claims,
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
  });

  return {
    db,
    identity,
    safeguarding,
    staffTime,
    commissioning,
    providerChecks,
    policyDrafts,
    languages,
    plainWords,
    displaySettings,
    independentFacilitators,
    easyRead,
    buddies,
    learn,
    communicationPlans,
    digests,
    risks,
    charter,
    twoStep,
    singleSignOn,
    people,
    personFinder,
    projectFinder,
    supporters,
    accessNeeds,
    accessReviews,
    organisations,
    projects,
    agreements,
    venues,
    outbox,
    notices,
    delivery,
    meetings,
    invitations,
    meetingRecords,
    papers,
    paperSending,
    rewards,
    timebank,
    ...claimServices,
    proposals,
    votes,
    decisionLog,
    reviews,
    learning,
    outcomes,
    impact,
    keptInternal,
    home,
    meetingList,
    waitingSwaps,
    todo,
    /** Who was shown which sensitive data, for the pages and files that show it. */
    readsLog: readsLog({ db, now }),
    linkSecret: secret,
    replyActions,
    statementSending,
    texts,
    timePolls,
    dataRights,
    equality,
    equalityBenchmarks,
    whoIsMissing,
    communityGroups,
    outreach,
    /** How each kind of personal action is answered, by link or by code. */
    replyAnswerers: {
      'meeting-reply': meetingReplyAnswerer({ t, meetings, invitations }),
      vote: ballotAnswerer({ t, proposals, votes }),
      review: reviewAnswerer({ t, reviews }),
      swap: swapAnswerer({ t, exchanges: timebank.exchanges }),
      survey: surveyAnswerer({ t, surveys: outcomes.surveys }),
      statement: statementSending.viewer,
      'time-poll': timePollAnswerer({ t, polls: timePolls }),
      equality: equalityAnswerer({ t, equality }),
      charter: charterAnswerer({ t, charter }),
      learn: learnAnswerer({ t, learn }),
      commissioning: panelLinkAnswerer({ t, commissioning }),
      'commissioning-policy': policyDraftAnswerer({ t, drafts: policyDrafts }),
    },
    /** The clock every service was given: the app, the background jobs and the demo read it too. */
    now,
  };
}

export type Services = ReturnType<typeof makeServices>;

/** What every module's routes are given: the one set of services, the config, the words, the clock. */
export type RouteDeps = { services: Services; config: Config; t: Translate; now: Clock };
