import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  boolean,
  char,
  index,
  integer,
  inet,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

/**
 * One schema for PGlite and PostgreSQL. Money is always an integer amount of minor units plus an
 * ISO 4217 currency; Mews decimals never reach the database.
 */

const timestamps = {
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
};

export const staffRole = pgEnum('staff_role', ['frontdesk', 'manager']);

export const staffUsers = pgTable(
  'staff_users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    email: text('email').notNull(),
    name: text('name').notNull(),
    role: staffRole('role').notNull(),
    /** argon2id hash; null for users who only sign in through the hotel's OpenID Connect provider. */
    passwordHash: text('password_hash'),
    disabledAt: timestamp('disabled_at', { withTimezone: true }),
    lastSignInAt: timestamp('last_sign_in_at', { withTimezone: true }),
    /**
     * Made by sandbox mode's demo seeding, with a password the landing page prints: such an
     * account must never sign in against a real Mews.
     */
    seededDemo: boolean('seeded_demo').notNull().default(false),
    /**
     * Part of every session token; bumped on sign-out, password change, role change and disabling,
     * so a session issued before stops working on its next request.
     */
    sessionVersion: integer('session_version').notNull().default(0),
    ...timestamps,
  },
  (t) => [uniqueIndex('staff_users_email_lower_key').on(sql`lower(${t.email})`)],
);

export const paymentLinkState = pgEnum('payment_link_state', [
  'open',
  'processing',
  'paid',
  'expired',
  'canceled',
]);

export const paymentLinks = pgTable(
  'payment_links',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** SHA-256 of the URL token; the token itself is only ever in the guest's URL. */
    tokenHash: text('token_hash').notNull(),
    mewsCustomerId: uuid('mews_customer_id').notNull(),
    mewsReservationId: uuid('mews_reservation_id'),
    amountMinor: bigint('amount_minor', { mode: 'number' }).notNull(),
    currency: char('currency', { length: 3 }).notNull(),
    description: text('description').notNull(),
    state: paymentLinkState('state').notNull().default('open'),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    createdVia: text('created_via', { enum: ['staff', 'cli', 'api', 'seed'] }).notNull(),
    createdByStaffId: uuid('created_by_staff_id').references(() => staffUsers.id),
    /** The integration's key, for links made through /api/v1: a key sees only its own links unless allowed all. */
    createdByApiKeyId: uuid('created_by_api_key_id').references(() => apiKeys.id),
    paidAt: timestamp('paid_at', { withTimezone: true }),
    canceledAt: timestamp('canceled_at', { withTimezone: true }),
    /**
     * What the pay page shows of the guest and their stay, as Mews had it when the link was made,
     * so a page view costs no Connector API request (it would take a request of the property's
     * rate limit and Mews' latency on every view). Null on links made before they were kept.
     */
    guestName: text('guest_name'),
    reservationNumber: text('reservation_number'),
    reservationStart: timestamp('reservation_start', { withTimezone: true }),
    reservationEnd: timestamp('reservation_end', { withTimezone: true }),
    guestDetailsCapturedAt: timestamp('guest_details_captured_at', { withTimezone: true }),
    /**
     * Where the hotel's e-mails about this link go (the link itself, reminders, the receipt);
     * null when nobody asked for the link to be e-mailed.
     */
    guestEmail: text('guest_email'),
    /** The guest's language for e-mails (one of lib/i18n/locales), chosen when the link was made. */
    guestLocale: text('guest_locale'),
    /**
     * What the link collects. Two open links of one reservation and purpose collect it twice: the
     * first one paid closes the others unless `keepOpenWhenSiblingPaid`.
     */
    purpose: text('purpose', { enum: ['deposit', 'prepayment', 'balance', 'other'] })
      .notNull()
      .default('deposit'),
    /** Staff chose to keep this link payable after another link of its reservation and purpose is paid. */
    keepOpenWhenSiblingPaid: boolean('keep_open_when_sibling_paid').notNull().default(false),
    /** Why the link was canceled: by staff, or closed because a sibling link was paid. */
    canceledReason: text('canceled_reason', { enum: ['staff', 'api', 'sibling_paid'] }),
    canceledByStaffId: uuid('canceled_by_staff_id').references(() => staffUsers.id),
    /**
     * What the guest is asked for: a payment, or a hold on their card (a Mews payment request of
     * type `Preauthorization`, placed through Mews Payments Checkout or Mews' own e-mail).
     */
    collect: text('collect', { enum: ['payment', 'hold'] })
      .notNull()
      .default('payment'),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('payment_links_token_hash_key').on(t.tokenHash),
    index('payment_links_customer_idx').on(t.mewsCustomerId),
    index('payment_links_state_idx').on(t.state, t.expiresAt),
    index('payment_links_reservation_idx').on(t.mewsReservationId, t.purpose),
    index('payment_links_created_idx').on(t.createdAt),
  ],
);

export const paymentMethod = pgEnum('payment_method', [
  /** A new card tokenized through Secure Fields, then charged. */
  'card',
  /** A card Mews already stores for the customer. */
  'stored_card',
  'ideal',
  /** Recorded with payments/addExternal (cash, bank transfer...). */
  'external',
  /** A card payment taken on an outside terminal, recorded with payments/addCreditCard. */
  'terminal_card',
  'refund',
  /**
   * Taken by Mews Payments Checkout (embedded on the pay page) for a Mews payment request: card
   * with 3-D Secure, Apple Pay, Google Pay or iDEAL, chosen by the guest inside Mews' form.
   */
  'mews_checkout',
]);

/**
 * created: written to the ledger, Mews not called yet. processing: the request is on its way.
 * unknown: the answer was lost (timeout, dropped connection); only reading Mews back may settle it.
 * pending: Mews answered Pending. verifying: Mews answered Verifying, the card issuer wants the
 * guest to authenticate (strong customer authentication through a link Mews e-mails them). The
 * rest are final.
 */
export const paymentAttemptState = pgEnum('payment_attempt_state', [
  'created',
  'processing',
  'unknown',
  'pending',
  'verifying',
  'succeeded',
  'failed',
  'canceled',
]);

export const ACTIVE_ATTEMPT_STATES = [
  'created',
  'processing',
  'unknown',
  'pending',
  'verifying',
] as const;

export const paymentAttempts = pgTable(
  'payment_attempts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Chosen by the client that started the attempt (the form, the API caller); a replay finds this row. */
    idempotencyKey: text('idempotency_key').notNull(),
    paymentLinkId: uuid('payment_link_id').references(() => paymentLinks.id),
    method: paymentMethod('method').notNull(),
    state: paymentAttemptState('state').notNull().default('created'),
    amountMinor: bigint('amount_minor', { mode: 'number' }).notNull(),
    currency: char('currency', { length: 3 }).notNull(),
    mewsCustomerId: uuid('mews_customer_id').notNull(),
    mewsReservationId: uuid('mews_reservation_id'),
    mewsCreditCardId: uuid('mews_credit_card_id'),
    mewsPaymentId: uuid('mews_payment_id'),
    /** For refunds: the attempt whose payment is refunded. */
    refundOfAttemptId: uuid('refund_of_attempt_id'),
    /** Brand and masked number as Secure Fields reports them (at most first 6 and last 4 digits). */
    cardBrand: text('card_brand'),
    cardMasked: text('card_masked'),
    /** Where the payer must go next (the iDEAL bank page), kept so a replayed request can resend them. */
    nextActionUrl: text('next_action_url'),
    failureCode: text('failure_code'),
    failureMessage: text('failure_message'),
    notes: text('notes'),
    initiatedByStaffId: uuid('initiated_by_staff_id').references(() => staffUsers.id),
    clientAddress: inet('client_address'),
    finalizedAt: timestamp('finalized_at', { withTimezone: true }),
    /**
     * When the Mews payment went `Verifying` (its creation time in Mews: the guest's verification
     * link is e-mailed when the charge is made). Mews cancels it 24 hours after, unverified.
     */
    verifyingSince: timestamp('verifying_since', { withTimezone: true }),
    /**
     * The deposit policy the payer accepted before paying, when the hotel requires it: the version
     * (a row of property_policy_versions, whose text is kept), when and in which language.
     */
    policyVersion: integer('policy_version'),
    policyAcceptedAt: timestamp('policy_accepted_at', { withTimezone: true }),
    policyLocale: text('policy_locale'),
    /** A charge above the initiating clerk's limit, approved on the spot by this manager. */
    approvedByStaffId: uuid('approved_by_staff_id').references(() => staffUsers.id),
    /** For `mews_checkout`: the Mews payment request the payment answered, and how the guest paid. */
    mewsPaymentRequestId: uuid('mews_payment_request_id'),
    checkoutMethod: text('checkout_method'),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('payment_attempts_idempotency_key_key').on(t.idempotencyKey),
    uniqueIndex('payment_attempts_mews_payment_id_key')
      .on(t.mewsPaymentId)
      .where(sql`${t.mewsPaymentId} is not null`),
    // At most one attempt in flight per link: a second tab or a double click cannot start another.
    // Both partial indexes name the final states, not the active ones: a value added to the enum
    // cannot be named in the transaction that adds it (PostgreSQL refuses the unsafe use of a new
    // enum value, and the migrator applies pending migrations in one transaction), and every state
    // that is not final is in flight.
    uniqueIndex('payment_attempts_one_active_per_link_key')
      .on(t.paymentLinkId)
      .where(
        sql`${t.paymentLinkId} is not null and ${t.state} not in ('succeeded', 'failed', 'canceled')`,
      ),
    // One refund of a payment in flight at a time, so "what is left to refund" cannot be spent twice.
    uniqueIndex('payment_attempts_one_active_refund_key')
      .on(t.refundOfAttemptId)
      .where(
        sql`${t.refundOfAttemptId} is not null and ${t.state} not in ('succeeded', 'failed', 'canceled')`,
      ),
    index('payment_attempts_state_idx').on(t.state, t.updatedAt),
    index('payment_attempts_created_idx').on(t.createdAt),
    index('payment_attempts_customer_idx').on(t.mewsCustomerId, t.createdAt),
    index('payment_attempts_reservation_idx').on(t.mewsReservationId, t.createdAt),
    index('payment_attempts_link_idx').on(t.paymentLinkId),
  ],
);

/**
 * The Mews payment requests this app created for Mews Payments Checkout, one active per link at a
 * time. A row is written before `paymentRequests/add` is sent (the Connector API has no
 * idempotency): `creating` until Mews answers, `unknown` when its answer was lost (our marker in
 * `Notes` finds it again), then Mews' own states. Payments made against a request become payment
 * attempts (method `mews_checkout`); a hold (type `preauthorization`) is followed here.
 */
export const mewsPaymentRequests = pgTable(
  'mews_payment_requests',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    paymentLinkId: uuid('payment_link_id')
      .notNull()
      .references(() => paymentLinks.id),
    type: text('type', { enum: ['payment', 'preauthorization'] }).notNull(),
    state: text('state', {
      enum: ['creating', 'unknown', 'pending', 'completed', 'canceled', 'expired', 'failed'],
    }).notNull(),
    mewsRequestId: uuid('mews_request_id'),
    amountMinor: bigint('amount_minor', { mode: 'number' }).notNull(),
    currency: char('currency', { length: 3 }).notNull(),
    mewsCustomerId: uuid('mews_customer_id').notNull(),
    mewsReservationId: uuid('mews_reservation_id'),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    /** Whether Mews was asked to e-mail the guest its own payment page (the hold fallback). */
    mewsEmailsGuest: boolean('mews_emails_guest').notNull().default(false),
    /** Why Mews refused the request, or why it was given up. */
    failureMessage: text('failure_message'),
    /** The deposit policy accepted before the checkout was shown (copied to its payments). */
    policyVersion: integer('policy_version'),
    policyAcceptedAt: timestamp('policy_accepted_at', { withTimezone: true }),
    policyLocale: text('policy_locale'),
    clientAddress: inet('client_address'),
    /** For holds: the Mews preauthorization found for this request, as last read. */
    preauthorizationId: uuid('preauthorization_id'),
    preauthorizationState: text('preauthorization_state'),
    holdPlacedAt: timestamp('hold_placed_at', { withTimezone: true }),
    lastReadAt: timestamp('last_read_at', { withTimezone: true }),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('mews_payment_requests_mews_id_key')
      .on(t.mewsRequestId)
      .where(sql`${t.mewsRequestId} is not null`),
    // Two tabs, a reload, a double click: one request per link while one is usable.
    uniqueIndex('mews_payment_requests_one_active_per_link_key')
      .on(t.paymentLinkId)
      .where(sql`${t.state} in ('creating', 'unknown', 'pending')`),
    index('mews_payment_requests_state_idx').on(t.state, t.updatedAt),
    index('mews_payment_requests_link_idx').on(t.paymentLinkId),
  ],
);

/**
 * Mews' customers as last read from Mews (a search, a customer page, a charge, a link), so lists of
 * thousands of payments show and search guests by name without a Connector API request per row,
 * and keep working while Mews is slow. Mews stays the truth; a row is refreshed whenever read again.
 */
export const mewsCustomers = pgTable(
  'mews_customers',
  {
    id: uuid('id').primaryKey(),
    fullName: text('full_name').notNull(),
    /** Lower-cased name and e-mail for search ("alice smith alice.smith@example.com"). */
    searchText: text('search_text').notNull(),
    email: text('email'),
    languageCode: text('language_code'),
    refreshedAt: timestamp('refreshed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('mews_customers_search_idx').on(t.searchText)],
);

/** Mews' reservations as last read from Mews: confirmation number, owner, dates, room. */
export const mewsReservations = pgTable(
  'mews_reservations',
  {
    id: uuid('id').primaryKey(),
    number: text('number'),
    customerId: uuid('customer_id'),
    state: text('state'),
    startUtc: timestamp('start_utc', { withTimezone: true }),
    endUtc: timestamp('end_utc', { withTimezone: true }),
    /** The assigned room (space) name, when Mews has one. */
    room: text('room'),
    refreshedAt: timestamp('refreshed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('mews_reservations_number_idx').on(t.number),
    index('mews_reservations_customer_idx').on(t.customerId),
  ],
);

export const auditEvents = pgTable(
  'audit_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull().defaultNow(),
    actorType: text('actor_type', { enum: ['staff', 'guest', 'system', 'api'] }).notNull(),
    actorStaffId: uuid('actor_staff_id').references(() => staffUsers.id),
    /** Who, in words that survive the staff user's deletion: an email, "guest", an API key name. */
    actorLabel: text('actor_label').notNull(),
    action: text('action').notNull(),
    outcome: text('outcome', {
      enum: ['success', 'failure', 'pending', 'unknown', 'denied'],
    }).notNull(),
    subjectType: text('subject_type'),
    subjectId: text('subject_id'),
    amountMinor: bigint('amount_minor', { mode: 'number' }),
    currency: char('currency', { length: 3 }),
    mewsIds: jsonb('mews_ids').$type<Record<string, string>>(),
    details: jsonb('details').$type<Record<string, unknown>>(),
    clientAddress: inet('client_address'),
  },
  (t) => [
    index('audit_events_occurred_idx').on(t.occurredAt),
    index('audit_events_actor_idx').on(t.actorStaffId, t.occurredAt),
    index('audit_events_subject_idx').on(t.subjectType, t.subjectId),
  ],
);

/**
 * Staff sign-in attempts, kept in the database so every app instance counts the same failures
 * (per account and per client address) when throttling password guessing.
 */
export const signInAttempts = pgTable(
  'sign_in_attempts',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    /** Lower-cased as typed; also recorded for unknown accounts so they are throttled alike. */
    email: text('email').notNull(),
    clientAddress: inet('client_address'),
    succeeded: boolean('succeeded').notNull(),
    attemptedAt: timestamp('attempted_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('sign_in_attempts_email_idx').on(t.email, t.attemptedAt),
    index('sign_in_attempts_address_idx').on(t.clientAddress, t.attemptedAt),
  ],
);

/** Keys for integrations calling /api/v1 (e.g. a booking engine creating payment links). */
export const apiKeys = pgTable(
  'api_keys',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    /** The first characters of the key, shown to tell keys apart; the key itself is never stored. */
    prefix: text('prefix').notNull(),
    /** SHA-256 of the whole key. */
    keyHash: text('key_hash').notNull(),
    /**
     * What the key may do: `links:create`, `links:read`, `links:cancel`, `links:read-all` (read and
     * cancel links it did not make). Keys made before scopes existed keep what they could do.
     */
    scopes: text('scopes')
      .array()
      .notNull()
      .default(sql`'{links:create,links:read,links:cancel,links:read-all}'::text[]`),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('api_keys_key_hash_key').on(t.keyHash),
    uniqueIndex('api_keys_name_key').on(t.name),
  ],
);

/**
 * Sliding-window rate limits shared by every app instance: Mews Connector API pacing per access
 * token (hashed), guest pay-page requests per client address, payment-link API calls per key. One
 * row per limited (bucket, key) holds the send times of the current window, so a request is checked
 * and counted by one upsert, which locks just that row (see lib/db/rate-limits.ts).
 *
 * UNLOGGED (migration 0011; Drizzle cannot declare it): no commit of a count waits for the disk,
 * and a crash of the database server empties the table, which only restarts every window.
 */
export const rateLimitWindows = pgTable(
  'rate_limit_windows',
  {
    /** What is limited, e.g. `mews` or `pay-page`. */
    bucket: text('bucket').notNull(),
    /** Who is limited within the bucket: a token hash, a client address. Never a secret itself. */
    key: text('key').notNull(),
    /** The allowed requests of the current window, oldest first. */
    hits: timestamp('hits', { withTimezone: true, precision: 3 }).array().notNull(),
    /** Whether the latest request was allowed: what the upsert answers. */
    lastAllowed: boolean('last_allowed').notNull(),
    /** How many requests the latest upsert granted (a reservation may take several). */
    lastGranted: integer('last_granted').notNull().default(0),
    updatedAt: timestamp('updated_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.bucket, t.key] }),
    index('rate_limit_windows_updated_idx').on(t.updatedAt),
  ],
);

export const webhookEventState = pgEnum('webhook_event_state', [
  'received',
  'processed',
  'unmatched',
]);

/**
 * Mews general-webhook events, stored before the webhook is answered so none is lost. An event is
 * only a trigger: processing re-reads the entity from Mews. Duplicates of an event still waiting
 * to be processed collapse into one row (partial unique index), so a burst of retries costs one read.
 */
export const webhookEvents = pgTable(
  'webhook_events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    discriminator: text('discriminator').notNull(),
    /** The entity the event is about (`Value.Id`), e.g. a Mews payment id. */
    entityId: text('entity_id').notNull(),
    enterpriseId: text('enterprise_id'),
    state: webhookEventState('state').notNull().default('received'),
    /** How many times this row was delivered (duplicates included). */
    deliveries: bigint('deliveries', { mode: 'number' }).notNull().default(1),
    processingAttempts: bigint('processing_attempts', { mode: 'number' }).notNull().default(0),
    lastError: text('last_error'),
    /** Not processed again before this moment (back-off after a failed read). */
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull().defaultNow(),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
    processedAt: timestamp('processed_at', { withTimezone: true }),
    /** The ledger attempt the event settled, when one matched. */
    paymentAttemptId: uuid('payment_attempt_id').references(() => paymentAttempts.id),
  },
  (t) => [
    uniqueIndex('webhook_events_one_waiting_key')
      .on(t.discriminator, t.entityId)
      .where(sql`${t.state} = 'received'`),
    index('webhook_events_waiting_idx').on(t.state, t.nextAttemptAt),
  ],
);

/**
 * Leases for work only one app instance may do at a time (the scheduled reconciliation). A lease
 * is taken with a conditional update and expires on its own, so a killed instance never blocks
 * the others for longer than the lease.
 */
export const jobLeases = pgTable('job_leases', {
  name: text('name').primaryKey(),
  holder: text('holder').notNull(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
});

export const reconciliationTrigger = pgEnum('reconciliation_trigger', [
  'schedule',
  'staff',
  'cli',
  'test',
]);

/** One pass of the reconciler and what it found, for the staff dashboard and the reliability report. */
export const reconciliationRuns = pgTable(
  'reconciliation_runs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    trigger: reconciliationTrigger('trigger').notNull(),
    triggeredByStaffId: uuid('triggered_by_staff_id').references(() => staffUsers.id),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
    /** Attempts looked at. */
    checked: bigint('checked', { mode: 'number' }).notNull().default(0),
    /** Attempts that moved to another state. */
    settled: bigint('settled', { mode: 'number' }).notNull().default(0),
    /** Attempts that could not be read back this time (Mews or the database failed). */
    errors: bigint('errors', { mode: 'number' }).notNull().default(0),
    webhookEventsProcessed: bigint('webhook_events_processed', { mode: 'number' })
      .notNull()
      .default(0),
    details: jsonb('details'),
  },
  (t) => [index('reconciliation_runs_started_idx').on(t.startedAt)],
);

/**
 * Installation-wide values every instance must agree on (e.g. the generated session-signing
 * secret when AUTH_SECRET is not set), so two processes on one database sign alike.
 */
export const installationSettings = pgTable('installation_settings', {
  name: text('name').primaryKey(),
  value: text('value').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * The hotel's own face and voice on guest pages and e-mails: one row (id 1), edited by managers on
 * the Property settings page. Every field may be empty: the pages then fall back to Mews' enterprise
 * name and say nothing they do not know.
 */
export const propertyProfile = pgTable('property_profile', {
  id: integer('id').primaryKey().default(1),
  /** Shown instead of the Mews enterprise name (which is often an internal name). */
  displayName: text('display_name'),
  /** `#rrggbb`, checked for WCAG AA contrast with the pay button's text before it is stored. */
  brandColor: text('brand_color'),
  phone: text('phone'),
  email: text('email'),
  website: text('website'),
  address: text('address'),
  /** The language guest pages and e-mails fall back to (one of lib/i18n/locales). */
  defaultLocale: text('default_locale').notNull().default('en'),
  /** The current logo (a row of property_logos), or null for none. */
  logoVersion: text('logo_version'),
  /** The current deposit / cancellation policy (a row of property_policy_versions), or null. */
  policyVersion: integer('policy_version'),
  /** Whether a guest must tick "I accept the deposit policy" before paying. */
  policyRequired: boolean('policy_required').notNull().default(false),
  /** Days before a link expires on which its guest is reminded, e.g. {3,1}; empty for none. */
  reminderDaysBefore: integer('reminder_days_before')
    .array()
    .notNull()
    .default(sql`'{3,1}'::integer[]`),
  /** A hotel address that gets a copy of every receipt e-mail, or null. */
  receiptCopyEmail: text('receipt_copy_email'),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  updatedByStaffId: uuid('updated_by_staff_id').references(() => staffUsers.id),
});

/**
 * Uploaded logos after re-encoding (never the uploaded bytes), kept by content hash so a URL with
 * the version in it can be cached for a year, and kept after replacement so old pages still load.
 */
export const propertyLogos = pgTable('property_logos', {
  /** Hex SHA-256 prefix of `image`. */
  version: text('version').primaryKey(),
  contentType: text('content_type').notNull(),
  /** Base64 of the re-encoded image. */
  image: text('image').notNull(),
  width: integer('width').notNull(),
  height: integer('height').notNull(),
  /** Base64 PNG, square, for the guest pages' favicon. */
  favicon: text('favicon').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  createdByStaffId: uuid('created_by_staff_id').references(() => staffUsers.id),
});

/**
 * Every version of the deposit policy ever published, never changed afterwards: what a guest
 * accepted (payment_attempts.policy_version) can always be shown word for word in a dispute.
 */
export const propertyPolicyVersions = pgTable('property_policy_versions', {
  version: integer('version').primaryKey(),
  /** Policy text per language (lib/i18n/locales); a missing language falls back to the default. */
  texts: jsonb('texts').$type<Record<string, string>>().notNull(),
  defaultLocale: text('default_locale').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  createdByStaffId: uuid('created_by_staff_id').references(() => staffUsers.id),
});

export const emailKind = pgEnum('email_kind', [
  /** The payment link, from the link form or "Send to guest" on the links list. */
  'payment_link',
  /** After a successful payment: to the guest, and a copy to the hotel's address if set. */
  'receipt',
  /** Before an unpaid link expires, on the property's schedule. */
  'reminder',
  /** A link the guest had been sent was canceled. */
  'link_canceled',
  /** Mews answered Verifying: the guest must confirm with their bank through Mews' own e-mail. */
  'verification_pending',
]);

/**
 * queued: waiting (or backing off) to be sent. sending: an instance holds the row's lease and may be
 * talking to the SMTP server. sent: the SMTP server accepted it. failed: gave up (flagged for
 * staff). uncertain: a sender died between handing it over and recording the answer; never resent
 * automatically (at most once), flagged for staff. skipped: no longer wanted (the link was paid or
 * canceled before a reminder went out).
 */
export const emailState = pgEnum('email_state', [
  'queued',
  'sending',
  'sent',
  'failed',
  'uncertain',
  'skipped',
]);

/**
 * The transactional outbox: a row is written in the same transaction as the event that causes it
 * (some by database triggers, migration 0014), and a sender in each app instance delivers due rows.
 */
export const emailOutbox = pgTable(
  'email_outbox',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    kind: emailKind('kind').notNull(),
    /** What makes a row unique, e.g. `receipt:<link>:guest`, `reminder:<link>:3`: never two alike. */
    dedupeKey: text('dedupe_key').notNull(),
    paymentLinkId: uuid('payment_link_id').references(() => paymentLinks.id),
    paymentAttemptId: uuid('payment_attempt_id').references(() => paymentAttempts.id),
    recipient: text('recipient').notNull(),
    recipientRole: text('recipient_role', { enum: ['guest', 'hotel'] })
      .notNull()
      .default('guest'),
    locale: text('locale').notNull(),
    /**
     * The payment link's URL, for the link and its reminders: apart from the guest's browser, the
     * only copy there is (the link itself stores just the token's hash).
     */
    linkUrl: text('link_url'),
    /** Fixed before the first SMTP transaction and kept for every retry. */
    messageId: text('message_id'),
    /** Rendered once, before the first send; retries and "Send again" send these as they are. */
    subject: text('subject'),
    html: text('html'),
    textBody: text('text_body'),
    state: emailState('state').notNull().default('queued'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull().defaultNow(),
    leaseHolder: text('lease_holder'),
    leaseExpiresAt: timestamp('lease_expires_at', { withTimezone: true }),
    lastError: text('last_error'),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    /** For "Send again": the row whose stored message this one repeats. */
    resendOfId: uuid('resend_of_id'),
    createdByStaffId: uuid('created_by_staff_id').references(() => staffUsers.id),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('email_outbox_dedupe_key').on(t.dedupeKey),
    index('email_outbox_due_idx').on(t.state, t.nextAttemptAt),
    index('email_outbox_link_idx').on(t.paymentLinkId),
  ],
);

export type StaffUser = typeof staffUsers.$inferSelect;
export type ApiKey = typeof apiKeys.$inferSelect;
export type PaymentLink = typeof paymentLinks.$inferSelect;
export type PaymentAttempt = typeof paymentAttempts.$inferSelect;
export type AuditEvent = typeof auditEvents.$inferSelect;
export type SignInAttempt = typeof signInAttempts.$inferSelect;
export type WebhookEvent = typeof webhookEvents.$inferSelect;
export type ReconciliationRun = typeof reconciliationRuns.$inferSelect;
export type PaymentAttemptState = (typeof paymentAttemptState.enumValues)[number];
export type PaymentLinkState = (typeof paymentLinkState.enumValues)[number];
export type StaffRole = (typeof staffRole.enumValues)[number];
export type PropertyProfile = typeof propertyProfile.$inferSelect;
export type PropertyLogo = typeof propertyLogos.$inferSelect;
export type PropertyPolicyVersion = typeof propertyPolicyVersions.$inferSelect;
export type EmailOutboxRow = typeof emailOutbox.$inferSelect;
export type EmailKind = (typeof emailKind.enumValues)[number];
export type EmailState = (typeof emailState.enumValues)[number];
export type MewsCustomerRow = typeof mewsCustomers.$inferSelect;
export type MewsReservationRow = typeof mewsReservations.$inferSelect;
export type MewsPaymentRequestRow = typeof mewsPaymentRequests.$inferSelect;
export type MewsPaymentRequestState = MewsPaymentRequestRow['state'];
