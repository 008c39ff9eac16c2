/**
 * Money at the Mews boundary. The app counts integer minor units (cents, yen, fils) with the
 * currency's ISO 4217 exponent; Mews sends and expects JSON numbers in major units (`10.5` is
 * 10.50). This module is the only place that converts between the two.
 *
 * No float arithmetic touches an amount: a wire number is turned into its shortest decimal text
 * (the text Mews wrote, for any amount with at most 15 significant digits) and rounded with
 * integer arithmetic; the other way, the decimal text is built from the integer and parsed once.
 */
import {
  CURRENCY_EXPONENTS,
  decimalDigitsOf,
  exponentOf,
  isKnownCurrency,
  type Money,
} from '@/lib/money';
import { MewsRequestError } from './errors';

export type { Money };

/** How an enterprise prices: it decides whether amounts are sent as `GrossValue` or `NetValue`. */
export type PricingMode = 'gross' | 'net';

/**
 * Which way a payment moved money: `incoming` is money the hotel received (Mews shows these
 * negative, as they reduce the guest's balance), `outgoing` is money paid back (refunds, chargebacks).
 */
export type MoneyDirection = 'incoming' | 'outgoing';

export { CURRENCY_EXPONENTS, isKnownCurrency };

/**
 * Largest absolute minor amount we convert. Decimals of up to 15 significant digits survive the
 * trip through a JSON double unchanged; beyond that the wire format itself loses cents.
 */
export const MAX_ABS_AMOUNT_MINOR = 999_999_999_999_999;

/** The currency's exponent at the wire, where an unknown code is a request error. */
export function currencyExponent(currency: string): number {
  const exponent = exponentOf(currency);
  if (exponent === undefined) {
    throw new MewsRequestError(
      'unknown-currency',
      `Unknown ISO 4217 currency code: ${JSON.stringify(currency)}`,
    );
  }
  return exponent;
}

function assertMinor(amountMinor: number): void {
  if (!Number.isSafeInteger(amountMinor) || Math.abs(amountMinor) > MAX_ABS_AMOUNT_MINOR) {
    throw new MewsRequestError(
      'invalid-amount',
      `Amount must be an integer number of minor units within ±${MAX_ABS_AMOUNT_MINOR}, got ${amountMinor}`,
    );
  }
}

/** `{1050, EUR}` → `"10.50"`, `{-5, KWD}` → `"-0.005"`, `{1050, JPY}` → `"1050"`. */
export function minorToDecimalString(money: Money): string {
  assertMinor(money.amountMinor);
  return decimalDigitsOf(money.amountMinor, currencyExponent(money.currency));
}

/** The JSON number Mews expects for an amount (major units). */
export function minorToMewsDecimal(money: Money): number {
  return Number(minorToDecimalString(money));
}

/** The shortest decimal text of a finite double, without exponent notation. */
function plainDecimalText(value: number): string {
  const text = String(value);
  if (!/e/i.test(text)) return text;
  // Exponent notation only appears below 1e-6 or at 1e21 and above; the latter is refused earlier.
  const [mantissa = '0', exponentText = '0'] = text.toLowerCase().split('e');
  const exponent = Number(exponentText);
  const negative = mantissa.startsWith('-');
  const unsigned = negative ? mantissa.slice(1) : mantissa;
  const [intPart = '0', fracPart = ''] = unsigned.split('.');
  const allDigits = intPart + fracPart;
  const pointAt = intPart.length + exponent;
  const plain =
    pointAt <= 0
      ? `0.${'0'.repeat(-pointAt)}${allDigits}`
      : `${allDigits.padEnd(pointAt, '0').slice(0, pointAt)}.${allDigits.slice(pointAt)}`;
  return negative ? `-${plain}` : plain;
}

/**
 * A Mews amount (major units, as parsed from JSON) in minor units of `currency`. Extra decimals
 * (Mews may send more than the currency has) are rounded half away from zero.
 */
export function mewsDecimalToMinor(value: number, currency: string): number {
  const exponent = currencyExponent(currency);
  if (!Number.isFinite(value) || Math.abs(value) >= 1e16) {
    throw new MewsRequestError('invalid-amount', `Not a convertible Mews amount: ${value}`);
  }
  const text = plainDecimalText(value);
  const negative = text.startsWith('-');
  const [intPart = '0', fracPart = ''] = (negative ? text.slice(1) : text).split('.');
  const kept = fracPart.slice(0, exponent).padEnd(exponent, '0');
  const roundUp = (fracPart.charCodeAt(exponent) || 48) >= 53; // next digit >= '5'
  let magnitude = BigInt(intPart + kept);
  if (roundUp) magnitude += 1n;
  const result = Number(negative ? -magnitude : magnitude);
  if (Object.is(result, -0)) return 0;
  assertMinor(result);
  return result;
}

/**
 * Reads a payment amount: Mews shows received payments negative. The app gets a positive amount
 * and the direction the money moved.
 */
export function paymentAmountFromMews(
  value: number,
  currency: string,
): { amount: Money; direction: MoneyDirection } {
  const minor = mewsDecimalToMinor(value, currency);
  return {
    amount: { amountMinor: Math.abs(minor), currency },
    direction: minor > 0 ? 'outgoing' : 'incoming',
  };
}

/** The request amount object (`ExtendedAmountParameters`): `GrossValue` or `NetValue` by the enterprise's pricing. */
export function amountParametersFor(
  money: Money,
  pricing: PricingMode,
): { Currency: string; GrossValue?: number; NetValue?: number } {
  const value = minorToMewsDecimal(money);
  return pricing === 'gross'
    ? { Currency: money.currency, GrossValue: value }
    : { Currency: money.currency, NetValue: value };
}

/** Picks the value of a response `Amount` that matches the enterprise's pricing. */
export function pricedValueOf(
  amount: { GrossValue?: number | null; NetValue?: number | null },
  pricing: PricingMode,
): number {
  const preferred = pricing === 'gross' ? amount.GrossValue : amount.NetValue;
  const fallback = pricing === 'gross' ? amount.NetValue : amount.GrossValue;
  const value = preferred ?? fallback;
  if (value === null || value === undefined) {
    throw new MewsRequestError('invalid-amount', 'Mews amount has neither GrossValue nor NetValue');
  }
  return value;
}

/** Validates an app amount before it is sent: positive, integer, known currency. */
export function assertPositiveMoney(money: Money): void {
  currencyExponent(money.currency);
  assertMinor(money.amountMinor);
  if (money.amountMinor <= 0) {
    throw new MewsRequestError(
      'invalid-amount',
      `Amount must be positive, got ${money.amountMinor}`,
    );
  }
}
