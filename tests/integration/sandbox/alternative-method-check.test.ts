import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SEED, startTestSandbox, type TestSandbox } from '@/tests/support/sandbox';

/**
 * `payments/addAlternative` checks that the method is in the property's subscription before it
 * looks at the customer, so a probe with a made-up CustomerId learns "not enabled" (403) without
 * creating anything, and "enabled" as a 400 for the unknown customer.
 */

const UNKNOWN_CUSTOMER = '00000000-0000-4000-8000-00000000abcd';
let sandbox: TestSandbox;

beforeAll(async () => {
  sandbox = await startTestSandbox();
});
afterAll(async () => {
  await sandbox.stop();
});
beforeEach(async () => {
  await sandbox.control.reset();
});

function probe(method: 'Ideal' | 'ApplePay', enterprise: 'gross' | 'net' | 'noCardStorage') {
  return sandbox.connector<{ Message: string }>(
    'payments/addAlternative',
    {
      CustomerId: UNKNOWN_CUSTOMER,
      Amount: { Currency: 'EUR', GrossValue: 1, NetValue: 1, TaxCodes: [] },
      Data:
        method === 'Ideal'
          ? { Discriminator: 'Ideal', Ideal: { RedirectUrl: 'http://127.0.0.1:3000/return' } }
          : { Discriminator: 'ApplePay' },
    },
    { enterprise },
  );
}

describe('payments/addAlternative probe with an unknown CustomerId', () => {
  it('answers 403 "not enabled" for a method the enterprise does not have', async () => {
    const r = await probe('ApplePay', 'noCardStorage');
    expect(r.status).toBe(403);
    expect(r.body.Message).toBe(
      `The alternative payment method ApplePay is not enabled for ${SEED.enterprises.noCardStorage.name}.`,
    );
  });

  it('answers 400 Invalid CustomerId. where the method is enabled', async () => {
    const r = await probe('Ideal', 'noCardStorage');
    expect(r.status).toBe(400);
    expect(r.body.Message).toBe('Invalid CustomerId.');
  });

  it('creates nothing either way', async () => {
    await probe('ApplePay', 'gross');
    await probe('Ideal', 'noCardStorage');
    const all = await sandbox.connector<{ Payments: unknown[] }>(
      'payments/getAll',
      { AccountIds: [UNKNOWN_CUSTOMER], Limitation: { Count: 10 } },
      { enterprise: 'noCardStorage' },
    );
    expect(all.body.Payments).toEqual([]);
  });
});
