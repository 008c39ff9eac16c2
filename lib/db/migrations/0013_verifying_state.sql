-- Mews answers Verifying when the card issuer wants the guest to authenticate (a link Mews e-mails
-- them; unverified for 24 hours the payment turns Canceled): its own attempt state, and when it began.
-- The one-in-flight indexes name the final states instead of the active ones because PostgreSQL
-- refuses to use a new enum value in the transaction that adds it, and the migrator applies all
-- pending migrations in one transaction.
ALTER TYPE "public"."payment_attempt_state" ADD VALUE 'verifying' BEFORE 'succeeded';--> statement-breakpoint
DROP INDEX "payment_attempts_one_active_per_link_key";--> statement-breakpoint
DROP INDEX "payment_attempts_one_active_refund_key";--> statement-breakpoint
ALTER TABLE "payment_attempts" ADD COLUMN "verifying_since" timestamp with time zone;--> statement-breakpoint
CREATE UNIQUE INDEX "payment_attempts_one_active_per_link_key" ON "payment_attempts" USING btree ("payment_link_id") WHERE "payment_attempts"."payment_link_id" is not null and "payment_attempts"."state" not in ('succeeded', 'failed', 'canceled');--> statement-breakpoint
CREATE UNIQUE INDEX "payment_attempts_one_active_refund_key" ON "payment_attempts" USING btree ("refund_of_attempt_id") WHERE "payment_attempts"."refund_of_attempt_id" is not null and "payment_attempts"."state" not in ('succeeded', 'failed', 'canceled');