import type { Db } from '../../db/connection.ts';
import { countNow } from '../../platform/counts.ts';
import type { RequestKind, RequestStatus, RequestWay } from '../../db/schema/data-rights.ts';
import { writeAudit } from '../../platform/audit.ts';
import type { Actor } from '../../platform/auth.ts';
import { newId } from '../../platform/ids.ts';
import type { Page } from '../../platform/pagination.ts';
import { londonToday, type Clock } from '../../platform/time.ts';
import { isOverdue, oneMonthAfter } from './deadline.ts';

// Requests people make about their data, each with the date it came, how, the identity
// check staff made, and its one-calendar-month deadline (UK GDPR Article 12(3)).

export type DataRequest = {
  id: string;
  personId: string;
  personName: string;
  kind: RequestKind;
  receivedOn: string;
  receivedHow: RequestWay;
  identityCheck: string;
  dueOn: string;
  status: RequestStatus;
  closedOn: string | null;
  overdue: boolean;
};

export type NewDataRequest = { kind: RequestKind; receivedOn: string; receivedHow: RequestWay; identityCheck: string };
export type RequestFilter = { status?: RequestStatus | 'overdue' };

export function makeDataRequests({ db, now }: { db: Db; now: Clock }) {
  const today = () => londonToday(now());
  const base = (organisationId: string, filter: RequestFilter) => {
    let query = db
      .selectFrom('data_requests as r')
      .innerJoin('people as p', (j) => j.onRef('p.id', '=', 'r.person_id').onRef('p.organisation_id', '=', 'r.organisation_id'))
      .where('r.organisation_id', '=', organisationId);
    if (filter.status === 'overdue') query = query.where('r.status', '=', 'open').where('r.due_on', '<', today());
    else if (filter.status) query = query.where('r.status', '=', filter.status);
    return query;
  };
  const columns = [
    'r.id',
    'r.person_id',
    'p.full_name',
    'r.kind',
    'r.received_on',
    'r.received_how',
    'r.identity_check',
    'r.due_on',
    'r.status',
    'r.closed_on',
  ] as const;
  type Selected = {
    id: string;
    person_id: string;
    full_name: string;
    kind: RequestKind;
    received_on: string;
    received_how: RequestWay;
    identity_check: string;
    due_on: string;
    status: RequestStatus;
    closed_on: string | null;
  };
  const toRequest = (r: Selected, on: string): DataRequest => ({
    id: r.id,
    personId: r.person_id,
    personName: r.full_name,
    kind: r.kind,
    receivedOn: r.received_on,
    receivedHow: r.received_how,
    identityCheck: r.identity_check,
    dueOn: r.due_on,
    status: r.status,
    closedOn: r.closed_on,
    overdue: isOverdue({ status: r.status, dueOn: r.due_on }, on),
  });

  return {
    /** The oldest deadline first: what must be answered soonest is at the top. */
    async list(organisationId: string, filter: RequestFilter, page: Page): Promise<DataRequest[]> {
      const rows = await base(organisationId, filter)
        .select(columns)
        .orderBy('r.due_on')
        .orderBy('r.id')
        .limit(page.limit)
        .offset(page.offset)
        .execute();
      const on = today();
      return rows.map((r) => toRequest(r, on));
    },

    async count(organisationId: string, filter: RequestFilter): Promise<number> {
      return countNow(db, this.countQuery(organisationId, filter));
    },

    /** The count above, to be asked with others (platform/counts.ts). */
    countQuery(organisationId: string, filter: RequestFilter) {
      return base(organisationId, filter).select((eb) => eb.fn.countAll<number>().as('n'));
    },

    async get(organisationId: string, id: string): Promise<DataRequest | null> {
      const row = await base(organisationId, {}).select(columns).where('r.id', '=', id).executeTakeFirst();
      return row ? toRequest(row, today()) : null;
    },

    async forPerson(organisationId: string, personId: string): Promise<DataRequest[]> {
      const rows = await base(organisationId, {})
        .select(columns)
        .where('r.person_id', '=', personId)
        .orderBy('r.received_on', 'desc')
        .limit(50)
        .execute();
      const on = today();
      return rows.map((r) => toRequest(r, on));
    },

    async record(actor: Actor, personId: string, input: NewDataRequest): Promise<string> {
      const id = newId();
      await db.transaction().execute(async (trx) => {
        await trx
          .insertInto('data_requests')
          .values({
            id,
            organisation_id: actor.organisationId,
            person_id: personId,
            kind: input.kind,
            received_on: input.receivedOn,
            received_how: input.receivedHow,
            identity_check: input.identityCheck,
            due_on: oneMonthAfter(input.receivedOn),
            status: 'open',
            created_at: now().toISOString(),
            created_by: actor.personId,
          })
          .execute();
        // What kind and when; not the identity check's words, which may describe documents.
        await writeAudit(trx, {
          organisationId: actor.organisationId,
          actorPersonId: actor.personId,
          subjectType: 'person',
          subjectId: personId,
          action: `data-request-recorded:${input.kind}`,
          at: now(),
        });
      });
      return id;
    },

    /** Answered (done) or refused; a closed request cannot be closed again. Returns whether it changed. */
    async close(actor: Actor, id: string, status: 'done' | 'refused'): Promise<boolean> {
      return db.transaction().execute(async (trx) => {
        const row = await trx
          .updateTable('data_requests')
          .set({ status, closed_on: today(), closed_by: actor.personId })
          .where('organisation_id', '=', actor.organisationId)
          .where('id', '=', id)
          .where('status', '=', 'open')
          .returning('person_id')
          .executeTakeFirst();
        if (!row) return false;
        await writeAudit(trx, {
          organisationId: actor.organisationId,
          actorPersonId: actor.personId,
          subjectType: 'person',
          subjectId: row.person_id,
          action: `data-request-${status}`,
          at: now(),
        });
        return true;
      });
    },
  };
}

export type DataRequests = ReturnType<typeof makeDataRequests>;
