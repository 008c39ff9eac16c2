import 'server-only';
import { cache } from 'react';
import { getConfig } from '@/lib/config';
import { getPaymentContext } from '@/lib/payments/context';
import { getGuestCheckoutView, getLinkPaymentStatus } from '@/lib/payments/guest-checkout';

/** One read per request, shared by the page and its metadata. */
export const loadCheckoutView = cache(async (token: string) =>
  getGuestCheckoutView(await getPaymentContext(), token, getConfig().secureFieldsScriptUrl),
);

export const loadLinkStatus = cache(async (token: string) => getLinkPaymentStatus(await getPaymentContext(), token));
