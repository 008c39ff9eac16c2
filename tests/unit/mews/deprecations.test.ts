/**
 * Requests Mews deprecated or discontinued (reference notes §2 and "Pitfalls" 8; Mews'
 * deprecations table) are never sent: the client has no operation for `bills/getAll` (its
 * `Extent.Items` was discontinued on 2025-01-10), and external payment types Mews keeps for
 * existing partners only are neither offered nor sent.
 */
import { describe, expect, it } from 'vitest';
import { MEWS_OPERATION_NAMES } from '@/lib/mews/operation-catalog';
import { IDS, wireConfiguration } from './fixtures';
import { jsonResponse, testClient } from './support';

const CLOSED_TYPES = [
  'CreditCard',
  'IDeal',
  'PayPal',
  'OnlinePayment',
  'Visa',
  'DepositCreditCard',
];

describe('deprecated requests', () => {
  it('uses no discontinued or superseded operation', () => {
    expect(MEWS_OPERATION_NAMES).not.toContain('bills/getAll');
    expect(MEWS_OPERATION_NAMES).not.toContain('reservations/getAll');
    expect(MEWS_OPERATION_NAMES).toContain('reservations/getAll/2023-06-06');
  });

  it('never offers nor records external payment types closed to new partners', async () => {
    const { client, scripted } = testClient({
      'configuration/get': [
        jsonResponse(
          wireConfiguration({ enabledTypes: ['Cash', ...CLOSED_TYPES, 'WireTransfer'] }),
        ),
      ],
    });
    const configuration = await client.getConfiguration();
    expect(configuration.enabledExternalPaymentTypes).toEqual(['Cash', 'WireTransfer']);
    await expect(
      client.recordExternalPayment({
        accountId: IDS.customer,
        amount: { amountMinor: 1_000, currency: 'GBP' },
        type: 'CreditCard',
      }),
    ).rejects.toMatchObject({ code: 'external-payment-type-not-enabled' });
    expect(scripted.count('payments/addExternal')).toBe(0);
  });
});
