ALTER TABLE "payment_links" ADD COLUMN "guest_name" text;--> statement-breakpoint
ALTER TABLE "payment_links" ADD COLUMN "reservation_number" text;--> statement-breakpoint
ALTER TABLE "payment_links" ADD COLUMN "reservation_start" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "payment_links" ADD COLUMN "reservation_end" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "payment_links" ADD COLUMN "guest_details_captured_at" timestamp with time zone;