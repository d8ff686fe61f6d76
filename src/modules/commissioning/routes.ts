import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { RouteDeps } from '../../services.ts';
import { allow, signedInUser } from '../../platform/auth.ts';
import { dateParts, formFields, parseForm, type FieldErrors } from '../../platform/forms.ts';
import { pageLink, pageOf, pageParam, paginationFor } from '../../platform/pagination.ts';
import { recommendationCodes } from '../learning/recommendations.ts';
import { readPolicyForm, roundForm, withDates } from './forms.ts';
import { criteriaRows, roundKinds } from './vocabulary.ts';

const listQuery = z.object({ page: pageParam });
/** Starting the next round of a service already bought: the earlier round's id. */
const followsQuery = z.object({ follows: z.string().uuid().optional().catch(undefined) });
const policyQuery = z.object({
  page: pageParam,
  version: z.coerce.number().int().min(1).max(100_000).optional().catch(undefined),
  said: pageParam,
});

/** The list of rounds, the commissioning policy and its versions, and starting a round. */
export const commissioningRoutes: FastifyPluginAsync<RouteDeps> = async (app, { services, t }) => {
  const { commissioning } = services;
  const staffOnly = { preHandler: allow('admin', 'facilitator') };
  app.addHook('preHandler', allow('admin', 'facilitator', 'member'));

  app.get('/', async (request, reply) => {
    const user = signedInUser(request);
    const page = pageOf(listQuery.parse(request.query ?? {}).page);
    const { items, total } = await commissioning.rounds(user, page);
    return reply.view('commissioning/views/list.njk', {
      rounds: items,
      total,
      pagination: paginationFor(page.page, total, pageLink('/commissioning', {})),
    });
  });

  app.get('/policy', async (request, reply) => {
    const user = signedInUser(request);
    const q = policyQuery.parse(request.query ?? {});
    const page = pageOf(q.page);
    const { policy, versions } = await commissioning.policy(user, q.version ?? null, page);
    // Written with members: the draft open for comments, and how this version came to be.
    const [draft, notes] = await Promise.all([
      services.policyDrafts.draft(user.organisationId),
      policy ? services.policyDrafts.versionNotes(user, policy.version, pageOf(q.said)) : null,
    ]);
    return reply.view('commissioning/views/policy.njk', {
      policy,
      draft,
      notes,
      saidPagination: notes?.said
        ? paginationFor(q.said ?? 1, notes.said.total, (n) => `/commissioning/policy?version=${policy!.version}&said=${n}#comments`)
        : null,
      versions: versions.items,
      pagination: paginationFor(page.page, versions.total, pageLink('/commissioning/policy', { version: q.version })),
    });
  });

  const showPolicyForm = async (request: FastifyRequest, reply: FastifyReply, values?: Record<string, unknown>, errors?: FieldErrors) => {
    const user = signedInUser(request);
    const current = await commissioning.currentPolicy(user.organisationId);
    const start: Record<string, unknown> = current
      ? {
          codes: current.codes,
          bidChecks: current.bidChecks,
          contractChecks: current.contractChecks,
          writtenWith: current.writtenWith,
          ...Object.fromEntries(
            current.criteria.flatMap((c, i) => [
              [`criterion-${i}`, c.name],
              [`weight-${i}`, String(c.weight)],
            ]),
          ),
        }
      : { codes: ['P6', 'P7'] };
    const shown = values ?? start;
    const ticked = shown.codes === undefined ? [] : Array.isArray(shown.codes) ? shown.codes : [shown.codes];
    return reply.view(
      'commissioning/views/policy-form.njk',
      {
        values: shown,
        ticked,
        codes: recommendationCodes,
        rows: Array.from({ length: criteriaRows }, (_, i) => i),
        version: (current?.version ?? 0) + 1,
      },
      errors ? { errors, status: 400 } : {},
    );
  };

  app.get('/policy/new', staffOnly, async (request, reply) => showPolicyForm(request, reply));

  app.post('/policy/new', staffOnly, async (request, reply) => {
    const form = readPolicyForm(request.body);
    if (!form.ok) return showPolicyForm(request, reply, formFields(request.body), form.errors);
    const version = await commissioning.savePolicy(signedInUser(request), form.data);
    request.flash(t('commissioning:policy.saved', { version }));
    return reply.redirect('/commissioning/policy', 303);
  });

  const showRoundForm = async (request: FastifyRequest, reply: FastifyReply, values?: Record<string, unknown>, errors?: FieldErrors) => {
    const user = signedInUser(request);
    const policy = await commissioning.currentPolicy(user.organisationId);
    const today = dateParts(commissioning.today());
    return reply.view(
      'commissioning/views/round-form.njk',
      {
        values: values ?? {
          kind: 'service',
          bidsCloseOn: today,
          panelMeetsOn: today,
          decisionBy: today,
          followsRoundId: followsQuery.parse(request.query ?? {}).follows,
        },
        kinds: roundKinds,
        policy,
      },
      errors ? { errors, status: 400 } : {},
    );
  };

  app.get('/rounds/new', staffOnly, async (request, reply) => showRoundForm(request, reply));

  app.post('/rounds/new', staffOnly, async (request, reply) => {
    const body = withDates(request.body);
    const form = parseForm(roundForm, body);
    if (!form.ok) return showRoundForm(request, reply, body, form.errors);
    const id = await commissioning.createRound(signedInUser(request), form.data);
    request.flash(t('commissioning:round.created'));
    return reply.redirect(`/commissioning/rounds/${id}`, 303);
  });
};
