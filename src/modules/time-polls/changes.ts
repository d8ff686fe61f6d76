import type { Config } from '../../config.ts';
import type { Db } from '../../db/connection.ts';
import { auditWriter, type AuditChange } from '../../platform/audit.ts';
import type { Actor } from '../../platform/auth.ts';
import { Conflict } from '../../platform/errors.ts';
import type { Translate } from '../../platform/i18n.ts';
import { newId } from '../../platform/ids.ts';
import type { Clock } from '../../platform/time.ts';
import type { Notices } from '../outbox/notices.ts';
import type { PeopleService } from '../people/service.ts';
import type { ReplyContact } from '../replies/reply-words.ts';
import type { ReplyActionService } from '../replies/service.ts';
import type { PollChange } from './edit-form.ts';
import { cancelNotice, newTimesNotice } from './poll-notice.ts';
import * as repo from './repository.ts';
import type { Poll, PollTime } from './service.ts';
import { timeLabel } from './time-words.ts';

type Deps = {
  db: Db;
  now: Clock;
  t: Translate;
  config: Config;
  people: PeopleService;
  notices: Notices;
  replyActions: ReplyActionService;
  replyContact: (organisationId: string) => Promise<ReplyContact>;
  organisationName: (organisationId: string) => Promise<string>;
  load: (organisationId: string, id: string) => Promise<Poll>;
};

/**
 * Staff change a poll still taking answers, or cancel it (issue 17). A time taken away
 * takes its answers with it; a new time is asked about, alone, of everyone asked, by their
 * own channel. Cancelling tells everyone asked. Each change, its messages and its history
 * are saved in one transaction (the outbox rule): nobody is told of a change that was not
 * made, and no change is made that nobody is told of.
 */
export function makeTimePollChanges(deps: Deps) {
  const { db, now, t, load } = deps;
  const audit = auditWriter(db, now, 'time-poll');

  /** Who to tell, loaded before the transaction (SQLite has one connection). */
  async function askedOf(poll: Poll) {
    const ids = (await repo.invitees(db, poll.organisationId, poll.id)).map((r) => r.person_id);
    const [people, organisationName] = await Promise.all([
      deps.people.getMany(poll.organisationId, ids),
      deps.organisationName(poll.organisationId),
    ]);
    return { ids, people, organisationName };
  }

  return {
    /** New wording, answer-by date, times taken away and new times asked about. */
    async change(actor: Actor, pollId: string, input: PollChange) {
      const poll = await load(actor.organisationId, pollId);
      if (poll.status !== 'open') throw new Conflict('time-polls:errors.notOpen');
      const removed = poll.times.filter((x) => input.remove.includes(x.id));
      const added: PollTime[] = input.add.map((x) => ({
        id: newId(),
        position: x.position,
        startsAt: x.startsAt,
        endsAt: x.endsAt,
        label: timeLabel(t, x.startsAt, x.endsAt),
      }));
      const after: Poll = {
        ...poll,
        title: input.title,
        purpose: input.purpose,
        closesAt: input.closesAt,
        times: [...poll.times.filter((x) => !input.remove.includes(x.id)), ...added].sort((a, b) => a.position - b.position),
      };
      const asked = await askedOf(poll);
      const contact = added.length ? await deps.replyContact(actor.organisationId) : null;
      const changes: AuditChange[] = [];
      if (input.title !== poll.title) changes.push({ field: 'title', from: poll.title, to: input.title });
      if (input.purpose !== poll.purpose) changes.push({ field: 'purpose', from: poll.purpose, to: input.purpose });
      if (input.closesAt !== poll.closesAt) changes.push({ field: 'closesAt', from: poll.closesAt, to: input.closesAt });
      if (removed.length) changes.push({ field: 'timesRemoved', from: removed.map((x) => x.startsAt) });
      if (added.length) changes.push({ field: 'timesAdded', to: added.map((x) => x.startsAt) });
      return db.transaction().execute(async (trx) => {
        if (!(await repo.updatePoll(trx, actor.organisationId, pollId, input))) throw new Conflict('time-polls:errors.notOpen');
        await repo.removeOptions(
          trx,
          actor.organisationId,
          pollId,
          removed.map((x) => x.id),
        );
        await repo.insertOptions(
          trx,
          added.map((x) => ({
            id: x.id,
            organisation_id: actor.organisationId,
            poll_id: pollId,
            position: x.position,
            starts_at: x.startsAt,
            ends_at: x.endsAt,
          })),
        );
        // The same links and codes as before, now working until the new answer-by date.
        const issued = await deps.replyActions.issue(trx, {
          organisationId: actor.organisationId,
          kind: 'time-poll',
          aboutId: pollId,
          personIds: asked.ids,
          expiresAt: input.closesAt,
          once: false,
        });
        const told =
          added.length && contact
            ? await deps.notices.send(
                newTimesNotice({ t, config: deps.config, poll: after, added, issued, contact, organisationName: asked.organisationName }),
                asked.people,
                trx,
              )
            : { sent: 0, unreachable: [] };
        if (changes.length) await audit(actor, pollId, 'changed', changes, null, trx);
        return { changed: changes.length > 0, added: added.length, ...told };
      });
    },

    /** Cancels a poll still open: no meeting is made, links stop, and everyone asked is told. */
    async cancel(actor: Actor & { personId: string }, pollId: string, reason: string | null) {
      const poll = await load(actor.organisationId, pollId);
      if (poll.status !== 'open') throw new Conflict('time-polls:errors.notOpen');
      const asked = await askedOf(poll);
      const at = now().toISOString();
      return db.transaction().execute(async (trx) => {
        if (!(await repo.claimCancel(trx, actor.organisationId, pollId, { by: actor.personId, at, reason })))
          throw new Conflict('time-polls:errors.notOpen');
        // The poll's links and codes stop working now.
        await deps.replyActions.issue(trx, {
          organisationId: actor.organisationId,
          kind: 'time-poll',
          aboutId: pollId,
          personIds: [],
          expiresAt: at,
          once: false,
        });
        const told = await deps.notices.send(
          cancelNotice({ t, poll, reason, organisationName: asked.organisationName }),
          asked.people,
          trx,
        );
        await audit(actor, pollId, 'cancelled', reason ? [{ field: 'reason', to: reason }] : [], null, trx);
        return told;
      });
    },
  };
}
