// P1: the To do line "access to check" and the meetings list's "has access gaps" filter ask,
// for many meetings at once, the question the meeting's access check (access-check.ts)
// answers for one: is any need of anyone invited still not met, and not knowingly accepted?
// Each rule of the check is written here again as a set question over the database, so the
// count is one query and never the check run per meeting. The test "access gaps: the count
// and the list agree with each meeting's access check" keeps the two in step: change a rule
// there, change it here.
//
// The To do's count is kept between requests (meeting-list.ts): every table read here moves
// the figure version on, but an invitation's row only when it comes or goes. Read nothing of
// an invitation that changes after it is made (its reply) without changing that migration.
//
// Lists (needs, arrangements, venue features) are stored as JSON arrays of words, so "the
// list has this word" is a LIKE on the quoted word. Interpreter languages are stored as
// "Polish, Urdu" and compared without spaces or case, as the check compares them trimmed
// and in any case.
import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { VenueFeature } from '../venues/vocabulary.ts';
import type { Arrangement, MeetingFormat } from './vocabulary.ts';

type MeetingEb = ExpressionBuilder<Database & { m: Database['meetings'] }, 'm'>;
type Tables = Database & { m: Database['meetings']; i: Database['meeting_invitees']; a: Database['access_needs'] };
type Eb = ExpressionBuilder<Tables, 'm' | 'i' | 'a'>;
type Rule = { need: string; column: 'a.formats' | 'a.physical' | 'a.support'; word: string; unmet: (eb: Eb) => Expression<SqlBool> };

const listed = (word: string) => `%"${word}"%`;
const arranged = (eb: Eb, a: Arrangement) => eb('m.arrangements', 'like', listed(a));
const notArranged = (eb: Eb, a: Arrangement) => eb('m.arrangements', 'not like', listed(a));
const placeFormats: MeetingFormat[] = ['in-person', 'hybrid'];
const comesToAPlace = (eb: Eb) => eb('m.format', 'in', placeFormats);

/** The meeting's venue has every one of these features (no venue chosen: it has none). */
const venueHas = (eb: Eb, ...features: VenueFeature[]) =>
  eb.exists(
    features.reduce(
      (q, f) => q.where('v.features', 'like', listed(f)),
      eb
        .selectFrom('venues as v')
        .select('v.id')
        .whereRef('v.id', '=', 'm.venue_id')
        .whereRef('v.organisation_id', '=', 'm.organisation_id'),
    ),
  );

/** Every paper of the meeting has a version in this format, and there is at least one paper. */
const papersReadyIn = (eb: Eb, format: string) =>
  eb.and([
    eb.exists(
      eb
        .selectFrom('meeting_papers as mp')
        .select('mp.id')
        .whereRef('mp.meeting_id', '=', 'm.id')
        .whereRef('mp.organisation_id', '=', 'm.organisation_id'),
    ),
    eb.not(
      eb.exists(
        eb
          .selectFrom('meeting_papers as mp')
          .select('mp.id')
          .whereRef('mp.meeting_id', '=', 'm.id')
          .whereRef('mp.organisation_id', '=', 'm.organisation_id')
          .where((w) =>
            w.not(
              w.exists(
                w
                  .selectFrom('meeting_paper_files as f')
                  .select('f.id')
                  .whereRef('f.paper_id', '=', 'mp.id')
                  .whereRef('f.organisation_id', '=', 'mp.organisation_id')
                  .where('f.format', '=', format),
              ),
            ),
          ),
      ),
    ),
  ]);

/** Papers in another format: met when the papers team is arranged, or every paper is already there in it. */
const paperRule = (need: string, arrangement: Arrangement): Rule => ({
  need: `format:${need}`,
  column: 'a.formats',
  word: need,
  unmet: (eb) => eb.and([notArranged(eb, arrangement), eb.not(papersReadyIn(eb, need))]),
});

/** A place-based need: unmet when people come to a place and neither venue (nor arrangement) meets it. */
const placeRule = (need: string, venues: VenueFeature[][], arrangement?: Arrangement): Rule => ({
  need: `physical:${need}`,
  column: 'a.physical',
  word: need,
  unmet: (eb) =>
    eb.and([
      comesToAPlace(eb),
      ...(arrangement ? [notArranged(eb, arrangement)] : []),
      ...venues.map((features) => eb.not(venueHas(eb, ...features))),
    ]),
});

/** The rules of access-check.ts (formatGap, physicalGap, supportGap), one per need. */
const rules: Rule[] = [
  paperRule('easy-read', 'easy-read-papers'),
  paperRule('large-print', 'large-print-papers'),
  paperRule('audio', 'audio-papers'),
  paperRule('braille', 'braille-papers'),
  // Sign language has to be seen: a phone meeting is a gap even with an interpreter.
  {
    need: 'format:bsl',
    column: 'a.formats',
    word: 'bsl',
    unmet: (eb) => eb.or([eb('m.format', '=', 'phone'), notArranged(eb, 'bsl-interpreter')]),
  },
  // A spoken interpreter meets the need only in the person's own language, which must be recorded.
  {
    need: 'format:interpreter',
    column: 'a.formats',
    word: 'interpreter',
    unmet: (eb) =>
      eb.not(
        eb.and([
          eb('a.interpreter_language', 'is not', null),
          sql<SqlBool>`trim(${eb.ref('a.interpreter_language')}) <> ''`,
          arranged(eb, 'spoken-interpreter'),
          sql<SqlBool>`',' || lower(replace(replace(coalesce(${eb.ref('m.interpreter_languages')}, ''), ' ', ''), ';', ',')) || ',' like '%,' || lower(replace(${eb.ref('a.interpreter_language')}, ' ', '')) || ',%'`,
        ]),
      ),
  },
  // Breaks matter however people join.
  { need: 'physical:breaks', column: 'a.physical', word: 'breaks', unmet: (eb) => notArranged(eb, 'breaks') },
  placeRule('step-free', [['step-free']]),
  placeRule('accessible-toilet', [['accessible-toilet'], ['changing-places']]),
  placeRule('quiet-space', [['quiet-room']]),
  // At a place a loop (the venue's or a portable one); online, captions; by phone nothing to do.
  {
    need: 'physical:hearing-loop',
    column: 'a.physical',
    word: 'hearing-loop',
    unmet: (eb) =>
      eb.or([
        placeRule('hearing-loop', [['hearing-loop']], 'portable-hearing-loop').unmet(eb),
        eb.and([eb('m.format', '=', 'online'), notArranged(eb, 'captions')]),
      ]),
  },
  { need: 'support:support-worker', column: 'a.support', word: 'support-worker', unmet: (eb) => notArranged(eb, 'support-worker') },
  {
    need: 'support:travel-help',
    column: 'a.support',
    word: 'travel-help',
    unmet: (eb) => eb.and([comesToAPlace(eb), notArranged(eb, 'transport')]),
  },
];

/** A gap someone on staff accepted (with a reason) is a decision recorded, not a gap to chase. */
const accepted = (eb: Eb, need: string) =>
  eb.exists(
    eb
      .selectFrom('meeting_gap_acceptances as g')
      .select('g.need')
      .whereRef('g.meeting_id', '=', 'm.id')
      .whereRef('g.person_id', '=', 'i.person_id')
      .whereRef('g.organisation_id', '=', 'm.organisation_id')
      .where('g.need', '=', need),
  );

/**
 * The meeting's access check would show an open gap: someone invited, with needs recorded
 * with their consent, has a need the meeting does not meet and nobody has accepted. Answered
 * from the invitees' key (meeting, person), the needs' key (person), the acceptances' key
 * (meeting, person, need), the venue's key and the papers' (organisation, meeting) index.
 */
export const someoneHasAnOpenGap = (eb: MeetingEb) =>
  eb.exists(
    eb
      .selectFrom('meeting_invitees as i')
      .innerJoin('access_needs as a', (j) =>
        j.onRef('a.person_id', '=', 'i.person_id').onRef('a.organisation_id', '=', 'i.organisation_id'),
      )
      .select('i.person_id')
      // By the invitees' key alone: with the organisation too, SQLite reads every invitee of
      // the organisation by the (organisation, person) index instead (minutes at county size).
      .whereRef('i.meeting_id', '=', 'm.id')
      .where('a.consent_given', '=', 1)
      .where((w) =>
        w.or(rules.map((rule) => w.and([w(rule.column, 'like', listed(rule.word)), rule.unmet(w), w.not(accepted(w, rule.need))]))),
      ),
  );

/** The needs the rules cover, for the test that every need of the vocabulary has its rule. */
export const needsWithARule = rules.map((r) => r.need);
