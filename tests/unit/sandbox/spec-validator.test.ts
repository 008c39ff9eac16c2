import { describe, expect, it } from 'vitest';
import { OPERATIONS, getSpecValidator } from '@/sandbox/spec-validator';

const validator = getSpecValidator();
const auth = { ClientToken: 'c', AccessToken: 'a', Client: 'x' };

describe('spec validator (official OpenAPI → JSON Schema)', () => {
  it('compiles request and response schemas for every implemented operation', () => {
    expect(OPERATIONS).toHaveLength(20);
    for (const op of OPERATIONS) expect(validator.schemas.get(op)?.requestSchemaName).toBeTruthy();
  });

  it('treats OpenAPI nullable as "or null", next to $ref/allOf too', () => {
    expect(
      validator.validateRequest('payments/getAll', {
        ...auth,
        Limitation: { Count: 1, Cursor: null },
        Type: null,
        PaymentIds: null,
      }).valid,
    ).toBe(true);
    expect(
      validator.validateRequest('payments/getAll', {
        ...auth,
        Limitation: { Count: 1 },
        Type: 'Nope',
      }).valid,
    ).toBe(false);
  });

  it('checks formats: uuid, currency, int32, date-time', () => {
    expect(
      validator.validateRequest('creditCards/charge', {
        ...auth,
        CreditCardId: 'x',
        Amount: { Currency: 'GBP' },
      }).issues[0]?.path,
    ).toBe('/CreditCardId');
    expect(
      validator.validateRequest('creditCards/charge', {
        ...auth,
        CreditCardId: '3c1e2a90-0001-4c5e-8a1b-000000000001',
        Amount: { Currency: 'gbp' },
      }).valid,
    ).toBe(false);
    expect(
      validator.validateRequest('payments/getAll', { ...auth, Limitation: { Count: 1.5 } }).valid,
    ).toBe(false);
    expect(
      validator.validateRequest('payments/getAll', {
        ...auth,
        Limitation: { Count: 1 },
        CreatedUtc: { StartUtc: 'yesterday' },
      }).valid,
    ).toBe(false);
  });

  it('rejects unknown properties (additionalProperties: false), e.g. the removed ObfuscatedNumber', () => {
    const r = validator.validateRequest('creditCards/addTokenized', {
      ...auth,
      CustomerId: '3c1e2a90-0001-4c5e-8a1b-000000000001',
      CreditCardData: { StorageData: '1', Expiration: '2030-01', ObfuscatedNumber: '1111' },
    });
    expect(r.issues).toEqual([
      { path: '/CreditCardData', message: 'has unknown property ObfuscatedNumber' },
    ]);
  });

  it('tolerates the documented required-but-null Payment.SettlementUtc and nothing else', () => {
    const amount = {
      Currency: 'GBP',
      NetValue: -1,
      GrossValue: -1,
      TaxValues: [],
      Breakdown: { Items: [] },
    };
    const payment = {
      Id: '3c1e2a90-0001-4c5e-8a1b-000000000001',
      EnterpriseId: '3c1e2a90-0001-4c5e-8a1b-000000000001',
      AccountId: '3c1e2a90-0001-4c5e-8a1b-000000000001',
      AccountType: 'Customer',
      Amount: amount,
      OriginalAmount: amount,
      CreatedUtc: '2026-01-01T00:00:00Z',
      UpdatedUtc: '2026-01-01T00:00:00Z',
      SettlementUtc: null,
      AccountingState: 'Open',
      State: 'Charged',
      Type: 'ExternalPayment',
    };
    expect(
      validator.validateResponse('payments/getAll', { Payments: [payment], Cursor: null }).valid,
    ).toBe(true);
    expect(
      validator.validateResponse('payments/getAll', {
        Payments: [{ ...payment, CreatedUtc: null }],
      }).valid,
    ).toBe(false);
  });
});
