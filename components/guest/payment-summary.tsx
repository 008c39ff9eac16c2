import { getLocale, getTranslations } from 'next-intl/server';
import type { GuestLinkSummary } from '@/lib/payments/guest/types';
import { formatMoney } from '@/lib/money';
import { dateLocaleOf, formatHotelDate } from './format';
import styles from './guest.module.css';

/**
 * What the guest is asked to pay and to whom: rendered on the server so the amount is the first
 * thing on screen, before any payment script loads.
 */
export async function PaymentSummary({ summary }: { summary: GuestLinkSummary }) {
  const [locale, t] = await Promise.all([getLocale(), getTranslations('summary')]);
  const { reservation } = summary;
  const dateLocale = dateLocaleOf(locale, summary.hotelLanguageCode);
  const stay =
    reservation?.start && reservation.end
      ? t('stayDates', {
          start: formatHotelDate(reservation.start, dateLocale, summary.hotelTimeZone),
          end: formatHotelDate(reservation.end, dateLocale, summary.hotelTimeZone),
        })
      : null;
  return (
    <section className={styles.summary} aria-labelledby="summary-heading">
      <p className={styles.eyebrow}>{t('payTo')}</p>
      <h1 id="summary-heading" className={styles.hotelName}>
        {summary.hotelName}
      </h1>
      <p className={styles.description}>{summary.description}</p>
      <p className={styles.amount} data-testid="amount">
        <span className={styles.visuallyHidden}>{t('amountDue')} </span>
        {formatMoney(summary.amountMinor, summary.currency, locale)}
      </p>
      <dl className={styles.details}>
        {summary.guestName ? (
          <div>
            <dt>{t('guest')}</dt>
            <dd>{summary.guestName}</dd>
          </div>
        ) : null}
        {reservation?.number ? (
          <div>
            <dt>{t('reservation')}</dt>
            <dd>{reservation.number}</dd>
          </div>
        ) : null}
        {stay ? (
          <div>
            <dt>{t('stay')}</dt>
            <dd data-testid="stay">{stay}</dd>
          </div>
        ) : null}
      </dl>
    </section>
  );
}
