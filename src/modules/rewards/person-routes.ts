import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { RouteDeps } from '../../services.ts';
import { allow, isStaff, signedInUser, type CurrentUser } from '../../platform/auth.ts';
import { Forbidden } from '../../platform/errors.ts';
import type { FieldErrors } from '../../platform/forms.ts';
import { urlIds } from '../../platform/params.ts';
import { benefitsValues, choiceValues, parseBenefitsForm, parseChoiceForm } from './forms.ts';
import { formatMoney } from '../../platform/money.ts';
import { adviceLinks } from './routes.ts';
import { benefitKinds, rewardWays } from './vocabulary.ts';
import { typedValues } from '../../platform/forms.ts';

const personId = urlIds('id');

/**
 * How one person is rewarded, and the benefits they chose to tell us about (S2). Staff
 * see anyone in their organisation; a member sees and changes only their own.
 */
export const rewardPersonRoutes: FastifyPluginAsync<RouteDeps> = async (app, { services, t }) => {
  const { rewards, people } = services;
  app.addHook('preHandler', allow('admin', 'facilitator', 'member'));
  const actor = (user: CurrentUser) => ({ organisationId: user.organisationId, personId: user.personId });
  const vocab = { rewardWays, benefitKinds };

  /** The person whose page this is: staff open anyone in their organisation, members only themself. */
  const personFor = async (request: FastifyRequest) => {
    const user = signedInUser(request);
    const { id } = personId(request);
    if (!isStaff(user) && user.personId !== id) throw new Forbidden();
    return { user, person: await people.get(user.organisationId, id), self: user.personId === id };
  };
  const page = (reply: FastifyReply, template: string, ctx: Record<string, unknown>, errors?: FieldErrors) =>
    reply.view(`rewards/views/${template}`, { money: formatMoney, vocab, advice: adviceLinks, ...ctx }, errors ? { errors } : {});

  /** A person's own page has a short address to give out. */
  app.get('/reward', async (request, reply) => reply.redirect(`/people/${signedInUser(request).personId}/reward`, 303));

  app.get('/people/:id/reward', async (request, reply) => {
    const { user, person, self } = await personFor(request);
    const [current, history, learned] = await Promise.all([
      rewards.rewardChoice(user.organisationId, person.id),
      rewards.rewardChoices(user.organisationId, person.id),
      // What they got back beyond money (P3): modules finished and training, and their certificate.
      services.learn.gotBack(user.organisationId, person.id),
    ]);
    return page(reply, 'reward.njk', { person, self, current, history, learned });
  });

  const showChoiceForm = async (request: FastifyRequest, reply: FastifyReply, values?: Record<string, unknown>, errors?: FieldErrors) => {
    const { user, person, self } = await personFor(request);
    const shown = values ?? choiceValues(await rewards.rewardChoice(user.organisationId, person.id));
    return page(reply, 'reward-form.njk', { person, self, values: shown }, errors);
  };

  app.get('/people/:id/reward/change', async (request, reply) => showChoiceForm(request, reply));

  app.post('/people/:id/reward/change', async (request, reply) => {
    const { user, person, self } = await personFor(request);
    const form = parseChoiceForm(request.body);
    if (!form.ok) return showChoiceForm(request, reply, typedValues(request.body, []), form.errors);
    const { onBehalf, ...choice } = form.data;
    await rewards.chooseReward(actor(user), person.id, choice, onBehalf && !self ? person.id : null);
    request.flash(t('rewards:choice.saved'));
    return reply.redirect(`/people/${person.id}/reward`, 303);
  });

  app.get('/people/:id/benefits', async (request, reply) => {
    const { user, person, self } = await personFor(request);
    return page(reply, 'benefits.njk', { person, self, benefits: await rewards.viewBenefits(actor(user), person.id) });
  });

  const showBenefitsForm = async (request: FastifyRequest, reply: FastifyReply, values?: Record<string, unknown>, errors?: FieldErrors) => {
    const { user, person, self } = await personFor(request);
    const shown = values ?? benefitsValues(await rewards.viewBenefits(actor(user), person.id));
    return page(reply, 'benefits-form.njk', { person, self, values: shown }, errors);
  };

  app.get('/people/:id/benefits/change', async (request, reply) => showBenefitsForm(request, reply));

  app.post('/people/:id/benefits/change', async (request, reply) => {
    const { user, person, self } = await personFor(request);
    const form = parseBenefitsForm(request.body);
    if (!form.ok) return showBenefitsForm(request, reply, typedValues(request.body, ['benefits']), form.errors);
    await rewards.saveBenefits(
      actor(user),
      person.id,
      form.data.consent,
      form.data.benefits,
      form.data.onBehalf && !self ? person.id : null,
    );
    request.flash(t(form.data.consent ? 'rewards:benefits.saved' : 'rewards:benefits.cleared'));
    return reply.redirect(`/people/${person.id}/benefits`, 303);
  });
};
