import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { RouteDeps } from '../../services.ts';
import { allow, signedInUser } from '../../platform/auth.ts';
import { fieldText, formFields, optionalText, parseForm, type FieldErrors } from '../../platform/forms.ts';
import { safeLocalPath } from '../../platform/redirects.ts';
import { urlIds } from '../../platform/params.ts';
import { isAppLanguage, welshSettings } from './choice.ts';
import { rememberLanguageInBrowser } from './request-language.ts';
import { catalogueCsv, catalogueXlsx, needsReviewCount, shippedRows } from './translator-files.ts';
import type { WelshSubject } from './repository.ts';

const settingForm = z.object({
  welsh: z.enum(welshSettings as ['off', 'english-first', 'welsh-first'], { message: 'languages:errors.setting' }),
});
const welshTextForm = z.object({ welsh: optionalText(4000) });
const personLanguageForm = z.object({ language: z.enum(['en', 'cy', 'both'], { message: 'languages:errors.personLanguage' }) });
const ids = urlIds('id');

/** The switch in every page's header: remembered for the person, and in this browser. */
export const languageSwitchRoutes: FastifyPluginAsync<RouteDeps> = async (app, { services, config }) => {
  app.post('/language', async (request, reply) => {
    const language = fieldText(request.body, 'language');
    const back = safeLocalPath(fieldText(request.body, 'returnTo'), '/');
    if (!isAppLanguage(language)) return reply.redirect(back, 303);
    rememberLanguageInBrowser(reply, language, config.secureCookies);
    if (request.user) await services.languages.choose(request.user, language);
    return reply.redirect(back, 303);
  });
};

/** Admins turn Welsh on or off, and download the catalogue for a translator. */
export const languageSettingsRoutes: FastifyPluginAsync<RouteDeps> = async (app, { services, t }) => {
  const base = '/organisation/languages';
  app.addHook('preHandler', allow('admin'));

  const show = async (request: FastifyRequest, reply: FastifyReply, values?: Record<string, unknown>, errors?: FieldErrors) => {
    const user = signedInUser(request);
    const rows = shippedRows();
    return reply.view(
      'languages/views/settings.njk',
      {
        values: values ?? { welsh: await services.languages.setting(user.organisationId) },
        strings: rows.length,
        needsReview: needsReviewCount(rows),
      },
      errors ? { errors, status: 400 } : {},
    );
  };

  app.get(base, async (request, reply) => show(request, reply));

  app.post(base, async (request, reply) => {
    const form = parseForm(settingForm, request.body);
    if (!form.ok) return show(request, reply, formFields(request.body), form.errors);
    await services.languages.saveSetting(signedInUser(request), form.data.welsh);
    request.flash(t('languages:settings.saved'));
    return reply.redirect(base, 303);
  });

  app.get(`${base}/catalogue.csv`, async (_request, reply) =>
    reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', 'attachment; filename="coproduce-welsh-catalogue.csv"')
      .send(catalogueCsv(shippedRows())),
  );

  app.get(`${base}/catalogue.xlsx`, async (_request, reply) =>
    reply
      .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', 'attachment; filename="coproduce-welsh-catalogue.xlsx"')
      .send(await catalogueXlsx(shippedRows())),
  );
};

/**
 * Staff write the Welsh beside a project's English purpose. A meeting's Welsh summary is
 * written on its notes page, beside the English.
 */
export const welshVersionRoutes: FastifyPluginAsync<RouteDeps> = async (app, { services, t }) => {
  app.addHook('preHandler', allow('admin', 'facilitator'));

  const load = async (request: FastifyRequest) => {
    const id = ids(request).id;
    const project = await services.projects.get(signedInUser(request), id);
    const subject: WelshSubject = { type: 'project', id, field: 'purpose' };
    return { subject, english: project.purpose, title: project.title, back: `/projects/${id}` };
  };

  const show = async (request: FastifyRequest, reply: FastifyReply, typed?: string, errors?: FieldErrors) => {
    const loaded = await load(request);
    const welsh = typed ?? (await services.languages.welshVersion(signedInUser(request).organisationId, loaded.subject)) ?? '';
    return reply.view('languages/views/welsh-version.njk', { ...loaded, values: { welsh } }, errors ? { errors, status: 400 } : {});
  };
  app.get('/projects/:id/welsh', async (request, reply) => show(request, reply));
  app.post('/projects/:id/welsh', async (request, reply) => {
    const form = parseForm(welshTextForm, request.body);
    if (!form.ok) return show(request, reply, fieldText(request.body, 'welsh') ?? '', form.errors);
    const loaded = await load(request);
    await services.languages.saveWelshVersion(signedInUser(request).organisationId, loaded.subject, form.data.welsh ?? '');
    request.flash(t('languages:welshVersion.saved'));
    return reply.redirect(loaded.back, 303);
  });
};

/**
 * Staff record the language of someone who never signs in (issue 24): the form is on the
 * person's page; this page shows it again when what was sent is wrong.
 */
export const personLanguageRoutes: FastifyPluginAsync<RouteDeps> = async (app, { services, t }) => {
  app.addHook('preHandler', allow('admin', 'facilitator'));

  const show = async (request: FastifyRequest, reply: FastifyReply, typed?: string, errors?: FieldErrors) => {
    const user = signedInUser(request);
    const person = await services.people.getForUser(user, ids(request).id);
    const saved = (await services.languages.choiceOf(user.organisationId, person.id)) ?? 'both';
    return reply.view(
      'languages/views/person-language.njk',
      { person, savedChoice: saved, languageChoice: typed ?? saved },
      errors ? { errors, status: 400 } : {},
    );
  };

  app.get('/people/:id', async (request, reply) => show(request, reply));

  app.post('/people/:id', async (request, reply) => {
    const user = signedInUser(request);
    const person = await services.people.getForUser(user, ids(request).id);
    const form = parseForm(personLanguageForm, request.body);
    if (!form.ok) return show(request, reply, fieldText(request.body, 'language') ?? '', form.errors);
    const language = form.data.language === 'both' ? null : form.data.language;
    await services.languages.recordFor(user, person.id, language);
    request.flash(t('languages:person.saved', { name: person.name }));
    return reply.redirect(`/people/${person.id}#messages-language`, 303);
  });
};
