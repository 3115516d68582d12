CREATE TABLE "arrears_lists" (
	"id" text PRIMARY KEY NOT NULL,
	"company_id" text NOT NULL,
	"estate_id" text NOT NULL,
	"as_of" date NOT NULL,
	"file_name" text,
	"unit_count" integer NOT NULL,
	"total_fen" bigint NOT NULL,
	"imported_by_id" text NOT NULL,
	"imported_at" timestamp with time zone NOT NULL,
	CONSTRAINT "arrears_lists_counts_ck" CHECK ("arrears_lists"."unit_count" >= 0 and "arrears_lists"."total_fen" >= 0)
);
--> statement-breakpoint
CREATE TABLE "unit_arrears" (
	"list_id" text NOT NULL,
	"company_id" text NOT NULL,
	"estate_id" text NOT NULL,
	"unit_id" text NOT NULL,
	"amount_fen" integer NOT NULL,
	"months" integer NOT NULL,
	"since" text,
	"note" text,
	CONSTRAINT "unit_arrears_pk" PRIMARY KEY("list_id","unit_id"),
	CONSTRAINT "unit_arrears_amount_ck" CHECK ("unit_arrears"."amount_fen" > 0),
	CONSTRAINT "unit_arrears_months_ck" CHECK ("unit_arrears"."months" between 1 and 600),
	CONSTRAINT "unit_arrears_since_ck" CHECK ("unit_arrears"."since" is null or "unit_arrears"."since" ~ '^[0-9]{4}-(0[1-9]|1[0-2])$')
);
--> statement-breakpoint
ALTER TABLE "arrears_lists" ADD CONSTRAINT "arrears_lists_estate_id_estates_id_fk" FOREIGN KEY ("estate_id") REFERENCES "public"."estates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "arrears_lists" ADD CONSTRAINT "arrears_lists_imported_by_id_users_id_fk" FOREIGN KEY ("imported_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "unit_arrears" ADD CONSTRAINT "unit_arrears_list_id_arrears_lists_id_fk" FOREIGN KEY ("list_id") REFERENCES "public"."arrears_lists"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "unit_arrears" ADD CONSTRAINT "unit_arrears_unit_fk" FOREIGN KEY ("unit_id","estate_id") REFERENCES "public"."units"("id","estate_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "arrears_lists_estate_idx" ON "arrears_lists" USING btree ("estate_id","imported_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "unit_arrears_unit_idx" ON "unit_arrears" USING btree ("unit_id");