import 'server-only';
import { MewsRequestError } from '../errors';
import { mapPayment, paymentStateToWire } from '../mappers';
import { paymentResultSchema } from '../schemas';
import type { MewsCallOptions } from '../transport';
import type { MewsPayment, PaymentState, TimeWindow } from '../types';
import type { WirePayload } from '../wire-types';
import { mapResponse, PAGE_SIZE, readPages, type MewsContext } from './context';
import { windowToWire } from './validate';

/** Which payments to scan page by page: a window of at most three months (Mews' limit). */
export interface PaymentScanQuery {
  createdBetween?: TimeWindow;
  updatedBetween?: TimeWindow;
  states?: Exclude<PaymentState, 'unknown'>[];
}

export interface PaymentScanOptions extends MewsCallOptions {
  /** Payments per request, 1 to 1000 (Mews' largest page, the default). */
  pageSize?: number;
}

/**
 * Every payment in a window (`payments/getAll`), one page per request, newest first, for reads
 * too large to hold as one answer (the drift report). The caller pulls the next page when it is
 * ready, so it can pace itself within the rate budget the whole app shares; every request also
 * goes through the client's rate limiter. Stops after a short page or a null cursor.
 */
export async function* scanPayments(
  context: MewsContext,
  query: PaymentScanQuery,
  options: PaymentScanOptions = {},
): AsyncGenerator<MewsPayment[], void, undefined> {
  const operation = 'payments/getAll';
  const { pageSize = PAGE_SIZE, ...callOptions } = options;
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > PAGE_SIZE) {
    throw new MewsRequestError('invalid-input', `pageSize must be 1 to ${PAGE_SIZE}`, operation);
  }
  if (!query.createdBetween && !query.updatedBetween) {
    throw new MewsRequestError('invalid-filter', 'scanPayments needs a time window', operation);
  }
  if (query.states !== undefined && query.states.length === 0) return;
  const filter: Omit<WirePayload<'payments/getAll'>, 'Limitation'> = {
    EnterpriseIds: context.enterpriseId ? [context.enterpriseId] : undefined,
    CreatedUtc: query.createdBetween
      ? windowToWire(query.createdBetween, 'createdBetween', operation)
      : undefined,
    UpdatedUtc: query.updatedBetween
      ? windowToWire(query.updatedBetween, 'updatedBetween', operation)
      : undefined,
    States: query.states
      ? ([...new Set(query.states)].map(
          paymentStateToWire,
        ) as WirePayload<'payments/getAll'>['States'])
      : undefined,
  };
  const configuration = await context.configuration(callOptions);
  const pages = readPages(
    context,
    operation,
    filter,
    paymentResultSchema,
    (page) => page.Payments,
    pageSize,
    callOptions,
  );
  for await (const payments of pages) {
    yield mapResponse(operation, () =>
      payments.map((payment) => mapPayment(payment, configuration.pricing)),
    );
  }
}
