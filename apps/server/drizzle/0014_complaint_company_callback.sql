ALTER TABLE "complaints" ADD COLUMN "company_callback_id" text;--> statement-breakpoint
ALTER TABLE "complaints" ADD COLUMN "company_callback_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "complaints" ADD COLUMN "company_callback_by_id" text;--> statement-breakpoint
CREATE INDEX "complaints_company_callback_idx" ON "complaints" USING btree ("company_id","estate_id") WHERE "complaints"."company_callback_id" is null;