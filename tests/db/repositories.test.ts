import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendAuditEvent, listAuditEvents } from '@/lib/db/audit-log';
import { pingDatabase } from '@/lib/db/client';
import {
  ActiveAttemptExistsError,
  createPaymentAttempt,
  findPaymentAttempt,
  listUnsettledPaymentAttempts,
  type NewPaymentAttempt,
} from '@/lib/db/payment-attempts';
import {
  createPaymentLink,
  findPaymentLinkByTokenHash,
  transitionPaymentLink,
} from '@/lib/db/payment-links';
import { createStaffUser, findStaffUserByEmail, StaffEmailTakenError } from '@/lib/db/staff-users';
import { transitionPaymentAttempt } from '../support/ledger-moves';
import { testDatabaseTargets, testDatabaseUrl, type TestDatabase } from '../support/test-database';

const customerId = '35d4b117-4e60-44a3-9580-c582117eff98';

function newLinkInput(overrides: Partial<Parameters<typeof createPaymentLink>[1]> = {}) {
  return {
    tokenHash: randomUUID(),
    mewsCustomerId: customerId,
    amountMinor: 12_550,
    currency: 'EUR',
    description: 'Deposit for 2 nights',
    expiresAt: new Date(Date.now() + 86_400_000),
    createdVia: 'cli' as const,
    ...overrides,
  };
}

function newAttemptInput(overrides: Partial<NewPaymentAttempt> = {}): NewPaymentAttempt {
  return {
    idempotencyKey: randomUUID(),
    method: 'card',
    amountMinor: 12_550,
    currency: 'EUR',
    mewsCustomerId: customerId,
    ...overrides,
  };
}

it('runs the PostgreSQL suite whenever TEST_DATABASE_URL is given (CI always gives one)', () => {
  expect(testDatabaseTargets.map((t) => t.label)).toEqual(
    testDatabaseUrl ? ['PGlite', 'PostgreSQL'] : ['PGlite'],
  );
  if (process.env.CI) expect(testDatabaseUrl, 'CI must set TEST_DATABASE_URL').toBeTruthy();
});

describe.each(testDatabaseTargets)('repositories on $label', ({ open }) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await open();
  });
  afterAll(async () => {
    await database?.close();
  });

  it('migrates and answers a ping', async () => {
    expect(await pingDatabase(database.db)).toBe(true);
  });

  describe('payment links', () => {
    it('stores a link found only by its token hash, with money in minor units', async () => {
      const input = newLinkInput({ amountMinor: 9_007_199_254 });
      const created = await createPaymentLink(database.db, input);
      expect(created.state).toBe('open');
      const found = await findPaymentLinkByTokenHash(database.db, input.tokenHash);
      expect(found?.id).toBe(created.id);
      expect(found?.amountMinor).toBe(9_007_199_254);
      expect(await findPaymentLinkByTokenHash(database.db, 'not-a-hash')).toBeUndefined();
    });

    it('refuses two links with the same token hash', async () => {
      const input = newLinkInput();
      await createPaymentLink(database.db, input);
      await expect(createPaymentLink(database.db, input)).rejects.toThrow();
    });

    it('never reopens a paid link', async () => {
      const link = await createPaymentLink(database.db, newLinkInput());
      const paid = await transitionPaymentLink(
        database.db,
        link.id,
        ['open', 'processing'],
        'paid',
      );
      expect(paid?.state).toBe('paid');
      expect(paid?.paidAt).toBeInstanceOf(Date);
      expect(
        await transitionPaymentLink(database.db, link.id, ['open'], 'canceled'),
      ).toBeUndefined();
    });
  });

  describe('payment attempts (the ledger)', () => {
    it('returns the first attempt when the same idempotency key is used again', async () => {
      const input = newAttemptInput();
      const first = await createPaymentAttempt(database.db, input);
      const replay = await createPaymentAttempt(database.db, { ...input, amountMinor: 1 });
      expect(first.created).toBe(true);
      expect(replay.created).toBe(false);
      expect(replay.attempt.id).toBe(first.attempt.id);
      expect(replay.attempt.amountMinor).toBe(12_550);
    });

    it('allows one attempt in flight per link and another once it is final', async () => {
      const link = await createPaymentLink(database.db, newLinkInput());
      const first = await createPaymentAttempt(
        database.db,
        newAttemptInput({ paymentLinkId: link.id }),
      );
      const second = createPaymentAttempt(database.db, newAttemptInput({ paymentLinkId: link.id }));
      await expect(second).rejects.toBeInstanceOf(ActiveAttemptExistsError);
      await expect(second).rejects.toMatchObject({ activeAttempt: { id: first.attempt.id } });

      await transitionPaymentAttempt(database.db, first.attempt.id, 'processing');
      await transitionPaymentAttempt(database.db, first.attempt.id, 'failed', {
        failureCode: 'declined',
      });
      const retry = await createPaymentAttempt(
        database.db,
        newAttemptInput({ paymentLinkId: link.id }),
      );
      expect(retry.created).toBe(true);
    });

    it('lets only one of many concurrent attempts on a link through', async () => {
      const link = await createPaymentLink(database.db, newLinkInput());
      const results = await Promise.allSettled(
        Array.from({ length: 10 }, () =>
          createPaymentAttempt(database.db, newAttemptInput({ paymentLinkId: link.id })),
        ),
      );
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      const rejected = results.filter((r) => r.status === 'rejected');
      expect(rejected).toHaveLength(9);
      for (const r of rejected) expect(r.reason).toBeInstanceOf(ActiveAttemptExistsError);
    });

    it('moves only forward and applies a transition once', async () => {
      const { attempt } = await createPaymentAttempt(database.db, newAttemptInput());
      const paymentId = randomUUID();
      expect(await transitionPaymentAttempt(database.db, attempt.id, 'processing')).toBeDefined();
      expect(await transitionPaymentAttempt(database.db, attempt.id, 'unknown')).toBeDefined();
      const settled = await Promise.all([
        transitionPaymentAttempt(database.db, attempt.id, 'succeeded', {
          mewsPaymentId: paymentId,
        }),
        transitionPaymentAttempt(database.db, attempt.id, 'failed'),
      ]);
      expect(settled.filter(Boolean)).toHaveLength(1);
      const final = await findPaymentAttempt(database.db, attempt.id);
      expect(final?.finalizedAt).toBeInstanceOf(Date);
      expect(await transitionPaymentAttempt(database.db, attempt.id, 'processing')).toBeUndefined();
      expect(await transitionPaymentAttempt(database.db, attempt.id, 'pending')).toBeUndefined();
    });

    it('refuses two attempts with the same Mews payment id', async () => {
      const paymentId = randomUUID();
      for (const expected of ['ok', 'conflict'] as const) {
        const { attempt } = await createPaymentAttempt(database.db, newAttemptInput());
        await transitionPaymentAttempt(database.db, attempt.id, 'processing');
        const move = transitionPaymentAttempt(database.db, attempt.id, 'pending', {
          mewsPaymentId: paymentId,
        });
        if (expected === 'ok') await expect(move).resolves.toBeDefined();
        else await expect(move).rejects.toThrow();
      }
    });

    it('lists attempts whose outcome is not final for the reconciler', async () => {
      const { attempt } = await createPaymentAttempt(database.db, newAttemptInput());
      await transitionPaymentAttempt(database.db, attempt.id, 'processing');
      await transitionPaymentAttempt(database.db, attempt.id, 'unknown');
      const unsettled = await listUnsettledPaymentAttempts(database.db, 1000);
      expect(unsettled.map((a) => a.id)).toContain(attempt.id);
      expect(
        unsettled.every((a) =>
          ['created', 'processing', 'unknown', 'pending', 'verifying'].includes(a.state),
        ),
      ).toBe(true);
    });
  });

  describe('audit events', () => {
    it('appends and lists newest first, and refuses changes', async () => {
      const first = await appendAuditEvent(database.db, {
        actorType: 'system',
        actorLabel: 'test',
        action: 'payment.charge',
        outcome: 'success',
        amountMinor: 100,
        currency: 'GBP',
        mewsIds: { paymentId: randomUUID() },
      });
      const second = await appendAuditEvent(database.db, {
        actorType: 'guest',
        actorLabel: 'guest',
        action: 'payment.charge',
        outcome: 'failure',
      });
      const listed = await listAuditEvents(database.db, { limit: 2 });
      expect(listed.map((e) => e.id)).toEqual([second.id, first.id]);
      await expect(
        database.db.execute(
          sql`update audit_events set outcome = 'success' where id = ${second.id}`,
        ),
      ).rejects.toMatchObject({ cause: { message: expect.stringMatching(/append-only/) } });
      await expect(
        database.db.execute(sql`delete from audit_events where id = ${first.id}`),
      ).rejects.toMatchObject({ cause: { message: expect.stringMatching(/append-only/) } });
    });
  });

  describe('staff users', () => {
    it('finds users by email regardless of case and refuses duplicates', async () => {
      const email = `Desk.${randomUUID()}@Hotel.example`;
      const user = await createStaffUser(database.db, {
        email,
        name: 'Desk',
        role: 'frontdesk',
        passwordHash: 'x',
      });
      expect((await findStaffUserByEmail(database.db, email.toLowerCase()))?.id).toBe(user.id);
      await expect(
        createStaffUser(database.db, {
          email: email.toUpperCase(),
          name: 'Other',
          role: 'manager',
          passwordHash: 'y',
        }),
      ).rejects.toBeInstanceOf(StaffEmailTakenError);
    });
  });
});
