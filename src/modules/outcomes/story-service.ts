import type { Readable } from 'node:stream';
import type { Db } from '../../db/connection.ts';
import type { StoryKind } from '../../db/schema/outcomes.ts';
import { writeAudit } from '../../platform/audit.ts';
import { isStaff, type CurrentUser } from '../../platform/auth.ts';
import { Conflict, Forbidden, NotFound } from '../../platform/errors.ts';
import { StoredFileMissing, type FileStore } from '../../platform/files.ts';
import type { FieldErrors } from '../../platform/forms.ts';
import type { Translate } from '../../platform/i18n.ts';
import { newId } from '../../platform/ids.ts';
import type { Clock } from '../../platform/time.ts';
import { pageOf, type Page } from '../../platform/pagination.ts';
import { checkUpload, nameWithExtension } from '../../platform/file-kinds.ts';
import type { ProjectService } from '../projects/service.ts';
import * as repo from './repository.ts';
import { canMarkForReports, consentProblems, shownName } from './stories.ts';

export type Story = {
  id: string;
  projectId: string;
  projectTitle: string;
  tellerPersonId: string;
  tellerName: string;
  title: string;
  kind: StoryKind;
  text: string | null;
  fileName: string | null;
  mediaType: string | null;
  hasFile: boolean;
  toldOn: string;
  showName: boolean;
  displayName: string;
  anonymous: boolean;
  consentGivenAt: string;
  consentRecordedByStaff: boolean;
  forReports: boolean;
  withdrawnAt: string | null;
};

/** The contract with the impact report: stories that may be used, as they may be shown. */
export type ReportableStory = {
  id: string;
  projectId: string;
  projectTitle: string;
  title: string;
  toldOn: string;
  displayName: string;
  anonymous: boolean;
  kind: StoryKind;
  text: string | null;
  fileUrl: string | null;
  mediaType: string | null;
};

export type StoryInput = {
  tellerPersonId: string;
  title: string;
  kind: StoryKind;
  text: string | null;
  toldOn: string;
  consent: boolean;
  showName: boolean | null;
  displayName: string | null;
};
export type StoryUpload = { data: Buffer; fileName: string | undefined } | null;

type Deps = { db: Db; now: Clock; t: Translate; files: FileStore; maxUploadBytes: number; projects: ProjectService };

/** Stories of what changed (V4): kept only with the teller's consent, which they can withdraw. */
export function makeStoryService({ db, now, t, files, maxUploadBytes, projects }: Deps) {
  const anonymous = () => t('outcomes:story.anonymous');

  const toStory = (r: repo.StoryRow): Story => {
    const consent = {
      withdrawnAt: r.withdrawn_at,
      forReports: Number(r.for_reports) === 1,
      showName: Number(r.show_name) === 1,
      displayName: r.display_name,
    };
    const displayName = shownName(consent, anonymous());
    return {
      id: r.id,
      projectId: r.project_id,
      projectTitle: r.project_title,
      tellerPersonId: r.teller_person_id,
      tellerName: r.teller_preferred_name || r.teller_full_name,
      title: r.title,
      kind: r.kind,
      text: r.body_text,
      fileName: r.file_name,
      mediaType: r.media_type,
      hasFile: Boolean(r.stored_name),
      toldOn: r.told_on,
      showName: consent.showName,
      displayName,
      anonymous: displayName === anonymous() && !consent.showName,
      consentGivenAt: r.consent_given_at,
      consentRecordedByStaff: r.consent_recorded_by !== null,
      forReports: consent.forReports,
      withdrawnAt: r.withdrawn_at,
    };
  };

  /** Staff see every story; a teller sees their own. Anyone else: not found. */
  async function load(user: CurrentUser, id: string): Promise<{ story: Story; row: repo.StoryRow }> {
    const row = await repo.findStory(db, user.organisationId, id);
    if (!row || (!isStaff(user) && row.teller_person_id !== user.personId)) throw new NotFound();
    return { story: toStory(row), row };
  }

  const audit = (
    user: CurrentUser,
    story: { id: string; tellerPersonId: string },
    action: string,
    changes: Array<{ field: string; from?: unknown; to?: unknown }> = [],
  ) =>
    writeAudit(db, {
      organisationId: user.organisationId,
      actorPersonId: user.personId,
      onBehalfOfPersonId: story.tellerPersonId !== user.personId ? story.tellerPersonId : null,
      subjectType: 'story',
      subjectId: story.id,
      action,
      changes,
      at: now(),
    });

  /** A recording must really be sound (audio) or video, judged by its bytes. */
  async function checkRecording(kind: StoryKind, upload: StoryUpload) {
    if (kind === 'text') return { ok: true as const, file: null };
    const checked = await checkUpload(upload, {
      maxBytes: maxUploadBytes,
      kinds: new Set([kind === 'audio' ? 'sound' : 'video']),
      required: true,
    });
    if (!checked.ok) {
      const error =
        checked.problem === 'too-large'
          ? 'outcomes:errors.fileTooLarge'
          : checked.problem === 'wrong-type'
            ? `outcomes:errors.fileType.${kind}`
            : 'outcomes:errors.fileRequired';
      return { ok: false as const, error };
    }
    const file = checked.file!;
    return {
      ok: true as const,
      file: { data: file.data, type: file.type, fileName: nameWithExtension(file.fileName || 'story', file.type) },
    };
  }

  return {
    /** A page of a project's stories, newest first: all of them for staff, a member's own for a member. */
    async forProject(user: CurrentUser, projectId: string, page: Page = pageOf(1)) {
      const project = await projects.get(user, projectId);
      const filter = { projectId: project.id, ...(isStaff(user) ? {} : { tellerId: user.personId }) };
      const [rows, total] = await Promise.all([
        repo.listStories(db, user.organisationId, filter, page),
        repo.countStories(db, user.organisationId, filter),
      ]);
      return { project, stories: rows.map(toStory), total };
    },

    async story(user: CurrentUser, id: string): Promise<Story> {
      return (await load(user, id)).story;
    },

    /**
     * Keeps a story only with the teller's consent and their choice of name. Members tell
     * their own; staff record one for a member of the project, and the history says so.
     */
    async add(
      user: CurrentUser,
      projectId: string,
      input: StoryInput,
      upload: StoryUpload,
    ): Promise<{ ok: true; id: string } | { ok: false; errors: FieldErrors }> {
      const project = await projects.get(user, projectId);
      const teller = isStaff(user) ? input.tellerPersonId : user.personId;
      const errors: FieldErrors = { ...consentProblems(input) };
      if (!(await projects.isMember(user.organisationId, project.id, teller))) errors.tellerPersonId = 'outcomes:errors.tellerRequired';
      if (input.kind === 'text' && !input.text) errors.text = 'outcomes:errors.textRequired';
      const recording = await checkRecording(input.kind, upload);
      if (!recording.ok) errors.file = recording.error;
      if (Object.keys(errors).length || !recording.ok) return { ok: false, errors };
      const storedName = recording.file ? await files.put(recording.file.data) : null;
      const id = newId();
      const at = now().toISOString();
      try {
        await repo.insertStory(db, {
          id,
          organisation_id: user.organisationId,
          project_id: project.id,
          teller_person_id: teller,
          title: input.title,
          kind: input.kind,
          body_text: input.text,
          file_name: recording.file?.fileName ?? null,
          stored_name: storedName,
          media_type: recording.file?.type.mediaType ?? null,
          size_bytes: recording.file?.data.length ?? null,
          told_on: input.toldOn,
          show_name: input.showName ? 1 : 0,
          display_name: input.showName ? input.displayName : null,
          consent_given_at: at,
          consent_recorded_by: teller === user.personId ? null : user.personId,
          for_reports: 0,
          created_at: at,
          created_by: user.personId,
        });
      } catch (error) {
        if (storedName) await files.remove(storedName);
        throw error;
      }
      await audit(user, { id, tellerPersonId: teller }, 'told-with-consent', [{ field: 'showName', to: Boolean(input.showName) }]);
      return { ok: true, id };
    },

    /**
     * Consent withdrawn: the story leaves every report and page, and its words and
     * recording are deleted. Only that it was told and withdrawn stays.
     */
    async withdraw(user: CurrentUser, id: string): Promise<Story> {
      const { story, row } = await load(user, id);
      if (story.withdrawnAt) return story;
      await repo.updateStory(db, user.organisationId, id, {
        withdrawn_at: now().toISOString(),
        withdrawn_by: user.personId,
        for_reports: 0,
        body_text: null,
        display_name: null,
        file_name: null,
        stored_name: null,
        media_type: null,
        size_bytes: null,
      });
      // Only once the row no longer points at it: a row pointing at nothing is worse than a stray file.
      if (row.stored_name) await files.remove(row.stored_name);
      await audit(user, story, 'consent-withdrawn', [{ field: 'file', from: Boolean(row.stored_name) }]);
      return story;
    },

    /** Staff say whether a story can be used in reports; never once consent is withdrawn. */
    async markForReports(user: CurrentUser, id: string, yes: boolean): Promise<Story> {
      if (!isStaff(user)) throw new Forbidden();
      const { story } = await load(user, id);
      if (!canMarkForReports(story)) throw new Conflict('outcomes:errors.consentWithdrawn');
      await repo.updateStory(db, user.organisationId, id, { for_reports: yes ? 1 : 0, for_reports_by: user.personId });
      await audit(user, { id, tellerPersonId: user.personId }, yes ? 'marked-for-reports' : 'unmarked-for-reports');
      return story;
    },

    /** The recording, for staff and for the teller. */
    async download(
      user: CurrentUser,
      id: string,
    ): Promise<{ fileName: string; mediaType: string; sizeBytes: number; tellerPersonId: string; open(): Promise<Readable> }> {
      const { row } = await load(user, id);
      if (!row.stored_name || !row.media_type) throw new NotFound();
      const storedName = row.stored_name;
      return {
        tellerPersonId: row.teller_person_id,
        fileName: row.file_name ?? 'story',
        mediaType: row.media_type,
        sizeBytes: Number(row.size_bytes ?? 0),
        async open() {
          try {
            return await files.read(storedName);
          } catch (error) {
            if (error instanceof StoredFileMissing) throw new NotFound();
            throw error;
          }
        },
      };
    },

    /** For reports: consent stands and staff marked them. The caller checks the role. */
    async reportableStories(
      organisationId: string,
      opts: { projectId?: string; from?: string; to?: string } = {},
    ): Promise<ReportableStory[]> {
      // A report is read whole, not a page at a time: it carries the newest stories staff
      // marked for reports in its period, up to a bound that keeps the PDF printable.
      const rows = await repo.listStories(db, organisationId, { ...opts, reportable: true }, pageOf(1, storiesInAReport));
      return rows.map(toStory).map((s) => ({
        id: s.id,
        projectId: s.projectId,
        projectTitle: s.projectTitle,
        title: s.title,
        toldOn: s.toldOn,
        displayName: s.displayName,
        anonymous: !s.showName,
        kind: s.kind,
        text: s.text,
        fileUrl: s.hasFile ? `/outcomes/stories/${s.id}/file` : null,
        mediaType: s.mediaType,
      }));
    },

    /** How many stories a report could carry, counted by the database: a report shows only the newest. */
    async countReportableStories(organisationId: string, opts: { projectId?: string; from?: string; to?: string } = {}): Promise<number> {
      return repo.countStories(db, organisationId, { ...opts, reportable: true });
    },
  };
}

export type StoryService = ReturnType<typeof makeStoryService>;

/** The most stories one impact report carries (see reportableStories); it says how many more there are. */
export const storiesInAReport = 20;
