import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { getLocale, getTranslations } from 'next-intl/server';
import { getConfig } from '@/lib/config';
import { formatMoney } from '@/lib/money';
import { HoldPlaced } from '@/components/guest/hold-placed';
import { canSayHowToReach, sentenceWithContact } from '@/components/guest/hotel-contact';
import { PayPageBody } from '@/components/guest/pay-page-body';
import { PaymentPanel } from '@/components/guest/payment-panel';
import { PolicyText } from '@/components/guest/policy-text';
import { PaymentSummary } from '@/components/guest/payment-summary';
import { RateLimitedMessage } from '@/components/guest/rate-limited';
import { MewsCheckoutPreload, SecureFieldsBoot } from '@/components/guest/secure-fields-boot';
import { Receipt } from '@/components/guest/receipt';
import { StatusMessage } from '@/components/guest/status-message';
import { loadGuestIdentity } from '../load-identity';
import { checkPageRateLimit, loadCheckoutView } from './load-view';
import { payByCardAction } from './pay-by-card-action';

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
    case 'held':
      return { title: t('held', { hotel: view.hotelName }) };
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
        identity={await loadGuestIdentity()}
        retryHref={`/pay/${encodeURIComponent(token)}`}
      />
    );
  }
  const [view, locale, t, identity] = await Promise.all([
    loadCheckoutView(token),
    getLocale(),
    getTranslations('status'),
    loadGuestIdentity(),
  ]);
  const reachable = canSayHowToReach(identity);

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
          <p data-testid="status-contact">
            {reachable
              ? await sentenceWithContact(identity, (contact) =>
                  t('expiredBodyContact', { hotel: view.hotelName, contact }),
                )
              : t('expiredBody', { hotel: view.hotelName })}
          </p>
          <p className="muted">{view.description}</p>
        </StatusMessage>
      );
    case 'canceled':
      if (view.alreadyPaid)
        return (
          <StatusMessage
            tone="success"
            eyebrow={view.hotelName}
            title={t('alreadyPaidTitle')}
            testId="link-already-paid"
          >
            <p>{t('alreadyPaidBody', { hotel: view.hotelName })}</p>
            <p className="muted">{view.description}</p>
          </StatusMessage>
        );
      return (
        <StatusMessage
          tone="warning"
          eyebrow={view.hotelName}
          title={t('canceledTitle')}
          testId="link-canceled"
        >
          <p data-testid="status-contact">
            {reachable
              ? await sentenceWithContact(identity, (contact) =>
                  t('canceledBodyContact', { hotel: view.hotelName, contact }),
                )
              : t('canceledBody', { hotel: view.hotelName })}
          </p>
          <p className="muted">{view.description}</p>
        </StatusMessage>
      );
    case 'paid':
      return (
        <Receipt
          receipt={view.receipt}
          token={token}
          identity={identity}
          // Offered only where e-mail is set up (always in the sandbox: it is the mail server too).
          emailable={getConfig().mail !== undefined}
        />
      );
    case 'held':
      return <HoldPlaced view={view} />;
    case 'payable': {
      const { summary } = view;
      return (
        <PayPageBody>
          <PaymentSummary summary={summary} />
          <PaymentPanel
            payByCard={payByCardAction}
            // A new language re-creates the card fields with labels in that language.
            key={locale}
            token={token}
            hotelName={summary.hotelName}
            amountLabel={formatMoney(summary.amountMinor, summary.currency, locale)}
            card={summary.card}
            idealAvailable={summary.ideal.available}
            checkout={summary.checkout}
            activeAttempt={summary.activeAttempt}
            lastFailure={summary.lastFailure}
            policy={
              summary.policy
                ? { version: summary.policy.version, required: summary.policy.required }
                : null
            }
            policyText={summary.policy ? <PolicyText policy={summary.policy} /> : null}
          />
          {summary.checkout ? (
            <MewsCheckoutPreload scriptUrl={summary.checkout.scriptUrl} />
          ) : summary.card.available ? (
            <SecureFieldsBoot
              scriptUrl={summary.card.scriptUrl}
              merchantId={summary.card.merchantId}
            />
          ) : null}
        </PayPageBody>
      );
    }
  }
}
