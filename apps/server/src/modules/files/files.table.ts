/**
 * Attachments (附件): photos taken at intake and on site, the resident's signature drawn on screen,
 * documents. The bytes live on disk, content-addressed by SHA-256 (files.store.ts); a row is one
 * upload of them in one estate, so the same picture uploaded twice is two rows and one file.
 */
import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { users } from '../auth/auth.table.ts';
import { companies, estates } from '../organisation/organisation.table.ts';
import { requests } from '../requests/requests.table.ts';

export const files = pgTable(
  'files',
  {
    id: text().primaryKey(),
    companyId: text()
      .notNull()
      .references(() => companies.id),
    estateId: text()
      .notNull()
      .references(() => estates.id),
    /** Lower-case hex SHA-256 of the content: the name of the file on disk. */
    sha256: text().notNull(),
    size: integer().notNull(),
    /** The type checked against the content's magic bytes at upload. */
    contentType: text().notNull(),
    originalName: text().notNull(),
    kind: text().notNull(),
    uploadedBy: text()
      .notNull()
      .references(() => users.id),
    uploadedAt: timestamp({ withTimezone: true }).notNull(),
    /** The request the file belongs to, set when a request or one of its transitions references it. */
    requestId: text().references(() => requests.id),
    /**
     * What the file was taken for — `request`, `unit_document`, `authorisation`, `visit` — set once, in
     * the transaction that attaches it: a file serves one record (a resident's signature on a visit
     * cannot become the sign-off of a repair). Null while unattached.
     */
    usedFor: text(),
  },
  (t) => [
    index('files_company_sha256_idx').on(t.companyId, t.sha256),
    index('files_request_idx').on(t.requestId),
    check('files_kind_ck', sql`${t.kind} in ('photo','signature','document')`),
    check('files_used_for_ck', sql`${t.usedFor} in ('request','unit_document','authorisation','visit')`),
    check('files_request_use_ck', sql`${t.requestId} is null or coalesce(${t.usedFor}, '') = 'request'`),
    check('files_size_ck', sql`${t.size} > 0`),
    check('files_sha256_ck', sql`${t.sha256} ~ '^[0-9a-f]{64}$'`),
  ],
);
