import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { RouteDeps } from '../../services.ts';
import { isStaff, signedInUser } from '../../platform/auth.ts';
import { NotFound } from '../../platform/errors.ts';
import { optionalText, parseForm, type FieldErrors, formFields } from '../../platform/forms.ts';
import { calendarFeed } from './calendar.ts';
import { calendarMeeting } from './calendar-meeting.ts';
import { calendarToken, calendarTokenMatches } from './signed-links.ts';
import { replies } from './vocabulary.ts';
import { urlToken, urlParams } from '../../platform/params.ts';

const replyForm = z.object({ reply: z.enum(replies, { message: 'meetings:errors.replyRequired' }), note: optionalText(500) });
const feedParams = z.object({ personId: z.string().uuid(), token: z.string().min(20).max(100) });

const sendCalendar = (reply: FastifyReply, ics: string, filename: string) =>
  reply
    .type('text/calendar; charset=utf-8')
    .header('content-disposition', `inline; filename="${filename}"`)
    .header('cache-control', 'private, no-store')
    .send(ics);

/**
 * Pages reached by a signed link, without signing in: many people we invite never sign
 * in at all. The link itself is the proof, so these forms need no CSRF token.
 */
/** A calendar feed's address names whose it is, or nobody (the signed-in person's own). */
const calendarFor = urlParams(z.object({ personId: z.string().uuid().optional() }));

export const meetingPublicRoutes: FastifyPluginAsync<RouteDeps> = async (app, { services, config, t, now }) => {
  const { invitations, meetings, people } = services;
  const secret = services.linkSecret;

  const showReply = async (request: FastifyRequest, reply: FastifyReply, values?: Record<string, unknown>, errors?: FieldErrors) => {
    const { token } = urlToken(request);
    const opened = await invitations.openReplyLink(token);
    if (!opened.ok)
      return reply.view(
        'meetings/views/reply-link-problem.njk',
        { reason: opened.reason },
        { status: opened.reason === 'expired' ? 410 : 404 },
      );
    // Someone who reads in easy read gets the easy read page by their link too (issue 24),
    // with the papers sent to them, each by its own paper link.
    const easyRead = await services.easyRead.isReader(opened.organisationId, opened.invitee.personId);
    return reply.view(
      'meetings/views/reply.njk',
      {
        ...opened,
        token,
        values: values ?? { reply: opened.invitee.reply === 'none' ? '' : opened.invitee.reply, note: opened.invitee.replyNote },
        easyRead,
        papers: easyRead ? await services.paperSending.sentTo(opened.organisationId, opened.meeting, opened.invitee.personId) : [],
      },
      errors ? { errors } : {},
    );
  };

  // A guessed token is refused by its signature, but guessing is still limited like signing in.
  const limited = { rateLimit: { max: config.signInRateLimit, timeWindow: '1 minute' } };

  app.get('/reply/:token', { config: limited }, async (request, reply) => showReply(request, reply));

  app.post('/reply/:token', { config: { csrf: false, ...limited } }, async (request, reply) => {
    const { token } = urlToken(request);
    const opened = await invitations.openReplyLink(token);
    if (!opened.ok) return showReply(request, reply);
    const form = parseForm(replyForm, request.body);
    if (!form.ok) return showReply(request, reply, formFields(request.body), form.errors);
    await invitations.recordReply(opened.organisationId, opened.meeting.id, opened.invitee.personId, form.data.reply, null, form.data.note);
    request.flash(t(`meetings:reply.thanks.${form.data.reply}`));
    return reply.redirect(`/reply/${token}`, 303);
  });

  app.get('/reply/:token/meeting.ics', async (request, reply) => {
    const { token } = urlToken(request);
    const opened = await invitations.openReplyLink(token);
    if (!opened.ok) throw new NotFound();
    return sendCalendar(reply, calendarFeed(opened.meeting.title, [calendarMeeting(opened.meeting, opened.link)]), 'meeting.ics');
  });

  /** A person's private calendar feed: every meeting they are invited to. */
  app.get('/calendar/:personId/:token', async (request, reply) => {
    const parsed = feedParams.safeParse(request.params);
    if (!parsed.success) throw new NotFound();
    const token = parsed.data.token.replace(/\.ics$/, '');
    const feed = await people.calendarFeedOf(parsed.data.personId);
    if (!feed || !calendarTokenMatches(secret, parsed.data.personId, feed.version, token)) throw new NotFound();
    const since = new Date(now().getTime() - 90 * 86_400_000).toISOString();
    const list = await meetings.forPerson(feed.organisationId, parsed.data.personId, since);
    const events = list.map((m) => calendarMeeting(m, invitations.replyLink(m, parsed.data.personId)));
    return sendCalendar(reply, calendarFeed(t('meetings:calendar.feedName'), events), 'meetings.ics');
  });

  const feedUrl = (personId: string, version: number | null) =>
    version === null ? null : `${config.publicUrl}/calendar/${personId}/${calendarToken(secret, personId, version)}.ics`;

  /** Signed-in people manage their own feed; staff manage it for people who never sign in. */
  const whoseCalendar = async (request: FastifyRequest) => {
    const user = signedInUser(request);
    const personId = calendarFor(request).personId ?? user.personId;
    if (personId === user.personId) return { user, person: null };
    if (!isStaff(user) || !z.string().uuid().safeParse(personId).success) throw new NotFound();
    return { user, person: await people.get(user.organisationId, personId) };
  };

  const showCalendar = async (request: FastifyRequest, reply: FastifyReply) => {
    const { user, person } = await whoseCalendar(request);
    const personId = person?.id ?? user.personId;
    const feed = await people.calendarFeedOf(personId);
    return reply.view('meetings/views/calendar.njk', { person, feedUrl: feedUrl(personId, feed?.version ?? null) });
  };

  const renewCalendar = async (request: FastifyRequest, reply: FastifyReply) => {
    const { user, person } = await whoseCalendar(request);
    await people.renewCalendarFeed(user.organisationId, person?.id ?? user.personId);
    request.flash(t('meetings:calendar.renewed'));
    return reply.redirect(person ? `/people/${person.id}/calendar` : '/calendar', 303);
  };

  app.get('/calendar', showCalendar);
  app.post('/calendar', renewCalendar);
  app.get('/people/:personId/calendar', showCalendar);
  app.post('/people/:personId/calendar', renewCalendar);
};
