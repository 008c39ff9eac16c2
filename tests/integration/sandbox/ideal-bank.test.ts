import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SEED, startTestSandbox, type TestSandbox } from '@/tests/support/sandbox';

/**
 * The iDEAL bank page decides the payment's State, which payments/getAll then shows. iDEAL is in
 * the Dutch enterprise's subscription only, so everything here runs with its token.
 */

const bram = SEED.customers.bram;
const dutch = { enterprise: 'dutch' } as const;
const RETURN_URL = 'http://127.0.0.1:3000/checkout/return?order=42';
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

async function startIdeal(amount = 25) {
  const r = await sandbox.connector<{
    PaymentId: string;
    NextAction: { Discriminator: string; Value: string };
  }>(
    'payments/addAlternative',
    {
      CustomerId: bram.id,
      Amount: { Currency: 'EUR', GrossValue: amount, TaxCodes: [] },
      Data: { Discriminator: 'Ideal', Ideal: { RedirectUrl: RETURN_URL } },
    },
    dutch,
  );
  expect(r.status).toBe(200);
  return r.body;
}

async function state(paymentId: string) {
  const r = await sandbox.connector<{
    Payments: Array<{ State: string; Type: string; Data: unknown }>;
  }>(
    'payments/getAll',
    {
      PaymentIds: [paymentId],
      Limitation: { Count: 1 },
    },
    dutch,
  );
  return r.body.Payments[0];
}

async function choose(bankUrl: string, outcome: string) {
  return fetch(bankUrl, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ outcome }).toString(),
  });
}

describe('iDEAL bank stand-in', () => {
  it('NextAction points at a sandbox bank page showing the amount; the payment starts Pending', async () => {
    const { PaymentId, NextAction } = await startIdeal(25);
    expect(NextAction.Discriminator).toBe('RedirectToUrl');
    expect(NextAction.Value.startsWith(`${sandbox.url}/ideal-bank/`)).toBe(true);
    const page = await fetch(NextAction.Value);
    const html = await page.text();
    expect(html).toContain('Approve');
    expect(html).toContain('25,00');
    expect(await state(PaymentId)).toMatchObject({
      State: 'Pending',
      Type: 'AlternativePayment',
      Data: { Discriminator: 'Alternative', Alternative: { Type: 'Ideal' } },
    });
  });

  for (const [outcome, expected] of [
    ['approve', 'Charged'],
    ['cancel', 'Canceled'],
    ['fail', 'Failed'],
  ] as const) {
    it(`${outcome} sends the payer back to RedirectUrl and the payment becomes ${expected}`, async () => {
      const { PaymentId, NextAction } = await startIdeal();
      const answer = await choose(NextAction.Value, outcome);
      expect(answer.status).toBe(303);
      expect(answer.headers.get('Location')).toBe(RETURN_URL);
      expect((await state(PaymentId))?.State).toBe(expected);
      // A second answer changes nothing.
      await choose(NextAction.Value, outcome === 'approve' ? 'fail' : 'approve');
      expect((await state(PaymentId))?.State).toBe(expected);
    });
  }

  it('a payer who leaves leaves the payment Pending until it expires as Canceled after 15 minutes', async () => {
    const { PaymentId, NextAction } = await startIdeal();
    await sandbox.control.advanceClock(14 * 60);
    expect((await state(PaymentId))?.State).toBe('Pending');
    await sandbox.control.advanceClock(61);
    expect((await state(PaymentId))?.State).toBe('Canceled');
    const late = await choose(NextAction.Value, 'approve');
    expect(late.headers.get('Location')).toBe(RETURN_URL);
    expect((await state(PaymentId))?.State).toBe('Canceled');
  });

  it('can be answered through the control API, and refused for non-EUR amounts or unknown methods', async () => {
    const { PaymentId } = await startIdeal();
    expect(await sandbox.control.completeIdeal(PaymentId, 'approve')).toMatchObject({
      changed: true,
      state: 'Charged',
      redirectUrl: RETURN_URL,
    });
    const gbp = await sandbox.connector(
      'payments/addAlternative',
      {
        CustomerId: bram.id,
        Amount: { Currency: 'GBP', GrossValue: 10, TaxCodes: [] },
        Data: { Discriminator: 'Ideal', Ideal: { RedirectUrl: RETURN_URL } },
      },
      dutch,
    );
    expect(gbp.status).toBe(403);
    const applePay = await sandbox.connector(
      'payments/addAlternative',
      {
        CustomerId: bram.id,
        Amount: { Currency: 'EUR', GrossValue: 10, TaxCodes: [] },
        Data: { Discriminator: 'ApplePay' },
      },
      dutch,
    );
    expect(applePay.status).toBe(403);
  });

  it('a charged iDEAL payment can be refunded', async () => {
    const { PaymentId } = await startIdeal(30);
    await sandbox.control.completeIdeal(PaymentId, 'approve');
    const refund = await sandbox.connector<Record<string, unknown>>(
      'payments/refund',
      {
        PaymentId,
        AccountId: bram.id,
        Reason: 'Guest canceled',
      },
      dutch,
    );
    expect(refund.body).toMatchObject({
      Type: 'AlternativePayment',
      Amount: { Currency: 'EUR', Value: 30 },
    });
  });
});
