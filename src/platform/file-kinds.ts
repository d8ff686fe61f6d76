import { fileTypeFromBuffer } from 'file-type';
import { cleanFileName } from './files.ts';

// What a paper's file may be, judged by its bytes: never by its name or by the type the
// browser claims, which a renamed file can fake. Labels: papers:kind.<value>.
export const fileKinds = ['pdf', 'word', 'document', 'picture', 'sound', 'video'] as const;
export type FileKind = (typeof fileKinds)[number];

type Accepted = { mediaType: string; kind: FileKind; extensions: readonly string[] };

/** Keyed by the extension file-type reports. The first extension is the usual one. */
const accepted: Record<string, Accepted> = {
  pdf: { mediaType: 'application/pdf', kind: 'pdf', extensions: ['pdf'] },
  docx: { mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', kind: 'word', extensions: ['docx'] },
  // Old Word files are OLE compound files; so are old Excel and PowerPoint ones, which
  // wordDocument() tells apart.
  cfb: { mediaType: 'application/msword', kind: 'word', extensions: ['doc'] },
  odt: { mediaType: 'application/vnd.oasis.opendocument.text', kind: 'document', extensions: ['odt'] },
  png: { mediaType: 'image/png', kind: 'picture', extensions: ['png'] },
  jpg: { mediaType: 'image/jpeg', kind: 'picture', extensions: ['jpg', 'jpeg'] },
  gif: { mediaType: 'image/gif', kind: 'picture', extensions: ['gif'] },
  webp: { mediaType: 'image/webp', kind: 'picture', extensions: ['webp'] },
  mp3: { mediaType: 'audio/mpeg', kind: 'sound', extensions: ['mp3'] },
  m4a: { mediaType: 'audio/mp4', kind: 'sound', extensions: ['m4a'] },
  aac: { mediaType: 'audio/aac', kind: 'sound', extensions: ['aac'] },
  wav: { mediaType: 'audio/wav', kind: 'sound', extensions: ['wav'] },
  ogg: { mediaType: 'audio/ogg', kind: 'sound', extensions: ['ogg', 'oga'] },
  oga: { mediaType: 'audio/ogg', kind: 'sound', extensions: ['oga', 'ogg'] },
  opus: { mediaType: 'audio/ogg', kind: 'sound', extensions: ['opus', 'ogg'] },
  mp4: { mediaType: 'video/mp4', kind: 'video', extensions: ['mp4'] },
  webm: { mediaType: 'video/webm', kind: 'video', extensions: ['webm'] },
};

const kindByMediaType = new Map(Object.values(accepted).map((a) => [a.mediaType, a.kind]));

export type IdentifiedFile = { mediaType: string; kind: FileKind; extensions: readonly string[] };

const wordDocumentStream = Buffer.from('WordDocument', 'utf16le');
const wordDocument = (data: Buffer) => data.includes(wordDocumentStream);

/** What the bytes really are, or null when they are not a kind of file papers may be. */
export async function identifyFile(data: Buffer): Promise<IdentifiedFile | null> {
  const found = await fileTypeFromBuffer(data);
  const match = found ? accepted[found.ext] : undefined;
  if (!match) return null;
  if (found?.ext === 'cfb' && !wordDocument(data)) return null;
  return match;
}

/** For showing a stored file: "PDF", "Sound" ... */
export const kindOfMediaType = (mediaType: string): FileKind | null => kindByMediaType.get(mediaType) ?? null;

/**
 * The name to save a file under, ending in an extension that matches what it really is,
 * so "agenda" or a PDF called "agenda.txt" still opens in the right program.
 */
export function nameWithExtension(fileName: string, file: IdentifiedFile): string {
  const dot = fileName.lastIndexOf('.');
  const extension = dot > 0 ? fileName.slice(dot + 1).toLowerCase() : '';
  return file.extensions.includes(extension) ? fileName : `${fileName}.${file.extensions[0]}`;
}

/** A file as it came with a form: its bytes and the name the browser gave it, or nothing. */
export type Upload = { data: Buffer; fileName: string | undefined } | null;
/** An upload whose bytes say what it is, with a name that is safe to show and to send. */
export type CheckedFile = { readonly data: Buffer; readonly fileName: string; readonly type: IdentifiedFile };
export type UploadProblem = 'missing' | 'empty' | 'too-large' | 'wrong-type';

/**
 * The one check every upload goes through (papers, receipts, recorded stories): there is a
 * file when one is needed, it is not empty or over the size limit, and its bytes (never its
 * name) show it is one of the kinds wanted. Each form turns a problem into its own words.
 */
export async function checkUpload(
  upload: Upload,
  rules: { maxBytes: number; kinds?: ReadonlySet<FileKind>; required: boolean },
): Promise<{ ok: true; file: CheckedFile | null } | { ok: false; problem: UploadProblem }> {
  if (!upload || (upload.data.length === 0 && !upload.fileName))
    return rules.required ? { ok: false, problem: 'missing' } : { ok: true, file: null };
  if (upload.data.length === 0) return { ok: false, problem: 'empty' };
  if (upload.data.length > rules.maxBytes) return { ok: false, problem: 'too-large' };
  const type = await identifyFile(upload.data);
  if (!type || (rules.kinds && !rules.kinds.has(type.kind))) return { ok: false, problem: 'wrong-type' };
  return { ok: true, file: { data: upload.data, fileName: cleanFileName(upload.fileName ?? ''), type } };
}
