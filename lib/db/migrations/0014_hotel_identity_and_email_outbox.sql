CREATE TYPE "public"."email_kind" AS ENUM('payment_link', 'receipt', 'reminder', 'link_canceled', 'verification_pending');--> statement-breakpoint
CREATE TYPE "public"."email_state" AS ENUM('queued', 'sending', 'sent', 'failed', 'uncertain', 'skipped');--> statement-breakpoint
CREATE TABLE "email_outbox" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" "email_kind" NOT NULL,
	"dedupe_key" text NOT NULL,
	"payment_link_id" uuid,
	"payment_attempt_id" uuid,
	"recipient" text NOT NULL,
	"recipient_role" text DEFAULT 'guest' NOT NULL,
	"locale" text NOT NULL,
	"link_url" text,
	"message_id" text,
	"subject" text,
	"html" text,
	"text_body" text,
	"state" "email_state" DEFAULT 'queued' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"lease_holder" text,
	"lease_expires_at" timestamp with time zone,
	"last_error" text,
	"sent_at" timestamp with time zone,
	"resend_of_id" uuid,
	"created_by_staff_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "property_logos" (
	"version" text PRIMARY KEY NOT NULL,
	"content_type" text NOT NULL,
	"image" text NOT NULL,
	"width" integer NOT NULL,
	"height" integer NOT NULL,
	"favicon" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by_staff_id" uuid
);
--> statement-breakpoint
CREATE TABLE "property_policy_versions" (
	"version" integer PRIMARY KEY NOT NULL,
	"texts" jsonb NOT NULL,
	"default_locale" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by_staff_id" uuid
);
--> statement-breakpoint
CREATE TABLE "property_profile" (
	"id" integer PRIMARY KEY DEFAULT 1 NOT NULL,
	"display_name" text,
	"brand_color" text,
	"phone" text,
	"email" text,
	"website" text,
	"address" text,
	"default_locale" text DEFAULT 'en' NOT NULL,
	"logo_version" text,
	"policy_version" integer,
	"policy_required" boolean DEFAULT false NOT NULL,
	"reminder_days_before" integer[] DEFAULT '{3,1}'::integer[] NOT NULL,
	"receipt_copy_email" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by_staff_id" uuid
);
--> statement-breakpoint
ALTER TABLE "payment_attempts" ADD COLUMN "policy_version" integer;--> statement-breakpoint
ALTER TABLE "payment_attempts" ADD COLUMN "policy_accepted_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "payment_attempts" ADD COLUMN "policy_locale" text;--> statement-breakpoint
ALTER TABLE "payment_links" ADD COLUMN "guest_email" text;--> statement-breakpoint
ALTER TABLE "payment_links" ADD COLUMN "guest_locale" text;--> statement-breakpoint
ALTER TABLE "email_outbox" ADD CONSTRAINT "email_outbox_payment_link_id_payment_links_id_fk" FOREIGN KEY ("payment_link_id") REFERENCES "public"."payment_links"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "email_outbox" ADD CONSTRAINT "email_outbox_payment_attempt_id_payment_attempts_id_fk" FOREIGN KEY ("payment_attempt_id") REFERENCES "public"."payment_attempts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "email_outbox" ADD CONSTRAINT "email_outbox_created_by_staff_id_staff_users_id_fk" FOREIGN KEY ("created_by_staff_id") REFERENCES "public"."staff_users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "property_logos" ADD CONSTRAINT "property_logos_created_by_staff_id_staff_users_id_fk" FOREIGN KEY ("created_by_staff_id") REFERENCES "public"."staff_users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "property_policy_versions" ADD CONSTRAINT "property_policy_versions_created_by_staff_id_staff_users_id_fk" FOREIGN KEY ("created_by_staff_id") REFERENCES "public"."staff_users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "property_profile" ADD CONSTRAINT "property_profile_updated_by_staff_id_staff_users_id_fk" FOREIGN KEY ("updated_by_staff_id") REFERENCES "public"."staff_users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "email_outbox_dedupe_key" ON "email_outbox" USING btree ("dedupe_key");--> statement-breakpoint
CREATE INDEX "email_outbox_due_idx" ON "email_outbox" USING btree ("state","next_attempt_at");--> statement-breakpoint
CREATE INDEX "email_outbox_link_idx" ON "email_outbox" USING btree ("payment_link_id");--> statement-breakpoint
-- The outbox rows that follow from a link or an attempt changing state are written by triggers,
-- so they commit with the change itself whichever code path made it (guest, staff, reconciler,
-- webhook): a payment cannot succeed without its receipt queued, nor a receipt be queued for a
-- payment whose change rolled back. What to say is rendered later by the sender.
CREATE FUNCTION "email_outbox_on_link_change"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  profile record;
  sent_to record;
BEGIN
  IF NEW.state = OLD.state THEN
    RETURN NEW;
  END IF;
  SELECT * INTO profile FROM property_profile WHERE id = 1;
  IF NEW.state IN ('paid', 'canceled', 'expired') THEN
    -- No reminder (nor a link not yet sent) after the link is paid, canceled or expired.
    UPDATE email_outbox SET state = 'skipped', updated_at = now()
      WHERE payment_link_id = NEW.id AND state = 'queued' AND kind IN ('payment_link', 'reminder');
  END IF;
  IF NEW.state = 'paid' THEN
    IF NEW.guest_email IS NOT NULL THEN
      INSERT INTO email_outbox (kind, dedupe_key, payment_link_id, recipient, recipient_role, locale)
        VALUES ('receipt', 'receipt:' || NEW.id || ':guest', NEW.id, NEW.guest_email, 'guest',
                coalesce(NEW.guest_locale, profile.default_locale, 'en'))
        ON CONFLICT (dedupe_key) DO NOTHING;
    END IF;
    IF profile.receipt_copy_email IS NOT NULL THEN
      INSERT INTO email_outbox (kind, dedupe_key, payment_link_id, recipient, recipient_role, locale)
        VALUES ('receipt', 'receipt:' || NEW.id || ':hotel', NEW.id, profile.receipt_copy_email,
                'hotel', coalesce(profile.default_locale, 'en'))
        ON CONFLICT (dedupe_key) DO NOTHING;
    END IF;
  ELSIF NEW.state = 'canceled' THEN
    -- Only a guest who was sent the link hears that it was canceled.
    SELECT recipient, locale INTO sent_to FROM email_outbox
      WHERE payment_link_id = NEW.id AND kind = 'payment_link' AND state IN ('sent', 'uncertain')
      ORDER BY created_at DESC LIMIT 1;
    IF FOUND THEN
      INSERT INTO email_outbox (kind, dedupe_key, payment_link_id, recipient, recipient_role, locale)
        VALUES ('link_canceled', 'canceled:' || NEW.id, NEW.id, sent_to.recipient, 'guest',
                sent_to.locale)
        ON CONFLICT (dedupe_key) DO NOTHING;
    END IF;
  END IF;
  RETURN NEW;
END;
$$;--> statement-breakpoint
CREATE TRIGGER "payment_links_email_outbox" AFTER UPDATE OF "state" ON "payment_links"
  FOR EACH ROW EXECUTE FUNCTION "email_outbox_on_link_change"();--> statement-breakpoint
CREATE FUNCTION "email_outbox_on_attempt_change"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  link record;
BEGIN
  IF NEW.state = OLD.state OR NEW.state <> 'verifying' OR NEW.payment_link_id IS NULL THEN
    RETURN NEW;
  END IF;
  SELECT guest_email, guest_locale INTO link FROM payment_links WHERE id = NEW.payment_link_id;
  IF link.guest_email IS NOT NULL THEN
    INSERT INTO email_outbox (kind, dedupe_key, payment_link_id, payment_attempt_id, recipient,
                              recipient_role, locale)
      VALUES ('verification_pending', 'verification:' || NEW.id, NEW.payment_link_id, NEW.id,
              link.guest_email, 'guest',
              coalesce(link.guest_locale,
                       (SELECT default_locale FROM property_profile WHERE id = 1), 'en'))
      ON CONFLICT (dedupe_key) DO NOTHING;
  END IF;
  RETURN NEW;
END;
$$;--> statement-breakpoint
CREATE TRIGGER "payment_attempts_email_outbox" AFTER UPDATE OF "state" ON "payment_attempts"
  FOR EACH ROW EXECUTE FUNCTION "email_outbox_on_attempt_change"();
--> statement-breakpoint
-- A published policy is evidence (what a guest accepted): never changed or removed afterwards.
CREATE FUNCTION "property_policy_versions_refuse_change"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'property_policy_versions is append-only: publish a new version instead';
END;
$$;--> statement-breakpoint
CREATE TRIGGER "property_policy_versions_append_only"
  BEFORE UPDATE OR DELETE ON "property_policy_versions"
  FOR EACH ROW EXECUTE FUNCTION "property_policy_versions_refuse_change"();
