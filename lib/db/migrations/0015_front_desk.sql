CREATE TABLE "mews_customers" (
	"id" uuid PRIMARY KEY NOT NULL,
	"full_name" text NOT NULL,
	"search_text" text NOT NULL,
	"email" text,
	"language_code" text,
	"refreshed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "mews_reservations" (
	"id" uuid PRIMARY KEY NOT NULL,
	"number" text,
	"customer_id" uuid,
	"state" text,
	"start_utc" timestamp with time zone,
	"end_utc" timestamp with time zone,
	"room" text,
	"refreshed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
DROP INDEX "payment_attempts_customer_idx";--> statement-breakpoint
ALTER TABLE "payment_attempts" ADD COLUMN "approved_by_staff_id" uuid;--> statement-breakpoint
ALTER TABLE "payment_links" ADD COLUMN "purpose" text DEFAULT 'deposit' NOT NULL;--> statement-breakpoint
ALTER TABLE "payment_links" ADD COLUMN "keep_open_when_sibling_paid" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "payment_links" ADD COLUMN "canceled_reason" text;--> statement-breakpoint
ALTER TABLE "payment_links" ADD COLUMN "canceled_by_staff_id" uuid;--> statement-breakpoint
CREATE INDEX "mews_customers_search_idx" ON "mews_customers" USING btree ("search_text");--> statement-breakpoint
CREATE INDEX "mews_reservations_number_idx" ON "mews_reservations" USING btree ("number");--> statement-breakpoint
CREATE INDEX "mews_reservations_customer_idx" ON "mews_reservations" USING btree ("customer_id");--> statement-breakpoint
ALTER TABLE "payment_attempts" ADD CONSTRAINT "payment_attempts_approved_by_staff_id_staff_users_id_fk" FOREIGN KEY ("approved_by_staff_id") REFERENCES "public"."staff_users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_links" ADD CONSTRAINT "payment_links_canceled_by_staff_id_staff_users_id_fk" FOREIGN KEY ("canceled_by_staff_id") REFERENCES "public"."staff_users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "payment_attempts_reservation_idx" ON "payment_attempts" USING btree ("mews_reservation_id","created_at");--> statement-breakpoint
CREATE INDEX "payment_attempts_link_idx" ON "payment_attempts" USING btree ("payment_link_id");--> statement-breakpoint
CREATE INDEX "payment_links_reservation_idx" ON "payment_links" USING btree ("mews_reservation_id","purpose");--> statement-breakpoint
CREATE INDEX "payment_links_created_idx" ON "payment_links" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "payment_attempts_customer_idx" ON "payment_attempts" USING btree ("mews_customer_id","created_at");