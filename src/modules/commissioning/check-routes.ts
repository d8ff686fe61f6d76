import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { RouteDeps } from '../../services.ts';
import { allow, isStaff, signedInUser } from '../../platform/auth.ts';
import { AppError, NotFound } from '../../platform/errors.ts';
import { formFields, type FieldErrors } from '../../platform/forms.ts';
import { pageLink, pageOf, pageParam, paginationFor } from '../../platform/pagination.ts';
import { urlIds } from '../../platform/params.ts';
import { recordedHows } from '../replies/service.ts';
import { readChecks, readPromises } from './follow-up-forms.ts';
import { checkOutcomes } from './provider-check.ts';

const roundIds = urlIds('id');
const pageQuery = z.object({ page: pageParam });
type Shown = { values?: Record<string, unknown>; errors?: FieldErrors };

/**
 * After the contract: staff write the winning bid's co-production promises as commitments;
 * in the organisation's review members and staff check each one (done, partly, not, and
 * what they saw), and everyone who can see the service reads what was found.
 */
export const checkRoutes: FastifyPluginAsync<RouteDeps> = async (app, { services, t }) => {
  const { providerChecks, personFinder } = services;
  const staffOnly = { preHandler: allow('admin', 'facilitator') };
  app.addHook('preHandler', allow('admin', 'facilitator', 'member'));

  /** A refusal the person can act on (no review open, already checked) goes back to the form. */
  const asError = async <T>(work: () => Promise<T>): Promise<T | FieldErrors> => {
    try {
      return await work();
    } catch (error) {
      if (error instanceof AppError && error.status === 409) return { form: error.messageKey };
      throw error;
    }
  };
  const isErrors = (x: unknown): x is FieldErrors => typeof x === 'object' && x !== null && 'form' in x;

  const showCommitments = async (request: FastifyRequest, reply: FastifyReply, shown: Shown = {}) => {
    const followUp = await providerChecks.followUp(signedInUser(request), roundIds(request).id);
    const values =
      shown.values ??
      Object.fromEntries(followUp.commitments.filter((c) => c.criterionId).map((c) => [`promise-${c.criterionId}`, c.promise]));
    return reply.view(
      'commissioning/views/commitments.njk',
      { ...followUp, values },
      shown.errors ? { errors: shown.errors, status: 400 } : {},
    );
  };

  app.get('/rounds/:id/commitments', staffOnly, async (request, reply) => showCommitments(request, reply));

  app.post('/rounds/:id/commitments', staffOnly, async (request, reply) => {
    const user = signedInUser(request);
    const { id } = roundIds(request);
    const followUp = await providerChecks.followUp(user, id);
    const form = readPromises(
      request.body,
      followUp.criteria.map((c) => c.id),
    );
    if (!form.ok) return showCommitments(request, reply, { values: formFields(request.body), errors: form.errors });
    const done = await asError(() => providerChecks.setCommitments(user, id, form.data));
    if (isErrors(done)) return showCommitments(request, reply, { values: formFields(request.body), errors: done });
    request.flash(t('provider-checks:commitmentsSaved', { count: done }));
    return reply.redirect(`/commissioning/rounds/${id}#after-contract`, 303);
  });

  const showCheck = async (request: FastifyRequest, reply: FastifyReply, shown: Shown = {}) => {
    const user = signedInUser(request);
    const { id } = roundIds(request);
    const followUp = await providerChecks.followUp(user, id);
    const values =
      shown.values ??
      Object.fromEntries(
        (await providerChecks.checksOf(user, id, user.personId)).flatMap((c) => [
          [`outcome-${c.commitmentId}`, c.outcome],
          [`evidence-${c.commitmentId}`, c.evidence],
        ]),
      );
    const staff = isStaff(user);
    const finding = staff ? await personFinder.fields(user.organisationId, values, ['personId']) : null;
    const people = staff && !finding ? await services.people.directory(user.organisationId) : [];
    return reply.view(
      'commissioning/views/check.njk',
      { ...followUp, values, outcomes: checkOutcomes, hows: recordedHows, finding, people },
      shown.errors ? { errors: shown.errors, status: 400 } : {},
    );
  };

  app.get('/rounds/:id/check', async (request, reply) => showCheck(request, reply));

  app.post('/rounds/:id/check', async (request, reply) => {
    const user = signedInUser(request);
    const { id } = roundIds(request);
    const values = formFields(request.body);
    delete values._csrf;
    if (isStaff(user) && personFinder.isFinding(values)) return showCheck(request, reply, { values });
    const followUp = await providerChecks.followUp(user, id);
    const form = readChecks(
      values,
      followUp.commitments.map((c) => c.id),
      isStaff(user),
    );
    if (!form.ok) return showCheck(request, reply, { values, errors: form.errors });
    const personId = form.data.personId ?? user.personId;
    const done = await asError(() =>
      providerChecks.saveChecks(user, id, { personId, how: form.data.personId ? form.data.how! : 'sign-in', entries: form.data.entries }),
    );
    if (isErrors(done)) return showCheck(request, reply, { values, errors: done });
    request.flash(t(personId === user.personId ? 'provider-checks:checkSaved' : 'provider-checks:checkRecorded'));
    return reply.redirect(`/commissioning/rounds/${id}#after-contract`, 303);
  });

  app.get('/rounds/:id/check/evidence', async (request, reply) => {
    const user = signedInUser(request);
    const { id } = roundIds(request);
    const page = pageOf(pageQuery.parse(request.query ?? {}).page);
    const list = await providerChecks.evidence(user, id, page);
    if (!list) throw new NotFound();
    return reply.view('commissioning/views/evidence.njk', {
      ...list,
      pagination: paginationFor(page.page, list.total, pageLink(`/commissioning/rounds/${id}/check/evidence`, {})),
    });
  });
};
