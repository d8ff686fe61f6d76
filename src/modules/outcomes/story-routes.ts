import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { RouteDeps } from '../../services.ts';
import { allow, isStaff, signedInUser, type CurrentUser } from '../../platform/auth.ts';
import { uploadedFileName } from '../../platform/files.ts';
import { dateParts, parseForm, type FieldErrors, formFields } from '../../platform/forms.ts';
import { sendFile } from '../../platform/serve-file.ts';
import { readsOfPeople } from '../../platform/audit.ts';
import { londonToday } from '../../platform/time.ts';
import { storyForm, withDates } from './forms.ts';
import type { StoryUpload } from './story-service.ts';
import { storyKinds } from './vocabulary.ts';
import { urlIds } from '../../platform/params.ts';
import { pageLink, pageOf, pageParam, paginationFor } from '../../platform/pagination.ts';
import { z } from 'zod';

const pageQuery = z.object({ page: pageParam });

/** The bytes of the "file" field, and the name the browser gave it. */
function uploadFrom(body: unknown): StoryUpload {
  const file = (body as Record<string, unknown> | undefined)?.file;
  return Buffer.isBuffer(file) && file.length > 0 ? { data: file, fileName: uploadedFileName(file) } : null;
}

/**
 * Stories of what changed, told with consent (V4). Members tell their own; staff record
 * one for a member, with the consent they gave in person. The teller or staff can
 * withdraw consent at any time: the story and its recording are then deleted.
 */
export const storyRoutes: FastifyPluginAsync<RouteDeps> = async (app, { services, config, t, now }) => {
  const { outcomes, projects } = services;
  const stories = outcomes.stories;
  const staffOnly = allow('admin', 'facilitator');
  const maxMb = Math.floor(config.maxUploadBytes / (1024 * 1024));
  // As for papers: a file over the limit comes back to the form as an error, not a 413 page.
  const upload = { multipartOptions: { limits: { fileSize: config.maxUploadBytes + 1, files: 1 }, throwFileSizeLimit: false } };
  const param = <const K extends string>(request: FastifyRequest, name: K) => urlIds(name)(request)[name];

  app.get('/projects/:projectId/stories', async (request, reply) => {
    const user = signedInUser(request);
    const page = pageOf(pageQuery.parse(request.query ?? {}).page);
    const found = await stories.forProject(user, param(request, 'projectId'), page);
    const pagination = paginationFor(page.page, found.total, pageLink(`/outcomes/projects/${found.project.id}/stories`, {}));
    return reply.view('outcomes/views/stories.njk', { ...found, pagination, staff: isStaff(user) });
  });

  const showForm = async (
    reply: FastifyReply,
    user: CurrentUser,
    projectId: string,
    values: Record<string, unknown>,
    errors?: FieldErrors,
  ) => {
    const project = await projects.get(user, projectId);
    const members = isStaff(user) ? await projects.members(user.organisationId, project.id) : [];
    return reply.view(
      'outcomes/views/story-form.njk',
      { project, members, values, kinds: storyKinds, staff: isStaff(user), maxMb },
      errors ? { errors } : {},
    );
  };

  app.get('/projects/:projectId/stories/new', async (request, reply) =>
    showForm(reply, signedInUser(request), param(request, 'projectId'), { toldOn: dateParts(londonToday(now())) }),
  );

  app.post('/projects/:projectId/stories/new', { config: upload }, async (request, reply) => {
    const user = signedInUser(request);
    const projectId = param(request, 'projectId');
    await projects.get(user, projectId); // not found before any checks of the form
    const { file: _file, ...body } = withDates(request.body, 'toldOn');
    const form = parseForm(storyForm, body);
    if (!form.ok) return showForm(reply, user, projectId, body, form.errors);
    const made = await stories.add(user, projectId, form.data, uploadFrom(request.body));
    if (!made.ok) return showForm(reply, user, projectId, body, made.errors);
    request.flash(t('outcomes:flash.storyAdded'));
    return reply.redirect(`/outcomes/stories/${made.id}`, 303);
  });

  app.get('/stories/:id', async (request, reply) => {
    const user = signedInUser(request);
    const story = await stories.story(user, param(request, 'id'));
    return reply.view('outcomes/views/story.njk', { story, staff: isStaff(user), mine: story.tellerPersonId === user.personId });
  });

  app.get('/stories/:id/file', async (request, reply) => {
    const user = signedInUser(request);
    const id = param(request, 'id');
    const file = await stories.download(user, id);
    // A recording holds the teller's voice or face: each download is on the story and, when
    // someone else takes it, on the teller's history.
    return sendFile(reply, file, () =>
      services.readsLog.record(user, [
        { subjectType: 'story', subjectId: id, action: 'recording-downloaded' },
        ...readsOfPeople(user, 'person', 'story-recording-downloaded', [file.tellerPersonId]),
      ]),
    );
  });

  app.post('/stories/:id/withdraw', async (request, reply) => {
    const user = signedInUser(request);
    const story = await stories.withdraw(user, param(request, 'id'));
    request.flash(t('outcomes:flash.withdrawn'));
    return reply.redirect(isStaff(user) ? `/outcomes/projects/${story.projectId}/stories` : `/outcomes/stories/${story.id}`, 303);
  });

  app.post('/stories/:id/reports', { preHandler: staffOnly }, async (request, reply) => {
    const id = param(request, 'id');
    const yes = formFields(request.body).forReports === 'yes';
    await stories.markForReports(signedInUser(request), id, yes);
    request.flash(t(yes ? 'outcomes:flash.markedForReports' : 'outcomes:flash.unmarkedForReports'));
    return reply.redirect(`/outcomes/stories/${id}`, 303);
  });
};
