CREATE TABLE "night_handovers" (
	"id" text PRIMARY KEY NOT NULL,
	"company_id" text NOT NULL,
	"estate_id" text NOT NULL,
	"shift_date" date NOT NULL,
	"handed_over_by_id" text NOT NULL,
	"received_by_id" text NOT NULL,
	"recorded_by_id" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"request_ids" text[] NOT NULL,
	"notes" text,
	CONSTRAINT "night_handovers_two_people_ck" CHECK ("night_handovers"."handed_over_by_id" <> "night_handovers"."received_by_id")
);
--> statement-breakpoint
ALTER TABLE "night_handovers" ADD CONSTRAINT "night_handovers_estate_id_estates_id_fk" FOREIGN KEY ("estate_id") REFERENCES "public"."estates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "night_handovers" ADD CONSTRAINT "night_handovers_handed_over_by_id_users_id_fk" FOREIGN KEY ("handed_over_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "night_handovers" ADD CONSTRAINT "night_handovers_received_by_id_users_id_fk" FOREIGN KEY ("received_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "night_handovers" ADD CONSTRAINT "night_handovers_recorded_by_id_users_id_fk" FOREIGN KEY ("recorded_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "night_handovers_estate_date_uq" ON "night_handovers" USING btree ("estate_id","shift_date");