import 'server-only';
import { MewsRequestError } from '../errors';
import { mapCustomer } from '../mappers';
import { customerResultSchema, customerSchema } from '../schemas';
import type { MewsCallOptions } from '../transport';
import type { AddCustomerInput, MewsCustomer } from '../types';
import { fetchAllPages, mapResponse, mapWriteResponse, type MewsContext } from './context';
import { assertId, assertNonEmptyText } from './validate';

/** Customer operations take a chain, not an enterprise: with a portfolio token, use the configured enterprise's chain. */
async function portfolioChainId(
  context: MewsContext,
  options: MewsCallOptions,
): Promise<string | undefined> {
  if (!context.enterpriseId) return undefined;
  return (await context.configuration(options)).enterprise.chainId ?? undefined;
}

export interface CustomerSearch {
  email?: string;
  firstName?: string;
  lastName?: string;
}

/**
 * Finds active customers by exact email and/or name (`customers/getAll`). Filters combine with AND.
 * At least one of `email` and `lastName` is required, so a search never lists the whole chain.
 * Returns `[]` when nothing matches.
 */
export async function findCustomers(
  context: MewsContext,
  search: CustomerSearch,
  options: MewsCallOptions = {},
): Promise<MewsCustomer[]> {
  const email = search.email?.trim();
  const firstName = search.firstName?.trim();
  const lastName = search.lastName?.trim();
  if (!email && !lastName) {
    throw new MewsRequestError(
      'invalid-filter',
      'findCustomers needs an email or a last name',
      'customers/getAll',
    );
  }
  const chainId = await portfolioChainId(context, options);
  const customers = await fetchAllPages(
    context,
    'customers/getAll',
    {
      Extent: { Customers: true, Addresses: false },
      ActivityStates: ['Active'],
      Emails: email ? [email] : undefined,
      FirstNames: firstName ? [firstName] : undefined,
      LastNames: lastName ? [lastName] : undefined,
      ChainIds: chainId ? [chainId] : undefined,
    },
    customerResultSchema,
    (page) => page.Customers,
    options,
  );
  return mapResponse('customers/getAll', () => customers.map(mapCustomer));
}

/** One customer by id (`customers/getAll` with `CustomerIds`), or `null` if Mews has none in scope. */
export async function getCustomer(
  context: MewsContext,
  customerId: string,
  options: MewsCallOptions = {},
): Promise<MewsCustomer | null> {
  assertId(customerId, 'customerId', 'customers/getAll');
  const chainId = await portfolioChainId(context, options);
  const customers = await fetchAllPages(
    context,
    'customers/getAll',
    {
      Extent: { Customers: true, Addresses: false },
      CustomerIds: [customerId],
      ChainIds: chainId ? [chainId] : undefined,
    },
    customerResultSchema,
    (page) => page.Customers,
    options,
  );
  const found = customers.find((customer) => customer.Id === customerId);
  return found ? mapResponse('customers/getAll', () => mapCustomer(found)) : null;
}

/**
 * Customers by id (`customers/getAll` with `CustomerIds`, up to 1000 ids a request), in no
 * particular order; ids Mews has none of in scope are simply missing from the answer.
 */
export async function getCustomersByIds(
  context: MewsContext,
  customerIds: string[],
  options: MewsCallOptions = {},
): Promise<MewsCustomer[]> {
  if (customerIds.length === 0) return [];
  if (customerIds.length > 1000) {
    throw new MewsRequestError(
      'invalid-filter',
      'getCustomersByIds takes at most 1000 ids',
      'customers/getAll',
    );
  }
  for (const id of customerIds) assertId(id, 'customerIds', 'customers/getAll');
  const chainId = await portfolioChainId(context, options);
  const customers = await fetchAllPages(
    context,
    'customers/getAll',
    {
      Extent: { Customers: true, Addresses: false },
      CustomerIds: customerIds,
      ChainIds: chainId ? [chainId] : undefined,
    },
    customerResultSchema,
    (page) => page.Customers,
    options,
  );
  return mapResponse('customers/getAll', () => customers.map(mapCustomer));
}

/**
 * Creates a customer profile (`customers/add`). A write: on a lost answer it throws
 * `MewsOutcomeUnknownError` (look the customer up by email before creating again). Mews refuses a
 * duplicate email with a 403 unless `overwriteExisting` is set.
 */
export async function addCustomer(
  context: MewsContext,
  input: AddCustomerInput,
  options: MewsCallOptions = {},
): Promise<MewsCustomer> {
  assertNonEmptyText(input.lastName, 'lastName', 'customers/add', 255);
  const chainId = await portfolioChainId(context, options);
  const { data, requestId } = await context.transport.call(
    'customers/add',
    {
      LastName: input.lastName.trim(),
      FirstName: input.firstName?.trim() || undefined,
      Email: input.email?.trim() || undefined,
      Phone: input.phone?.trim() || undefined,
      NationalityCode: input.nationalityCode || undefined,
      PreferredLanguageCode: input.preferredLanguageCode || undefined,
      OverwriteExisting: input.overwriteExisting ?? false,
      ChainId: chainId,
    },
    customerSchema,
    options,
  );
  return mapWriteResponse('customers/add', requestId, () => mapCustomer(data));
}
