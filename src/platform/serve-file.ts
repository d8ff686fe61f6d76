import type { Readable } from 'node:stream';
import type { FastifyReply } from 'fastify';
import { attachmentDisposition } from './files.ts';

/** An uploaded file a person may download: what it is, and its bytes when asked. */
export type FileDownload = { fileName: string; mediaType: string; sizeBytes: number; open(): Promise<Readable> };

/**
 * Sends an uploaded file (a paper, a receipt, a story's recording) to be saved under its
 * own name. Check the person may see it before calling this. `recordRead` writes who took
 * the file to the audit log: it runs once the file is there to send, so a file that
 * cannot be found is not logged as taken, and a file whose taking cannot be logged is not sent.
 */
export async function sendFile(reply: FastifyReply, file: FileDownload, recordRead?: () => Promise<void>): Promise<FastifyReply> {
  const bytes = await file.open();
  try {
    await recordRead?.();
  } catch (error) {
    bytes.destroy();
    throw error;
  }
  return (
    reply
      .type(file.mediaType)
      .header('content-disposition', attachmentDisposition(file.fileName))
      .header('content-length', file.sizeBytes)
      .header('x-content-type-options', 'nosniff')
      // Only the person's own browser may keep a copy, and it must ask again before using
      // it: access can end, and a shared computer should not hand files to the next person.
      .header('cache-control', 'private, no-cache')
      // Should a browser open the file rather than save it, it runs nothing.
      .header('content-security-policy', "default-src 'none'; sandbox")
      .send(bytes)
  );
}
