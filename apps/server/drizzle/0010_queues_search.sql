DROP INDEX "requests_resident_idx";--> statement-breakpoint
ALTER TABLE "categories" ADD COLUMN "emergency" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "requests" ADD COLUMN "emergency" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "requests" ADD COLUMN "search_text" text;--> statement-breakpoint
ALTER TABLE "requests" ADD COLUMN "search_tokens" text[];--> statement-breakpoint
CREATE INDEX "requests_company_received_idx" ON "requests" USING btree ("company_id","received_at");--> statement-breakpoint
CREATE INDEX "requests_search_gin" ON "requests" USING gin ("search_tokens");--> statement-breakpoint
CREATE INDEX "requests_search_pending_idx" ON "requests" USING btree ("id") WHERE "requests"."search_tokens" is null;--> statement-breakpoint
CREATE INDEX "requests_phone_suffix_idx" ON "requests" USING btree (reverse("reporter_phone") text_pattern_ops);--> statement-breakpoint
CREATE INDEX "requests_resident_idx" ON "requests" USING btree ("resident_id","received_at");