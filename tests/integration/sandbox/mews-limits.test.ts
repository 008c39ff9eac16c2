import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { getSpecValidator } from '@/sandbox/spec-validator';
import { SEED, startTestSandbox, type TestSandbox } from '@/tests/support/sandbox';

/**
 * Limits Mews applies that spec validation cannot show: `bills/getAll` `Extent.Items` was
 * discontinued on 2025-01-10 (Mews deprecations table), and filter intervals are at most
 * 3 calendar months long, counted like .NET `AddMonths`.
 */

const validator = getSpecValidator();
const alice = SEED.customers.alice;
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

describe('bills/getAll Extent.Items', () => {
  it('is refused with 400 Invalid Extent., saying it was discontinued on 2025-01-10', async () => {
    const r = await sandbox.connector<{ Message: string; Details: unknown }>('bills/getAll', {
      BillIds: [SEED.reservations.aliceLondon.billId],
      Extent: { Items: true },
      Limitation: { Count: 10 },
    });
    expect(r.status).toBe(400);
    expect(validator.validateError(r.body).valid).toBe(true);
    expect(r.body.Message).toBe('Invalid Extent.');
    expect(String(r.body.Details)).toContain('discontinued on 2025-01-10');
  });

  it('still answers without Items (or with Items: false)', async () => {
    for (const extent of [undefined, { Items: false }]) {
      const r = await sandbox.connector<{ Bills: Array<{ Id: string }> }>('bills/getAll', {
        BillIds: [SEED.reservations.aliceLondon.billId],
        ...(extent ? { Extent: extent } : {}),
        Limitation: { Count: 10 },
      });
      expect(r.status).toBe(200);
      expect(r.body.Bills.map((b) => b.Id)).toEqual([SEED.reservations.aliceLondon.billId]);
    }
  });
});

describe('payments/getAll time windows', () => {
  const getAll = (startUtc: string, endUtc: string) =>
    sandbox.connector<{ Message: string }>('payments/getAll', {
      AccountIds: [alice.id],
      CreatedUtc: { StartUtc: startUtc, EndUtc: endUtc },
      Limitation: { Count: 10 },
    });

  it('allow exactly 3 calendar months and refuse one millisecond more', async () => {
    expect((await getAll('2026-02-01T00:00:00Z', '2026-05-01T00:00:00Z')).status).toBe(200);
    const tooLong = await getAll('2026-02-01T00:00:00Z', '2026-05-01T00:00:00.001Z');
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.Message).toBe('Invalid CreatedUtc.');
  });

  it('clamp the end day to the month: 31 Jan reaches 30 Apr, 30 Nov reaches 28 Feb', async () => {
    expect((await getAll('2026-01-31T00:00:00Z', '2026-04-30T00:00:00Z')).status).toBe(200);
    expect((await getAll('2026-01-31T00:00:00Z', '2026-05-01T00:00:00Z')).status).toBe(400);
    expect((await getAll('2026-11-30T00:00:00Z', '2027-02-28T00:00:00Z')).status).toBe(200);
    expect((await getAll('2026-11-30T00:00:00Z', '2027-03-02T00:00:00Z')).status).toBe(400);
  });
});
