CREATE TABLE "committee_meetings" (
	"id" text PRIMARY KEY NOT NULL,
	"company_id" text NOT NULL,
	"estate_id" text NOT NULL,
	"date" date NOT NULL,
	"status" text NOT NULL,
	"attendees" text,
	"topics" text NOT NULL,
	"minutes" text,
	"follow_ups" text,
	"recorded_by_id" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "committee_meetings_status_ck" CHECK ("committee_meetings"."status" in ('planned','held'))
);
--> statement-breakpoint
CREATE TABLE "developer_logs" (
	"id" text PRIMARY KEY NOT NULL,
	"company_id" text NOT NULL,
	"estate_id" text NOT NULL,
	"date" date NOT NULL,
	"status" text NOT NULL,
	"contact" text NOT NULL,
	"topic" text NOT NULL,
	"outcome" text,
	"request_ids" text[] NOT NULL,
	"recorded_by_id" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "developer_logs_status_ck" CHECK ("developer_logs"."status" in ('planned','held'))
);
--> statement-breakpoint
CREATE TABLE "greetings" (
	"id" text PRIMARY KEY NOT NULL,
	"company_id" text NOT NULL,
	"estate_id" text NOT NULL,
	"resident_id" text NOT NULL,
	"occasion" text NOT NULL,
	"year" integer NOT NULL,
	"method" text NOT NULL,
	"note" text,
	"greeted_by_id" text NOT NULL,
	"greeted_at" timestamp with time zone NOT NULL,
	CONSTRAINT "greetings_method_ck" CHECK ("greetings"."method" in ('phone','visit','sms','wechat','card'))
);
--> statement-breakpoint
CREATE TABLE "mailbox_letters" (
	"id" text PRIMARY KEY NOT NULL,
	"company_id" text NOT NULL,
	"estate_id" text NOT NULL,
	"opening_id" text NOT NULL,
	"writer_name" text,
	"unit_id" text,
	"content" text NOT NULL,
	"request_id" text NOT NULL,
	"reply" text,
	"replied_at" timestamp with time zone,
	"replied_by_id" text,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "mailbox_openings" (
	"id" text PRIMARY KEY NOT NULL,
	"company_id" text NOT NULL,
	"estate_id" text NOT NULL,
	"opened_by_id" text NOT NULL,
	"opened_at" timestamp with time zone NOT NULL,
	"witness_name" text NOT NULL,
	"letter_count" integer NOT NULL,
	"notes" text,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "notices" (
	"id" text PRIMARY KEY NOT NULL,
	"company_id" text NOT NULL,
	"estate_id" text NOT NULL,
	"building_ids" text[] NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"publish_from" timestamp with time zone NOT NULL,
	"publish_until" timestamp with time zone,
	"status" text NOT NULL,
	"published_at" timestamp with time zone,
	"reception_day_id" text,
	"created_by_id" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "notices_status_ck" CHECK ("notices"."status" in ('draft','published','withdrawn')),
	CONSTRAINT "notices_window_ck" CHECK ("notices"."publish_until" is null or "notices"."publish_until" > "notices"."publish_from")
);
--> statement-breakpoint
CREATE TABLE "reception_days" (
	"id" text PRIMARY KEY NOT NULL,
	"company_id" text NOT NULL,
	"estate_id" text NOT NULL,
	"host_id" text NOT NULL,
	"date" date NOT NULL,
	"start_time" text NOT NULL,
	"end_time" text NOT NULL,
	"place" text NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"notice_id" text NOT NULL,
	"created_by_id" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "reception_days_times_ck" CHECK ("reception_days"."start_time" < "reception_days"."end_time")
);
--> statement-breakpoint
CREATE TABLE "reception_entries" (
	"id" text PRIMARY KEY NOT NULL,
	"company_id" text NOT NULL,
	"estate_id" text NOT NULL,
	"reception_day_id" text NOT NULL,
	"visitor_name" text NOT NULL,
	"unit_id" text,
	"resident_id" text,
	"issue" text NOT NULL,
	"answer" text,
	"request_id" text,
	"recorded_by_id" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "visit_plan_units" (
	"plan_id" text NOT NULL,
	"unit_id" text NOT NULL,
	"carried" boolean DEFAULT false NOT NULL,
	CONSTRAINT "visit_plan_units_plan_id_unit_id_pk" PRIMARY KEY("plan_id","unit_id")
);
--> statement-breakpoint
CREATE TABLE "visit_plans" (
	"id" text PRIMARY KEY NOT NULL,
	"company_id" text NOT NULL,
	"estate_id" text NOT NULL,
	"steward_id" text NOT NULL,
	"month" text NOT NULL,
	"building_ids" text[] NOT NULL,
	"created_by_id" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "visit_plans_month_ck" CHECK ("visit_plans"."month" ~ '^[0-9]{4}-[0-9]{2}$')
);
--> statement-breakpoint
CREATE TABLE "visits" (
	"id" text PRIMARY KEY NOT NULL,
	"company_id" text NOT NULL,
	"estate_id" text NOT NULL,
	"unit_id" text NOT NULL,
	"resident_id" text,
	"met_name" text,
	"way" text NOT NULL,
	"visited_at" timestamp with time zone NOT NULL,
	"month" text NOT NULL,
	"visited_by_id" text NOT NULL,
	"topics" text[] NOT NULL,
	"opinions" text,
	"signature_file_id" text,
	"request_ids" text[] NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "visits_way_ck" CHECK ("visits"."way" in ('visit','phone')),
	CONSTRAINT "visits_signature_in_person_ck" CHECK ("visits"."signature_file_id" is null or "visits"."way" = 'visit')
);
--> statement-breakpoint
ALTER TABLE "committee_meetings" ADD CONSTRAINT "committee_meetings_estate_id_estates_id_fk" FOREIGN KEY ("estate_id") REFERENCES "public"."estates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "committee_meetings" ADD CONSTRAINT "committee_meetings_recorded_by_id_users_id_fk" FOREIGN KEY ("recorded_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "developer_logs" ADD CONSTRAINT "developer_logs_estate_id_estates_id_fk" FOREIGN KEY ("estate_id") REFERENCES "public"."estates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "developer_logs" ADD CONSTRAINT "developer_logs_recorded_by_id_users_id_fk" FOREIGN KEY ("recorded_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "greetings" ADD CONSTRAINT "greetings_estate_id_estates_id_fk" FOREIGN KEY ("estate_id") REFERENCES "public"."estates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "greetings" ADD CONSTRAINT "greetings_resident_id_residents_id_fk" FOREIGN KEY ("resident_id") REFERENCES "public"."residents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "greetings" ADD CONSTRAINT "greetings_greeted_by_id_users_id_fk" FOREIGN KEY ("greeted_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mailbox_letters" ADD CONSTRAINT "mailbox_letters_opening_id_mailbox_openings_id_fk" FOREIGN KEY ("opening_id") REFERENCES "public"."mailbox_openings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mailbox_letters" ADD CONSTRAINT "mailbox_letters_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mailbox_letters" ADD CONSTRAINT "mailbox_letters_request_id_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mailbox_letters" ADD CONSTRAINT "mailbox_letters_replied_by_id_users_id_fk" FOREIGN KEY ("replied_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mailbox_openings" ADD CONSTRAINT "mailbox_openings_estate_id_estates_id_fk" FOREIGN KEY ("estate_id") REFERENCES "public"."estates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mailbox_openings" ADD CONSTRAINT "mailbox_openings_opened_by_id_users_id_fk" FOREIGN KEY ("opened_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notices" ADD CONSTRAINT "notices_estate_id_estates_id_fk" FOREIGN KEY ("estate_id") REFERENCES "public"."estates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notices" ADD CONSTRAINT "notices_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reception_days" ADD CONSTRAINT "reception_days_estate_id_estates_id_fk" FOREIGN KEY ("estate_id") REFERENCES "public"."estates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reception_days" ADD CONSTRAINT "reception_days_host_id_users_id_fk" FOREIGN KEY ("host_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reception_days" ADD CONSTRAINT "reception_days_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reception_entries" ADD CONSTRAINT "reception_entries_reception_day_id_reception_days_id_fk" FOREIGN KEY ("reception_day_id") REFERENCES "public"."reception_days"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reception_entries" ADD CONSTRAINT "reception_entries_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reception_entries" ADD CONSTRAINT "reception_entries_resident_id_residents_id_fk" FOREIGN KEY ("resident_id") REFERENCES "public"."residents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reception_entries" ADD CONSTRAINT "reception_entries_request_id_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reception_entries" ADD CONSTRAINT "reception_entries_recorded_by_id_users_id_fk" FOREIGN KEY ("recorded_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visit_plan_units" ADD CONSTRAINT "visit_plan_units_plan_id_visit_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."visit_plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visit_plan_units" ADD CONSTRAINT "visit_plan_units_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visit_plans" ADD CONSTRAINT "visit_plans_estate_id_estates_id_fk" FOREIGN KEY ("estate_id") REFERENCES "public"."estates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visit_plans" ADD CONSTRAINT "visit_plans_steward_id_users_id_fk" FOREIGN KEY ("steward_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visit_plans" ADD CONSTRAINT "visit_plans_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visits" ADD CONSTRAINT "visits_estate_id_estates_id_fk" FOREIGN KEY ("estate_id") REFERENCES "public"."estates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visits" ADD CONSTRAINT "visits_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visits" ADD CONSTRAINT "visits_resident_id_residents_id_fk" FOREIGN KEY ("resident_id") REFERENCES "public"."residents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visits" ADD CONSTRAINT "visits_visited_by_id_users_id_fk" FOREIGN KEY ("visited_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visits" ADD CONSTRAINT "visits_signature_file_id_files_id_fk" FOREIGN KEY ("signature_file_id") REFERENCES "public"."files"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "committee_meetings_estate_idx" ON "committee_meetings" USING btree ("estate_id","date");--> statement-breakpoint
CREATE INDEX "developer_logs_estate_idx" ON "developer_logs" USING btree ("estate_id","date");--> statement-breakpoint
CREATE UNIQUE INDEX "greetings_resident_occasion_uq" ON "greetings" USING btree ("resident_id","occasion","year");--> statement-breakpoint
CREATE INDEX "mailbox_letters_opening_idx" ON "mailbox_letters" USING btree ("opening_id");--> statement-breakpoint
CREATE INDEX "mailbox_openings_estate_idx" ON "mailbox_openings" USING btree ("estate_id","opened_at");--> statement-breakpoint
CREATE INDEX "notices_estate_idx" ON "notices" USING btree ("estate_id","publish_from");--> statement-breakpoint
CREATE INDEX "reception_days_estate_idx" ON "reception_days" USING btree ("estate_id","date");--> statement-breakpoint
CREATE INDEX "reception_entries_day_idx" ON "reception_entries" USING btree ("reception_day_id");--> statement-breakpoint
CREATE UNIQUE INDEX "visit_plans_steward_month_uq" ON "visit_plans" USING btree ("estate_id","steward_id","month");--> statement-breakpoint
CREATE INDEX "visits_estate_month_idx" ON "visits" USING btree ("estate_id","month","unit_id");