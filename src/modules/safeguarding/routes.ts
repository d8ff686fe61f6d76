import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { RouteDeps } from '../../services.ts';
import { allow, signedInUser } from '../../platform/auth.ts';

import { fieldText, formFields, optionalText, parseForm, requiredText, type FieldErrors } from '../../platform/forms.ts';
import { pageLink, pageOf, pageParam, paginationFor } from '../../platform/pagination.ts';
import { urlIds } from '../../platform/params.ts';
import { referredTos } from './service.ts';
import { referralWordKeys } from './referral-words.ts';

const concernForm = z.object({
  whatHappened: requiredText('safeguarding:errors.whatHappened', 5000),
  aboutName: optionalText(200),
  dangerNow: z.enum(['yes', 'no'], { message: 'safeguarding:errors.dangerNow' }),
  reporterName: optionalText(200),
  reporterContact: optionalText(200),
});
const referForm = z.object({
  referredTo: z.enum(referredTos, { message: 'safeguarding:errors.referredTo' }),
  note: optionalText(2000),
});
const closeForm = z.object({ outcome: requiredText('safeguarding:errors.outcome', 2000) });
const settingsForm = z.object({
  lead: z.string().max(100).optional().default(''),
  deputy: z.string().max(100).optional().default(''),
  days: z.coerce
    .number({ message: 'safeguarding:errors.days' })
    .int('safeguarding:errors.days')
    .min(1, 'safeguarding:errors.days')
    .max(10, 'safeguarding:errors.days'),
  outOfHours: optionalText(1000),
  localTeam: optionalText(1000),
});
const listQuery = z.object({ page: pageParam, show: z.enum(['open', 'closed']).catch('open').default('open') });
const concernIds = urlIds('id');

/**
 * Raising a concern is open to anyone, signed in or not (the form is linked from every
 * page's footer); reading and handling one is for the organisation's safeguarding lead and
 * deputy; naming them is for admins.
 */
export const safeguardingRoutes: FastifyPluginAsync<RouteDeps> = async (app, { services, config, t }) => {
  const { safeguarding, organisations } = services;
  // Tighter than sign-in (half its allowance a minute, over ten minutes): nobody needs to
  // raise many concerns from one address. 5 every 10 minutes with the default of 10.
  const limited = { rateLimit: { max: Math.max(1, Math.ceil(config.signInRateLimit / 2)), timeWindow: '10 minutes' } };

  /** Which organisation a concern goes to: the signed-in person's, or the one they chose. */
  const organisationsToChoose = async (request: FastifyRequest) => (request.user ? [] : await organisations.names());

  const showForm = async (request: FastifyRequest, reply: FastifyReply, values: Record<string, unknown>, errors?: FieldErrors) => {
    const choices = await organisationsToChoose(request);
    const organisationId = request.user?.organisationId ?? (choices.length === 1 ? choices[0]!.id : fieldText(values, 'organisation'));
    const settings = organisationId ? await safeguarding.settingsFor(organisationId) : null;
    return reply.view(
      'safeguarding/views/raise.njk',
      {
        values,
        choices: choices.length > 1 ? choices : [],
        stamp: safeguarding.formStamp(),
        outOfHours: settings?.outOfHours ?? null,
        signedIn: Boolean(request.user),
      },
      errors ? { errors, status: 400 } : {},
    );
  };

  app.get('/concern', async (request, reply) => showForm(request, reply, {}));

  app.post('/concern', { config: limited }, async (request, reply) => {
    const values = formFields(request.body);
    delete values._csrf;
    const errors: FieldErrors = {};
    // A box people cannot see, and the time the form was shown: scripts fill one and rush the other.
    if (fieldText(values, 'website')) errors.form = 'safeguarding:errors.notSent';
    const stamp = safeguarding.stampProblem(fieldText(values, 'stamp'));
    if (stamp === 'too-quick') errors.form = 'safeguarding:errors.tooQuick';
    if (stamp === 'stale') errors.form = 'safeguarding:errors.stale';
    const choices = await organisationsToChoose(request);
    const organisationId =
      request.user?.organisationId ??
      (choices.length === 1 ? choices[0]!.id : choices.find((c) => c.id === fieldText(values, 'organisation'))?.id);
    if (!organisationId) errors.organisation = 'safeguarding:errors.organisation';
    const form = parseForm(concernForm, request.body);
    if (!form.ok) Object.assign(errors, form.errors);
    if (!form.ok || Object.keys(errors).length || !organisationId) return showForm(request, reply, values, errors);
    const { reference } = await safeguarding.raise({
      organisationId,
      raisedByPersonId: request.user?.personId ?? null,
      reporterName: form.data.reporterName,
      reporterContact: form.data.reporterContact,
      aboutName: form.data.aboutName,
      whatHappened: form.data.whatHappened,
      dangerNow: form.data.dangerNow === 'yes',
    });
    request.flash(t('safeguarding:sent.flash', { reference }));
    return reply.redirect('/safeguarding/concern/sent', 303);
  });

  app.get('/concern/sent', async (_request, reply) => reply.view('safeguarding/views/sent.njk', {}));

  // The leads' pages. Anyone else signed in is refused; signing in comes first.
  const lead = { preHandler: allow('admin', 'facilitator') };

  app.get('/', lead, async (request, reply) => {
    const user = signedInUser(request);
    const q = listQuery.parse(request.query ?? {});
    const page = pageOf(q.page);
    const { items, total } = await safeguarding.list(user, q.show === 'open', page);
    return reply.view('safeguarding/views/list.njk', {
      referralWords: referralWordKeys(request.welshSetting !== 'off'),
      items,
      total,
      show: q.show,
      pagination: paginationFor(page.page, total, pageLink('/safeguarding', { show: q.show })),
    });
  });

  const showConcern = async (request: FastifyRequest, reply: FastifyReply, values: Record<string, unknown> = {}, errors?: FieldErrors) => {
    const user = signedInUser(request);
    const concern = await safeguarding.read(user, concernIds(request).id);
    const referralWords = referralWordKeys(request.welshSetting !== 'off');
    return reply.view(
      'safeguarding/views/concern.njk',
      { concern, values, referredTos, referralWords },
      errors ? { errors, status: 400 } : {},
    );
  };

  app.get('/:id', lead, async (request, reply) => showConcern(request, reply));

  const done = (request: FastifyRequest, reply: FastifyReply, changed: boolean, key: string) => {
    request.flash(t(changed ? `safeguarding:flash.${key}` : 'safeguarding:flash.alreadyDone'));
    return reply.redirect(`/safeguarding/${concernIds(request).id}`, 303);
  };

  app.post('/:id/acknowledge', lead, async (request, reply) =>
    done(request, reply, await safeguarding.acknowledge(signedInUser(request), concernIds(request).id), 'acknowledged'),
  );

  app.post('/:id/refer', lead, async (request, reply) => {
    const form = parseForm(referForm, request.body);
    if (!form.ok) return showConcern(request, reply, formFields(request.body), form.errors);
    return done(
      request,
      reply,
      await safeguarding.refer(signedInUser(request), concernIds(request).id, form.data.referredTo, form.data.note),
      'referred',
    );
  });

  app.post('/:id/close', lead, async (request, reply) => {
    const form = parseForm(closeForm, request.body);
    if (!form.ok) return showConcern(request, reply, formFields(request.body), form.errors);
    return done(request, reply, await safeguarding.close(signedInUser(request), concernIds(request).id, form.data.outcome), 'closed');
  });
};

/** Admins name the safeguarding lead and deputy and the time they have to pick a concern up. */
export const safeguardingSettingsRoutes: FastifyPluginAsync<RouteDeps> = async (app, { services, t }) => {
  const { safeguarding } = services;
  app.addHook('preHandler', allow('admin'));

  const show = async (
    request: FastifyRequest,
    reply: FastifyReply,
    values: Record<string, unknown>,
    errors?: FieldErrors,
    staff?: Awaited<ReturnType<typeof safeguarding.staffChoices>>,
  ) =>
    reply.view(
      'safeguarding/views/settings.njk',
      { values, staff: staff ?? (await safeguarding.staffChoices(signedInUser(request).organisationId)) },
      errors ? { errors, status: 400 } : {},
    );

  app.get('/organisation/safeguarding', async (request, reply) => {
    const organisationId = signedInUser(request).organisationId;
    // The settings and the staff to choose from are asked at once: one round trip, not two.
    const [s, staff] = await Promise.all([safeguarding.settingsFor(organisationId), safeguarding.staffChoices(organisationId)]);
    return show(
      request,
      reply,
      {
        lead: s.leadPersonId ?? '',
        deputy: s.deputyPersonId ?? '',
        days: String(s.acknowledgeWithinDays),
        outOfHours: s.outOfHours ?? '',
        localTeam: s.localTeam ?? '',
      },
      undefined,
      staff,
    );
  });

  app.post('/organisation/safeguarding', async (request, reply) => {
    const user = signedInUser(request);
    const values = formFields(request.body);
    const form = parseForm(settingsForm, request.body);
    if (!form.ok) return show(request, reply, values, form.errors);
    const saved = await safeguarding.saveSettings(user, {
      leadPersonId: form.data.lead || null,
      deputyPersonId: form.data.deputy || null,
      acknowledgeWithinDays: form.data.days,
      outOfHours: form.data.outOfHours,
      localTeam: form.data.localTeam,
    });
    if (saved === 'not-staff') return show(request, reply, values, { lead: 'safeguarding:errors.notStaff' });
    request.flash(t('safeguarding:settings.saved'));
    return reply.redirect('/organisation/safeguarding', 303);
  });
};
