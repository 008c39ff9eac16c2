import { getTranslations } from 'next-intl/server';
import { StatusMessage } from './status-message';

/**
 * Shown instead of a guest page when this address made too many requests in a short time
 * (lib/payments/guest-rate-limit): how long to wait, and a plain link to try again after that.
 */
export async function RateLimitedMessage(props: { retryAfterSeconds: number; retryHref: string }) {
  const t = await getTranslations('status');
  return (
    <StatusMessage tone="warning" title={t('rateLimitedTitle')} testId="rate-limited">
      <p>{t('rateLimitedBody', { seconds: props.retryAfterSeconds })}</p>
      <p>
        <a href={props.retryHref}>{t('tryAgain')}</a>
      </p>
    </StatusMessage>
  );
}
