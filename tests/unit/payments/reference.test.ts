import { describe, expect, it } from 'vitest';
import { paymentReference, paymentReferencePrefix } from '@/lib/payments/reference';

describe('the short payment reference', () => {
  it('is the first eight hex digits of the attempt id, upper-case, in two groups of four', () => {
    expect(paymentReference('7f3a21c9-5b1e-4c0d-9a7e-2f4b6c8d0e1f')).toBe('7F3A-21C9');
    expect(paymentReference('00000000-0000-4000-8000-000000000000')).toBe('0000-0000');
  });

  it('is nine characters a guest can read out, whatever the id', () => {
    for (let i = 0; i < 50; i += 1) {
      expect(paymentReference(crypto.randomUUID())).toMatch(/^[0-9A-F]{4}-[0-9A-F]{4}$/);
    }
  });

  it('is null without an attempt id, or for something that is not one', () => {
    expect(paymentReference(null)).toBeNull();
    expect(paymentReference(undefined)).toBeNull();
    expect(paymentReference('')).toBeNull();
    expect(paymentReference('7f3a')).toBeNull();
    expect(paymentReference('not-a-uuid-at-all')).toBeNull();
  });

  it('is found again from what a clerk types: with or without the dash, any case, spaces around', () => {
    const id = '7f3a21c9-5b1e-4c0d-9a7e-2f4b6c8d0e1f';
    const reference = paymentReference(id)!;
    for (const typed of [reference, '7f3a-21c9', '7F3A21C9', ' 7f3a 21c9 ']) {
      const prefix = paymentReferencePrefix(typed);
      expect(prefix).toBe('7f3a21c9');
      expect(id.startsWith(prefix!)).toBe(true);
    }
  });

  it('is not found from text that is not a reference', () => {
    for (const typed of [
      '',
      'Alice Smith',
      '7f3a-21c',
      '7f3a-21c9-5b1e',
      'SBX-1001',
      'ZZZZ-ZZZZ',
    ]) {
      expect(paymentReferencePrefix(typed)).toBeNull();
    }
  });
});
