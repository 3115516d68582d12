ALTER TABLE "buildings" ADD COLUMN "version" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "estates" ADD COLUMN "version" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "locations" ADD COLUMN "retired_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "locations" ADD COLUMN "version" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "units" ADD COLUMN "version" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "buildings_id_estate_uq" ON "buildings" USING btree ("id","estate_id");--> statement-breakpoint
CREATE UNIQUE INDEX "units_id_estate_uq" ON "units" USING btree ("id","estate_id");--> statement-breakpoint
ALTER TABLE "buildings" ADD CONSTRAINT "buildings_floors_ck" CHECK ("buildings"."floors" between 1 and 200);--> statement-breakpoint
ALTER TABLE "locations" ADD CONSTRAINT "locations_kind_ck" CHECK ("locations"."kind" in ('lobby','car_park','lift','garden','corridor','plant_room','gate','other'));