CREATE TABLE "request_alerts" (
	"id" text PRIMARY KEY NOT NULL,
	"company_id" text NOT NULL,
	"estate_id" text NOT NULL,
	"request_id" text NOT NULL,
	"deadline_id" text NOT NULL,
	"deadline_kind" text NOT NULL,
	"kind" text NOT NULL,
	"level" smallint NOT NULL,
	"recipient_user_id" text,
	"recipient_role" text,
	"raised_at" timestamp with time zone NOT NULL,
	"acknowledged_at" timestamp with time zone,
	"acknowledged_by_id" text,
	CONSTRAINT "request_alerts_kind_ck" CHECK ("request_alerts"."kind" in ('warning','missed','escalation'))
);
--> statement-breakpoint
ALTER TABLE "request_deadlines" ADD COLUMN "warn_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "request_deadlines" ADD COLUMN "next_escalation_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "request_alerts" ADD CONSTRAINT "request_alerts_request_id_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "request_alerts" ADD CONSTRAINT "request_alerts_deadline_id_request_deadlines_id_fk" FOREIGN KEY ("deadline_id") REFERENCES "public"."request_deadlines"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "request_alerts_once_uq" ON "request_alerts" USING btree ("deadline_id","kind","level");--> statement-breakpoint
CREATE INDEX "request_alerts_estate_open_idx" ON "request_alerts" USING btree ("estate_id","raised_at") WHERE "request_alerts"."acknowledged_at" is null;--> statement-breakpoint
CREATE INDEX "request_alerts_request_idx" ON "request_alerts" USING btree ("request_id");--> statement-breakpoint
CREATE INDEX "request_deadlines_warn_idx" ON "request_deadlines" USING btree ("warn_at") WHERE "request_deadlines"."status" = 'pending' and "request_deadlines"."warned_at" is null;--> statement-breakpoint
CREATE INDEX "request_deadlines_escalation_idx" ON "request_deadlines" USING btree ("next_escalation_at") WHERE "request_deadlines"."next_escalation_at" is not null;