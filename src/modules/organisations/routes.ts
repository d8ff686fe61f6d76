import type { FastifyPluginAsync } from 'fastify';
import fp from 'fastify-plugin';
import { z } from 'zod';
import type { RouteDeps } from '../../services.ts';
import { parseForm, requiredText, formFields } from '../../platform/forms.ts';
import { maximumPasswordLength, minimumPasswordLength, notCommonPassword } from '../identity/passwords.ts';

const setUpForm = z.object({
  organisationName: requiredText('organisations:errors.nameRequired', 200),
  area: requiredText('organisations:errors.areaRequired', 200),
  adminName: requiredText('organisations:errors.adminNameRequired', 200),
  email: requiredText('organisations:errors.emailRequired', 254).pipe(z.string().email('organisations:errors.emailInvalid')),
  password: z
    .string({ message: 'organisations:errors.passwordTooShort' })
    .min(minimumPasswordLength, 'organisations:errors.passwordTooShort')
    .max(maximumPasswordLength, 'organisations:errors.passwordTooLong')
    .refine(notCommonPassword, 'identity:errors.passwordCommon'),
});

const openBeforeSetUp = ['/setup', '/health', '/build/', '/static/', '/assets/', '/about', '/accessibility', '/glossary'];

/** Until the first organisation exists, every page leads to the set-up page. */
export const setUpFirstRunRedirect = fp<RouteDeps>(
  async (app, { services }) => {
    app.addHook('onRequest', async (request, reply) => {
      const path = request.url.split('?')[0] ?? '/';
      if (openBeforeSetUp.some((p) => path === p || (p.endsWith('/') && path.startsWith(p)))) return;
      if (!(await services.organisations.isSetUp())) return reply.redirect('/setup', 303);
    });
  },
  { name: 'first-run-redirect' },
);

export const organisationRoutes: FastifyPluginAsync<RouteDeps> = async (app, { services }) => {
  const { organisations } = services;

  app.get('/setup', async (request, reply) => {
    if (await organisations.isSetUp()) return reply.redirect('/sign-in', 303);
    return reply.view('organisations/views/setup.njk', { values: {}, minimum: minimumPasswordLength });
  });

  app.post('/setup', async (request, reply) => {
    if (await organisations.isSetUp()) return reply.redirect('/sign-in', 303);
    const body = formFields(request.body);
    const form = parseForm(setUpForm, body);
    if (!form.ok) {
      const { password: _password, ...values } = body;
      return reply.view('organisations/views/setup.njk', { values, minimum: minimumPasswordLength }, { errors: form.errors });
    }
    const accountId = await organisations.setUp(form.data);
    await request.session.regenerate();
    request.session.accountId = accountId;
    // The first admin is offered two-step sign-in for all staff (decision 0019).
    return reply.redirect('/account/two-step/first-run', 303);
  });
};
