import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { getLocale, getTranslations } from 'next-intl/server';
import { formatMoney } from '@/lib/money';
import { readCheckoutStatus } from '@/lib/payments/checkout/guest-checkout';
import { getGuestPaymentContext } from '@/lib/server/context';
import { HoldPlaced } from '@/components/guest/hold-placed';
import { RateLimitedMessage } from '@/components/guest/rate-limited';
import { ReturnStatus } from '@/components/guest/return-status';
import { loadGuestIdentity } from '../../load-identity';
import { checkPageRateLimit, loadReturnPageView } from '../load-view';

export const dynamic = 'force-dynamic';

interface PageProps {
  params: Promise<{ token: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('meta');
  if (!(await checkPageRateLimit()).allowed) return { title: t('rateLimited') };
  return { title: t('return') };
}

/**
 * The payment id Mews Payments Checkout appends when its iDEAL payment comes back from the bank
 * (`?paymentId=<id>`, mews-payments-checkout.md §1.6): a hint of which payment to read in Mews,
 * nothing more. Anything but one UUID is ignored.
 */
function reportedPaymentId(value: string | string[] | undefined): string | null {
  return typeof value === 'string' && UUID.test(value) ? value : null;
}

/**
 * Where the bank sends the guest back after iDEAL (the old flow, or iDEAL inside Mews Payments
 * Checkout). The redirect is never believed: the state shown is what Mews reports for the link,
 * read on the server (so it needs no cookie and works in any browser), then kept up to date by
 * polling. The checkout's `paymentId` only says which payment to read back first.
 */
export default async function IdealReturnPage({ params, searchParams }: PageProps) {
  const { token } = await params;
  const limit = await checkPageRateLimit();
  if (!limit.allowed) {
    return (
      <RateLimitedMessage
        retryAfterSeconds={limit.retryAfterSeconds}
        identity={await loadGuestIdentity()}
        retryHref={`/pay/${encodeURIComponent(token)}/return`}
      />
    );
  }
  const paymentId = reportedPaymentId((await searchParams).paymentId);
  if (paymentId) {
    // The checkout's payment read back (and applied to the ledger) before the page is built.
    // Failing that, the view below still reads the link's request and payments back itself.
    const ctx = await getGuestPaymentContext();
    await readCheckoutStatus(ctx, { token, paymentId }).catch((error: unknown) =>
      ctx.log.warn({ err: error }, 'Checkout payment could not be read back on the return page'),
    );
  }
  // Status and view from one read: the payment is read back from Mews once per render.
  const [loaded, locale] = await Promise.all([loadReturnPageView(token), getLocale()]);
  if (!loaded) notFound();
  const { status, view } = loaded;
  if (view.kind === 'held') return <HoldPlaced view={view} />;

  let hotelName: string | null = null;
  let amountLabel: string | null = null;
  if (view.kind === 'payable') {
    hotelName = view.summary.hotelName;
    amountLabel = formatMoney(view.summary.amountMinor, view.summary.currency, locale);
  } else if (view.kind === 'paid') {
    hotelName = view.receipt.hotelName;
    amountLabel = formatMoney(view.receipt.amountMinor, view.receipt.currency, locale);
  } else if (view.kind === 'expired' || view.kind === 'canceled') {
    hotelName = view.hotelName;
  }

  return (
    <ReturnStatus token={token} initial={status} hotelName={hotelName} amountLabel={amountLabel} />
  );
}
