import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { RouteDeps } from '../../services.ts';
import { allow, signedInUser } from '../../platform/auth.ts';
import { formFields, type FieldErrors } from '../../platform/forms.ts';
import { urlIds } from '../../platform/params.ts';
import type { ActingFor } from '../../platform/acting-for.ts';
import { answersAsValues, readAnswersForm, type EqualityAnswers } from '../equality/answers-form.ts';
import { questionView } from '../equality/question-view.ts';
import { baseOf, throughIds, ways } from './acting-routes.ts';

const personIds = urlIds('personId');

/**
 * A supporter answers the equality questions with the person they support (issue 19), if
 * they may fill in reviews and surveys with them: signed in as themself, or through staff
 * for a supporter who does not sign in. The answers are the person's and stay private as
 * always (only equality leads see one person's answers). A supporter never sees what was
 * stored: the form is always blank, and what they typed is shown back to them once, on the
 * check page, before it is saved. They can also take all the person's answers back.
 */
export const equalityWithSupporterRoutes: FastifyPluginAsync<RouteDeps> = async (app, { services, t }) => {
  const { supporters, equality } = services;
  const questions = questionView();
  app.addHook('preHandler', allow('admin', 'facilitator', 'member'));

  /** The same check as every other supporter page: the power to fill in reviews and surveys with them. */
  const actingFrom = (request: FastifyRequest): Promise<ActingFor> => {
    const user = signedInUser(request);
    const { personId } = personIds(request);
    const { supporterId } = throughIds(request);
    return supporterId ? supporters.staffActing(user, personId, supporterId, 'reviews') : supporters.acting(user, personId, 'reviews');
  };
  const baseFor = (acting: ActingFor) => baseOf(acting, Boolean(acting.recordedBy));
  const recorderOf = (acting: ActingFor) => acting.recordedBy ?? acting.supporterPersonId;
  const words = (acting: ActingFor) => ({ supporter: acting.supporterName, name: acting.personName });

  const showForm = (reply: FastifyReply, acting: ActingFor, v: Record<string, unknown>, errors?: FieldErrors) =>
    reply.view(
      'supporters/views/equality.njk',
      { acting, words: words(acting), through: Boolean(acting.recordedBy), base: baseFor(acting), questions, v },
      errors ? { errors } : {},
    );

  const showCheck = (reply: FastifyReply, acting: ActingFor, answers: EqualityAnswers) =>
    reply.view('supporters/views/equality-check.njk', {
      acting,
      words: words(acting),
      base: baseFor(acting),
      questions,
      answers,
      v: answersAsValues(answers),
    });

  for (const way of ways) {
    // Always blank: answering with someone is not a way to read what they said before.
    app.get(`${way}/equality`, async (request, reply) => showForm(reply, await actingFrom(request), {}));

    app.post(`${way}/equality`, async (request, reply) => {
      const acting = await actingFrom(request);
      const form = readAnswersForm(request.body);
      if (!form.ok) return showForm(reply, acting, form.values, form.errors);
      // Taking answers back has its own page, which says what it does.
      if (form.withdraw) return reply.redirect(`${baseFor(acting)}/equality/withdraw`, 303);
      const step = formFields(request.body).confirm;
      if (step === 'change') return showForm(reply, acting, answersAsValues(form.answers));
      if (step !== 'yes') return showCheck(reply, acting, form.answers);
      await equality.save(acting.organisationId, acting.personId, form.answers, {
        how: 'supporter',
        by: recorderOf(acting),
        supporter: acting,
      });
      request.flash(t('supporters:equality.saved', words(acting)));
      return reply.redirect(baseFor(acting), 303);
    });

    app.get(`${way}/equality/withdraw`, async (request, reply) => {
      const acting = await actingFrom(request);
      return reply.view('supporters/views/equality-withdraw.njk', { acting, words: words(acting), base: baseFor(acting) });
    });

    app.post(`${way}/equality/withdraw`, async (request, reply) => {
      const acting = await actingFrom(request);
      await equality.withdraw(acting.organisationId, acting.personId, recorderOf(acting), acting);
      // The same words whether or not there was anything to delete: that too is private.
      request.flash(t('supporters:equality.withdrawn', words(acting)));
      return reply.redirect(baseFor(acting), 303);
    });
  }
};
