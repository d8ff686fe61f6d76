import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { RouteDeps } from '../../services.ts';
import { fieldText, formFields, parseForm, type FieldErrors } from '../../platform/forms.ts';
import { safeLocalPath } from '../../platform/redirects.ts';
import { contrasts, motions, textSizes, type DisplayChoices } from './choices.ts';
import { cameFrom, displayChoicesFor, rememberInBrowser, returnPathFrom } from './request-display.ts';

const choose = 'display-settings:errors.choose';
const displayForm = z.object({
  textSize: z.enum(textSizes, { message: choose }),
  contrast: z.enum(contrasts, { message: choose }),
  motion: z.enum(motions, { message: choose }),
  readAloud: z.enum(['on', 'off'], { message: choose }),
});
const pageQuery = z.object({ from: z.string().optional().catch(undefined) });

const formValues = (c: DisplayChoices) => ({ ...c, readAloud: c.readAloud ? 'on' : 'off' });

/**
 * /display-settings: anyone, signed in or not (people on personal links too), chooses how
 * pages look. A plain form, so it works without JavaScript.
 */
export const displaySettingsRoutes: FastifyPluginAsync<RouteDeps> = async (app, { services, config, t }) => {
  const { displaySettings } = services;
  const siteHostnames = [new URL(config.publicUrl).hostname];

  const show = (
    request: FastifyRequest,
    reply: FastifyReply,
    from: string | null,
    values?: Record<string, unknown>,
    errors?: FieldErrors,
  ) =>
    reply.view(
      'display-settings/views/settings.njk',
      { values: values ?? formValues(displayChoicesFor(request)), from, signedIn: Boolean(request.user) },
      errors ? { errors, status: 400 } : {},
    );

  app.get('/', async (request, reply) =>
    show(request, reply, returnPathFrom(pageQuery.parse(request.query ?? {}).from) ?? cameFrom(request, siteHostnames)),
  );

  app.post('/', async (request, reply) => {
    const from = returnPathFrom(fieldText(request.body, 'from'));
    const form = parseForm(displayForm, request.body);
    if (!form.ok) return show(request, reply, from, formFields(request.body), form.errors);
    const choices: DisplayChoices = { ...form.data, readAloud: form.data.readAloud === 'on' };
    const user = request.user;
    if (user) {
      await displaySettings.save(user, choices);
      request.session.display = { personId: user.personId, choices };
    }
    rememberInBrowser(reply, choices, config.secureCookies);
    request.flash(t('display-settings:saved'));
    return reply.redirect(from ? safeLocalPath(from) : '/display-settings', 303);
  });
};
