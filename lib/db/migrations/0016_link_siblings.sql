-- One deposit is collected once (issue 23). What a link collects (`purpose`) and why it was
-- canceled are closed lists; a reason belongs to a canceled link only (an undone cancel clears it).
ALTER TABLE "payment_links" ADD CONSTRAINT "payment_links_purpose_check"
  CHECK ("purpose" IN ('deposit', 'prepayment', 'balance', 'other'));--> statement-breakpoint
ALTER TABLE "payment_links" ADD CONSTRAINT "payment_links_canceled_reason_check"
  CHECK ("canceled_reason" IS NULL
         OR ("canceled_reason" IN ('staff', 'api', 'sibling_paid') AND "state" = 'canceled'));--> statement-breakpoint
-- When a link is paid, the other open links of its reservation and purpose would collect the same
-- money again: they are canceled in the same transaction as the payment, whichever code path paid
-- it (guest, reconciler, webhook), audited as the system naming the paid link. The e-mail trigger
-- of 0014 then tells each guest who was sent one that it was closed (the sender words it by
-- `canceled_reason`). A sibling the guest is paying right now (link `processing`, or an attempt not
-- yet final) is not pulled from under them: it is left, audited as deferred, and closed by
-- `payment_links_sibling_reopen` if that attempt fails; if it succeeds, the second payment is
-- audited for staff to refund.
CREATE FUNCTION "payment_links_close_siblings"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  sibling record;
BEGIN
  IF NEW.mews_reservation_id IS NULL THEN
    RETURN NEW;
  END IF;
  FOR sibling IN
    SELECT * FROM payment_links
     WHERE mews_reservation_id = NEW.mews_reservation_id AND purpose = NEW.purpose
       AND id <> NEW.id AND state IN ('open', 'processing', 'paid')
     ORDER BY created_at, id
     FOR UPDATE
  LOOP
    IF sibling.state = 'paid' THEN
      IF NOT sibling.keep_open_when_sibling_paid AND NOT NEW.keep_open_when_sibling_paid THEN
        INSERT INTO audit_events (actor_type, actor_label, action, outcome, subject_type,
                                  subject_id, amount_minor, currency, mews_ids, details)
          VALUES ('system', 'system', 'payment_link.paid_twice', 'unknown', 'payment_link',
                  NEW.id::text, NEW.amount_minor, NEW.currency,
                  jsonb_build_object('customerId', NEW.mews_customer_id,
                                     'reservationId', NEW.mews_reservation_id),
                  jsonb_build_object('purpose', NEW.purpose, 'alreadyPaidLinkId', sibling.id,
                                     'reservationNumber', NEW.reservation_number));
      END IF;
    ELSIF sibling.keep_open_when_sibling_paid THEN
      CONTINUE;
    ELSIF sibling.state = 'open' AND sibling.expires_at <= now() THEN
      -- No longer payable anyway: nothing to close, nobody to tell.
      CONTINUE;
    ELSIF sibling.state = 'processing' OR EXISTS (
        SELECT 1 FROM payment_attempts a
         WHERE a.payment_link_id = sibling.id AND a.state NOT IN ('succeeded', 'failed', 'canceled')) THEN
      INSERT INTO audit_events (actor_type, actor_label, action, outcome, subject_type, subject_id,
                                amount_minor, currency, mews_ids, details)
        VALUES ('system', 'system', 'payment_link.sibling_close_deferred', 'pending', 'payment_link',
                sibling.id::text, sibling.amount_minor, sibling.currency,
                jsonb_build_object('customerId', sibling.mews_customer_id,
                                   'reservationId', sibling.mews_reservation_id),
                jsonb_build_object('reason', 'sibling_paid', 'paidLinkId', NEW.id,
                                   'purpose', NEW.purpose,
                                   'why', 'A payment on this link was in progress'));
    ELSE
      UPDATE payment_links
         SET state = 'canceled', canceled_reason = 'sibling_paid', canceled_at = now(),
             canceled_by_staff_id = NULL, updated_at = now()
       WHERE id = sibling.id;
      INSERT INTO audit_events (actor_type, actor_label, action, outcome, subject_type, subject_id,
                                amount_minor, currency, mews_ids, details)
        VALUES ('system', 'system', 'payment_link.canceled', 'success', 'payment_link',
                sibling.id::text, sibling.amount_minor, sibling.currency,
                jsonb_build_object('customerId', sibling.mews_customer_id,
                                   'reservationId', sibling.mews_reservation_id),
                jsonb_build_object('reason', 'sibling_paid', 'paidLinkId', NEW.id,
                                   'purpose', NEW.purpose,
                                   'reservationNumber', NEW.reservation_number));
    END IF;
  END LOOP;
  RETURN NEW;
END;
$$;--> statement-breakpoint
CREATE TRIGGER "payment_links_close_siblings" AFTER UPDATE OF "state" ON "payment_links"
  FOR EACH ROW WHEN (NEW.state = 'paid' AND OLD.state IS DISTINCT FROM 'paid')
  EXECUTE FUNCTION "payment_links_close_siblings"();--> statement-breakpoint
-- A sibling left open because its guest was paying: when that attempt fails and the link would
-- open again, it is canceled instead (a paid sibling exists), audited like the others.
CREATE FUNCTION "payment_links_sibling_reopen"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  paid_id uuid;
BEGIN
  IF NEW.mews_reservation_id IS NULL OR NEW.keep_open_when_sibling_paid THEN
    RETURN NEW;
  END IF;
  SELECT id INTO paid_id FROM payment_links
   WHERE mews_reservation_id = NEW.mews_reservation_id AND purpose = NEW.purpose
     AND id <> NEW.id AND state = 'paid'
   ORDER BY paid_at LIMIT 1;
  IF paid_id IS NULL THEN
    RETURN NEW;
  END IF;
  NEW.state := 'canceled';
  NEW.canceled_reason := 'sibling_paid';
  NEW.canceled_at := now();
  NEW.canceled_by_staff_id := NULL;
  INSERT INTO audit_events (actor_type, actor_label, action, outcome, subject_type, subject_id,
                            amount_minor, currency, mews_ids, details)
    VALUES ('system', 'system', 'payment_link.canceled', 'success', 'payment_link', NEW.id::text,
            NEW.amount_minor, NEW.currency,
            jsonb_build_object('customerId', NEW.mews_customer_id,
                               'reservationId', NEW.mews_reservation_id),
            jsonb_build_object('reason', 'sibling_paid', 'paidLinkId', paid_id,
                               'purpose', NEW.purpose,
                               'reservationNumber', NEW.reservation_number,
                               'after', 'The payment in progress on this link did not go through'));
  RETURN NEW;
END;
$$;--> statement-breakpoint
CREATE TRIGGER "payment_links_sibling_reopen" BEFORE UPDATE OF "state" ON "payment_links"
  FOR EACH ROW WHEN (NEW.state = 'open' AND OLD.state = 'processing')
  EXECUTE FUNCTION "payment_links_sibling_reopen"();
