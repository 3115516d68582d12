CREATE TABLE "vip_applications" (
	"id" text PRIMARY KEY NOT NULL,
	"company_id" text NOT NULL,
	"estate_id" text NOT NULL,
	"resident_id" text NOT NULL,
	"level" integer NOT NULL,
	"form" jsonb NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"requested_by_id" text,
	"requested_at" timestamp with time zone NOT NULL,
	"decided_by_id" text,
	"decided_at" timestamp with time zone,
	"reject_reason" text,
	CONSTRAINT "vip_applications_level_ck" CHECK ("vip_applications"."level" in (0, 1, 2)),
	CONSTRAINT "vip_applications_status_ck" CHECK ("vip_applications"."status" in ('pending','approved','rejected'))
);
--> statement-breakpoint
CREATE TABLE "vip_assistants" (
	"estate_id" text PRIMARY KEY NOT NULL,
	"company_id" text NOT NULL,
	"user_id" text NOT NULL,
	"set_by_id" text,
	"set_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "vip_card_counters" (
	"company_id" text NOT NULL,
	"level" integer NOT NULL,
	"last" integer NOT NULL,
	CONSTRAINT "vip_card_counters_company_id_level_pk" PRIMARY KEY("company_id","level"),
	CONSTRAINT "vip_card_counters_last_ck" CHECK ("vip_card_counters"."last" between 1 and 999)
);
--> statement-breakpoint
CREATE TABLE "vip_cards" (
	"id" text PRIMARY KEY NOT NULL,
	"company_id" text NOT NULL,
	"estate_id" text NOT NULL,
	"resident_id" text NOT NULL,
	"number" text NOT NULL,
	"level" integer NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"valid_from" date NOT NULL,
	"valid_until" date NOT NULL,
	"application_id" text,
	"issued_by_id" text,
	"issued_at" timestamp with time zone NOT NULL,
	"replaced_by_id" text,
	"revoked_reason" text,
	"ended_by_id" text,
	"ended_at" timestamp with time zone,
	CONSTRAINT "vip_cards_level_ck" CHECK ("vip_cards"."level" in (0, 1, 2)),
	CONSTRAINT "vip_cards_status_ck" CHECK ("vip_cards"."status" in ('active','revoked','replaced')),
	CONSTRAINT "vip_cards_number_ck" CHECK ("vip_cards"."number" ~ '^JK[012][0-9]{3}$'),
	CONSTRAINT "vip_cards_period_ck" CHECK ("vip_cards"."valid_until" > "vip_cards"."valid_from")
);
--> statement-breakpoint
CREATE TABLE "vip_services" (
	"id" text PRIMARY KEY NOT NULL,
	"company_id" text NOT NULL,
	"estate_id" text NOT NULL,
	"resident_id" text NOT NULL,
	"card_id" text,
	"date" date NOT NULL,
	"service_type" text NOT NULL,
	"note" text,
	"by_id" text,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "vip_applications" ADD CONSTRAINT "vip_applications_company_id_companies_id_fk" FOREIGN KEY ("company_id") REFERENCES "public"."companies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vip_applications" ADD CONSTRAINT "vip_applications_estate_id_estates_id_fk" FOREIGN KEY ("estate_id") REFERENCES "public"."estates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vip_applications" ADD CONSTRAINT "vip_applications_resident_id_residents_id_fk" FOREIGN KEY ("resident_id") REFERENCES "public"."residents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vip_applications" ADD CONSTRAINT "vip_applications_requested_by_id_users_id_fk" FOREIGN KEY ("requested_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vip_applications" ADD CONSTRAINT "vip_applications_decided_by_id_users_id_fk" FOREIGN KEY ("decided_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vip_assistants" ADD CONSTRAINT "vip_assistants_estate_id_estates_id_fk" FOREIGN KEY ("estate_id") REFERENCES "public"."estates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vip_assistants" ADD CONSTRAINT "vip_assistants_company_id_companies_id_fk" FOREIGN KEY ("company_id") REFERENCES "public"."companies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vip_assistants" ADD CONSTRAINT "vip_assistants_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vip_assistants" ADD CONSTRAINT "vip_assistants_set_by_id_users_id_fk" FOREIGN KEY ("set_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vip_card_counters" ADD CONSTRAINT "vip_card_counters_company_id_companies_id_fk" FOREIGN KEY ("company_id") REFERENCES "public"."companies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vip_cards" ADD CONSTRAINT "vip_cards_company_id_companies_id_fk" FOREIGN KEY ("company_id") REFERENCES "public"."companies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vip_cards" ADD CONSTRAINT "vip_cards_estate_id_estates_id_fk" FOREIGN KEY ("estate_id") REFERENCES "public"."estates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vip_cards" ADD CONSTRAINT "vip_cards_resident_id_residents_id_fk" FOREIGN KEY ("resident_id") REFERENCES "public"."residents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vip_cards" ADD CONSTRAINT "vip_cards_application_id_vip_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."vip_applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vip_cards" ADD CONSTRAINT "vip_cards_issued_by_id_users_id_fk" FOREIGN KEY ("issued_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vip_cards" ADD CONSTRAINT "vip_cards_ended_by_id_users_id_fk" FOREIGN KEY ("ended_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vip_services" ADD CONSTRAINT "vip_services_company_id_companies_id_fk" FOREIGN KEY ("company_id") REFERENCES "public"."companies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vip_services" ADD CONSTRAINT "vip_services_estate_id_estates_id_fk" FOREIGN KEY ("estate_id") REFERENCES "public"."estates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vip_services" ADD CONSTRAINT "vip_services_resident_id_residents_id_fk" FOREIGN KEY ("resident_id") REFERENCES "public"."residents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vip_services" ADD CONSTRAINT "vip_services_card_id_vip_cards_id_fk" FOREIGN KEY ("card_id") REFERENCES "public"."vip_cards"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vip_services" ADD CONSTRAINT "vip_services_by_id_users_id_fk" FOREIGN KEY ("by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "vip_applications_company_status_idx" ON "vip_applications" USING btree ("company_id","status","requested_at");--> statement-breakpoint
CREATE UNIQUE INDEX "vip_applications_pending_uq" ON "vip_applications" USING btree ("resident_id") WHERE "vip_applications"."status" = 'pending';--> statement-breakpoint
CREATE UNIQUE INDEX "vip_cards_number_uq" ON "vip_cards" USING btree ("company_id","number");--> statement-breakpoint
CREATE UNIQUE INDEX "vip_cards_current_uq" ON "vip_cards" USING btree ("resident_id") WHERE "vip_cards"."status" = 'active';--> statement-breakpoint
CREATE INDEX "vip_cards_estate_until_idx" ON "vip_cards" USING btree ("estate_id","valid_until");--> statement-breakpoint
CREATE INDEX "vip_services_estate_date_idx" ON "vip_services" USING btree ("estate_id","date");--> statement-breakpoint
CREATE INDEX "vip_services_resident_idx" ON "vip_services" USING btree ("resident_id","date");