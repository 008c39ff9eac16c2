ALTER TABLE "api_keys" ADD COLUMN "scopes" text[] DEFAULT '{links:create,links:read,links:cancel,links:read-all}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "payment_links" ADD COLUMN "created_by_api_key_id" uuid;--> statement-breakpoint
ALTER TABLE "staff_users" ADD COLUMN "seeded_demo" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "staff_users" ADD COLUMN "session_version" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "payment_links" ADD CONSTRAINT "payment_links_created_by_api_key_id_api_keys_id_fk" FOREIGN KEY ("created_by_api_key_id") REFERENCES "public"."api_keys"("id") ON DELETE no action ON UPDATE no action;