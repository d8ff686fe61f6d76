import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { RouteDeps } from '../../services.ts';
import { allow, isStaff, signedInUser } from '../../platform/auth.ts';
import { NotFound } from '../../platform/errors.ts';
import { uploadedFileName } from '../../platform/files.ts';
import { errorView, formFields, optionalText, parseForm, requiredText, type FieldErrors } from '../../platform/forms.ts';
import type { Translate } from '../../platform/i18n.ts';
import { checkMyWords } from '../../platform/plain-words.ts';
import { sendFile } from '../../platform/serve-file.ts';
import { paperFormats } from '../meetings/vocabulary.ts';
import type { Paper, PapersService, Upload } from './service.ts';

const formatField = z.enum(paperFormats, { message: 'papers:errors.formatRequired' });
/** A summary is a few plain sentences: what the paper is about and why it matters to the reader. */
const summaryText = optionalText(1000, 'papers:errors.summaryTooLong');
const paperForm = z.object({ title: requiredText('papers:errors.titleRequired', 200), format: formatField, summary: summaryText });
const summaryForm = z.object({ summary: summaryText });
const versionForm = z.object({ format: formatField });

const meetingParams = z.object({ id: z.string().uuid() });
const paperParams = meetingParams.extend({ paperId: z.string().uuid() });
const fileParams = meetingParams.extend({ fileId: z.string().uuid() });

/** Ids in the address are UUIDs; anything else is a page that does not exist. */
function idsFrom<T>(schema: z.ZodType<T>, request: FastifyRequest): T {
  const parsed = schema.safeParse(request.params);
  if (!parsed.success) throw new NotFound();
  return parsed.data;
}

/** The bytes of the "file" field, and the name the browser gave it when the app kept it. */
function uploadFrom(body: unknown): Upload {
  const file = (body as Record<string, unknown> | undefined)?.file;
  return Buffer.isBuffer(file) ? { data: file, fileName: uploadedFileName(file) } : null;
}

/** What the person typed or chose, to show again; a file cannot be shown again. */
function typed(body: unknown) {
  const b = (body ?? {}) as Record<string, unknown>;
  const text = (v: unknown) => (typeof v === 'string' ? v : '');
  return { title: text(b.title), format: text(b.format), summary: text(b.summary) };
}

type PageState = {
  /** The "Add a paper" form, when it is shown again. */
  values?: { title: string; format: string; summary: string };
  /** The "Add another version" form of one paper, when it is shown again. */
  version?: { paperId: string; format: string };
  errors?: FieldErrors;
};

/**
 * Papers for a meeting, in the versions people need. Staff add and remove them; members of
 * the meeting's project see and download them. Everyone else gets "not found".
 */
export const paperRoutes: FastifyPluginAsync<RouteDeps> = async (app, { services, config, t }) => {
  const papers: PapersService = services.papers;
  const maxMb = Math.floor(config.maxUploadBytes / (1024 * 1024));
  const staffOnly = allow('admin', 'facilitator');
  // An independent facilitator reads the papers of a meeting they run (issue 22); adding papers stays with staff.
  app.addHook('preHandler', allow('admin', 'facilitator', 'member', 'independent-facilitator'));

  // A file over the limit must come back to the form as an error a person can act on, not
  // as a 413 page. So multipart keeps one byte more than allowed instead of throwing, and
  // the service refuses anything longer than the limit. This also lifts the app-wide
  // limit, which suits CSV imports, for these routes only.
  const upload = { multipartOptions: { limits: { fileSize: config.maxUploadBytes + 1, files: 1 }, throwFileSizeLimit: false } };

  // The size error names the limit, so every message gets the limit to fill in.
  const translateWithLimit = ((key: string) => t(key, { mb: maxMb })) as unknown as Translate;

  const sizeText = (bytes: number) =>
    bytes < 1024 * 1024
      ? t('papers:size.kb', { size: Math.max(1, Math.ceil(bytes / 1024)) })
      : t('papers:size.mb', { size: Number((bytes / (1024 * 1024)).toFixed(1)) });

  const showPage = async (request: FastifyRequest, reply: FastifyReply, meetingId: string, state: PageState = {}) => {
    const user = signedInUser(request);
    const { meeting, papers: list } = await papers.forMeeting(user, meetingId);
    return reply.view(
      'papers/views/list.njk',
      {
        meeting,
        papers: list.map((p: Paper) => ({ ...p, files: p.files.map((f) => ({ ...f, size: sizeText(f.sizeBytes) })) })),
        staff: isStaff(user),
        formats: paperFormats,
        maxMb,
        values: state.values ?? { title: '', format: '', summary: '' },
        version: state.version ?? { paperId: '', format: '' },
        formErrors: state.errors ? errorView(state.errors, translateWithLimit) : undefined,
      },
      { status: state.errors ? 400 : 200 },
    );
  };

  app.get('/:id/papers', async (request, reply) => showPage(request, reply, idsFrom(meetingParams, request).id));

  app.post('/:id/papers', { preHandler: staffOnly, config: upload }, async (request, reply) => {
    const user = signedInUser(request);
    const { id } = idsFrom(meetingParams, request);
    await papers.forMeeting(user, id); // not found before any checks of the form
    // "Check my words" on the summary: the form again with the advice; nothing is kept.
    if (await checkMyWords(request, services.plainWords)) return showPage(request, reply, id, { values: typed(request.body) });
    const form = parseForm(paperForm, request.body);
    const file = await papers.checkUpload(uploadFrom(request.body));
    if (!form.ok || !file.ok) {
      const errors = { ...(form.ok ? {} : form.errors), ...(file.ok ? {} : { file: file.error }) };
      return showPage(request, reply, id, { values: typed(request.body), errors });
    }
    await papers.add(user, id, form.data, file.upload);
    request.flash(t('papers:added'));
    return reply.redirect(`/meetings/${id}/papers`, 303);
  });

  const showSummary = async (request: FastifyRequest, reply: FastifyReply, values?: Record<string, unknown>, errors?: FieldErrors) => {
    const { id, paperId } = idsFrom(paperParams, request);
    const { meeting, papers: list } = await papers.forMeeting(signedInUser(request), id);
    const paper = list.find((p) => p.id === paperId);
    if (!paper) throw new NotFound();
    return reply.view(
      'papers/views/summary.njk',
      { meeting, paper: { id: paper.id, title: paper.title }, values: values ?? { summary: paper.summary ?? '' } },
      errors ? { errors, status: 400 } : {},
    );
  };

  app.get('/:id/papers/:paperId/summary', { preHandler: staffOnly }, async (request, reply) => showSummary(request, reply));

  app.post('/:id/papers/:paperId/summary', { preHandler: staffOnly }, async (request, reply) => {
    const { id, paperId } = idsFrom(paperParams, request);
    const values = formFields(request.body);
    if (await checkMyWords(request, services.plainWords)) return showSummary(request, reply, values);
    const form = parseForm(summaryForm, request.body);
    if (!form.ok) return showSummary(request, reply, values, form.errors);
    await papers.changeSummary(signedInUser(request), id, paperId, form.data.summary);
    request.flash(t('papers:summary.saved'));
    return reply.redirect(`/meetings/${id}/papers#paper-${paperId}`, 303);
  });

  app.post('/:id/papers/:paperId/files', { preHandler: staffOnly, config: upload }, async (request, reply) => {
    const user = signedInUser(request);
    const { id, paperId } = idsFrom(paperParams, request);
    const { papers: list } = await papers.forMeeting(user, id);
    if (!list.some((p) => p.id === paperId)) throw new NotFound();
    const form = parseForm(versionForm, request.body);
    const file = await papers.checkUpload(uploadFrom(request.body));
    if (!form.ok || !file.ok) {
      // Each paper has its own form, so its fields carry the paper's id.
      const errors: FieldErrors = {};
      if (!form.ok) for (const [field, key] of Object.entries(form.errors)) errors[`${field}-${paperId}`] = key;
      if (!file.ok) errors[`file-${paperId}`] = file.error;
      return showPage(request, reply, id, { version: { paperId, format: typed(request.body).format }, errors });
    }
    await papers.addVersion(user, id, paperId, form.data.format, file.upload);
    request.flash(t('papers:versionAdded'));
    return reply.redirect(`/meetings/${id}/papers`, 303);
  });

  app.get('/:id/papers/files/:fileId', async (request, reply) => {
    const user = signedInUser(request);
    const { id, fileId } = idsFrom(fileParams, request);
    const file = await papers.download(user, id, fileId);
    return sendFile(reply, file, () =>
      services.readsLog.record(user, [
        { subjectType: 'meeting', subjectId: id, action: 'paper-downloaded', changes: [{ field: 'file', to: file.id }] },
      ]),
    );
  });

  app.post('/:id/papers/files/:fileId/remove', { preHandler: staffOnly }, async (request, reply) => {
    const user = signedInUser(request);
    const { id, fileId } = idsFrom(fileParams, request);
    const { paperRemoved } = await papers.removeFile(user, id, fileId);
    request.flash(t(paperRemoved ? 'papers:paperRemoved' : 'papers:fileRemoved'));
    return reply.redirect(`/meetings/${id}/papers`, 303);
  });
};
