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
CREATE TABLE "request_payments" (
	"id" text PRIMARY KEY NOT NULL,
	"company_id" text NOT NULL,
	"estate_id" text NOT NULL,
	"request_id" text NOT NULL,
	"amount_fen" integer NOT NULL,
	"expected_fen" integer,
	"method" text NOT NULL,
	"status" text DEFAULT 'collected' NOT NULL,
	"collected_by_id" text NOT NULL,
	"collected_at" timestamp with time zone NOT NULL,
	"receipt_no" text,
	"note" text,
	"confirmed_by_id" text,
	"confirmed_at" timestamp with time zone,
	"confirm_note" text,
	CONSTRAINT "request_payments_method_ck" CHECK ("request_payments"."method" in ('technician_cash','technician_scan','office','portal')),
	CONSTRAINT "request_payments_status_ck" CHECK ("request_payments"."status" in ('collected','confirmed')),
	CONSTRAINT "request_payments_amount_ck" CHECK ("request_payments"."amount_fen" > 0),
	CONSTRAINT "request_payments_confirmed_ck" CHECK (("request_payments"."status" = 'confirmed') = ("request_payments"."confirmed_at" is not null and "request_payments"."confirmed_by_id" is not null))
);
--> statement-breakpoint
ALTER TABLE "night_handovers" ADD CONSTRAINT "night_handovers_estate_id_estates_id_fk" FOREIGN KEY ("estate_id") REFERENCES "public"."estates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "night_handovers" ADD CONSTRAINT "night_handovers_handed_over_by_id_users_id_fk" FOREIGN KEY ("handed_over_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "night_handovers" ADD CONSTRAINT "night_handovers_received_by_id_users_id_fk" FOREIGN KEY ("received_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "night_handovers" ADD CONSTRAINT "night_handovers_recorded_by_id_users_id_fk" FOREIGN KEY ("recorded_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "request_payments" ADD CONSTRAINT "request_payments_request_id_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "request_payments" ADD CONSTRAINT "request_payments_collected_by_id_users_id_fk" FOREIGN KEY ("collected_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "request_payments" ADD CONSTRAINT "request_payments_confirmed_by_id_users_id_fk" FOREIGN KEY ("confirmed_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "night_handovers_estate_date_uq" ON "night_handovers" USING btree ("estate_id","shift_date");--> statement-breakpoint
CREATE UNIQUE INDEX "request_payments_request_uq" ON "request_payments" USING btree ("request_id");--> statement-breakpoint
CREATE INDEX "request_payments_estate_status_idx" ON "request_payments" USING btree ("estate_id","status","collected_at");--> statement-breakpoint
CREATE INDEX "request_payments_estate_confirmed_idx" ON "request_payments" USING btree ("estate_id","confirmed_at") WHERE "request_payments"."confirmed_at" is not null;