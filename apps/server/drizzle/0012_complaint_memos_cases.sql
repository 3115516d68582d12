CREATE TABLE "complaint_cases" (
	"id" text PRIMARY KEY NOT NULL,
	"company_id" text NOT NULL,
	"estate_id" text NOT NULL,
	"request_id" text NOT NULL,
	"title" text NOT NULL,
	"summary" text NOT NULL,
	"handling" text NOT NULL,
	"lesson" text NOT NULL,
	"tags" text[] DEFAULT '{}'::text[] NOT NULL,
	"category_id" text,
	"grade" text NOT NULL,
	"validity" text,
	"created_by_id" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"search_text" text NOT NULL,
	"search_tokens" text[] NOT NULL
);
--> statement-breakpoint
CREATE TABLE "complaint_memos" (
	"id" text PRIMARY KEY NOT NULL,
	"company_id" text NOT NULL,
	"estate_id" text NOT NULL,
	"request_id" text NOT NULL,
	"parent_id" text,
	"level" integer NOT NULL,
	"to_role" text NOT NULL,
	"question" text NOT NULL,
	"proposals" jsonb NOT NULL,
	"created_by_id" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"decision" text,
	"decided_by_id" text,
	"decided_at" timestamp with time zone,
	CONSTRAINT "complaint_memos_level_ck" CHECK ("complaint_memos"."level" between 1 and 4),
	CONSTRAINT "complaint_memos_status_ck" CHECK ("complaint_memos"."status" in ('open','decided','escalated'))
);
--> statement-breakpoint
ALTER TABLE "complaint_cases" ADD CONSTRAINT "complaint_cases_company_id_companies_id_fk" FOREIGN KEY ("company_id") REFERENCES "public"."companies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaint_cases" ADD CONSTRAINT "complaint_cases_estate_id_estates_id_fk" FOREIGN KEY ("estate_id") REFERENCES "public"."estates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaint_cases" ADD CONSTRAINT "complaint_cases_request_id_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaint_memos" ADD CONSTRAINT "complaint_memos_company_id_companies_id_fk" FOREIGN KEY ("company_id") REFERENCES "public"."companies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaint_memos" ADD CONSTRAINT "complaint_memos_estate_id_estates_id_fk" FOREIGN KEY ("estate_id") REFERENCES "public"."estates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaint_memos" ADD CONSTRAINT "complaint_memos_request_id_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "complaint_cases_request_uq" ON "complaint_cases" USING btree ("request_id");--> statement-breakpoint
CREATE INDEX "complaint_cases_company_idx" ON "complaint_cases" USING btree ("company_id","created_at");--> statement-breakpoint
CREATE INDEX "complaint_cases_search_gin" ON "complaint_cases" USING gin ("search_tokens");--> statement-breakpoint
CREATE INDEX "complaint_memos_request_idx" ON "complaint_memos" USING btree ("request_id","level");--> statement-breakpoint
CREATE INDEX "complaint_memos_open_idx" ON "complaint_memos" USING btree ("estate_id","to_role") WHERE "complaint_memos"."status" = 'open';