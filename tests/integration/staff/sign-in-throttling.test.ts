/**
 * Staff sign-in throttling as an attacker meets it, calling verifyStaffCredentials the way the
 * Credentials provider does (PGlite; PostgreSQL too when TEST_DATABASE_URL is set):
 *
 * - wrong passwords from one address lock that (account, address) pair, never the owner elsewhere;
 * - failures spread over many addresses only slow the account down (from 10 failures: 0.5 s, 1 s,
 *   2 s, then 4 s) until its ceiling of 100, after which addresses it has not signed in from lately are refused while its
 *   usual address still works; the lock-out is audited;
 * - the dummy Argon2 verification behind unknown emails stops at the per-address limit, for a burst
 *   of concurrent attempts, for callers without a usable address and across an IPv6 /64.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  ACCOUNT_FAILURE_CEILING,
  DELAY_FROM_ACCOUNT_FAILURES,
  MAX_ACCOUNT_ADDRESS_FAILURES,
  MAX_ADDRESS_FAILURES,
  verifyStaffCredentials,
} from '@/lib/auth/sign-in';
import type * as PasswordModule from '@/lib/auth/password';
import { createStaffAccount } from '@/lib/auth/staff-accounts';
import { listAudit } from '@/lib/db/staff-ledger';
import type { PaymentContext } from '@/lib/server/context';
import { createTestPaymentContext, withClockOffset } from '../../support/payment-context';
import { testDatabaseTargets, type TestDatabase } from '../../support/test-database';

/** Counts the password verifications (real or dummy Argon2) the sign-in runs. */
const hashing = vi.hoisted(() => ({ verifications: 0 }));
vi.mock('@/lib/auth/password', async (importOriginal) => {
  const real = await importOriginal<typeof PasswordModule>();
  return {
    ...real,
    verifyPassword: (...args: Parameters<typeof real.verifyPassword>) => {
      hashing.verifications += 1;
      return real.verifyPassword(...args);
    },
  };
});

describe.each(testDatabaseTargets)('staff sign-in throttling on $label', ({ open }) => {
  let database: TestDatabase;
  let ctx: PaymentContext;

  beforeAll(async () => {
    database = await open();
    ctx = createTestPaymentContext(database);
  });

  afterAll(async () => {
    await database?.close();
  });

  beforeEach(() => {
    hashing.verifications = 0;
  });

  async function staff(email: string, password: string) {
    return createStaffAccount(
      ctx,
      { email, name: email.split('@')[0]!, role: 'frontdesk', password },
      { type: 'system' },
    );
  }

  async function lockouts(email: string) {
    const events = await listAudit(ctx.db, { actionPrefix: 'staff.sign_in_locked' });
    return events
      .filter((event) => event.details?.email === email)
      .map((event) => ({
        scope: event.details?.scope,
        clientAddress: event.clientAddress,
        outcome: event.outcome,
      }));
  }

  it('five wrong passwords from one address lock that address out of the account, not the owner elsewhere', async () => {
    await staff('pair@hotel.test', 'the right password');
    const attacker = '198.51.100.1';
    for (let i = 0; i < MAX_ACCOUNT_ADDRESS_FAILURES; i++) {
      expect(
        await verifyStaffCredentials(
          ctx,
          { email: 'pair@hotel.test', password: `guess-${i}` },
          attacker,
        ),
      ).toEqual({ ok: false, reason: 'invalid' });
    }
    // The sixth from the same address is refused before any password is checked, right or wrong.
    hashing.verifications = 0;
    expect(
      await verifyStaffCredentials(
        ctx,
        { email: 'pair@hotel.test', password: 'the right password' },
        attacker,
      ),
    ).toEqual({ ok: false, reason: 'throttled' });
    expect(
      await verifyStaffCredentials(
        ctx,
        { email: 'pair@hotel.test', password: 'guess-6' },
        attacker,
      ),
    ).toEqual({ ok: false, reason: 'throttled' });
    expect(hashing.verifications).toBe(0);

    // The owner at the desk signs in at once: one address's failures do not even slow them down.
    const delays: number[] = [];
    const sleep = async (ms: number) => {
      delays.push(ms);
    };
    const desk = '198.51.100.2';
    expect(
      (
        await verifyStaffCredentials(
          ctx,
          { email: 'pair@hotel.test', password: 'the right password' },
          desk,
          { sleep },
        )
      ).ok,
    ).toBe(true);
    expect(delays).toEqual([]);

    // Five more from a second address: that pair is locked too, and the account now waits 0.5 s
    // (for real here) before checking any password, the owner's included.
    const second = '198.51.100.3';
    for (let i = 0; i < MAX_ACCOUNT_ADDRESS_FAILURES; i++) {
      await verifyStaffCredentials(
        ctx,
        { email: 'pair@hotel.test', password: `more-${i}` },
        second,
      );
    }
    const started = performance.now();
    expect(
      (
        await verifyStaffCredentials(
          ctx,
          { email: 'pair@hotel.test', password: 'the right password' },
          desk,
        )
      ).ok,
    ).toBe(true);
    expect(performance.now() - started).toBeGreaterThanOrEqual(490);

    expect(await lockouts('pair@hotel.test')).toEqual([
      { scope: 'account_address', clientAddress: second, outcome: 'denied' },
      { scope: 'account_address', clientAddress: attacker, outcome: 'denied' },
    ]);
    // The attacker's address stays locked out of the account until the window passes.
    expect(
      await verifyStaffCredentials(
        ctx,
        { email: 'pair@hotel.test', password: 'the right password' },
        attacker,
      ),
    ).toEqual({ ok: false, reason: 'throttled' });
    expect(
      (
        await verifyStaffCredentials(
          withClockOffset(ctx, 16 * 60_000),
          { email: 'pair@hotel.test', password: 'the right password' },
          attacker,
        )
      ).ok,
    ).toBe(true);
  });

  it('guesses from many addresses only slow the account down, up to its ceiling, which spares the owner’s usual address', async () => {
    const user = await staff('ceiling@hotel.test', 'the right password');
    const desk = '198.51.100.50';
    expect(
      (
        await verifyStaffCredentials(
          ctx,
          { email: 'ceiling@hotel.test', password: 'the right password' },
          desk,
        )
      ).ok,
    ).toBe(true);

    const delays: number[] = [];
    const sleep = async (ms: number) => {
      delays.push(ms);
    };
    // 25 addresses, 4 guesses each: under the per-pair (5) and per-address (20) limits.
    for (let i = 0; i < ACCOUNT_FAILURE_CEILING; i++) {
      const address = `203.0.113.${1 + Math.floor(i / 4)}`;
      expect(
        await verifyStaffCredentials(
          ctx,
          { email: 'ceiling@hotel.test', password: `guess-${i}` },
          address,
          { sleep },
        ),
        `guess ${i}`,
      ).toEqual({ ok: false, reason: 'invalid' });
    }
    // No delay for the first ten failures, then 0.5 s doubling to at most 4 s.
    expect(delays.slice(0, 5)).toEqual([500, 1_000, 2_000, 4_000, 4_000]);
    expect(delays).toHaveLength(ACCOUNT_FAILURE_CEILING - DELAY_FROM_ACCOUNT_FAILURES);
    expect(Math.max(...delays)).toBe(4_000);
    expect(await lockouts('ceiling@hotel.test')).toEqual([
      { scope: 'account', clientAddress: '203.0.113.25', outcome: 'denied' },
    ]);
    const locked = (
      await listAudit(ctx.db, { actionPrefix: 'staff.sign_in_locked', subjectId: user.id })
    )[0];
    expect(locked?.details).toMatchObject({ failures: ACCOUNT_FAILURE_CEILING, windowMinutes: 15 });

    // At the ceiling: a new address is refused without a password check, right password or not...
    hashing.verifications = 0;
    delays.length = 0;
    expect(
      await verifyStaffCredentials(
        ctx,
        { email: 'ceiling@hotel.test', password: 'guess-x' },
        '203.0.113.200',
        { sleep },
      ),
    ).toEqual({ ok: false, reason: 'throttled' });
    expect(
      await verifyStaffCredentials(
        ctx,
        { email: 'ceiling@hotel.test', password: 'the right password' },
        '192.0.2.200',
        { sleep },
      ),
    ).toEqual({ ok: false, reason: 'throttled' });
    expect(hashing.verifications).toBe(0);
    // ...while the owner at the desk they signed in from before still gets in, 4 s slower.
    expect(
      (
        await verifyStaffCredentials(
          ctx,
          { email: 'ceiling@hotel.test', password: 'the right password' },
          desk,
          { sleep },
        )
      ).ok,
    ).toBe(true);
    expect(delays).toEqual([4_000]);
    // Once the failures are older than the window, new addresses work again, without delay.
    delays.length = 0;
    expect(
      (
        await verifyStaffCredentials(
          withClockOffset(ctx, 16 * 60_000),
          { email: 'ceiling@hotel.test', password: 'the right password' },
          '192.0.2.200',
          { sleep },
        )
      ).ok,
    ).toBe(true);
    expect(delays).toEqual([]);
  });

  it('stops the dummy hashing of unknown emails at the address limit, even for a concurrent burst', async () => {
    const burst = await Promise.all(
      Array.from({ length: 2 * MAX_ADDRESS_FAILURES }, (_, i) =>
        verifyStaffCredentials(
          ctx,
          { email: `burst-${i}@hotel.test`, password: 'x' },
          '192.0.2.77',
        ),
      ),
    );
    // Each attempt is recorded before it is counted, so a burst cannot all pass a count taken before
    // any of it was recorded: at most the limit is hashed, and the rest refused (a burst that sees
    // itself whole is refused whole).
    expect(hashing.verifications).toBeLessThanOrEqual(MAX_ADDRESS_FAILURES);
    expect(burst.filter((outcome) => !outcome.ok && outcome.reason === 'invalid')).toHaveLength(
      hashing.verifications,
    );
    expect(burst.filter((outcome) => !outcome.ok && outcome.reason === 'throttled')).toHaveLength(
      2 * MAX_ADDRESS_FAILURES - hashing.verifications,
    );
    // However the burst went, the address gets no more than the limit's worth of hashing in all.
    const after = [];
    for (let i = 0; i < MAX_ADDRESS_FAILURES + 5; i++) {
      after.push(
        await verifyStaffCredentials(
          ctx,
          { email: `after-${i}@hotel.test`, password: 'x' },
          '192.0.2.77',
        ),
      );
    }
    expect(hashing.verifications).toBe(MAX_ADDRESS_FAILURES);
    expect(after.slice(-5)).toEqual(Array(5).fill({ ok: false, reason: 'throttled' }));
  });

  it('counts callers without a usable address as one address, and an IPv6 /64 as one address', async () => {
    for (let i = 0; i < MAX_ADDRESS_FAILURES + 5; i++) {
      await verifyStaffCredentials(
        ctx,
        { email: `no-address-${i}@hotel.test`, password: 'x' },
        null,
      );
    }
    expect(hashing.verifications).toBe(MAX_ADDRESS_FAILURES);

    hashing.verifications = 0;
    const outcomes = [];
    for (let i = 0; i < MAX_ADDRESS_FAILURES + 5; i++) {
      outcomes.push(
        await verifyStaffCredentials(
          ctx,
          { email: `v6-${i}@hotel.test`, password: 'x' },
          `2001:db8:1:2::${(i + 1).toString(16)}`,
        ),
      );
    }
    expect(hashing.verifications).toBe(MAX_ADDRESS_FAILURES);
    expect(outcomes.at(-1)).toEqual({ ok: false, reason: 'throttled' });
    // The next /64 is another subscriber.
    expect(
      await verifyStaffCredentials(
        ctx,
        { email: 'v6-other@hotel.test', password: 'x' },
        '2001:db8:1:3::1',
      ),
    ).toEqual({ ok: false, reason: 'invalid' });
    const spray = (await listAudit(ctx.db, { actionPrefix: 'staff.sign_in_locked' })).filter(
      (event) => event.details?.scope === 'address',
    );
    expect(spray.map((event) => event.clientAddress)).toEqual(
      expect.arrayContaining([null, `2001:db8:1:2::${MAX_ADDRESS_FAILURES.toString(16)}`]),
    );
  });
});
