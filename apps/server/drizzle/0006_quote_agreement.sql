ALTER TABLE "requests" ADD COLUMN "quote_outside_price_list" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "requests" ADD COLUMN "quote_agreement_file_id" text;--> statement-breakpoint
ALTER TABLE "requests" ADD COLUMN "quoted_by_id" text;