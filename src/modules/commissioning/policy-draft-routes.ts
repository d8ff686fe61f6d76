import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { RouteDeps } from '../../services.ts';
import { allow, isStaff, signedInUser } from '../../platform/auth.ts';
import { formFields, parseForm, type FieldErrors } from '../../platform/forms.ts';
import { pageLink, pageOf, pageParam, paginationFor } from '../../platform/pagination.ts';
import { recordedHows } from '../replies/service.ts';
import { recommendationCodes } from '../learning/recommendations.ts';
import { readComment, recordedHowForm } from './follow-up-forms.ts';
import { readPolicyForm } from './forms.ts';
import { commentProblems } from './policy-draft-reply.ts';
import type { PolicyDraft } from './policy-drafts.ts';
import { criteriaRows } from './vocabulary.ts';

const pageQuery = z.object({ page: pageParam });
const personField = (name: string) => z.object({ [name]: z.string().uuid('policy-drafts:errors.person') });
type Shown = { values?: Record<string, unknown>; errors?: FieldErrors };

/** The draft's words as the policy form's fields. */
const asFormValues = (d: PolicyDraft): Record<string, unknown> => ({
  codes: d.codes,
  bidChecks: d.bidChecks,
  contractChecks: d.contractChecks,
  writtenWith: d.writtenWith,
  ...Object.fromEntries(
    d.criteria.flatMap((c, i) => [
      [`criterion-${i}`, c.name],
      [`weight-${i}`, String(c.weight)],
    ]),
  ),
});

/**
 * P6, "written with members": everyone reads the draft of the next policy version and says
 * whether they agree or what they would change; staff read the comments beside the draft,
 * change it, write down comments given by phone or letter, send it by people's own channel,
 * and publish it as the next version.
 */
export const policyDraftRoutes: FastifyPluginAsync<RouteDeps> = async (app, { services, t }) => {
  const { policyDrafts, commissioning, personFinder } = services;
  const staffOnly = { preHandler: allow('admin', 'facilitator') };
  app.addHook('preHandler', allow('admin', 'facilitator', 'member'));

  const showDraft = async (request: FastifyRequest, reply: FastifyReply, shown: Shown = {}) => {
    const user = signedInUser(request);
    const page = pageOf(pageQuery.parse(request.query ?? {}).page);
    const [draft, current] = await Promise.all([policyDrafts.draft(user.organisationId), commissioning.currentPolicy(user.organisationId)]);
    const staff = isStaff(user);
    const mine = draft ? await policyDrafts.myComment(user.organisationId, draft.id, user.personId) : null;
    const said = draft && staff ? await policyDrafts.comments(user, draft.id, page) : null;
    const values = shown.values ?? (mine ? { answer: mine.answer, wouldChange: mine.wouldChange ?? '' } : {});
    const finding = staff && draft ? await personFinder.fields(user.organisationId, values, ['sendTo']) : null;
    const people = staff && draft && !finding ? await services.people.directory(user.organisationId) : [];
    return reply.view(
      'commissioning/views/draft.njk',
      {
        draft,
        current,
        staff,
        mine,
        said,
        values,
        hows: recordedHows,
        finding,
        people,
        pagination: said ? paginationFor(page.page, said.total, pageLink('/commissioning/policy/draft', {})) : null,
      },
      shown.errors ? { errors: shown.errors, status: 400 } : {},
    );
  };

  app.get('/policy/draft', async (request, reply) => showDraft(request, reply));

  app.post('/policy/draft/start', staffOnly, async (request, reply) => {
    await policyDrafts.startDraft(signedInUser(request));
    return reply.redirect('/commissioning/policy/draft/edit', 303);
  });

  app.post('/policy/draft/comment', async (request, reply) => {
    const user = signedInUser(request);
    const form = readComment(request.body);
    if (!form.ok) return showDraft(request, reply, { values: form.values, errors: form.errors });
    const problem = await policyDrafts.comment(user, {
      organisationId: user.organisationId,
      personId: user.personId,
      draftId: form.data.draftId,
      answer: form.data.answer,
      wouldChange: form.data.wouldChange,
      how: 'sign-in',
      recordedBy: null,
    });
    if (problem) return showDraft(request, reply, { values: { ...form.data }, errors: commentProblems[problem] });
    request.flash(t(form.data.answer === 'agree' ? 'policy-drafts:thanks.agree' : 'policy-drafts:thanks.change'));
    return reply.redirect('/commissioning/policy/draft', 303);
  });

  const showRecord = async (request: FastifyRequest, reply: FastifyReply, shown: Shown = {}) => {
    const user = signedInUser(request);
    const draft = await policyDrafts.draft(user.organisationId);
    if (!draft) return reply.redirect('/commissioning/policy/draft', 303);
    const values = shown.values ?? {};
    const finding = await personFinder.fields(user.organisationId, values, ['personId']);
    const people = finding ? [] : await services.people.directory(user.organisationId);
    return reply.view(
      'commissioning/views/draft-record.njk',
      { draft, values, hows: recordedHows, finding, people },
      shown.errors ? { errors: shown.errors, status: 400 } : {},
    );
  };

  app.get('/policy/draft/record', staffOnly, async (request, reply) => showRecord(request, reply));

  app.post('/policy/draft/record', staffOnly, async (request, reply) => {
    const user = signedInUser(request);
    const values = formFields(request.body);
    delete values._csrf;
    if (personFinder.isFinding(values)) return showRecord(request, reply, { values });
    const form = readComment(values);
    const who = parseForm(personField('personId'), values);
    const how = parseForm(recordedHowForm, values);
    if (!form.ok || !who.ok || !how.ok) {
      const errors = { ...(form.ok ? {} : form.errors), ...(who.ok ? {} : who.errors), ...(how.ok ? {} : how.errors) };
      return showRecord(request, reply, { values, errors });
    }
    const problem = await policyDrafts.comment(user, {
      organisationId: user.organisationId,
      personId: String(who.data.personId),
      draftId: form.data.draftId,
      answer: form.data.answer,
      wouldChange: form.data.wouldChange,
      how: how.data.how,
      recordedBy: user.personId,
    });
    if (problem) return showRecord(request, reply, { values, errors: commentProblems[problem] });
    request.flash(t('policy-drafts:recorded'));
    return reply.redirect('/commissioning/policy/draft#comments', 303);
  });

  app.post('/policy/draft/send', staffOnly, async (request, reply) => {
    const user = signedInUser(request);
    const values = formFields(request.body);
    delete values._csrf;
    if (personFinder.isFinding(values)) return showDraft(request, reply, { values });
    const who = parseForm(personField('sendTo'), values);
    if (!who.ok) return showDraft(request, reply, { values, errors: who.errors });
    const result = await policyDrafts.sendTo(user, String(who.data.sendTo));
    request.flash(t(result.sent ? 'policy-drafts:sent' : 'policy-drafts:unreachable', { name: result.name }));
    return reply.redirect('/commissioning/policy/draft#send', 303);
  });

  // Staff: changing the draft beside what people said, and publishing it ----------------------

  const showEdit = async (request: FastifyRequest, reply: FastifyReply, shown: Shown = {}) => {
    const user = signedInUser(request);
    const page = pageOf(pageQuery.parse(request.query ?? {}).page);
    const [draft, current] = await Promise.all([policyDrafts.draft(user.organisationId), commissioning.currentPolicy(user.organisationId)]);
    if (!draft) return reply.redirect('/commissioning/policy/draft', 303);
    const said = await policyDrafts.comments(user, draft.id, page);
    const values = shown.values ?? asFormValues(draft);
    const ticked = values.codes === undefined ? [] : Array.isArray(values.codes) ? values.codes : [values.codes];
    return reply.view(
      'commissioning/views/policy-form.njk',
      {
        values,
        ticked,
        codes: recommendationCodes,
        rows: Array.from({ length: criteriaRows }, (_, i) => i),
        version: (current?.version ?? 0) + 1,
        draftMode: true,
        said,
        pagination: paginationFor(page.page, said.total, pageLink('/commissioning/policy/draft/edit', {})),
      },
      shown.errors ? { errors: shown.errors, status: 400 } : {},
    );
  };

  app.get('/policy/draft/edit', staffOnly, async (request, reply) => showEdit(request, reply));

  app.post('/policy/draft/edit', staffOnly, async (request, reply) => {
    const user = signedInUser(request);
    const form = readPolicyForm(request.body);
    if (!form.ok) return showEdit(request, reply, { values: formFields(request.body), errors: form.errors });
    const publishing = formFields(request.body).publish === 'yes';
    if (publishing) {
      const version = await policyDrafts.publish(user, form.data);
      if (version === null) return reply.redirect('/commissioning/policy/draft', 303);
      request.flash(t('policy-drafts:published', { version }));
      return reply.redirect(`/commissioning/policy?version=${version}`, 303);
    }
    await policyDrafts.saveDraft(user, form.data);
    request.flash(t('policy-drafts:saved'));
    return reply.redirect('/commissioning/policy/draft', 303);
  });
};
