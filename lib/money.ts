/**
 * Money in the app's own terms, safe for client components: integer minor units (cents, yen,
 * fils) with the currency's ISO 4217 exponent. Parsing what a person typed and formatting for a
 * terminal or a page live here; the conversion to and from Mews' decimal wire numbers lives in
 * `lib/mews/money.ts` and nowhere else.
 */

/** An amount in the app's terms. */
export interface Money {
  /** Integer number of minor units (e.g. 1050 for EUR 10.50, 1050 for JPY 1050). */
  amountMinor: number;
  /** ISO 4217 alphabetic code, upper case. */
  currency: string;
}

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

export function isKnownCurrency(currency: string): boolean {
  // `hasOwn`, so that `toString` and friends are not currencies.
  return Object.hasOwn(CURRENCY_EXPONENTS, currency);
}

/** The ISO 4217 exponent of a currency (JPY 0, EUR 2, KWD 3); undefined for unknown codes. */
export function exponentOf(currency: string): number | undefined {
  return isKnownCurrency(currency) ? CURRENCY_EXPONENTS[currency] : undefined;
}

/** The ISO 4217 exponent of a currency (JPY 0, EUR 2, KWD 3). Throws a RangeError for unknown codes. */
export function currencyExponent(currency: string): number {
  const exponent = exponentOf(currency);
  if (exponent === undefined)
    throw new RangeError(`Unknown ISO 4217 currency code: ${JSON.stringify(currency)}`);
  return exponent;
}

/**
 * `1050, EUR` → `"10.50"`, `-5, KWD` → `"-0.005"`, `1050, JPY` → `"1050"`: exact, built from the
 * integer's digits (no floating point). The caller has checked that the amount is a safe integer.
 */
export function decimalDigitsOf(amountMinor: number, exponent: number): string {
  const sign = amountMinor < 0 ? '-' : '';
  const digits = String(Math.abs(amountMinor)).padStart(exponent + 1, '0');
  if (exponent === 0) return `${sign}${digits}`;
  return `${sign}${digits.slice(0, -exponent)}.${digits.slice(-exponent)}`;
}

/** "125.50 EUR": for staff pages, terminals and logs. Guest pages format with Intl in the guest's locale. */
export function formatAmount(amountMinor: number, currency: string): string {
  const code = currency.trim();
  return `${decimalDigitsOf(amountMinor, currencyExponent(code))} ${code}`;
}

/** An amount in the reader's locale with the currency's own number of decimals (guest pages, receipts). */
export function formatMoney(amountMinor: number, currency: string, locale: string): string {
  const exponent = currencyExponent(currency);
  return new Intl.NumberFormat(locale, {
    style: 'currency',
    currency,
    minimumFractionDigits: exponent,
    maximumFractionDigits: exponent,
  }).format(amountMinor / 10 ** exponent);
}

/**
 * Reads an amount typed by a person ("125.50", "125,5", "1 250") into minor units of the currency,
 * exactly (no floating point). Undefined for anything that is not a positive amount with at most
 * the currency's number of decimals and at most 12 whole digits.
 */
export function parseAmount(text: string, currency: string): number | undefined {
  const exponent = exponentOf(currency);
  if (exponent === undefined) return undefined;
  const normalized = text
    .trim()
    .replace(/[\s_']/g, '')
    .replace(',', '.');
  const match = /^(\d{1,12})(?:\.(\d*))?$/.exec(normalized);
  if (!match) return undefined;
  const [, whole = '0', fraction = ''] = match;
  if (fraction.length > exponent) return undefined;
  const minor = Number(whole) * 10 ** exponent + Number(fraction.padEnd(exponent, '0') || '0');
  return Number.isSafeInteger(minor) && minor > 0 ? minor : undefined;
}

/** For charts only (floating point is fine for drawing bars, never for money that moves). */
export function minorToMajor(amountMinor: number, currency: string): number {
  return amountMinor / 10 ** (exponentOf(currency) ?? 2);
}
