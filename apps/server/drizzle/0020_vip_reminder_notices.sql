CREATE TABLE "vip_reminder_notices" (
	"estate_id" text NOT NULL,
	"key" text NOT NULL,
	"date" date NOT NULL,
	"sent_at" timestamp with time zone NOT NULL,
	CONSTRAINT "vip_reminder_notices_estate_id_key_pk" PRIMARY KEY("estate_id","key")
);
--> statement-breakpoint
ALTER TABLE "vip_reminder_notices" ADD CONSTRAINT "vip_reminder_notices_estate_id_estates_id_fk" FOREIGN KEY ("estate_id") REFERENCES "public"."estates"("id") ON DELETE no action ON UPDATE no action;