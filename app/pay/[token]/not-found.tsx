import { getTranslations } from 'next-intl/server';
import { StatusMessage } from '@/components/guest/status-message';

/** An unknown or mistyped link: a real 404, with no hint whether such a link ever existed. */
export default async function PaymentLinkNotFound() {
  const t = await getTranslations('status');
  return (
    <StatusMessage tone="error" title={t('notFoundTitle')} testId="link-not-found">
      <p>{t('notFoundBody')}</p>
    </StatusMessage>
  );
}
