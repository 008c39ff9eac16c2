import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MewsRequestError } from '@/lib/mews/errors';
import {
  amountParametersFor,
  CURRENCY_EXPONENTS,
  currencyExponent,
  MAX_ABS_AMOUNT_MINOR,
  mewsDecimalToMinor,
  minorToDecimalString,
  minorToMewsDecimal,
  paymentAmountFromMews,
  pricedValueOf,
} from '@/lib/mews/money';

const currencies = Object.keys(CURRENCY_EXPONENTS);
const currencyArb = fc.constantFrom(...currencies, 'JPY', 'EUR', 'KWD', 'CLF');
const minorArb = fc.integer({ min: -MAX_ABS_AMOUNT_MINOR, max: MAX_ABS_AMOUNT_MINOR });
// Realistic amounts hit more interesting digit patterns than uniform 15-digit numbers.
const everydayMinorArb = fc.oneof(minorArb, fc.integer({ min: -10_000_000, max: 10_000_000 }));

/** Round half away from zero of `scaled / 10^drop`, with BigInt. */
function roundHalfAway(scaled: bigint, drop: number): bigint {
  const divisor = 10n ** BigInt(drop);
  const negative = scaled < 0n;
  const magnitude = negative ? -scaled : scaled;
  let quotient = magnitude / divisor;
  if ((magnitude % divisor) * 2n >= divisor) quotient += 1n;
  return negative ? -quotient : quotient;
}

describe('ISO 4217 exponents', () => {
  it.each([
    ['JPY', 0],
    ['KRW', 0],
    ['EUR', 2],
    ['GBP', 2],
    ['USD', 2],
    ['KWD', 3],
    ['BHD', 3],
    ['CLF', 4],
  ])('%s has exponent %i', (currency, exponent) => {
    expect(currencyExponent(currency)).toBe(exponent);
  });

  it('refuses unknown or malformed codes instead of guessing', () => {
    for (const code of ['XXX', 'eur', 'EURO', '', 'toString', '__proto__']) {
      expect(() => currencyExponent(code)).toThrow(MewsRequestError);
    }
  });
});

describe('minor units → Mews decimals', () => {
  it.each([
    [{ amountMinor: 1050, currency: 'EUR' }, '10.50', 10.5],
    [{ amountMinor: 5, currency: 'EUR' }, '0.05', 0.05],
    [{ amountMinor: -5, currency: 'KWD' }, '-0.005', -0.005],
    [{ amountMinor: 1050, currency: 'JPY' }, '1050', 1050],
    [{ amountMinor: 0, currency: 'EUR' }, '0.00', 0],
    [{ amountMinor: 123456789, currency: 'KWD' }, '123456.789', 123456.789],
  ])('%o → %s', (money, text, value) => {
    expect(minorToDecimalString(money)).toBe(text);
    expect(minorToMewsDecimal(money)).toBe(value);
  });

  it('refuses fractional, unsafe or out-of-range amounts', () => {
    for (const amountMinor of [1.5, Number.NaN, Infinity, MAX_ABS_AMOUNT_MINOR + 1, 2 ** 53]) {
      expect(() => minorToMewsDecimal({ amountMinor, currency: 'EUR' })).toThrow(MewsRequestError);
    }
  });

  it('property: the decimal text is the integer divided by 10^exponent, exactly', () => {
    fc.assert(
      fc.property(everydayMinorArb, currencyArb, (amountMinor, currency) => {
        const exponent = currencyExponent(currency);
        const text = minorToDecimalString({ amountMinor, currency });
        const [intPart = '', fracPart = ''] = text.replace('-', '').split('.');
        expect(fracPart.length).toBe(exponent);
        const rebuilt = BigInt(intPart + fracPart) * (text.startsWith('-') ? -1n : 1n);
        expect(rebuilt).toBe(BigInt(amountMinor));
      }),
    );
  });

  it('property: the JSON sent to Mews spells the same decimal (no float noise)', () => {
    fc.assert(
      fc.property(everydayMinorArb, currencyArb, (amountMinor, currency) => {
        const json = JSON.stringify({ GrossValue: minorToMewsDecimal({ amountMinor, currency }) });
        const sent = /"GrossValue":(-?[0-9.e+-]+)/.exec(json)?.[1] as string;
        const expected = minorToDecimalString({ amountMinor, currency });
        expect(Number(sent)).toBe(Number(expected));
        // Same digits once trailing zeros are trimmed.
        const trim = (text: string) =>
          (text.includes('.') ? text.replace(/\.?0+$/, '') : text).replace(/^-0$/, '0');
        expect(trim(sent)).toBe(trim(expected));
      }),
    );
  });
});

describe('Mews decimals → minor units', () => {
  it.each([
    [10.5, 'EUR', 1050],
    [-37.5, 'GBP', -3750],
    [0.1 + 0.2, 'EUR', 30],
    [1050, 'JPY', 1050],
    [1.005, 'KWD', 1005],
    [12.345, 'EUR', 1235],
    [-12.345, 'EUR', -1235],
    [12.344999, 'EUR', 1234],
    [0.5, 'JPY', 1],
    [-0.5, 'JPY', -1],
    [1e-7, 'EUR', 0],
    [-0, 'EUR', 0],
  ])('%d %s → %i', (value, currency, minor) => {
    expect(mewsDecimalToMinor(value, currency)).toBe(minor);
  });

  it('refuses non-finite and huge values', () => {
    for (const value of [Number.NaN, Infinity, -Infinity, 1e16, 1e21]) {
      expect(() => mewsDecimalToMinor(value, 'EUR')).toThrow(MewsRequestError);
    }
  });

  it('property: minor → Mews → minor is the identity for every currency', () => {
    fc.assert(
      fc.property(everydayMinorArb, currencyArb, (amountMinor, currency) => {
        const back = mewsDecimalToMinor(minorToMewsDecimal({ amountMinor, currency }), currency);
        expect(back).toBe(amountMinor);
      }),
      { numRuns: 2000 },
    );
  });

  it('property: extra decimals are rounded half away from zero', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -999_999_999_999, max: 999_999_999_999 }),
        fc.integer({ min: 1, max: 3 }),
        currencyArb,
        (scaled, extraDigits, currency) => {
          const exponent = currencyExponent(currency);
          const decimals = exponent + extraDigits;
          // The wire value: `scaled` with `decimals` digits after the point, as Mews would write it.
          const negative = scaled < 0;
          const digits = String(Math.abs(scaled)).padStart(decimals + 1, '0');
          const text = `${negative ? '-' : ''}${digits.slice(0, -decimals)}.${digits.slice(-decimals)}`;
          if (text.replace(/[-.]/g, '').replace(/^0+/, '').length > 15) return; // beyond double precision
          const expected = roundHalfAway(BigInt(scaled), extraDigits);
          expect(mewsDecimalToMinor(Number(text), currency)).toBe(Number(expected));
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe('payments read back', () => {
  it('turns Mews negative payments positive with the direction kept', () => {
    expect(paymentAmountFromMews(-37.5, 'GBP')).toEqual({
      amount: { amountMinor: 3750, currency: 'GBP' },
      direction: 'incoming',
    });
    expect(paymentAmountFromMews(12, 'EUR')).toEqual({
      amount: { amountMinor: 1200, currency: 'EUR' },
      direction: 'outgoing',
    });
  });

  it('property: amount is never negative and the sign survives as the direction', () => {
    fc.assert(
      fc.property(everydayMinorArb, currencyArb, (amountMinor, currency) => {
        const { amount, direction } = paymentAmountFromMews(
          minorToMewsDecimal({ amountMinor, currency }),
          currency,
        );
        expect(amount.amountMinor).toBeGreaterThanOrEqual(0);
        const signed = direction === 'incoming' ? -amount.amountMinor : amount.amountMinor;
        expect(signed === 0 ? 0 : signed).toBe(amountMinor === 0 ? 0 : amountMinor);
      }),
    );
  });
});

describe('gross or net by the enterprise pricing', () => {
  it('sends GrossValue for gross pricing and NetValue for net pricing, never both', () => {
    expect(amountParametersFor({ amountMinor: 1050, currency: 'EUR' }, 'gross')).toEqual({
      Currency: 'EUR',
      GrossValue: 10.5,
    });
    expect(amountParametersFor({ amountMinor: 1050, currency: 'EUR' }, 'net')).toEqual({
      Currency: 'EUR',
      NetValue: 10.5,
    });
  });

  it('reads the value matching the pricing, falling back to the other when null', () => {
    expect(pricedValueOf({ GrossValue: 12, NetValue: 10 }, 'gross')).toBe(12);
    expect(pricedValueOf({ GrossValue: 12, NetValue: 10 }, 'net')).toBe(10);
    expect(pricedValueOf({ GrossValue: null, NetValue: 10 }, 'gross')).toBe(10);
    expect(() => pricedValueOf({ GrossValue: null, NetValue: null }, 'gross')).toThrow(
      MewsRequestError,
    );
  });

  it('property: the amount sent round-trips through the priced value', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: MAX_ABS_AMOUNT_MINOR }),
        currencyArb,
        fc.constantFrom('gross', 'net' as const),
        (amountMinor, currency, pricing) => {
          const sent = amountParametersFor({ amountMinor, currency }, pricing as 'gross' | 'net');
          expect(
            mewsDecimalToMinor(pricedValueOf(sent, pricing as 'gross' | 'net'), currency),
          ).toBe(amountMinor);
        },
      ),
    );
  });
});
