// Every place a person's data is held, and what happens to it when they ask for a copy or
// to be erased (UK GDPR Articles 15 and 17). One list for the whole app: person-data-map.test.ts
// reads the migrated database and fails when a table gains a column that names a person and
// is not listed here, so a new module cannot forget people's rights. See
// docs/decisions/0020-erasure-and-retention.md.

/** How the rows are found from the person. */
export type Via =
  /** The column holds the person's id. */
  | 'person'
  /** The column holds the id of one of their sign-in accounts. */
  | 'account'
  /** The column holds the id of their time bank account: the ledger lines. */
  | 'timebank-account'
  /** The column holds the id of one of their claims. */
  | 'claim'
  /** The column holds one of their email addresses. */
  | 'email'
  /** The column holds one of their phone numbers. */
  | 'phone';

/** Why rows are kept after an erasure, pointing at "a person who was removed". */
export type KeptBecause =
  /** Payment records: HMRC expects them kept about six years. */
  | 'hmrc'
  /** Safeguarding records: kept as the safeguarding policy says. */
  | 'safeguarding'
  /** Ledgers, votes, attendance and answers: totals must still add up. */
  | 'counted'
  /** A record someone made, naming who made it: the record is not about them. */
  | 'recorded-by';

export type Erase =
  | { kind: 'delete' }
  | { kind: 'keep'; because: KeptBecause }
  /** Rows kept (for the reason given); these columns emptied: the value each is set to. */
  | { kind: 'scrub'; because: KeptBecause; set: Record<string, string | null> };

export type PersonLink = {
  table: string;
  column: string;
  via: Via;
  erase: Erase;
  /** Left out of the copy given to the person: secrets (hashes, sealed keys) that are no use to them. */
  notInCopy?: true;
  /** Columns left out of the copy (password hashes). */
  omit?: readonly string[];
  /**
   * Can hold many rows for one person (ledger lines, audit history, weekly time): read a page
   * at a time, in the order of these columns, which tell one of the person's rows from another.
   */
  pageBy?: readonly string[];
  /** The column that says when a row was made: the PDF shows a long part's newest rows first. */
  newest?: string;
  /** The table has no organisation_id: rows are found by the value alone. */
  unscoped?: true;
};

const kept = (because: KeptBecause): Erase => ({ kind: 'keep', because });
const deleted: Erase = { kind: 'delete' };
const scrub = (because: KeptBecause, set: Record<string, string | null>): Erase => ({ kind: 'scrub', because, set });

/** Columns that say which member of staff (or which person) made or changed a record. */
const recordedBy = (table: string, ...columns: string[]): PersonLink[] =>
  columns.map((column) => ({ table, column, via: 'person', erase: kept('recorded-by') }));

/**
 * Every column that refers to a person, in the order an erasure works through them (rows
 * that point at an account go before the account). The people row itself is emptied last
 * by the erasure, not listed here: it stays, so kept records still point at someone.
 */
export const personLinks: readonly PersonLink[] = [
  // Sign-in: accounts and what hangs off them.
  { table: 'sessions', column: 'account_id', via: 'account', erase: deleted, notInCopy: true, unscoped: true },
  { table: 'two_step_authenticators', column: 'account_id', via: 'account', erase: deleted, notInCopy: true },
  { table: 'two_step_recovery_codes', column: 'account_id', via: 'account', erase: deleted, notInCopy: true },
  { table: 'sign_in_tokens', column: 'email', via: 'email', erase: deleted, notInCopy: true, unscoped: true },
  { table: 'sign_in_link_requests', column: 'email', via: 'email', erase: deleted, notInCopy: true, unscoped: true },
  { table: 'sign_in_codes', column: 'mobile', via: 'phone', erase: deleted, notInCopy: true, unscoped: true },
  { table: 'accounts', column: 'person_id', via: 'person', erase: deleted, omit: ['password_hash'] },

  // Sensitive records: deleted.
  { table: 'person_perspectives', column: 'person_id', via: 'person', erase: deleted },
  { table: 'access_needs', column: 'person_id', via: 'person', erase: deleted },
  ...recordedBy('access_needs', 'consent_recorded_by'),
  { table: 'access_reviews', column: 'person_id', via: 'person', erase: deleted },
  ...recordedBy('access_reviews', 'reviewed_by'),
  { table: 'benefits_records', column: 'person_id', via: 'person', erase: deleted },
  ...recordedBy('benefits_records', 'consent_recorded_by'),
  // Equality monitoring answers (issue 19; DPA 2018 Sch. 1 para. 8): theirs to have a copy
  // of, deleted on erasure.
  { table: 'equality_answers', column: 'person_id', via: 'person', erase: deleted },
  ...recordedBy('equality_answers', 'recorded_by'),
  { table: 'equality_circumstances', column: 'person_id', via: 'person', erase: deleted },
  { table: 'equality_leads', column: 'person_id', via: 'person', erase: deleted },
  ...recordedBy('equality_leads', 'given_by'),
  { table: 'reward_choices', column: 'person_id', via: 'person', erase: deleted },
  ...recordedBy('reward_choices', 'recorded_by'),
  { table: 'meeting_gap_acceptances', column: 'person_id', via: 'person', erase: deleted },
  ...recordedBy('meeting_gap_acceptances', 'accepted_by'),
  { table: 'stories', column: 'teller_person_id', via: 'person', erase: deleted },
  ...recordedBy('stories', 'consent_recorded_by', 'for_reports_by', 'withdrawn_by', 'created_by'),
  { table: 'reply_actions', column: 'person_id', via: 'person', erase: deleted, notInCopy: true },
  { table: 'received_texts', column: 'person_id', via: 'person', erase: deleted },
  { table: 'received_texts', column: 'from_number', via: 'phone', erase: deleted },
  ...recordedBy('received_texts', 'dealt_with_by'),
  { table: 'supporters', column: 'person_id', via: 'person', erase: deleted },
  { table: 'supporters', column: 'supporter_person_id', via: 'person', erase: deleted },
  ...recordedBy('supporters', 'basis_made_by', 'recorded_by', 'ended_by'),

  // Safeguarding records: kept whole, as the safeguarding policy says, and left out of the
  // copy (staff decide what to disclose: DPA 2018 Sch. 3). The erasure does not touch these tables.
  { table: 'safeguarding_concerns', column: 'raised_by_person_id', via: 'person', erase: kept('safeguarding'), notInCopy: true },
  ...recordedBy('safeguarding_concerns', 'acknowledged_by', 'closed_by'),
  ...recordedBy('safeguarding_settings', 'lead_person_id', 'deputy_person_id'),

  // Risk logs (issue 21, C3): their comments are their words, deleted; agreeing to a
  // positive risk-taking decision stays, counted, as the record of who agreed.
  { table: 'risk_comments', column: 'person_id', via: 'person', erase: deleted },
  { table: 'risk_decision_agreements', column: 'person_id', via: 'person', erase: kept('counted') },
  ...recordedBy('risk_decision_agreements', 'recorded_by'),
  ...recordedBy('risks', 'owner_person_id', 'raised_by', 'closed_by'),
  ...recordedBy('risk_decisions', 'recorded_by'),
  // The charter (issue 21): a person's answers and what they would change are theirs, deleted
  // on erasure; the versions only name who wrote, published or sponsors them.
  { table: 'charter_answers', column: 'person_id', via: 'person', erase: deleted },
  ...recordedBy('charter_answers', 'recorded_by'),
  ...recordedBy('charter_versions', 'sponsor_person_id', 'updated_by', 'published_by'),
  // A project's communication plan (issue 20) names only who last changed it.
  ...recordedBy('communication_plans', 'updated_by'),
  // Buddies for newcomers (issue 22, P5): the pair and the help written down are about both
  // people, so either's erasure deletes them.
  { table: 'buddy_pairings', column: 'newcomer_person_id', via: 'person', erase: deleted },
  { table: 'buddy_pairings', column: 'buddy_person_id', via: 'person', erase: deleted },
  ...recordedBy('buddy_pairings', 'created_by_person_id'),
  { table: 'buddy_support', column: 'newcomer_person_id', via: 'person', erase: deleted },
  { table: 'buddy_support', column: 'buddy_person_id', via: 'person', erase: deleted },
  ...recordedBy('buddy_support', 'recorded_by_person_id'),
  // Staff time (issue 22, P4): their team goes; the minutes they gave stay counted, so the
  // time given against used still adds up.
  { table: 'staff_team_members', column: 'person_id', via: 'person', erase: deleted },
  {
    table: 'staff_time_entries',
    column: 'person_id',
    via: 'person',
    erase: kept('counted'),
    newest: 'week_start',
    pageBy: ['week_start', 'project_id'],
  },
  // Independent facilitators (issue 22): where they were named to run meetings goes with them.
  { table: 'independent_facilitator_namings', column: 'person_id', via: 'person', erase: deleted },
  ...recordedBy('independent_facilitator_namings', 'named_by_person_id'),
  // Commissioning panels (issue 23, P7): being on a panel, interests declared, scores given.
  { table: 'commissioning_panel', column: 'person_id', via: 'person', erase: kept('counted') },
  { table: 'commissioning_conflicts', column: 'person_id', via: 'person', erase: kept('counted') },
  { table: 'commissioning_scores', column: 'person_id', via: 'person', erase: kept('counted') },
  ...recordedBy('commissioning_moderation', 'recorded_by'),
  // Staff who wrote down a panel member's interests or scores given on the phone or by letter.
  ...recordedBy('commissioning_scores', 'recorded_by'),
  ...recordedBy('commissioning_panel', 'declared_by'),
  ...recordedBy('commissioning_policies', 'created_by'),
  ...recordedBy('commissioning_rounds', 'created_by'),
  ...recordedBy('commissioning_bids', 'added_by'),
  // After the contract (issue 23): a person's check of a provider's promise stays counted, so
  // the findings still add up, but what they wrote goes; their comments on a policy draft are
  // theirs, deleted on erasure.
  { table: 'commissioning_checks', column: 'person_id', via: 'person', erase: scrub('counted', { evidence: '' }) },
  ...recordedBy('commissioning_checks', 'recorded_by'),
  ...recordedBy('commissioning_commitments', 'created_by'),
  { table: 'commissioning_policy_comments', column: 'person_id', via: 'person', erase: deleted },
  ...recordedBy('commissioning_policy_comments', 'recorded_by'),
  ...recordedBy('commissioning_policy_drafts', 'updated_by'),
  // Easy read (issue 24): whether they read in easy read is theirs, deleted on erasure; the
  // easy read summaries staff wrote only name who wrote them.
  { table: 'easy_read_readers', column: 'person_id', via: 'person', erase: deleted },
  ...recordedBy('easy_read_readers', 'set_by'),
  ...recordedBy('easy_read_versions', 'written_by'),
  // Learn together (issue 22, P3): the modules they did, what they wrote and their training
  // are theirs, deleted on erasure; the organisation's edited modules only name who wrote them.
  { table: 'learn_completions', column: 'person_id', via: 'person', erase: deleted, newest: 'completed_at', pageBy: ['id'] },
  ...recordedBy('learn_completions', 'recorded_by'),
  { table: 'learn_training', column: 'person_id', via: 'person', erase: deleted },
  ...recordedBy('learn_training', 'recorded_by'),
  ...recordedBy('learn_module_texts', 'updated_by'),
  // Display settings (issue 24): how pages look for them goes with them.
  { table: 'display_settings', column: 'person_id', via: 'person', erase: deleted },
  // Welsh (issue 24): the language they chose goes with them.
  { table: 'language_preferences', column: 'person_id', via: 'person', erase: deleted },

  // Messages to them: kept as sent (counted), their address and words emptied.
  {
    table: 'outbox',
    column: 'person_id',
    via: 'person',
    erase: scrub('counted', { recipient: '', recipient_name: null, subject: '', body_text: '', attachments: '[]', last_error: null }),
    pageBy: ['id'],
    newest: 'created_at',
    omit: ['dedupe_key'],
  },
  {
    table: 'outbox',
    column: 'recipient',
    via: 'email',
    erase: scrub('counted', { recipient: '', recipient_name: null, subject: '', body_text: '', attachments: '[]', last_error: null }),
    newest: 'created_at',
    pageBy: ['id'],
    omit: ['dedupe_key'],
  },
  {
    table: 'outbox',
    column: 'recipient',
    via: 'phone',
    erase: scrub('counted', { recipient: '', recipient_name: null, subject: '', body_text: '', attachments: '[]', last_error: null }),
    newest: 'created_at',
    pageBy: ['id'],
    omit: ['dedupe_key'],
  },

  // Payments: kept for HMRC; receipts (uploaded files) deleted.
  { table: 'claim_receipts', column: 'claim_id', via: 'claim', erase: deleted },
  ...recordedBy('claim_receipts', 'uploaded_by'),
  // The reference is a code for the software made of ids the copy already holds: left out (issue 15).
  {
    table: 'claims',
    column: 'person_id',
    via: 'person',
    erase: scrub('hmrc', { note: null }),
    omit: ['reference'],
    newest: 'created_at',
    pageBy: ['id'],
  },
  ...recordedBy('claims', 'created_by', 'submitted_by', 'approved_by', 'paid_by', 'rejected_by'),

  // Time credits: the ledger stays balanced.
  { table: 'timebank_accounts', column: 'person_id', via: 'person', erase: kept('counted') },
  {
    table: 'timebank_entries',
    column: 'account_id',
    via: 'timebank-account',
    erase: kept('counted'),
    pageBy: ['id'],
    newest: 'created_at',
  },
  ...recordedBy('timebank_transactions', 'recorded_by', 'on_behalf_of'),
  { table: 'timebank_listings', column: 'person_id', via: 'person', erase: scrub('counted', { description: '' }) },
  { table: 'timebank_exchanges', column: 'giver_person_id', via: 'person', erase: scrub('counted', { note: null }) },
  { table: 'timebank_exchanges', column: 'receiver_person_id', via: 'person', erase: scrub('counted', { note: null }) },
  ...recordedBy('timebank_exchanges', 'proposed_by', 'confirmed_by', 'recorded_by'),

  // Taking part: counted in figures and votes.
  { table: 'project_members', column: 'person_id', via: 'person', erase: kept('counted') },
  { table: 'agreement_signatures', column: 'person_id', via: 'person', erase: kept('counted') },
  ...recordedBy('agreement_signatures', 'recorded_by'),
  {
    table: 'meeting_invitees',
    column: 'person_id',
    via: 'person',
    erase: scrub('counted', { reply_note: null }),
    newest: 'invited_at',
    pageBy: ['meeting_id'],
  },
  ...recordedBy('meeting_invitees', 'reply_recorded_by'),
  {
    table: 'meeting_attendance',
    column: 'person_id',
    via: 'person',
    erase: kept('counted'),
    newest: 'recorded_at',
    pageBy: ['meeting_id'],
  },
  ...recordedBy('meeting_attendance', 'recorded_by'),
  { table: 'meeting_actions', column: 'owner_person_id', via: 'person', erase: kept('counted'), newest: 'created_at', pageBy: ['id'] },
  { table: 'paper_sendings', column: 'person_id', via: 'person', erase: kept('counted') },
  { table: 'proposal_voters', column: 'person_id', via: 'person', erase: kept('counted') },
  {
    table: 'proposal_participation',
    column: 'person_id',
    via: 'person',
    erase: kept('counted'),
    newest: 'voted_at',
    pageBy: ['proposal_id'],
  },
  ...recordedBy('proposal_participation', 'recorded_by'),
  { table: 'proposal_ballots', column: 'voter_person_id', via: 'person', erase: kept('counted') },
  { table: 'decision_actions', column: 'owner_person_id', via: 'person', erase: kept('counted') },
  ...recordedBy('decision_actions', 'created_by', 'updated_by'),
  { table: 'improvement_actions', column: 'owner_person_id', via: 'person', erase: kept('counted') },
  ...recordedBy('improvement_actions', 'created_by'),
  { table: 'survey_answers', column: 'person_id', via: 'person', erase: kept('counted') },
  ...recordedBy('survey_answers', 'recorded_by'),
  {
    table: 'review_answers',
    column: 'person_id',
    via: 'person',
    erase: scrub('counted', { comment: null }),
    newest: 'updated_at',
    pageBy: ['cycle_id', 'statement'],
  },
  ...recordedBy('review_answers', 'recorded_by'),
  { table: 'review_invitations', column: 'person_id', via: 'person', erase: kept('counted') },
  { table: 'time_poll_invitees', column: 'person_id', via: 'person', erase: kept('counted') },
  ...recordedBy('time_poll_invitees', 'answered_by'),
  { table: 'time_poll_answers', column: 'person_id', via: 'person', erase: kept('counted') },
  { table: 'supporter_acts', column: 'person_id', via: 'person', erase: kept('counted') },
  ...recordedBy('supporter_acts', 'recorded_by'),

  // Requests about their data and the fact of an erasure: kept, as the law expects proof.
  { table: 'data_requests', column: 'person_id', via: 'person', erase: kept('counted') },
  ...recordedBy('data_requests', 'closed_by', 'created_by'),
  { table: 'data_erasures', column: 'person_id', via: 'person', erase: kept('counted'), notInCopy: true },
  ...recordedBy('data_erasures', 'erased_by'),

  // The history of changes: kept, their values taken out by the erasure (see erasure.ts).
  { table: 'audit_log', column: 'subject_id', via: 'person', erase: kept('counted'), pageBy: ['id'], newest: 'at' },
  { table: 'audit_log', column: 'on_behalf_of_person_id', via: 'person', erase: kept('counted'), pageBy: ['id'], newest: 'at' },
  { table: 'audit_log', column: 'actor_person_id', via: 'person', erase: kept('recorded-by'), pageBy: ['id'] },

  // Records staff made about the organisation's work: only who made them.
  ...recordedBy('benefit_limits', 'created_by'),
  ...recordedBy('equality_benchmarks', 'updated_by'),
  ...recordedBy('decision_notes', 'added_by'),
  ...recordedBy('decision_records', 'recorded_by'),
  ...recordedBy('impact_settings', 'updated_by'),
  ...recordedBy('lessons', 'created_by'),
  ...recordedBy('meeting_notes', 'updated_by'),
  ...recordedBy('meeting_paper_files', 'uploaded_by'),
  ...recordedBy('outcome_counts', 'recorded_by'),
  ...recordedBy('payment_policies', 'created_by'),
  ...recordedBy('project_agreements', 'updated_by'),
  ...recordedBy('project_budgets', 'updated_by'),
  ...recordedBy('project_outcomes', 'created_by'),
  ...recordedBy('project_spend', 'created_by'),
  ...recordedBy('proposals', 'created_by'),
  ...recordedBy('retention_settings', 'updated_by'),
  ...recordedBy('review_cycles', 'closed_by', 'created_by'),
  ...recordedBy('rewards_settings', 'updated_by'),
  ...recordedBy('survey_rounds', 'created_by'),
  ...recordedBy('time_polls', 'decided_by', 'created_by', 'cancelled_by'),
  ...recordedBy('timebank_partner_offers', 'created_by'),
  ...recordedBy('timebank_settings', 'updated_by'),
  ...recordedBy('community_groups', 'created_by', 'updated_by'),
  // The member of staff who owns an outreach action: it is the organisation's work, not about them.
  ...recordedBy('outreach_actions', 'owner_person_id', 'created_by', 'closed_by'),
];

/**
 * Columns whose names look like a person's but are not: each with why. The map test
 * accepts these and nothing else unlisted.
 */
export const notAPerson: Readonly<Record<string, string>> = {
  'paper_sendings.post_by': 'a date: the last day to post a letter',
  'venues.run_by': 'the name of the organisation that runs a place',
  'safeguarding_concerns.acknowledge_by': 'a date: when the concern must be acknowledged',
  'timebank_entries.account_id': 'a time bank account, reached through timebank_accounts.person_id',
  'timebank_partner_offers.partner_account_id': 'a partner organisation’s time bank account',
  'people.email': 'the person’s own row: emptied by the erasure (erasure.ts)',
  'people.mobile': 'the person’s own row: emptied by the erasure (erasure.ts)',
  'accounts.email': 'in their account, found by accounts.person_id',
  'accounts.mobile': 'in their account, found by accounts.person_id',
  'community_groups.email': 'a community group’s own address, not a person on our records',
  'community_groups.phone': 'a community group’s own number, not a person on our records',
  'community_group_contacts.email': 'someone at a community group, who is not a person on our records',
  'community_group_contacts.phone': 'someone at a community group, who is not a person on our records',
};

/** The people row's columns an erasure empties, with what each becomes; full_name becomes the words for a removed person. */
export const personColumnsEmptied: Readonly<Record<string, string | null>> = {
  preferred_name: null,
  pronouns: null,
  email: null,
  mobile: null,
  landline: null,
  address: null,
  contact_order: '[]',
  contact_times: null,
  skills: null,
  knowledge: null,
  lived_experience: null,
  interests: null,
  time_to_give: null,
  unsuitable_times: null,
  opted_out: '[]',
};

/** Tables kept whole for safeguarding: an erasure changes nothing in them, not even a name typed in. */
export const keptWhole: ReadonlySet<string> = new Set(
  personLinks.filter((l) => l.erase.kind === 'keep' && l.erase.because === 'safeguarding').map((l) => l.table),
);

/** Whether a column's name says it refers to a person: what the map test looks for. */
export const looksLikePerson = (column: string) =>
  /(^|_)person_id$/.test(column) || /_by$/.test(column) || column === 'on_behalf_of' || /(^|_)account_id$/.test(column);

/** Tables in the order their sections appear in a person's copy. */
export const tablesInCopy = (): string[] => [...new Set(personLinks.filter((l) => !l.notInCopy).map((l) => l.table))];
