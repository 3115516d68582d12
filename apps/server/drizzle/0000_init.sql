CREATE TABLE "login_throttle" (
	"key" text PRIMARY KEY NOT NULL,
	"failures" integer NOT NULL,
	"window_start" timestamp with time zone NOT NULL,
	"locked_until" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "sessions" (
	"id" text PRIMARY KEY NOT NULL,
	"token_hash" text NOT NULL,
	"kind" text NOT NULL,
	"user_id" text NOT NULL,
	"csrf_token" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"revoked_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "user_estates" (
	"user_id" text NOT NULL,
	"estate_id" text NOT NULL,
	"company_id" text NOT NULL,
	CONSTRAINT "user_estates_user_id_estate_id_pk" PRIMARY KEY("user_id","estate_id")
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" text PRIMARY KEY NOT NULL,
	"company_id" text NOT NULL,
	"username" text NOT NULL,
	"name" text NOT NULL,
	"password_hash" text NOT NULL,
	"roles" text[] NOT NULL,
	"department_id" text,
	"phone" text,
	"locale" text DEFAULT 'zh-CN' NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "categories" (
	"id" text PRIMARY KEY NOT NULL,
	"company_id" text NOT NULL,
	"type" text NOT NULL,
	"parent_id" text,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"sort" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "buildings" (
	"id" text PRIMARY KEY NOT NULL,
	"company_id" text NOT NULL,
	"estate_id" text NOT NULL,
	"name" text NOT NULL,
	"floors" integer NOT NULL,
	"sort" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "companies" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"code" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "companies_code_unique" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "departments" (
	"id" text PRIMARY KEY NOT NULL,
	"company_id" text NOT NULL,
	"estate_id" text NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	CONSTRAINT "departments_kind_ck" CHECK ("departments"."kind" in ('engineering','cleaning','security','greening','customer_service','control_room','external'))
);
--> statement-breakpoint
CREATE TABLE "estates" (
	"id" text PRIMARY KEY NOT NULL,
	"company_id" text NOT NULL,
	"name" text NOT NULL,
	"code" text NOT NULL,
	"type" text NOT NULL,
	"address" text,
	"time_zone" text DEFAULT 'Asia/Shanghai' NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "estates_type_ck" CHECK ("estates"."type" in ('residential','office','commercial','mixed'))
);
--> statement-breakpoint
CREATE TABLE "locations" (
	"id" text PRIMARY KEY NOT NULL,
	"company_id" text NOT NULL,
	"estate_id" text NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "units" (
	"id" text PRIMARY KEY NOT NULL,
	"company_id" text NOT NULL,
	"estate_id" text NOT NULL,
	"building_id" text NOT NULL,
	"number" text NOT NULL,
	"floor" integer NOT NULL,
	"area_m_2" numeric(10, 2),
	"use" text DEFAULT 'residence' NOT NULL,
	"status" text DEFAULT 'vacant' NOT NULL,
	CONSTRAINT "units_use_ck" CHECK ("units"."use" in ('residence','shop','office')),
	CONSTRAINT "units_status_ck" CHECK ("units"."status" in ('vacant','occupied','rented','decorating'))
);
--> statement-breakpoint
CREATE TABLE "request_counters" (
	"company_id" text NOT NULL,
	"prefix" text NOT NULL,
	"day" text NOT NULL,
	"last" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "requests" (
	"id" text PRIMARY KEY NOT NULL,
	"company_id" text NOT NULL,
	"estate_id" text NOT NULL,
	"number" text NOT NULL,
	"type" text NOT NULL,
	"subtype" text,
	"channel" text NOT NULL,
	"state" text DEFAULT 'new' NOT NULL,
	"category_id" text,
	"unit_id" text,
	"location_id" text,
	"location_text" text,
	"resident_id" text,
	"reporter_name" text,
	"reporter_phone" text,
	"description" text NOT NULL,
	"urgency" text DEFAULT 'immediate' NOT NULL,
	"appointment_at" timestamp with time zone,
	"size" text,
	"owner_id" text NOT NULL,
	"received_by_id" text NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	"department_id" text,
	"assignee_id" text,
	"night" boolean DEFAULT false NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"closed_at" timestamp with time zone,
	CONSTRAINT "requests_type_ck" CHECK ("requests"."type" in ('repair','complaint','enquiry','help','suggestion','praise','paid_service')),
	CONSTRAINT "requests_state_ck" CHECK ("requests"."state" in ('new','dispatched','accepted','on_site','in_progress','done','confirmed','callback_done','closed','on_hold','cancelled'))
);
--> statement-breakpoint
CREATE TABLE "resident_units" (
	"resident_id" text NOT NULL,
	"unit_id" text NOT NULL,
	"company_id" text NOT NULL,
	"estate_id" text NOT NULL,
	"relation" text NOT NULL,
	"since" date,
	CONSTRAINT "resident_units_resident_id_unit_id_pk" PRIMARY KEY("resident_id","unit_id"),
	CONSTRAINT "resident_units_relation_ck" CHECK ("resident_units"."relation" in ('owner','tenant','member'))
);
--> statement-breakpoint
CREATE TABLE "residents" (
	"id" text PRIMARY KEY NOT NULL,
	"company_id" text NOT NULL,
	"estate_id" text NOT NULL,
	"name" text NOT NULL,
	"gender" text,
	"phones" text[] NOT NULL,
	"id_number" text,
	"birthday" date,
	"grade" text DEFAULT 'C' NOT NULL,
	"notes" text,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "residents_grade_ck" CHECK ("residents"."grade" in ('A','B','C','D'))
);
--> statement-breakpoint
CREATE TABLE "events" (
	"id" text PRIMARY KEY NOT NULL,
	"company_id" text NOT NULL,
	"estate_id" text,
	"entity_type" text NOT NULL,
	"entity_id" text NOT NULL,
	"action" text NOT NULL,
	"actor_id" text,
	"at" timestamp with time zone NOT NULL,
	"data" jsonb
);
--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "user_estates" ADD CONSTRAINT "user_estates_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "user_estates" ADD CONSTRAINT "user_estates_estate_id_estates_id_fk" FOREIGN KEY ("estate_id") REFERENCES "public"."estates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_company_id_companies_id_fk" FOREIGN KEY ("company_id") REFERENCES "public"."companies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "categories" ADD CONSTRAINT "categories_company_id_companies_id_fk" FOREIGN KEY ("company_id") REFERENCES "public"."companies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "buildings" ADD CONSTRAINT "buildings_estate_id_estates_id_fk" FOREIGN KEY ("estate_id") REFERENCES "public"."estates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "departments" ADD CONSTRAINT "departments_estate_id_estates_id_fk" FOREIGN KEY ("estate_id") REFERENCES "public"."estates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "estates" ADD CONSTRAINT "estates_company_id_companies_id_fk" FOREIGN KEY ("company_id") REFERENCES "public"."companies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "locations" ADD CONSTRAINT "locations_estate_id_estates_id_fk" FOREIGN KEY ("estate_id") REFERENCES "public"."estates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "units" ADD CONSTRAINT "units_estate_id_estates_id_fk" FOREIGN KEY ("estate_id") REFERENCES "public"."estates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "units" ADD CONSTRAINT "units_building_id_buildings_id_fk" FOREIGN KEY ("building_id") REFERENCES "public"."buildings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "requests" ADD CONSTRAINT "requests_company_id_companies_id_fk" FOREIGN KEY ("company_id") REFERENCES "public"."companies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "requests" ADD CONSTRAINT "requests_estate_id_estates_id_fk" FOREIGN KEY ("estate_id") REFERENCES "public"."estates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "requests" ADD CONSTRAINT "requests_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "requests" ADD CONSTRAINT "requests_received_by_id_users_id_fk" FOREIGN KEY ("received_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resident_units" ADD CONSTRAINT "resident_units_resident_id_residents_id_fk" FOREIGN KEY ("resident_id") REFERENCES "public"."residents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resident_units" ADD CONSTRAINT "resident_units_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "residents" ADD CONSTRAINT "residents_company_id_companies_id_fk" FOREIGN KEY ("company_id") REFERENCES "public"."companies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "residents" ADD CONSTRAINT "residents_estate_id_estates_id_fk" FOREIGN KEY ("estate_id") REFERENCES "public"."estates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "sessions_token_hash_uq" ON "sessions" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "sessions_user_idx" ON "sessions" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "user_estates_estate_idx" ON "user_estates" USING btree ("estate_id");--> statement-breakpoint
CREATE UNIQUE INDEX "users_username_uq" ON "users" USING btree (lower("username"));--> statement-breakpoint
CREATE UNIQUE INDEX "categories_company_type_code_uq" ON "categories" USING btree ("company_id","type","code");--> statement-breakpoint
CREATE INDEX "categories_parent_idx" ON "categories" USING btree ("parent_id");--> statement-breakpoint
CREATE UNIQUE INDEX "buildings_estate_name_uq" ON "buildings" USING btree ("estate_id","name");--> statement-breakpoint
CREATE UNIQUE INDEX "departments_estate_name_uq" ON "departments" USING btree ("estate_id","name");--> statement-breakpoint
CREATE UNIQUE INDEX "estates_company_code_uq" ON "estates" USING btree ("company_id","code");--> statement-breakpoint
CREATE UNIQUE INDEX "estates_company_name_uq" ON "estates" USING btree ("company_id","name");--> statement-breakpoint
CREATE UNIQUE INDEX "locations_estate_name_uq" ON "locations" USING btree ("estate_id","name");--> statement-breakpoint
CREATE UNIQUE INDEX "units_building_number_uq" ON "units" USING btree ("building_id","number");--> statement-breakpoint
CREATE INDEX "units_estate_idx" ON "units" USING btree ("estate_id","building_id","number");--> statement-breakpoint
CREATE UNIQUE INDEX "request_counters_uq" ON "request_counters" USING btree ("company_id","prefix","day");--> statement-breakpoint
CREATE UNIQUE INDEX "requests_company_number_uq" ON "requests" USING btree ("company_id","number");--> statement-breakpoint
CREATE INDEX "requests_estate_state_idx" ON "requests" USING btree ("estate_id","state");--> statement-breakpoint
CREATE INDEX "requests_estate_received_idx" ON "requests" USING btree ("estate_id","received_at");--> statement-breakpoint
CREATE INDEX "requests_resident_idx" ON "requests" USING btree ("resident_id");--> statement-breakpoint
CREATE INDEX "requests_unit_idx" ON "requests" USING btree ("unit_id");--> statement-breakpoint
CREATE INDEX "requests_owner_idx" ON "requests" USING btree ("owner_id","state");--> statement-breakpoint
CREATE INDEX "resident_units_unit_idx" ON "resident_units" USING btree ("unit_id");--> statement-breakpoint
CREATE INDEX "residents_estate_name_idx" ON "residents" USING btree ("estate_id","name");--> statement-breakpoint
CREATE INDEX "residents_phones_gin" ON "residents" USING gin ("phones");--> statement-breakpoint
CREATE INDEX "events_entity_idx" ON "events" USING btree ("entity_type","entity_id","at");--> statement-breakpoint
CREATE INDEX "events_company_at_idx" ON "events" USING btree ("company_id","at");