import { getLocale, getTranslations } from 'next-intl/server';
import type { GuestReceipt } from '@/lib/payments/guest/types';
import type { PropertyIdentity } from '@/lib/payments/property/identity';
import { formatMoney } from '@/lib/money';
import { dateLocaleOf, formatHotelDateTime } from './format';
import { canSayHowToReach, sentenceWithContact } from './hotel-contact';
import { PrintButton } from './print-button';
import { ReceiptEmailForm } from './receipt-email-form';
import styles from './guest.module.css';

/** The last four digits of a masked card ("424242xxxxxx4242" → "4242"); never more. */
function lastFour(masked: string | null): string | null {
  const digits = masked?.match(/(\d{4})$/)?.[1];
  return digits ?? null;
}

/**
 * The receipt of a paid link: what was paid, to whom, when (in the hotel's time zone, written as
 * the guest's language is written in the hotel's country), how, the short reference the hotel's
 * staff find the payment by, and how to reach the hotel. Printable, and e-mailed on request; the
 * link can never be paid again.
 */
export async function Receipt({
  receipt,
  token,
  identity,
  emailable,
}: {
  receipt: GuestReceipt;
  token: string;
  identity: PropertyIdentity;
  /** Whether "E-mail me a receipt" can work here (mail is set up). */
  emailable: boolean;
}) {
  const [locale, t] = await Promise.all([getLocale(), getTranslations('receipt')]);
  const last4 = lastFour(receipt.cardMasked);
  // A payment made in Mews Payments Checkout says how the guest paid there; wallets by their name.
  const wallet =
    receipt.checkoutMethod === 'google-pay'
      ? 'Google Pay'
      : receipt.checkoutMethod === 'apple-pay'
        ? 'Apple Pay'
        : null;
  const method =
    receipt.method === 'ideal' || receipt.checkoutMethod === 'ideal'
      ? t('methodIdeal')
      : wallet
        ? wallet
        : last4
          ? t('methodCardEnding', { brand: receipt.cardBrand ?? t('card'), last4 })
          : t('methodCard');
  return (
    <article className={styles.receipt} aria-labelledby="receipt-heading" data-testid="receipt">
      <div className={styles.receiptHeader}>
        <span className={styles.successIcon} aria-hidden="true">
          ✓
        </span>
        <h1 id="receipt-heading" className={styles.receiptTitle}>
          {t('title')}
        </h1>
        <p className={styles.muted}>{t('thanks', { hotel: receipt.hotelName })}</p>
        <p className={styles.amount} data-testid="receipt-amount">
          {formatMoney(receipt.amountMinor, receipt.currency, locale)}
        </p>
      </div>
      <dl className={styles.receiptList}>
        <div>
          <dt>{t('hotel')}</dt>
          <dd>{receipt.hotelName}</dd>
        </div>
        <div>
          <dt>{t('description')}</dt>
          <dd>{receipt.description}</dd>
        </div>
        {receipt.guestName ? (
          <div>
            <dt>{t('guest')}</dt>
            <dd>{receipt.guestName}</dd>
          </div>
        ) : null}
        {receipt.reservationNumber ? (
          <div>
            <dt>{t('reservation')}</dt>
            <dd>{receipt.reservationNumber}</dd>
          </div>
        ) : null}
        <div>
          <dt>{t('paidAt')}</dt>
          <dd data-testid="receipt-paid-at">
            {formatHotelDateTime(
              receipt.paidAt,
              dateLocaleOf(locale, receipt.hotelLanguageCode),
              receipt.hotelTimeZone,
            )}
          </dd>
        </div>
        <div>
          <dt>{t('method')}</dt>
          <dd data-testid="receipt-method">{method}</dd>
        </div>
        {receipt.reference ? (
          <div>
            <dt>{t('paymentId')}</dt>
            <dd className={styles.mono} data-testid="receipt-reference">
              {receipt.reference}
            </dd>
          </div>
        ) : null}
      </dl>
      <p className={styles.muted}>{t('alreadyPaid')}</p>
      {canSayHowToReach(identity) ? (
        <p className={styles.muted} data-testid="status-contact">
          {await sentenceWithContact(identity, (contact) =>
            t('contact', { hotel: receipt.hotelName, contact }),
          )}
        </p>
      ) : null}
      <div className={styles.actions}>
        <PrintButton label={t('print')} />
      </div>
      {emailable ? <ReceiptEmailForm token={token} /> : null}
    </article>
  );
}
