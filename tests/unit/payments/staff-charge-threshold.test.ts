import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { StaffActor } from '@/lib/auth/require-staff';
import { resetConfigForTests } from '@/lib/config';
import { listAuditEvents } from '@/lib/db/audit-log';
import { assertChargeAllowed } from '@/lib/payments/staff/card-charges';
import type { PaymentContext } from '@/lib/server/context';
import { PaymentError } from '@/lib/server/errors';
import { mewsMustNotBeCalled, silentLog } from '../../support/payment-context';
import { openTestPglite, type TestDatabase } from '../../support/test-database';

/**
 * The front-desk limit on card charges is per currency, in major units (STAFF_CHARGE_MANAGER_THRESHOLD):
 * not one minor-unit number that is EUR 1,000 but JPY 100,000 and KWD 100. Refusals come before
 * any write and are audited with the limit that applied.
 */

let database: TestDatabase;
let ctx: PaymentContext;
let frontDesk: StaffActor;
let manager: StaffActor;

beforeAll(async () => {
  database = await openTestPglite();
  process.env.DATA_DIR = mkdtempSync(path.join(tmpdir(), 'mews-threshold-'));
  delete process.env.STAFF_CHARGE_MANAGER_THRESHOLD;
  delete process.env.STAFF_CHARGE_MANAGER_THRESHOLD_MINOR;
  resetConfigForTests();
  ctx = {
    db: database.db,
    mews: mewsMustNotBeCalled(),
    appUrl: 'http://localhost:3999',
    now: () => new Date(),
    log: silentLog,
  };
  const { createStaffAccount } = await import('@/lib/auth/staff-accounts');
  const account = async (email: string, role: 'manager' | 'frontdesk'): Promise<StaffActor> => {
    const user = await createStaffAccount(
      ctx,
      { email, name: email, role, password: 'threshold password' },
      { type: 'system' },
    );
    return { type: 'staff', staffId: user.id, email, role, name: email };
  };
  frontDesk = await account('threshold.desk@hotel.test', 'frontdesk');
  manager = await account('threshold.manager@hotel.test', 'manager');
});

afterEach(() => {
  delete process.env.STAFF_CHARGE_MANAGER_THRESHOLD;
  delete process.env.STAFF_CHARGE_MANAGER_THRESHOLD_MINOR;
  resetConfigForTests();
});

afterAll(async () => {
  await database?.close();
});

function configure(value: string): void {
  process.env.STAFF_CHARGE_MANAGER_THRESHOLD = value;
  resetConfigForTests();
}

async function refusal(
  actor: StaffActor,
  amountMinor: number,
  currency: string,
): Promise<PaymentError | undefined> {
  const error = await assertChargeAllowed(ctx, actor, amountMinor, currency).then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  if (error !== undefined && !(error instanceof PaymentError)) throw error;
  return error;
}

describe('assertChargeAllowed with the default threshold', () => {
  it('lets front desk charge JPY 120,000 (the old rule, 100000 minor units in any currency, refused it)', async () => {
    expect(await refusal(frontDesk, 120_000, 'JPY')).toBeUndefined();
    expect(await refusal(frontDesk, 150_000, 'JPY')).toBeUndefined();
    const above = await refusal(frontDesk, 150_001, 'JPY');
    expect(above).toMatchObject({ code: 'forbidden' });
    expect(above?.message).toBe(
      'Charges above 150000 JPY need a manager. A manager can approve this charge here with their e-mail and password.',
    );
  });

  it('keeps EUR, GBP and USD at 1,000.00', async () => {
    for (const currency of ['EUR', 'GBP', 'USD']) {
      expect(await refusal(frontDesk, 100_000, currency), currency).toBeUndefined();
      expect(await refusal(frontDesk, 100_001, currency), currency).toMatchObject({
        code: 'forbidden',
      });
    }
  });

  it('lets a manager charge any amount', async () => {
    expect(await refusal(manager, 99_999_999, 'JPY')).toBeUndefined();
    expect(await refusal(manager, 99_999_999, 'EUR')).toBeUndefined();
  });
});

describe('assertChargeAllowed with a configured threshold', () => {
  it('takes KWD in its three decimals: KWD 150.000 needs a manager with KWD=100, KWD 100.000 does not', async () => {
    configure('EUR=1000,KWD=100,*=1000');
    expect(await refusal(frontDesk, 100_000, 'KWD')).toBeUndefined();
    const refused = await refusal(frontDesk, 150_000, 'KWD');
    expect(refused).toMatchObject({ code: 'forbidden', status: 403 });
    expect(refused?.message).toContain('Charges above 100.000 KWD need a manager');
    expect(await refusal(manager, 150_000, 'KWD')).toBeUndefined();
    // The refusal is audited with the limit in the currency's own minor units.
    const events = await listAuditEvents(database.db, { limit: 20 });
    expect(
      events.find((event) => event.action === 'payment.charge.denied' && event.currency === 'KWD'),
    ).toMatchObject({
      outcome: 'denied',
      amountMinor: 150_000,
      details: { reason: 'manager_threshold', thresholdMinor: 100_000 },
    });
  });

  it('applies * in major units of each other currency', async () => {
    configure('EUR=500,*=2000');
    expect(await refusal(frontDesk, 50_001, 'EUR')).toMatchObject({ code: 'forbidden' });
    expect(await refusal(frontDesk, 200_000, 'CHF')).toBeUndefined();
    expect(await refusal(frontDesk, 200_001, 'CHF')).toMatchObject({ code: 'forbidden' });
    expect(await refusal(frontDesk, 2_000, 'ISK')).toBeUndefined();
    expect(await refusal(frontDesk, 2_001, 'ISK')).toMatchObject({ code: 'forbidden' });
    expect(await refusal(frontDesk, 2_000_000, 'BHD')).toBeUndefined();
    expect(await refusal(frontDesk, 2_000_001, 'BHD')).toMatchObject({ code: 'forbidden' });
  });

  it('still honours the deprecated STAFF_CHARGE_MANAGER_THRESHOLD_MINOR as it was (one number for every currency)', async () => {
    process.env.STAFF_CHARGE_MANAGER_THRESHOLD_MINOR = '100000';
    resetConfigForTests();
    expect(await refusal(frontDesk, 120_000, 'JPY')).toMatchObject({ code: 'forbidden' });
    expect(await refusal(frontDesk, 100_000, 'EUR')).toBeUndefined();
  });
});
