ALTER TABLE "files" ADD COLUMN "used_for" text;--> statement-breakpoint
-- What each file already serves: a request, a unit's documents, an authorisation letter, a visit's signature.
UPDATE "files" SET "used_for" = 'request' WHERE "request_id" IS NOT NULL;--> statement-breakpoint
UPDATE "files" SET "used_for" = 'unit_document' WHERE "used_for" IS NULL AND "id" IN (SELECT "file_id" FROM "unit_documents");--> statement-breakpoint
UPDATE "files" SET "used_for" = 'authorisation' WHERE "used_for" IS NULL AND "id" IN (SELECT "file_id" FROM "resident_authorisations");--> statement-breakpoint
UPDATE "files" SET "used_for" = 'visit' WHERE "used_for" IS NULL AND "id" IN (SELECT "signature_file_id" FROM "visits" WHERE "signature_file_id" IS NOT NULL);--> statement-breakpoint
ALTER TABLE "files" ADD CONSTRAINT "files_used_for_ck" CHECK ("files"."used_for" in ('request','unit_document','authorisation','visit'));--> statement-breakpoint
ALTER TABLE "files" ADD CONSTRAINT "files_request_use_ck" CHECK ("files"."request_id" is null or coalesce("files"."used_for", '') = 'request');
