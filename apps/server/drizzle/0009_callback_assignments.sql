CREATE TABLE "callback_assignments" (
	"id" text PRIMARY KEY NOT NULL,
	"company_id" text NOT NULL,
	"estate_id" text NOT NULL,
	"request_id" text NOT NULL,
	"role" text NOT NULL,
	"assignee_id" text,
	"month" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"assigned_at" timestamp with time zone NOT NULL,
	"done_at" timestamp with time zone,
	"done_by_id" text,
	"done_by_callback_id" text,
	CONSTRAINT "callback_assignments_role_ck" CHECK ("callback_assignments"."role" in ('manager','cs_supervisor','dept_lead','cs_agent')),
	CONSTRAINT "callback_assignments_status_ck" CHECK ("callback_assignments"."status" in ('pending','done')),
	CONSTRAINT "callback_assignments_month_ck" CHECK ("callback_assignments"."month" ~ '^[0-9]{4}-[0-9]{2}$')
);
--> statement-breakpoint
ALTER TABLE "callback_assignments" ADD CONSTRAINT "callback_assignments_estate_id_estates_id_fk" FOREIGN KEY ("estate_id") REFERENCES "public"."estates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "callback_assignments" ADD CONSTRAINT "callback_assignments_request_id_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "callback_assignments" ADD CONSTRAINT "callback_assignments_assignee_id_users_id_fk" FOREIGN KEY ("assignee_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "callback_assignments" ADD CONSTRAINT "callback_assignments_done_by_id_users_id_fk" FOREIGN KEY ("done_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "callback_assignments" ADD CONSTRAINT "callback_assignments_done_by_callback_id_callbacks_id_fk" FOREIGN KEY ("done_by_callback_id") REFERENCES "public"."callbacks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "callback_assignments_request_role_uq" ON "callback_assignments" USING btree ("request_id","role");--> statement-breakpoint
CREATE INDEX "callback_assignments_month_idx" ON "callback_assignments" USING btree ("estate_id","month","role");--> statement-breakpoint
CREATE INDEX "callback_assignments_assignee_idx" ON "callback_assignments" USING btree ("assignee_id","request_id") WHERE "callback_assignments"."status" = 'pending';