import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { RouteDeps } from '../../services.ts';
import { allow, signedInUser } from '../../platform/auth.ts';
import { AppError, NotFound } from '../../platform/errors.ts';
import { checkUpload, type FileKind } from '../../platform/file-kinds.ts';
import { fieldText, formFields, parseForm, type FieldErrors } from '../../platform/forms.ts';
import { uploadedFileName } from '../../platform/files.ts';
import { pageLink, pageOf, pageParam, paginationFor } from '../../platform/pagination.ts';
import { urlIds } from '../../platform/params.ts';
import { sendFile } from '../../platform/serve-file.ts';
import { agreeForm, bidForm, criterionForm, providerForm, readInterests, readScores, summaryForm } from './forms.ts';
import { scoreValues } from './vocabulary.ts';

const roundIds = urlIds('id');
const bidIds = urlIds('id', 'bidId');
const criterionIds = urlIds('id', 'criterionId');
const personIds = urlIds('id', 'personId');
const pageQuery = z.object({ page: pageParam });
const personField = z.object({ personId: z.string().uuid('commissioning:errors.person') });
const bidKinds: ReadonlySet<FileKind> = new Set(['pdf', 'word', 'document']);
const uploadProblems = {
  missing: 'commissioning:errors.fileMissing',
  empty: 'commissioning:errors.fileEmpty',
  'too-large': 'commissioning:errors.fileTooLarge',
  'wrong-type': 'commissioning:errors.fileType',
} as const;

type Shown = { values?: Record<string, unknown>; errors?: FieldErrors };

/**
 * A round's page and every step of it. Staff set it up (criteria, bids, panel) and move it
 * on; panel members declare interests, score bids alone, agree scores together, and say they
 * agree. Every step is an ordinary form, so it works on a phone with JavaScript off.
 */
export const panelRoutes: FastifyPluginAsync<RouteDeps> = async (app, { services, config, t }) => {
  const { commissioning, personFinder } = services;
  const staffOnly = { preHandler: allow('admin', 'facilitator') };
  const upload = { multipartOptions: { limits: { fileSize: config.maxUploadBytes + 1, files: 1 }, throwFileSizeLimit: false } };
  app.addHook('preHandler', allow('admin', 'facilitator', 'member'));

  /** A refusal the person can act on (too late, already there) goes back to the page as an error. */
  const asError = async <T>(work: () => Promise<T>): Promise<T | FieldErrors> => {
    try {
      return await work();
    } catch (error) {
      if (error instanceof AppError && error.status === 409) return { form: error.messageKey };
      throw error;
    }
  };
  const isErrors = (x: unknown): x is FieldErrors => typeof x === 'object' && x !== null && 'form' in x;

  const showRound = async (request: FastifyRequest, reply: FastifyReply, shown: Shown = {}) => {
    const user = signedInUser(request);
    const { id } = roundIds(request);
    const view = await commissioning.view(user, id);
    const values = shown.values ?? {};
    // After the contract, and what the last check of the service found (provider-checks.ts).
    const [finding, afterContract] = await Promise.all([
      view.may.changePanel ? personFinder.fields(user.organisationId, values, ['personId']) : null,
      services.providerChecks.forRoundPage(user, view),
    ]);
    const candidates =
      view.may.changePanel && !finding
        ? (await services.people.directory(user.organisationId)).filter((p) => !view.panel.some((m) => m.personId === p.id))
        : [];
    return reply.view(
      'commissioning/views/round.njk',
      { ...view, ...afterContract, finding, candidates, values, maxMb: Math.floor(config.maxUploadBytes / (1024 * 1024)) },
      shown.errors ? { errors: shown.errors, status: 400 } : {},
    );
  };
  const back = (id: string, reply: FastifyReply, anchor = '') => reply.redirect(`/commissioning/rounds/${id}${anchor}`, 303);

  app.get('/rounds/:id', async (request, reply) => showRound(request, reply));

  // Setting up (staff) ---------------------------------------------------------------------

  app.post('/rounds/:id/criteria', staffOnly, async (request, reply) => {
    const { id } = roundIds(request);
    const form = parseForm(criterionForm, request.body);
    if (!form.ok) return showRound(request, reply, { values: formFields(request.body), errors: form.errors });
    const done = await asError(() => commissioning.addCriterion(signedInUser(request), id, form.data));
    if (isErrors(done)) return showRound(request, reply, { values: formFields(request.body), errors: done });
    request.flash(t('commissioning:criteria.added'));
    return back(id, reply, '#criteria');
  });

  app.post('/rounds/:id/criteria/:criterionId/remove', staffOnly, async (request, reply) => {
    const { id, criterionId } = criterionIds(request);
    const done = await asError(() => commissioning.removeCriterion(signedInUser(request), id, criterionId));
    if (isErrors(done)) return showRound(request, reply, { errors: done });
    request.flash(t('commissioning:criteria.removed'));
    return back(id, reply, '#criteria');
  });

  app.post('/rounds/:id/bids', { ...staffOnly, config: upload }, async (request, reply) => {
    const { id } = roundIds(request);
    const body = formFields(request.body);
    const values = Object.fromEntries(Object.entries(body).filter(([k]) => k !== 'document'));
    const form = parseForm(bidForm, values);
    const raw = body.document;
    const file = await checkUpload(Buffer.isBuffer(raw) ? { data: raw, fileName: uploadedFileName(raw) } : null, {
      maxBytes: config.maxUploadBytes,
      kinds: bidKinds,
      required: true,
    });
    if (!form.ok || !file.ok) {
      const errors = { ...(form.ok ? {} : form.errors), ...(file.ok ? {} : { document: uploadProblems[file.problem] }) };
      return showRound(request, reply, { values: formFields(values), errors });
    }
    const done = await asError(() => commissioning.addBid(signedInUser(request), id, form.data, file.file!));
    if (isErrors(done)) return showRound(request, reply, { values: formFields(values), errors: done });
    request.flash(t('commissioning:bids.added'));
    return back(id, reply, '#bids');
  });

  app.post('/rounds/:id/panel', staffOnly, async (request, reply) => {
    const { id } = roundIds(request);
    const values = formFields(request.body);
    if (personFinder.isFinding(values)) return showRound(request, reply, { values });
    const form = parseForm(personField, values);
    if (!form.ok) return showRound(request, reply, { values, errors: form.errors });
    const done = await asError(() => commissioning.addToPanel(signedInUser(request), id, form.data.personId));
    if (isErrors(done)) return showRound(request, reply, { values, errors: { personId: done.form! } });
    request.flash(t('commissioning:panel.added'));
    return back(id, reply, '#panel');
  });

  app.post('/rounds/:id/panel/:personId/remove', staffOnly, async (request, reply) => {
    const { id, personId } = personIds(request);
    const done = await asError(() => commissioning.removeFromPanel(signedInUser(request), id, personId));
    if (isErrors(done)) return showRound(request, reply, { errors: done });
    request.flash(t('commissioning:panel.removed'));
    return back(id, reply, '#panel');
  });

  app.post('/rounds/:id/next', staffOnly, async (request, reply) => {
    const { id } = roundIds(request);
    const done = await asError(() => commissioning.moveOn(signedInUser(request), id));
    if (isErrors(done)) return showRound(request, reply, { errors: done });
    request.flash(t(`commissioning:next.done.${done}`));
    return back(id, reply);
  });

  app.post('/rounds/:id/summary', staffOnly, async (request, reply) => {
    const { id } = roundIds(request);
    const form = parseForm(summaryForm, request.body);
    if (!form.ok) return showTogether(request, reply, { values: formFields(request.body), errors: form.errors });
    const done = await asError(() => commissioning.writeSummary(signedInUser(request), id, form.data.summary));
    if (isErrors(done)) return showTogether(request, reply, { errors: done });
    request.flash(t('commissioning:together.summarySaved'));
    return reply.redirect(`/commissioning/rounds/${id}/together`, 303);
  });

  app.post('/rounds/:id/provider', staffOnly, async (request, reply) => {
    const { id } = roundIds(request);
    const form = parseForm(providerForm, request.body);
    if (!form.ok) throw new NotFound();
    const done = await asError(() => commissioning.linkProvider(signedInUser(request), id, form.data.groupId || null));
    if (isErrors(done)) return showRound(request, reply, { errors: done });
    request.flash(t('commissioning:provider.saved'));
    return back(id, reply, '#provider');
  });

  // The panel's part ---------------------------------------------------------------------

  app.get('/rounds/:id/bids/:bidId/document', async (request, reply) => {
    const user = signedInUser(request);
    const { id, bidId } = bidIds(request);
    const file = await commissioning.bidFile(user, id, bidId);
    return sendFile(reply, file, () =>
      services.readsLog.record(user, [
        { subjectType: 'commissioning', subjectId: id, action: 'bid-downloaded', changes: [{ field: 'bid', to: bidId }] },
      ]),
    );
  });

  const showDeclare = async (request: FastifyRequest, reply: FastifyReply, shown: Shown = {}) => {
    const view = await commissioning.view(signedInUser(request), roundIds(request).id);
    if (!view.me) throw new NotFound();
    const values = shown.values ?? {
      interest: view.bidders.filter((b) => b.reason).map((b) => b.id),
      ...Object.fromEntries(view.bidders.filter((b) => b.reason).map((b) => [`reason-${b.id}`, b.reason])),
      none: view.me.declared && !view.me.conflicts ? 'yes' : '',
    };
    const ticked = values.interest === undefined ? [] : Array.isArray(values.interest) ? values.interest : [values.interest];
    return reply.view(
      'commissioning/views/declare.njk',
      { ...view, values, ticked },
      shown.errors ? { errors: shown.errors, status: 400 } : {},
    );
  };

  app.get('/rounds/:id/interests', async (request, reply) => showDeclare(request, reply));

  app.post('/rounds/:id/interests', async (request, reply) => {
    const user = signedInUser(request);
    const { id } = roundIds(request);
    const view = await commissioning.view(user, id);
    const form = readInterests(
      request.body,
      view.bidders.map((b) => b.id),
    );
    if (!form.ok) return showDeclare(request, reply, { values: formFields(request.body), errors: form.errors });
    const done = await asError(() => commissioning.declare(user, id, form.data));
    if (isErrors(done)) return showDeclare(request, reply, { values: formFields(request.body), errors: done });
    request.flash(t('commissioning:declare.saved'));
    return back(id, reply);
  });

  const showScore = async (request: FastifyRequest, reply: FastifyReply, shown: Shown = {}) => {
    const { id, bidId } = bidIds(request);
    const view = await commissioning.view(signedInUser(request), id);
    const bid = view.bids.find((b) => b.id === bidId);
    if (!view.me || !bid) throw new NotFound();
    const values =
      shown.values ?? Object.fromEntries(view.criteria.map((c) => [`score-${c.id}`, String(view.myScores[`${bid.id}:${c.id}`] ?? '')]));
    return reply.view(
      'commissioning/views/score.njk',
      { ...view, bid, values, scoreValues },
      shown.errors ? { errors: shown.errors, status: 400 } : {},
    );
  };

  app.get('/rounds/:id/bids/:bidId/score', async (request, reply) => showScore(request, reply));

  app.post('/rounds/:id/bids/:bidId/score', async (request, reply) => {
    const user = signedInUser(request);
    const { id, bidId } = bidIds(request);
    const view = await commissioning.view(user, id);
    const form = readScores(
      request.body,
      view.criteria.map((c) => c.id),
    );
    if (!form.ok) return showScore(request, reply, { values: formFields(request.body), errors: form.errors });
    const done = await asError(() => commissioning.scoreAlone(user, id, bidId, form.data));
    if (isErrors(done)) return showScore(request, reply, { values: formFields(request.body), errors: done });
    request.flash(t('commissioning:score.saved'));
    return back(id, reply, '#bids');
  });

  const showTogether = async (request: FastifyRequest, reply: FastifyReply, shown: Shown = {}) => {
    const user = signedInUser(request);
    const { id } = roundIds(request);
    const page = pageOf(pageQuery.parse(request.query ?? {}).page);
    const [view, moderation] = await Promise.all([commissioning.view(user, id), commissioning.moderation(user, id, page)]);
    if (!view.results) throw new NotFound();
    return reply.view(
      'commissioning/views/together.njk',
      {
        ...view,
        moderation: moderation.items,
        values: shown.values ?? { summary: view.round.summary ?? '' },
        scoreValues,
        pagination: paginationFor(page.page, moderation.total, pageLink(`/commissioning/rounds/${id}/together`, {})),
      },
      shown.errors ? { errors: shown.errors, status: 400 } : {},
    );
  };

  app.get('/rounds/:id/together', async (request, reply) => showTogether(request, reply));

  app.post('/rounds/:id/bids/:bidId/agree', async (request, reply) => {
    const { id, bidId } = bidIds(request);
    const values = formFields(request.body);
    const form = parseForm(agreeForm, values);
    // Each bid has its own form, so its fields carry the bid's id.
    const own = (errors: FieldErrors) => Object.fromEntries(Object.entries(errors).map(([k, v]) => [`${k}-${bidId}`, v]));
    if (!form.ok) return showTogether(request, reply, { values: { ...values, bidId }, errors: own(form.errors) });
    const done = await asError(() => commissioning.agreeScore(signedInUser(request), id, { bidId, ...form.data }));
    if (isErrors(done)) return showTogether(request, reply, { errors: done });
    request.flash(t('commissioning:together.scoreSaved'));
    return reply.redirect(`/commissioning/rounds/${id}/together#bid-${bidId}`, 303);
  });

  app.post('/rounds/:id/agree', async (request, reply) => {
    const { id } = roundIds(request);
    if (fieldText(request.body, 'agree') !== 'yes')
      return showTogether(request, reply, { errors: { agree: 'commissioning:errors.agree' } });
    const done = await asError(() => commissioning.agreeWithPanel(signedInUser(request), id));
    if (isErrors(done)) return showTogether(request, reply, { errors: done });
    request.flash(t('commissioning:together.agreed'));
    return back(id, reply);
  });
};
