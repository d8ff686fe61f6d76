import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';

/**
 * Where uploaded files live. The database keeps what a file is and who may see it; the
 * store only keeps bytes under a random name, so nothing a person typed or uploaded ever
 * becomes part of a path.
 */
export type FileStore = {
  /** Keeps the bytes and returns the name they are stored under. */
  put(data: Buffer): Promise<string>;
  /** The stored bytes as a stream: a sign language video can be large. */
  read(storedName: string): Promise<Readable>;
  /** Removing a file that is already gone is not an error. */
  remove(storedName: string): Promise<void>;
};

const storedNamePattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export class StoredFileMissing extends Error {
  constructor(readonly storedName: string) {
    super('The stored file is missing');
  }
}

/** Files in one folder on disk. */
export function diskFileStore(dir: string): FileStore {
  const root = path.resolve(dir);
  let ready: Promise<unknown> | undefined;
  const ensureDir = () => (ready ??= fs.mkdir(root, { recursive: true }));

  /** Only names this store made: anything else (../, absolute paths, temp files) is refused. */
  const pathOf = (storedName: string) => {
    if (!storedNamePattern.test(storedName)) throw new Error('Not a stored file name');
    const full = path.join(root, storedName);
    if (path.dirname(full) !== root) throw new Error('Not a stored file name');
    return full;
  };

  return {
    async put(data) {
      await ensureDir();
      const storedName = randomUUID();
      // Written to a temporary name, flushed, then renamed: a half-written file never
      // appears under a stored name, even if the machine stops part way.
      const temp = path.join(root, `.tmp-${randomUUID()}`);
      try {
        const handle = await fs.open(temp, 'wx', 0o640);
        try {
          await handle.writeFile(data);
          await handle.sync();
        } finally {
          await handle.close();
        }
        await fs.rename(temp, pathOf(storedName));
      } catch (error) {
        await fs.rm(temp, { force: true });
        throw error;
      }
      return storedName;
    },

    async read(storedName) {
      const full = pathOf(storedName);
      try {
        const handle = await fs.open(full, 'r');
        return handle.createReadStream();
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new StoredFileMissing(storedName);
        throw error;
      }
    },

    async remove(storedName) {
      await fs.rm(pathOf(storedName), { force: true });
    },
  };
}

/**
 * A Content-Disposition header that makes the browser save the file under its name. Old
 * browsers read the plain `filename`, so it only has safe ASCII; the real name, in any
 * language, goes in `filename*` (RFC 6266 and RFC 5987).
 */
export function attachmentDisposition(fileName: string): string {
  const name = cleanFileName(fileName) || 'download';
  const ascii = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^\x20-\x7e]|["\\%;]/g, '_');
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

/**
 * A file name safe to keep and show: no folders, no control characters, not too long
 * (the extension is kept when it is shortened). Empty when nothing usable is left.
 */
export function cleanFileName(fileName: string, maxLength = 150): string {
  const base = fileName.split(/[\\/]/).pop() ?? '';
  const cleaned = base
    .replace(/\s+/g, ' ')
    // eslint-disable-next-line no-control-regex -- control characters are what it removes
    .replace(/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '')
    .trim();
  if (/^\.*$/.test(cleaned)) return '';
  const chars = [...cleaned];
  if (chars.length <= maxLength) return cleaned;
  const dot = cleaned.lastIndexOf('.');
  const extension = dot > 0 && cleaned.length - dot <= 10 ? cleaned.slice(dot) : '';
  return (
    chars
      .slice(0, maxLength - [...extension].length)
      .join('')
      .trimEnd() + extension
  );
}

/**
 * Multipart's key-value bodies keep only a file's bytes. Given to the multipart plugin as
 * its `onFile`, this also remembers the name the browser sent, looked up by the bytes.
 */
const uploadedNames = new WeakMap<Buffer, string>();

export async function keepUploadedFileName(part: { filename: string; toBuffer(): Promise<Buffer> }): Promise<void> {
  const data = await part.toBuffer();
  uploadedNames.set(data, part.filename);
}

export const uploadedFileName = (data: Buffer): string | undefined => uploadedNames.get(data);
