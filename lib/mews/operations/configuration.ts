import 'server-only';
import { mapConfiguration } from '../mappers';
import { configurationSchema } from '../schemas';
import type { MewsCallOptions, MewsTransport } from '../transport';
import type { MewsConfiguration } from '../types';
import { mapResponse } from './context';

/**
 * Reads the enterprise configuration (`configuration/get`), uncached. The client caches it; call
 * `client.getConfiguration()` instead.
 */
export async function fetchConfiguration(
  transport: MewsTransport,
  enterpriseId: string | undefined,
  now: () => number,
  options: MewsCallOptions = {},
): Promise<MewsConfiguration> {
  // A portfolio token without EnterpriseId answers with the portfolio's "dummy" enterprise
  // (`IsPortfolio: true`, mapped to `isPortfolio`); the app refuses to start on it.
  const { data } = await transport.call(
    'configuration/get',
    enterpriseId ? { EnterpriseId: enterpriseId } : {},
    configurationSchema,
    options,
  );
  return mapResponse('configuration/get', () => mapConfiguration(data, new Date(now())));
}
