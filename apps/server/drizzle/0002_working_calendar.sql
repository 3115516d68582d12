CREATE TABLE "calendar_days" (
	"company_id" text NOT NULL,
	"date" date NOT NULL,
	"kind" text NOT NULL,
	"name" text,
	CONSTRAINT "calendar_days_company_id_date_pk" PRIMARY KEY("company_id","date"),
	CONSTRAINT "calendar_days_kind_ck" CHECK ("calendar_days"."kind" in ('workday','weekend','holiday','makeup_workday'))
);
--> statement-breakpoint
CREATE TABLE "calendar_years" (
	"company_id" text NOT NULL,
	"year" integer NOT NULL,
	"source" text NOT NULL,
	"loaded_at" timestamp with time zone NOT NULL,
	CONSTRAINT "calendar_years_company_id_year_pk" PRIMARY KEY("company_id","year"),
	CONSTRAINT "calendar_years_source_ck" CHECK ("calendar_years"."source" in ('shipped','imported','manual'))
);
--> statement-breakpoint
ALTER TABLE "calendar_days" ADD CONSTRAINT "calendar_days_company_id_companies_id_fk" FOREIGN KEY ("company_id") REFERENCES "public"."companies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "calendar_years" ADD CONSTRAINT "calendar_years_company_id_companies_id_fk" FOREIGN KEY ("company_id") REFERENCES "public"."companies"("id") ON DELETE no action ON UPDATE no action;