/**
 * Attachments: upload (type checked by magic bytes, stored content-addressed, one row and one audit
 * event per upload), download (only within the caller's estates), and what other modules call when a
 * request or a transition references files: `assertFilesUsable` then `linkFilesToRequest`.
 */
import { type Actor, assertEstate } from '../../platform/access.ts';
import { recordEvent } from '../../platform/audit.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Db } from '../../platform/db.ts';
import { fieldError, notFound } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { fileMessages as m } from './files.messages.ts';
import {
  claimFiles,
  type FileJson,
  type FileRow,
  type FileUse,
  findFile,
  findFiles,
  insertFile,
  releaseFile,
  setRequestOfFiles,
} from './files.repository.ts';
import type { FileStore } from './files.store.ts';
import {
  acceptedContentType,
  CONTENT_TYPES,
  contentMatches,
  DEFAULT_MAX_BYTES,
  decodeFileName,
  describeTypes,
  FILE_CONTENT_TYPES,
  FILE_KIND_LABELS,
  type FileKind,
  formatBytes,
  KIND_CONTENT_TYPES,
  SIGNATURE_MAX_BYTES,
} from './files.types.ts';

export interface FileDeps {
  db: Db;
  clock: Clock;
  store: FileStore;
  /** Largest accepted upload in bytes (10 MB by default). */
  maxBytes?: number;
}

export interface FileSummary {
  id: string;
  contentType: string;
  size: number;
  name: string;
  kind: FileKind;
  url: string;
}

export interface UploadInput {
  estateId: string;
  kind: FileKind;
  /** The request's Content-Type header. */
  contentType: string | undefined;
  /** The request's X-File-Name header (URI-encoded). */
  fileName: string | string[] | undefined;
  /** The raw body (a Buffer from the route's content-type parser). */
  content: unknown;
}

/** The field every upload error names. */
const FILE = 'file';

export const fileUrl = (id: string) => `/api/files/${id}`;

export function toFileSummary(row: FileJson): FileSummary {
  return {
    id: row.id,
    contentType: row.contentType,
    size: row.size,
    name: row.originalName,
    kind: row.kind as FileKind,
    url: fileUrl(row.id),
  };
}

export async function uploadFile(deps: FileDeps, actor: Actor, input: UploadInput): Promise<FileSummary> {
  assertEstate(actor, input.estateId);
  const maxBytes = deps.maxBytes ?? DEFAULT_MAX_BYTES;

  const contentType = acceptedContentType(input.contentType);
  if (!contentType) throw fieldError(FILE, m.type(describeTypes(FILE_CONTENT_TYPES)));
  const allowed = KIND_CONTENT_TYPES[input.kind];
  if (!allowed.includes(contentType))
    throw fieldError(FILE, m.typeForKind(FILE_KIND_LABELS[input.kind], describeTypes(allowed)));

  const content = input.content;
  if (!Buffer.isBuffer(content) || content.length === 0) throw fieldError(FILE, m.required());
  const limit = input.kind === 'signature' ? Math.min(SIGNATURE_MAX_BYTES, maxBytes) : maxBytes;
  if (content.length > limit) throw fieldError(FILE, m.tooLarge(formatBytes(limit)));
  if (!contentMatches(contentType, content))
    throw fieldError(FILE, m.mismatch(CONTENT_TYPES[contentType].ext.toUpperCase()));

  const decoded = decodeFileName(input.fileName);
  if (decoded === null) throw fieldError('X-File-Name', m.name());
  const name = decoded ?? `${input.kind}.${CONTENT_TYPES[contentType].ext}`;

  // The bytes first: a crash between the two leaves an unreferenced file, never a row without content.
  const stored = await deps.store.put(content);
  const now = deps.clock.now();
  const row: FileRow = {
    id: newId(now.getTime()),
    companyId: actor.companyId,
    estateId: input.estateId,
    sha256: stored.sha256,
    size: stored.size,
    contentType,
    originalName: name,
    kind: input.kind,
    uploadedBy: actor.userId,
    uploadedAt: now,
    requestId: null,
    usedFor: null,
  };
  await deps.db.transaction(async (tx) => {
    await insertFile(tx, row);
    await recordEvent(tx, {
      companyId: row.companyId,
      estateId: row.estateId,
      entityType: 'file',
      entityId: row.id,
      action: 'uploaded',
      actorId: actor.userId,
      at: now,
      data: { kind: row.kind, contentType, size: row.size, name, sha256: row.sha256 },
    });
  });
  return toFileSummary(row);
}

/** The file if the caller may read it: of their company and one of their estates (404 otherwise). */
export async function findReadableFile(db: Db, actor: Actor, id: string): Promise<FileRow> {
  const row = await findFile(db, actor.companyId, id);
  if (!row || !actor.estateIds.includes(row.estateId)) throw notFound(m.notFoundKey());
  return row;
}

export interface UsableOptions {
  /** The kind every file must be (a confirmation's signature must be a `signature`). */
  kind?: FileKind;
  /**
   * The body field the ids came from, for the error: `field` for a single id, `field.<index>` for a
   * list. Default `fileIds`.
   */
  field?: string;
  /** The request being changed: its own files are usable again; files of other requests never are. */
  requestId?: string;
}

/**
 * Checks that files named in a body may be attached to a record of `estateId`: each id exists, is
 * of the caller's company and of that estate, is of the given kind, and belongs to no other request.
 * Throws a 400 naming the first bad field; returns the rows in the order given. Call it inside the
 * transaction that then calls `linkFilesToRequest`.
 */
export async function assertFilesUsable(
  db: Db,
  actor: Actor,
  estateId: string,
  fileIds: string | readonly string[],
  options: UsableOptions = {},
): Promise<FileRow[]> {
  const list = typeof fileIds === 'string' ? [fileIds] : fileIds;
  const base = options.field ?? 'fileIds';
  const fieldOf = (i: number) => (typeof fileIds === 'string' ? base : `${base}.${i}`);
  const found = new Map(
    (await findFiles(db, actor.companyId, [...new Set(list)])).map((r) => [r.id, r] as const),
  );
  return list.map((id, i) => {
    const row = found.get(id);
    if (!row || row.estateId !== estateId || !actor.estateIds.includes(row.estateId))
      throw fieldError(fieldOf(i), m.unknown());
    if (options.kind && row.kind !== options.kind)
      throw fieldError(fieldOf(i), m.kind(FILE_KIND_LABELS[options.kind]));
    if (row.requestId !== null && row.requestId !== options.requestId)
      throw fieldError(fieldOf(i), m.inUse());
    if (row.usedFor !== null && row.usedFor !== 'request')
      throw fieldError(fieldOf(i), m.usedFor(row.usedFor));
    return row;
  });
}

/**
 * Takes files (after `assertFilesUsable`, in the caller's transaction) for a record other than a
 * request — a unit's document, an authorisation letter, a visit's signature — so no other record can
 * take them. One taken in the meantime is a 400 on `field`, which rolls the transaction back.
 */
export async function takeFiles(
  tx: Db,
  fileIds: string | readonly string[],
  usedFor: Exclude<FileUse, 'request'>,
  options: { field?: string } = {},
): Promise<void> {
  const ids = [...new Set(typeof fileIds === 'string' ? [fileIds] : fileIds)];
  const taken = await claimFiles(tx, ids, usedFor);
  if (taken.length !== ids.length) throw fieldError(options.field ?? 'fileIds', m.inUse());
}

/** Gives a file back (a document taken off its unit may be filed again). */
export async function releaseFiles(tx: Db, fileId: string, usedFor: Exclude<FileUse, 'request'>) {
  await releaseFile(tx, fileId, usedFor);
}

/**
 * Makes `requestId` the owner of the files (in the caller's transaction, after `assertFilesUsable`).
 * A file another request took in the meantime is a 400 on `field`, which rolls the transaction back.
 */
export async function linkFilesToRequest(
  tx: Db,
  fileIds: string | readonly string[],
  requestId: string,
  options: { field?: string } = {},
): Promise<void> {
  const ids = [...new Set(typeof fileIds === 'string' ? [fileIds] : fileIds)];
  const linked = await setRequestOfFiles(tx, ids, requestId);
  if (linked.length !== ids.length) throw fieldError(options.field ?? 'fileIds', m.inUse());
}

/** A request's files as `filesOfRequestJson` (files.repository.ts) reads them, as summaries. */
export function filesFromJson(list: FileJson[]): FileSummary[] {
  return list.map(toFileSummary);
}
