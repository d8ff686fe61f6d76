import type { Readable } from 'node:stream';
import type { Db } from '../../db/connection.ts';
import type { Database } from '../../db/schema.ts';
import { auditWriter } from '../../platform/audit.ts';
import { isStaff, type CurrentUser } from '../../platform/auth.ts';
import { Forbidden, NotFound } from '../../platform/errors.ts';
import { cleanFileName, StoredFileMissing, type FileStore } from '../../platform/files.ts';
import { newId } from '../../platform/ids.ts';
import type { Clock } from '../../platform/time.ts';
import { paperFormats, type PaperFormat } from '../meetings/vocabulary.ts';
import {
  checkUpload,
  kindOfMediaType,
  nameWithExtension,
  type CheckedFile,
  type FileKind,
  type Upload,
} from '../../platform/file-kinds.ts';
import * as repo from './repository.ts';

/** What papers need from meetings: the meeting, if this person may see it (else NotFound). */
export type MeetingAccess = {
  getForUser(
    user: CurrentUser,
    meetingId: string,
  ): Promise<{ id: string; projectId: string; projectTitle: string; title: string; startsAt: string; endsAt: string }>;
};
export type MeetingSummary = Awaited<ReturnType<MeetingAccess['getForUser']>>;

export type PaperFile = {
  id: string;
  format: PaperFormat;
  fileName: string;
  mediaType: string;
  kind: FileKind | null;
  sizeBytes: number;
  uploadedAt: string;
};
/** summary: what the paper is about in plain words, written by staff (issue 24); null when none. */
export type Paper = { id: string; title: string; summary: string | null; files: PaperFile[] };

/** What came in from the form: the bytes, and the name the browser gave them if known. */
export type { Upload } from '../../platform/file-kinds.ts';

const paperProblems = {
  missing: 'papers:errors.fileRequired',
  empty: 'papers:errors.fileEmpty',
  'too-large': 'papers:errors.fileTooLarge',
  'wrong-type': 'papers:errors.fileType',
} as const;
/** An upload that passed checkUpload: its real type is known and its name is safe to keep. */
export type CheckedUpload = CheckedFile;
export type UploadCheck = { ok: true; upload: CheckedUpload } | { ok: false; error: string };

export type Download = { id: string; fileName: string; mediaType: string; sizeBytes: number; open(): Promise<Readable> };

const formatOrder = new Map<string, number>(paperFormats.map((f, i) => [f, i]));
const knownFormat = (f: string): PaperFormat => (formatOrder.has(f) ? (f as PaperFormat) : 'standard');

export function makePapersService({
  db,
  now,
  files,
  meetings,
  maxUploadBytes,
}: {
  db: Db;
  now: Clock;
  files: FileStore;
  meetings: MeetingAccess;
  maxUploadBytes: number;
}) {
  async function listForMeeting(organisationId: string, meetingId: string): Promise<Paper[]> {
    const [papers, fileRows] = await Promise.all([
      repo.listPapers(db, organisationId, meetingId),
      repo.listMeetingFiles(db, organisationId, meetingId),
    ]);
    const byPaper = new Map<string, PaperFile[]>(papers.map((p) => [p.id, []]));
    for (const f of fileRows) {
      byPaper.get(f.paper_id)?.push({
        id: f.id,
        format: knownFormat(f.format),
        fileName: f.file_name,
        mediaType: f.media_type,
        kind: kindOfMediaType(f.media_type),
        sizeBytes: Number(f.size_bytes),
        uploadedAt: f.uploaded_at,
      });
    }
    return papers.map((p) => ({
      id: p.id,
      title: p.title,
      summary: p.summary || null,
      // Standard first, then easy read and the rest; the newest last within a format.
      files: (byPaper.get(p.id) ?? []).sort((a, b) => formatOrder.get(a.format)! - formatOrder.get(b.format)!),
    }));
  }

  const staffOnly = (user: CurrentUser) => {
    if (!isStaff(user)) throw new Forbidden();
  };

  const audit = auditWriter(db, now, 'meeting');

  /** Keeps the bytes, then the row; if the row cannot be written, the bytes go too. */
  async function store(
    user: CurrentUser,
    paperId: string,
    format: PaperFormat,
    upload: CheckedUpload,
    fallbackName: string,
    paper?: Database['meeting_papers'],
  ) {
    const storedName = await files.put(upload.data);
    const id = newId();
    const fileName = nameWithExtension(upload.fileName || cleanFileName(fallbackName) || 'paper', upload.type);
    try {
      await db.transaction().execute(async (trx) => {
        if (paper) await repo.insertPaper(trx, paper);
        await repo.insertFile(trx, {
          id,
          organisation_id: user.organisationId,
          paper_id: paperId,
          format,
          file_name: fileName,
          stored_name: storedName,
          media_type: upload.type.mediaType,
          size_bytes: upload.data.length,
          uploaded_at: now().toISOString(),
          uploaded_by: user.personId,
        });
      });
    } catch (error) {
      await files.remove(storedName);
      throw error;
    }
    return id;
  }

  return {
    listForMeeting,

    /** The formats every paper of a meeting has a version in (none when it has no papers): for the access check. */
    async formatsReady(organisationId: string, meetingId: string): Promise<PaperFormat[]> {
      const papers = await listForMeeting(organisationId, meetingId);
      if (papers.length === 0) return [];
      return paperFormats.filter((format) => papers.every((p) => p.files.some((f) => f.format === format)));
    },

    /** The meeting and its papers, for someone allowed to see the meeting. */
    /** Every paper of every meeting of a project, for a proposal to link to. */
    async ofProject(organisationId: string, projectId: string) {
      return (await repo.papersOfProject(db, organisationId, projectId)).map((p) => ({
        id: p.id,
        title: p.title,
        meetingId: p.meeting_id,
        meetingTitle: p.meeting_title,
      }));
    },

    async forMeeting(user: CurrentUser, meetingId: string): Promise<{ meeting: MeetingSummary; papers: Paper[] }> {
      const meeting = await meetings.getForUser(user, meetingId);
      return { meeting, papers: await listForMeeting(user.organisationId, meeting.id) };
    },

    /** The checks an uploaded file must pass, each with its own message. */
    async checkUpload(upload: Upload): Promise<UploadCheck> {
      const checked = await checkUpload(upload, { maxBytes: maxUploadBytes, required: true });
      if (!checked.ok) return { ok: false, error: paperProblems[checked.problem] };
      return { ok: true, upload: checked.file! };
    },

    /** A new paper with its first version. */
    async add(
      user: CurrentUser,
      meetingId: string,
      input: { title: string; format: PaperFormat; summary?: string | null },
      upload: CheckedUpload,
    ): Promise<string> {
      staffOnly(user);
      const meeting = await meetings.getForUser(user, meetingId);
      const paperId = newId();
      const paper = {
        id: paperId,
        organisation_id: user.organisationId,
        meeting_id: meeting.id,
        title: input.title,
        summary: input.summary || null,
        created_at: now().toISOString(),
      };
      const fileId = await store(user, paperId, input.format, upload, input.title, paper);
      await audit(user, meeting.id, 'paper-added', [
        { field: 'paper', to: paperId },
        { field: 'file', to: fileId },
        { field: 'format', to: input.format },
      ]);
      return paperId;
    },

    /** Writes, changes or clears (empty) a paper's summary. */
    async changeSummary(user: CurrentUser, meetingId: string, paperId: string, summary: string | null): Promise<void> {
      staffOnly(user);
      const meeting = await meetings.getForUser(user, meetingId);
      if (!(await repo.updateSummary(db, user.organisationId, meeting.id, paperId, summary || null))) throw new NotFound();
      await audit(user, meeting.id, 'paper-summary-changed', [{ field: 'paper', to: paperId }]);
    },

    /** Another version of a paper: easy read, audio, a corrected copy ... */
    async addVersion(user: CurrentUser, meetingId: string, paperId: string, format: PaperFormat, upload: CheckedUpload): Promise<void> {
      staffOnly(user);
      const meeting = await meetings.getForUser(user, meetingId);
      const paper = (await repo.listPapers(db, user.organisationId, meeting.id)).find((p) => p.id === paperId);
      if (!paper) throw new NotFound();
      const fileId = await store(user, paper.id, format, upload, paper.title);
      await audit(user, meeting.id, 'paper-file-added', [
        { field: 'paper', to: paper.id },
        { field: 'file', to: fileId },
        { field: 'format', to: format },
      ]);
    },

    /** A file to download, for staff and for members of the meeting's project. */
    async download(user: CurrentUser, meetingId: string, fileId: string): Promise<Download> {
      const meeting = await meetings.getForUser(user, meetingId);
      const row = await repo.findMeetingFile(db, user.organisationId, meeting.id, fileId);
      if (!row) throw new NotFound();
      return {
        id: row.id,
        fileName: row.file_name,
        mediaType: row.media_type,
        sizeBytes: Number(row.size_bytes),
        async open() {
          try {
            return await files.read(row.stored_name);
          } catch (error) {
            if (error instanceof StoredFileMissing) throw new NotFound();
            throw error;
          }
        },
      };
    },

    /** Removes one version; a paper left with no versions goes too. */
    async removeFile(user: CurrentUser, meetingId: string, fileId: string): Promise<{ paperRemoved: boolean }> {
      staffOnly(user);
      const meeting = await meetings.getForUser(user, meetingId);
      const row = await repo.findMeetingFile(db, user.organisationId, meeting.id, fileId);
      if (!row) throw new NotFound();
      const paperRemoved = await db.transaction().execute(async (trx) => {
        if (!(await repo.deleteFile(trx, user.organisationId, row.id))) throw new NotFound();
        if (await repo.paperHasFiles(trx, user.organisationId, row.paper_id)) return false;
        await repo.deletePaper(trx, user.organisationId, row.paper_id);
        return true;
      });
      // Only once the row is gone: a stored file nobody points at is harmless, a row
      // pointing at nothing is not.
      await files.remove(row.stored_name);
      await audit(user, meeting.id, 'paper-file-removed', [
        { field: 'paper', from: row.paper_id },
        { field: 'file', from: row.id },
        { field: 'format', from: row.format },
      ]);
      return { paperRemoved };
    },
  };
}

export type PapersService = ReturnType<typeof makePapersService>;
