import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { RouteDeps } from '../../services.ts';
import { allow, isStaff, signedInUser } from '../../platform/auth.ts';
import { attachmentDisposition } from '../../platform/files.ts';
import { dateFields, formFields, isoDateFromParts, optionalText, parseForm, requiredText, type FieldErrors } from '../../platform/forms.ts';
import { pageLink, pageOf, pageParam, paginationFor } from '../../platform/pagination.ts';
import { checkMyWords } from '../../platform/plain-words.ts';
import { urlIds } from '../../platform/params.ts';
import { certificateLines, certificatePdf } from './certificate-pdf.ts';
import { moduleSlugs } from './modules.ts';

const slugParam = (request: FastifyRequest) => z.object({ learnModule: z.string().max(100) }).parse(request.params).learnModule;
const ids = urlIds('id');
const reflection = optionalText(2000);
const doneForm = z.object({ reflection });
const recordForm = z.object({
  module: z.enum(moduleSlugs, { message: 'learn:errors.module' }),
  how: z.enum(['group', 'staff'], { message: 'learn:errors.how' }),
  reflection,
});
/** Hours as people say them: "2", "1.5"; up to a fortnight of full days. */
const hours = z
  .string()
  .trim()
  .min(1, 'learn:errors.hoursRequired')
  .regex(/^\d{1,3}(\.\d{1,2})?$/, 'learn:errors.hours')
  .transform((s) => Math.round(Number(s) * 60))
  .pipe(
    z
      .number()
      .min(1, 'learn:errors.hours')
      .max(120 * 60, 'learn:errors.hours'),
  );
const trainingForm = z.object({
  course: requiredText('learn:errors.courseRequired', 200),
  onDate: isoDateFromParts('learn:errors.dateRequired', 'learn:errors.date'),
  hours,
});
const editForm = z.object({
  title: requiredText('learn:errors.titleRequired', 120),
  body: requiredText('learn:errors.bodyRequired', 20_000),
  question: requiredText('learn:errors.questionRequired', 300),
});
const sendForm = z.object({ sendModule: z.enum(moduleSlugs, { message: 'learn:errors.module' }) });
const pageQuery = z.object({ page: pageParam });
const reflectionsQuery = z.object({ module: z.enum(moduleSlugs).optional().catch(undefined), page: pageParam });
const findQuery = z.object({ name: z.string().trim().max(100).optional().catch(undefined), page: pageParam });

/** Learn together (P3): the modules, who has done them, a person's learning and certificate. */
export const learnRoutes: FastifyPluginAsync<RouteDeps> = async (app, { services, t }) => {
  const { learn, people } = services;
  app.addHook('preHandler', allow('admin', 'facilitator', 'member'));
  const staffOnly = { preHandler: allow('admin', 'facilitator') };
  const adminOnly = { preHandler: allow('admin') };

  app.get('/', async (request, reply) => {
    const user = signedInUser(request);
    const modules = await learn.modules(user);
    return reply.view('learn/views/list.njk', {
      modules,
      done: modules.filter((m) => m.doneAt).length,
      isStaff: isStaff(user),
      me: user.personId,
    });
  });

  app.get('/progress', async (request, reply) => {
    const progress = await learn.progress(signedInUser(request));
    return reply.view('learn/views/progress.njk', { progress });
  });

  app.get('/reflections', staffOnly, async (request, reply) => {
    const q = reflectionsQuery.parse(request.query ?? {});
    const page = pageOf(q.page);
    const list = await learn.reflections(signedInUser(request), q.module ?? null, page);
    return reply.view('learn/views/reflections.njk', {
      list,
      module: q.module ?? '',
      pagination: paginationFor(page.page, list.total, pageLink('/learn/reflections', { module: q.module })),
    });
  });

  // Staff find the person they record learning for; a page of names at a time.
  app.get('/people', staffOnly, async (request, reply) => {
    const user = signedInUser(request);
    const q = findQuery.parse(request.query ?? {});
    const page = pageOf(q.page);
    const filter = q.name ? { name: q.name } : {};
    const [items, total] = q.name
      ? await Promise.all([
          people.list(user.organisationId, { ...filter, limit: page.limit, offset: page.offset }),
          people.count(user.organisationId, filter),
        ])
      : [[], 0];
    return reply.view('learn/views/find.njk', {
      name: q.name ?? '',
      items,
      total,
      pagination: paginationFor(page.page, total, pageLink('/learn/people', { name: q.name })),
    });
  });

  app.get('/mine', async (request, reply) => reply.redirect(`/learn/people/${signedInUser(request).personId}`, 303));
  app.get('/certificate', async (request, reply) => reply.redirect(`/learn/people/${signedInUser(request).personId}/certificate`, 303));

  const showPerson = async (request: FastifyRequest, reply: FastifyReply, values?: Record<string, unknown>, errors?: FieldErrors) => {
    const user = signedInUser(request);
    const { id } = ids(request);
    const q = pageQuery.parse(request.query ?? {});
    const page = pageOf(q.page);
    const learning = await learn.personLearning(user, id, page);
    return reply.view(
      'learn/views/person.njk',
      {
        learning,
        isStaff: isStaff(user),
        values: values ?? {},
        pagination: paginationFor(page.page, learning.training.total, pageLink(`/learn/people/${id}`, {})),
      },
      errors ? { errors, status: 400 } : {},
    );
  };

  app.get('/people/:id', async (request, reply) => showPerson(request, reply));

  app.post('/people/:id/done', staffOnly, async (request, reply) => {
    const form = parseForm(recordForm, request.body);
    if (!form.ok) return showPerson(request, reply, formFields(request.body), form.errors);
    const { id } = ids(request);
    await learn.recordFor(signedInUser(request), id, form.data.module, form.data.how, form.data.reflection);
    request.flash(t('learn:person.recorded'));
    return reply.redirect(`/learn/people/${id}`, 303);
  });

  app.post('/people/:id/send', staffOnly, async (request, reply) => {
    const form = parseForm(sendForm, request.body);
    if (!form.ok) return showPerson(request, reply, formFields(request.body), form.errors);
    const { id } = ids(request);
    const result = await learn.sendLink(signedInUser(request), id, form.data.sendModule);
    request.flash(t(result.sent ? 'learn:send.sent' : 'learn:send.unreachable', { name: result.name }));
    return reply.redirect(`/learn/people/${id}`, 303);
  });

  app.post('/people/:id/training', staffOnly, async (request, reply) => {
    const body = { ...formFields(request.body), onDate: dateFields(request.body, 'onDate') };
    const form = parseForm(trainingForm, body);
    if (!form.ok) return showPerson(request, reply, body, form.errors);
    const { id } = ids(request);
    await learn.addTraining(signedInUser(request), id, { course: form.data.course, onDate: form.data.onDate, minutes: form.data.hours });
    request.flash(t('learn:person.trainingAdded'));
    return reply.redirect(`/learn/people/${id}`, 303);
  });

  app.get('/people/:id/certificate', async (request, reply) => {
    const certificate = await learn.certificate(signedInUser(request), ids(request).id);
    return reply.view('learn/views/certificate.njk', { certificate, lines: certificateLines(certificate, t) });
  });

  app.get('/people/:id/certificate.pdf', async (request, reply) => {
    const certificate = await learn.certificate(signedInUser(request), ids(request).id);
    const pdf = await certificatePdf(certificate, t);
    return reply
      .type('application/pdf')
      .header('content-disposition', attachmentDisposition(`certificate-of-involvement-${certificate.issuedOn}.pdf`))
      .header('cache-control', 'private, no-store')
      .send(pdf);
  });

  const showModule = async (request: FastifyRequest, reply: FastifyReply, values?: Record<string, unknown>, errors?: FieldErrors) => {
    const user = signedInUser(request);
    const module = await learn.module(user, slugParam(request));
    return reply.view(
      'learn/views/module.njk',
      { module, isAdmin: user.role === 'admin', values: values ?? { reflection: module.mine?.reflection ?? '' } },
      errors ? { errors, status: 400 } : {},
    );
  };

  app.get('/:learnModule', async (request, reply) => showModule(request, reply));

  app.post('/:learnModule', async (request, reply) => {
    const form = parseForm(doneForm, request.body);
    if (!form.ok) return showModule(request, reply, formFields(request.body), form.errors);
    const slug = slugParam(request);
    await learn.markDone(signedInUser(request), slug, form.data.reflection);
    request.flash(t('learn:module.doneSaved'));
    return reply.redirect(`/learn/${slug}`, 303);
  });

  const showEdit = async (request: FastifyRequest, reply: FastifyReply, values?: Record<string, unknown>, errors?: FieldErrors) => {
    const module = await learn.editable(signedInUser(request), slugParam(request));
    return reply.view(
      'learn/views/edit.njk',
      { module, values: values ?? { title: module.title, body: module.body, question: module.question } },
      errors ? { errors, status: 400 } : {},
    );
  };

  app.get('/:learnModule/edit', adminOnly, async (request, reply) => showEdit(request, reply));

  app.post('/:learnModule/edit', adminOnly, async (request, reply) => {
    const values = formFields(request.body);
    if (await checkMyWords(request, services.plainWords)) return showEdit(request, reply, values);
    const form = parseForm(editForm, request.body);
    if (!form.ok) return showEdit(request, reply, values, form.errors);
    const slug = slugParam(request);
    if ((await learn.saveText(signedInUser(request), slug, form.data)) === 'image-without-alt')
      return showEdit(request, reply, values, { body: 'learn:errors.imageAlt' });
    request.flash(t('learn:edit.saved'));
    return reply.redirect(`/learn/${slug}`, 303);
  });

  app.post('/:learnModule/reset', adminOnly, async (request, reply) => {
    const slug = slugParam(request);
    await learn.resetText(signedInUser(request), slug);
    request.flash(t('learn:edit.reset'));
    return reply.redirect(`/learn/${slug}`, 303);
  });
};
