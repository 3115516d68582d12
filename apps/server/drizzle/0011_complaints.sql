CREATE TABLE "complaint_events" (
	"id" text PRIMARY KEY NOT NULL,
	"company_id" text NOT NULL,
	"estate_id" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"households" integer NOT NULL,
	"people" integer NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "complaint_links" (
	"company_id" text NOT NULL,
	"estate_id" text NOT NULL,
	"a" text NOT NULL,
	"b" text NOT NULL,
	"status" text NOT NULL,
	"how" text NOT NULL,
	"score" real,
	"created_by_id" text,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "complaint_links_order_ck" CHECK ("complaint_links"."a" < "complaint_links"."b"),
	CONSTRAINT "complaint_links_status_ck" CHECK ("complaint_links"."status" in ('linked','proposed','rejected')),
	CONSTRAINT "complaint_links_how_ck" CHECK ("complaint_links"."how" in ('auto','manual'))
);
--> statement-breakpoint
CREATE TABLE "complaints" (
	"request_id" text PRIMARY KEY NOT NULL,
	"company_id" text NOT NULL,
	"estate_id" text NOT NULL,
	"event_at" timestamp with time zone,
	"event_place" text,
	"subject_person" text,
	"subject_department_id" text,
	"resident_wants" text,
	"mood" text,
	"validity" text,
	"validity_note" text,
	"solving_party" text,
	"classified_at" timestamp with time zone,
	"classified_by_id" text,
	"grade" text DEFAULT 'general' NOT NULL,
	"grade_source" text DEFAULT 'rule' NOT NULL,
	"fired_rules" text[] DEFAULT '{}'::text[] NOT NULL,
	"flags" text[] DEFAULT '{}'::text[] NOT NULL,
	"agreed_reply_at" timestamp with time zone,
	"answer_method" text,
	"answer_text" text,
	"answered_at" timestamp with time zone,
	"responsible_user_id" text,
	"supervisor_user_id" text,
	"collective_event_id" text,
	"result_method" text,
	"result_text" text,
	"resident_opinion" text,
	"root_cause" text,
	"corrective_action" text,
	CONSTRAINT "complaints_validity_ck" CHECK ("complaints"."validity" is null or "complaints"."validity" in ('effective','assisted','invalid')),
	CONSTRAINT "complaints_grade_ck" CHECK ("complaints"."grade" in ('general','important','hot','major')),
	CONSTRAINT "complaints_grade_source_ck" CHECK ("complaints"."grade_source" in ('rule','manual')),
	CONSTRAINT "complaints_mood_ck" CHECK ("complaints"."mood" is null or "complaints"."mood" in ('calm','upset','angry'))
);
--> statement-breakpoint
ALTER TABLE "complaint_events" ADD CONSTRAINT "complaint_events_company_id_companies_id_fk" FOREIGN KEY ("company_id") REFERENCES "public"."companies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaint_events" ADD CONSTRAINT "complaint_events_estate_id_estates_id_fk" FOREIGN KEY ("estate_id") REFERENCES "public"."estates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaint_links" ADD CONSTRAINT "complaint_links_a_requests_id_fk" FOREIGN KEY ("a") REFERENCES "public"."requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaint_links" ADD CONSTRAINT "complaint_links_b_requests_id_fk" FOREIGN KEY ("b") REFERENCES "public"."requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaints" ADD CONSTRAINT "complaints_request_id_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaints" ADD CONSTRAINT "complaints_company_id_companies_id_fk" FOREIGN KEY ("company_id") REFERENCES "public"."companies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaints" ADD CONSTRAINT "complaints_estate_id_estates_id_fk" FOREIGN KEY ("estate_id") REFERENCES "public"."estates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "complaint_events_estate_idx" ON "complaint_events" USING btree ("estate_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "complaint_links_pair_uq" ON "complaint_links" USING btree ("a","b");--> statement-breakpoint
CREATE INDEX "complaint_links_b_idx" ON "complaint_links" USING btree ("b");--> statement-breakpoint
CREATE INDEX "complaints_estate_idx" ON "complaints" USING btree ("estate_id","grade");--> statement-breakpoint
CREATE INDEX "complaints_event_idx" ON "complaints" USING btree ("collective_event_id");