import { containsCardData } from '@/lib/validation/text';
import { MewsRequestError } from '../errors';
import type { Money } from '../money';
import { assertPositiveMoney } from '../money';
import type { MewsOperationName } from '../operation-catalog';
import type { MewsConfiguration, TimeWindow } from '../types';
import { isWithinThreeMonths, MAX_INTERVAL_MONTHS } from '../time-window';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Mews ids are UUIDs; anything else would come back as a 400 after a round trip. */
export function assertId(value: string, field: string, operation: MewsOperationName): void {
  if (typeof value !== 'string' || !UUID.test(value)) {
    throw new MewsRequestError(
      'invalid-input',
      `${field} must be a UUID, got ${JSON.stringify(value)}`,
      operation,
    );
  }
}

export function assertIds(
  values: readonly string[],
  field: string,
  operation: MewsOperationName,
): void {
  for (const value of values) assertId(value, field, operation);
}

export function assertNonEmptyText(
  value: string,
  field: string,
  operation: MewsOperationName,
  maxLength = 1000,
): void {
  if (typeof value !== 'string' || value.trim() === '' || value.length > maxLength) {
    throw new MewsRequestError(
      'invalid-input',
      `${field} must be 1 to ${maxLength} characters`,
      operation,
    );
  }
}

/**
 * Free text we send to Mews (notes, references, a refund reason, a cardholder name) never holds
 * card data: a full card number in any notation or a security code after its name, by the same
 * test as every form and server guard (lib/validation/text.ts `containsCardData`). The last line
 * of defence: the value is never echoed, and nothing is sent. Throws
 * `MewsRequestError('full-card-number')`.
 */
export function assertNoCardData(
  value: string | undefined,
  field: string,
  operation: MewsOperationName,
): void {
  if (typeof value === 'string' && containsCardData(value)) {
    throw new MewsRequestError(
      'full-card-number',
      `${field} looks like card data (a full card number or a security code); card details are never sent to Mews`,
      operation,
    );
  }
}

/** Amount positive, currency known to ISO 4217 and enabled for the enterprise. */
export function assertChargeableAmount(
  money: Money,
  configuration: MewsConfiguration,
  operation: MewsOperationName,
): void {
  assertPositiveMoney(money);
  if (!configuration.currencies.enabled.includes(money.currency)) {
    throw new MewsRequestError(
      'currency-not-enabled',
      `${money.currency} is not enabled for enterprise ${configuration.enterprise.id} (enabled: ${configuration.currencies.enabled.join(', ') || 'none'})`,
      operation,
    );
  }
}

/** Mews writes date-times as `YYYY-MM-DDThh:mm:ssZ`; milliseconds are kept only when present. */
export function toUtcText(date: Date): string {
  if (Number.isNaN(date.getTime())) throw new MewsRequestError('invalid-filter', 'Invalid date');
  return date.toISOString().replace('.000Z', 'Z');
}

/**
 * A half-open `[start, end)` window as a Mews `TimeFilterInterval`, checked against the 3-month
 * limit the way Mews counts it (.NET `AddMonths`, see `time-window.ts`).
 */
export function windowToWire(
  window: TimeWindow,
  field: string,
  operation: MewsOperationName,
): { StartUtc: string; EndUtc: string } {
  const start = window.start.getTime();
  const end = window.end.getTime();
  if (Number.isNaN(start) || Number.isNaN(end) || end < start) {
    throw new MewsRequestError(
      'invalid-filter',
      `${field}: start must not be after end`,
      operation,
    );
  }
  if (!isWithinThreeMonths(window)) {
    throw new MewsRequestError(
      'invalid-filter',
      `${field}: a window may be at most ${MAX_INTERVAL_MONTHS} months long`,
      operation,
    );
  }
  return { StartUtc: toUtcText(window.start), EndUtc: toUtcText(window.end) };
}
