import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { createMewsClient, SlidingWindowRateLimiter, type MewsClient } from '@/lib/mews';
import {
  CARDS,
  createSandboxControl,
  SANDBOX_PUBLIC_KEYS,
  SANDBOX_TOKENS,
  SEED,
} from '../../support/sandbox';

/**
 * A year of a busy hotel's ledger, written straight into PostgreSQL with set-based SQL (the app's
 * code paths would take hours for 100 000 payments and are not what is measured): staff users,
 * payment links, payment attempts of every method and final state, refunds of earlier payments,
 * the audit trail and processed webhook events, and the guest directory the payment lists read
 * guests' names and reservation numbers from. Then, for the reconciler, pending card payments
 * that really exist in the sandbox, with the ledger rows the guest pay page would have written.
 */

/** The London (gross) customers of the sandbox seed: the busiest accounts of the generated ledger. */
export const LONDON_CUSTOMERS = [
  SEED.customers.alice.id,
  SEED.customers.bob.id,
  SEED.customers.chloe.id,
  SEED.customers.dan.id,
] as const;

/** The London customers' names and e-mails as the sandbox has them (the app's cache would too). */
const LONDON_CUSTOMER_NAMES = [
  SEED.customers.alice,
  SEED.customers.bob,
  SEED.customers.chloe,
  SEED.customers.dan,
].map((guest) => ({ name: `${guest.firstName} ${guest.lastName}`, email: guest.email }));

export interface SeededLedger {
  payments: number;
  links: number;
  auditEvents: number;
  webhookEvents: number;
  staffUsers: number;
  customers: number;
  /** The account with the most payments (for the customer filter). */
  busiestCustomerId: string;
  busiestCustomerPayments: number;
  /** A staff member who took many payments (for the staff filter). */
  busyStaffId: string;
  /** A typical returning guest (a handful of payments), searched for by full name. */
  typicalGuest: { name: string; payments: number };
  /** A surname shared by a few dozen guests, searched for as typed. */
  commonSurname: { surname: string; payments: number };
  /** A reservation with several payments, found by its confirmation number. */
  busyReservation: { number: string; payments: number };
  oldest: Date;
  newest: Date;
  durationMs: number;
}

/** Deterministic pseudo-random input; the uuids come from gen_random_uuid() and differ per run. */
const SEED_VALUE = 0.4242;

/**
 * Seeds `historical` final payment attempts spread over the last 365 days. Mix (of attempts):
 * card 38 %, stored card 14 %, iDEAL 16 %, external 16 %, terminal 11 %, refunds about 5 % (of
 * succeeded card and iDEAL payments); states succeeded ≈ 80 %, failed 14 %, canceled 6 %;
 * GBP 60 %, EUR 25 %, USD 15 % (iDEAL always EUR); amounts 5–1 500 in a skewed spread; customers
 * drawn with a square-law skew so a few accounts are busy and most appear once or twice.
 */
export async function seedLedger(databaseUrl: string, historical: number): Promise<SeededLedger> {
  const started = Date.now();
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query('begin');
    await client.query('select setseed($1)', [SEED_VALUE]);
    const customers = Math.max(50, Math.round(historical / 5));
    const refunds = Math.round(historical * 0.05);
    const direct = historical - refunds;

    await client.query(`
      insert into staff_users (email, name, role, created_at, updated_at)
      select format('desk%s@bench-hotel.test', lpad(g::text, 2, '0')), format('Desk Clerk %s', g),
             (case when g <= 2 then 'manager' else 'frontdesk' end)::staff_role,
             now() - interval '400 days', now() - interval '400 days'
      from generate_series(1, 12) g`);

    await client.query(
      `create temp table bench_customer on commit drop as
       select g as n, coalesce(($2::uuid[])[g], gen_random_uuid()) as id
       from generate_series(1, $1::int) g`,
      [customers, LONDON_CUSTOMERS],
    );
    // The guest directory (our cache of Mews' customers, as the app fills it): 50 first names × 400
    // surnames, so a full name is (nearly) one guest and a surname a few dozen; the London
    // customers carry their sandbox names.
    await client.query(
      `insert into mews_customers (id, full_name, search_text, email, language_code, refreshed_at)
       select c.id, n.full_name, lower(n.full_name || ' ' || n.email), n.email, 'en-GB', now() - interval '1 day'
       from bench_customer c
       cross join lateral (
         select coalesce(($1::text[])[c.n], f.first || ' ' || s.surname) as full_name,
                coalesce(($2::text[])[c.n], lower(f.first || '.' || s.surname || c.n::text || '@example.com')) as email
         from (select (array['Alice', 'Ben', 'Chloe', 'David', 'Emma', 'Felix', 'Grace', 'Hugo', 'Isla', 'Jack',
                             'Katie', 'Liam', 'Maya', 'Noah', 'Olivia', 'Paul', 'Quinn', 'Rosa', 'Sam', 'Tara',
                             'Umar', 'Vera', 'Will', 'Xenia', 'Yusuf', 'Zoe', 'Aaron', 'Bella', 'Carl', 'Daisy',
                             'Ethan', 'Fiona', 'George', 'Helen', 'Ivan', 'Julia', 'Kevin', 'Lucy', 'Marco', 'Nina',
                             'Oscar', 'Petra', 'Rafael', 'Sofia', 'Tom', 'Ursula', 'Victor', 'Wendy', 'Yara', 'Zack'])[1 + c.n % 50] as first) f
         cross join (select (array['Ash', 'Bar', 'Cal', 'Dun', 'Elm', 'Fair', 'Glen', 'Hol', 'Ing', 'Kirk',
                                   'Lang', 'Mor', 'Nor', 'Oak', 'Pem', 'Rad', 'Stan', 'Thorn', 'Wal', 'Yar'])[1 + (c.n / 50) % 20] ||
                            (array['ford', 'ley', 'wood', 'ton', 'by', 'well', 'ham', 'more', 'field', 'stone',
                                   'bridge', 'worth', 'combe', 'dale', 'hurst', 'mere', 'shaw', 'wick', 'croft', 'gate'])[1 + (c.n / 1000) % 20]
                            as surname) s
       ) n`,
      [
        LONDON_CUSTOMER_NAMES.map((guest) => guest.name),
        LONDON_CUSTOMER_NAMES.map((guest) => guest.email),
      ],
    );
    // Two stays per guest, by confirmation number; most payments are for one of them.
    await client.query(`
      create temp table bench_reservation on commit drop as
      select c.n as customer_n, k, gen_random_uuid() as id, format('BR-%s', 100000 + c.n * 2 + k) as number,
             now() - random() * interval '365 days' as start_utc
      from bench_customer c cross join generate_series(0, 1) k`);
    await client.query(`
      insert into mews_reservations (id, number, customer_id, state, start_utc, end_utc, room, refreshed_at)
      select r.id, r.number, c.id, 'processed', r.start_utc, r.start_utc + interval '3 days',
             (100 + (r.customer_n % 300))::text, now() - interval '1 day'
      from bench_reservation r join bench_customer c on c.n = r.customer_n`);

    await client.query(`create temp table bench_staff on commit drop as
      select row_number() over (order by email) as n, id, email from staff_users where email like '%@bench-hotel.test'`);

    // One row of random draws per attempt; the columns are derived from them below.
    await client.query(
      `create temp table bench_draw on commit drop as
       select g,
              gen_random_uuid() as id,
              gen_random_uuid() as link_id,
              now() - interval '10 minutes' - random() * interval '365 days' as created_at,
              random() as r_method, random() as r_state, random() as r_currency, random() as r_amount,
              random() as r_misc, random() as r_reservation,
              1 + floor(power(random(), 2) * $2::int)::int as customer_n,
              1 + floor(power(random(), 1.5) * 12)::int as staff_n
       from generate_series(1, $1::int) g`,
      [direct, customers],
    );
    await client.query(`
      create temp table bench_attempt on commit drop as
      select d.*, m.method, s.state,
             (case when m.method = 'ideal' then 'EUR'
                   when d.r_currency < 0.60 then 'GBP' when d.r_currency < 0.85 then 'EUR' else 'USD' end) as currency,
             -- Deposits and settlements: mostly 50–400, a long tail up to 1 500, in steps of 0.50.
             (500 + round(power(d.r_amount, 2.2) * 149500 / 50) * 50)::bigint as amount_minor,
             c.id as customer_id,
             res.id as reservation_id, res.number as reservation_number, guest.full_name as guest_name,
             (case when m.method in ('card', 'ideal') then null else st.id end) as staff_id,
             (case when m.method in ('card', 'ideal') then st_link.id else null end) as link_staff_id
      from bench_draw d
      cross join lateral (select (case when d.r_method < 0.40 then 'card' when d.r_method < 0.55 then 'stored_card'
                                        when d.r_method < 0.72 then 'ideal' when d.r_method < 0.88 then 'external'
                                        else 'terminal_card' end)::payment_method as method) m
      cross join lateral (select (case when m.method in ('external', 'terminal_card') then
                                         (case when d.r_state < 0.97 then 'succeeded' else 'failed' end)
                                       when d.r_state < 0.79 then 'succeeded' when d.r_state < 0.93 then 'failed'
                                       else 'canceled' end)::payment_attempt_state as state) s
      join bench_customer c on c.n = d.customer_n
      join mews_customers guest on guest.id = c.id
      left join bench_reservation res on res.customer_n = d.customer_n and res.k = d.g % 2 and d.r_reservation < 0.8
      join bench_staff st on st.n = d.staff_n
      join bench_staff st_link on st_link.n = 13 - d.staff_n`);

    // Guest payments come through payment links: one per guest attempt, in the state its attempt left it.
    await client.query(`
      insert into payment_links (id, token_hash, mews_customer_id, mews_reservation_id, reservation_number, guest_name,
                                 amount_minor, currency, description, state,
                                 expires_at, created_via, created_by_staff_id, paid_at, canceled_at, created_at, updated_at)
      select a.link_id, encode(sha256(convert_to(a.link_id::text, 'UTF8')), 'hex'), a.customer_id,
             a.reservation_id, a.reservation_number, a.guest_name, a.amount_minor,
             a.currency, format('Deposit %s', 10000 + a.g),
             (case when a.state = 'succeeded' then 'paid'
                   when a.created_at + interval '7 days' < now() then 'expired' else 'open' end)::payment_link_state,
             a.created_at + interval '7 days' - a.r_misc * interval '2 days',
             (case when a.r_misc < 0.6 then 'staff' when a.r_misc < 0.95 then 'api' else 'cli' end),
             (case when a.r_misc < 0.6 then a.link_staff_id end),
             (case when a.state = 'succeeded' then a.created_at + interval '20 seconds' end),
             null,
             a.created_at - a.r_misc * interval '2 days', a.created_at + interval '20 seconds'
      from bench_attempt a where a.method in ('card', 'ideal')`);
    // Links nobody paid: expired, canceled by staff, a few still open.
    await client.query(
      `insert into payment_links (token_hash, mews_customer_id, amount_minor, currency, description, state, expires_at,
                                  created_via, created_by_staff_id, canceled_at, created_at, updated_at)
       select encode(sha256(convert_to(gen_random_uuid()::text, 'UTF8')), 'hex'), c.id,
              (1000 + floor(random() * 60000))::bigint, 'GBP', 'Deposit (not paid)',
              (case when t.created_at + interval '7 days' > now() then 'open'
                    when random() < 0.3 then 'canceled' else 'expired' end)::payment_link_state,
              t.created_at + interval '7 days', 'staff', st.id,
              null, t.created_at, t.created_at
       from generate_series(1, $1::int) g
       cross join lateral (select now() - random() * interval '365 days' as created_at, 1 + floor(random() * $2::int)::int as cn,
                                  1 + floor(random() * 12)::int as sn) t
       join bench_customer c on c.n = t.cn
       join bench_staff st on st.n = t.sn`,
      [Math.round(historical * 0.05), customers],
    );
    await client.query(
      `update payment_links set canceled_at = updated_at where state = 'canceled' and canceled_at is null`,
    );

    await client.query(`
      insert into payment_attempts (id, idempotency_key, payment_link_id, method, state, amount_minor, currency,
                                    mews_customer_id, mews_reservation_id, mews_credit_card_id, mews_payment_id, card_brand, card_masked,
                                    failure_code, failure_message, notes, initiated_by_staff_id, client_address,
                                    finalized_at, created_at, updated_at)
      select a.id, 'bench-' || a.id::text,
             (case when a.method in ('card', 'ideal') then a.link_id end),
             a.method, a.state, a.amount_minor, a.currency, a.customer_id, a.reservation_id,
             (case when a.method in ('card', 'stored_card') then gen_random_uuid() end),
             -- A card abandoned before Mews was called has no Mews payment; iDEAL cancels do.
             (case when a.state = 'canceled' and a.method <> 'ideal' then null else gen_random_uuid() end),
             (case when a.method in ('card', 'stored_card', 'terminal_card') then
                (array['VISA', 'MASTERCARD', 'MASTERCARD', 'AMEX', 'VISA'])[1 + (a.g % 5)] end),
             (case when a.method in ('card', 'stored_card', 'terminal_card') then
                (array['424242******4242', '540400******0001', '520000******0007', '375811*****1115', '490000******0086'])[1 + (a.g % 5)] end),
             (case a.state when 'failed' then (case when a.r_misc < 0.5 then 'payment_failed' else 'mews_refused' end)
                           when 'canceled' then (case when a.method = 'ideal' then 'payment_canceled' else 'abandoned' end) end),
             (case when a.state = 'failed' and a.r_misc >= 0.5 then 'The card was declined.' end),
             (case when a.method = 'external' then
                     (array['Cash', 'WireTransfer', 'Invoice', 'Cheque'])[1 + (a.g % 4)] || ': R-' || (100000 + a.g)
                   when a.method = 'stored_card' and a.r_misc < 0.2 then 'Balance at check-out' end),
             a.staff_id,
             (case when a.method in ('card', 'ideal') then
                format('%s.%s.%s.%s', 10 + a.g % 200, a.g % 250, (a.g / 250) % 250, 1 + a.g % 253)::inet end),
             a.created_at + interval '20 seconds', a.created_at, a.created_at + interval '20 seconds'
      from bench_attempt a`);

    // Refunds of earlier succeeded card and iDEAL payments, by staff, days after the payment.
    await client.query(
      `insert into payment_attempts (idempotency_key, method, state, amount_minor, currency, mews_customer_id,
                                     mews_reservation_id, mews_payment_id, refund_of_attempt_id, failure_code, notes,
                                     initiated_by_staff_id, finalized_at, created_at, updated_at)
       select 'bench-refund-' || o.id::text, 'refund', r.state, r.amount_minor, o.currency, o.mews_customer_id,
              o.mews_reservation_id,
              gen_random_uuid(), o.id, (case when r.state = 'failed' then 'mews_refused' end),
              'Guest cancelled within the free cancellation period', st.id,
              r.created_at + interval '5 seconds', r.created_at, r.created_at + interval '5 seconds'
       from (select * from payment_attempts
             where state = 'succeeded' and method in ('card', 'stored_card', 'ideal')
             order by random() limit $1::int) o
       cross join lateral (select least(o.created_at + random() * interval '20 days', now() - interval '1 hour') as created_at,
                                  (case when random() < 0.95 then 'succeeded' else 'failed' end)::payment_attempt_state as state,
                                  (case when random() < 0.7 then o.amount_minor
                                        else greatest(100, round(o.amount_minor * random() / 50) * 50)::bigint end) as amount_minor,
                                  1 + floor(random() * 12)::int as sn) r
       join bench_staff st on st.n = r.sn`,
      [refunds],
    );

    // The audit trail: each link's creation, each payment's outcome (iDEAL also its pending step),
    // and staff sign-ins on working days.
    await client.query(`
      insert into audit_events (occurred_at, actor_type, actor_staff_id, actor_label, action, outcome, subject_type,
                                subject_id, amount_minor, currency, mews_ids, details)
      select l.created_at, (case when s.id is null then 'api' else 'staff' end), s.id,
             coalesce(s.email, 'api:booking-engine'), 'payment_link.created', 'success', 'payment_link', l.id::text,
             l.amount_minor, l.currency, jsonb_build_object('customerId', l.mews_customer_id),
             jsonb_build_object('via', l.created_via, 'description', l.description)
      from payment_links l left join staff_users s on s.id = l.created_by_staff_id`);
    await client.query(`
      insert into audit_events (occurred_at, actor_type, actor_staff_id, actor_label, action, outcome, subject_type,
                                subject_id, amount_minor, currency, mews_ids, details, client_address)
      select a.finalized_at, (case when s.id is null then 'guest' else 'staff' end), s.id, coalesce(s.email, 'guest'),
             format('payment.%s.%s', a.method, a.state),
             (case when a.state = 'succeeded' then 'success' else 'failure' end), 'payment_attempt', a.id::text,
             a.amount_minor, a.currency,
             jsonb_strip_nulls(jsonb_build_object('paymentId', a.mews_payment_id, 'customerId', a.mews_customer_id)),
             (case when a.failure_code is null then null else jsonb_build_object('failureCode', a.failure_code) end),
             a.client_address
      from payment_attempts a left join staff_users s on s.id = a.initiated_by_staff_id
      union all
      select a.created_at + interval '2 seconds', 'guest', null, 'guest', 'payment.ideal.pending', 'pending',
             'payment_attempt', a.id::text, a.amount_minor, a.currency,
             jsonb_build_object('paymentId', a.mews_payment_id, 'customerId', a.mews_customer_id), null, a.client_address
      from payment_attempts a where a.method = 'ideal' and a.mews_payment_id is not null`);
    await client.query(`
      insert into audit_events (occurred_at, actor_type, actor_staff_id, actor_label, action, outcome, subject_type,
                                subject_id, details)
      select d + interval '7 hours' + random() * interval '10 hours', 'staff', s.id, s.email, 'staff.sign_in', 'success',
             'staff_user', s.id::text, jsonb_build_object('method', 'password')
      from generate_series(now() - interval '365 days', now() - interval '1 day', interval '1 day') d
      cross join staff_users s
      where s.email like '%@bench-hotel.test' and random() < 0.6`);

    // iDEAL outcomes arrive as PaymentUpdated webhooks, processed and kept.
    await client.query(
      `
      insert into webhook_events (discriminator, entity_id, enterprise_id, state, deliveries, processing_attempts,
                                  next_attempt_at, received_at, processed_at, payment_attempt_id)
      select 'PaymentUpdated', a.mews_payment_id::text, $1, 'processed', 1, 1, a.finalized_at, a.finalized_at,
             a.finalized_at + interval '1 second', a.id
      from payment_attempts a where a.method = 'ideal' and a.mews_payment_id is not null`,
      [SEED.enterprises.gross.id],
    );
    await client.query('commit');
    // As autovacuum would after a bulk load: the planner needs statistics of the new rows.
    await client.query('analyze');

    const counts = await client.query<Record<string, string>>(`
      select (select count(*) from payment_attempts) as payments, (select count(*) from payment_links) as links,
             (select count(*) from audit_events) as audit, (select count(*) from webhook_events) as webhooks,
             (select count(*) from staff_users) as staff,
             (select count(distinct mews_customer_id) from payment_attempts) as customers,
             (select min(created_at) from payment_attempts) as oldest, (select max(created_at) from payment_attempts) as newest`);
    const busiest = await client.query<{ id: string; n: string }>(
      `select mews_customer_id as id, count(*) as n from payment_attempts group by 1 order by 2 desc limit 1`,
    );
    const busyStaff = await client.query<{ id: string }>(
      `select initiated_by_staff_id as id from payment_attempts where initiated_by_staff_id is not null
       group by 1 order by count(*) desc limit 1`,
    );
    // Ties broken by name, so a run picks the same kind of guest each time.
    const typical = await client.query<{ name: string; n: string }>(
      `select c.full_name as name, count(*) as n from payment_attempts a join mews_customers c on c.id = a.mews_customer_id
       group by c.full_name having count(*) between 4 and 8 order by c.full_name limit 1`,
    );
    const surname = await client.query<{ surname: string; n: string }>(
      `select split_part(c.full_name, ' ', 2) as surname, count(*) as n
       from payment_attempts a join mews_customers c on c.id = a.mews_customer_id
       group by 1 order by 2 desc, 1 limit 1`,
    );
    const reservation = await client.query<{ number: string; n: string }>(
      `select r.number, count(*) as n from payment_attempts a join mews_reservations r on r.id = a.mews_reservation_id
       group by r.number having count(*) >= 3 order by r.number limit 1`,
    );
    const row = counts.rows[0] as Record<string, string>;
    return {
      payments: Number(row.payments),
      links: Number(row.links),
      auditEvents: Number(row.audit),
      webhookEvents: Number(row.webhooks),
      staffUsers: Number(row.staff),
      customers: Number(row.customers),
      busiestCustomerId: busiest.rows[0]?.id as string,
      busiestCustomerPayments: Number(busiest.rows[0]?.n),
      busyStaffId: busyStaff.rows[0]?.id as string,
      typicalGuest: {
        name: typical.rows[0]?.name as string,
        payments: Number(typical.rows[0]?.n),
      },
      commonSurname: {
        surname: surname.rows[0]?.surname as string,
        payments: Number(surname.rows[0]?.n),
      },
      busyReservation: {
        number: reservation.rows[0]?.number as string,
        payments: Number(reservation.rows[0]?.n),
      },
      oldest: new Date(row.oldest as string),
      newest: new Date(row.newest as string),
      durationMs: Date.now() - started,
    };
  } catch (error) {
    await client.query('rollback').catch(() => undefined);
    throw error;
  } finally {
    await client.end();
  }
}

export interface PendingMewsPayment {
  attemptId: string;
  mewsPaymentId: string;
  creditCardId: string;
  customerId: string;
  amountMinor: number;
  currency: string;
  /** When our ledger row was written: just before the charge was sent. */
  createdAt: Date;
}

/**
 * Creates `count` card payments that stay Pending in the sandbox (test card 5200 0000 0000 0007),
 * as guests paying links would: one stored card per London customer, then one `creditCards/charge`
 * per payment carrying its attempt id. The caller raises the sandbox rate limit first: this is
 * set-up, not what is measured.
 */
export async function createPendingMewsPayments(
  sandboxUrl: string,
  count: number,
): Promise<PendingMewsPayment[]> {
  const control = createSandboxControl(sandboxUrl);
  // Pending until the bench settles them itself, however long the staff-list measurement takes.
  await control.updateSettings({ pendingSettleSeconds: 24 * 3600 });
  const mews: MewsClient = createMewsClient({
    platformUrl: sandboxUrl,
    clientToken: SANDBOX_TOKENS.clientToken,
    accessToken: SANDBOX_TOKENS.gross,
    clientName: 'Mews Checkout bench set-up',
    version: '0.0.0',
    limiter: new SlidingWindowRateLimiter({ limit: 1_000_000 }),
  });
  const cards = new Map<string, string>();
  for (const customerId of LONDON_CUSTOMERS) {
    const { transactionId } = await control.tokenize({
      cardNumber: CARDS.mastercardPending,
      merchantId: SANDBOX_PUBLIC_KEYS.gross,
    });
    const { creditCardId } = await mews.addTokenizedCard({
      customerId,
      transactionId,
      expiration: { year: new Date().getUTCFullYear() + 2, month: 12 },
    });
    cards.set(customerId, creditCardId);
  }
  const currencies = ['GBP', 'GBP', 'GBP', 'EUR', 'USD'];
  const payments: PendingMewsPayment[] = [];
  const concurrency = 8;
  let next = 0;
  const worker = async () => {
    for (let index = next++; index < count; index = next++) {
      const customerId = LONDON_CUSTOMERS[index % LONDON_CUSTOMERS.length] as string;
      const creditCardId = cards.get(customerId) as string;
      const attemptId = randomUUID();
      const amountMinor = 2_000 + ((index * 7_919) % 60_000) - (((index * 7_919) % 60_000) % 50);
      const currency = currencies[index % currencies.length] as string;
      const createdAt = new Date(Date.now() - 1_000);
      const { paymentId } = await mews.chargeCreditCard({
        creditCardId,
        amount: { amountMinor, currency },
        attemptId,
      });
      payments.push({
        attemptId,
        mewsPaymentId: paymentId,
        creditCardId,
        customerId,
        amountMinor,
        currency,
        createdAt,
      });
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return payments;
}

/**
 * The ledger rows the guest pay page leaves for a card charge Mews answered Pending: the attempt
 * (state pending, with its Mews ids), its link claimed (processing), and the audit event.
 */
export async function insertPendingAttempts(
  databaseUrl: string,
  payments: PendingMewsPayment[],
): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query('begin');
    const linkIds = payments.map(() => randomUUID());
    const columns = {
      attemptIds: payments.map((p) => p.attemptId),
      linkIds,
      paymentIds: payments.map((p) => p.mewsPaymentId),
      cardIds: payments.map((p) => p.creditCardId),
      customers: payments.map((p) => p.customerId),
      amounts: payments.map((p) => p.amountMinor),
      currencies: payments.map((p) => p.currency),
      createdAt: payments.map((p) => p.createdAt.toISOString()),
    };
    const params = [
      columns.attemptIds,
      columns.linkIds,
      columns.paymentIds,
      columns.cardIds,
      columns.customers,
      columns.amounts,
      columns.currencies,
      columns.createdAt,
    ];
    const rows = `unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::uuid[], $5::uuid[], $6::bigint[], $7::text[], $8::timestamptz[])
                  as p(attempt_id, link_id, payment_id, card_id, customer_id, amount_minor, currency, created_at)`;
    await client.query(
      `insert into payment_links (id, token_hash, mews_customer_id, amount_minor, currency, description, state,
                                  expires_at, created_via, created_at, updated_at)
       select p.link_id, encode(sha256(convert_to(p.link_id::text, 'UTF8')), 'hex'), p.customer_id, p.amount_minor,
              p.currency, 'Deposit (bench, pending card)', 'processing', p.created_at + interval '7 days', 'api',
              p.created_at - interval '1 hour', p.created_at
       from ${rows}`,
      params,
    );
    await client.query(
      `insert into payment_attempts (id, idempotency_key, payment_link_id, method, state, amount_minor, currency,
                                    mews_customer_id, mews_credit_card_id, mews_payment_id, card_brand, card_masked,
                                    client_address, created_at, updated_at)
       select p.attempt_id, 'bench-pending-' || p.attempt_id::text, p.link_id, 'card', 'pending', p.amount_minor,
              p.currency, p.customer_id, p.card_id, p.payment_id, 'MASTERCARD', '520000******0007', '203.0.113.7',
              p.created_at, p.created_at + interval '1 second'
       from ${rows}`,
      params,
    );
    await client.query(
      `insert into audit_events (occurred_at, actor_type, actor_label, action, outcome, subject_type, subject_id,
                                 amount_minor, currency, mews_ids, client_address)
       select p.created_at + interval '1 second', 'guest', 'guest', 'payment.card.pending', 'pending', 'payment_attempt',
              p.attempt_id::text, p.amount_minor, p.currency,
              jsonb_build_object('customerId', p.customer_id, 'paymentId', p.payment_id), '203.0.113.7'
       from ${rows}`,
      params,
    );
    await client.query('commit');
    await client.query('analyze payment_attempts');
  } catch (error) {
    await client.query('rollback').catch(() => undefined);
    throw error;
  } finally {
    await client.end();
  }
}
