CREATE TABLE "resident_authorisations" (
	"id" text PRIMARY KEY NOT NULL,
	"company_id" text NOT NULL,
	"estate_id" text NOT NULL,
	"resident_id" text NOT NULL,
	"unit_id" text NOT NULL,
	"owner_resident_id" text,
	"owner_name" text NOT NULL,
	"file_id" text NOT NULL,
	"valid_from" date NOT NULL,
	"valid_until" date NOT NULL,
	"note" text,
	"created_by_id" text,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "resident_authorisations_period_ck" CHECK ("resident_authorisations"."valid_until" >= "resident_authorisations"."valid_from")
);
--> statement-breakpoint
ALTER TABLE "resident_units" DROP CONSTRAINT "resident_units_relation_ck";--> statement-breakpoint
ALTER TABLE "residents" ADD COLUMN "segment" text;--> statement-breakpoint
ALTER TABLE "residents" ADD COLUMN "vehicles" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "residents" ADD COLUMN "emergency_name" text;--> statement-breakpoint
ALTER TABLE "residents" ADD COLUMN "emergency_phone" text;--> statement-breakpoint
ALTER TABLE "residents" ADD COLUMN "emergency_relation" text;--> statement-breakpoint
ALTER TABLE "residents" ADD COLUMN "move_in_date" date;--> statement-breakpoint
ALTER TABLE "residents" ADD COLUMN "version" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "residents" ADD COLUMN "updated_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "resident_authorisations" ADD CONSTRAINT "resident_authorisations_company_id_companies_id_fk" FOREIGN KEY ("company_id") REFERENCES "public"."companies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resident_authorisations" ADD CONSTRAINT "resident_authorisations_estate_id_estates_id_fk" FOREIGN KEY ("estate_id") REFERENCES "public"."estates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resident_authorisations" ADD CONSTRAINT "resident_authorisations_resident_id_residents_id_fk" FOREIGN KEY ("resident_id") REFERENCES "public"."residents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resident_authorisations" ADD CONSTRAINT "resident_authorisations_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resident_authorisations" ADD CONSTRAINT "resident_authorisations_owner_resident_id_residents_id_fk" FOREIGN KEY ("owner_resident_id") REFERENCES "public"."residents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resident_authorisations" ADD CONSTRAINT "resident_authorisations_file_id_files_id_fk" FOREIGN KEY ("file_id") REFERENCES "public"."files"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resident_authorisations" ADD CONSTRAINT "resident_authorisations_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "resident_authorisations_resident_idx" ON "resident_authorisations" USING btree ("resident_id","valid_until");--> statement-breakpoint
CREATE UNIQUE INDEX "resident_authorisations_file_uq" ON "resident_authorisations" USING btree ("file_id");--> statement-breakpoint
CREATE INDEX "residents_estate_id_number_idx" ON "residents" USING btree ("estate_id","id_number");--> statement-breakpoint
CREATE INDEX "events_resident_audit_idx" ON "events" USING btree ("estate_id","at") WHERE "events"."entity_type" = 'resident' or "events"."action" = 'reveal';--> statement-breakpoint
ALTER TABLE "resident_units" ADD CONSTRAINT "resident_units_relation_ck" CHECK ("resident_units"."relation" in ('owner','co_owner','tenant','member','decoration_lead','agent'));--> statement-breakpoint
ALTER TABLE "residents" ADD CONSTRAINT "residents_gender_ck" CHECK ("residents"."gender" in ('male','female'));--> statement-breakpoint
ALTER TABLE "residents" ADD CONSTRAINT "residents_segment_ck" CHECK ("residents"."segment" in ('single_dink','couple_dink','couple_with_children','single_parent','mature_family','empty_nest','older_single','active_senior'));--> statement-breakpoint
ALTER TABLE "residents" ADD CONSTRAINT "residents_id_number_ck" CHECK ("residents"."id_number" ~ '^[0-9]{17}[0-9X]$');--> statement-breakpoint
ALTER TABLE "residents" ADD CONSTRAINT "residents_emergency_ck" CHECK (("residents"."emergency_name" is null) = ("residents"."emergency_phone" is null) and ("residents"."emergency_relation" is null or "residents"."emergency_name" is not null));