import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import { z } from 'zod';
import type { RouteDeps } from '../../services.ts';
import { allow, signedInUser } from '../../platform/auth.ts';
import { checkbox, formFields, optionalText, parseForm, type FieldErrors } from '../../platform/forms.ts';

const twoStepForm = z.object({ twoStepRequired: checkbox });

const domainPattern = /^(?=.{3,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;
const providerForm = z.object({
  enabled: checkbox,
  issuer: optionalText(500),
  clientId: optionalText(300),
  clientSecret: optionalText(500),
  emailDomain: z.preprocess((v) => (typeof v === 'string' ? v.trim().toLowerCase().replace(/^@/, '') : v), optionalText(253)),
  ssoOnly: checkbox,
  acceptProviderTwoStep: checkbox,
});

/** The organisation's sign-in settings, admins only: two-step sign-in for staff, and its identity provider. */
export const signInSettingsRoutes: FastifyPluginAsync<RouteDeps> = async (app, { services, config, t }) => {
  const { singleSignOn, twoStep } = services;
  app.addHook('preHandler', allow('admin'));

  const show = async (
    reply: FastifyReply,
    organisationId: string,
    values?: { twoStep?: Record<string, unknown>; provider?: Record<string, unknown> },
    errors?: FieldErrors,
  ) => {
    const [rules, provider] = await Promise.all([twoStep.settings(organisationId), singleSignOn.settings(organisationId)]);
    return reply.view(
      'single-sign-on/views/settings.njk',
      {
        twoStep: values?.twoStep ?? { twoStepRequired: rules.twoStepRequired },
        // The client secret is never shown back, only whether one is stored.
        provider: { ...provider, ...(values?.provider ?? {}), clientSecret: '' },
        hasClientSecret: provider.hasClientSecret,
        redirectUri: singleSignOn.redirectUri,
      },
      errors ? { errors } : {},
    );
  };

  app.get('/organisation/sign-in', async (request, reply) => show(reply, signedInUser(request).organisationId));

  app.post('/organisation/sign-in/two-step', async (request, reply) => {
    const user = signedInUser(request);
    const form = parseForm(twoStepForm, request.body);
    if (!form.ok) return show(reply, user.organisationId, undefined, form.errors);
    await twoStep.setRequired(user, form.data.twoStepRequired);
    request.flash(t('single-sign-on:settings.saved'));
    // An admin who requires it of staff sets it up too, before going on.
    if (form.data.twoStepRequired && !(await twoStep.status(user)).setUp) {
      request.session.twoStepSetUpNeeded = true;
      return reply.redirect('/account/two-step', 303);
    }
    return reply.redirect('/organisation/sign-in', 303);
  });

  app.post('/organisation/sign-in/provider', async (request, reply) => {
    const user = signedInUser(request);
    const body = formFields(request.body);
    const typed = {
      ...body,
      enabled: body.enabled === 'yes',
      ssoOnly: body.ssoOnly === 'yes',
      acceptProviderTwoStep: body.acceptProviderTwoStep === 'yes',
    };
    const form = parseForm(providerForm, request.body);
    if (!form.ok) return show(reply, user.organisationId, { provider: typed }, form.errors);
    const f = form.data;
    const stored = await singleSignOn.settings(user.organisationId);
    const errors: FieldErrors = {};
    if (f.enabled) {
      if (!f.issuer) errors.issuer = 'single-sign-on:errors.issuerRequired';
      else if (!isIssuerUrl(f.issuer, config.ssoAllowHttpIssuer)) errors.issuer = 'single-sign-on:errors.issuerInvalid';
      if (!f.clientId) errors.clientId = 'single-sign-on:errors.clientIdRequired';
      if (!f.clientSecret && !stored.hasClientSecret) errors.clientSecret = 'single-sign-on:errors.clientSecretRequired';
      if (!f.emailDomain) errors.emailDomain = 'single-sign-on:errors.domainRequired';
    }
    if (f.emailDomain && !domainPattern.test(f.emailDomain)) errors.emailDomain = 'single-sign-on:errors.domainInvalid';
    else if (f.emailDomain && (await singleSignOn.domainTakenElsewhere(user.organisationId, f.emailDomain)))
      errors.emailDomain = 'single-sign-on:errors.domainTaken';
    // Only someone who has just signed in through the provider may close the other ways in:
    // it proves the provider works, so nobody is shut out by a typing mistake.
    if (f.ssoOnly && !stored.ssoOnly && request.session.signedInVia !== 'sso') errors.ssoOnly = 'single-sign-on:errors.ssoOnlyFirst';
    if (
      f.enabled &&
      !errors.issuer &&
      !errors.clientId &&
      f.issuer &&
      f.clientId &&
      !(await singleSignOn.issuerAnswers(f.issuer, f.clientId))
    )
      errors.issuer = 'single-sign-on:errors.issuerUnreachable';
    if (Object.keys(errors).length > 0) return show(reply, user.organisationId, { provider: typed }, errors);
    await singleSignOn.saveSettings(user, {
      enabled: f.enabled,
      issuer: f.issuer,
      clientId: f.clientId,
      clientSecret: f.clientSecret,
      emailDomain: f.emailDomain,
      ssoOnly: f.enabled && f.ssoOnly,
      acceptProviderTwoStep: f.acceptProviderTwoStep,
    });
    request.flash(t('single-sign-on:settings.saved'));
    return reply.redirect('/organisation/sign-in', 303);
  });
};

function isIssuerUrl(value: string, allowHttp: boolean) {
  try {
    const url = new URL(value);
    return (url.protocol === 'https:' || (allowHttp && url.protocol === 'http:')) && !url.search && !url.hash && !url.username;
  } catch {
    return false;
  }
}
