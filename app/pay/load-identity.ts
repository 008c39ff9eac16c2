import 'server-only';
import { cache } from 'react';
import { getPaymentContext } from '@/lib/server/context';
import { readGuestIdentity } from '@/lib/payments/guest/identity';

/**
 * The hotel's identity (name, logo, colour, contact, policy) for this request, read once however
 * many parts of the page (layout, metadata, page) ask. Never throws: a database or Mews that cannot
 * be reached gives the plain look with a generic name (lib/payments/guest/identity).
 */
export const loadGuestIdentity = cache(async () =>
  readGuestIdentity(await getPaymentContext().catch(() => null)),
);
