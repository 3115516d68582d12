CREATE TABLE "estate_sla_settings" (
	"estate_id" text PRIMARY KEY NOT NULL,
	"company_id" text NOT NULL,
	"overrides" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"updated_by_id" text,
	CONSTRAINT "estate_sla_settings_overrides_ck" CHECK (jsonb_typeof("estate_sla_settings"."overrides") = 'object'),
	CONSTRAINT "estate_sla_settings_version_ck" CHECK ("estate_sla_settings"."version" >= 1)
);
--> statement-breakpoint
ALTER TABLE "estate_sla_settings" ADD CONSTRAINT "estate_sla_settings_estate_id_estates_id_fk" FOREIGN KEY ("estate_id") REFERENCES "public"."estates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "estate_sla_settings" ADD CONSTRAINT "estate_sla_settings_company_id_companies_id_fk" FOREIGN KEY ("company_id") REFERENCES "public"."companies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "estate_sla_settings" ADD CONSTRAINT "estate_sla_settings_updated_by_id_users_id_fk" FOREIGN KEY ("updated_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;