import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { normaliseMobile } from '../../platform/mobile-number.ts';
import { pageLink, pageOf, pageParam, paginationFor } from '../../platform/pagination.ts';
import type { RouteDeps } from '../../services.ts';
import {
  allow,
  allowWithIndependentOn,
  isIndependentFacilitator,
  isStaff,
  signedInUser,
  type CurrentUser,
  type Role,
} from '../../platform/auth.ts';
import { Forbidden } from '../../platform/errors.ts';
import {
  checkbox,
  checkboxList,
  optionalText,
  parseForm,
  type FieldErrors,
  typedValues,
  formFields,
  fieldText,
} from '../../platform/forms.ts';
import { importedCsvText } from './csv-encoding.ts';
import { importTemplateCsv, readPeopleCsv } from './csv-import.ts';
import { historyPage, historyPageSize, partsInWords } from './history-entries.ts';
import { historyWindowQuery, keyParam, type HistoryKey } from '../../platform/history-window.ts';
import { personForm, personFormValues } from './person-form.ts';
import { contactChannels, contactDays, contactParts, formatNeeds, perspectives, physicalNeeds, supportNeeds } from './vocabulary.ts';
import { urlIds } from '../../platform/params.ts';

const personIds = urlIds('id');
const listQuery = z.object({
  q: z.string().trim().max(100).optional().catch(undefined),
  perspective: z.enum(perspectives).optional().catch(undefined),
  project: z.string().uuid().optional().catch(undefined),
  page: pageParam,
});

/** Access needs; `errors` names the catalogue's error words: about them, or to the person themself. */
const accessNeedsForm = (errors: 'people:errors' | 'people:own.errors') =>
  z
    .object({
      consent: z.enum(['yes', 'no'], { message: `${errors}.consentRequired` }),
      formats: checkboxList(formatNeeds),
      interpreterLanguage: optionalText(100),
      physical: checkboxList(physicalNeeds),
      support: checkboxList(supportNeeds),
      dietary: optionalText(1000),
      other: optionalText(2000),
      onBehalf: checkbox,
    })
    .superRefine((f, ctx) => {
      if (f.consent === 'yes' && f.formats.includes('interpreter') && !f.interpreterLanguage) {
        ctx.addIssue({ code: 'custom', path: ['interpreterLanguage'], message: `${errors}.interpreterLanguage` });
      }
      const anything = f.formats.length + f.physical.length + f.support.length > 0 || f.dietary || f.other;
      if (f.consent === 'no' && anything) ctx.addIssue({ code: 'custom', path: ['consent'], message: `${errors}.needsWithoutConsent` });
    });

/** An email address, a mobile number or both to sign in with (decision 0016). */
const signInAccessForm = z
  .object({
    email: z.preprocess(
      (v) => (typeof v === 'string' ? v.trim() : ''),
      z.union([z.literal(''), z.string().max(254).pipe(z.email('people:errors.email'))]),
    ),
    mobile: z.preprocess(
      (v) => (typeof v === 'string' ? v.trim() : ''),
      z
        .string()
        .max(40, 'people:errors.accessMobileInvalid')
        .transform((typed, ctx) => {
          if (!typed) return null;
          const mobile = normaliseMobile(typed);
          if (!mobile) ctx.addIssue({ code: 'custom', message: 'people:errors.accessMobileInvalid' });
          return mobile;
        }),
    ),
    role: z.enum(['member', 'facilitator', 'admin', 'independent-facilitator'], { message: 'people:errors.roleRequired' }),
    active: z.enum(['yes', 'no']).default('yes'),
  })
  .superRefine((f, ctx) => {
    if (!f.email && !f.mobile) ctx.addIssue({ code: 'custom', path: ['email'], message: 'people:errors.accessEmailRequired' });
  });

const personListFields = ['perspectives', 'contactDays', 'contactParts', 'unsuitableDays', 'unsuitableParts', 'optedOut'];
const needsListFields = ['formats', 'physical', 'support'];

/**
 * People and their records. Staff see everyone in their organisation; a member sees only
 * their own record. Every route takes the organisation from the signed-in user.
 */
export const peopleRoutes: FastifyPluginAsync<RouteDeps> = async (app, { services, t }) => {
  const { people, accessNeeds, identity, projects, projectFinder } = services;
  const vocab = { perspectives, contactChannels, contactDays, contactParts, formatNeeds, physicalNeeds, supportNeeds };
  // An independent facilitator (issue 22) opens their own record and access needs, as any
  // member does; getForUser refuses anyone else's.
  app.addHook(
    'preHandler',
    allowWithIndependentOn(
      ['admin', 'facilitator', 'member'],
      ['/people/:id', '/people/:id/access-needs', '/people/:id/access-needs/edit'],
    ),
  );

  const personId = (request: FastifyRequest) => personIds(request).id;
  const staffOnly = allow('admin', 'facilitator');
  const actor = (user: CurrentUser) => ({ organisationId: user.organisationId, personId: user.personId });

  app.get('/', { preHandler: staffOnly }, async (request, reply) => {
    const user = signedInUser(request);
    const query = listQuery.parse(request.query ?? {});
    const filter = { name: query.q, perspective: query.perspective, projectId: query.project };
    const page = pageOf(query.page);
    // Every project listed, or found by name when there are many: Find keeps the other filters.
    const [list, total, projectFinding] = await Promise.all([
      people.list(user.organisationId, { ...filter, limit: page.limit, offset: page.offset }),
      people.count(user.organisationId, filter),
      projectFinder.fields(user.organisationId, formFields(request.query), ['project']),
    ]);
    const projectOptions = projectFinding ? [] : await projects.titles(user.organisationId);
    const filters = { q: query.q, perspective: query.perspective, project: query.project };
    return reply.view('people/views/list.njk', {
      people: list,
      total,
      query,
      projectFinding,
      projectOptions,
      vocab,
      filtered: Object.values(filters).some(Boolean),
      pagination: paginationFor(page.page, total, pageLink('/people', filters)),
    });
  });

  app.get('/new', { preHandler: staffOnly }, async (_request, reply) =>
    reply.view('people/views/form.njk', {
      values: { perspectives: [], contactDays: [], contactParts: [], unsuitableDays: [], unsuitableParts: [], optedOut: [] },
      vocab,
    }),
  );

  app.post('/new', { preHandler: staffOnly }, async (request, reply) => {
    const user = signedInUser(request);
    const form = parseForm(personForm, request.body);
    if (!form.ok)
      return reply.view('people/views/form.njk', { values: typedValues(request.body, personListFields), vocab }, { errors: form.errors });
    const id = await people.create(actor(user), form.data);
    request.flash(t('people:saved'));
    return reply.redirect(`/people/${id}`, 303);
  });

  app.get('/import', { preHandler: staffOnly }, async (_request, reply) => reply.view('people/views/import.njk', {}));

  app.get('/import/template.csv', { preHandler: staffOnly }, async (_request, reply) =>
    reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', 'attachment; filename="people-template.csv"')
      .send(importTemplateCsv()),
  );

  /** Step 1: read the file and show what would be added. Nothing is saved yet. */
  app.post('/import', { preHandler: staffOnly }, async (request, reply) => {
    const body = formFields(request.body);
    const upload = importedCsvText(fieldText(body, 'csv') ?? body.file);
    if (!upload.ok) return reply.view('people/views/import.njk', {}, { errors: { file: upload.error } });
    const result = readPeopleCsv(upload.text);
    if (result.fileError) return reply.view('people/views/import.njk', {}, { errors: { file: result.fileError } });
    const bad = result.rows.filter((r) => r.errors.length > 0);
    if (fieldText(body, 'confirm') === 'yes' && bad.length === 0) {
      const user = signedInUser(request);
      const ids = await people.createMany(
        actor(user),
        result.rows.map((r) => r.data!),
      );
      request.flash(t('people:import.done', { count: ids.length }));
      return reply.redirect('/people', 303);
    }
    return reply.view(
      'people/views/import-preview.njk',
      { rows: result.rows, bad, ignoredColumns: result.ignoredColumns, csv: upload.text, vocab },
      { status: bad.length ? 400 : 200 },
    );
  });

  app.get('/:id', async (request, reply) => {
    const user = signedInUser(request);
    const id = personId(request);
    const person = await people.getForUser(user, id);
    // The language of their messages, which staff set for them while Welsh is on (issue 24).
    const asksLanguage = isStaff(user) && user.personId !== id && request.welshSetting !== 'off';
    const [account, memberships, buddies, chosenLanguage] = await Promise.all([
      identity.accountForPerson(user.organisationId, id),
      projects.membershipsOf(user.organisationId, id, { forUser: user }),
      services.buddies.forPerson(user, id),
      asksLanguage ? services.languages.choiceOf(user.organisationId, id) : null,
    ]);
    return reply.view('people/views/show.njk', {
      person,
      account,
      memberships,
      buddies,
      vocab,
      languageChoice: asksLanguage ? (chosenLanguage ?? 'both') : null,
      staff: isStaff(user),
      admin: user.role === 'admin',
      self: user.personId === id,
      // From outside the organisation: no money, buddies or project pages to link to.
      independent: isIndependentFacilitator(user),
    });
  });

  // Staff's form for someone else. A person's own record has its own short pages
  // (own-details-routes.ts), where a member cannot give themself a staff perspective.
  app.get('/:id/edit', async (request, reply) => {
    const user = signedInUser(request);
    const id = personId(request);
    const person = await people.getForUser(user, id);
    if (user.personId === id) return reply.redirect(`/people/${id}/details`, 303);
    return reply.view('people/views/form.njk', { person, values: personFormValues(person), vocab });
  });

  app.post('/:id/edit', async (request, reply) => {
    const user = signedInUser(request);
    const id = personId(request);
    const person = await people.getForUser(user, id);
    if (user.personId === id) throw new Forbidden();
    const form = parseForm(personForm, request.body);
    if (!form.ok) {
      return reply.view(
        'people/views/form.njk',
        { person, values: typedValues(request.body, personListFields), vocab },
        { errors: form.errors },
      );
    }
    const onBehalf = checkbox.parse(formFields(request.body).onBehalf);
    await people.update(actor(user), id, form.data, onBehalf ? id : null);
    request.flash(t('people:saved'));
    return reply.redirect(`/people/${id}`, 303);
  });

  app.get('/:id/access-needs', async (request, reply) => {
    const user = signedInUser(request);
    const id = personId(request);
    const person = await people.getForUser(user, id);
    const needs = await accessNeeds.view(user, id);
    return reply.view('people/views/access-needs.njk', { person, needs, vocab, self: user.personId === id });
  });

  app.get('/:id/access-needs/edit', async (request, reply) => {
    const user = signedInUser(request);
    const id = personId(request);
    const person = await people.getForUser(user, id);
    const needs = await accessNeeds.view(user, id);
    const values = needs ? { consent: 'yes', ...needs } : { formats: [], physical: [], support: [] };
    return reply.view('people/views/access-needs-form.njk', { person, values, vocab, self: user.personId === id });
  });

  app.post('/:id/access-needs/edit', async (request, reply) => {
    const user = signedInUser(request);
    const id = personId(request);
    const person = await people.getForUser(user, id);
    const self = user.personId === id;
    const form = parseForm(accessNeedsForm(self ? 'people:own.errors' : 'people:errors'), request.body);
    if (!form.ok) {
      return reply.view(
        'people/views/access-needs-form.njk',
        { person, values: typedValues(request.body, needsListFields), vocab, self },
        { errors: form.errors },
      );
    }
    const { consent, onBehalf, ...needs } = form.data;
    await accessNeeds.save(user, id, consent === 'yes', needs, onBehalf && !self ? id : null);
    if (self) {
      request.flash(t(consent === 'yes' ? 'people:own.needsSaved' : 'people:own.needsCleared'));
      return reply.redirect(`/people/${id}/details`, 303);
    }
    request.flash(t(consent === 'yes' ? 'people:needs.saved' : 'people:needs.cleared'));
    return reply.redirect(`/people/${id}/access-needs`, 303);
  });

  app.get('/:id/history', { preHandler: staffOnly }, async (request, reply) => {
    const user = signedInUser(request);
    const id = personId(request);
    const person = await people.get(user.organisationId, id);
    const { before, after } = historyWindowQuery.parse(request.query);
    // The record's own changes, with their time credits and claims (reciprocity, S2), a page at a time.
    const page = await historyPage(
      [
        (window) => people.history(user.organisationId, id, window),
        (window) => services.timebank.history.entries(user.organisationId, user.organisationName, id, window),
        (window) => services.claimHistory.entries(user.organisationId, id, window),
      ],
      { ...(after ? { after } : before ? { before } : {}), limit: historyPageSize },
    );
    const link = (key: string, at: HistoryKey) => `/people/${id}/history?${new URLSearchParams({ [key]: keyParam(at) }).toString()}`;
    const pagination =
      page.newer || page.older
        ? {
            ...(page.newer ? { previous: { href: link('after', page.newer), text: t('people:history.newer') } } : {}),
            ...(page.older ? { next: { href: link('before', page.older), text: t('people:history.older') } } : {}),
          }
        : null;
    const worded = page.entries.map((e) => ({ ...e, fields: partsInWords(e.fields, t) }));
    return reply.view('people/views/history.njk', { person, entries: worded, pagination, firstPage: !page.newer });
  });

  const showAccessForm = async (
    request: FastifyRequest,
    reply: import('fastify').FastifyReply,
    values?: Record<string, unknown>,
    errors?: FieldErrors,
  ) => {
    const user = signedInUser(request);
    const id = personId(request);
    const person = await people.get(user.organisationId, id);
    const account = await identity.accountForPerson(user.organisationId, id);
    const shown =
      values ??
      (account
        ? { email: account.email ?? '', mobile: account.mobile ?? '', role: account.role, active: account.active ? 'yes' : 'no' }
        : { email: person.email ?? '', mobile: person.mobile ?? '', role: 'member', active: 'yes' });
    return reply.view(
      'people/views/sign-in-access.njk',
      { person, account, values: shown, self: user.personId === id },
      errors ? { errors } : {},
    );
  };

  app.get('/:id/sign-in-access', { preHandler: allow('admin') }, async (request, reply) => showAccessForm(request, reply));

  app.post('/:id/sign-in-access', { preHandler: allow('admin') }, async (request, reply) => {
    const user = signedInUser(request);
    const id = personId(request);
    await people.get(user.organisationId, id);
    const typed = typedValues(request.body, []);
    const form = parseForm(signInAccessForm, request.body);
    if (!form.ok) return showAccessForm(request, reply, typed, form.errors);
    const account = await identity.accountForPerson(user.organisationId, id);
    // Only this organisation's accounts are looked at: whether another organisation uses the
    // address is never told (decision 0016).
    const inUse = await identity.addressesInUseHere(
      user.organisationId,
      { email: form.data.email || null, mobile: form.data.mobile },
      account?.id,
    );
    if (inUse.email || inUse.mobile)
      return showAccessForm(request, reply, typed, {
        ...(inUse.email ? { email: 'people:errors.emailInUse' } : {}),
        ...(inUse.mobile ? { mobile: 'people:errors.mobileInUse' } : {}),
      });
    // An admin cannot lock themself out; another admin must do that.
    if (user.personId === id && (form.data.role !== 'admin' || form.data.active === 'no')) {
      return showAccessForm(request, reply, typed, { role: 'people:errors.ownAccess' });
    }
    await identity.giveAccess(actor(user), id, account?.id ?? null, {
      email: form.data.email || null,
      mobile: form.data.mobile,
      role: form.data.role as Role,
      active: form.data.active === 'yes',
    });
    request.flash(t('people:access.saved'));
    return reply.redirect(`/people/${id}`, 303);
  });
};
