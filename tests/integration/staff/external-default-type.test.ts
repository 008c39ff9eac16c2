/**
 * The external payment form starts on the type the desk records most (our ledger's count of the
 * last 90 days), else Cash, then bank transfer…; never "Unspecified". Against the sandbox's
 * enabled types and a real database.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StaffActor } from '@/lib/auth/require-staff';
import type { PaymentContext } from '@/lib/server/context';
import {
  externalPaymentTypeUsage,
  orderedExternalPaymentTypes,
  recordExternalPayment,
} from '@/lib/payments/staff/external-payment';
import { defaultExternalPaymentType } from '@/lib/payments/staff/external-types';
import { externalPaymentSchema } from '@/lib/payments/staff/schemas';
import { createTestStaffActor } from '../../support/staff-actor';
import { SEED, startTestSandbox, type TestSandbox } from '../../support/sandbox';
import { createTestPaymentContext } from '../../support/payment-context';
import { testDatabaseTargets, type TestDatabase } from '../../support/test-database';

let sandbox: TestSandbox;
beforeAll(async () => {
  sandbox = await startTestSandbox();
});
afterAll(async () => {
  await sandbox?.stop();
});

describe.each(testDatabaseTargets)('default external payment type on $label', ({ open }) => {
  let database: TestDatabase;
  let ctx: PaymentContext;
  let clerk: StaffActor;

  beforeAll(async () => {
    database = await open();
    ctx = createTestPaymentContext(database, { sandbox });
    clerk = await createTestStaffActor(ctx, {
      email: 'ed@hotel.test',
      name: 'Ed',
      role: 'frontdesk',
      password: 'front desk password',
    });
  });
  afterAll(async () => {
    await database?.close();
  });

  const record = (type: string) =>
    recordExternalPayment(
      ctx,
      externalPaymentSchema.parse({
        idempotencyKey: randomUUID(),
        customerId: SEED.customers.alice.id,
        amount: '20',
        currency: 'GBP',
        type,
        externalIdentifier: `Receipt ${randomUUID().slice(0, 6)}`,
      }),
      clerk,
      null,
    );

  it('starts on Cash without history, and on the type recorded most once there is some', async () => {
    const enabled = (await ctx.mews.getConfiguration()).enabledExternalPaymentTypes;
    expect(enabled).toContain('Unspecified');
    expect(enabled).toContain('WireTransfer');
    expect(await externalPaymentTypeUsage(ctx)).toEqual({});
    expect(defaultExternalPaymentType(await orderedExternalPaymentTypes(ctx))).toBe(
      enabled.includes('Cash') ? 'Cash' : 'WireTransfer',
    );

    expect((await record('WireTransfer')).state).toBe('succeeded');
    expect((await record('WireTransfer')).state).toBe('succeeded');
    if (enabled.includes('Cash')) await record('Cash');
    expect(await externalPaymentTypeUsage(ctx)).toMatchObject({ WireTransfer: 2 });
    const ordered = await orderedExternalPaymentTypes(ctx);
    expect(ordered[0]).toBe('WireTransfer');
    expect(ordered.at(-1)).toBe('Unspecified');
    expect(defaultExternalPaymentType(ordered)).toBe('WireTransfer');
  });
});
