import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import type { RouteDeps } from '../../services.ts';
import { allow, signedInUser } from '../../platform/auth.ts';
import { formFields, parseForm } from '../../platform/forms.ts';
import { pageParam, paginationFor } from '../../platform/pagination.ts';
import { urlIds } from '../../platform/params.ts';
import { answersAsValues, readAnswersForm } from './answers-form.ts';
import { questionView } from './question-view.ts';
import { staffHows } from './service.ts';

const personParam = urlIds('personId');
const howForm = z.object({ how: z.enum(staffHows, { message: 'equality:form.howRequired' }) });
const leadForm = z.object({ personId: z.string().uuid({ message: 'equality:leads.required' }) });
const pageQuery = z.object({ page: pageParam });

/**
 * Equality questions: a person answers their own (signed in), staff send them, print a
 * paper form or type answers in, and only an equality lead opens one person's answers.
 * Admins name the equality leads.
 */
export const equalityRoutes: FastifyPluginAsync<RouteDeps> = async (app, { services, t }) => {
  const { equality, people } = services;
  const signedIn = allow('admin', 'facilitator', 'member');
  const staffOnly = allow('admin', 'facilitator');
  const adminOnly = allow('admin');
  const questions = questionView();

  // A person's own answers ------------------------------------------------------------

  app.get('/mine', { preHandler: signedIn }, async (request, reply) => {
    const user = signedInUser(request);
    const saved = await equality.mine(user.organisationId, user.personId);
    return reply.view('equality/views/mine.njk', { saved, questions, v: saved ? answersAsValues(saved.answers) : {} });
  });

  app.post('/mine', { preHandler: signedIn }, async (request, reply) => {
    const user = signedInUser(request);
    const form = readAnswersForm(request.body);
    if (!form.ok) {
      const saved = await equality.mine(user.organisationId, user.personId);
      return reply.view('equality/views/mine.njk', { saved, questions, v: form.values }, { errors: form.errors });
    }
    await equality.save(user.organisationId, user.personId, form.answers, { how: 'self', by: null });
    request.flash(t('equality:mine.saved'));
    return reply.redirect('/equality/mine', 303);
  });

  app.post('/mine/withdraw', { preHandler: signedIn }, async (request, reply) => {
    const user = signedInUser(request);
    const gone = await equality.withdraw(user.organisationId, user.personId, null);
    request.flash(t(gone ? 'equality:mine.withdrawn' : 'equality:mine.nothingToWithdraw'));
    return reply.redirect('/equality/mine', 303);
  });

  // Staff, for one person --------------------------------------------------------------

  const personOf = async (organisationId: string, personId: string) => {
    const person = await people.get(organisationId, personId);
    return { id: person.id, name: person.name, fullName: person.fullName };
  };

  app.get('/people/:personId', { preHandler: staffOnly }, async (request, reply) => {
    const user = signedInUser(request);
    const { personId } = personParam(request);
    const person = await personOf(user.organisationId, personId);
    return reply.view('equality/views/person.njk', { person, mayView: await equality.mayView(user) });
  });

  app.post('/people/:personId/send', { preHandler: staffOnly }, async (request, reply) => {
    const user = signedInUser(request);
    const { personId } = personParam(request);
    const result = await equality.sendQuestions(user, personId);
    request.flash(t(result.sent ? 'equality:person.sent' : 'equality:person.unreachable', { name: result.name }));
    return reply.redirect(`/equality/people/${personId}`, 303);
  });

  app.get('/people/:personId/paper', { preHandler: staffOnly }, async (request, reply) => {
    const user = signedInUser(request);
    const { personId } = personParam(request);
    const large = z.object({ size: z.literal('large').optional().catch(undefined) }).parse(request.query ?? {}).size === 'large';
    const form = await equality.paperForm(user, personId);
    return reply.view('equality/views/paper.njk', { ...form, questions, large });
  });

  app.get('/people/:personId/record', { preHandler: staffOnly }, async (request, reply) => {
    const user = signedInUser(request);
    const { personId } = personParam(request);
    // Always blank: typing answers in is not a way to see them.
    return reply.view('equality/views/record.njk', {
      person: await personOf(user.organisationId, personId),
      questions,
      hows: staffHows,
      v: {},
    });
  });

  app.post('/people/:personId/record', { preHandler: staffOnly }, async (request, reply) => {
    const user = signedInUser(request);
    const { personId } = personParam(request);
    const person = await personOf(user.organisationId, personId);
    const form = readAnswersForm(request.body);
    const how = parseForm(howForm, request.body);
    if (!form.ok || !how.ok) {
      const errors = { ...(form.ok ? {} : form.errors), ...(how.ok ? {} : how.errors) };
      return reply.view('equality/views/record.njk', { person, questions, hows: staffHows, v: formFields(request.body) }, { errors });
    }
    if (form.withdraw) await equality.withdraw(user.organisationId, personId, user.personId);
    else await equality.save(user.organisationId, personId, form.answers, { how: how.data.how, by: user.personId });
    request.flash(t('equality:record.saved', { how: t(`equality:howLower.${how.data.how}`), staff: user.name }));
    return reply.redirect(`/equality/people/${personId}`, 303);
  });

  app.get('/people/:personId/answers', { preHandler: staffOnly }, async (request, reply) => {
    const user = signedInUser(request);
    const { personId } = personParam(request);
    const saved = await equality.answersFor(user, personId);
    return reply.view('equality/views/view.njk', { person: await personOf(user.organisationId, personId), saved, questions });
  });

  // Equality leads -----------------------------------------------------------------------

  const showLeads = async (user: ReturnType<typeof signedInUser>, page: number, errors?: Record<string, string>) => {
    const list = await equality.leads.list(user, page);
    const pagination = paginationFor(list.page, list.total, (p) => `/equality/leads?page=${p}`);
    return { view: { ...list, pagination }, errors };
  };

  app.get('/leads', { preHandler: adminOnly }, async (request, reply) => {
    const { page } = pageQuery.parse(request.query ?? {});
    const shown = await showLeads(signedInUser(request), page ?? 1);
    return reply.view('equality/views/leads.njk', shown.view);
  });

  app.post('/leads', { preHandler: adminOnly }, async (request, reply) => {
    const user = signedInUser(request);
    const form = parseForm(leadForm, request.body);
    if (!form.ok) return reply.view('equality/views/leads.njk', (await showLeads(user, 1)).view, { errors: form.errors });
    await equality.leads.give(user, form.data.personId);
    request.flash(t('equality:leads.given', { name: (await personOf(user.organisationId, form.data.personId)).name }));
    return reply.redirect('/equality/leads', 303);
  });

  app.post('/leads/:personId/remove', { preHandler: adminOnly }, async (request, reply) => {
    const user = signedInUser(request);
    const { personId } = personParam(request);
    const person = await personOf(user.organisationId, personId);
    await equality.leads.take(user, personId);
    request.flash(t('equality:leads.taken', { name: person.name }));
    return reply.redirect('/equality/leads', 303);
  });
};
