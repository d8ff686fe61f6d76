import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { RouteDeps } from '../../services.ts';
import { checkMyWords } from '../../platform/plain-words.ts';
import { allow, isStaff, signedInUser } from '../../platform/auth.ts';
import { formFields, optionalText, parseForm, requiredText, type FieldErrors } from '../../platform/forms.ts';
import { pageLink, pageOf, pageParam, paginationFor } from '../../platform/pagination.ts';
import { urlIds } from '../../platform/params.ts';
import { recordedHows } from '../replies/service.ts';
import { problemErrors, readAnswerForm } from './answer-form.ts';
import { charterParts, principleParts } from './rules.ts';

const text = (part: string) => requiredText(`charter:errors.${part}`, 4000);
const draftForm = z.object({
  ...(Object.fromEntries(charterParts.map((p) => [p, text(p)])) as Record<(typeof charterParts)[number], ReturnType<typeof text>>),
  sponsor: z
    .union([z.literal(''), z.string().uuid('charter:errors.sponsor')])
    .optional()
    .default(''),
  sponsorRole: optionalText(200),
});
const howForm = z.object({ how: z.enum(recordedHows, { message: 'charter:errors.how' }) });
const listQuery = z.object({ page: pageParam });
const answersQuery = z.object({ page: pageParam, show: z.enum(['all', 'agree', 'change']).catch('all').default('all') });
const versionIds = urlIds('id');
const personIds = urlIds('personId');

/**
 * The charter is everyone's to read and answer; staff hold the pen for drafts, publish
 * versions, see who answered, send it by people's own channels and type in answers they
 * heard on the phone or by letter.
 */
export const charterRoutes: FastifyPluginAsync<RouteDeps> = async (app, { services, t }) => {
  const { charter, people } = services;
  app.addHook('preHandler', allow('admin', 'facilitator', 'member'));
  const staffOnly = { preHandler: allow('admin', 'facilitator') };
  const vocab = { parts: charterParts, principles: principleParts };

  const showCharter = async (request: FastifyRequest, reply: FastifyReply, values?: Record<string, unknown>, errors?: FieldErrors) => {
    const user = signedInUser(request);
    const current = await charter.current(user.organisationId);
    const mine = current ? await charter.myAnswer(user.organisationId, current.version, user.personId) : null;
    const draft = isStaff(user) ? await charter.draft(user.organisationId) : null;
    return reply.view(
      'charter/views/show.njk',
      {
        charter: current,
        mine,
        draft,
        staff: isStaff(user),
        vocab,
        values: values ?? (mine ? { answer: mine.answer, wouldChange: mine.wouldChange ?? '' } : {}),
      },
      errors ? { errors, status: 400 } : {},
    );
  };

  app.get('/', async (request, reply) => showCharter(request, reply));

  app.post('/answer', async (request, reply) => {
    const user = signedInUser(request);
    const form = readAnswerForm(request.body);
    if (!form.ok) return showCharter(request, reply, form.values, form.errors);
    const problem = await charter.answer(user, {
      organisationId: user.organisationId,
      personId: user.personId,
      version: form.data.version,
      answer: form.data.answer,
      wouldChange: form.data.wouldChange,
      how: 'sign-in',
      recordedBy: null,
    });
    if (problem) return showCharter(request, reply, { ...form.data }, problemErrors[problem]);
    request.flash(t(form.data.answer === 'agree' ? 'charter:thanks.agree' : 'charter:thanks.change'));
    return reply.redirect('/charter', 303);
  });

  app.get('/versions', async (request, reply) => {
    const user = signedInUser(request);
    const page = pageOf(listQuery.parse(request.query ?? {}).page);
    const { items, total } = await charter.history(user.organisationId, page);
    return reply.view('charter/views/history.njk', {
      items,
      total,
      pagination: paginationFor(page.page, total, pageLink('/charter/versions', {})),
    });
  });

  app.get('/versions/:id', async (request, reply) => {
    const user = signedInUser(request);
    const version = await charter.published(user.organisationId, versionIds(request).id);
    return reply.view('charter/views/version.njk', { charter: version, vocab });
  });

  // Staff: the draft ----------------------------------------------------------------

  const showDraft = async (request: FastifyRequest, reply: FastifyReply, values?: Record<string, unknown>, errors?: FieldErrors) => {
    const user = signedInUser(request);
    const q = listQuery.parse(request.query ?? {});
    const page = pageOf(q.page);
    const [draft, current, staff] = await Promise.all([
      charter.draft(user.organisationId),
      charter.current(user.organisationId),
      charter.staffChoices(user.organisationId),
    ]);
    // What people said they would change in the version in force, beside the words to change.
    const said = current ? await charter.answers(user, current.version, 'change', page) : null;
    return reply.view(
      'charter/views/draft.njk',
      {
        draft,
        current,
        staff,
        vocab,
        said,
        pagination: said ? paginationFor(page.page, said.total, pageLink('/charter/draft', {})) : null,
        values: values ?? (draft ? { ...draft, sponsor: draft.sponsorPersonId ?? '', sponsorRole: draft.sponsorRole ?? '' } : {}),
      },
      errors ? { errors, status: 400 } : {},
    );
  };

  app.get('/draft', staffOnly, async (request, reply) => showDraft(request, reply));

  app.post('/draft/start', staffOnly, async (request, reply) => {
    await charter.startDraft(signedInUser(request));
    return reply.redirect('/charter/draft', 303);
  });

  app.post('/draft', staffOnly, async (request, reply) => {
    const user = signedInUser(request);
    const values = formFields(request.body);
    delete values._csrf;
    if (await checkMyWords(request, services.plainWords)) return showDraft(request, reply, values);
    const form = parseForm(draftForm, request.body);
    if (!form.ok) return showDraft(request, reply, values, form.errors);
    const { sponsor, sponsorRole, ...words } = form.data;
    const saved = await charter.saveDraft(user, { ...words, sponsorPersonId: sponsor || null, sponsorRole });
    if (saved === 'not-staff') return showDraft(request, reply, values, { sponsor: 'charter:errors.sponsor' });
    if (saved === 'no-draft') return reply.redirect('/charter/draft', 303);
    request.flash(t('charter:draft.saved'));
    return reply.redirect('/charter/draft', 303);
  });

  app.post('/draft/publish', staffOnly, async (request, reply) => {
    const published = await charter.publish(signedInUser(request));
    if (!published.ok && published.reason === 'no-sponsor')
      return showDraft(request, reply, undefined, { sponsor: 'charter:errors.publishSponsor' });
    if (!published.ok) return reply.redirect('/charter/draft', 303);
    request.flash(t('charter:draft.published', { version: published.version }));
    return reply.redirect('/charter', 303);
  });

  // Staff: who answered, and one person's answer -------------------------------------

  app.get('/answers', staffOnly, async (request, reply) => {
    const user = signedInUser(request);
    const q = answersQuery.parse(request.query ?? {});
    const page = pageOf(q.page);
    const current = await charter.current(user.organisationId);
    const list = current ? await charter.answers(user, current.version, q.show === 'all' ? null : q.show, page) : null;
    return reply.view('charter/views/answers.njk', {
      charter: current,
      list,
      show: q.show,
      pagination: list ? paginationFor(page.page, list.total, pageLink('/charter/answers', { show: q.show })) : null,
    });
  });

  const showPerson = async (request: FastifyRequest, reply: FastifyReply, values?: Record<string, unknown>, errors?: FieldErrors) => {
    const user = signedInUser(request);
    const person = await people.get(user.organisationId, personIds(request).personId);
    const current = await charter.current(user.organisationId);
    const theirs = current ? await charter.myAnswer(user.organisationId, current.version, person.id) : null;
    return reply.view(
      'charter/views/person.njk',
      { person: { id: person.id, name: person.name }, charter: current, theirs, hows: recordedHows, values: values ?? {} },
      errors ? { errors, status: 400 } : {},
    );
  };

  app.get('/people/:personId', staffOnly, async (request, reply) => showPerson(request, reply));

  app.post('/people/:personId', staffOnly, async (request, reply) => {
    const user = signedInUser(request);
    const { personId } = personIds(request);
    const form = readAnswerForm(request.body);
    const how = parseForm(howForm, request.body);
    const errors = { ...(form.ok ? {} : form.errors), ...(how.ok ? {} : how.errors) };
    if (!form.ok || !how.ok) return showPerson(request, reply, { ...formFields(request.body), _csrf: undefined }, errors);
    const problem = await charter.answer(user, {
      organisationId: user.organisationId,
      personId,
      version: form.data.version,
      answer: form.data.answer,
      wouldChange: form.data.wouldChange,
      how: how.data.how,
      recordedBy: user.personId,
    });
    if (problem) return showPerson(request, reply, { ...form.data, how: how.data.how }, problemErrors[problem]);
    request.flash(t('charter:person.recorded'));
    return reply.redirect(`/charter/people/${personId}`, 303);
  });

  app.post('/people/:personId/send', staffOnly, async (request, reply) => {
    const user = signedInUser(request);
    const { personId } = personIds(request);
    const result = await charter.sendTo(user, personId);
    request.flash(t(result.sent ? 'charter:person.sent' : 'charter:person.unreachable', { name: result.name }));
    return reply.redirect(`/charter/people/${personId}`, 303);
  });
};
