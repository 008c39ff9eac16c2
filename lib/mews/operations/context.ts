import 'server-only';
import type { z } from 'zod';
import { MewsApiError, MewsError, MewsOutcomeUnknownError } from '../errors';
import type { MewsOperationName } from '../operation-catalog';
import type { MewsCallOptions, MewsTransport } from '../transport';
import type { MewsConfiguration } from '../types';
import type { WirePayload } from '../wire-types';

/** What the operation modules share: the transport, the portfolio enterprise id and the cached configuration. */
export interface MewsContext {
  transport: MewsTransport;
  /** Sent as `EnterpriseId`/`EnterpriseIds` where the API takes it (portfolio access tokens). */
  enterpriseId: string | undefined;
  /** The enterprise configuration, from the client's cache. */
  configuration(options?: MewsCallOptions): Promise<MewsConfiguration>;
}

/** The largest page Mews serves. */
export const PAGE_SIZE = 1000;
/** A cursor loop that has not ended after this many pages is a bug (ours or Mews'). */
const MAX_PAGES = 500;

type PaginatedOperation =
  | 'customers/getAll'
  | 'creditCards/getAll'
  | 'payments/getAll'
  | 'reservations/getAll/2023-06-06'
  | 'resources/getAll'
  | 'orderItems/getAll'
  | 'paymentRequests/getAll';

/**
 * Reads every page of a `getAll` operation: newest first, `Cursor` = id of the oldest item
 * returned; stops when the cursor is null or a page comes back short.
 */
export async function fetchAllPages<
  Op extends PaginatedOperation,
  Page extends { Cursor?: string | null },
  Item,
>(
  context: MewsContext,
  operation: Op,
  filter: Omit<WirePayload<Op>, 'Limitation'>,
  pageSchema: z.ZodType<Page>,
  itemsOf: (page: Page) => Item[],
  options: MewsCallOptions = {},
): Promise<Item[]> {
  const items: Item[] = [];
  for await (const pageItems of readPages(
    context,
    operation,
    filter,
    pageSchema,
    itemsOf,
    PAGE_SIZE,
    options,
  )) {
    items.push(...pageItems);
  }
  return items;
}

/**
 * The cursor loop behind `fetchAllPages` and `scanPayments`: yields the items of one page per
 * request, and asks for the next page only when the caller pulls it (so a caller can pace
 * itself). Stops after a null cursor, a short page or a cursor seen before.
 */
export async function* readPages<
  Op extends PaginatedOperation,
  Page extends { Cursor?: string | null },
  Item,
>(
  context: MewsContext,
  operation: Op,
  filter: Omit<WirePayload<Op>, 'Limitation'>,
  pageSchema: z.ZodType<Page>,
  itemsOf: (page: Page) => Item[],
  pageSize: number,
  options: MewsCallOptions,
): AsyncGenerator<Item[], void, undefined> {
  let cursor: string | null = null;
  const seenCursors = new Set<string>();
  for (let pageNumber = 0; pageNumber < MAX_PAGES; pageNumber++) {
    const payload = {
      ...filter,
      Limitation: cursor ? { Count: pageSize, Cursor: cursor } : { Count: pageSize },
    } as unknown as WirePayload<Op>;
    const { data } = await context.transport.call(operation, payload, pageSchema, options);
    const pageItems = itemsOf(data);
    yield pageItems;
    const next = data.Cursor ?? null;
    if (next === null || pageItems.length < pageSize || seenCursors.has(next)) return;
    seenCursors.add(next);
    cursor = next;
  }
  throw new MewsApiError({
    kind: 'invalid-response',
    operation,
    status: 200,
    mewsMessage: `Pagination did not end after ${MAX_PAGES} pages`,
    retryable: false,
  });
}

/** Runs a wire → app mapping; a mapping failure is a response we cannot use, reported as such. */
export function mapResponse<T>(operation: MewsOperationName, map: () => T): T {
  try {
    return map();
  } catch (error) {
    if (error instanceof MewsApiError) throw error;
    throw new MewsApiError({
      kind: 'invalid-response',
      operation,
      status: 200,
      mewsMessage:
        error instanceof MewsError || error instanceof Error ? error.message : String(error),
      retryable: false,
      cause: error,
    });
  }
}

/**
 * Like `mapResponse`, for writes: the write was processed, so a response we cannot map must not
 * read as a failure the caller might retry. It becomes "outcome unknown" and gets reconciled.
 */
export function mapWriteResponse<T>(
  operation: MewsOperationName,
  requestId: string | null,
  map: () => T,
): T {
  try {
    return map();
  } catch (error) {
    throw new MewsOutcomeUnknownError({
      operation,
      reason: 'unreadable-response',
      status: 200,
      requestId,
      cause: error,
    });
  }
}

/** Splits a list into chunks of at most `size`. */
export function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let start = 0; start < items.length; start += size)
    out.push(items.slice(start, start + size));
  return out;
}

/** The items of `lists`, without duplicates by `id`, in first-seen order. */
export function uniqueById<T extends { id: string }>(items: Iterable<T>): T[] {
  const byId = new Map<string, T>();
  for (const item of items) if (!byId.has(item.id)) byId.set(item.id, item);
  return [...byId.values()];
}
