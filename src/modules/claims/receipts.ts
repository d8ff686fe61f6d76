import type { Readable } from 'node:stream';
import type { Db, Executor } from '../../db/connection.ts';
import { isStaff, type CurrentUser } from '../../platform/auth.ts';
import { Conflict, NotFound } from '../../platform/errors.ts';
import { StoredFileMissing, type FileStore } from '../../platform/files.ts';
import { newId } from '../../platform/ids.ts';
import type { Clock } from '../../platform/time.ts';
import { checkUpload, nameWithExtension, type CheckedFile, type FileKind, type Upload } from '../../platform/file-kinds.ts';
import type { ClaimAccess } from './access.ts';
import { isOpen, type Claim } from './claim.ts';
import * as repo from './repository.ts';

export type { Upload } from '../../platform/file-kinds.ts';
export type CheckedReceipt = CheckedFile;
export type ReceiptCheck = { ok: true; receipt: CheckedReceipt | null } | { ok: false; error: string };

/**
 * Writes a receipt's row, and its audit entry, for bytes already kept under storedName: in
 * the caller's transaction, so an expense and its receipt are saved together or not at all.
 */
export async function insertReceiptIn(
  trx: Executor,
  access: ClaimAccess,
  at: Date,
  user: CurrentUser,
  claim: { id: string; personId: string },
  receipt: CheckedReceipt,
  storedName: string,
): Promise<string> {
  const id = newId();
  await repo.insertReceipt(trx, {
    id,
    organisation_id: user.organisationId,
    claim_id: claim.id,
    file_name: nameWithExtension(receipt.fileName || 'receipt', receipt.type),
    stored_name: storedName,
    media_type: receipt.type.mediaType,
    size_bytes: receipt.data.length,
    uploaded_at: at.toISOString(),
    uploaded_by: user.personId,
  });
  await access.audit(user, claim, 'receipt-added', [{ field: 'receipt', to: id }], { onBehalf: true }, trx);
  return id;
}

/** A receipt is a PDF or a photo: judged by its bytes, never by its name. */
const receiptKinds = new Set<FileKind>(['pdf', 'picture']);
const receiptProblems = {
  missing: 'claims:errors.receiptEmpty',
  empty: 'claims:errors.receiptEmpty',
  'too-large': 'claims:errors.receiptTooLarge',
  'wrong-type': 'claims:errors.receiptType',
} as const;

/** Receipts for expenses: kept with the file store, shown only to the person and staff. */
export function makeReceiptsService({
  db,
  now,
  access,
  files,
  maxUploadBytes,
}: {
  db: Db;
  now: Clock;
  access: ClaimAccess;
  files: FileStore;
  maxUploadBytes: number;
}) {
  /** Receipts can be added or taken away while the claim can still change. */
  function canChange(user: CurrentUser, claim: Claim) {
    if (claim.kind !== 'expense') throw new NotFound();
    if (!(isStaff(user) ? isOpen(claim) : claim.status === 'draft')) throw new Conflict('claims:errors.notEditable');
  }

  return {
    /** No file is fine (a receipt is optional); a file that is not a PDF or picture is not. */
    async check(upload: Upload): Promise<ReceiptCheck> {
      const checked = await checkUpload(upload, { maxBytes: maxUploadBytes, kinds: receiptKinds, required: false });
      if (!checked.ok) return { ok: false, error: receiptProblems[checked.problem] };
      return { ok: true, receipt: checked.file };
    },

    /** Keeps the bytes, then the row; if the row cannot be written, the bytes go too. */
    async add(user: CurrentUser, claimId: string, receipt: CheckedReceipt): Promise<string> {
      const claim = await access.visibleTo(user, claimId);
      canChange(user, claim);
      const storedName = await files.put(receipt.data);
      try {
        return await db.transaction().execute((trx) => insertReceiptIn(trx, access, now(), user, claim, receipt, storedName));
      } catch (error) {
        await files.remove(storedName);
        throw error;
      }
    },

    async download(user: CurrentUser, claimId: string, receiptId: string) {
      const claim = await access.visibleTo(user, claimId);
      const row = await repo.findReceipt(db, user.organisationId, claim.id, receiptId);
      if (!row) throw new NotFound();
      return {
        fileName: row.file_name,
        mediaType: row.media_type,
        sizeBytes: Number(row.size_bytes),
        async open(): Promise<Readable> {
          try {
            return await files.read(row.stored_name);
          } catch (error) {
            if (error instanceof StoredFileMissing) throw new NotFound();
            throw error;
          }
        },
      };
    },

    async remove(user: CurrentUser, claimId: string, receiptId: string): Promise<void> {
      const claim = await access.visibleTo(user, claimId);
      canChange(user, claim);
      const row = await repo.findReceipt(db, user.organisationId, claim.id, receiptId);
      if (!row || !(await repo.deleteReceipt(db, user.organisationId, row.id))) throw new NotFound();
      // Only once the row is gone: a stored file nobody points at is harmless.
      await files.remove(row.stored_name);
      await access.audit(user, claim, 'receipt-removed', [{ field: 'receipt', from: row.id }], { onBehalf: true });
    },
  };
}

export type ReceiptsService = ReturnType<typeof makeReceiptsService>;
