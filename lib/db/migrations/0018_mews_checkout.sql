ALTER TYPE "public"."payment_method" ADD VALUE 'mews_checkout';--> statement-breakpoint
CREATE TABLE "mews_payment_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"payment_link_id" uuid NOT NULL,
	"type" text NOT NULL,
	"state" text NOT NULL,
	"mews_request_id" uuid,
	"amount_minor" bigint NOT NULL,
	"currency" char(3) NOT NULL,
	"mews_customer_id" uuid NOT NULL,
	"mews_reservation_id" uuid,
	"expires_at" timestamp with time zone NOT NULL,
	"mews_emails_guest" boolean DEFAULT false NOT NULL,
	"failure_message" text,
	"policy_version" integer,
	"policy_accepted_at" timestamp with time zone,
	"policy_locale" text,
	"client_address" "inet",
	"preauthorization_id" uuid,
	"preauthorization_state" text,
	"hold_placed_at" timestamp with time zone,
	"last_read_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "payment_attempts" ADD COLUMN "mews_payment_request_id" uuid;--> statement-breakpoint
ALTER TABLE "payment_attempts" ADD COLUMN "checkout_method" text;--> statement-breakpoint
ALTER TABLE "payment_links" ADD COLUMN "collect" text DEFAULT 'payment' NOT NULL;--> statement-breakpoint
ALTER TABLE "mews_payment_requests" ADD CONSTRAINT "mews_payment_requests_payment_link_id_payment_links_id_fk" FOREIGN KEY ("payment_link_id") REFERENCES "public"."payment_links"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "mews_payment_requests_mews_id_key" ON "mews_payment_requests" USING btree ("mews_request_id") WHERE "mews_payment_requests"."mews_request_id" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "mews_payment_requests_one_active_per_link_key" ON "mews_payment_requests" USING btree ("payment_link_id") WHERE "mews_payment_requests"."state" in ('creating', 'unknown', 'pending');--> statement-breakpoint
CREATE INDEX "mews_payment_requests_state_idx" ON "mews_payment_requests" USING btree ("state","updated_at");--> statement-breakpoint
CREATE INDEX "mews_payment_requests_link_idx" ON "mews_payment_requests" USING btree ("payment_link_id");--> statement-breakpoint
ALTER TABLE "mews_payment_requests" ADD CONSTRAINT "mews_payment_requests_state_check" CHECK ("state" in ('creating', 'unknown', 'pending', 'completed', 'canceled', 'expired', 'failed'));--> statement-breakpoint
ALTER TABLE "mews_payment_requests" ADD CONSTRAINT "mews_payment_requests_type_check" CHECK ("type" in ('payment', 'preauthorization'));--> statement-breakpoint
ALTER TABLE "payment_links" ADD CONSTRAINT "payment_links_collect_check" CHECK ("collect" in ('payment', 'hold'));
