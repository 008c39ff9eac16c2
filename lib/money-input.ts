import { currencyExponent, isKnownCurrency } from '@/lib/mews';

/**
 * Reads an amount typed by a person ("125.50", "125,5", "1 250") into minor units of the currency,
 * exactly (no floating point). Undefined for anything that is not a positive amount with at most
 * the currency's number of decimals.
 */
export function decimalToMinor(text: string, currency: string): number | undefined {
  if (!isKnownCurrency(currency)) return undefined;
  const exponent = currencyExponent(currency);
  const normalized = text.trim().replace(/[\s_']/g, '').replace(',', '.');
  const match = /^(\d+)(?:\.(\d*))?$/.exec(normalized);
  if (!match) return undefined;
  const [, whole = '0', fraction = ''] = match;
  if (fraction.length > exponent) return undefined;
  const minor = Number(whole) * 10 ** exponent + Number(fraction.padEnd(exponent, '0') || '0');
  if (!Number.isSafeInteger(minor) || minor <= 0) return undefined;
  return minor;
}
