CREATE TYPE "public"."payment_attempt_state" AS ENUM('created', 'processing', 'unknown', 'pending', 'succeeded', 'failed', 'canceled');--> statement-breakpoint
CREATE TYPE "public"."payment_link_state" AS ENUM('open', 'processing', 'paid', 'expired', 'canceled');--> statement-breakpoint
CREATE TYPE "public"."payment_method" AS ENUM('card', 'stored_card', 'ideal', 'external', 'terminal_card', 'refund');--> statement-breakpoint
CREATE TYPE "public"."staff_role" AS ENUM('frontdesk', 'manager');--> statement-breakpoint
CREATE TABLE "audit_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"occurred_at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_type" text NOT NULL,
	"actor_staff_id" uuid,
	"actor_label" text NOT NULL,
	"action" text NOT NULL,
	"outcome" text NOT NULL,
	"subject_type" text,
	"subject_id" text,
	"amount_minor" bigint,
	"currency" char(3),
	"mews_ids" jsonb,
	"details" jsonb,
	"client_address" "inet"
);
--> statement-breakpoint
CREATE TABLE "payment_attempts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"idempotency_key" text NOT NULL,
	"payment_link_id" uuid,
	"method" "payment_method" NOT NULL,
	"state" "payment_attempt_state" DEFAULT 'created' NOT NULL,
	"amount_minor" bigint NOT NULL,
	"currency" char(3) NOT NULL,
	"mews_customer_id" uuid NOT NULL,
	"mews_reservation_id" uuid,
	"mews_credit_card_id" uuid,
	"mews_payment_id" uuid,
	"refund_of_attempt_id" uuid,
	"card_brand" text,
	"card_masked" text,
	"failure_code" text,
	"failure_message" text,
	"notes" text,
	"initiated_by_staff_id" uuid,
	"client_address" "inet",
	"finalized_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "payment_links" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"token_hash" text NOT NULL,
	"mews_customer_id" uuid NOT NULL,
	"mews_reservation_id" uuid,
	"amount_minor" bigint NOT NULL,
	"currency" char(3) NOT NULL,
	"description" text NOT NULL,
	"state" "payment_link_state" DEFAULT 'open' NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"created_via" text NOT NULL,
	"created_by_staff_id" uuid,
	"paid_at" timestamp with time zone,
	"canceled_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "staff_users" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"email" text NOT NULL,
	"name" text NOT NULL,
	"role" "staff_role" NOT NULL,
	"password_hash" text,
	"disabled_at" timestamp with time zone,
	"last_sign_in_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "audit_events" ADD CONSTRAINT "audit_events_actor_staff_id_staff_users_id_fk" FOREIGN KEY ("actor_staff_id") REFERENCES "public"."staff_users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_attempts" ADD CONSTRAINT "payment_attempts_payment_link_id_payment_links_id_fk" FOREIGN KEY ("payment_link_id") REFERENCES "public"."payment_links"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_attempts" ADD CONSTRAINT "payment_attempts_initiated_by_staff_id_staff_users_id_fk" FOREIGN KEY ("initiated_by_staff_id") REFERENCES "public"."staff_users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_links" ADD CONSTRAINT "payment_links_created_by_staff_id_staff_users_id_fk" FOREIGN KEY ("created_by_staff_id") REFERENCES "public"."staff_users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "audit_events_occurred_idx" ON "audit_events" USING btree ("occurred_at");--> statement-breakpoint
CREATE INDEX "audit_events_actor_idx" ON "audit_events" USING btree ("actor_staff_id","occurred_at");--> statement-breakpoint
CREATE INDEX "audit_events_subject_idx" ON "audit_events" USING btree ("subject_type","subject_id");--> statement-breakpoint
CREATE UNIQUE INDEX "payment_attempts_idempotency_key_key" ON "payment_attempts" USING btree ("idempotency_key");--> statement-breakpoint
CREATE UNIQUE INDEX "payment_attempts_mews_payment_id_key" ON "payment_attempts" USING btree ("mews_payment_id") WHERE "payment_attempts"."mews_payment_id" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "payment_attempts_one_active_per_link_key" ON "payment_attempts" USING btree ("payment_link_id") WHERE "payment_attempts"."payment_link_id" is not null and "payment_attempts"."state" in ('created', 'processing', 'unknown', 'pending');--> statement-breakpoint
CREATE INDEX "payment_attempts_state_idx" ON "payment_attempts" USING btree ("state","updated_at");--> statement-breakpoint
CREATE INDEX "payment_attempts_created_idx" ON "payment_attempts" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "payment_attempts_customer_idx" ON "payment_attempts" USING btree ("mews_customer_id");--> statement-breakpoint
CREATE UNIQUE INDEX "payment_links_token_hash_key" ON "payment_links" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "payment_links_customer_idx" ON "payment_links" USING btree ("mews_customer_id");--> statement-breakpoint
CREATE INDEX "payment_links_state_idx" ON "payment_links" USING btree ("state","expires_at");--> statement-breakpoint
CREATE UNIQUE INDEX "staff_users_email_lower_key" ON "staff_users" USING btree (lower("email"));