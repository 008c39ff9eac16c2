import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { getLocale, getTranslations } from 'next-intl/server';
import { formatMoney } from '@/lib/money';
import { RateLimitedMessage } from '@/components/guest/rate-limited';
import { ReturnStatus } from '@/components/guest/return-status';
import { loadGuestIdentity } from '../../load-identity';
import { checkPageRateLimit, loadReturnPageView } from '../load-view';

export const dynamic = 'force-dynamic';

interface PageProps {
  params: Promise<{ token: string }>;
}

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('meta');
  if (!(await checkPageRateLimit()).allowed) return { title: t('rateLimited') };
  return { title: t('return') };
}

/**
 * Where the bank sends the guest back after iDEAL. The query string is ignored on purpose: the
 * state shown is what Mews reports for the link's latest payment, read on the server (so it needs
 * no cookie and works in any browser), then kept up to date by polling.
 */
export default async function IdealReturnPage({ params }: PageProps) {
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
  // Status and view from one read: the payment is read back from Mews once per render.
  const [loaded, locale] = await Promise.all([loadReturnPageView(token), getLocale()]);
  if (!loaded) notFound();
  const { status, view } = loaded;

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
