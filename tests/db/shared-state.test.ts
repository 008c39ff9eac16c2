import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { settleInstallationSetting } from '@/lib/db/installation-settings';
import { findLease, releaseLease, tryAcquireLease } from '@/lib/db/job-leases';
import { consumeRateLimit, reserveRateLimitSlots } from '@/lib/db/rate-limits';
import { rateLimitWindows } from '@/lib/db/schema';
import { DatabaseRateLimiter } from '@/lib/payments/installation/database-rate-limiter';
import {
  completeWebhookEvent,
  listDueWebhookEvents,
  storeWebhookEvents,
} from '@/lib/db/webhook-events';
import { testDatabaseTargets, type TestDatabase } from '../support/test-database';

/**
 * The state several app instances share through the database: rate limits, the reconciler's
 * lease, stored webhook events and installation-wide secrets. Each must hold under concurrency.
 */
describe.each(testDatabaseTargets)('shared state on $label', ({ open, label }) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await open();
  });
  afterAll(async () => {
    await database?.close();
  });

  it('lets exactly `limit` of many simultaneous hits through a rate limit, and says when to retry', async () => {
    const rule = { bucket: 'test', key: randomUUID(), limit: 5, windowMs: 60_000 };
    const decisions = await Promise.all(
      Array.from({ length: 20 }, () => consumeRateLimit(database.db, rule)),
    );
    expect(decisions.filter((d) => d.allowed)).toHaveLength(5);
    for (const refused of decisions.filter((d) => !d.allowed)) {
      expect(refused.allowed === false && refused.retryAfterMs).toBeGreaterThan(50_000);
      expect(refused.allowed === false && refused.retryAfterMs).toBeLessThanOrEqual(60_000);
    }
    // Another key in the same bucket is counted separately.
    expect((await consumeRateLimit(database.db, { ...rule, key: randomUUID() })).allowed).toBe(
      true,
    );
  });

  it('keeps rate-limit counts out of the write-ahead log, and every ledger table in it', async () => {
    // Unlogged: a count's commit does not wait for the disk, and a crash only restarts the windows.
    // A payment, a link or an audit event must never be lost that way.
    const result = await database.db.execute(sql`
      select relname, relpersistence from pg_class
      where relkind = 'r' and relnamespace = 'public'::regnamespace order by relname`);
    const rows = (result as { rows?: { relname: string; relpersistence: string }[] }).rows ?? [];
    const persistence = Object.fromEntries(rows.map((row) => [row.relname, row.relpersistence]));
    expect(persistence['rate_limit_windows']).toBe('u');
    for (const table of [
      'payment_attempts',
      'payment_links',
      'audit_events',
      'webhook_events',
      'staff_users',
    ]) {
      expect(persistence[table], table).toBe('p');
    }
    expect(
      Object.entries(persistence)
        .filter(([, kind]) => kind !== 'p')
        .map(([name]) => name),
    ).toEqual(['rate_limit_windows']);
  });

  it('frees a slot when the oldest hit leaves the window', async () => {
    const rule = { bucket: 'test', key: randomUUID(), limit: 2, windowMs: 300 };
    expect((await consumeRateLimit(database.db, rule)).allowed).toBe(true);
    expect((await consumeRateLimit(database.db, rule)).allowed).toBe(true);
    const refused = await consumeRateLimit(database.db, rule);
    expect(refused.allowed).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 350));
    expect((await consumeRateLimit(database.db, rule)).allowed).toBe(true);
  });

  it('keeps rate-limit windows in PostgreSQL for every instance, and in the one PGlite process', async () => {
    const rule = { bucket: 'test', key: randomUUID(), limit: 1, windowMs: 60_000 };
    expect((await consumeRateLimit(database.db, rule)).allowed).toBe(true);
    expect((await consumeRateLimit(database.db, rule)).allowed).toBe(false);
    const rows = await database.db
      .select()
      .from(rateLimitWindows)
      .where(eq(rateLimitWindows.key, rule.key));
    expect(rows).toHaveLength(label === 'PostgreSQL' ? 1 : 0);
  });

  it('reserves several slots at once, never past the limit, each counted until its hold ends', async () => {
    const rule = { bucket: 'test', key: randomUUID(), limit: 10, windowMs: 60_000 };
    const hold = { slots: 6, holdMs: 2_000 };
    expect(await reserveRateLimitSlots(database.db, rule, hold)).toEqual({
      granted: 6,
      retryAfterMs: 0,
    });
    expect(await reserveRateLimitSlots(database.db, rule, hold)).toEqual({
      granted: 4,
      retryAfterMs: 0,
    });
    const refused = await reserveRateLimitSlots(database.db, rule, hold);
    expect(refused.granted).toBe(0);
    // The oldest reserved slot leaves the window a full window after its hold ends.
    expect(refused.retryAfterMs).toBeGreaterThan(60_000);
    expect(refused.retryAfterMs).toBeLessThanOrEqual(62_000);
  });

  it('lets Mews limiters of several instances together send no more than the limit', async () => {
    const rule = { limit: 10, windowMs: 60_000 };
    const key = randomUUID();
    const instances = [
      new DatabaseRateLimiter(database.db, rule),
      new DatabaseRateLimiter(database.db, rule),
    ];
    let sent = 0;
    const send = async (limiter: DatabaseRateLimiter) => {
      try {
        await limiter.acquire(key, AbortSignal.timeout(300));
        sent += 1;
      } catch {
        // still waiting for the window when the test stopped it
      }
    };
    await Promise.all(Array.from({ length: 24 }, (_, i) => send(instances[i % 2]!)));
    expect(sent).toBe(10);
    if (label === 'PostgreSQL') {
      const [row] = await database.db
        .select()
        .from(rateLimitWindows)
        .where(eq(rateLimitWindows.key, key));
      expect(row?.hits).toHaveLength(10);
    }
  });

  it('reserves Mews slots ahead for a busy instance, and not for a lone payment', async () => {
    // Room for exactly two reservations of six.
    const rule = { limit: 12, windowMs: 60_000 };
    const settle = () => new Promise((resolve) => setTimeout(resolve, 50));
    const tryAcquire = (limiter: DatabaseRateLimiter, key: string) =>
      limiter.acquire(key, AbortSignal.timeout(200)).then(
        () => true,
        () => false,
      );

    // A lone payment's three calls leave three slots: nothing is taken ahead, the other six stay free.
    const lone = randomUUID();
    const payment = new DatabaseRateLimiter(database.db, rule);
    for (let call = 0; call < 3; call++) expect(await tryAcquire(payment, lone)).toBe(true);
    await settle();
    const other = new DatabaseRateLimiter(database.db, rule);
    for (let call = 0; call < 6; call++) expect(await tryAcquire(other, lone)).toBe(true);

    // A fourth call leaves two: the next six are reserved in the background, so this instance
    // sends eight more without another instance getting one.
    const busy = randomUUID();
    const instance = new DatabaseRateLimiter(database.db, rule);
    for (let call = 0; call < 4; call++) expect(await tryAcquire(instance, busy)).toBe(true);
    await settle();
    expect(await tryAcquire(new DatabaseRateLimiter(database.db, rule), busy)).toBe(false);
    for (let call = 0; call < 8; call++) expect(await tryAcquire(instance, busy)).toBe(true);
    expect(await tryAcquire(instance, busy)).toBe(false);
  });

  it('does not fail a Mews request because a reservation made ahead of it failed', async () => {
    const limiter = new DatabaseRateLimiter(database.db, { limit: 100, windowMs: 60_000 });
    const key = randomUUID();
    // The second reservation, the one made ahead in the background, loses its connection midway.
    const limiterInternals = limiter as unknown as { reserve(key: string): Promise<number> };
    const reserve = limiterInternals.reserve.bind(limiter);
    let reservations = 0;
    limiterInternals.reserve = async (forKey) => {
      reservations += 1;
      if (reservations !== 2) return reserve(forKey);
      await new Promise((resolve) => setTimeout(resolve, 50));
      throw new Error('Connection terminated unexpectedly');
    };
    for (let call = 0; call < 6; call++) await limiter.acquire(key);
    // Out of slots while the failing refill is still in flight: this request waits for it, then
    // reserves on its own instead of failing with it.
    await expect(limiter.acquire(key, AbortSignal.timeout(1_000))).resolves.toBeUndefined();
    expect(reservations).toBe(3);
  });

  it('gives a lease to one of several racing holders, and to another once it expires or is released', async () => {
    const name = `job-${randomUUID()}`;
    const holders = Array.from({ length: 8 }, (_, i) => `instance-${i}`);
    const won = await Promise.all(
      holders.map((holder) => tryAcquireLease(database.db, name, holder, 60_000)),
    );
    expect(won.filter(Boolean)).toHaveLength(1);
    const winner = holders[won.indexOf(true)]!;
    expect((await findLease(database.db, name))?.holder).toBe(winner);
    expect(await tryAcquireLease(database.db, name, 'late', 60_000)).toBe(false);
    await releaseLease(database.db, name, 'late');
    expect((await findLease(database.db, name))?.holder).toBe(winner);
    await releaseLease(database.db, name, winner);
    expect(await tryAcquireLease(database.db, name, 'short', 1)).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await tryAcquireLease(database.db, name, 'next', 60_000)).toBe(true);
  });

  it('collapses duplicate webhook events while one waits, and keeps a new one after processing', async () => {
    const entityId = randomUUID();
    const event = { discriminator: 'PaymentUpdated', entityId, enterpriseId: null };
    const stored = await Promise.all([
      storeWebhookEvents(database.db, [event, event]),
      storeWebhookEvents(database.db, [event]),
      storeWebhookEvents(database.db, [event]),
    ]);
    const ids = new Set(stored.flat());
    expect(ids.size).toBe(1);
    const [row] = await listDueWebhookEvents(database.db, 10, [...ids]);
    expect(row?.deliveries).toBe(3);
    const completions = await Promise.all([
      completeWebhookEvent(database.db, row!.id, 'processed', null),
      completeWebhookEvent(database.db, row!.id, 'processed', null),
    ]);
    expect(completions.filter(Boolean)).toHaveLength(1);
    const [later] = await storeWebhookEvents(database.db, [event]);
    expect(later).not.toBe(row!.id);
  });

  it('agrees on one installation secret however many instances propose one at once', async () => {
    const name = `secret-${randomUUID()}`;
    const values = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        settleInstallationSetting(database.db, name, `proposal-${i}`),
      ),
    );
    expect(new Set(values).size).toBe(1);
  });
});
