import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { RouteDeps } from '../../services.ts';
import { allow, signedInUser, type CurrentUser } from '../../platform/auth.ts';
import { parseForm, type FieldErrors } from '../../platform/forms.ts';
import { londonToday } from '../../platform/time.ts';
import { limitTyped, meetingCreditsForm, parseLimitForm, parsePolicyForm, policyTyped, policyValues, vouchersForm } from './forms.ts';
import { formatMoney } from '../../platform/money.ts';
import { activityTypes, limitKinds, preparationKinds } from './vocabulary.ts';

export const adviceLinks = {
  citizensAdvice: 'https://www.citizensadvice.org.uk/benefits/',
  disabilityRightsUk: 'https://www.disabilityrightsuk.org/resources/factsheets',
};

/**
 * The organisation's side of payments (S2, S3): the payment policy and the benefits
 * limits. Staff read them; only admins change them.
 */
export const rewardsRoutes: FastifyPluginAsync<RouteDeps> = async (app, { services, t, now }) => {
  const { rewards } = services;
  app.addHook('preHandler', allow('admin', 'facilitator'));
  const adminOnly = allow('admin');
  const actor = (user: CurrentUser) => ({ organisationId: user.organisationId, personId: user.personId });
  const vocab = { activityTypes, limitKinds, preparationKinds };
  const page = (reply: FastifyReply, template: string, ctx: Record<string, unknown>, errors?: FieldErrors) =>
    reply.view(`rewards/views/${template}`, { money: formatMoney, vocab, advice: adviceLinks, ...ctx }, errors ? { errors } : {});

  app.get('/', async (request, reply) => {
    const user = signedInUser(request);
    const today = londonToday(now());
    const [policy, limits] = await Promise.all([rewards.policyOn(user.organisationId, today), rewards.limits(user.organisationId)]);
    const sections = [
      { href: '/claims', title: 'rewards:home.claims', text: 'rewards:home.claimsText' },
      { href: '/rewards/policy', title: 'rewards:home.policy', text: 'rewards:home.policyText' },
      { href: '/rewards/benefits', title: 'rewards:home.benefits', text: 'rewards:home.benefitsText' },
    ];
    return page(reply, 'index.njk', { sections, policy, limitsSet: limits.length });
  });

  // The payment policy ------------------------------------------------------------

  const showPolicy = async (request: FastifyRequest, reply: FastifyReply, errors?: FieldErrors) => {
    const user = signedInUser(request);
    const [timeline, meetingCredits] = await Promise.all([
      rewards.policyTimeline(user.organisationId),
      rewards.meetingCreditsRule(user.organisationId),
    ]);
    return page(reply, 'policy.njk', { ...timeline, meetingCredits, admin: user.role === 'admin' }, errors);
  };

  app.get('/policy', async (request, reply) => showPolicy(request, reply));

  // Decision 0015: whether a claim for a meeting replaces the attendance credits for it.
  app.post('/policy/meeting-credits', { preHandler: adminOnly }, async (request, reply) => {
    const user = signedInUser(request);
    const form = parseForm(meetingCreditsForm, request.body);
    if (!form.ok) return showPolicy(request, reply, form.errors);
    await rewards.setMeetingCreditsRule(actor(user), form.data.meetingCredits);
    request.flash(t('rewards:policy.meetingCreditsSaved'));
    return reply.redirect('/rewards/policy', 303);
  });

  const showPolicyForm = async (request: FastifyRequest, reply: FastifyReply, values?: Record<string, unknown>, errors?: FieldErrors) => {
    const user = signedInUser(request);
    const current = await rewards.policyOn(user.organisationId, londonToday(now()));
    return page(reply, 'policy-form.njk', { current, values: values ?? policyValues(current) }, errors);
  };

  app.get('/policy/new', { preHandler: adminOnly }, async (request, reply) => showPolicyForm(request, reply));

  app.post('/policy/new', { preHandler: adminOnly }, async (request, reply) => {
    const user = signedInUser(request);
    const form = parsePolicyForm(request.body);
    if (!form.ok) return showPolicyForm(request, reply, policyTyped(request.body), form.errors);
    const saved = await rewards.addPolicy(actor(user), form.data);
    if (!saved.ok) return showPolicyForm(request, reply, policyTyped(request.body), saved.errors);
    request.flash(t('rewards:policy.saved'));
    return reply.redirect('/rewards/policy', 303);
  });

  // Benefits limits and the voucher setting ------------------------------------------

  const showBenefits = async (request: FastifyRequest, reply: FastifyReply, values?: Record<string, unknown>, errors?: FieldErrors) => {
    const user = signedInUser(request);
    const [byKind, vouchersCount] = await Promise.all([
      rewards.limitsByKind(user.organisationId),
      rewards.vouchersCountAsEarnings(user.organisationId),
    ]);
    return page(
      reply,
      'limits.njk',
      { byKind, values: values ?? { vouchersCount: vouchersCount ? 'yes' : 'no' }, vouchersCount, admin: user.role === 'admin' },
      errors,
    );
  };

  app.get('/benefits', async (request, reply) => showBenefits(request, reply));

  app.post('/benefits/vouchers', { preHandler: adminOnly }, async (request, reply) => {
    const user = signedInUser(request);
    const form = parseForm(vouchersForm, request.body);
    if (!form.ok) return showBenefits(request, reply, {}, form.errors);
    await rewards.setVouchersCountAsEarnings(actor(user), form.data.vouchersCount === 'yes');
    request.flash(t('rewards:limits.vouchersSaved'));
    return reply.redirect('/rewards/benefits', 303);
  });

  const showLimitForm = (reply: FastifyReply, values: Record<string, unknown>, errors?: FieldErrors) =>
    page(reply, 'limit-form.njk', { values }, errors);

  app.get('/benefits/limits/new', { preHandler: adminOnly }, async (_request, reply) => showLimitForm(reply, { effectiveFrom: {} }));

  app.post('/benefits/limits/new', { preHandler: adminOnly }, async (request, reply) => {
    const user = signedInUser(request);
    const form = parseLimitForm(request.body);
    if (!form.ok) return showLimitForm(reply, limitTyped(request.body), form.errors);
    const saved = await rewards.addLimit(actor(user), form.data);
    if (!saved.ok) return showLimitForm(reply, limitTyped(request.body), saved.errors);
    request.flash(t('rewards:limits.saved'));
    return reply.redirect('/rewards/benefits', 303);
  });
};
