import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { getLocale, getTranslations } from 'next-intl/server';
import { formatMoney } from '@/lib/money';
import { PaymentPanel } from '@/components/guest/payment-panel';
import { PaymentSummary } from '@/components/guest/payment-summary';
import { RateLimitedMessage } from '@/components/guest/rate-limited';
import { Receipt } from '@/components/guest/receipt';
import { StatusMessage } from '@/components/guest/status-message';
import { checkPageRateLimit, loadCheckoutView } from './load-view';

export const dynamic = 'force-dynamic';

interface PageProps {
  params: Promise<{ token: string }>;
}

export async function generateMetadata({ params }: PageProps): Promise<Metadata> {
  const { token } = await params;
  const t = await getTranslations('meta');
  if (!(await checkPageRateLimit()).allowed) return { title: t('rateLimited') };
  const view = await loadCheckoutView(token);
  switch (view.kind) {
    case 'not_found':
      return { title: t('notFound') };
    case 'paid':
      return { title: t('receipt', { hotel: view.receipt.hotelName }) };
    case 'payable':
      return { title: t('pay', { hotel: view.summary.hotelName }) };
    default:
      return { title: t('unavailable', { hotel: view.hotelName }) };
  }
}

/**
 * The guest pay page. Everything the guest needs to decide (who, what, how much) is rendered on
 * the server; only the payment form is interactive.
 */
export default async function PayPage({ params }: PageProps) {
  const { token } = await params;
  const limit = await checkPageRateLimit();
  if (!limit.allowed) {
    return (
      <RateLimitedMessage
        retryAfterSeconds={limit.retryAfterSeconds}
        retryHref={`/pay/${encodeURIComponent(token)}`}
      />
    );
  }
  const [view, locale, t] = await Promise.all([
    loadCheckoutView(token),
    getLocale(),
    getTranslations('status'),
  ]);

  switch (view.kind) {
    case 'not_found':
      return notFound();
    case 'expired':
      return (
        <StatusMessage
          tone="warning"
          eyebrow={view.hotelName}
          title={t('expiredTitle')}
          testId="link-expired"
        >
          <p>{t('expiredBody', { hotel: view.hotelName })}</p>
          <p className="muted">{view.description}</p>
        </StatusMessage>
      );
    case 'canceled':
      return (
        <StatusMessage
          tone="warning"
          eyebrow={view.hotelName}
          title={t('canceledTitle')}
          testId="link-canceled"
        >
          <p>{t('canceledBody', { hotel: view.hotelName })}</p>
          <p className="muted">{view.description}</p>
        </StatusMessage>
      );
    case 'paid':
      return <Receipt receipt={view.receipt} />;
    case 'payable': {
      const { summary } = view;
      return (
        <>
          <PaymentSummary summary={summary} />
          <PaymentPanel
            // A new language re-creates the card fields with labels in that language.
            key={locale}
            token={token}
            hotelName={summary.hotelName}
            amountLabel={formatMoney(summary.amountMinor, summary.currency, locale)}
            card={summary.card}
            idealAvailable={summary.ideal.available}
            activeAttempt={summary.activeAttempt}
            lastFailure={summary.lastFailure}
          />
        </>
      );
    }
  }
}
