/**
 * Money at the Mews boundary. The app counts integer minor units (cents, yen, fils) with the
 * currency's ISO 4217 exponent; Mews sends and expects JSON numbers in major units (`10.5` is
 * 10.50). This module is the only place that converts between the two.
 *
 * No float arithmetic touches an amount: a wire number is turned into its shortest decimal text
 * (the text Mews wrote, for any amount with at most 15 significant digits) and rounded with
 * integer arithmetic; the other way, the decimal text is built from the integer and parsed once.
 */
import { MewsRequestError } from './errors';

/** An amount in the app's terms. */
export interface Money {
  /** Integer number of minor units (e.g. 1050 for EUR 10.50, 1050 for JPY 1050). */
  amountMinor: number;
  /** ISO 4217 alphabetic code, upper case. */
  currency: string;
}

/** How an enterprise prices: it decides whether amounts are sent as `GrossValue` or `NetValue`. */
export type PricingMode = 'gross' | 'net';

/**
 * Which way a payment moved money: `incoming` is money the hotel received (Mews shows these
 * negative, as they reduce the guest's balance), `outgoing` is money paid back (refunds, chargebacks).
 */
export type MoneyDirection = 'incoming' | 'outgoing';

/**
 * ISO 4217 minor-unit exponents of the active currency codes (List One, 2025 amendments, plus
 * fund codes). Codes not listed here are refused rather than guessed.
 */
// prettier-ignore
const EXPONENT_EXCEPTIONS: Record<string, number> = {
  BIF: 0, CLP: 0, DJF: 0, GNF: 0, ISK: 0, JPY: 0, KMF: 0, KRW: 0, PYG: 0, RWF: 0, UGX: 0, UYI: 0,
  VND: 0, VUV: 0, XAF: 0, XOF: 0, XPF: 0,
  BHD: 3, IQD: 3, JOD: 3, KWD: 3, LYD: 3, OMR: 3, TND: 3,
  CLF: 4, UYW: 4,
};

const TWO_DECIMAL_CODES = (
  'AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BMD BND BOB BOV BRL BSD BTN BWP BYN BZD ' +
  'CAD CDF CHE CHF CHW CNY COP COU CRC CUP CVE CZK DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP GEL GHS ' +
  'GIP GMD GTQ GYD HKD HNL HTG HUF IDR ILS INR IRR JMD KES KGS KHR KPW KYD KZT LAK LBP LKR LRD LSL ' +
  'MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN MXV MYR MZN NAD NGN NIO NOK NPR NZD PAB PEN PGK ' +
  'PHP PKR PLN QAR RON RSD RUB SAR SBD SCR SDG SEK SGD SHP SLE SLL SOS SRD SSP STN SVC SYP SZL THB ' +
  'TJS TMT TOP TRY TTD TWD TZS UAH USD USN UYU UZS VED VES WST XCD XCG YER ZAR ZMW ZWG'
).split(' ');

export const CURRENCY_EXPONENTS: Readonly<Record<string, number>> = Object.freeze({
  ...Object.fromEntries(TWO_DECIMAL_CODES.map((code) => [code, 2])),
  ...EXPONENT_EXCEPTIONS,
});

/**
 * Largest absolute minor amount we convert. Decimals of up to 15 significant digits survive the
 * trip through a JSON double unchanged; beyond that the wire format itself loses cents.
 */
export const MAX_ABS_AMOUNT_MINOR = 999_999_999_999_999;

export function isKnownCurrency(currency: string): boolean {
  return Object.hasOwn(CURRENCY_EXPONENTS, currency);
}

/** The ISO 4217 exponent of a currency (JPY 0, EUR 2, KWD 3). Throws for unknown codes. */
export function currencyExponent(currency: string): number {
  // `hasOwn`, so that `toString` and friends are not currencies.
  const exponent = isKnownCurrency(currency) ? CURRENCY_EXPONENTS[currency] : undefined;
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
  const exponent = currencyExponent(money.currency);
  const sign = money.amountMinor < 0 ? '-' : '';
  const digits = String(Math.abs(money.amountMinor)).padStart(exponent + 1, '0');
  if (exponent === 0) return `${sign}${digits}`;
  return `${sign}${digits.slice(0, -exponent)}.${digits.slice(-exponent)}`;
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
