import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CARDS,
  TEST_CARDS,
  containsCardNumber,
  detectBrand,
  luhnValid,
  maskCard,
  redactCardNumbers,
} from '@/sandbox/test-cards';

describe('test card table', () => {
  it('every test card is Luhn-valid and its brand is detected from the number', () => {
    for (const card of TEST_CARDS) {
      expect(luhnValid(card.pan), card.pan).toBe(true);
      expect(detectBrand(card.pan), card.pan).toBe(card.brand);
    }
  });

  it('covers every outcome the issue asks for', () => {
    const outcomes = new Set(TEST_CARDS.map((c) => c.outcome));
    for (const o of [
      'charged',
      'declined',
      'insufficient-funds',
      'expired',
      'pending-then-charged',
      'verifying',
    ])
      expect(outcomes).toContain(o);
    expect(TEST_CARDS.some((c) => c.refund === 'Failed' && c.outcome === 'charged')).toBe(true);
  });

  it('the Verifying and refund-refusing cards are PCI Proxy 3DS test cards the frames accept', () => {
    // secure-fields.md §1.9: Visa 3DS v2 "challenge ok" and "frictionless ok".
    expect(CARDS.visaVerifying).toBe('4000001000000026');
    expect(CARDS.visaRefundRefused).toBe('4000001000000018');
    const pans = TEST_CARDS.map((c) => c.pan);
    expect(new Set(pans).size).toBe(pans.length);
    expect(TEST_CARDS.find((c) => c.pan === CARDS.visaVerifying)).toMatchObject({
      brand: 'VIS',
      outcome: 'verifying',
      refund: 'Charged',
    });
    expect(TEST_CARDS.find((c) => c.pan === CARDS.visaRefundRefused)).toMatchObject({
      brand: 'VIS',
      outcome: 'charged',
      refund: 'Failed',
    });
  });

  it('masks like PCI Proxy: first 6, last 4, lowercase x', () => {
    expect(maskCard(CARDS.visaCharged)).toBe('424242xxxxxx4242');
    expect(maskCard(CARDS.amexCharged)).toBe('375811xxxxx1115');
  });
});

describe('card number detection (request log, addCreditCard)', () => {
  it('finds card numbers with or without separators, and redacts them', () => {
    expect(containsCardNumber(`{"Number":"${CARDS.visaCharged}"}`)).toBe(true);
    expect(containsCardNumber('card 4242 4242 4242 4242 here')).toBe(true);
    expect(redactCardNumbers('pan=4242-4242-4242-4242;')).toBe('pan=424242xxxxxx4242;');
  });

  it('leaves masked numbers, UUIDs and 18-digit transaction ids alone', () => {
    expect(containsCardNumber('411111******1111')).toBe(false);
    expect(containsCardNumber('3c1e2a90-0001-4c5e-8a1b-000000000001')).toBe(false);
    fc.assert(
      fc.property(fc.stringMatching(/^26[01]\d{15}$/), (transactionId) => {
        expect(containsCardNumber(`{"StorageData":"${transactionId}"}`)).toBe(false);
      }),
    );
  });

  it('any Luhn-valid Visa-length number starting with 4 is detected', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^4\d{14}$/), (body) => {
        const check = [...Array(10).keys()].map(String).find((d) => luhnValid(body + d)) ?? '0';
        expect(containsCardNumber(`x ${body}${check} y`)).toBe(true);
      }),
    );
  });
});
