import { getLocale, getTranslations } from 'next-intl/server';
import { formatMoney } from '@/lib/money';
import type { GuestCheckoutView } from '@/lib/payments/guest/types';
import { StatusMessage } from './status-message';

/**
 * A hold link whose hold Mews has placed (read back from Mews by the server): what is held, for
 * whom, and that nothing was charged. Shown by the pay page and the return page.
 */
export async function HoldPlaced({ view }: { view: Extract<GuestCheckoutView, { kind: 'held' }> }) {
  const [locale, t] = await Promise.all([getLocale(), getTranslations('checkout')]);
  return (
    <StatusMessage
      tone="success"
      eyebrow={view.hotelName}
      title={t('heldTitle')}
      testId="hold-placed"
    >
      <p>
        {t('heldBody', {
          amount: formatMoney(view.amountMinor, view.currency, locale),
          hotel: view.hotelName,
        })}
      </p>
      <p>{t('heldNote')}</p>
      <p className="muted">{view.description}</p>
    </StatusMessage>
  );
}
