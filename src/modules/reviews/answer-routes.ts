import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { RouteDeps } from '../../services.ts';
import { allow, signedInUser, type CurrentUser } from '../../platform/auth.ts';
import { NotFound } from '../../platform/errors.ts';
import type { FieldErrors } from '../../platform/forms.ts';
import { parseSection, type SectionValues } from './forms.ts';
import type { CycleSummary } from './service.ts';
import type { ActingFor } from '../../platform/acting-for.ts';
import { formSections, ratings, statementsIn, type FormSection } from './vocabulary.ts';
import { formFields } from '../../platform/forms.ts';

const cycleParams = z.object({ id: z.string().uuid() });
const sectionParams = cycleParams.extend({ section: z.enum(formSections) });
const personParams = cycleParams.extend({ personId: z.string().uuid() });
const personSectionParams = personParams.extend({ section: z.enum(formSections) });
const throughParams = personParams.extend({ supporterId: z.string().uuid() });
const throughSectionParams = throughParams.extend({ section: z.enum(formSections) });

/**
 * Answering a review, a page per piece of the jigsaw with a task list showing progress.
 * Works without JavaScript and saves part-way. /answer is the signed-in person's own;
 * /record/:personId is staff recording what someone told them in person or by phone.
 */
export const answerRoutes: FastifyPluginAsync<RouteDeps> = async (app, { services, t }) => {
  const { reviews } = services;
  const staffOnly = allow('admin', 'facilitator');
  const parse = <S extends z.ZodType>(schema: S, request: FastifyRequest): z.infer<S> => {
    const parsed = schema.safeParse(request.params);
    if (!parsed.success) throw new NotFound();
    return parsed.data;
  };

  type Supporting = boolean | string;
  type Who = { personId: string; name: string; base: string; recording: boolean; back?: string; acting?: ActingFor };

  /** The person answered for: oneself, (staff) someone taking part in this review, or (a supporter) the person they fill it in with. */
  async function subject(user: CurrentUser, cycle: CycleSummary, personId: string | null, acting?: ActingFor): Promise<Who> {
    if (personId === null) return { personId: user.personId, name: user.name, base: `/reviews/${cycle.id}/answer`, recording: false };
    const person = await reviews.participant(user.organisationId, cycle, personId);
    if (!person) throw new NotFound();
    if (acting) {
      // Staff taking it from a supporter by phone keep to their own address for that supporter.
      const through = acting.recordedBy ? `/through/${acting.supporterId}` : '';
      return {
        personId,
        name: person.name,
        base: `/reviews/${cycle.id}/with/${personId}${through}`,
        recording: true,
        back: `/supporting/${personId}${through}`,
        acting,
      };
    }
    return { personId, name: person.name, base: `/reviews/${cycle.id}/record/${personId}`, recording: true };
  }

  /**
   * A supporter allowed to fill in reviews with this person (decision 0018), signed in
   * (`withThem` true) or through staff (`withThem` the supporter's id); none for anyone else's pages.
   */
  const supporting = (user: CurrentUser, personId: string | null, withThem: Supporting) =>
    !withThem || !personId
      ? Promise.resolve(undefined)
      : typeof withThem === 'string'
        ? services.supporters.staffActing(user, personId, withThem, 'reviews')
        : services.supporters.acting(user, personId, 'reviews');

  async function taskList(reply: FastifyReply, user: CurrentUser, cycleId: string, personId: string | null, withThem: Supporting = false) {
    const acting = await supporting(user, personId, withThem);
    const cycle = await reviews.visible(user, cycleId, acting);
    const who = await subject(user, cycle, personId, acting);
    const progress = await reviews.progress(user.organisationId, cycle, who.personId);
    const done = progress.filter((p) => p.answered === p.of).length;
    return reply.view('reviews/views/task-list.njk', { cycle, who, progress, done });
  }

  async function sectionPage(
    reply: FastifyReply,
    user: CurrentUser,
    cycleId: string,
    personId: string | null,
    section: FormSection,
    typed?: SectionValues,
    errors?: FieldErrors,
    withThem: Supporting = false,
  ) {
    const acting = await supporting(user, personId, withThem);
    const cycle = await reviews.visible(user, cycleId, acting);
    const who = await subject(user, cycle, personId, acting);
    let values = typed;
    if (!values) {
      values = {};
      for (const a of await reviews.answersFor(user.organisationId, cycle, who.personId, [section])) {
        values[`rating-${a.code}`] = a.answer === null ? '' : String(a.answer);
        values[`comment-${a.code}`] = a.comment ?? '';
      }
    }
    const index = formSections.indexOf(section);
    // The culture and practice pages put what the app knows beside each statement (issues 21, 22).
    const evidence = section === 'culture' || section === 'practice' ? await reviews.cultureEvidence(user.organisationId) : null;
    return reply.view(
      'reviews/views/section.njk',
      { cycle, who, section, codes: statementsIn(section, cycle.asks), values, ratings, n: index + 1, of: formSections.length, evidence },
      errors ? { errors } : {},
    );
  }

  async function save(
    request: FastifyRequest,
    reply: FastifyReply,
    personId: string | null,
    section: FormSection,
    cycleId: string,
    withThem: Supporting = false,
  ) {
    const user = signedInUser(request);
    const acting = await supporting(user, personId, withThem);
    const cycle = await reviews.visible(user, cycleId, acting);
    const who = await subject(user, cycle, personId, acting);
    const { values, result } = parseSection(section, request.body, who.recording, cycle.asks);
    if (!result.ok) return sectionPage(reply, user, cycleId, personId, section, values, result.errors, withThem);
    await reviews.saveSection(user, cycleId, who.personId, result.data.answers, result.data.way, acting);
    const later = formFields(request.body).later === 'yes';
    const next = formSections[formSections.indexOf(section) + 1];
    if (later || !next) {
      request.flash(t(who.recording ? 'reviews:flash.recorded' : 'reviews:flash.saved'));
      return reply.redirect(who.base, 303);
    }
    return reply.redirect(`${who.base}/${next}`, 303);
  }

  app.get('/:id/answer', async (request, reply) => taskList(reply, signedInUser(request), parse(cycleParams, request).id, null));
  app.get('/:id/answer/:section', async (request, reply) => {
    const p = parse(sectionParams, request);
    return sectionPage(reply, signedInUser(request), p.id, null, p.section);
  });
  app.post('/:id/answer/:section', async (request, reply) => {
    const p = parse(sectionParams, request);
    return save(request, reply, null, p.section, p.id);
  });

  app.get('/:id/record/:personId', { preHandler: staffOnly }, async (request, reply) => {
    const p = parse(personParams, request);
    return taskList(reply, signedInUser(request), p.id, p.personId);
  });
  app.get('/:id/record/:personId/:section', { preHandler: staffOnly }, async (request, reply) => {
    const p = parse(personSectionParams, request);
    return sectionPage(reply, signedInUser(request), p.id, p.personId, p.section);
  });
  app.post('/:id/record/:personId/:section', { preHandler: staffOnly }, async (request, reply) => {
    const p = parse(personSectionParams, request);
    return save(request, reply, p.personId, p.section, p.id);
  });

  // A supporter fills it in with the person: the answers are the person's (decision 0018).
  app.get('/:id/with/:personId', async (request, reply) => {
    const p = parse(personParams, request);
    return taskList(reply, signedInUser(request), p.id, p.personId, true);
  });
  app.get('/:id/with/:personId/:section', async (request, reply) => {
    const p = parse(personSectionParams, request);
    return sectionPage(reply, signedInUser(request), p.id, p.personId, p.section, undefined, undefined, true);
  });
  app.post('/:id/with/:personId/:section', async (request, reply) => {
    const p = parse(personSectionParams, request);
    return save(request, reply, p.personId, p.section, p.id, true);
  });

  // Staff record what a supporter who does not sign in filled in with the person, by phone say.
  app.get('/:id/with/:personId/through/:supporterId', { preHandler: staffOnly }, async (request, reply) => {
    const p = parse(throughParams, request);
    return taskList(reply, signedInUser(request), p.id, p.personId, p.supporterId);
  });
  app.get('/:id/with/:personId/through/:supporterId/:section', { preHandler: staffOnly }, async (request, reply) => {
    const p = parse(throughSectionParams, request);
    return sectionPage(reply, signedInUser(request), p.id, p.personId, p.section, undefined, undefined, p.supporterId);
  });
  app.post('/:id/with/:personId/through/:supporterId/:section', { preHandler: staffOnly }, async (request, reply) => {
    const p = parse(throughSectionParams, request);
    return save(request, reply, p.personId, p.section, p.id, p.supporterId);
  });
};
