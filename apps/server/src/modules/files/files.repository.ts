/** All SQL of the files module. */
import { and, eq, inArray, isNull, or, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db.ts';
import { files } from './files.table.ts';

export type FileRow = typeof files.$inferSelect;
export type NewFileRow = typeof files.$inferInsert;
/** What a file was taken for (`files.used_for`). */
export type FileUse = 'request' | 'unit_document' | 'authorisation' | 'visit';

export async function insertFile(db: Db, row: NewFileRow): Promise<void> {
  await db.insert(files).values(row);
}

/** One file of the caller's company, or null. */
export async function findFile(db: Db, companyId: string, id: string): Promise<FileRow | null> {
  const [row] = await db
    .select()
    .from(files)
    .where(and(eq(files.companyId, companyId), eq(files.id, id)))
    .limit(1);
  return row ?? null;
}

export async function findFiles(db: Db, companyId: string, ids: readonly string[]): Promise<FileRow[]> {
  if (ids.length === 0) return [];
  return db
    .select()
    .from(files)
    .where(and(eq(files.companyId, companyId), inArray(files.id, [...ids])));
}

/** Sets the owner request of the files not yet owned by another; returns the ids it now holds. */
export async function setRequestOfFiles(
  db: Db,
  ids: readonly string[],
  requestId: string,
): Promise<string[]> {
  if (ids.length === 0) return [];
  const updated = await db
    .update(files)
    .set({ requestId, usedFor: 'request' })
    .where(
      and(
        inArray(files.id, [...ids]),
        or(isNull(files.usedFor), and(eq(files.usedFor, 'request'), eq(files.requestId, requestId))),
      ),
    )
    .returning({ id: files.id });
  return updated.map((r) => r.id);
}

/** The columns a file's summary shows. */
export type FileJson = Pick<FileRow, 'id' | 'contentType' | 'size' | 'originalName' | 'kind'>;

/**
 * A request's files as one JSON value (oldest first), for a statement that reads the request with
 * everything it holds (`requestId` is that statement's column, e.g. sql`q.id`).
 */
export function filesOfRequestJson(requestId: SQL): SQL {
  return sql`(select coalesce(json_agg(json_build_object('id', f.id, 'contentType', f.content_type,
      'size', f.size, 'originalName', f.original_name, 'kind', f.kind) order by f.id), '[]')
    from files f where f.request_id = ${requestId})`;
}

/** Marks unattached files as taken for `usedFor`; returns the ids it took (a file taken already is not). */
export async function claimFiles(db: Db, ids: readonly string[], usedFor: FileUse): Promise<string[]> {
  if (ids.length === 0) return [];
  const updated = await db
    .update(files)
    .set({ usedFor })
    .where(and(inArray(files.id, [...ids]), isNull(files.usedFor)))
    .returning({ id: files.id });
  return updated.map((r) => r.id);
}

/** Frees a file taken for `usedFor` (a unit document taken off the unit). */
export async function releaseFile(db: Db, id: string, usedFor: FileUse): Promise<void> {
  await db
    .update(files)
    .set({ usedFor: null })
    .where(and(eq(files.id, id), eq(files.usedFor, usedFor)));
}
