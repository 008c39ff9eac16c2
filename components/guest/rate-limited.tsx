import { getTranslations } from 'next-intl/server';
import type { PropertyIdentity } from '@/lib/payments/property/identity';
import { canSayHowToReach, sentenceWithContact } from './hotel-contact';
import { StatusMessage } from './status-message';

/**
 * Shown instead of a guest page when this address made too many requests in a short time
 * (lib/payments/guest-rate-limit): how long to wait, a plain link to try again after that, and
 * how to reach the hotel meanwhile.
 */
export async function RateLimitedMessage(props: {
  retryAfterSeconds: number;
  retryHref: string;
  identity: PropertyIdentity;
}) {
  const t = await getTranslations('status');
  const hotel = props.identity.name.trim();
  return (
    <StatusMessage tone="warning" title={t('rateLimitedTitle')} testId="rate-limited">
      <p>{t('rateLimitedBody', { seconds: props.retryAfterSeconds })}</p>
      {hotel && canSayHowToReach(props.identity) ? (
        <p data-testid="status-contact">
          {await sentenceWithContact(props.identity, (contact) =>
            t('rateLimitedContact', { hotel, contact }),
          )}
        </p>
      ) : null}
      <p>
        <a href={props.retryHref}>{t('tryAgain')}</a>
      </p>
    </StatusMessage>
  );
}
