-- The guest directory (issue 23) starts with what the payment links already kept of Mews: each
-- customer's name as their latest link had it (with the latest e-mail a link was sent to), and each
-- reservation's number and dates. Rows Mews filled in meanwhile are left alone; the background pass
-- reads the guests still missing from Mews. The reservation's owner is not taken from the link (a
-- link may be for a guest of someone else's booking): the next read from Mews sets it.
INSERT INTO "mews_customers" ("id", "full_name", "search_text", "email", "refreshed_at")
SELECT latest."mews_customer_id", latest."name",
       btrim(lower(latest."name" || ' ' || coalesce(latest."email", ''))), latest."email", latest."at"
  FROM (
    SELECT DISTINCT ON (l."mews_customer_id") l."mews_customer_id", btrim(l."guest_name") AS "name",
           (SELECT nullif(btrim(e."guest_email"), '') FROM "payment_links" e
             WHERE e."mews_customer_id" = l."mews_customer_id" AND nullif(btrim(e."guest_email"), '') IS NOT NULL
             ORDER BY e."created_at" DESC, e."id" DESC LIMIT 1) AS "email",
           coalesce(l."guest_details_captured_at", l."created_at") AS "at"
      FROM "payment_links" l
     WHERE nullif(btrim(l."guest_name"), '') IS NOT NULL
     ORDER BY l."mews_customer_id", coalesce(l."guest_details_captured_at", l."created_at") DESC, l."id" DESC
  ) latest
ON CONFLICT ("id") DO NOTHING;--> statement-breakpoint
INSERT INTO "mews_reservations" ("id", "number", "start_utc", "end_utc", "refreshed_at")
SELECT DISTINCT ON (l."mews_reservation_id") l."mews_reservation_id", nullif(btrim(l."reservation_number"), ''),
       l."reservation_start", l."reservation_end", coalesce(l."guest_details_captured_at", l."created_at")
  FROM "payment_links" l
 WHERE l."mews_reservation_id" IS NOT NULL
   AND (nullif(btrim(l."reservation_number"), '') IS NOT NULL OR l."reservation_start" IS NOT NULL)
 ORDER BY l."mews_reservation_id", coalesce(l."guest_details_captured_at", l."created_at") DESC, l."id" DESC
ON CONFLICT ("id") DO NOTHING;
