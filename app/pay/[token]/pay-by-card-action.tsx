'use server';

import { getTranslations } from 'next-intl/server';
import { getConfig } from '@/lib/config';
import { pageTitle } from '@/lib/i18n/page-title';
import { submitCardPaymentAction } from '@/lib/payments/guest/actions';
import type { CardPaymentAnswer } from '@/lib/payments/guest/types';
import { Receipt } from '@/components/guest/receipt';
import { loadGuestIdentity } from '../load-identity';
import { loadCheckoutView } from './load-view';

/**
 * The pay page's card payment: the guest action (validated, rate-limited, written to the ledger
 * before Mews is called, lib/payments/guest/actions) and, when the payment succeeded, the receipt
 * rendered in the same answer. Before, the page asked the server for itself again to show the
 * receipt: a second full render and round trip while the guest watched a spinner.
 */
export async function payByCardAction(input: unknown): Promise<CardPaymentAnswer> {
  const result = await submitCardPaymentAction(
    input as Parameters<typeof submitCardPaymentAction>[0],
  );
  if (!result.ok || result.data.state !== 'succeeded') return { result };
  // The action accepted this token (it paid its link), so it is a real one.
  const token = (input as { token: string }).token;
  const [view, identity, t] = await Promise.all([
    loadCheckoutView(token),
    loadGuestIdentity(),
    getTranslations('meta'),
  ]);
  if (view.kind !== 'paid') return { result };
  return {
    result,
    receipt: (
      <Receipt
        receipt={view.receipt}
        token={token}
        identity={identity}
        emailable={getConfig().mail !== undefined}
      />
    ),
    // The tab's whole title, as the server renders it for a reload of the receipt.
    title: pageTitle(t('receipt', { hotel: view.receipt.hotelName })),
  };
}
