CREATE TABLE "unit_status_changes" (
	"id" text PRIMARY KEY NOT NULL,
	"company_id" text NOT NULL,
	"estate_id" text NOT NULL,
	"unit_id" text NOT NULL,
	"from_status" text NOT NULL,
	"to_status" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"by_id" text,
	"note" text
);
--> statement-breakpoint
CREATE TABLE "unit_decorations" (
	"id" text PRIMARY KEY NOT NULL,
	"company_id" text NOT NULL,
	"estate_id" text NOT NULL,
	"unit_id" text NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date NOT NULL,
	"contractor" text NOT NULL,
	"permit_no" text,
	"status" text DEFAULT 'applied' NOT NULL,
	"note" text,
	"created_by_id" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "unit_decorations_period_ck" CHECK ("unit_decorations"."ends_on" >= "unit_decorations"."starts_on"),
	CONSTRAINT "unit_decorations_status_ck" CHECK ("unit_decorations"."status" in ('applied','in_progress','completed','inspected','cancelled'))
);
--> statement-breakpoint
CREATE TABLE "unit_documents" (
	"file_id" text PRIMARY KEY NOT NULL,
	"company_id" text NOT NULL,
	"estate_id" text NOT NULL,
	"unit_id" text NOT NULL,
	"title" text,
	"attached_by_id" text NOT NULL,
	"attached_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "unit_keys" (
	"id" text PRIMARY KEY NOT NULL,
	"company_id" text NOT NULL,
	"estate_id" text NOT NULL,
	"unit_id" text NOT NULL,
	"key_name" text NOT NULL,
	"copies" integer DEFAULT 1 NOT NULL,
	"holder_name" text NOT NULL,
	"holder_resident_id" text,
	"handed_at" timestamp with time zone NOT NULL,
	"handed_by_id" text NOT NULL,
	"returned_at" timestamp with time zone,
	"returned_to_id" text,
	"note" text,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "unit_keys_copies_ck" CHECK ("unit_keys"."copies" between 1 and 20),
	CONSTRAINT "unit_keys_returned_ck" CHECK ("unit_keys"."returned_at" is null or "unit_keys"."returned_at" >= "unit_keys"."handed_at")
);
--> statement-breakpoint
CREATE TABLE "unit_meters" (
	"id" text PRIMARY KEY NOT NULL,
	"company_id" text NOT NULL,
	"estate_id" text NOT NULL,
	"unit_id" text NOT NULL,
	"kind" text NOT NULL,
	"number" text NOT NULL,
	"position" text,
	"installed_on" date,
	"removed_on" date,
	"note" text,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "unit_meters_kind_ck" CHECK ("unit_meters"."kind" in ('water','electricity','gas'))
);
--> statement-breakpoint
CREATE TABLE "unit_move_ins" (
	"id" text PRIMARY KEY NOT NULL,
	"company_id" text NOT NULL,
	"estate_id" text NOT NULL,
	"unit_id" text NOT NULL,
	"moved_in_on" date NOT NULL,
	"resident_id" text,
	"resident_name" text NOT NULL,
	"handled_by_id" text NOT NULL,
	"documents_checked" text[] DEFAULT '{}'::text[] NOT NULL,
	"note" text,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "unit_status_changes" ADD CONSTRAINT "unit_status_changes_unit_fk" FOREIGN KEY ("unit_id","estate_id") REFERENCES "public"."units"("id","estate_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "unit_decorations" ADD CONSTRAINT "unit_decorations_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "unit_decorations" ADD CONSTRAINT "unit_decorations_unit_fk" FOREIGN KEY ("unit_id","estate_id") REFERENCES "public"."units"("id","estate_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "unit_documents" ADD CONSTRAINT "unit_documents_file_id_files_id_fk" FOREIGN KEY ("file_id") REFERENCES "public"."files"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "unit_documents" ADD CONSTRAINT "unit_documents_attached_by_id_users_id_fk" FOREIGN KEY ("attached_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "unit_documents" ADD CONSTRAINT "unit_documents_unit_fk" FOREIGN KEY ("unit_id","estate_id") REFERENCES "public"."units"("id","estate_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "unit_keys" ADD CONSTRAINT "unit_keys_holder_resident_id_residents_id_fk" FOREIGN KEY ("holder_resident_id") REFERENCES "public"."residents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "unit_keys" ADD CONSTRAINT "unit_keys_handed_by_id_users_id_fk" FOREIGN KEY ("handed_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "unit_keys" ADD CONSTRAINT "unit_keys_returned_to_id_users_id_fk" FOREIGN KEY ("returned_to_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "unit_keys" ADD CONSTRAINT "unit_keys_unit_fk" FOREIGN KEY ("unit_id","estate_id") REFERENCES "public"."units"("id","estate_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "unit_meters" ADD CONSTRAINT "unit_meters_unit_fk" FOREIGN KEY ("unit_id","estate_id") REFERENCES "public"."units"("id","estate_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "unit_move_ins" ADD CONSTRAINT "unit_move_ins_resident_id_residents_id_fk" FOREIGN KEY ("resident_id") REFERENCES "public"."residents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "unit_move_ins" ADD CONSTRAINT "unit_move_ins_handled_by_id_users_id_fk" FOREIGN KEY ("handled_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "unit_move_ins" ADD CONSTRAINT "unit_move_ins_unit_fk" FOREIGN KEY ("unit_id","estate_id") REFERENCES "public"."units"("id","estate_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "unit_status_changes_unit_idx" ON "unit_status_changes" USING btree ("unit_id","at");--> statement-breakpoint
CREATE INDEX "unit_decorations_unit_idx" ON "unit_decorations" USING btree ("unit_id","starts_on");--> statement-breakpoint
CREATE INDEX "unit_documents_unit_idx" ON "unit_documents" USING btree ("unit_id","attached_at");--> statement-breakpoint
CREATE INDEX "unit_keys_unit_idx" ON "unit_keys" USING btree ("unit_id","handed_at");--> statement-breakpoint
CREATE INDEX "unit_meters_unit_idx" ON "unit_meters" USING btree ("unit_id");--> statement-breakpoint
CREATE UNIQUE INDEX "unit_meters_estate_number_uq" ON "unit_meters" USING btree ("estate_id","kind","number");--> statement-breakpoint
CREATE INDEX "unit_move_ins_unit_idx" ON "unit_move_ins" USING btree ("unit_id","moved_in_on");--> statement-breakpoint
ALTER TABLE "units" ADD CONSTRAINT "units_building_estate_fk" FOREIGN KEY ("building_id","estate_id") REFERENCES "public"."buildings"("id","estate_id") ON DELETE no action ON UPDATE no action;