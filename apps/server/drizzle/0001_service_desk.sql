CREATE TABLE "callbacks" (
	"id" text PRIMARY KEY NOT NULL,
	"company_id" text NOT NULL,
	"estate_id" text NOT NULL,
	"request_id" text NOT NULL,
	"by_id" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"method" text NOT NULL,
	"reached" boolean NOT NULL,
	"satisfaction" text,
	"stars" smallint,
	"comment" text,
	"problem_found" boolean DEFAULT false NOT NULL,
	"fee_checked" boolean,
	"rework_request_id" text,
	CONSTRAINT "callbacks_satisfaction_ck" CHECK ("callbacks"."satisfaction" is null or "callbacks"."satisfaction" in ('satisfied','fair','dissatisfied'))
);
--> statement-breakpoint
CREATE TABLE "idempotency_keys" (
	"user_id" text NOT NULL,
	"key" text NOT NULL,
	"request_hash" text NOT NULL,
	"status" integer NOT NULL,
	"body" jsonb NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "idempotency_keys_user_id_key_pk" PRIMARY KEY("user_id","key")
);
--> statement-breakpoint
CREATE TABLE "request_deadlines" (
	"id" text PRIMARY KEY NOT NULL,
	"company_id" text NOT NULL,
	"estate_id" text NOT NULL,
	"request_id" text NOT NULL,
	"kind" text NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"met_at" timestamp with time zone,
	"paused_at" timestamp with time zone,
	"warned_at" timestamp with time zone,
	"alerted_at" timestamp with time zone,
	"escalation_level" smallint DEFAULT 0 NOT NULL,
	CONSTRAINT "request_deadlines_status_ck" CHECK ("request_deadlines"."status" in ('pending','met','missed','paused','cancelled'))
);
--> statement-breakpoint
ALTER TABLE "requests" ADD COLUMN "state_before_hold" text;--> statement-breakpoint
ALTER TABLE "requests" ADD COLUMN "hold_reason_code" text;--> statement-breakpoint
ALTER TABLE "requests" ADD COLUMN "quote_materials_fen" integer;--> statement-breakpoint
ALTER TABLE "requests" ADD COLUMN "quote_labour_fen" integer;--> statement-breakpoint
ALTER TABLE "requests" ADD COLUMN "quote_needs_approval" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "requests" ADD COLUMN "quote_approved_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "requests" ADD COLUMN "quote_approved_by_id" text;--> statement-breakpoint
ALTER TABLE "requests" ADD COLUMN "completion" jsonb;--> statement-breakpoint
ALTER TABLE "requests" ADD COLUMN "rework_of" text;--> statement-breakpoint
ALTER TABLE "requests" ADD COLUMN "repeat_of" text;--> statement-breakpoint
ALTER TABLE "callbacks" ADD CONSTRAINT "callbacks_request_id_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "callbacks" ADD CONSTRAINT "callbacks_by_id_users_id_fk" FOREIGN KEY ("by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "request_deadlines" ADD CONSTRAINT "request_deadlines_request_id_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "callbacks_request_idx" ON "callbacks" USING btree ("request_id","at");--> statement-breakpoint
CREATE INDEX "callbacks_estate_at_idx" ON "callbacks" USING btree ("estate_id","at");--> statement-breakpoint
CREATE INDEX "request_deadlines_request_idx" ON "request_deadlines" USING btree ("request_id");--> statement-breakpoint
CREATE INDEX "request_deadlines_due_idx" ON "request_deadlines" USING btree ("due_at") WHERE "request_deadlines"."status" = 'pending';--> statement-breakpoint
CREATE INDEX "requests_rework_of_idx" ON "requests" USING btree ("rework_of");