'use server';

import type { Locale } from '@/lib/i18n/locales';
import { enforceGuestRateLimitForAction } from '@/lib/payments/guest/rate-limit';
import { clientAddressFromHeaders } from '@/lib/server/request';
import type { PaymentContext } from '@/lib/server/context';
import { validatedAction } from '@/lib/server/validated-action';
import { requestReceiptEmail } from './receipt-request';
import { receiptRequestSchema } from './schemas';

/**
 * The guest's e-mail action on the receipt page. Anonymous like the pay actions: the link token is
 * the authority, and every call counts against the guest action rate limit before its input is read.
 */

const guest = async (ctx: PaymentContext) => {
  await enforceGuestRateLimitForAction(ctx, await clientAddressFromHeaders());
  return { type: 'guest' as const };
};

/** The language the guest reads the page in, for the receipt; none outside a request. */
async function requestLocale(): Promise<Locale | undefined> {
  try {
    const { resolveRequestLocale } = await import('@/lib/i18n/request');
    return await resolveRequestLocale();
  } catch {
    return undefined;
  }
}

export const requestReceiptEmailAction = validatedAction({
  name: 'guest.receipt-email',
  schema: receiptRequestSchema,
  authorize: guest,
  run: async (input, { ctx }) => requestReceiptEmail(ctx, input, await requestLocale()),
});
