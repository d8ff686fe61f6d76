import type { Config } from '../../config.ts';
import type { Db } from '../../db/connection.ts';
import { writeAudit } from '../../platform/audit.ts';
import { isStaff, type CurrentUser } from '../../platform/auth.ts';
import { NotFound } from '../../platform/errors.ts';
import type { Translate } from '../../platform/i18n.ts';
import { formatDate, londonToday, type Clock } from '../../platform/time.ts';
import { chooseChannel, usableChannels } from '../meetings/channel-choice.ts';
import type { Notices, NoticeResult, NoticeText } from '../outbox/notices.ts';
import type { Person, PeopleService } from '../people/service.ts';
import type { Viewer } from '../replies/answerers.ts';
import type { ReplyActionService } from '../replies/service.ts';
import type { TimebankService } from '../timebank/service.ts';
import { withLedgerCredits } from './ledger-credits.ts';
import type { TimebankAccess } from './ports.ts';
import { claimFormat, type Period } from './presenting.ts';
import * as repo from './repository.ts';
import { statementOf } from './statement.ts';
import { statementLines } from './statement-lines.ts';
import { pageOf, paginationFor } from '../../platform/pagination.ts';

/** A statement link works this long after it was sent; sending it again starts the days again. */
export const statementLinkDays = 30;

/** What a statement action is about: whose it is and its dates, so one link shows one period. */
const aboutOf = (personId: string, period: Period) => `${personId}/${period.from}/${period.to}`;
const isoDate = /^\d{4}-\d{2}-\d{2}$/;
function readAbout(aboutId: string): { personId: string; period: Period } | null {
  const [personId, from, to] = aboutId.split('/');
  if (!personId || !from || !to || !isoDate.test(from) || !isoDate.test(to)) return null;
  return { personId, period: { from, to } };
}

type Deps = {
  db: Db;
  now: Clock;
  t: Translate;
  config: Pick<Config, 'delivery' | 'sms'>;
  people: PeopleService;
  timebank: TimebankAccess & Pick<TimebankService, 'statements'>;
  notices: Notices;
  replyActions: ReplyActionService;
};

/**
 * A person's statement sent to them (issue 16): by email or text a personal link that shows
 * that statement, and nothing else, for 30 days without signing in; by letter the figures
 * themselves, as nobody types a web address from paper; by phone what staff read out.
 */
export function makeStatementSending(deps: Deps) {
  const { db, now, t, config, people, timebank, notices, replyActions } = deps;
  const fmt = claimFormat(t);
  const usable = usableChannels(config.delivery.kind, config.sms !== null);

  /** The statement of one person for one period, in their organisation: the same figures as the staff page. */
  async function load(organisationId: string, personId: string, period: Period) {
    const claims = await withLedgerCredits(
      timebank,
      organisationId,
      await repo.listClaims(db, organisationId, { personId, onFrom: period.from, onTo: period.to }),
    );
    const ledger = await timebank.statements.between(organisationId, personId, period.from, period.to);
    return { statement: statementOf(claims, ledger), ledger };
  }

  /** The figures as lines of text, for a letter and for staff to read out. */
  async function figures(organisationId: string, personId: string, period: Period): Promise<string> {
    const { statement: s, ledger } = await load(organisationId, personId, period);
    const rows: Array<[string, string]> = [
      ['hoursGiven', fmt.duration(s.minutesGiven)],
      ['paid', fmt.money(s.paidPence)],
      ['owed', fmt.money(s.owedPence)],
      ['donated', fmt.money(s.donatedPence)],
      ['expensesPaid', fmt.money(s.expensesPaidPence)],
      ['expensesOwed', fmt.money(s.expensesOwedPence)],
      ['credits', fmt.duration(s.creditMinutes)],
      ['volunteered', fmt.duration(s.volunteeredMinutes)],
      ['training', fmt.duration(s.trainingMinutes)],
    ];
    const lines = rows.map(([key, value]) => `${t(`claims:statement.${key}`)}: ${value}`);
    lines.push(t('claims:statement.timebankTotals', { in: fmt.duration(ledger.inMinutes), out: fmt.duration(ledger.outMinutes) }));
    if (s.waiting.length) lines.push(t('claims:sendStatement.waiting', { count: s.waiting.length }));
    return lines.join('\n');
  }

  const viewer: Viewer = {
    async page(action, shown) {
      const about = readAbout(action.aboutId);
      // The link is signed for this person's action: anything else in it is not ours.
      if (!about || about.personId !== action.personId) return null;
      const { statement, ledger } = await load(action.organisationId, action.personId, about.period);
      // The lines are loaded for the totals already (one person, one period): shown a page at a time.
      const all = statementLines(statement, ledger.lines);
      const at = pageOf(shown?.page);
      const pagination = shown ? paginationFor(at.page, all.length, shown.href) : null;
      return {
        heading: t('claims:statement.myTitle'),
        fieldsTemplate: 'claims/views/statement-link.njk',
        data: {
          period: about.period,
          statement,
          ledger,
          lines: all.slice(at.offset, at.offset + at.limit),
          linesTotal: all.length,
          pagination,
          ...fmt,
        },
      };
    },
  };

  return {
    viewer,

    /**
     * Staff send a person their statement for a period by the person's own channel. One
     * transaction: the link, the message and the audit entry are saved together or not at all.
     */
    async send(user: CurrentUser, personId: string, period: Period): Promise<NoticeResult & { channel: string | null; name: string }> {
      if (!isStaff(user)) throw new NotFound();
      // Read before the transaction: SQLite has one connection.
      const person: Person = await people.get(user.organisationId, personId);
      const channel = chooseChannel(person, usable).channel;
      // No way to reach them: no link is made and nothing is logged as sent.
      if (!channel) return { sent: 0, unreachable: [person.name], channel: null, name: person.name };
      const written = await figures(user.organisationId, personId, period);
      const vars = { name: person.name, organisation: user.organisationName, from: formatDate(period.from), to: formatDate(period.to) };
      const sentOn = londonToday(now());
      const result = await db.transaction().execute(async (trx) => {
        const issued = await replyActions.issue(trx, {
          organisationId: user.organisationId,
          kind: 'statement',
          aboutId: aboutOf(personId, period),
          personIds: [personId],
          expiresAt: new Date(now().getTime() + statementLinkDays * 24 * 60 * 60 * 1000).toISOString(),
          once: false,
        });
        const link = issued.get(personId)!.link;
        const sent = await notices.send(
          {
            organisationId: user.organisationId,
            kind: 'statement',
            aboutId: personId,
            // A person's money is not a project's business: only admins read it in the outbox.
            projectId: null,
            // Once a day per period: a second press of the button sends nothing new.
            dedupeKey: (p) => `statement:${p.id}:${period.from}:${period.to}:${sentOn}`,
            compose: (): NoticeText => ({
              subject: t('claims:sendStatement.subject', vars),
              full:
                channel === 'letter'
                  ? t('claims:sendStatement.letter', { ...vars, figures: written })
                  : t('claims:sendStatement.email', { ...vars, link, days: statementLinkDays }),
              text: t('claims:sendStatement.text', { ...vars, link }),
              say: t('claims:sendStatement.say', { ...vars, figures: written }),
            }),
          },
          [person],
          trx,
        );
        await writeAudit(trx, {
          organisationId: user.organisationId,
          actorPersonId: user.personId,
          onBehalfOfPersonId: null,
          subjectType: 'rewards',
          subjectId: personId,
          action: 'statement-sent',
          changes: [
            { field: 'from', to: period.from },
            { field: 'to', to: period.to },
            { field: 'channel', to: channel },
          ],
          at: now(),
        });
        return sent;
      });
      return { ...result, channel, name: person.name };
    },
  };
}

export type StatementSending = ReturnType<typeof makeStatementSending>;
